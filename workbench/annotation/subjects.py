"""Who a span names as its speaker: the subject before a reporting verb, the name
after an inverted verb or a quote, with titles, appositions, possessives and lists.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from .bodies import owned_institution, owner_after, state_before
from .context import ArticleContext, Speaker, bare_name, is_agency, is_field
from .cues import (
    AFTER_PREPOSITION,
    BOTH_SIDES,
    DEFINITE,
    INSTITUTION,
    LIST_RESIDUE,
    OPENING_CLAUSE,
    PRONOUN,
    RELAY,
    TRAILING_AUX,
    is_person,
)
from .mentions import Mention
from .names import Name, names_in
from .speakers import role_phrase, role_qualifier


def speakers_in(
    ctx: ArticleContext, start: int, end: int, *, subject: bool = False
) -> list[Speaker]:
    """Speakers named in text[start:end]: a list of actors, one actor, a pronoun, a role
    ('the senator'), or a name the profile does not know (through the article's chain)."""
    text = ctx.text
    if subject:
        start, end = _subject_core(ctx, start, end)
    trailing = TRAILING_AUX.search(text, start, end)
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
        and not re.search(r"\b(?:pro|anti)-$", text[max(0, m.start - 5) : m.start], re.I)
    ]
    residue = text[start:end]
    for m in reversed(inner):
        residue = residue[: m.start - start] + residue[m.end - start :]
    # "former president Jane Doe", "the former president": the title's holder is not speaking
    inner = [m for m in inner if not _describes_next(ctx, m, end)]
    phrase = text[start:end].strip()
    if (
        len(inner) == 1
        and inner[0].kind not in ("name", "alias")
        and phrase == _text_of(ctx, inner[0])
    ):
        full = ctx.people.canonical(phrase)  # "Israel said" after "Rep. Adam Israel"
        if full and full != phrase and full.split()[-1] == phrase:
            return [ctx.unknown(full, inner[0].start, inner[0].end, via="name chain")]
    if inner and _described(ctx, start, inner[0]):
        return _named(ctx, start, end, subject=subject)  # "Jane Doe of the Brookings Institution"
    if inner:
        if len(inner) > 1 and LIST_RESIDUE.match(residue):
            return [as_speaker(m) for m in {m.actor: m for m in inner}.values()]
        titled = _titled_name(ctx, inner[-1], end, subject=subject, owner=_owner(ctx, inner))
        if titled is not None:
            return [titled]  # "Norway's ambassador Jane Doe", "Clinton aide Jane Doe"
        if subject and not _headed_by(text, inner[-1].end, end):
            return []  # "resolutions of the UN Security Council demand": the UN is not the subject
        people = [m for m in inner if is_person(m.actor, ctx.actor_type.get(m.actor, ""))]
        if people:
            return [as_speaker(people[0])]
        return [as_speaker(_head(text, inner, start))]
    words = phrase.split()
    if not words:
        return []
    if BOTH_SIDES.match(phrase) and ctx.side_governments:
        return [Speaker(actor, phrase, start, end, "both sides") for actor in ctx.side_governments]
    last = " ".join(words[-3:]) if subject else phrase
    pronoun = words[-1] if subject else phrase
    if PRONOUN.match(pronoun):
        return (
            ctx.continuing(pronoun, at=start)
            if (ctx.previous or pronoun.lower() in ("he", "she", "it"))
            else []
        )
    if ctx.previous and DEFINITE.match(_tail(phrase if subject else last)):
        return ctx.continuing(_tail(phrase if subject else last), at=start)
    role = role_phrase(phrase)
    if role:
        holder = ctx.people.with_role(role, start, qualifier=role_qualifier(phrase))
        if holder:
            return [ctx.unknown(holder, start, end, via="role")]
    return _named(ctx, start, end, subject=subject) or owned_institution(ctx, start, end)


def _text_of(ctx: ArticleContext, m: Mention) -> str:
    return ctx.text[m.start : m.end]


