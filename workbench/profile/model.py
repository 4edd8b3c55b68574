"""Conflict profiles: sides, actors, aliases, titles and framing terms, read from one YAML file.

Everything conflict-specific lives in the profile, so no other module names a country.
This module holds what a profile is; :mod:`workbench.profile.reader` reads and checks a
file, and :mod:`workbench.profile.library` finds a profile by name and caches it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

ACTOR_TYPES = (
    "head_of_state head_of_government minister ministry military spokesperson government igo "
    "separatist_authority party_politician religious media other"
).split()
# Letters without a Unicode decomposition, which NFKD alone would keep (Kalın, Wałęsa).
_FOLD_TABLE = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"}
    | dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4", "'")
    | dict.fromkeys("\u201c\u201d\u201e\u00ab\u00bb", '"')
    | dict.fromkeys("-\u2010\u2011\u2012\u2013\u2014\u2212", " ")
)


class AliasEntry(NamedTuple):
    """One row of :meth:`Profile.alias_table`."""

    alias: str
    folded: str
    actor: str
    kind: str


@dataclass(frozen=True)
class Title:
    """A role title naming its holder from ``start`` (inclusive) to ``end`` (exclusive)."""

    pattern: str
    start: dt.date | None = None
    end: dt.date | None = None
    regex: bool = False
    line: int = field(default=0, compare=False)

    def covers(self, when: dt.date) -> bool:
        """Whether the title named this holder on ``when``."""
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass(frozen=True)
class Actor:
    """A speaker the profile knows: canonical name, affiliation, actor type and spellings."""

    name: str
    affiliation: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[Title, ...] = ()
    metonyms: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class FramingTerm:
    """A term whose use in an outlet's own wording leans an article towards ``side``."""

    term: str
    side: str
    weight: float
    note: str = ""


@dataclass(frozen=True)
class GenericActor:
    """Phrases such as 'the Foreign Ministry' whose country comes from the context."""

    phrases: tuple[str, ...]
    template: str
    overrides: Mapping[str, str] = field(default_factory=dict)


def fold(text: str) -> str:
    """Fold a spelling for matching: casefold, no diacritics, straight quotes, dashes as spaces.

    Examples
    --------
    >>> fold("Erdoğan") == fold("ERDOGAN"), fold("Zelenskyy’s  office")
    (True, "zelenskyy's office")
    """
    bare = unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE))
    if not bare.isascii():  # no ASCII character is a combining mark
        bare = bare.translate(_NOT_COMBINING)
    return " ".join(bare.casefold().split())


