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
reporting verb that the profile does not know is kept, unresolved, as written. The
verbs and patterns are in ``cues``, what is known about the article while walking it in
``context``, and who a span names in ``subjects``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .clauses import described_then_named, main_subject
from .context import ArticleContext, Attributed, Speaker, bare_name, is_agency
from .cues import (
    AFTER_ACCORDING,
    DATELINE,
    NAME_COLON,
    NOUN_BEFORE,
    OPENING_MARKS,
    QUOTE_MARK,
    RELAYING,
    TO_LISTENER,
    TRANSCRIPT,
    UNNAMED,
    VERB_OBJECT,
    VerbCues,
    is_caption,
    verb_cues,
)
from .mentions import Mention
from .narration import is_media, may_narrate, narrated_statements
from .quotes import find_quotes
from .speakers import ArticlePeople
from .subjects import (
    apposed_name,
    as_speaker,
    speakers_in,
)


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
    verbs: VerbCues | None = None,
    state_of: Callable[[str], str | None] | None = None,
) -> list[Attributed]:
    """Attribute the sentences of one article to their speakers.

    ``mentions`` are the article's resolved actor mentions (generic phrases already given
    their country where the context allows); ``actor_type`` maps actor names to types;
    ``side_governments`` are the speakers 'both sides' stands for; ``places`` (country
    names and demonyms, ``actor`` holding the affiliation) and ``affiliation`` (actor ->
    affiliation) give a speaker the profile does not know the affiliation the text gives;
    ``agencies`` (folded names of news agencies) are never the speaker of what they relay;
    ``verbs`` are the verb patterns (the packaged lexicons by default, see ``verb_cues``);
    ``state_of`` gives a country's name its affiliation (for an official placed by a city).
    """
    quotes = find_quotes(text)
    verbs = verbs or verb_cues()
    context = ArticleContext(
        text,
        mentions,
        actor_type,
        side_governments,
        quotes,
        people=ArticlePeople(text, demonyms=demonyms, verbs=verbs.speech_words),
        places=places or [],
        affiliation=affiliation or {},
        agencies=agencies,
        verbs=verbs,
        state_of=state_of or (lambda name: None),
        sentences=spans,
    )
    results: list[Attributed] = []
    quote_speakers: dict[tuple[int, int], tuple[list[Speaker], str, str]] = {}
    turn: tuple[int, list[Speaker]] | None = None  # a transcript's speaker and paragraph
    for s_start, s_end in spans:
        dateline = DATELINE.match(text, s_start, s_end)
        if dateline and s_start == text.rfind("\n", 0, s_start) + 1:
            s_start = dateline.end()  # "KYIV, Ukraine (AP) — Jane Doe said …": from "Jane"
        sentence = text[s_start:s_end]
        if not re.search(r"[A-Za-z]{2}", sentence) or is_caption(sentence):
            continue
        para_start = text.rfind("\n", 0, s_start) + 1
        transcript = TRANSCRIPT.match(text, para_start) if para_start == s_start or turn else None
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
            if rule == "unnamed":
                context.previous = []  # the next quote is not the last named speaker's
            if speakers:
                content = (max(quote[0], s_start), min(quote[1], s_end))
                confidence = 0.9 if speakers[0].kind != "previous" else 0.7
                confidence -= 0.15 if speakers[0].via in ("pronoun", "role") else 0.0
                found.append(
                    Attributed((s_start, s_end), content, speakers, rule, verb, True, confidence)
                )
                break
        narrated = (
            narrated_statements(context, s_start, s_end, outside)
            if (context.attributing != (s_start, s_end) or inside)
            and may_narrate(context.verbs, outside)
            else []
        )
        if narrated and not found:
            # "Jane Doe, speaking on Tuesday, said of it: "… . …"": her quote, to its end
            for quote in inside:
                speaker_end = max(sp.end for sp in narrated[-1].speakers)
                if not quote_speakers[quote][0] and speaker_end < quote[0] and quote[1] > s_end:
                    quote_speakers[quote] = (narrated[-1].speakers, "verb+quote", narrated[-1].verb)
        if (
            found
            and found[0].rule == "quote continued"
            and any(
                n.rule in ("subject verb", "clause, verb")
                and n.speakers
                and n.speakers[0].kind != "previous"
                for n in narrated
            )
        ):
            found = []  # '"…" at the plant, Jane Doe said.': hers, not the last speaker's
        quoted_actors = {sp.actor or sp.text for item in found for sp in item.speakers}
        found.extend(
            n
            for n in narrated
            if not {sp.actor or sp.text for sp in n.speakers} <= quoted_actors
            # '"…," Jane Doe said, the Courier reported': the outlet relays her quote
            and not (found and (n.rule == "according to" or n.verb.lower() in RELAYING))
            # the quote's own attribution read again as a clause ('"…," X's aunt, Y, said')
            and not (found and n.rule == "subject verb" and _same_attribution(n, found[0], text))
        )
        for item in found:
            item.speakers = [
                sp
                for sp in item.speakers
                if not _relaying_media(context, sp, item)
                and not is_agency(context, bare_name(sp.actor or sp.text))
            ]
            if not item.speakers:
                continue
            results.append(item)
            context.remember(item.speakers)
        quoted = [item for item in found if item.quoted and item.speakers]
        if quoted and found[-1] is not quoted[0]:
            # '"…," Jane Doe said, after John Roe said …. "More."': her quote goes on
            context.previous = quoted[0].speakers
        if (found and (inside or QUOTE_MARK.search(sentence))) or context.attributing == (
            s_start,
            s_end,
        ):
            context.quoted_until = s_end
    return results


