"""What attribution knows about one article while it walks the sentences: the
speakers found so far, the people named, and who a pronoun or 'the ministry' refers to.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..profile.cities import city_state
from ..profile.model import fold
from .cues import VerbCues, is_person, verb_cues
from .mentions import Mention
from .name_words import ORG_WORDS, is_title_word
from .names import Name, names_in
from .speakers import PRONOUN_GENDER, ArticlePeople

# A role held no longer: whoever held it speaks for no one now, unless the text says what
# the speaker is "now".
_FORMER = re.compile(r"\b(?:former|retired|ex-|onetime|one-time)", re.IGNORECASE)
_NOW = re.compile(r"\b(?:now|currently)\b", re.IGNORECASE)
# A name that owns what follows it ("Jane Doe's spokesman"): not the clause's subject.
_POSSESSOR = re.compile(r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.-]*['’]s\s")
_PLACE = ("metonym", "demonym")  # mention kinds that name a place, not an office


@dataclass(frozen=True)
class Speaker:
    """Who speaks: a profile actor (``actor``) or an unresolved name, with where it is written."""

    actor: str | None
    text: str
    start: int
    end: int
    kind: str  # the mention kind, 'previous' for a continuation, 'unresolved'
    affiliation: str | None = None  # for a speaker the profile does not know
    actor_type: str | None = None
    via: str = ""  # how an unresolved name was found: 'name chain', 'role', 'pronoun'


@dataclass
class Attributed:
    """One sentence's statement: its speakers, the span that says it, and how it was found."""

    sentence: tuple[int, int]
    content: tuple[int, int]
    speakers: list[Speaker]
    rule: str
    verb: str = ""
    quoted: bool = False
    confidence: float = 0.5
    notes: list[str] = field(default_factory=list)


