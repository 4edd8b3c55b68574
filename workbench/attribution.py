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
from dataclasses import dataclass, field
from importlib import resources

from .actors import Mention
from .quotes import find_quotes

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
_DEFINITE = re.compile(
    r"^(?:the|his|her|its|their) (?:(?:same|latter|former) )?"
    r"(?:ministry|department|office|statement|document|report|"
    r"message|press service|spokes(?:man|woman|person)|agency|presidency|government|minister|"
    r"president|communiqu[ée]|text|declaration|post|letter)$",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<np>[^,.;:\"“”]{2,120})", re.IGNORECASE)
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
    rf"[\s,.;:!?–—\-\"”’'\u200b]*(?:(?P<verb1>{VERB})\s+(?P<np1>[^,;:\"“”]{{2,120}}?)|(?P<np2>[^,;:\"“”]{{2,100}}?)\s+{_AUX}(?P<verb2>{VERB}))"
    r"(?=[\s,.;:!?]|$)",
    re.IGNORECASE,
)
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
_UNKNOWN_NAME = re.compile(r"(?:[A-Z][\w'’.-]+\s+){1,5}[A-Z][\w'’-]+")
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
) -> list[Attributed]:
    """Attribute the sentences of one article to their speakers.

    ``mentions`` are the article's resolved actor mentions (generic phrases already given
    their country where the context allows); ``actor_type`` maps actor names to types;
    ``side_governments`` are the speakers 'both sides' stands for.
    """
    quotes = find_quotes(text)
    context = _Context(text, mentions, actor_type, side_governments, quotes)
    results: list[Attributed] = []
    quote_speakers: dict[tuple[int, int], tuple[list[Speaker], str, str]] = {}
    for s_start, s_end in spans:
        sentence = text[s_start:s_end]
        if not re.search(r"[A-Za-z]{2}", sentence):
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
                found.append(
                    Attributed((s_start, s_end), content, speakers, rule, verb, True, confidence)
                )
                break
        narrated = _narrated(context, s_start, s_end, outside)
        quoted_actors = {sp.actor or sp.text for item in found for sp in item.speakers}
        found.extend(
            n for n in narrated if not {sp.actor or sp.text for sp in n.speakers} <= quoted_actors
        )
        for item in found:
            item.speakers = [sp for sp in item.speakers if not _relaying_media(context, sp, item)]
            if not item.speakers:
                continue
            results.append(item)
            if any(sp.actor or sp.kind == "unresolved" for sp in item.speakers):
                context.remember(item.speakers)
    return results


