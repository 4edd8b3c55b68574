"""Reading a profile file: YAML nodes (which keep their lines) checked and built into a
:class:`~workbench.profile.model.Profile`, with every problem collected into one ProfileError.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import string
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ..core.errors import ProfileError
from .model import ACTOR_TYPES, Actor, FramingTerm, GenericActor, Profile, Title, _as_date, fold
from .world import WorldMerge, world

# The C parser where PyYAML has it (same nodes and lines, several times faster).
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_WANTED = {"str": "a non-empty string", "strs": "a list of strings", "list": "a list"}
_WANTED |= {"names": "a string or a list of strings", "bool": "true or false"}
_WANTED |= {"map": "a mapping", "entry": "a mapping"}
_WANTED |= {"number": "a positive number", "date": "a date (YYYY-MM-DD) or null"}

# What each kind of entry may hold: key -> kind of value, "!" when required.
_SCHEMA: dict[str, dict[str, str]] = {
    "profile": {"name": "str!", "description": "str", "sides": "map!", "demonyms": "map"}
    | {"country_names": "map", "organisations": "strs", "generic_actors": "list"}
    | {"actors": "list!", "framing_terms": "list", "world": "bool", "lexicons": "map"},
    "side": {"members": "strs!", "note": "str"},
    "actor": {"name": "str!", "affiliation": "str!", "type": "str!", "aliases": "strs"}
    | {"titles": "list", "metonyms": "strs", "side": "str", "note": "str"},
    "title": {"pattern": "names!", "from": "date", "to": "date", "regex": "bool", "note": "str"},
    "framing term": {"term": "str!", "side": "str!", "weight": "number!", "note": "str"},
    "generic actor": {"phrases": "strs!", "template": "str!", "overrides": "map", "note": "str"},
}


# The packaged lexicons a profile may replace with its own files (``lexicons:``).
LEXICONS = {
    "reporting_verbs": "reporting_verbs.txt",
    "position_verbs": "position_verbs.txt",
    "acts": "acts.yaml",
    "abbreviations": "abbreviations.txt",
}


def read_profile(path: Path) -> Profile:
    """Parse and check the profile file at ``path``."""
    return _Reader(path).profile()


def _line(node: yaml.Node) -> int:
    """The 1-based line a YAML node starts on."""
    return node.start_mark.line + 1


def _overlap(a: Title, b: Title) -> bool:
    """Whether two dated titles name their holders on a common day."""
    lo, hi = dt.date.min, dt.date.max
    return (a.start or lo) < (b.end or hi) and (b.start or lo) < (a.end or hi)


class _Bad(Exception):
    """A value of the wrong kind: args are (node, message)."""


class _Reader:
    """Builds a Profile from the composed YAML nodes, which keep their lines, collecting
    every problem rather than stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path, self.loader = path, yaml.SafeLoader("")
        self.problems: list[tuple[int, str]] = []
        # folded spelling -> (the entry that has it, line): actor spellings and generic phrases
        # share one space (they are matched together); countries and framing terms have theirs.
        self.spelled: dict[str, tuple[str, int]] = {}
        self.places: dict[str, tuple[str, int]] = {}
        self.terms: dict[str, tuple[str, int]] = {}

    def bad(self, where: yaml.Node | int, entry: str, message: str) -> None:
        self.problems.append(
            (where if isinstance(where, int) else _line(where), f"{entry}: {message}")
        )

    def claim(self, space: dict, text: str, node: yaml.Node, entry: str, what: str = "") -> None:
        """Record a spelling; the same folded spelling in two entries is ambiguous."""
        other, line = space.setdefault(fold(text), (entry, _line(node)))
        if other != entry:
            where = f" (line {line})" if line else ""
            self.bad(node, entry, f"{what}{text!r} is also a spelling of {other}{where}")

    def convert(self, kind: str, node: yaml.Node) -> Any:
        """The value of ``node`` as ``kind`` (a key of _WANTED), or _Bad saying what it is."""
        value: Any = None
        if isinstance(node, yaml.ScalarNode):
            try:
                value = self.loader.construct_object(node, deep=True)
            except (ValueError, yaml.YAMLError):  # an impossible date such as 2020-02-30
                value = node.value
        if kind in ("map", "entry") and isinstance(node, yaml.MappingNode):
            out: dict[str, yaml.Node] = {}
            for key, item in node.value:  # an entry reports its duplicates itself, by name
                if str(key.value) in out and kind == "map":
                    raise _Bad(key, f"duplicate key {key.value!r}")
                out.setdefault(str(key.value), item)
            return out
        if kind in ("list", "strs", "names") and isinstance(node, yaml.SequenceNode):
            return (
                node.value if kind == "list" else [(self.convert("str", n), n) for n in node.value]
            )
        if kind == "names" and isinstance(value, str):
            return [(self.convert("str", node), node)]
        if kind == "str" and isinstance(value, str) and value.strip():
            return " ".join(value.split())
        if kind == "number" and type(value) in (int, float) and value > 0:
            return float(value)
        if kind == "bool" and isinstance(value, bool) or kind == "date" and value is None:
            return value
        if kind == "date" and isinstance(value, dt.date | str):
            try:
                return _as_date(value)
            except ValueError:
                pass
        found = "a mapping" if isinstance(node, yaml.MappingNode) else repr(value)
        found = "a list" if isinstance(node, yaml.SequenceNode) else found
        raise _Bad(node, f"expected {_WANTED[kind]}, found {found}")

    def fields(
        self, node: yaml.Node, schema: str, label: str = "", entry: str = ""
    ) -> tuple[dict[str, Any], str]:
        """An entry's checked values (``@key`` holds a key's node) and its name for messages,
        ``entry`` or the schema's name with the value of its ``label`` key."""
        spec, values = _SCHEMA[schema], {}
        try:
            items = self.convert("entry", node)
        except _Bad as exc:
            self.bad(exc.args[0], entry or schema, exc.args[1])
            return {}, entry or schema
        named = items.get(label) if label else None  # the profile has no label: not key ''
        if not entry:
            entry = f"{schema} {named.value!r}" if isinstance(named, yaml.ScalarNode) else schema
        for key_node, _ in node.value:
            if items[str(key_node.value)] is not _:
                self.bad(key_node, entry, f"duplicate key {key_node.value!r}")
        for key, item in items.items():
            try:
                if key not in spec:
                    raise _Bad(item, f"unknown key {key!r} (allowed: {', '.join(spec)})")
                values[key], values["@" + key] = self.convert(spec[key].rstrip("!"), item), item
            except _Bad as exc:
                self.bad(exc.args[0], entry, f"{key}: {exc.args[1]}")
        for key in (k for k, kind in spec.items() if kind.endswith("!") and k not in items):
            self.bad(node, entry, f"missing required key {key!r}")
        return values, entry

    def pairs(self, items: dict[str, yaml.Node], entry: str, kind: str) -> dict[str, Any]:
        """A mapping whose values must all be of one kind."""
        out = {}
        for key, node in items.items():
            try:
                out[key] = self.convert(kind, node)
            except _Bad as exc:
                self.bad(exc.args[0], entry, f"{key}: {exc.args[1]}")
        return out

    def profile(self) -> Profile:
        raw = self.path.read_bytes()
        try:
            root = yaml.compose(raw.decode("utf-8"), Loader=_COMPOSER)
        except yaml.MarkedYAMLError as exc:
            mark, start = exc.problem_mark or exc.context_mark, exc.context_mark
            message = f"YAML syntax error: {exc.problem or exc.context}"
            if start and exc.context and start is not mark:  # where the open bracket/quote began
                message += f" ({exc.context} at line {start.line + 1})"
            raise ProfileError(self.path, [(mark.line + 1 if mark else 0, message)]) from None
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ProfileError(self.path, [(0, f"not a readable YAML file: {exc}")]) from None
        if root is None:
            raise ProfileError(self.path, [(0, "the file is empty")])
        top = self.fields(root, "profile")[0]
        sides: dict[str, tuple[str, ...]] = {}
        owner: dict[str, str] = {}  # side member -> its side
        for key_node, node in top["@sides"].value if "sides" in top else []:
            side = str(key_node.value)
            spec, entry = self.fields(node, "side", entry=f"side {side!r}")
            if not re.fullmatch(r"[a-z][a-z0-9_]*", side) or side == "neutral":
                self.bad(key_node, entry, "a side is a lower-case identifier, not 'neutral'")
            for member, at in spec.get("members", []):
                if owner.setdefault(member, side) != side:
                    self.bad(at, entry, f"{member!r} is already on side {owner[member]!r}")
            sides[side] = tuple(m for m, _ in spec.get("members", []))
        demonyms = self.pairs(top.get("demonyms", {}), "demonyms", "str")
        orgs = tuple(o for o, _ in top.get("organisations", []))
        known = {*owner, *demonyms, *orgs, "none"}
        names = self.pairs(top.get("country_names", {}), "country_names", "strs")
        for aff in known:
            for word in {aff, demonyms.get(aff, aff)}:
                self.places.setdefault(fold(word), (f"affiliation {aff!r}", 0))
        for aff, words in names.items():
            self.check_affiliation(aff, known, top["@country_names"], "country_names")
            for word, at in words:
                self.claim(self.places, word, at, f"affiliation {aff!r}")
        countries = {a: tuple(w for w, _ in words) for a, words in names.items()}
        merge = None
        if top.get("world", True):  # the world layer under the profile's own entries
            own_places = {fold(w): a for a in known for w in (a, demonyms.get(a, a))}
            own_places |= {fold(w): a for a, words in countries.items() for w in words}
            merge, orgs_list = WorldMerge(world(), own_places, set()), list(orgs)
            merge.affiliations(demonyms, countries, orgs_list)
            orgs = tuple(orgs_list)
            known |= {*demonyms, *orgs}
        actors: dict[str, Actor] = {}
        for node in top.get("actors", []):
            actor = self.actor(node, sides, owner, known)
            if actor and actors.setdefault(actor.name, actor) is not actor:
                first = actors[actor.name].line
                self.bad(node, f"actor {actor.name!r}", f"listed twice (first at line {first})")
        self.check_titles(list(actors.values()))
        terms = [t for n in top.get("framing_terms", []) if (t := self.term(n, sides))]
        generics = [
            g for n in top.get("generic_actors", []) if (g := self.generic(n, known, actors))
        ]
        lexicons = self.lexicons(top.get("lexicons", {}))
        if self.problems:
            raise ProfileError(self.path, self.problems)
        for lexicon in lexicons.values():  # an edited lexicon is a new profile for the caches
            raw += lexicon.read_bytes()
        if merge is not None:
            merge.spelled = set(self.spelled)
            merge.actors(actors, demonyms, generics)
            raw += world().digest.encode()
        return Profile(
            name=top["name"],
            description=top.get("description", ""),
            path=self.path,
            profile_hash=hashlib.sha256(raw).hexdigest(),
            sides=MappingProxyType(sides),
            actors=tuple(actors.values()),
            framing_terms=tuple(terms),
            demonyms=MappingProxyType(demonyms),
            country_names=MappingProxyType(countries),
            organisations=orgs,
            generic_actors=tuple(generics),
            news_agencies=frozenset(fold(a) for a in world().news_agencies)
            if merge
            else frozenset(),
            ambiguous_names=frozenset(merge.ambiguous) if merge else frozenset(),
            lexicons=MappingProxyType(lexicons),
        )

    def lexicons(self, nodes: dict[str, yaml.Node]) -> dict[str, Path]:
        """The analyst's own lexicons, in place of the packaged ones: name -> file,
        relative to the profile's folder; each must be a readable file."""
        out = {}
        for name, node in nodes.items():
            entry = f"lexicons: {name}"
            try:
                value = self.convert("str", node)
            except _Bad as exc:
                self.bad(exc.args[0], entry, exc.args[1])
                continue
            if name not in LEXICONS:
                self.bad(node, entry, f"is not one of {', '.join(sorted(LEXICONS))}")
                continue
            path = (self.path.parent / Path(value).expanduser()).resolve()
            if not path.is_file():
                self.bad(node, entry, f"{value!r} is not a file (looked at {path})")
                continue
            out[name] = path
        return out

    def check_affiliation(self, aff: str, known: set[str], node: yaml.Node, entry: str) -> None:
        if aff not in known:
            message = "is not declared (in a side's members, demonyms or organisations)"
            self.bad(node, entry, f"affiliation {aff!r} {message}")

    def actor(
        self, node: yaml.Node, sides: Mapping[str, Any], owner: dict[str, str], known: set[str]
    ) -> Actor | None:
        spec, entry = self.fields(node, "actor", "name")
        name, aff, kind, side = (spec.get(k) for k in ("name", "affiliation", "type", "side"))
        if kind and kind not in ACTOR_TYPES:
            self.bad(
                spec["@type"], entry, f"unknown actor type {kind!r} ({', '.join(ACTOR_TYPES)})"
            )
        if aff:
            self.check_affiliation(aff, known, spec["@affiliation"], entry)
        if side and side not in {*sides, "none"}:
            self.bad(
                spec["@side"], entry, f"unknown side {side!r} (sides: {', '.join(sides)}, none)"
            )
        elif side and aff in known and side != owner.get(aff, "none"):
            message = f"does not match affiliation {aff!r}, which is on {owner.get(aff, 'none')!r}"
            self.bad(spec["@side"], entry, f"side {side!r} {message}")
        titles = tuple(t for n in spec.get("titles", []) for t in self.title(n, entry))
        if not (name and aff and kind):
            return None
        aliases, metonyms = spec.get("aliases", []), spec.get("metonyms", [])
        for text, at in [(name, spec["@name"]), *aliases, *metonyms]:
            self.claim(self.spelled, text, at, entry)
        aliases, metonyms = tuple(a for a, _ in aliases), tuple(m for m, _ in metonyms)
        return Actor(name, aff, kind, aliases, titles, metonyms, _line(node))

    def title(self, node: yaml.Node, entry: str) -> list[Title]:
        spec = self.fields(node, "title", entry=entry)[0]
        start, end, regex = spec.get("from"), spec.get("to"), spec.get("regex", False)
        if start and end and end <= start:
            self.bad(node, entry, f"title ends ({end}) before it starts ({start})")
        out = []
        for text, at in spec.get("pattern", []):
            try:
                out.append(Title(text, start, end, regex, _line(at)))
                re.compile(text) if regex else None
            except re.error as exc:
                self.bad(at, entry, f"bad regex {text!r} in title: {exc}")
        return out

    def check_titles(self, actors: list[Actor]) -> None:
        """A title may not be another actor's spelling, nor name two people on the same day."""
        seen: dict[str, list[tuple[Title, str]]] = {}
        for actor in actors:
            entry = f"actor {actor.name!r}"
            for title in actor.titles:
                other, line = self.spelled.get(fold(title.pattern), (entry, 0))
                if other != entry and not title.regex:
                    message = f"is also a spelling of {other} (line {line})"
                    self.bad(title.line, entry, f"title {title.pattern!r} {message}")
                for prev, prev_entry in seen.setdefault(fold(title.pattern), []):
                    if prev_entry != entry and _overlap(title, prev):
                        message = f"overlaps in time with the same title of {prev_entry}"
                        self.bad(title.line, entry, f"{message} (line {prev.line})")
                seen[fold(title.pattern)].append((title, entry))

    def term(self, node: yaml.Node, sides: Mapping[str, Any]) -> FramingTerm | None:
        spec, entry = self.fields(node, "framing term", "term")
        if "side" in spec and spec["side"] not in sides:
            message = f"unknown side {spec['side']!r} (sides: {', '.join(sides)})"
            self.bad(spec["@side"], entry, message)
        elif {"term", "side", "weight"} <= set(spec):
            self.claim(self.terms, spec["term"], node, entry, "term ")
            return FramingTerm(spec["term"], spec["side"], spec["weight"], spec.get("note", ""))
        return None

    def generic(
        self, node: yaml.Node, known: set[str], actors: dict[str, Actor]
    ) -> GenericActor | None:
        spec, entry = self.fields(node, "generic actor", "template")
        phrases, template = spec.get("phrases", []), spec.get("template", "")
        try:
            fields = {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}
        except ValueError as exc:
            fields = {str(exc)}
        if fields - {"demonym", "affiliation"}:
            message = f"may use only {{demonym}} and {{affiliation}}, not {sorted(fields)}"
            self.bad(spec["@template"], entry, f"template {message}")
        overrides = self.pairs(spec.get("overrides", {}), entry, "str")
        titles = {fold(t.pattern) for actor in actors.values() for t in actor.titles}
        for aff, target in overrides.items():
            self.check_affiliation(aff, known, spec["@overrides"], entry)
            if fold(target) not in self.spelled and fold(target) not in titles:
                message = f"override for {aff!r} is no actor's spelling or title: {target!r}"
                self.bad(spec["@overrides"], entry, message)
        for phrase, at in phrases:
            self.claim(self.spelled, phrase, at, entry, "phrase ")
        if not (phrases and template):
            return None
        return GenericActor(tuple(p for p, _ in phrases), template, MappingProxyType(overrides))