def _describes_next(ctx: ArticleContext, m: Mention, end: int) -> bool:
    """Whether a title ('Russian president') describes the name right after it, or someone
    who held it before ('former Russian president'): then it is not its holder speaking."""
    if m.kind not in ("title", "generic"):
        return False
    if _FORMER_BEFORE.search(ctx.text, max(0, m.start - 12), m.start):
        return True
    after = len(ctx.text[m.end : end]) - len(ctx.text[m.end : end].lstrip())
    following = names_in(ctx.text, m.end + after, end, demonyms=ctx.people.demonyms)
    return bool(following and following[0].start == m.end + after and following[0].kind == "person")


_FORMER_BEFORE = re.compile(r"\b(?:former|ex-|then-|late|onetime|one-time)\s*$", re.IGNORECASE)

_TRAILING_WORDS = re.compile(
    r"(?:\s+(?:has|have|had|also|further|reportedly|then|again|today|yesterday|on \w+day|"
    r"\w+day|earlier|later|is|are|was|were|will|would|now|already|still|once again|tried to|"
    r"in turn|for (?:its|his|her|their) part|continued to|continues to|went on to|trying to|"
    r"goes on to|tries to|last (?:week|month|year|night|\w+day)|this (?:week|month|year|morning)|"
    r"(?:earlier|later) this (?:week|month|year)|"
    r"in (?:a|an|his|her|its|their) (?:statement|interview|email|tweet|letter|speech)))+\s*$",
    re.IGNORECASE,
)
_IN_PLACE = re.compile(r"^\s*(?:In|in)\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*,")
_INSERTION = re.compile(r",|\s--\s|\s—\s|\s–\s|\(")
_ADVERB_END = re.compile(r"(?:\s+\w+ly)+\s*$")


def _subject_core(ctx: ArticleContext, start: int, end: int) -> tuple[int, int]:
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
    relative = _RESTRICTIVE.search(text, start, end)
    if relative and not _INSERTION.search(text, relative.end(), end):
        end = relative.start()  # "An official who spoke anonymously said": the official
    segment = text[start:end]
    if not _INSERTION.search(segment):
        return start, end
    inner = [m for m in ctx.mentions if m.start >= start and m.end <= end and m.actor]
    residue = segment
    for m in reversed(inner):
        residue = residue[: m.start - start] + residue[m.end - start :]
    if len(inner) > 1 and LIST_RESIDUE.match(residue):
        return start, end
    stripped = segment.rstrip()
    first = _INSERTION.search(segment)
    last = max((m.end() for m in _INSERTION.finditer(segment)), default=0)
    coordinated = _COORDINATED.match(segment[last:])
    if (stripped.endswith((",", "--", "—", "–", ")")) or coordinated) and first and first.start():
        second = _INSERTION.search(segment, first.end())
        if second and not _RELATIVE_OPENING.match(segment, first.end()):
            a, b = start + first.end(), start + second.start()
            if (
                not has_name(ctx, start, start + first.start())
                and has_name(ctx, a, b)
                or DESCRIPTION.match(segment[: first.start()])
                and is_person_name(ctx, a, b)
            ):
                return a, b  # "One of the authors, Jane Doe, said"; "The director of X, Jane Doe,"
        return start, start + first.start()  # "Jane Doe, a pollster, said"
    after = segment[last:].strip()
    if re.fullmatch(r"(?i)they|it", after):
        intro = _IN_PLACE.match(segment)
        if intro:  # "In Yerevan, they emphasized": the government of that capital
            return start + intro.start("place"), start + intro.end("place")
    return start + last, _before_predicate(ctx, start + last, end)  # "When asked, Jane Doe said"


# A relative clause after a name describes it and never holds the subject ("Jane Doe, who
# served in Iran, Turkey and France, said").
# A relative clause without commas restricts the noun before it, which is the subject.
_RESTRICTIVE = re.compile(r"(?<=\w)\s+(?:who|whom|whose)\s")
_RELATIVE_OPENING = re.compile(r"\s*(?:who|whom|whose|which|where|when)\b", re.IGNORECASE)
# A description that may stand before the name it describes: "The director of X", "Acme's
# chief executive", "another delegate".
DESCRIPTION = re.compile(
    r"\s*(?:(?:the|a|an|another|one|his|her|its|their)\s|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s?\s)",
    re.IGNORECASE,
)