@dataclass
class _Context:
    """What attribution needs about one article while it walks its sentences."""

    text: str
    mentions: list[Mention]
    actor_type: dict[str, str]
    side_governments: tuple[str, ...]
    quotes: list[tuple[int, int]]
    previous: list[Speaker] = field(default_factory=list)
    history: list[list[Speaker]] = field(default_factory=list)

    def remember(self, speakers: list[Speaker]) -> None:
        self.previous = speakers
        self.history.append(speakers)

    def continuing(self, cue: str = "") -> list[Speaker]:
        """The previous speaker a pronoun or 'the ministry' refers to: 'he'/'she' a person,
        'it'/'the ministry'/'the statement' an institution, anything else the last one."""
        cue = cue.lower().split()[0] if cue.strip() else ""
        wanted = None
        if cue in ("he", "she", "his", "her"):
            wanted = True
        elif cue in ("it", "its", "the"):
            wanted = False
        chosen = self.previous
        if wanted is not None:
            for speakers in reversed(self.history[-4:]):
                if any(
                    is_person(s.actor, self.actor_type.get(s.actor or "", "")) == wanted
                    for s in speakers
                ):
                    chosen = speakers
                    break
        return [Speaker(p.actor, p.text, p.start, p.end, "previous") for p in chosen]

    def quoted(self, m: Mention) -> bool:
        """Whether a mention lies inside a quotation (a speaker never does)."""
        return any(a <= m.start and m.end <= b for a, b in self.quotes)


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
        m = _AFTER_QUOTE.match(text, after_start, close_sentence[1])
        if m:
            verb = m.group("verb1") or m.group("verb2")
            np_group = "np1" if m.group("verb1") else "np2"
            speakers = _speakers_in(ctx, m.start(np_group), m.end(np_group))
            if speakers:
                return speakers, "quote+verb", verb
    open_sentence = next((s for s in spans if s[0] <= quote[0] - 1 <= s[1]), None)
    if open_sentence:
        m = _BEFORE_QUOTE.search(text, open_sentence[0], max(open_sentence[0], quote[0] - 1))
        if m:
            speakers = _speakers_in(ctx, m.start("np"), m.end("np"), subject=True)
            if speakers:
                return speakers, "verb+quote", m.group("verb")
    para_start = text.rfind("\n", 0, quote[0]) + 1
    if ctx.previous and text[para_start : quote[0]].strip() in ("", '"', "“", "–", "—", "-"):
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
    if m and m.start() > 15:
        verb = m.group("verb1") or m.group("verb2")
        np_group = "np1" if m.group("verb1") else "np2"
        speakers = _speakers_in(ctx, s_start + m.start(np_group), s_start + m.end(np_group))
        if speakers:
            return [Attributed(span, span, speakers, "clause, verb", verb, confidence=0.75)]
    found: list[Attributed] = []
    for verb_match in _VERB_RE.finditer(outside):
        clause_start = _clause_start(outside, verb_match.start())
        if found and s_start + clause_start < found[-1].content[0] + 1:
            continue  # a second verb of the same subject ("called … and said …")
        a, b = s_start + clause_start, s_start + verb_match.start()
        if _IMPERSONAL.search(outside, 0, verb_match.start()):
            continue  # "it was reported that …": nobody is named
        speakers = _speakers_in(ctx, a, b, subject=True)
        verb = verb_match.group(0)
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


_CLAUSE_BOUNDARY = re.compile(r"\bthat\b|;|\bwhile\b|\bafter\b|\bbut\b|\bwhere\b", re.IGNORECASE)


def _clause_start(sentence: str, verb_at: int) -> int:
    """Where the subject of the verb at ``verb_at`` can start: after 'that', ';', 'while'."""
    cut = 0
    for m in _CLAUSE_BOUNDARY.finditer(sentence, 0, verb_at):
        cut = m.end()
    return cut


def _speakers_in(ctx: _Context, start: int, end: int, *, subject: bool = False) -> list[Speaker]:
    """Speakers named in text[start:end]: a list of actors, one actor, a pronoun, or a new name."""
    text = ctx.text
    trailing = _TRAILING_AUX.search(text, start, end)
    if trailing and trailing.start() > start:
        end = trailing.start()
    inner = [
        m
        for m in ctx.mentions
        if m.start >= start and m.end <= end and m.actor and not ctx.quoted(m)
    ]
    phrase = text[start:end].strip()
    if inner:
        residue = text[start:end]
        for m in reversed(inner):
            residue = residue[: m.start - start] + residue[m.end - start :]
        if len(inner) > 1 and _LIST_RESIDUE.match(residue):
            return [_speaker(m) for m in {m.actor: m for m in inner}.values()]
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
    if ctx.previous and _PRONOUN.match(pronoun):
        return ctx.continuing(pronoun)
    if ctx.previous and _DEFINITE.match(_tail(last)):
        return ctx.continuing(_tail(last))
    names = list(_UNKNOWN_NAME.finditer(phrase))
    if names and len(words) <= 8:
        tokens = names[-1].group(0).split()
        while len(tokens) > 2 and _ROLE_WORD.match(tokens[0]):
            tokens = tokens[1:]  # "Canadian Prime Minister Justin Trudeau" -> "Justin Trudeau"
        name = " ".join(tokens[-3:])
        if not name.lower().startswith(("the ", "in ", "on ")):
            offset = text.find(name, start, end)
            return [Speaker(None, name, offset, offset + len(name), "unresolved")]
    return []


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
