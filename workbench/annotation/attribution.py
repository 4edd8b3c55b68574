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
from dataclasses import replace

from .context import ArticleContext, Attributed, Speaker, bare_name
from .cues import (
    ACCORDING,
    AFTER_ACCORDING,
    CAPTION,
    DOCUMENT_NOUN,
    FINDING_VERB,
    IMPERSONAL,
    IN_DOCUMENT,
    NAME_COLON,
    NOUN_BEFORE,
    OPENING_CLAUSE,
    OPENING_MARKS,
    PASSIVE_BEFORE,
    POSSESSIVE_STATEMENT,
    QUOTE_MARK,
    REDUCED_RELATIVE,
    RELATIVE_AFTER_NAME,
    RELAYING,
    SPOKEN_CLOSE,
    STATEMENT_FROM,
    SUBORDINATE,
    SUBORDINATE_SUBJECT,
    TO_LISTENER,
    TRANSCRIPT,
    UNNAMED,
    VERB_OBJECT,
    VerbCues,
    verb_cues,
)
from .mentions import Mention
from .quotes import find_quotes
from .speakers import ArticlePeople
from .subjects import (
    CLAUSE_WORD,
    apposed_name,
    apposed_subject,
    appositive_tail,
    as_speaker,
    clause_opening,
    document_speakers,
    first_comma,
    is_agency,
    is_person_name,
    main_subject,
    name_end,
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
) -> list[Attributed]:
    """Attribute the sentences of one article to their speakers.

    ``mentions`` are the article's resolved actor mentions (generic phrases already given
    their country where the context allows); ``actor_type`` maps actor names to types;
    ``side_governments`` are the speakers 'both sides' stands for; ``places`` (country
    names and demonyms, ``actor`` holding the affiliation) and ``affiliation`` (actor ->
    affiliation) give a speaker the profile does not know the affiliation the text gives;
    ``agencies`` (folded names of news agencies) are never the speaker of what they relay;
    ``verbs`` are the verb patterns (the packaged lexicons by default, see ``verb_cues``).
    """
    quotes = find_quotes(text)
    context = ArticleContext(
        text,
        mentions,
        actor_type,
        side_governments,
        quotes,
        people=ArticlePeople(text, demonyms=demonyms),
        places=places or [],
        affiliation=affiliation or {},
        agencies=agencies,
        verbs=verbs or verb_cues(),
    )
    results: list[Attributed] = []
    quote_speakers: dict[tuple[int, int], tuple[list[Speaker], str, str]] = {}
    turn: tuple[int, list[Speaker]] | None = None  # a transcript's speaker and paragraph
    for s_start, s_end in spans:
        sentence = text[s_start:s_end]
        if not re.search(r"[A-Za-z]{2}", sentence) or CAPTION.search(sentence):
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
            and not (found and (n.rule == "according to" or n.verb.lower() in RELAYING))
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
        if (found and (inside or QUOTE_MARK.search(sentence))) or context.attributing == (
            s_start,
            s_end,
        ):
            context.quoted_until = s_end
    return results


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


# What may stand before a participle that reports the clause's subject: "… by saying",
# "… while saying", "… after saying" (not a comma: that is the other form).
_LINKED_ING = re.compile(r"[^,\s]\s+(?:by|while|after|before|when|in)$")
# "is insisting", "was also saying": a progressive form of the verb.
_PROGRESSIVE = re.compile(
    r"\s(?:is|are|was|were|been)(?:\s+(?:also|still|now|again|repeatedly|publicly|\w+ly))?$"
)
# "… and said", "… but also said": a verb coordinated with the clause's first predicate.
_COORDINATION = re.compile(r"\s(?:and|but)(?:\s+(?:also|then|later|\w+ly))?$")


# A name and a past-tense verb right after a quote: a new speaker, whoever spoke before.
_NEW_SPEAKER = re.compile(r"[\s,.;:!?–—\-\"”’']*(?:[A-Z][\w.'’-]+\s+){1,4}[a-z]+ed\b")


def _relays(ctx: ArticleContext, sp: Speaker) -> bool:
    """A news agency or outlet, which relays what it reports."""
    return _is_media(ctx, sp) or is_agency(ctx, bare_name(sp.actor or sp.text))


def _is_media(ctx: ArticleContext, sp: Speaker) -> bool:
    return sp.actor is not None and ctx.actor_type.get(sp.actor) == "media"


