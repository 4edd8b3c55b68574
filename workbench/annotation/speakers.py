"""Speakers without a profile: names, their chain through an article, titles and pronouns.

News names a person in full once ("longtime Democratic pollster Pat Caddell") and then by
surname ("Caddell"), honorific ("Mr. Caddell"), role ("the pollster") or pronoun ("he").
:class:`ArticlePeople` reads one article once and answers, for a phrase or a pronoun at a
position, which person it names:

- a *name* is a run of capitalised words (initials and particles such as "de" or "van"
  inside), with leading titles, honorifics and roles set aside ("Sen. Heidi Doe" -> "Heidi
  Doe", role ``senator``); a run with an institution word is an organisation;
- the *chain* maps a surname, an honorific with a surname or a transcript's capitals
  ("DOE:") to the full name written elsewhere in the article, when only one person has it;
- a *role* ("the senator") is the person last named with that role before it;
- a *pronoun* is the person last quoted or named as a subject whose gender fits, from
  honorifics (Mr, Ms), first names (``resources/names.yaml``) and the pronouns used for
  that person elsewhere.

Written by hand: no offline English model in the dependencies does names, titles and
within-article coreference together, and these rules are cheap and explainable.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from .cues import verb_cues
from .names import Name, NameWords, first_name_gender, fold_word, name_words, names_in

_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


@dataclass
class Person:
    """One person of an article: the fullest name written, gender, roles, where named."""

    name: str
    gender: str = ""  # m, f or '' (open)
    roles: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)
    descriptors: list[tuple[int, int]] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return fold_word(self.name.split()[-1])


_APPOSITION = re.compile(
    r",\s+(?!(?:said|says|say|told|tells|added|adds|noted|wrote|writes|asked|explained|argued|"
    r"insisted|continued|according|and|but|which|that)\b)"
    r"(?:(?:a|an|the|who is|who was|his|her|their)\s+)?"
    r"(?P<desc>[^,;:\"“”()]{2,120}?)\s*(?:,|(?<!\b[A-Z])\.(?=\s|$)|;|$)"  # not "U.S."
)


# "Jane Doe of the Brookings Institution said": what the words after a name make her.
# A description before a name: "the city's mayor", "Norway's ambassador", "Acme's chief".
_DESCRIPTION_FIRST = re.compile(
    r"\s*(?:(?:[Tt]he|[Aa]n?)\s+|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}['’]s\s+)"
    r"(?![^,]*\b(?:said|says|is|was|are|were|has|have|had|will|would)\b)"
)
_OF_AFTER = re.compile(
    r"\s+(?:of|at|from|with)\s+(?:the\s+)?(?P<desc>[A-Z][^,;:\"“”()]{1,80}?)"
    r"(?=\s*(?:[,.;]|$)|\s+[a-z])"
)


def _opens_with_verb(desc: str, verbs: frozenset[str]) -> bool:
    """Whether the words after a name's comma open with a reporting verb of ``verbs``: what
    the person did, not a description of them."""
    first = desc.split(maxsplit=1)[0] if desc.strip() else ""
    return first in verbs


# Where a description before a name can open: after a mark, not the stop of "U.N.".
_DESCRIPTION_START = re.compile(r'[,;:\n"“”]|(?<![A-Z])\.')


# A sentence's end before a name: a line break or a stop, not the stop of "U.N.".
_SENTENCE_STOP = re.compile(r"\n|(?<![A-Z])\. ")
# A word of a predicate or clause before a name, not of its title ("… drills that
# followed U.S. House Speaker Jane Doe's visit"): what precedes it describes someone else.
_PREDICATE_WORD = re.compile(
    r"(?<![\w-])(?!retired\b)(?:[a-z]+ed|is|was|are|were|has|have|had|that|which|who|whom|"
    r"to|says|said|told|made|make|get|gets|got)(?![\w-])"
)


def _sentence_end_before(text: str, at: int) -> bool:
    """Whether ``text[:at]`` ends with a sentence's end and spaces (``[.!?]["”’]?\\s+$``),
    read backwards from ``at`` instead of searched from the text's start."""
    k = at
    while k > 0 and text[k - 1].isspace():  # the characters of \s
        k -= 1
    if k == at:
        return False
    if k > 0 and text[k - 1] in '"”’':
        k -= 1
    return k > 0 and text[k - 1] in ".!?"