@dataclass
class ArticleContext:
    """What attribution needs about one article while it walks its sentences."""

    text: str
    mentions: list[Mention]
    actor_type: dict[str, str]
    side_governments: tuple[str, ...]
    quotes: list[tuple[int, int]]
    people: ArticlePeople
    places: list[Mention] = field(default_factory=list)
    affiliation: dict[str, str] = field(default_factory=dict)
    agencies: frozenset[str] = frozenset()
    verbs: VerbCues = field(default_factory=verb_cues)
    state_of: Callable[[str], str | None] = lambda name: None  # country name -> affiliation
    sentences: list[tuple[int, int]] = field(default_factory=list)  # the article's spans
    previous: list[Speaker] = field(default_factory=list)
    history: list[list[Speaker]] = field(default_factory=list)
    quoted_until: int | None = None  # where the last sentence with an attributed quote ends
    attributing: tuple[int, int] | None = None  # a sentence that only names a quote's speaker
    _known: dict[str, str] | None = None
    _affiliations: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def remember(self, speakers: list[Speaker]) -> None:
        self.previous = speakers
        self.history.append(speakers)

    def known_names(self) -> dict[str, str]:
        """Written name -> profile actor, for the names of this article's mentions."""
        if self._known is None:
            self._known = {
                m.alias: m.actor for m in self.mentions if m.actor and m.kind in ("name", "alias")
            }
            self._known.update({m.actor: m.actor for m in self.mentions if m.actor})
            for actor in {m.actor for m in self.mentions if m.actor}:
                words = actor.split()
                while len(words) > 1 and is_title_word(words[0]):
                    words.pop(0)  # "Pope Francis": the article's "Francis" is the actor
                if len(words) < len(actor.split()) and is_person(
                    actor, self.actor_type.get(actor, "")
                ):
                    self._known.setdefault(" ".join(words), actor)
        return self._known

    def is_person(self, sp: Speaker) -> bool:
        if sp.actor is not None:
            return is_person(sp.actor, self.actor_type.get(sp.actor, ""))
        return sp.actor_type != "other_org" and sp.text in self.people.people

    def gender(self, sp: Speaker) -> str:
        return self.people.gender(sp.actor or sp.text)

    def continuing(self, cue: str = "", at: int | None = None) -> list[Speaker]:
        """The previous speaker a pronoun or 'the ministry' refers to: 'he'/'she' the person
        last quoted or named whose gender fits, 'it'/'the ministry'/'the statement' an
        institution, anything else the last one."""
        word = cue.lower().split()[0] if cue.strip() else ""
        if word in PRONOUN_GENDER:
            return self._person_for(PRONOUN_GENDER[word], at)
        wanted = False if word in ("it", "its", "the") else None
        chosen = self.previous
        kinds = _NOUN_KINDS.get(cue.lower().split()[-1]) if word == "the" else None
        if wanted is not None:
            for speakers in reversed(self.history[-4:]):
                if any(
                    self.is_person(s) == wanted and (kinds is None or self._kind(s) in kinds)
                    for s in speakers
                ):
                    chosen = speakers
                    break
            else:
                chosen = []
            if word in ("it", "its", "the") and at is not None:
                # "The ministry summoned the envoy. It said …" ("The company said …"): the
                # institution that opens the sentence before is nearer than the one last
                # quoted, when it is of the kind the noun names
                subject = self._opening_institution(at, after=chosen[0].end if chosen else 0)
                if subject is not None and (kinds is None or self._kind(subject) in kinds):
                    return [subject]
            if kinds is not None and not chosen:
                return []  # "the company": no company spoke or opened the sentence before
            if not chosen and word in ("it", "its"):
                return []  # "it" is never a person: no institution spoke lately
            chosen = chosen or self.previous
        return [replace(p, kind="previous") for p in chosen]

    def _kind(self, sp: Speaker) -> str:
        """A speaker's actor type: the profile's, or the one the text gave an unknown."""
        if sp.actor and sp.actor.endswith(" government"):
            return "state"  # "Russian government": a state, never "the company"
        return self.actor_type.get(sp.actor or "", "") if sp.actor else sp.actor_type or "other"

    def _opening_institution(self, at: int, *, after: int) -> Speaker | None:
        """The institution (not a person, not a bare country) whose name opens the sentence
        just before ``at``, in the same paragraph and after ``after``."""
        para = self.text.rfind("\n", 0, at) + 1
        i = bisect.bisect_right([a for a, _ in self.sentences], at) - 1  # the pronoun's
        if i < 1 or self.sentences[i - 1][0] < para:  # it opens the paragraph
            return None
        start = self.sentences[i - 1][0]
        if start < after:
            return None
        opening = start + 4 if self.text[start : start + 4].lower() == "the " else start
        for m in self.mentions:
            if m.start != opening or not m.actor or m.kind in ("place", "demonym", "metonym"):
                continue
            if self.text.startswith(("'s", "’s"), m.end) or is_person(
                m.actor, self.actor_type.get(m.actor, "")
            ):
                return None
            return Speaker(m.actor, m.alias, m.start, m.end, "previous", via="pronoun")
        return None

    def _person_for(self, gender: str, at: int | None) -> list[Speaker]:
        """'he'/'she': the last quoted person of that gender, unless the pronoun's own
        paragraph has since named another person of that gender as a subject."""

        def fits(g: str) -> bool:
            return not g or g == gender

        quoted = next(
            (
                sp
                for speakers in reversed(self.history[-6:])
                for sp in speakers
                if self.is_person(sp) and fits(self.gender(sp))
            ),
            None,
        )
        if at is not None:
            para = self.text.rfind("\n", 0, at) + 1
            since = max(para, quoted.start + 1 if quoted else para)
            named = [
                (p, name)
                for p, name in self.people.named_before(at, since=since)
                if fits(self.people.gender(name))
                and self.people.gender(name)
                and _is_subject(self.text, p)
                and not self.place_named(p, name)
                and not _POSSESSOR.match(self.text, p)  # "Jane Doe's spokesman" is the subject
                and not any(a <= p < b for a, b in self.quotes)  # a name quoted is not speaking
            ]
            if named and (quoted is None or named[0][1] != quoted.text):
                p, name = named[0]
                return [self.unknown(name, p, p + len(name), via="pronoun", kind="previous")]
        if quoted is None:
            return []
        return [replace(quoted, kind="previous", via=quoted.via or "pronoun")]

    def place_named(self, at: int, name: str) -> bool:
        """Whether a name that looks like a person's is a country written at ``at``
        ("Ukraine's southern command", "ties between the U.S. and India"), not a person the
        article names in full ("Mark Cuban … Cuban said"). Towns are not asked: the town
        table holds surnames ("Rubio", "Obama")."""
        if self.people.canonical(name) not in (None, name):
            return False
        return any(p.start == at and self.text[p.start : p.end] == name for p in self.places)

    def unknown(
        self, name: str, start: int, end: int, *, via: str = "", kind: str = "unresolved"
    ) -> Speaker:
        """A speaker the profile does not know, with the affiliation the text gives; a
        name the article's chain leads to a profile actor ('the candidate') is that actor."""
        known = self.known_names().get(name)
        if known is not None:
            return Speaker(known, name, start, end, kind, via=via)
        if name not in self._affiliations:  # the same name is asked about again and again
            self._affiliations[name] = self._affiliation_of(name)
        affiliation, actor_type = self._affiliations[name]
        return Speaker(None, name, start, end, kind, affiliation, actor_type, via)

    def _affiliation_of(self, name: str) -> tuple[str | None, str | None]:
        spans = [*self.people.descriptors(name)]
        role_type = self.people.role_type(name)
        if name not in self.people.people:  # an organisation: its own name
            # a surname several people share is a person whom the text does not place
            return ("none", "other") if self.people.is_surname(name) else (name, "other")
        if role_type and any(_FORMER.search(self.text, a, b) for a, b in spans):
            role_type = "other"  # "a retired general", "the former minister": speaks for none
        demonyms = self.people.demonyms
        for a, b in spans:
            organisations = [
                n
                for n in map(_body_of_title, names_in(self.text, a, b, demonyms=demonyms))
                if (n.kind == "organisation" or self._employer(n))
                and not is_agency(self, bare_name(n.text))
            ]  # an agency in a description relays ("told The Associated Press"): no affiliation
            for m in self.mentions:
                if not (a <= m.start and m.end <= b and m.actor and self.affiliation.get(m.actor)):
                    continue
                if m.kind not in _PLACE and self._former_before(a, m.start):
                    continue  # "a former British Army officer now at a think tank": past employer
                if is_field(self.text, m):
                    continue  # "military analyst", "defence expert": a field, not an employer
                person = is_person(m.actor, self.actor_type.get(m.actor, ""))
                if person and role_type in ("other", None):
                    continue  # "a critic of the president": a person named gives no office
                if not self._owned_by_another(m) and self._holds(
                    m.start, m.end, role_type, organisations, place=m.kind in _PLACE, person=person
                ):
                    return self.affiliation[m.actor], role_type or "government"
            for p in self.places:
                if a <= p.start and p.end <= b:
                    if not self._holds(p.start, p.end, role_type, organisations, place=True):
                        continue
                    return p.actor, role_type or "government"
            organisations = [  # "a former ambassador to the UN" speaks for neither
                n
                for n in organisations
                if (
                    not _WHERE_BEFORE.search(self.text, max(0, n.start - 16), n.start)
                    or _FROM_EMPLOYER.search(self.text, max(0, n.start - 40), n.start)
                )
                and not self._former_before(a, n.start)
            ]
            if organisations:
                state = self._state_opening(organisations[0])
                if state:  # "Armenian Security Council Secretary Jane Doe"
                    return state, role_type or "government"
                return self._organisation_name(organisations[0]), role_type or "other"
        if role_type not in ("other", None):  # an office placed by its city: the city's state
            for a, b in spans:
                for found in _CITY.finditer(self.text, a, b):
                    city = found.group(1) or found.group(2)
                    country = city_state(city) if city not in name else None
                    state = self.state_of(country) if country else None
                    if state:
                        return state, role_type
            for a, b in spans:  # "the city's mayor", "the country's minister"
                owner = _THE_PLACES.search(self.text, a, b)
                state = owner and self._named_before(a, city=owner.group(1) not in _COUNTRY)
                if state:
                    return state, role_type
        return ("none", role_type or "other") if role_type in ("other", None) else (None, role_type)

    def _named_before(self, at: int, *, city: bool) -> str | None:
        """The state of the city ("the city's mayor" after "… reached Mykolaiv") or the
        country ("the country's minister" after "The Czech government …") named last in
        the ``NAMED_BEFORE`` characters before ``at``; a demonym ("the Russians") names no
        country."""
        start = max(0, at - NAMED_BEFORE)
        best: tuple[int, str] | None = None
        for m in self.mentions if not city else ():
            if (
                start <= m.start
                and m.end <= at
                and m.kind != "demonym"
                and self.actor_type.get(m.actor or "") == "government"
            ):
                best = max(best or (-1, ""), (m.start, self.affiliation.get(m.actor or "") or ""))
        for found in _CAPITALISED.finditer(self.text, start, at) if city else ():
            country = city_state(found.group(0))
            state = self.state_of(country) if country else None
            if state:
                best = max(best or (-1, ""), (found.start(), state))
        return (best[1] or None) if best else None

    def _state_opening(self, n: Name) -> str | None:
        """The state whose name or demonym opens a state body's name ("Armenian Security
        Council"), not a company's ("Ukrainian Railways Group")."""
        if not _STATE_BODY.search(n.text):
            return None
        return next((p.actor for p in self.places if p.start == n.start), None)

    def _organisation_name(self, n: Name) -> str:
        """An organisation's name as the profile or world layer spells it ("Crisis Group"
        -> "International Crisis Group"), else as written."""
        for m in self.mentions:
            if m.actor and m.start == n.start and m.end >= n.end - 3:
                return m.actor
        return bare_name(n.text)

    def _former_before(self, start: int, end: int) -> bool:
        """Whether a description says 'former' before ``end`` and not 'now' after it ("a
        former army officer now with a think tank": the think tank is current)."""
        found = list(_FORMER.finditer(self.text, start, end))
        return bool(found) and not _NOW.search(self.text, found[-1].end(), end)

    def _owned_by_another(self, m: Mention) -> bool:
        """Whether another state owns the body a mention names ("Russia's Security
        Council" is not the UN's): then the state, found among the places, holds."""
        return any(
            0 <= m.start - p.end <= 40
            and _only_titles(self.text[p.end : m.start])  # "Britain's Deputy UN Ambassador"
            and (p.kind == "demonym" or "'s" in self.text[p.end - 2 : p.end + 2].replace("’", "'"))
            and p.actor != self.affiliation.get(m.actor or "")
            for p in self.places
        )

    def _employer(self, n: Name) -> bool:
        """A one-word name right after a role and 'of'/'at' ("chief executive of Acme"):
        a company or body, not a person."""
        return (
            " " not in n.text
            and not n.text.endswith(("'s", "’s"))  # "head of Ukraine's council": a possessor
            and not any(p.start == n.start for p in self.places)
            and city_state(n.text) is None  # "head of Lysychansk": a town's, not a firm's
            and bool(_EMPLOYED_BY.search(self.text, max(0, n.start - 40), n.start))
        )

    def _holds(
        self,
        start: int,
        end: int,
        role_type: str | None,
        organisations: list[Name],
        *,
        place: bool,
        person: bool = False,
    ) -> bool:
        """Whether a state named in a description is the speaker's: not inside an
        organisation's name ("the Oslo Arms Institute"), and a place only with an office
        ("Norway's ambassador"), never "a Kyiv-based dentist" or "now in the UK"."""
        if any(
            n.start <= start and end <= n.end and (n.start, n.end) != (start, end)
            for n in organisations
        ):
            return False  # inside a longer name; the whole name ("White House") holds
        if self.text[end : end + 6] == "-based":
            return False
        where = _WHERE_BEFORE.search(self.text, max(0, start - 16), start)
        if where and not place and _FROM_EMPLOYER.search(self.text, max(0, start - 40), start):
            where = None  # "a director from the Crisis Group": whom she works for
        if where and not (person and where.group(0).lower().startswith("to")):
            # "the commander of the forces in Ukraine": where, not whose; but "an aide to
            # the president" speaks for the president
            return False
        owner = self.text[end : end + 2] in ("'s", "’s")
        return not place or role_type not in ("other", None) or owner

    def quoted(self, m: Mention) -> bool:
        """Whether a mention lies inside a quotation (a speaker never does)."""
        return any(a <= m.start and m.end <= b for a, b in self.quotes)


