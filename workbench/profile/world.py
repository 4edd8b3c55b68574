"""The world layer: every state, the main international organisations, NGOs, monitoring
groups, think tanks and news agencies, under every conflict profile.

A profile lists its conflict's own actors; the world layer lets a statement by any other
state or organisation keep its affiliation ("Norway's ambassador", "the UN Security
Council", "a researcher at Human Rights Watch"). It is packaged data
(``resources/world.yaml``, its sources named in its header), merged under a profile by the
profile reader: whatever the profile spells itself wins, entry by entry and spelling by
spelling. A profile turns it off with ``world: false``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache

import yaml

from ..core.resources import resource_path
from .model import Actor, GenericActor, demonym_plural, fold

# Templates of generic actors that name an institution, which the world layer fills in for
# every state ("Danish Foreign Ministry"); a person's title ("{demonym} Prime Minister") is
# left to the text, which names the holder.
_INSTITUTION_TYPES = (
    (re.compile(r"(?i)\b(?:ministry|office|department)\b"), "ministry"),
    (re.compile(r"(?i)\b(?:staff|forces|army|military|navy|air force)\b"), "military"),
    (re.compile(r"(?i)\b(?:government|authorities|parliament|council)\b"), "government"),
)


@dataclass(frozen=True)
class State:
    """A state as the world layer knows it."""

    name: str
    demonym: str
    names: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    capital_is_metonym: bool = True
    ambiguous: bool = False


@dataclass(frozen=True)
class Organisation:
    """An IGO or one of its organs (``type`` igo), a group (``type`` other), or a state's
    body whose name carries no country word (``type`` government, ministry or military)."""

    name: str
    aliases: tuple[str, ...]
    affiliation: str
    type: str


@dataclass(frozen=True)
class World:
    """The parsed world layer, with the hash of its file for cache keys."""

    states: tuple[State, ...]
    organisations: tuple[Organisation, ...]
    news_agencies: tuple[str, ...]
    digest: str


@lru_cache(maxsize=1)
def world() -> World:
    """The packaged world layer, read once."""
    raw = resource_path("world.yaml").read_bytes()
    data = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    states = tuple(
        State(
            s["name"],
            s["demonym"],
            tuple(s.get("names", ())),
            tuple(s.get("capitals", ())),
            s.get("capital_is_metonym", True),
            s.get("ambiguous", False),
        )
        for s in data["states"]
    )
    organisations = tuple(
        Organisation(o["name"], tuple(o.get("aliases", ())), o.get("affiliation", o["name"]), kind)
        for section, kind in (("organisations", "igo"), ("groups", "other"))
        for o in data.get(section, ())
    )
    organisations += tuple(
        Organisation(
            b["name"], tuple(b.get("aliases", ())), b["state"], b.get("type", "government")
        )
        for b in data.get("state_bodies", ())
    )
    agencies = tuple(
        spelling
        for a in data.get("news_agencies", ())
        for spelling in (a["name"], *a.get("aliases", ()))
    )
    return World(states, organisations, agencies, hashlib.sha256(raw).hexdigest())


_WITH_THE = re.compile(
    r"(?:Islands|Republic|Kingdom|Emirates|Netherlands|Bahamas|Philippines|Comoros|Maldives|"
    r"Seychelles|^United .*|^Gambia|^Holy See)$"
)


def _with_the(name: str) -> str:
    """'the Netherlands', 'the Czech Republic', 'the Gambia'; 'Denmark'."""
    return f"the {name}" if _WITH_THE.search(name) else name


def institution_type(template: str) -> str | None:
    """The actor type of a generic template that names an institution, else None.

    >>> institution_type("{demonym} Foreign Ministry"), institution_type("{demonym} President")
    ('ministry', None)
    """
    return next((kind for pattern, kind in _INSTITUTION_TYPES if pattern.search(template)), None)


class WorldMerge:
    """Adds the world layer under what a profile already declares.

    ``places`` (folded country word -> affiliation) and ``spelled`` (folded actor spellings)
    are what the profile declares; a world spelling the profile already uses is left out,
    so the profile's own entry wins. ``ambiguous`` collects the state names that are also
    first names or ordinary words (Chad, Jordan), which are not matched bare.
    """

    def __init__(self, layer: World, places: dict[str, str], spelled: set[str]) -> None:
        self.layer, self.places, self.spelled = layer, places, spelled
        # world affiliation -> the profile's name for it ("OSCE" for the OSCE's long name)
        self.renamed: dict[str, str] = {}
        self.ambiguous: set[str] = set()

    def _free(self, spellings: tuple[str, ...] | list[str]) -> list[str]:
        """The spellings no profile entry has claimed, each claimed now."""
        out = []
        for s in spellings:
            if fold(s) not in self.spelled:
                self.spelled.add(fold(s))
                out.append(s)
        return out

    def affiliations(
        self,
        demonyms: dict[str, str],
        countries: dict[str, tuple[str, ...]],
        organisations: list[str],
    ) -> None:
        """Add every state's demonym and names and every organisation as an affiliation."""
        for state in self.layer.states:
            words = [state.name, *state.names, state.demonym]
            owner = next((self.places[fold(w)] for w in words if fold(w) in self.places), None)
            aff = owner or state.name
            self.renamed[state.name] = aff
            if aff not in demonyms and fold(state.demonym) not in self.places:
                demonyms[aff] = state.demonym
                self.places[fold(state.demonym)] = aff
            if state.ambiguous and owner is None:
                self.ambiguous.add(fold(state.name))
            names = [state.name] if aff != state.name and not state.ambiguous else []
            names += list(state.names)
            new = tuple(n for n in names if fold(n) not in self.places)
            for n in new:
                self.places[fold(n)] = aff
            if new:
                countries[aff] = (*countries.get(aff, ()), *new)
            if owner is None:
                self.places[fold(state.name)] = aff
        declared = {fold(o): o for o in organisations}
        for org in self.layer.organisations:
            spellings = (org.name, *org.aliases)
            own = next((declared[fold(s)] for s in spellings if fold(s) in declared), None)
            self.renamed[org.name] = own or org.name
        for org in self.layer.organisations:
            aff = self.renamed.get(org.affiliation, org.affiliation)
            if aff not in declared.values() and aff not in demonyms:
                organisations.append(aff)
                declared[fold(aff)] = aff

    def actors(
        self, actors: dict[str, Actor], demonyms: dict[str, str], generics: list[GenericActor]
    ) -> None:
        """Add each state's government and institutions, and every organisation, as actors
        the profile does not already have."""
        for state in self.layer.states:
            aff = self.renamed[state.name]
            demonym = demonyms.get(aff)
            if demonym is None:
                continue
            name = f"{demonym} government"
            if name in actors:
                extra = [
                    f"government of {_with_the(state.name)}",
                    f"{state.name}'s government",
                    *_officials(demonym, state.name),
                ]
                extra, people = self._free(extra), self._free(_people(demonym))
                actors[name] = replace(
                    actors[name],
                    aliases=(*actors[name].aliases, *extra),
                    metonyms=(*actors[name].metonyms, *people),
                )
            elif fold(name) not in self.spelled:
                aliases = [
                    f"government of {_with_the(state.name)}",
                    f"{state.name}'s government",
                    f"{demonym} authorities",
                    f"{demonym} officials",
                    f"{demonym} official",  # "a Cuban official said": names whom he speaks for
                    f"{demonym} diplomats",
                    f"{demonym} diplomat",
                    *_officials(demonym, state.name),
                ]
                capitals = self._free(state.capitals if state.capital_is_metonym else ())
                capitals += self._free(_people(demonym))
                self.spelled.add(fold(name))
                actors[name] = Actor(
                    name, aff, "government", tuple(self._free(aliases)), (), tuple(capitals)
                )
            for generic in generics:
                kind = institution_type(generic.template)
                if kind is None or aff in generic.overrides:
                    continue
                name = generic.template.format(demonym=demonym, affiliation=aff)
                if name not in actors and fold(name) not in self.spelled:
                    self.spelled.add(fold(name))
                    actors[name] = Actor(name, aff, kind)
        for org in self.layer.organisations:
            name = self.renamed[org.name]
            if name in actors:  # the profile's entry, with the world's other spellings
                extra = self._free([org.name, *org.aliases])
                actors[name] = replace(actors[name], aliases=(*actors[name].aliases, *extra))
                continue
            if fold(org.name) in self.spelled:
                continue
            aff = self.renamed.get(org.affiliation, org.affiliation)
            aliases = self._free([org.name, *org.aliases] if name != org.name else org.aliases)
            self.spelled.add(fold(name))
            actors[name] = Actor(name, aff, org.type, tuple(a for a in aliases if a != name))


def _officials(demonym: str, state: str) -> list[str]:
    """Plural heads that speak for a state's government ("Ukrainian leaders said",
    "officials in Ukraine said"), as the guide's conventions count them."""
    return [
        f"{demonym} leaders",
        f"{demonym} security officials",
        f"{demonym} government officials",
        f"officials in {_with_the(state)}",
    ]


def _people(demonym: str) -> list[str]:
    """A state's people with the article ("the Ukrainians have assured …"): a metonym, the
    government when it speaks, a place otherwise; not "the British", which opens "the
    British military" as often."""
    return [f"the {plural}" for plural in demonym_plural(demonym)]
