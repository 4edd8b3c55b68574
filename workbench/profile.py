"""Conflict profiles: sides, actors, aliases, titles and framing terms, read from one YAML file.

Everything conflict-specific lives in the profile, so no other module names a country.
``load_profile(name)`` reads ``data/profiles/<name>.yaml`` (any other value is a path to the
analyst's own file), checks the whole file and reports every problem with its line in one
:class:`ProfileError`. Loaded profiles are cached until the file changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import yaml

DEFAULT_PROFILE = "karabakh"
ACTOR_TYPES = (
    "head_of_state head_of_government minister ministry military spokesperson government igo "
    "separatist_authority party_politician religious media other"
).split()
_REPO_PROFILES = Path(__file__).resolve().parents[1] / "data" / "profiles"
# Letters without a Unicode decomposition, which NFKD alone would keep (Kalın, Wałęsa).
_FOLD_TABLE = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"}
    | dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4", "'")
    | dict.fromkeys("\u201c\u201d\u201e\u00ab\u00bb", '"')
    | dict.fromkeys("-\u2010\u2011\u2012\u2013\u2014\u2212", " ")
)
# What each kind of entry may hold: key -> kind of value, "!" when required.
_SCHEMA: dict[str, dict[str, str]] = {
    "profile": {"name": "str!", "description": "str", "sides": "map!", "demonyms": "map"}
    | {"country_names": "map", "organisations": "strs", "generic_actors": "list"}
    | {"actors": "list!", "framing_terms": "list"},
    "side": {"members": "strs!", "note": "str"},
    "actor": {"name": "str!", "affiliation": "str!", "type": "str!", "aliases": "strs"}
    | {"titles": "list", "metonyms": "strs", "side": "str", "note": "str"},
    "title": {"pattern": "names!", "from": "date", "to": "date", "regex": "bool", "note": "str"},
    "framing term": {"term": "str!", "side": "str!", "weight": "number!", "note": "str"},
    "generic actor": {"phrases": "strs!", "template": "str!", "overrides": "map", "note": "str"},
}
_WANTED = {"str": "a non-empty string", "strs": "a list of strings", "list": "a list"}
_WANTED |= {"names": "a string or a list of strings", "bool": "true or false"}
_WANTED |= {"map": "a mapping", "entry": "a mapping"}
_WANTED |= {"number": "a positive number", "date": "a date (YYYY-MM-DD) or null"}


class ProfileError(ValueError):
    """A profile could not be read; the message names the file, each line and what is wrong."""

    def __init__(self, path: str | Path, problems: list[tuple[int, str]]) -> None:
        self.path, self.problems, name = str(path), sorted(problems), Path(path).name
        lines = [
            f"  {name}, line {n}: {msg}" if n else f"  {name}: {msg}" for n, msg in self.problems
        ]
        super().__init__(f"invalid profile {path} ({len(lines)} problem(s)):\n" + "\n".join(lines))


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
    return " ".join("".join(c for c in bare if not unicodedata.combining(c)).casefold().split())


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
            for word in dict.fromkeys(
                [aff, self.demonyms.get(aff, aff), *self.country_names.get(aff, ())]
            ):
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


def available_profiles() -> list[str]:
    """Names of the built-in profiles.

    Examples
    --------
    >>> "russia_ukraine" in available_profiles()
    True
    """
    return sorted({p.stem for d in _builtin_dirs() if d.is_dir() for p in d.glob("*.yaml")})


def _builtin_dirs() -> list[Path]:
    """Where built-in profiles live: the repository's data/, then a packaged copy, if any."""
    return [_REPO_PROFILES, Path(str(resources.files("workbench") / "resources" / "profiles"))]


def load_profile(name_or_path: str | Path | Profile = DEFAULT_PROFILE) -> Profile:
    """Load and validate a conflict profile; cached until the file changes.

    Parameters
    ----------
    name_or_path
        A built-in profile name (see :func:`available_profiles`), a path to the analyst's
        own YAML file, or an already loaded :class:`Profile`, returned as it is.

    Returns
    -------
    Profile

    Raises
    ------
    ProfileError
        Naming the file and, for every problem found, its line and entry.

    Examples
    --------
    >>> profile = load_profile("russia_ukraine")
    >>> profile.stances, load_profile("russia_ukraine") is profile
    (('pro_ukraine', 'pro_russia', 'neutral'), True)
    """
    if isinstance(name_or_path, Profile):
        return name_or_path
    path = Path(name_or_path).expanduser()
    if isinstance(name_or_path, str) and re.fullmatch(r"[\w-]+", name_or_path):
        builtin = [d / f"{name_or_path}.yaml" for d in _builtin_dirs()]
        path = next((p for p in builtin if p.is_file()), path)
    if not path.is_file():
        known = ", ".join(available_profiles())
        raise ProfileError(path, [(0, f"no such profile file (built-in profiles: {known})")])
    stat = path.resolve().stat()
    return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _load_cached(path: str, mtime_ns: int, size: int) -> Profile:
    """Parse a profile; mtime and size are in the key so an edited file is read again."""
    return _Reader(Path(path)).profile()


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
        named = items.get(label)
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
            root = yaml.compose(raw.decode("utf-8"), Loader=yaml.SafeLoader)
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
        if self.problems:
            raise ProfileError(self.path, self.problems)
        countries = {a: tuple(w for w, _ in words) for a, words in names.items()}
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
        )

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