_WHERE_BEFORE = re.compile(
    r"\b(?:in|on|to|into|from|against|over|near|across|inside|towards?|visiting)\s+(?:the\s+)?$",
    re.I,
)
# A role that studies or reports on a field ("military analyst", "government expert").
_FIELD_OF = re.compile(
    r"\s+(?:analysts?|experts?|historians?|commentators?|observers?|bloggers?|scholars?|"
    r"correspondents?|reporters?|journalists?|specialists?|watchers?)\b",
    re.IGNORECASE,
)
# A role before "from": the organisation after it employs ("an analyst from the Acme Group").
_FROM_EMPLOYER = re.compile(
    r"\b(?:director|analyst|expert|researcher|fellow|official|spokes(?:man|woman|person)|"
    r"economist|professor|representative|head|chief|adviser|advisor|lawyer|officer|envoy|"
    r"executive|manager|scientist|specialist)\s+from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A corporate or academic role before "of"/"at"/"for": the one-word name after it employs.
_EMPLOYED_BY = re.compile(
    r"\b(?:executive|chairman|chairwoman|founder|co-founder|spokes(?:man|woman|person)|"
    r"owner|CEO|analyst|researcher|fellow|economist|professor|engineer|employee)"
    r"\s+(?:of|at|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A city that places an office: "the mayor of Boryspil", "Kharkiv's governor".
_CITY = re.compile(
    r"\b(?:of|in) (?:the )?([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
    r"|\b([A-Z][\w-]+(?: [A-Z][\w-]+)?)(?:['’]s\b| (?=(?:[Mm]ayor|[Gg]overnor)\b))"
)  # and "Kramatorsk Mayor"


_STATE_BODY = re.compile(
    r"\b(?:Ministry|Department|Office|Agency|Bureau|Council|Committee|Commission|Directorate|"
    r"Service|Services|Secretariat|Parliament|Government|Army|Navy|Forces|Guard|Police|"
    r"Embassy|Consulate|House|Senate|Congress)$"
)
# "the city's mayor", "the country's foreign minister": the place named before, within
# this many characters (about a paragraph)
NAMED_BEFORE = 600
_THE_PLACES = re.compile(r"\b[Tt]he (city|town|region|country|nation)['’]s\b")
_COUNTRY = ("country", "nation")
_CAPITALISED = re.compile(r"(?<![\w.])[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?")
# The kinds of actor "the company", "the group" … may stand for (profile actor types).
_COMPANY, _GROUP = ("government", "other"), ("other", "igo")
_OFFICE = ("ministry", "government", "state", "igo")
_BODY = ("government", "state", "ministry", "igo", "other")
_NOUN_KINDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("company", "firm", "operator", "utility", "producer"), _COMPANY),
    **dict.fromkeys(("group", "organisation", "organization", "charity", "watchdog"), _GROUP),
    **dict.fromkeys(("ministry", "department", "office", "agency", "embassy", "mission"), _OFFICE),
    **dict.fromkeys(("government", "presidency", "council", "committee", "commission"), _BODY),
}
_CHAMBER = re.compile(r"^(?:House|Senate|Congress|Parliament|Duma|Assembly|Council)$")