class _NotCombining(dict):
    """str.translate table that drops combining marks, each character looked up once."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_NOT_COMBINING = _NotCombining()


def _find(index: Mapping[str, list[tuple[str, Any]]], text: str) -> Any:
    """What ``text`` names in a folded index; a leading 'the' is optional and all-capital
    spellings (US, UN) keep their case, so 'us' is not the United States."""
    key, plain = fold(text), re.sub(r"(?i)^the\s+", "", " ".join(text.split()))
    for k in (key, key[4:]) if key.startswith("the ") else (key,):
        for written, value in index.get(k, ()):
            if written != written.upper() or not any(map(str.isalpha, written)) or plain == written:
                return value
    return None


def _as_date(value: object) -> dt.date | None:
    """A date from a date, datetime, pandas Timestamp or ISO string."""
    if isinstance(value, dt.datetime):  # pandas Timestamp included
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _entries(actor: Actor) -> list[AliasEntry]:
    """Alias-table rows for one actor, each written spelling once."""
    spellings = [(actor.name, "name"), *((a, "alias") for a in actor.aliases)]
    spellings += [(t.pattern, "title") for t in actor.titles if not t.regex]
    spellings += [(m, "metonym") for m in actor.metonyms]
    rows = {w: AliasEntry(w, fold(w), actor.name, kind) for w, kind in reversed(spellings)}
    return list(reversed(rows.values()))


@dataclass(frozen=True, eq=False)
class Profile:
    """A loaded, validated conflict profile; build it with :func:`load_profile`."""

    name: str
    description: str
    path: Path
    profile_hash: str
    sides: Mapping[str, tuple[str, ...]]
    actors: tuple[Actor, ...]
    framing_terms: tuple[FramingTerm, ...]
    demonyms: Mapping[str, str]
    country_names: Mapping[str, tuple[str, ...]]
    organisations: tuple[str, ...]
    generic_actors: tuple[GenericActor, ...]
    # from the world layer: folded names of news agencies (never the speaker of what they
    # relay) and state names that are also first names or words, not matched bare
    news_agencies: frozenset[str] = frozenset()
    ambiguous_names: frozenset[str] = frozenset()
    # the analyst's own lexicons in place of the packaged ones: name -> file (``lexicons:``)
    lexicons: Mapping[str, Path] = field(default_factory=dict)
    _index: dict[str, Any] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        spellings: dict[str, list[tuple[str, Any]]] = {}
        places: dict[str, list[tuple[str, Any]]] = {}
        for actor in self.actors:
            for e in _entries(actor):
                if e.kind != "title":
                    spellings.setdefault(e.folded, []).append((e.alias, actor))
                if e.kind == "metonym":
                    places.setdefault(e.folded, []).append((e.alias, actor.affiliation))
        members = [m for side in self.sides.values() for m in side]
        for aff in dict.fromkeys([*members, *self.demonyms, *self.organisations]):
            demonym = self.demonyms.get(aff, aff)
            for word in dict.fromkeys(
                [aff, demonym, *demonym_plural(demonym), *self.country_names.get(aff, ())]
            ):
                if fold(word) in self.ambiguous_names:
                    continue
                places.setdefault(fold(word), []).append((word, aff))
        index: dict[str, Any] = {"spellings": spellings, "places": places}
        index["names"] = {a.name: a for a in self.actors}
        titles: dict[str, list[tuple[Title, Actor]]] = {}  # folded -> holders; regex under ""
        index["titles"] = titles
        for actor in self.actors:
            for t in actor.titles:
                titles.setdefault("" if t.regex else fold(t.pattern), []).append((t, actor))
        index["generic"] = {fold(p): [(p, g)] for g in self.generic_actors for p in g.phrases}
        object.__setattr__(self, "_index", index)

    @property
    def stances(self) -> tuple[str, ...]:
        """Stance labels: ``pro_<side>`` for each side, then ``neutral``."""
        return (*(f"pro_{side}" for side in self.sides), "neutral")

    def side_of(self, affiliation: str | None) -> str | None:
        """The side an affiliation belongs to, or None for a third party.

        Examples
        --------
        >>> load_profile("russia_ukraine").side_of("Ukraine")
        'ukraine'
        """
        return next((s for s, members in self.sides.items() if affiliation in members), None)

    def stance_of(self, affiliation: str | None) -> str:
        """``pro_<side>`` for a side's own actors, ``neutral`` for a third party."""
        side = self.side_of(affiliation)
        return f"pro_{side}" if side else "neutral"

    def get_actor(self, name: str) -> Actor | None:
        """The actor with this canonical name, or None."""
        return self._index["names"].get(name)

    def alias_table(self, *, generic: bool = False) -> list[AliasEntry]:
        """Every spelling of every actor, for building a matcher.

        ``kind`` is ``name``, ``alias``, ``title`` (dated: settle it with :meth:`resolve_title`)
        or ``metonym``; regex titles are left out. All-capital aliases (``US``, ``TASS``) are
        acronyms, to be matched case-sensitively. ``generic=True`` adds the generic phrases,
        kind ``generic``, with their template as ``actor`` (see :meth:`resolve_generic`).

        Examples
        --------
        >>> table = load_profile("russia_ukraine").alias_table()
        >>> [e.actor for e in table if e.folded == "zelenskyy"]
        ['Volodymyr Zelensky']
        """
        rows = [entry for actor in self.actors for entry in _entries(actor)]
        if generic:
            rows += [
                AliasEntry(p, fold(p), g.template, "generic")
                for g in self.generic_actors
                for p in g.phrases
            ]
        return rows

    def lookup(self, text: str, date: object = None) -> Actor | None:
        """The actor a phrase names: name, alias or metonym, else a title held on ``date``.

        Examples
        --------
        >>> load_profile("russia_ukraine").lookup("the Kremlin").name
        'Kremlin'
        """
        return _find(self._index["spellings"], text) or self.resolve_title(text, date)

    def resolve_title(self, text: str, date: object = None) -> Actor | None:
        """The holder of a role title on ``date``; undated, only an unambiguous title resolves.

        Examples
        --------
        >>> profile = load_profile("russia_ukraine")
        >>> profile.resolve_title("US President", "2020-06-01").name
        'Donald Trump'
        >>> profile.resolve_title("U.S. president", dt.date(2022, 6, 1)).name
        'Joe Biden'
        """
        when, key, titles = _as_date(date), fold(text), self._index["titles"]
        candidates = titles.get(key, []) + titles.get(key.removeprefix("the "), [])
        candidates += [(t, a) for t, a in titles.get("", []) if re.fullmatch(t.pattern, key)]
        found = {a.name: a for t, a in candidates if when is None or t.covers(when)}
        return next(iter(found.values())) if len(found) == 1 else None

    def resolve_generic(
        self, phrase: str, affiliation: str | None, date: object = None
    ) -> Actor | None:
        """The actor a generic phrase names, once the context gives its affiliation.

        Examples
        --------
        >>> load_profile("russia_ukraine").resolve_generic("the Defence Ministry", "Russia").name
        'Russian Defence Ministry'
        """
        generic = _find(self._index["generic"], phrase)
        if generic is None or affiliation is None:
            return None
        demonym = self.demonyms.get(affiliation)
        if affiliation in generic.overrides:  # a phrase of its own, e.g. the US Secretary of State
            return self.lookup(generic.overrides[affiliation], date)
        if demonym is None:
            return None
        return self.lookup(generic.template.format(demonym=demonym, affiliation=affiliation), date)

    def place_table(self) -> list[tuple[str, str]]:
        """(written, affiliation) for every country name, demonym and metonym, for a matcher.

        Examples
        --------
        >>> ("Kyiv", "Ukraine") in load_profile("russia_ukraine").place_table()
        True
        """
        return [pair for pairs in self._index["places"].values() for pair in pairs]

    def affiliation_of(self, word: str) -> str | None:
        """The affiliation a country name, demonym, metonym or actor points to, for
        resolving context ("the Defence Ministry in Baku", "the Kremlin's ...").

        Examples
        --------
        >>> profile = load_profile("russia_ukraine")
        >>> profile.affiliation_of("Kyiv"), profile.affiliation_of("the Kremlin")
        ('Ukraine', 'Russia')
        """
        place = _find(self._index["places"], word)
        return place or getattr(self.lookup(word), "affiliation", None)


def demonym_plural(demonym: str) -> list[str]:
    """A demonym's plural for a state's people when it differs from the demonym
    ("Ukrainians", "Israelis"); not "British", "Chinese" (the same word), nor an
    organisation's name."""
    if not demonym[:1].isupper() or " " in demonym:
        return []
    return [] if demonym.endswith(("sh", "ch", "ese", "ss", "s")) else [f"{demonym}s"]
