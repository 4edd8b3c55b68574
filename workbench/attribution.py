"""Who is speaking: quotes, reporting verbs, 'according to', and continuations.

For each sentence of an article this finds the speakers of the statements in it and
the span that holds what they said. The forms, in the order they are tried:

- a quote with its attribution after it (``"…," said X`` / ``"…," X said``) or before it
  (``X said: "…"``); a quote spanning several sentences gives every sentence the speaker;
- ``according to X``, ``it is stated in a statement from X``, ``X's statement said``;
- a speaker after the clause (``…, said X.`` / ``…, X noted.``);
- a subject before a reporting verb (``X urged …``, ``X, the spokesperson of Y, said …``),
  one speaker per name in a list (``France, Russia and NATO have urged …``);
- a continuation: ``he``/``she``/``it``/``they``/``the ministry``/``the statement`` as
  the subject, or a quote with no attribution right after an attributed one, gives
  the previous speaker.

Speakers are mentions of the profile's actors; a capitalised name before or after a
reporting verb that the profile does not know is kept, unresolved, as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import partial
from importlib import resources

from .actors import Mention
from .profile import fold
from .quotes import find_quotes
from .speakers import PRONOUN_GENDER, ArticlePeople, Name, names_in, role_phrase

PERSON_TYPES = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "minister",
        "spokesperson",
        "party_politician",
        "religious",
    }
)
_INSTITUTION = re.compile(
    r"\b(?:ministry|department|council|government|office|agency|organi[sz]ation|group|union|nations|"
    r"forces|army|committee|service|administration|parliament|assembly|authorities|house|kremlin|"
    r"court|bank|commission|presidency|peacekeepers|press|news|media|times|post|tv|radio)\b",
    re.IGNORECASE,
)


def is_person(name: str | None, actor_type: str) -> bool:
    """Whether an actor is a person ('he'/'she'), not an institution ('it'): by type, or for
    types that hold both (a UN Secretary-General is 'igo'), by a name with no institution word."""
    if not name:
        return False
    if actor_type in PERSON_TYPES:
        return True
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not _INSTITUTION.search(name)
    )


def _reporting_verbs() -> list[str]:
    """The packaged reporting verbs (``resources/reporting_verbs.txt``), one form per line."""
    raw = resources.files("workbench.resources").joinpath("reporting_verbs.txt").read_text("utf-8")
    return [w.strip() for w in raw.splitlines() if w.strip() and not w.startswith("#")]


_VERB_WORDS = _reporting_verbs()
# Case-sensitive even inside case-insensitive patterns: 'States' in 'the United States' is no verb.
VERB = (
    r"(?-i:" + "|".join(sorted((re.escape(v) for v in _VERB_WORDS), key=len, reverse=True)) + r")"
)
_VERB_RE = re.compile(rf"(?<![\w-]){VERB}(?![\w-])")
_IMPERSONAL = re.compile(r"\bit\s+(?:is|was|has been|had been|were)\s*$", re.IGNORECASE)
_AUX = (
    r"(?:(?:has|have|had|also|further|reportedly|then|in turn|for (?:its|his|her|their) part|again|"
)
_AUX += r"today|yesterday|on \w+day|on \w+|earlier|later|is|are|was|were|will|would)\s+)*"
_PRONOUN = re.compile(r"^(?:he|she|it|they|we)$", re.IGNORECASE)
# A form of 'be' just before a past participle: the subject is acted on, not speaking.
_PASSIVE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|been|being|be|get|gets|got)(?:\s+(?:also|not|never|reportedly|"
    r"publicly|officially|formally|repeatedly|widely|later|then|first))?$",
    re.IGNORECASE,
)
_DEFINITE = re.compile(
    r"^(?:the|his|her|its|their) (?:(?:same|latter|former) )?"
    r"(?:ministry|department|office|statement|document|report|"
    r"message|press service|spokes(?:man|woman|person)|agency|presidency|government|minister|"
    r"president|communiqu[ée]|text|declaration|post|letter)$",
    re.IGNORECASE,
)
# A noun phrase up to a comma or a full stop; the stops of "Mr.", "John F. Kerry" and
# "A.F.L.-C.I.O." do not end it.
_NP_STOPS = (
    r"(?:[^,.;:\"“”]|\.(?=\S)|(?<=\b[A-Z])\.|(?<=\bMr)\.|(?<=\bMs)\.|(?<=\bDr)\.|(?<=\bSt)\.|"
    r"(?<=\bJr)\.|(?<=\bMrs)\.|(?<=\bSen)\.|(?<=\bRep)\.|(?<=\bGov)\.|(?<=\bGen)\.)"
)
_ACCORDING = re.compile(rf"\baccording to\s+(?P<np>{_NP_STOPS}{{2,120}})", re.IGNORECASE)
_STATEMENT_FROM = re.compile(
    r"\b(?:it is|it was|this is|this was|as)\s+(?:stated|said|noted|written|reported|announced)\s+"
    r"(?:in|on)\s+(?:a|an|the)\s+(?:statement|message|post|communiqu[ée]|release|letter|website)"
    r"(?:\s+(?:posted|published|issued|released))?\s*(?:on|from|by|of)?\s*(?P<np>[^,.;:\"“”]{0,120})",
    re.IGNORECASE,
)
_POSSESSIVE_STATEMENT = re.compile(
    r"(?P<np>[A-Z][^,.;:\"“”]{1,80}?)(?:'s|’s)\s+"
    r"(?:statement|communiqu[ée]|press service|spokes\w+)"
    r"\s+(?:said|says|added|stated|noted)",
)
# Up to nine words, none of them 'that'; words need whitespace between them so the
# pattern cannot split a word in many ways (catastrophic backtracking on long sentences).
_NP = r"(?!that\b)[^,;:\"“”\s]+(?:\s+(?!that\b)[^,;:\"“”\s]+){0,8}?"
_TRAILING = re.compile(
    rf",\s*(?:(?P<verb1>{VERB})\s+(?P<np1>{_NP})|(?P<np2>{_NP})\s*{_AUX}(?P<verb2>{VERB}))"
    r"(?:\s+(?:in|on|at|to|during|after|via|through|by)\b[^\"“”]{0,80})?\s*[.!?]?\s*$",
    re.IGNORECASE,
)
_AFTER_QUOTE = re.compile(
    rf"[\s,.;:!?–—\-\"”’'\u200b]*(?:(?P<verb1>{VERB})\s+(?P<np1>[^,;:\"“”()]{{2,120}})|"
    rf"(?P<np2>[^,;:\"“”]{{2,100}}?)\s+{_AUX}(?P<verb2>{VERB})|"
    # '"…," Jane Doe, the mayor, said': the name, an apposition, the verb
    rf"(?P<np3>[^,;:\"“”]{{2,60}}?),\s+[^;:\"“”]{{2,120}}?,\s+{_AUX}(?P<verb3>{VERB}))"
    r"(?=[\s,.;:!?]|$)",
    re.IGNORECASE,
)
# A speaker described, not named: "the designer", "another Republican", "one aide".
_UNNAMED = re.compile(
    r"\s*(?:the|a|an|another|one|some|several|many|two|three|four|most|other|his|her|their|its)"
    r"\s+(?!(?:same|latter|former)\b)\S"
)
_QUOTE_MARK = re.compile(r"[\"“”]|''")
_NAME_COLON = re.compile(
    r"\s*(?P<np>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s*:\s*[\"“‘'\u200b]*"
)
# Words after which a form like 'claims' or 'comments' is a plural noun.
_NOUN_BEFORE = re.compile(
    r"(?:['’]s|\b(?:the|his|her|its|their|our|my|your|these|those|such|any|no|some|many|"
    r"several|recent|earlier|new|latest|repeated|similar|supportive|critical|public|false|"
    r"unfounded|baseless|official|other|further|whose))$",
    re.IGNORECASE,
)
_RELAYING = frozenset({"reported", "reports", "reporting"})
# Verbs whose object is the one spoken to ("told reporters"), never the speaker.
_TO_LISTENER = frozenset({"told", "tells", "tell", "telling", "informed", "assured", "reminded"})
# A verb that goes on with its own object: "denied targeting civilians", "said that …".
_VERB_OBJECT = re.compile(
    r"\s+(?:that\b|(?!(?:during|including|according|regarding|concerning|following)\b)\w+ing\b)"
)
_AFTER_ACCORDING = re.compile(
    rf"[\s,.;:!?–—\-\"”’'\u200b]*according to\s+(?P<np>{_NP_STOPS}{{2,120}})", re.IGNORECASE
)
_OPENING_MARKS = " \"“'‘–—-\u200b"  # what may stand before a quotation that opens a sentence
_BEFORE_QUOTE = re.compile(
    rf"(?P<np>[^,;\"“”]{{2,120}}?)\s+{_AUX}(?P<verb>{VERB})[^\"“”]{{0,80}}[:,]?\s*$", re.IGNORECASE
)
_TRAILING_AUX = re.compile(
    r"(?:[\s,]|\b(?:has|have|had|also|further|reportedly|then|in turn|"
    r"for (?:its|his|her|their) part|again|today|yesterday|on \w+day|"
    r"\w+day (?:morning|evening|night)|on \w+day (?:morning|evening|night)|"
    r"earlier|later|is|are|was|were|will|would|now|already|still|once again)\b)+$",
    re.IGNORECASE,
)
_BOTH_SIDES = re.compile(
    r"^(?:both (?:sides|parties)|the two sides|the (?:warring|conflicting) (?:sides|parties))$",
    re.I,
)
_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|of|with|from|against|over|to|for|throughout|on|at|by|near|into|between|and)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ROLE_WORD = re.compile(
    r"^(?:[A-Z][a-z]+(?:an|ian|ese|ish|i)|President|Prime|Minister|Secretary|General|Foreign|"
    r"Defen[cs]e|Chancellor|Spokes(?:man|woman|person)|Ambassador|Governor|Mayor|Deputy|Chief|"
    r"Director|Head|Senator|Representative|King|Queen|Pope|Commander|Colonel|General|Lt|Gen|Mr|Mrs|"
    r"Ms|Dr|Former|Acting|Vice|Press|Affairs|State|Interior|Justice|Economy|Finance|Energy|"
    r"Agriculture|Health|Security|National|Council|UN|EU|US|UK|NATO)\.?$"
)
_RELAY = re.compile(r"press service|spokes|office|aide|representative", re.IGNORECASE)
_LIST_RESIDUE = re.compile(
    r"^(?:[\s,]|\band\b|\bboth\b|\bas well as\b|\bamong others\b)*$", re.IGNORECASE
)


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


def attribute(
    text: str,
    spans: list[tuple[int, int]],
    mentions: list[Mention],
    actor_type: dict[str, str],
    *,
    side_governments: tuple[str, ...] = (),
    places: list[Mention] | None = None,
    affiliation: dict[str, str] | None = None,
    demonyms: frozenset[str] = frozenset(),
    agencies: frozenset[str] = frozenset(),
) -> list[Attributed]:
    """Attribute the sentences of one article to their speakers.

    ``mentions`` are the article's resolved actor mentions (generic phrases already given
    their country where the context allows); ``actor_type`` maps actor names to types;
    ``side_governments`` are the speakers 'both sides' stands for; ``places`` (country
    names and demonyms, ``actor`` holding the affiliation) and ``affiliation`` (actor ->
    affiliation) give a speaker the profile does not know the affiliation the text gives;
    ``agencies`` (folded names of news agencies) are never the speaker of what they relay.
    """
    quotes = find_quotes(text)
    context = _Context(
        text,
        mentions,
        actor_type,
        side_governments,
        quotes,
        people=ArticlePeople(text, demonyms=demonyms),
        places=places or [],
        affiliation=affiliation or {},
        agencies=agencies,
    )
    results: list[Attributed] = []
    quote_speakers: dict[tuple[int, int], tuple[list[Speaker], str, str]] = {}
    turn: tuple[int, list[Speaker]] | None = None  # a transcript's speaker and paragraph
    for s_start, s_end in spans:
        sentence = text[s_start:s_end]
        if not re.search(r"[A-Za-z]{2}", sentence) or _CAPTION.search(sentence):
            continue
        para_start = text.rfind("\n", 0, s_start) + 1
        transcript = _TRANSCRIPT.match(text, para_start) if para_start == s_start or turn else None
        if transcript and para_start == s_start:
            speakers = _transcript_speaker(context, transcript)
            turn = (para_start, speakers) if speakers else None
        elif turn and turn[0] != para_start:
            turn = None
        if turn:
            span = (s_start, s_end)
            speakers = [
                replace(sp, kind=sp.kind if para_start == s_start else "previous") for sp in turn[1]
            ]
            results.append(Attributed(span, span, speakers, "transcript", "", True, 0.8))
            context.remember(speakers)
            continue
        inside = [q for q in quotes if q[0] < s_end and q[1] > s_start]
        outside = _mask(text, s_start, s_end, inside)
        found: list[Attributed] = []
        for quote in inside:
            if quote not in quote_speakers:
                quote_speakers[quote] = _quote_speaker(context, quote, spans)
            speakers, rule, verb = quote_speakers[quote]
            if speakers:
                content = (max(quote[0], s_start), min(quote[1], s_end))
                confidence = 0.9 if speakers[0].kind != "previous" else 0.7
                confidence -= 0.15 if speakers[0].via in ("pronoun", "role") else 0.0
                found.append(
                    Attributed((s_start, s_end), content, speakers, rule, verb, True, confidence)
                )
                break
        narrated = (
            _narrated(context, s_start, s_end, outside)
            if context.attributing != (s_start, s_end) or inside
            else []
        )
        if narrated and not found:
            # "Jane Doe, speaking on Tuesday, said of it: "… . …"": her quote, to its end
            for quote in inside:
                speaker_end = max(sp.end for sp in narrated[-1].speakers)
                if not quote_speakers[quote][0] and speaker_end < quote[0] and quote[1] > s_end:
                    quote_speakers[quote] = (narrated[-1].speakers, "verb+quote", narrated[-1].verb)
        quoted_actors = {sp.actor or sp.text for item in found for sp in item.speakers}
        found.extend(
            n
            for n in narrated
            if not {sp.actor or sp.text for sp in n.speakers} <= quoted_actors
            # '"…," Jane Doe said, the Courier reported': the outlet relays her quote
            and not (found and (n.rule == "according to" or n.verb.lower() in _RELAYING))
        )
        for item in found:
            item.speakers = [
                sp
                for sp in item.speakers
                if not _relaying_media(context, sp, item)
                and not _agency(context, _bare(sp.actor or sp.text))
            ]
            if not item.speakers:
                continue
            results.append(item)
            context.remember(item.speakers)
        if (found and (inside or _QUOTE_MARK.search(sentence))) or context.attributing == (
            s_start,
            s_end,
        ):
            context.quoted_until = s_end
    return results


# A photo credit or caption line: never a statement (annotation guide).
_CAPTION = re.compile(
    r"\b(?:AP|AFP|Reuters|Getty|EPA|Sputnik|TASS|Anadolu)\s*(?:Photo|Images|/)|"
    r"\((?:Photo|Image|Picture|Video|Credit)\b|\b(?:Photo|Image|Picture)\s*(?:credit)?\s*:|"
    r"\bHandout\b|\bvia Getty\b|\bGetty Images\b|/\s*(?:AP|AFP|Reuters|Getty Images)\s*\)",
)
# "PENCE: Well, look …" — an interview transcript's speaker at the start of a paragraph.
_TRANSCRIPT = re.compile(r"(?P<name>(?:[A-Z][A-Z'’.-]+\s){0,3}[A-Z][A-Z'’.-]{2,}):\s+(?=\S)")


def _transcript_speaker(ctx: _Context, m: re.Match[str]) -> list[Speaker]:
    """The speaker of a transcript turn: a profile actor or the person of that surname."""
    a, b = m.start("name"), m.end("name")
    inner = [x for x in ctx.mentions if x.start >= a and x.end <= b and x.actor]
    if inner:
        return [_speaker(inner[-1])]
    written = m.group("name")
    if written in ("Q", "A", "NOTE", "UPDATE", "EDITOR'S NOTE", "WATCH", "READ MORE"):
        return []
    canonical = ctx.people.canonical(written.title())
    if canonical is None:
        return []
    return [ctx.unknown(canonical, a, b, via="name chain")]


@dataclass
class _Context:
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
    previous: list[Speaker] = field(default_factory=list)
    history: list[list[Speaker]] = field(default_factory=list)
    quoted_until: int | None = None  # where the last sentence with an attributed quote ends
    attributing: tuple[int, int] | None = None  # a sentence that only names a quote's speaker
    _known: dict[str, str] | None = None

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
        if wanted is not None:
            for speakers in reversed(self.history[-4:]):
                if any(self.is_person(s) == wanted for s in speakers):
                    chosen = speakers
                    break
        return [replace(p, kind="previous") for p in chosen]

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
            ]
            if named and (quoted is None or named[0][1] != quoted.text):
                p, name = named[0]
                return [self.unknown(name, p, p + len(name), via="pronoun", kind="previous")]
        if quoted is None:
            return []
        return [replace(quoted, kind="previous", via=quoted.via or "pronoun")]

    def unknown(
        self, name: str, start: int, end: int, *, via: str = "", kind: str = "unresolved"
    ) -> Speaker:
        """A speaker the profile does not know, with the affiliation the text gives; a
        name the article's chain leads to a profile actor ('the candidate') is that actor."""
        known = self.known_names().get(name)
        if known is not None:
            return Speaker(known, name, start, end, kind, via=via)
        affiliation, actor_type = self._affiliation_of(name, start, end)
        return Speaker(None, name, start, end, kind, affiliation, actor_type, via)

    def _affiliation_of(self, name: str, start: int, end: int) -> tuple[str | None, str | None]:
        spans = [*self.people.descriptors(name)]
        role_type = self.people.role_type(name)
        if name not in self.people.people:  # an organisation: its own name
            return name, "other"
        for a, b in spans:
            for m in self.mentions:
                if a <= m.start and m.end <= b and m.actor and self.affiliation.get(m.actor):
                    return self.affiliation[m.actor], role_type or "government"
            for p in self.places:
                if a <= p.start and p.end <= b:
                    if role_type == "other":
                        break  # "a Kyiv resident": a private person
                    return p.actor, role_type or "government"
            for n in names_in(self.text, a, b, demonyms=self.people.demonyms):
                if n.kind == "organisation":
                    return _bare(n.text), role_type or "other"
        return ("none", role_type or "other") if role_type in ("other", None) else (None, role_type)

    def quoted(self, m: Mention) -> bool:
        """Whether a mention lies inside a quotation (a speaker never does)."""
        return any(a <= m.start and m.end <= b for a, b in self.quotes)