def _relaying_media(ctx: ArticleContext, sp: Speaker, item: Attributed) -> bool:
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
            and text[quote[1] - 1 : quote[1]] in "?!"
            and "\n" not in text[after_end : following[0]]
        ):
            after_end = following[1]  # '"Is that so?" Jane Doe replied.' split after the '?'
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
            speakers = speakers_in(
                ctx, m.start(np_group), m.end(np_group), subject=np_group != "np1"
            )
            if not speakers and np_group == "np1":
                speakers = apposed_name(ctx, m.end(np_group))  # "said the director, Jane Doe"
            if speakers:
                return speakers, "quote+verb", verb
            if UNNAMED.match(m.group(np_group)):
                return [], "", ""  # '"…," said the designer' / 'one aide added': nobody named
    open_sentence = next((s for s in spans if s[0] <= quote[0] - 1 <= s[1]), None)
    if open_sentence:
        m = ctx.verbs.before_quote.search(
            text, open_sentence[0], max(open_sentence[0], quote[0] - 1)
        )
        if m:
            speakers = speakers_in(ctx, m.start("np"), m.end("np"), subject=True)
            if speakers:
                return speakers, "verb+quote", m.group("verb")
        m = NAME_COLON.fullmatch(text, open_sentence[0], quote[0])
        if m:  # 'Jane Doe: "We will win."', a heading or a list of reactions
            speakers = speakers_in(ctx, m.start("np"), m.end("np"), subject=True)
            if speakers:
                return speakers, "name: quote", ""
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


def _narrated(ctx: ArticleContext, s_start: int, s_end: int, outside: str) -> list[Attributed]:
    """Statements told in the narration: according to, statement from, trailing, subject verb."""
    span = (s_start, s_end)
    for pattern, rule in ((STATEMENT_FROM, "statement from"), (ACCORDING, "according to")):
        m = pattern.search(outside)
        if m and m.group("np").strip():
            a, b = s_start + m.start("np"), s_start + m.end("np")
            speakers = (
                document_speakers(ctx, a, b) if DOCUMENT_NOUN.search(m.group("np")) else []
            ) or speakers_in(ctx, a, b)
            if rule == "according to" and all(_relays(ctx, sp) for sp in speakers):
                speakers = []  # "…, Jane Doe says, according to the AP": read on for her
            if speakers:
                return [Attributed(span, span, speakers, rule, confidence=0.75)]
        if m and rule == "statement from" and re.search(r"\bin the\b", m.group(0)) and ctx.previous:
            # "it is said in the message": the message already attributed
            return [Attributed(span, span, ctx.continuing(), rule, confidence=0.6)]
    m = POSSESSIVE_STATEMENT.search(outside)
    if m:
        speakers = speakers_in(ctx, s_start + m.start("np"), s_start + m.end("np"))
        if speakers:
            return [Attributed(span, span, speakers, "statement of", confidence=0.75)]
    m = ctx.verbs.trailing.search(outside)
    if (
        m
        and m.group("verb1")
        and (CLAUSE_WORD.search(m.group("np1")) or apposed_subject(outside, 0, m.start() + 1))
    ):
        m = None  # ", asked whether …" / "Jane Doe, a host, asked …": not a speaker after the verb
    if (
        m
        and m.group("verb2")
        and (SUBORDINATE.match(m.group("np2")) or re.match(r"\s+by\b", outside[m.end("verb2") :]))
    ):
        m = None  # ", while Rubio sought a plan endorsed by …": a clause, not "…, Jane Doe said"
    if m and m.start() > 15:
        verb = m.group("verb1") or m.group("verb2")
        np_group = "np1" if m.group("verb1") else "np2"
        speakers = speakers_in(ctx, s_start + m.start(np_group), s_start + m.end(np_group))
        if speakers:
            return [Attributed(span, span, speakers, "clause, verb", verb, confidence=0.75)]
    found: list[Attributed] = []
    for verb_match in ctx.verbs.narrated_verb_re.finditer(outside):
        verb = verb_match.group(0)
        before = outside[: verb_match.start()].rstrip()
        position = verb in ctx.verbs.position_verbs
        if position and SUBORDINATE_SUBJECT.search(outside, 0, verb_match.start()):
            continue  # "a state she hoped to carry", "who they thought was": not a position
        if verb == "adding" and outside[verb_match.end() :].lstrip().startswith("to "):
            continue  # "adding to fears": nobody speaks
        linked = _LINKED_ING.search(before) if verb.endswith("ing") else None
        progressive = _PROGRESSIVE.search(before) if verb.endswith("ing") else None
        if verb.endswith("ing") and not (before.endswith(",") or linked or progressive):
            continue  # "tweeting that": only "…, saying", "… by saying", "is saying" report
        if verb.endswith("s") and NOUN_BEFORE.search(before):
            continue  # "Moscow's claims", "supportive comments": nouns, not verbs
        if verb.endswith("ed") and REDUCED_RELATIVE.search(before):
            continue  # "a survey released Monday": it describes the survey
        # "… while saying": the clause ends before its linking word
        clause_start = clause_opening(outside, linked.start() + 1 if linked else verb_match.start())
        if found and s_start + clause_start < found[-1].content[0] + 1:
            continue  # a second verb of the same subject ("called … and said …")
        a, b = s_start + clause_start, s_start + verb_match.start()
        if IMPERSONAL.search(outside, 0, verb_match.start()):
            continue  # "it was reported that …": nobody is named
        if not verb.endswith("ing") and PASSIVE_BEFORE.search(before):
            continue  # "the finalists have been announced", "she was told": not the speaker
        if progressive:  # "Jane Doe is insisting that …"
            speakers = speakers_in(ctx, a, s_start + progressive.start(), subject=True)
        elif verb.endswith("ing"):
            # "Jane Doe spoke on Monday, saying …", "… by saying", "… while saying"
            b = s_start + (linked.start() + 1 if linked else len(before) - 1)
            speakers = speakers_in(
                ctx, a, first_comma(outside, clause_start, b - s_start) + s_start, subject=True
            ) or main_subject(ctx, a, b)
        elif before.endswith(",") or SPOKEN_CLOSE.search(ctx.text, s_start, s_start + len(before)):
            # "Jane Doe, a pollster, said …" or "…, said Jane Doe, a pollster."
            after_end = name_end(outside, verb_match.end())
            described = outside[verb_match.end() : after_end]
            speakers = []
            if UNNAMED.match(described) and len(described.split()) <= 5:
                # "…, said the director, Jane Doe"
                speakers = apposed_name(ctx, s_start + after_end)
            others = re.search(r"\s+and (?:others|other \w+)$", described)
            named_end = after_end - (len(others.group(0)) if others else 0)
            if (
                not speakers
                and verb.lower() not in TO_LISTENER
                and outside[after_end : after_end + 1] in (",", ".", "")
                and is_person_name(ctx, s_start + verb_match.end(), s_start + named_end)
            ):
                # "The contrast, said Jane Doe, would be clear": the name after the verb
                speakers = speakers_in(ctx, s_start + verb_match.end(), s_start + named_end)
            subject_from = clause_start
            comma = outside.find(",", clause_start)
            if OPENING_CLAUSE.match(outside, clause_start) and 0 <= comma < len(before) - 1:
                subject_from = comma + 1  # "In an interview, Jane Doe, a pollster, said"
            order = (subject_from, 0)
            if RELATIVE_AFTER_NAME.match(outside):
                order = (0, subject_from)  # "Jane Doe, who served in X after …, said"
            for start_at in dict.fromkeys(order):
                # from the clause, or the sentence: "Jane Doe, the founder of a group that
                # helps farmers, said": that 'that' opens no clause of the verb
                if (
                    not speakers
                    and start_at < len(before) - 1
                    and apposed_subject(outside, start_at, len(before))
                ):
                    speakers = speakers_in(ctx, s_start + start_at, b, subject=True)
            if not speakers:  # "After the vote ended, Jane Doe, the county clerk, said"
                speakers = appositive_tail(ctx, s_start, s_start + len(before))
            if (
                not speakers
                and not CLAUSE_WORD.search(described)
                and outside[after_end : after_end + 1] not in ('"', "“", "”", ":")
                and verb.lower() not in TO_LISTENER
            ):
                # "…, said Jane Doe." (not '…, said Jane Doe "was …"': she is what is said)
                speakers = speakers_in(ctx, s_start + verb_match.end(), s_start + after_end)
        else:
            joined = _COORDINATION.search(before)
            # "Jane Doe, a delegate, met John Roe and said …": the clause's subject says it
            speakers = (
                main_subject(ctx, a, s_start + joined.start()) if joined else []
            ) or speakers_in(ctx, a, b, subject=True)
        speakers = [
            sp for sp in speakers if not _is_media(ctx, sp) or verb not in ("reported", "reports")
        ]
        if not speakers or (
            position and not _opens_clause(outside, clause_start, speakers[0], s_start)
        ):
            continue  # a position needs its holder named as the clause's subject
        kind = speakers[0].kind
        confidence = 0.8 if kind not in ("previous", "unresolved") else 0.6
        confidence -= 0.1 if position else 0.0
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
    if not found:
        document = _document(ctx, s_start, s_end, outside)
        if document is not None:
            found.append(document)
    return found