_TITLE_SAID = re.compile(
    r"\b(?P<title>(?:the|[A-Z][\w.]*['’]s) (?:[a-z-]+ ){0,2}(?:head|chief|director|"
    r"secretary[- ]general|president|leader|minister|spokes(?:man|woman|person)|ambassador|"
    r"governor|mayor)(?: of (?:the )?[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,4})?)"
    r" (?:has |have |had )?(?:said|says|warned|announced)\.\s+$"
)


class ArticlePeople:
    """The people of one article, read once; resolves names, roles and pronouns.

    Examples
    --------
    >>> text = "Pollster Pat Caddell spoke. Later Mr. Caddell said he was worried."
    >>> people = ArticlePeople(text)
    >>> people.canonical("Caddell"), people.gender("Pat Caddell")
    ('Pat Caddell', 'm')
    """

    def __init__(
        self,
        text: str,
        *,
        demonyms: frozenset[str] = frozenset(),
        verbs: frozenset[str] | None = None,
    ) -> None:
        verbs = verb_cues().speech_words if verbs is None else verbs
        self.text = text
        self.demonyms = demonyms
        self.names = names_in(text, demonyms=demonyms)
        self.people: dict[str, Person] = {}
        self._by_surname: dict[str, list[str]] = {}
        self._by_first: dict[str, list[str]] = {}
        words = name_words()
        persons = _shared_surnames(text, [n for n in self.names if n.kind == "person"], words)
        for n in sorted(persons, key=lambda n: -len(n.text.split())):
            self._register(n, words)
        for n in persons:
            person = self.people.get(self.canonical(n.text) or "")
            if person is None:
                continue
            person.positions.append(n.start)
            if n.role:
                person.roles.add(n.role)
            if not person.gender and n.honorific:
                person.gender = words.honorifics.get(n.honorific.casefold(), "-").strip("-")
            described = _APPOSITION.match(text, n.end) or _OF_AFTER.match(text, n.end)
            if described and _opens_with_verb(described.group("desc"), verbs):
                described = None  # "Jane Doe, accused Russia of lying": a predicate
            if described:
                desc = described.group("desc")
                person.descriptors.append((described.start("desc"), described.end("desc")))
                for role in _roles_in(desc, words):
                    person.roles.add(role)
            role_at = self._role_span(n)
            if role_at:
                person.descriptors.append(role_at)
            described_before = self._description_before(n) or self._title_said_before(n)
            if described_before:  # "Norway's ambassador, Jane Doe, said"
                person.descriptors.append(described_before)
                for role in _roles_in(text[described_before[0] : described_before[1]], words):
                    person.roles.add(role)
        for person in self.people.values():
            person.positions.sort()
        # a gender from the pronouns near a person is read when first asked (see gender)
        self._pronouns_unread = {name for name, person in self.people.items() if not person.gender}
        # (position, name) of every time a person is named, in order (see named_before)
        self._named = sorted(
            (p, person.name) for person in self.people.values() for p in person.positions
        )

    # -- building -------------------------------------------------------------
    def _register(self, n: Name, words: NameWords) -> None:
        tokens = n.text.split()
        key = fold_word(tokens[-1])
        if len(tokens) >= 2:
            known = self._by_surname.get(key, [])
            same = [k for k in known if fold_word(k.split()[0]) == fold_word(tokens[0])]
            if same:
                return  # "Donald J. Trump" after "Donald Trump": the same person
            self.people[n.text] = Person(n.text, gender=first_name_gender(tokens[0], words))
            self._by_surname.setdefault(key, []).append(n.text)
            self._by_first.setdefault(fold_word(tokens[0]), []).append(n.text)
        elif key not in self._by_surname and len(self._by_first.get(key, [])) != 1:
            # not "Victor" after "Victor Borisovich": the first name stands for him
            self.people[n.text] = Person(n.text)
            self._by_surname[key] = [n.text]

    def _description_before(self, n: Name) -> tuple[int, int] | None:
        """A description set off by a comma just before a name ("Norway's ambassador, Jane
        Doe," / "The city's mayor, Jane Doe,"), when one opens the sentence or clause."""
        text = self.text
        comma = text.rfind(",", max(0, n.start - 3), n.start)
        if comma < 0 or text[comma + 1 : n.start].strip():
            return None
        found = list(_DESCRIPTION_START.finditer(text, max(0, comma - 90), comma))
        opening = found[-1].end() if found else max(0, comma - 90)
        while opening < comma and text[opening] in " '’":  # after a quote closed with ''
            opening += 1
        segment = text[opening:comma]
        if not _DESCRIPTION_FIRST.match(segment) or len(segment.split()) > 9:
            return None
        return (opening, comma)

    def _title_said_before(self, n: Name) -> tuple[int, int] | None:
        """The title of the sentence before, when it ends with that title speaking and
        this name opens the next ("…, the head of Interpol has said. Jane Doe says …")."""
        if " " not in n.text or not _sentence_end_before(self.text, n.start):
            return None
        found = _TITLE_SAID.search(self.text, max(0, n.start - 160), n.start)
        return found.span("title") if found else None

    def _role_span(self, n: Name) -> tuple[int, int] | None:
        """Where the words before a name describe it ('Norway's ambassador Jane Doe')."""
        start = max(0, n.start - 60)
        stops = list(_SENTENCE_STOP.finditer(self.text, start, n.start))  # not "U.N. "
        start = stops[-1].end() if stops else start
        verbs = list(_PREDICATE_WORD.finditer(self.text, start, n.start))
        start = verbs[-1].end() if verbs else start  # "… called for the release of Jane Doe"
        cut = max(self.text.rfind(",", start, n.start), self.text.rfind(" said", start, n.start))
        start = cut + 1 if cut >= 0 else start
        return (start, n.start) if n.start - start > 2 else None

    def _gender_from_pronouns(self, person: Person) -> str:
        """He or she, from the pronouns in the sentence after each time the person is named."""
        counts = {"m": 0, "f": 0}
        for at in person.positions[:3]:
            window = self.text[at : at + 220]
            stop = re.search(r"[.!?][\"”’]?\s", window)
            stop2 = re.search(r"[.!?][\"”’]?\s", window[stop.end() :]) if stop else None
            window = window[: stop.end() + stop2.end()] if stop and stop2 else window
            for w in re.findall(r"\b(?:he|him|his|she|her|hers)\b", window, re.IGNORECASE):
                counts[_PRONOUN_GENDER[w.casefold()]] += 1
        if counts["m"] and not counts["f"]:
            return "m"
        if counts["f"] and not counts["m"]:
            return "f"
        return ""

    # -- questions ------------------------------------------------------------
    def is_surname(self, written: str) -> bool:
        """Whether a one-word name is the surname of people the article names in full, even
        of several ("Kara-Murza" after Vladimir and Evgenia Kara-Murza)."""
        return " " not in written.strip() and fold_word(written) in self._by_surname

    def canonical(self, written: str) -> str | None:
        """The full name a written name stands for in this article, or None.

        Examples
        --------
        >>> ArticlePeople("Pat Doe met Jan Roe. DOE: Well.").canonical("DOE")
        'Pat Doe'
        """
        tokens = [
            t for t in written.split() if t.rstrip(".").casefold() not in name_words().honorifics
        ]
        if not tokens:
            return None
        if written in self.people:
            return written
        key = fold_word(tokens[-1])
        full = self._by_surname.get(key, [])
        if len(tokens) >= 2:
            same = [k for k in full if fold_word(k.split()[0]) == fold_word(tokens[0])]
            return same[0] if same else None
        if len(full) == 1:
            return full[0]
        if len(full) > 1:
            longer = [k for k in full if len(k.split()) > 1]
            return longer[0] if len(longer) == 1 else None
        first = self._by_first.get(key, [])
        return first[0] if len(first) == 1 else None

    def gender(self, name: str | None) -> str:
        """'m', 'f' or '' for a canonical name (a profile actor's name too)."""
        if not name:
            return ""
        person = self.people.get(name)
        if person is not None and name in self._pronouns_unread:
            self._pronouns_unread.discard(name)
            person.gender = self._gender_from_pronouns(person)
        if person is not None and person.gender:
            return person.gender
        return first_name_gender(name.split()[0], name_words())

    def with_role(self, role: str, before: int, *, qualifier: str = "") -> str | None:
        """The person last named with ``role`` before a position ('the senator'); with a
        ``qualifier`` ('the Florida senator'), the last one whose description or the words
        just after the name ('Sen. Jane Doe of Florida') carry it, if any does."""
        best, best_at, fits = None, -1, False
        for person in self.people.values():
            if role not in person.roles:
                continue
            at = max((p for p in person.positions if p < before), default=-1)
            fit = bool(qualifier) and self._carries(person, qualifier, before)
            if (fit, at) > (fits, best_at):
                best, best_at, fits = person.name, at, fit
        return best

    def _carries(self, person: Person, qualifier: str, before: int) -> bool:
        spans = [*person.descriptors, *((p, p + len(person.name) + 40) for p in person.positions)]
        return any(a < before and qualifier in self.text[a : min(b, before)] for a, b in spans)

    def named_before(self, position: int, *, since: int = 0) -> list[tuple[int, str]]:
        """(position, canonical name) of the people named in [since, position), last first."""
        lo = bisect.bisect_left(self._named, (since,))
        hi = bisect.bisect_left(self._named, (position,))
        return self._named[lo:hi][::-1]

    def descriptors(self, name: str) -> list[tuple[int, int]]:
        """Spans of text that describe a person (appositions and the words before a name)."""
        person = self.people.get(name)
        return person.descriptors if person is not None else []

    def role_type(self, name: str) -> str | None:
        """The guide's actor_type from the roles the text gives a person, if any."""
        person = self.people.get(name)
        if person is None or not person.roles:
            return None
        roles = name_words().roles
        types = [roles[r] for r in sorted(person.roles) if r in roles]
        for preferred in ("head_of_state", "head_of_government", "minister", "spokesperson"):
            if preferred in types:
                return preferred
        return types[0] if types else None