def is_person_name(ctx: ArticleContext, start: int, end: int) -> bool:
    """Whether text[start:end] is a person's name and nothing more."""
    found = names_in(ctx.text, start, end, demonyms=ctx.people.demonyms)
    return (
        len(found) == 1
        and found[0].kind == "person"
        and not ctx.text[start : found[0].start].strip(" ,")
        and not ctx.text[found[0].end : end].strip(" ,")
    )


def _surname_as_person(ctx: ArticleContext, name: Name) -> Name:
    """A word read as a title or demonym that is the surname of a person of the article
    ("Cuban said" after "Mark Cuban") is that person."""
    if name.kind == "title" and " " not in name.text:
        canonical = ctx.people.canonical(name.text)
        if canonical and canonical != name.text:
            return replace(name, kind="person")
    return name


def has_name(ctx: ArticleContext, start: int, end: int) -> bool:
    """Whether text[start:end] names an actor, a person or an organisation."""
    if any(m.actor and start <= m.start and m.end <= end for m in ctx.mentions):
        return True
    found = names_in(ctx.text, start, end, demonyms=ctx.people.demonyms)
    return any(n.kind in ("person", "organisation") for n in found)


def apposed_name(ctx: ArticleContext, at: int) -> list[Speaker]:
    """The name in an apposition at ``at`` (", Jane Doe," after "the bureau's director")."""
    m = _APPOSED_NAME.match(ctx.text, at)
    if not m or not has_name(ctx, m.start("name"), m.end("name")):
        return []
    return speakers_in(ctx, m.start("name"), m.end("name"))


_APPOSED_NAME = re.compile(
    r",\s+(?P<name>[A-Z][^,;:()\"“”]{1,60}?)(?=\s*(?:,|(?<![A-Z])\.(?:\s|$)|;|$))"
)


def _described(ctx: ArticleContext, start: int, m: Mention) -> bool:
    """Whether a mention describes a person named before it ('Jane Doe of the X')."""
    text = ctx.text
    if not _AFTER_DESCRIBING.search(text, max(start, m.start - 12), m.start):
        return False
    names = names_in(text, start, m.start, demonyms=ctx.people.demonyms)
    return any(n.kind == "person" for n in names)


def _before_predicate(ctx: ArticleContext, start: int, end: int) -> int:
    """Where a subject that opens the text ends when a predicate follows it before the
    verb ('Hillary Clinton sternly reprimanded Mr. Trump, saying …': Clinton), else ``end``."""
    text = ctx.text
    if OPENING_CLAUSE.match(text, start, end):
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
    if any(w.endswith("ed") or ctx.verbs.verb_re.fullmatch(w) for w in lower):
        return names[0].end
    return end


def _named(ctx: ArticleContext, start: int, end: int, *, subject: bool) -> list[Speaker]:
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
        # a country is a place, never an unknown speaker ("Ukraine's southern command")
        and not _is_place(ctx, n)
    ]
    if not found:
        return []
    people = [n for n in found if n.kind == "person"]
    if subject and len(people) > 1 and people == found and _listed(text, people, start, end):
        # "Jane Doe and John Roe said": each of them
        return [ctx.unknown(ctx.people.canonical(n.text) or n.text, n.start, n.end) for n in people]
    if subject:
        head = found[-1]
        if head.kind != "person" and people and APPOSED.match(text, people[-1].end, head.start):
            head = people[-1]
        if _MODIFIED_PLURAL.fullmatch(text, head.end, end):
            return []  # "Internet activists criticized": the name only describes them
    else:
        head = found[0]
        # lower-case words before the name: a title ("former Gov. and Party Chairman
        # Jane Doe") has few; "said there are advantages for Jane Doe" is a clause
        lower = [w for w in text[start : head.start].split() if w[:1].islower() and w != "and"]
        if len(lower) > 4 or CLAUSE_WORD.search(text, start, head.start):
            return []  # "said there are advantages for Jane Doe": not the speaker
    if head.kind == "person":
        canonical = ctx.people.canonical(head.text)
        if canonical is None and ctx.people.gender(head.text) and " " not in head.text:
            return []  # a first name alone ("Vladimir") that the article gives no surname
        via = "name chain" if canonical and canonical != head.text else ""
        return [ctx.unknown(canonical or head.text, head.start, head.end, via=via)]
    name = bare_name(head.text)
    if is_agency(ctx, name):
        return []
    state = state_before(ctx, head.start)
    if state is not None and head.kind == "organisation":  # "the U.S. Treasury"
        written = text[min(state.start, head.start) : head.end]
        kind = "government" if INSTITUTION.search(name) else "other"
        return [Speaker(None, written, state.start, head.end, "unresolved", state.actor, kind)]
    owner = owner_after(ctx, head.start, head.end) if head.kind == "organisation" else None
    if owner is not None:  # "the Interior Ministry for the separatist Donetsk republic"
        return [Speaker(None, name, head.start, head.end, "unresolved", owner, "government")]
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