def _opens_clause(outside: str, clause_start: int, speaker: Speaker, s_start: int) -> bool:
    """Whether a speaker is named (not a pronoun) where its clause opens: at most two
    lower-case words before it ('But the ministry believes', not 'a narrative few Iranians
    believe')."""
    if speaker.kind == "previous":
        return False
    before = outside[clause_start : max(clause_start, speaker.start - s_start)]
    return len(re.findall(r"(?<![\w'’-])[a-z][\w'’-]*", before)) <= 2


def _document(ctx: ArticleContext, s_start: int, s_end: int, outside: str) -> Attributed | None:
    """What a document's author finds: 'a Northfield University poll found …', 'a report
    by the Center for X shows …', '… in a Harlow Institute survey'."""
    span = (s_start, s_end)
    for m in FINDING_VERB.finditer(outside):
        opening = clause_opening(outside, m.start())
        subject = outside[opening : m.start()]
        noun = next(reversed(list(DOCUMENT_NOUN.finditer(subject))), None)
        if noun is None or len(subject.split()) > 18 or len(subject[noun.end() :].split()) > 10:
            continue  # the document must head the subject: 'a poll by X found', not 'X found'
        speakers = document_speakers(ctx, s_start + opening, s_start + m.start())
        if speakers:
            return Attributed(span, span, speakers, "document", m.group(0), confidence=0.7)
    within = IN_DOCUMENT.search(outside)
    if within:
        a, b = s_start + within.start("np"), s_start + within.end("np")
        speakers = document_speakers(ctx, a, b)
        if speakers:
            return Attributed(span, span, speakers, "in a document", confidence=0.65)
    return None