def _is_subject(text: str, at: int) -> bool:
    """Whether a name at ``at`` opens its sentence or clause (is likely its subject)."""
    before = text[max(0, at - 40) : at].rstrip()
    return not before or before[-1] in '.!?\n"”:;' or before.endswith((",", " and", " but"))


def _bare(name: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", name).strip()


def _is_media(ctx: _Context, sp: Speaker) -> bool:
    return sp.actor is not None and ctx.actor_type.get(sp.actor) == "media"


def _relaying_media(ctx: _Context, sp: Speaker, item: Attributed) -> bool:
    """A news agency that only carries the statement ('reported by TASS') is not its speaker."""
    return _is_media(ctx, sp) and (
        item.rule == "according to" or item.verb.lower() in ("reported", "reports")
    )


def _mask(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> str:
    """The sentence with quoted words blanked (same length): verbs inside quotes are ignored."""
    chars = list(text[start:end])
    for a, b in quotes:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " " if not chars[i - start].isspace() else chars[i - start]
    return "".join(chars)


def _quote_speaker(
    ctx: _Context, quote: tuple[int, int], spans: list[tuple[int, int]]
) -> tuple[list[Speaker], str, str]:
    """Speaker of a quotation: after its close, before its open, else the previous speaker."""
    text = ctx.text
    close_sentence = next((s for s in spans if s[0] <= quote[1] <= s[1]), None)
    if close_sentence:
        after_start = min(quote[1], close_sentence[1])
        after_end = close_sentence[1]
        following = next((s for s in spans if s[0] >= close_sentence[1]), None)
        if (
            following
            and not text[after_start:after_end].strip(" \"”’'\u200b")
            and text[quote[1] - 1 : quote[1]] in "?!"
            and "\n" not in text[after_end : following[0]]
        ):
            after_end = following[1]  # '"Is that so?" Jane Doe replied.' split after the '?'
            ctx.attributing = following  # that sentence only attributes the quote
        according = _AFTER_ACCORDING.match(text, after_start, after_end)
        if according:  # '"…," according to a court filing by Jane Doe.'
            speakers = _speakers_in(ctx, according.start("np"), according.end("np"))
            by = re.search(r"\bby\s+", text[according.start("np") : according.end("np")])
            if not speakers and by:
                speakers = _speakers_in(ctx, according.start("np") + by.end(), according.end("np"))
            return (speakers, "quote+according to", "") if speakers else ([], "", "")
        m = _AFTER_QUOTE.match(text, after_start, after_end)
        if m and m.group("verb1") and m.group("verb1").lower() in _TO_LISTENER:
            m = None  # '"…," told reporters': whoever follows is the listener
        if m and not m.group("verb1") and _VERB_OBJECT.match(text, m.end()):
            m = None  # '"…," Russia has denied targeting …': a new clause, not the attribution
        if m:
            verb = m.group("verb1") or m.group("verb2") or m.group("verb3")
            np_group = "np1" if m.group("verb1") else ("np2" if m.group("verb2") else "np3")
            speakers = _speakers_in(
                ctx, m.start(np_group), m.end(np_group), subject=np_group != "np1"
            )
            if not speakers and np_group == "np1":
                speakers = _apposed_name(ctx, m.end(np_group))  # "said the director, Jane Doe"
            if speakers:
                return speakers, "quote+verb", verb
            if _UNNAMED.match(m.group(np_group)):
                return [], "", ""  # '"…," said the designer' / 'one aide added': nobody named
    open_sentence = next((s for s in spans if s[0] <= quote[0] - 1 <= s[1]), None)
    if open_sentence:
        m = _BEFORE_QUOTE.search(text, open_sentence[0], max(open_sentence[0], quote[0] - 1))
        if m:
            speakers = _speakers_in(ctx, m.start("np"), m.end("np"), subject=True)
            if speakers:
                return speakers, "verb+quote", m.group("verb")
        m = _NAME_COLON.fullmatch(text, open_sentence[0], quote[0])
        if m:  # 'Jane Doe: "We will win."', a heading or a list of reactions
            speakers = _speakers_in(ctx, m.start("np"), m.end("np"), subject=True)
            if speakers:
                return speakers, "name: quote", ""
    para_start = text.rfind("\n", 0, quote[0]) + 1
    if ctx.previous and not text[para_start : quote[0]].strip(_OPENING_MARKS):
        return ctx.continuing(), "quote continued", ""
    if (
        ctx.previous
        and open_sentence
        and ctx.quoted_until is not None
        and not text[open_sentence[0] : quote[0]].strip(_OPENING_MARKS)
        and not text[ctx.quoted_until : open_sentence[0]].strip()
        and "\n" not in text[ctx.quoted_until : open_sentence[0]]
    ):
        # '"…," Jane Doe said. "And more …"': the next quote of the paragraph is hers too
        return ctx.continuing(), "quote continued", ""
    return [], "", ""


def _narrated(ctx: _Context, s_start: int, s_end: int, outside: str) -> list[Attributed]:
    """Statements told in the narration: according to, statement from, trailing, subject verb."""
    span = (s_start, s_end)
    for pattern, rule in ((_STATEMENT_FROM, "statement from"), (_ACCORDING, "according to")):
        m = pattern.search(outside)
        if m and m.group("np").strip():
            speakers = _speakers_in(ctx, s_start + m.start("np"), s_start + m.end("np"))
            if speakers:
                return [Attributed(span, span, speakers, rule, confidence=0.75)]
        if m and rule == "statement from" and re.search(r"\bin the\b", m.group(0)) and ctx.previous:
            # "it is said in the message": the message already attributed
            return [Attributed(span, span, ctx.continuing(), rule, confidence=0.6)]
    m = _POSSESSIVE_STATEMENT.search(outside)
    if m:
        speakers = _speakers_in(ctx, s_start + m.start("np"), s_start + m.end("np"))
        if speakers:
            return [Attributed(span, span, speakers, "statement of", confidence=0.75)]
    m = _TRAILING.search(outside)
    if (
        m
        and m.group("verb1")
        and (_CLAUSE_WORD.search(m.group("np1")) or _apposed_subject(outside, 0, m.start() + 1))
    ):
        m = None  # ", asked whether …" / "Jane Doe, a host, asked …": not a speaker after the verb
    if (
        m
        and m.group("verb2")
        and (_SUBORDINATE.match(m.group("np2")) or re.match(r"\s+by\b", outside[m.end("verb2") :]))
    ):
        m = None  # ", while Rubio sought a plan endorsed by …": a clause, not "…, Jane Doe said"
    if m and m.start() > 15:
        verb = m.group("verb1") or m.group("verb2")
        np_group = "np1" if m.group("verb1") else "np2"
        speakers = _speakers_in(ctx, s_start + m.start(np_group), s_start + m.end(np_group))
        if speakers:
            return [Attributed(span, span, speakers, "clause, verb", verb, confidence=0.75)]
    found: list[Attributed] = []
    for verb_match in _VERB_RE.finditer(outside):
        verb = verb_match.group(0)
        before = outside[: verb_match.start()].rstrip()
        if verb.endswith("ing") and not before.endswith(","):
            continue  # "by telling", "tweeting that": only "…, saying" reports the subject
        if verb.endswith("s") and _NOUN_BEFORE.search(before):
            continue  # "Moscow's claims", "supportive comments": nouns, not verbs
        clause_start = _clause_start(outside, verb_match.start())
        if found and s_start + clause_start < found[-1].content[0] + 1:
            continue  # a second verb of the same subject ("called … and said …")
        a, b = s_start + clause_start, s_start + verb_match.start()
        if _IMPERSONAL.search(outside, 0, verb_match.start()):
            continue  # "it was reported that …": nobody is named
        if not verb.endswith("ing") and _PASSIVE_BEFORE.search(before):
            continue  # "the finalists have been announced", "she was told": not the speaker
        if verb.endswith("ing"):
            b = s_start + len(before) - 1  # "Jane Doe spoke on Monday, saying …"
            speakers = _speakers_in(
                ctx, a, _first_comma(outside, clause_start, b - s_start) + s_start, subject=True
            )
        elif before.endswith(",") or _SPOKEN_CLOSE.search(ctx.text, s_start, s_start + len(before)):
            # "Jane Doe, a pollster, said …" or "…, said Jane Doe, a pollster."
            after_end = _name_end(outside, verb_match.end())
            described = outside[verb_match.end() : after_end]
            speakers = []
            if _UNNAMED.match(described) and len(described.split()) <= 5:
                # "…, said the director, Jane Doe"
                speakers = _apposed_name(ctx, s_start + after_end)
            subject_from = clause_start
            comma = outside.find(",", clause_start)
            if _OPENING_CLAUSE.match(outside, clause_start) and 0 <= comma < len(before) - 1:
                subject_from = comma + 1  # "In an interview, Jane Doe, a pollster, said"
            for start_at in dict.fromkeys((subject_from, 0)):
                # from the clause, or the sentence: "Jane Doe, the founder of a group that
                # helps farmers, said": that 'that' opens no clause of the verb
                if (
                    not speakers
                    and start_at < len(before) - 1
                    and _apposed_subject(outside, start_at, len(before))
                ):
                    speakers = _speakers_in(ctx, s_start + start_at, b, subject=True)
            if (
                not speakers
                and not _CLAUSE_WORD.search(described)
                and outside[after_end : after_end + 1] not in ('"', "“", "”", ":")
                and verb.lower() not in _TO_LISTENER
            ):
                # "…, said Jane Doe." (not '…, said Jane Doe "was …"': she is what is said)
                speakers = _speakers_in(ctx, s_start + verb_match.end(), s_start + after_end)
        else:
            speakers = _speakers_in(ctx, a, b, subject=True)
        speakers = [
            sp for sp in speakers if not _is_media(ctx, sp) or verb not in ("reported", "reports")
        ]
        if not speakers:
            continue
        kind = speakers[0].kind
        confidence = 0.8 if kind not in ("previous", "unresolved") else 0.6
        # The previous statement ends where this speaker is named ("… the territory, which
        # the separatists have declared"), not where this clause may start.
        cut = min(
            (sp.start for sp in speakers if sp.kind not in ("previous", "both sides")), default=a
        )
        cut = cut if cut > a else a
        if found:
            found[-1].content = (found[-1].content[0], cut)
        content_start = s_start if not found else cut
        found.append(
            Attributed(
                span,
                (content_start, s_end),
                speakers,
                "subject verb",
                verb_match.group(0),
                confidence=confidence,
            )
        )
    return found


_SPOKEN_CLOSE = re.compile(r"[,?!]\s*(?:[\"”’]|'')$")  # '"…," said': the quote's end
_SUBORDINATE = re.compile(
    r"\s*(?:while|whereas|because|although|though|as|when|if|since|after|before|and|but|which|"
    r"who|whom|where|until|unless|so)\b",
    re.IGNORECASE,
)
_OPENING_CLAUSE = re.compile(
    r"^\s*(?:when|while|after|before|as|if|although|though|because|since|in|on|at|during|"
    r"asked|speaking|despite|with|for|from|by|according)\b",
    re.IGNORECASE,
)


def _apposed_subject(sentence: str, start: int, end: int) -> bool:
    """Whether ``sentence[start:end]`` is a short noun phrase and its apposition ('Jane
    Doe, a pollster,'), not a clause of what was said ('Prices will rise,')."""
    head = sentence[start:end].split(",")[0]
    return (
        0 < len(head.split()) <= 7
        and not _OPENING_CLAUSE.match(head)
        and not re.search(
            r"\b(?:is|are|was|were|will|would|has|have|had|can|could|should|must|do|does|did)\b",
            head,
        )
    )


def _first_comma(sentence: str, start: int, end: int) -> int:
    """Where a main clause's subject ends: before its first verb-free comma, or ``end``."""
    cut = sentence.find(",", start, end)
    return cut if cut > start else end


def _name_end(sentence: str, start: int) -> int:
    """Where a name after a verb ends: at the next comma, dash, bracket or full stop."""
    m = _NAME_END.search(sentence, start)
    return m.start() if m else len(sentence.rstrip())


# The stop of an initial or a title ("Capt. Jane Doe", "John F. Kerry") ends no name.
_NAME_END = re.compile(
    r"[,;:(\"“”—–]|\s--|(?<!\b[A-Z])(?<!\bMr|\bMs|\bDr|\bSt|\bJr|\bSr|\bLt)"
    r"(?<!\bMrs|\bSen|\bRep|\bGov|\bGen|\bCol|\bSgt|\bMaj|\bAdm)(?<!\bCapt|\bProf|\bCmdr)"
    r"\.(?:\s|$)"
)


_CLAUSE_BOUNDARY = re.compile(r"\bthat\b|;|\bwhile\b|\bafter\b|\bbut\b|\bwhere\b", re.IGNORECASE)


def _clause_start(sentence: str, verb_at: int) -> int:
    """Where the subject of the verb at ``verb_at`` can start: after 'that', ';', 'while'."""
    cut = 0
    for m in _CLAUSE_BOUNDARY.finditer(sentence, 0, verb_at):
        cut = m.end()
    return cut


def _speakers_in(ctx: _Context, start: int, end: int, *, subject: bool = False) -> list[Speaker]:
    """Speakers named in text[start:end]: a list of actors, one actor, a pronoun, a role
    ('the senator'), or a name the profile does not know (through the article's chain)."""
    text = ctx.text
    if subject:
        start, end = _subject_core(ctx, start, end)
    trailing = _TRAILING_AUX.search(text, start, end)
    if trailing and trailing.start() > start:
        end = trailing.start()
    inner = [
        m
        for m in ctx.mentions
        if m.start >= start
        and m.end <= end
        and m.actor
        and not ctx.quoted(m)
        and not _in_credit(text, m.start)
    ]
    phrase = text[start:end].strip()
    if inner and subject and _described(ctx, start, inner[0]):
        return _named(ctx, start, end, subject=subject)  # "Jane Doe of the Brookings Institution"
    if inner:
        residue = text[start:end]
        for m in reversed(inner):
            residue = residue[: m.start - start] + residue[m.end - start :]
        if len(inner) > 1 and _LIST_RESIDUE.match(residue):
            return [_speaker(m) for m in {m.actor: m for m in inner}.values()]
        titled = _titled_name(ctx, inner[-1], end, subject=subject)
        if titled is not None:
            return [titled]  # "Norway's ambassador Jane Doe", "Clinton aide Jane Doe"
        if subject and not _headed_by(text, inner[-1].end, end):
            return []  # "resolutions of the UN Security Council demand": the UN is not the subject
        people = [m for m in inner if is_person(m.actor, ctx.actor_type.get(m.actor, ""))]
        if people:
            return [_speaker(people[0])]
        return [_speaker(_head(text, inner, start))]
    words = phrase.split()
    if not words:
        return []
    if _BOTH_SIDES.match(phrase) and ctx.side_governments:
        return [Speaker(actor, phrase, start, end, "both sides") for actor in ctx.side_governments]
    last = " ".join(words[-3:]) if subject else phrase
    pronoun = words[-1] if subject else phrase
    if _PRONOUN.match(pronoun):
        return (
            ctx.continuing(pronoun, at=start)
            if (ctx.previous or pronoun.lower() in ("he", "she"))
            else []
        )
    if ctx.previous and _DEFINITE.match(_tail(last)):
        return ctx.continuing(_tail(last))
    role = role_phrase(phrase)
    if role:
        holder = ctx.people.with_role(role, start)
        return [ctx.unknown(holder, start, end, via="role")] if holder else []
    return _named(ctx, start, end, subject=subject)


_TRAILING_WORDS = re.compile(
    r"(?:\s+(?:has|have|had|also|further|reportedly|then|again|today|yesterday|on \w+day|"
    r"\w+day|earlier|later|is|are|was|were|will|would|now|already|still|once again|"
    r"in turn|for (?:its|his|her|their) part))+\s*$",
    re.IGNORECASE,
)
_IN_PLACE = re.compile(r"^\s*(?:In|in)\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*,")
_INSERTION = re.compile(r",|\s--\s|\s—\s|\s–\s|\(")
_ADVERB_END = re.compile(r"(?:\s+\w+ly)+\s*$")


def _subject_core(ctx: _Context, start: int, end: int) -> tuple[int, int]:
    """The noun phrase that is a verb's subject, without what surrounds it: an opening
    clause ("When asked about it, Jane Doe said"), an apposition or relative clause
    ("Jane Doe, a pollster who …, said"), adverbs ("Jane Doe gingerly said"). A list of
    actors ("France, Russia and NATO") is kept whole."""
    text = ctx.text
    words = _TRAILING_WORDS.search(text, start, end)
    if words and words.start() > start:
        end = words.start()
    adverbs = _ADVERB_END.search(text, start, end)
    if adverbs and adverbs.start() > start:
        end = adverbs.start()
    end = _before_predicate(ctx, start, end)
    segment = text[start:end]
    if not _INSERTION.search(segment):
        return start, end
    inner = [m for m in ctx.mentions if m.start >= start and m.end <= end and m.actor]
    residue = segment
    for m in reversed(inner):
        residue = residue[: m.start - start] + residue[m.end - start :]
    if len(inner) > 1 and _LIST_RESIDUE.match(residue):
        return start, end
    stripped = segment.rstrip()
    first = _INSERTION.search(segment)
    last = max((m.end() for m in _INSERTION.finditer(segment)), default=0)
    coordinated = _COORDINATED.match(segment[last:])
    if (stripped.endswith((",", "--", "—", "–", ")")) or coordinated) and first and first.start():
        second = _INSERTION.search(segment, first.end())
        if second and not _has_name(ctx, start, start + first.start()):
            a, b = start + first.end(), start + second.start()
            if _has_name(ctx, a, b):
                return a, b  # "One of the authors, Jane Doe, said"
        return start, start + first.start()  # "Jane Doe, a pollster, said"
    after = segment[last:].strip()
    if re.fullmatch(r"(?i)they|it", after):
        intro = _IN_PLACE.match(segment)
        if intro:  # "In Yerevan, they emphasized": the government of that capital
            return start + intro.start("place"), start + intro.end("place")
    return start + last, _before_predicate(ctx, start + last, end)  # "When asked, Jane Doe said"


def _surname_as_person(ctx: _Context, name: Name) -> Name:
    """A word read as a title or demonym that is the surname of a person of the article
    ("Cuban said" after "Mark Cuban") is that person."""
    if name.kind == "title" and " " not in name.text:
        canonical = ctx.people.canonical(name.text)
        if canonical and canonical != name.text:
            return replace(name, kind="person")
    return name


def _has_name(ctx: _Context, start: int, end: int) -> bool:
    """Whether text[start:end] names an actor, a person or an organisation."""
    if any(m.actor and start <= m.start and m.end <= end for m in ctx.mentions):
        return True
    found = names_in(ctx.text, start, end, demonyms=ctx.people.demonyms)
    return any(n.kind in ("person", "organisation") for n in found)


def _apposed_name(ctx: _Context, at: int) -> list[Speaker]:
    """The name in an apposition at ``at`` (", Jane Doe," after "the bureau's director")."""
    m = _APPOSED_NAME.match(ctx.text, at)
    if not m or not _has_name(ctx, m.start("name"), m.end("name")):
        return []
    return _speakers_in(ctx, m.start("name"), m.end("name"))


_APPOSED_NAME = re.compile(
    r",\s+(?P<name>[A-Z][^,;:()\"“”]{1,60}?)(?=\s*(?:,|(?<![A-Z])\.(?:\s|$)|;|$))"
)


def _described(ctx: _Context, start: int, m: Mention) -> bool:
    """Whether a mention describes a person named before it ('Jane Doe of the X')."""
    text = ctx.text
    if not _AFTER_DESCRIBING.search(text, max(start, m.start - 12), m.start):
        return False
    names = names_in(text, start, m.start, demonyms=ctx.people.demonyms)
    return any(n.kind == "person" for n in names)


def _before_predicate(ctx: _Context, start: int, end: int) -> int:
    """Where a subject that opens the text ends when a predicate follows it before the
    verb ('Hillary Clinton sternly reprimanded Mr. Trump, saying …': Clinton), else ``end``."""
    text = ctx.text
    if _OPENING_CLAUSE.match(text, start, end):
        return end
    names = [
        n for n in names_in(text, start, end, demonyms=ctx.people.demonyms) if n.kind != "title"
    ]
    if len(names) < 2 or len(text[start : names[0].start].split()) > 4:
        return end
    between = text[names[0].end : names[-1].start]
    if _INSERTION.search(between):
        return end
    lower = re.findall(r"(?<![\w'’-])[a-z]+(?![\w'’-])", between)
    if any(w.endswith("ed") or _VERB_RE.fullmatch(w) for w in lower):
        return names[0].end
    return end


def _named(ctx: _Context, start: int, end: int, *, subject: bool) -> list[Speaker]:
    """A person, organisation or group named in text[start:end] that the profile does not
    know: before a verb the name nearest it, after one the first, never a name after
    'of'/'at'/'for' (that describes the speaker: 'Jane Doe of the Brookings Institution')."""
    text = ctx.text
    if len(text[start:end].split()) > 14:
        return []
    found = [
        n
        for n in map(
            partial(_surname_as_person, ctx),
            names_in(text, start, end, demonyms=ctx.people.demonyms),
        )
        if n.kind != "title"
        and (
            not _AFTER_DESCRIBING.search(text, max(start, n.start - 12), n.start)
            or _SPEAKS_FOR.search(text, max(start, n.start - 40), n.start)
            or _DOCUMENT_OF.search(text, max(start, n.start - 40), n.start)
        )
        and not any(a <= n.start and n.end <= b for a, b in ctx.quotes)  # a quoted name
    ]
    if not found:
        return []
    people = [n for n in found if n.kind == "person"]
    if subject:
        head = found[-1]
        if head.kind != "person" and people and _APPOSED.match(text, people[-1].end, head.start):
            head = people[-1]
    else:
        head = found[0]
        if len(text[start : head.start].split()) > 4 or _CLAUSE_WORD.search(
            text, start, head.start
        ):
            return []  # "said there are advantages for Jane Doe": not the speaker
    if head.kind == "person":
        canonical = ctx.people.canonical(head.text)
        if canonical is None and ctx.people.gender(head.text) and " " not in head.text:
            return []  # a first name alone ("Vladimir") that the article gives no surname
        via = "name chain" if canonical and canonical != head.text else ""
        return [ctx.unknown(canonical or head.text, head.start, head.end, via=via)]
    name = _bare(head.text)
    if _agency(ctx, name):
        return []
    state = _state_before(ctx, head.start)
    if state is not None and head.kind == "organisation":  # "the U.S. Treasury"
        written = text[min(state.start, head.start) : head.end]
        kind = "government" if _INSTITUTION.search(name) else "other"
        return [Speaker(None, written, state.start, head.end, "unresolved", state.actor, kind)]
    return [
        Speaker(
            None,
            name,
            head.start,
            head.end,
            "unresolved",
            name if head.kind == "organisation" else "none",
            "other",
        )
    ]


_INSTITUTION = re.compile(
    r"\b(?:Ministry|Department|Treasury|Service|Services|Guard|Agency|Council|Parliament|"
    r"Office|Committee|Court|Police|Forces|Army|Navy|Command|Administration|Duma|Senate|"
    r"Congress|Commission|Prosecutor|Prosecutor's|Bureau|Directorate|Cabinet|Embassy|Mission)\b"
)


def _state_before(ctx: _Context, at: int) -> Mention | None:
    """A country name or demonym that opens a name at ``at`` or is written just before it
    ("U.S. Treasury", "Russia's Federal Security Service")."""
    for p in ctx.places:
        if p.start == at or p.end <= at and re.fullmatch(r"(?:['’]s)?\s+", ctx.text[p.end : at]):
            return p
    return None


_CLAUSE_WORD = re.compile(
    r"\b(?:there|is|are|was|were|that|to|it|he|she|they|we|I|if|had|has|have|whether|how|"
    r"what|why|when|who|which|would|will|could|can|should)\b"
)
_AFTER_DESCRIBING = re.compile(
    r"\b(?:of|at|from|for|with|by|to|in|on|about|against)\s+(?:the\s+)?$", re.I
)
# "a spokesman for Acme", "aides to Jane Doe": they speak for whom they serve (the guide).
_SPEAKS_FOR = re.compile(
    r"\b(?:spokes(?:man|woman|person|people|men|women)|representatives?|aides?|"
    r"press secretary|lawyers?|attorneys?)\s+(?:for|of|to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "a count by Acme", "a press release from Acme": what the document says, Acme says.
_DOCUMENT_OF = re.compile(
    r"\b(?:count|analysis|study|report|survey|poll|polling|release|statement|letter|memo|"
    r"filing|data|records|figures|estimates?|tally|review|audit|investigation|documents?)"
    r"\s+(?:by|from|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_APPOSED = re.compile(r",\s+(?:a|an|the)\b")  # used with match(text, pos)
_AGENCIES = re.compile(
    r"^(?:(?:The\s+)?Associated Press|AP|Reuters|AFP|Agence France-Presse|Xinhua|TASS|RIA Novosti|"
    r"Interfax|Anadolu(?: Agency)?|Ukrinform|UNIAN|Yonhap|Kyodo|dpa|EFE|ANSA|PTI|IRNA)$"
)


def _agency(ctx: _Context, name: str) -> bool:
    """A news agency, which relays statements and is not their speaker."""
    return bool(_AGENCIES.match(name)) or fold(name) in ctx.agencies


def _in_credit(text: str, at: int) -> bool:
    """Whether a position lies in a parenthesised credit ('(Photo: Defence Ministry)')."""
    opened = text.rfind("(", max(0, at - 60), at)
    return (
        opened >= 0
        and text.find(")", opened, at) < 0
        and bool(
            re.match(
                r"\((?:[^)]*?\b(?:Photo|photo|Image|Video|Credit|Handout|Getty)\b)",
                text[opened : opened + 80],
            )
        )
    )


def _titled_name(ctx: _Context, m: Mention, end: int, *, subject: bool) -> Speaker | None:
    """A person named right after an actor or a country ('Norway's ambassador Jane Doe',
    'Clinton campaign manager Jane Doe'), whom the profile does not know."""
    tail = names_in(ctx.text, m.end, end, demonyms=ctx.people.demonyms)
    if not tail or tail[-1].kind != "person" or len(ctx.text[m.end : tail[-1].start].split()) > 4:
        return None
    if ctx.text[tail[-1].end : end].strip(" ,"):
        return None
    head = tail[-1]
    canonical = ctx.people.canonical(head.text) or head.text
    speaker = ctx.unknown(canonical, head.start, head.end)
    if speaker.affiliation in (None, "none") and ctx.affiliation.get(m.actor):
        role = ctx.people.role_type(canonical) or "government"
        speaker = replace(speaker, affiliation=ctx.affiliation[m.actor], actor_type=role)
    return speaker


_RELATIVE = re.compile(
    r",\s*(?:which|who|whose|where)\b[^,]*(?:,|$)|\([^)]*\)|,\s*[^,]{0,160}(?:,|$)"
)
_COORDINATED = re.compile(
    r"^\s*(?:has|have|had|is|are|was|were|will|would|also)\b.*\band\b", re.IGNORECASE
)


def _headed_by(text: str, mention_end: int, verb_start: int) -> bool:
    """Whether the words between the last mention and the verb leave it the subject:
    at most three words once relative clauses and appositions are set aside, or a
    coordinated predicate ('Azerbaijan has spent … and has promised')."""
    rest = _RELATIVE.sub(" ", text[mention_end:verb_start])
    return len(rest.split()) <= 3 or bool(_COORDINATED.match(rest))


def _tail(phrase: str) -> str:
    """A phrase from its final determiner on ('also the ministry' -> 'the ministry')."""
    found = max(phrase.lower().rfind(f"{d} ") for d in ("the", "his", "her", "its", "their"))
    return phrase[found:] if found >= 0 else phrase


def _head(text: str, inner: list[Mention], start: int) -> Mention:
    """The mention heading a noun phrase: skip possessors ('Azerbaijan's …'), places after
    'in', and offices relaying a principal ('the press service of X' gives X)."""
    for m in inner[:-1]:
        follow = text[m.end : m.end + 5]
        if follow.startswith(("'s", "’s")) or (
            follow.startswith(" of ") and _RELAY.search(m.alias)
        ):
            continue
        if _AFTER_PREPOSITION.search(text, max(start, m.start - 25), m.start):
            continue  # "the conflict with Kiev, Moscow said": Kiev is not the subject
        return m
    return inner[-1]


def _speaker(m: Mention) -> Speaker:
    return Speaker(m.actor, m.alias, m.start, m.end, m.kind)