def _same_attribution(narrated: Attributed, quoted: Attributed, text: str) -> bool:
    """Whether a clause's verb and speaker are the quote's attribution read again: the
    same verb, with speakers named within a few words of each other."""
    if not narrated.verb or narrated.verb != quoted.verb:
        return False
    ours = [sp.start for sp in narrated.speakers if sp.kind != "previous"]
    theirs = [sp.start for sp in quoted.speakers if sp.kind != "previous"]
    verb = re.compile(rf"\b{re.escape(quoted.verb)}\b", re.IGNORECASE)
    return any(
        abs(a - b) <= 60
        # '"…," Jane Doe said, after John Roe said …': a second speaker, after her verb
        and not (a > b and verb.search(text, b, a))
        for a in ours
        for b in theirs
    )


def _transcript_speaker(ctx: ArticleContext, m: re.Match[str]) -> list[Speaker]:
    """The speaker of a transcript turn: a profile actor or the person of that surname."""
    a, b = m.start("name"), m.end("name")
    inner = [x for x in ctx.mentions if x.start >= a and x.end <= b and x.actor]
    if inner:
        return [as_speaker(inner[-1])]
    written = m.group("name")
    if written in ("Q", "A", "NOTE", "UPDATE", "EDITOR'S NOTE", "WATCH", "READ MORE"):
        return []
    canonical = ctx.people.canonical(written.title())
    if canonical is None:
        return []
    return [ctx.unknown(canonical, a, b, via="name chain")]


_RELATIVE = re.compile(r"\s(?:who|whose|which|whom)\s")
# A name and a past-tense verb right after a quote: a new speaker, whoever spoke before.
_NEW_SPEAKER = re.compile(r"[\s,.;:!?–—\-\"”’']*(?:[A-Z][\w.'’-]+\s+){1,4}[a-z]+ed\b")
# A clause ending in a colon right before the quote: it introduces the quote.
_COLON_BEFORE = re.compile(r"[a-z]\s*:\s*[\"“‘'\u200b]*$")
# "In Iowa on Monday, " before the subject: a short phrase, no clause of its own.
_OPENING_PHRASE = re.compile(
    r"\s*(?:(?:But|And|Yet|So|Then|Later|Earlier)\s+)?"
    r"(?:(?:In|On|At|During|After|Before|Last|This|Speaking|Asked)\b[^,]{0,60},\s*)?"
    r"(?:[A-Z][\w.'’-]*\s+){0,4}"  # a title: "Senate Majority Leader"
)
# "Jane Doe said.", "Sen. Jane Doe added on Monday.": capitalised words, a verb, an end.
_NAME_AND_VERB = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,4}(?P<verb>[a-z]+)(?:\s+(?:on\s+)?\w+day)?\s*[.!]"
)
# A signature line under a quote that ends its paragraph: '"…"' then '— Jane Doe, mayor'.
_SIGNATURE = re.compile(r"[\"”’'.,!?\s]*?\n[ \t]*[—–-]{1,2}[ \t]*(?P<np>[A-Z][^,.;:\n]{2,80})")


def _only_attributes(ctx: ArticleContext, sentence: str) -> bool:
    """Whether a sentence is only a name and a verb of speech ('Jane Doe said.'), which
    can only attribute the quote before it."""
    m = _NAME_AND_VERB.fullmatch(sentence.strip())
    return bool(m and ctx.verbs.verb_re.fullmatch(m.group("verb")))


def _relaying_media(ctx: ArticleContext, sp: Speaker, item: Attributed) -> bool:
    """A news agency that only carries the statement ('reported by TASS') is not its speaker."""
    return is_media(ctx, sp) and (
        item.rule == "according to" or item.verb.lower() in ("reported", "reports")
    )