def _body_of_title(n: Name) -> Name:
    """The body in a title written before a name ("Acme Group CEO" -> "Acme Group"); a
    chamber's ("House Speaker", "Senate Majority Leader") is no employer."""
    words = n.text.split()
    if n.kind != "title" or len(words) < 3 or not ORG_WORDS.match(words[-2]):
        return n
    if _CHAMBER.match(words[0]):
        return n
    body = " ".join(words[:-1])
    return Name(n.start, n.start + len(body), body, "organisation")


def is_field(text: str, m: Mention) -> bool:
    """Whether a generic mention names a field of study, not an employer ("military
    analyst", "a defence expert")."""
    return m.kind == "generic" and _FIELD_OF.match(text, m.end) is not None


def _only_titles(between: str) -> bool:
    """Whether the words between an owner and a body are a possessive and titles only."""
    words = between.replace("’", "'").removeprefix("'s").split()
    return len(words) <= 3 and all(is_title_word(w) for w in words)


def _is_subject(text: str, at: int) -> bool:
    """Whether a name at ``at`` opens its sentence or clause (is likely its subject), also
    after a title ("Foreign Secretary Jane Doe hit out at …")."""
    before = text[max(0, at - 60) : at].rstrip()
    words = before.split()
    while len(words) > 1 and is_title_word(words[-1]):
        before = before[: before.rstrip().rfind(words.pop())].rstrip()
    return not before or before[-1] in '.!?\n"”:;' or before.endswith((",", " and", " but"))


def bare_name(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name).strip()


_AGENCIES = re.compile(
    r"^(?:(?:The\s+)?Associated Press|AP|Reuters|AFP|Agence France-Presse|Xinhua|TASS|RIA Novosti|"
    r"Interfax|Anadolu(?: Agency)?|Ukrinform|UNIAN|Yonhap|Kyodo|dpa|EFE|ANSA|PTI|IRNA)$"
)


def is_agency(ctx: ArticleContext, name: str) -> bool:
    """A news agency, which relays statements and is not their speaker, or a messenger
    that carries them ("Telegram channel X said"; a company such as Twitter may speak)."""
    return bool(_AGENCIES.match(name) or _PLATFORMS.match(name)) or fold(name) in ctx.agencies


_PLATFORMS = re.compile(r"^(?:Telegram|WhatsApp|VKontakte|Viber|Signal|WeChat)$")