def _is_place(ctx: ArticleContext, name: Name) -> bool:
    """Whether a name is a place's, not a speaker's (see ArticleContext.place_named)."""
    return ctx.place_named(name.start, re.sub(r"['’]s$", "", name.text))


def _listed(text: str, names: list[Name], start: int, end: int) -> bool:
    """Whether text[start:end] is only these names, joined by commas and 'and'."""
    residue = text[start:end]
    for n in reversed(names):
        residue = residue[: n.start - start] + residue[n.end - start :]
    return bool(LIST_RESIDUE.match(residue))


CLAUSE_WORD = re.compile(
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
APPOSED = re.compile(r",\s+(?:a|an|the)\b")  # used with match(text, pos)
# People a name only describes ("Internet activists", "Acme workers", "Doe supporters"):
# they do not speak for it, as its aides, strategists or lawyers do.
_MODIFIED_PLURAL = re.compile(
    r"\s+(?:[a-z][\w-]*\s+)?(?:activists|supporters|voters|fans|critics|protesters|"
    r"demonstrators|workers|employees|residents|users|customers|readers|viewers|followers|"
    r"donors|students|parents|families|citizens|people|immigrants|refugees|bloggers|"
    r"households|homes|businesses|farmers|companies|firms|soldiers|troops|men|women|children|"
    r"villagers|tourists|travellers|travelers|volunteers|veterans|teachers|doctors)\s*"
)


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


def _owner(ctx: ArticleContext, inner: list[Mention]) -> Mention | None:
    """The state owning the body named last ("Norway's U.N. ambassador"): an envoy to a
    body speaks for the state that sends them."""
    if len(inner) < 2:
        return None
    owner, body = inner[-2], inner[-1]
    between = ctx.text[owner.end : body.start]
    if between.strip() not in ("'s", "’s") or ctx.actor_type.get(body.actor) != "igo":
        return None
    return owner


def _titled_name(
    ctx: ArticleContext, m: Mention, end: int, *, subject: bool, owner: Mention | None = None
) -> Speaker | None:
    """A person named right after an actor or a country ('Norway's ambassador Jane Doe',
    'Clinton campaign manager Jane Doe'), whom the profile does not know; an envoy to a
    body owned by a state ("Norway's U.N. ambassador, Jane Doe") speaks for the state."""
    tail = names_in(ctx.text, m.end, end, demonyms=ctx.people.demonyms)
    if not tail or tail[-1].kind != "person" or len(ctx.text[m.end : tail[-1].start].split()) > 4:
        return None
    if ctx.text[tail[-1].end : end].strip(" ,"):
        return None
    head = tail[-1]
    canonical = ctx.people.canonical(head.text) or head.text
    speaker = ctx.unknown(canonical, head.start, head.end)
    source = owner if owner is not None and ctx.affiliation.get(owner.actor) else m
    if (
        speaker.affiliation in (None, "none")
        and ctx.affiliation.get(source.actor)
        and not is_field(ctx.text, source)
    ):
        role = ctx.people.role_type(canonical) or "government"
        speaker = replace(speaker, affiliation=ctx.affiliation[source.actor], actor_type=role)
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
        if follow.startswith(("'s", "’s")) or (follow.startswith(" of ") and RELAY.search(m.alias)):
            continue
        if AFTER_PREPOSITION.search(text, max(start, m.start - 25), m.start):
            continue  # "the conflict with Kiev, Moscow said": Kiev is not the subject
        return m
    return inner[-1]


def as_speaker(m: Mention) -> Speaker:
    return Speaker(m.actor, m.alias, m.start, m.end, m.kind)