def _mask(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> str:
    """The sentence with quoted words blanked (same length): verbs inside quotes are ignored."""
    if not quotes:
        return text[start:end]
    chars = list(text[start:end])
    for a, b in quotes:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " " if not chars[i - start].isspace() else chars[i - start]
    return "".join(chars)


def _quote_speaker(
    ctx: ArticleContext, quote: tuple[int, int], spans: list[tuple[int, int]]
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
            and "\n" not in text[after_end : following[0]]
            and (
                text[quote[0] : quote[1]].rstrip(" '’\"”")[-1:] in ("?", "!")  # also "…?'"
                or _only_attributes(ctx, text[following[0] : following[1]])
            )
        ):
            # '"Is that so?" Jane Doe replied.' split after the '?'; '"… missing." Jane Doe
            # said.' split after the quote's own full stop
            after_end = following[1]
            ctx.attributing = following  # that sentence only attributes the quote
        according = AFTER_ACCORDING.match(text, after_start, after_end)
        if according:  # '"…," according to a court filing by Jane Doe.'
            speakers = speakers_in(ctx, according.start("np"), according.end("np"))
            by = re.search(r"\bby\s+", text[according.start("np") : according.end("np")])
            if not speakers and by:
                speakers = speakers_in(ctx, according.start("np") + by.end(), according.end("np"))
            return (speakers, "quote+according to", "") if speakers else ([], "", "")
        m = ctx.verbs.after_quote.match(text, after_start, after_end)
        if m and m.group("verb1") and m.group("verb1").lower() in TO_LISTENER:
            m = None  # '"…," told reporters': whoever follows is the listener
        if m and not m.group("verb1") and VERB_OBJECT.match(text, m.end()):
            m = None  # '"…," Russia has denied targeting …': a new clause, not the attribution
        if m:
            verb = m.group("verb1") or m.group("verb2") or m.group("verb3")
            np_group = "np1" if m.group("verb1") else ("np2" if m.group("verb2") else "np3")
            np_end = m.end(np_group)
            relative = _RELATIVE.search(text, m.start(np_group), np_end)
            if np_group == "np1" and relative:
                np_end = relative.start()  # '"…," said Jane Doe who runs the shelter'
            speakers = (
                described_then_named(ctx, m.start("np3"), m.end("np3")) if np_group == "np3" else []
            ) or speakers_in(ctx, m.start(np_group), np_end, subject=np_group != "np1")
            if not speakers and np_group == "np1":
                speakers = apposed_name(ctx, m.end(np_group))  # "said the director, Jane Doe"
            if speakers:
                return speakers, "quote+verb", verb
            if UNNAMED.match(m.group(np_group)):
                return [], "unnamed", ""  # '"…," said the designer' / 'one aide added'
    open_sentence = next((s for s in spans if s[0] <= quote[0] - 1 <= s[1]), None)
    if open_sentence:
        m = ctx.verbs.before_quote_search(
            text, open_sentence[0], max(open_sentence[0], quote[0] - 1)
        )
        if m and NOUN_BEFORE.search(text[open_sentence[0] : m.start("verb")].rstrip()):
            m = None  # "shrugged off Jane Doe's comments, telling …": a noun, not her verb
        if m:
            speakers = speakers_in(ctx, m.start("np"), m.end("np"), subject=True)
            if speakers:
                return speakers, "verb+quote", m.group("verb")
        m = NAME_COLON.fullmatch(text, open_sentence[0], quote[0])
        if m:  # 'Jane Doe: "We will win."', a heading or a list of reactions
            speakers = speakers_in(ctx, m.start("np"), m.end("np"), subject=True)
            if speakers:
                return speakers, "name: quote", ""
        if _COLON_BEFORE.search(text, open_sentence[0], quote[0]):
            # 'Jane Doe delivered a blunt message to him: "…"': her clause introduces it
            speakers = main_subject(ctx, open_sentence[0], quote[0])
            before = text[open_sentence[0] : speakers[0].start] if speakers else ""
            if (
                speakers
                and (not before.strip(OPENING_MARKS) or _OPENING_PHRASE.fullmatch(before))
                and not speakers[0].text.isupper()  # "NOW OPEN—": a heading
                and text[speakers[0].end : speakers[0].end + 1] != "."  # "Calif.,"
            ):
                return speakers, "clause: quote", ""
    signature = _SIGNATURE.match(text, quote[1])
    if signature:
        speakers = speakers_in(ctx, signature.start("np"), signature.end("np"), subject=True)
        if speakers:
            line = next((s for s in spans if s[0] <= signature.start("np") < s[1]), None)
            ctx.attributing = line  # the signature line only attributes the quote
            return speakers, "quote+signature", ""
    if close_sentence and _NEW_SPEAKER.match(text, quote[1], close_sentence[1]):
        return [], "", ""  # '"…?" Jane Doe pressed.': someone new, with a verb we lack
    para_start = text.rfind("\n", 0, quote[0]) + 1
    if ctx.previous and not text[para_start : quote[0]].strip(OPENING_MARKS):
        return ctx.continuing(), "quote continued", ""
    if (
        ctx.previous
        and open_sentence
        and ctx.quoted_until is not None
        and not text[open_sentence[0] : quote[0]].strip(OPENING_MARKS)
        and not text[ctx.quoted_until : open_sentence[0]].strip()
        and "\n" not in text[ctx.quoted_until : open_sentence[0]]
    ):
        # '"…," Jane Doe said. "And more …"': the next quote of the paragraph is hers too
        return ctx.continuing(), "quote continued", ""
    return [], "", ""