def _shared_surnames(text: str, persons: list[Name], words: NameWords) -> list[Name]:
    """Persons with a first name given the surname written after it in a pair ("Victoria
    and Oleksiy Doe": Victoria Doe)."""
    out = list(persons)
    for k, (first, second) in enumerate(zip(persons, persons[1:], strict=False)):
        tokens = second.text.split()
        if (
            " " not in first.text
            and len(tokens) >= 2
            and text[first.end : second.start] == " and "
            and (first_name_gender(first.text, words) or first_name_gender(tokens[0], words))
        ):
            out[k] = replace(first, text=f"{first.text} {tokens[-1]}")
    return out


def _roles_in(phrase: str, words: NameWords) -> list[str]:
    tokens = [t.strip(".,'’").casefold() for t in phrase.split()]
    found = []
    for i in range(len(tokens)):
        for n in (2, 1):
            if " ".join(tokens[i : i + n]) in words.roles:
                found.append(" ".join(tokens[i : i + n]))
                break
    return found


def role_phrase(phrase: str) -> str | None:
    """The role a definite description names ('the senator', 'the former governor'), or None.

    Examples
    --------
    >>> role_phrase("the former secretary of state"), role_phrase("the campaign")
    ('secretary', None)
    """
    words = name_words()
    tokens = [t.casefold().strip(",.") for t in phrase.split()]
    if not tokens or tokens[0] not in ("the", "this", "that"):
        return None
    rest = [t for t in tokens[1:] if t not in ("former", "then", "current", "new", "top")]
    rest = rest[: rest.index("of")] if "of" in rest else rest
    if not rest or len(rest) > 3:
        return None
    for n in (2, 1):
        candidate = " ".join(rest[-n:])
        if candidate in words.roles:
            return candidate
    return None


def role_qualifier(phrase: str) -> str:
    """The capitalised word that places a role ('the Florida senator' -> 'Florida'), or ''."""
    words = phrase.split()[1:-1]
    return next((w for w in words if w[:1].isupper() and w[1:].islower()), "")


PRONOUN_GENDER = _PRONOUN_GENDER
