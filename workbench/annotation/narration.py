"""Statements told in the narration, not quoted: 'according to X', 'X's statement
said', '…, said X.', a subject before a verb of speech or position ('Jane Doe urged …',
'the ministry believes …'), a participle that reports its clause's subject, and what a
document's author finds.
"""

from __future__ import annotations

import re

from .clause_shape import apposed_subject, clause_opening, first_comma, name_end
from .clauses import appositive_tail, document_speakers, main_subject
from .context import ArticleContext, Attributed, Speaker, bare_name, is_agency
from .cues import (
    ACCORDING,
    DOCUMENT_NOUN,
    FINDING_VERB,
    IMPERSONAL,
    IN_DOCUMENT,
    NOUN_BEFORE,
    NOUN_SUBJECT,
    OPENING_CLAUSE,
    PASSIVE_BEFORE,
    POSSESSIVE_STATEMENT,
    REDUCED_RELATIVE,
    RELATIVE_AFTER_NAME,
    SPOKEN_CLOSE,
    STATEMENT_FROM,
    SUBORDINATE,
    SUBORDINATE_SUBJECT,
    TO_LISTENER,
    UNNAMED,
    VerbCues,
)
from .prefixes import PrefixIndex, lowered_for_prefixes
from .subjects import (
    CLAUSE_WORD,
    apposed_name,
    is_person_name,
    speakers_in,
)

# What may stand before a participle that reports the clause's subject: "… by saying",
# "… while saying", "… after saying" (not a comma: that is the other form).
_LINKED_ING = re.compile(r"[^,\s]\s+(?:by|while|after|before|when|in)$")
# "is insisting", "was also saying": a progressive form of the verb.
_PROGRESSIVE = re.compile(
    r"\s(?:is|are|was|were|been)(?:\s+(?:also|still|now|again|repeatedly|publicly|\w+ly))?$"
)
# Verbs that say nothing before "to": "adding to fears", "continued to work".
_NOT_BEFORE_TO = frozenset({"adding", "continued", "continues", "continue", "continuing"})
_WITH_SUBJECT = re.compile(
    r",\s+with\s+(?P<np>[^,;:\"“”]{2,80}?)(?:,\s+[^,;:\"“”]{2,80},)?$"
)  # "…, with Jane Doe, a resident, saying …"
# "continued their raids", "continuing with the talks": going on, not saying
_NO_SPEECH_AFTER = re.compile(
    r"\s+(?:their|its|his|her|our|the|a|an|this|these|with|on|in|at)\s", re.IGNORECASE
)
# "…, eventually saying", "…, then later saying": a comma and adverbs before the participle.
_COMMA_ADVERBS = re.compile(r",(?:\s+(?:eventually|later|then|again|also|even|finally|\w+ly))+$")
# "… and said", "… but also said": a verb coordinated with the clause's first predicate.
_COMMA_IN_QUOTE = re.compile(r",\s*[\"”’']$")
# A speech verb negated: nothing is said ("has not confirmed", "would not say"); but "did
# not rule out" and "did not deny" say something.
_NEGATED = re.compile(
    r"\b(?:not|never|n't|n’t)(?:\s+(?:yet|(?!only\b)\w+ly))?$",
    re.I,  # not "not only said"
)
# A mandative verb and 'that': its clause's verb in the base form is what is asked for.
_MANDATIVE = re.compile(
    r"\b(?:demand|insist|urg|ask|propos|recommend|request|suggest)\w*\s+that\s+[^,;]{1,60}$",
    re.I,
)
_SAID_BY_DENYING = re.compile(r"(?i)(?:rul|den(?:y|ie)|hid|minc|exclud|reject|dismiss)")
_TO_BLAME = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?to$", re.I)
_REDUCED_ADVERBIAL = re.compile(r"\b(?:when|if|once|unless|until|as|while)$", re.I)
_COORDINATION = re.compile(r"\s(?:and|but)(?:\s+(?:also|then|later|\w+ly))?$")


def relays(ctx: ArticleContext, sp: Speaker) -> bool:
    """A news agency or outlet, which relays what it reports."""
    return is_media(ctx, sp) or is_agency(ctx, bare_name(sp.actor or sp.text))


def is_media(ctx: ArticleContext, sp: Speaker) -> bool:
    return sp.actor is not None and ctx.actor_type.get(sp.actor) == "media"


# Words (lower case) one of which each form of ``narrated_statements`` needs in the
# sentence, besides the verbs of speech and position (which the trailing form, a subject's
# verb and 'it is stated in' need): 'according to', the verbs of 'it is stated in a
# statement' and of "X's statement said", and the nouns of a document that finds
# (``DOCUMENT_NOUN``, which ``IN_DOCUMENT`` needs too).
_FORM_WORDS = (
    "according to",
    *("stated", "said", "says", "noted", "written", "reported", "announced", "added"),
    *("poll", "survey", "stud", "report", "analysis", "review", "audit", "investigation"),
    *("census", "tally", "count", "data", "research", "assessment", "estimate", "index"),
    "rating",
)
# The words of each set of verb patterns (keyed by id, the patterns held so the id is
# never reused).
_WORDS: dict[int, tuple[VerbCues, PrefixIndex]] = {}


def may_narrate(verbs: VerbCues, outside: str) -> bool:
    """Whether a sentence (quotes blanked) can hold a narrated statement: False only when
    it holds none of the words every form needs (a verb of ``verbs``, 'according to', a
    document's noun …), so ``narrated_statements`` would find nothing (it is then not run)."""
    lowered = lowered_for_prefixes(outside)
    if lowered is None or not verbs.forms:
        return True  # letters beyond ASCII (re's case folding may differ), or unknown verbs
    entry = _WORDS.get(id(verbs))
    if entry is None:
        words = PrefixIndex([*(f.lower() for f in verbs.forms), *_FORM_WORDS])
        entry = _WORDS[id(verbs)] = (verbs, words)
    return entry[1].holds_any(lowered)


def narrated_statements(
    ctx: ArticleContext, s_start: int, s_end: int, outside: str
) -> list[Attributed]:
    """Statements told in the narration: according to, statement from, trailing, subject verb."""
    span = (s_start, s_end)
    for pattern, rule in ((STATEMENT_FROM, "statement from"), (ACCORDING, "according to")):
        m = pattern.search(outside)
        if m and (m.group("np") or "").strip():
            a, b = s_start + m.start("np"), s_start + m.end("np")
            speakers = (
                document_speakers(ctx, a, b) if DOCUMENT_NOUN.search(m.group("np")) else []
            ) or speakers_in(ctx, a, b)
            if rule == "according to" and all(relays(ctx, sp) for sp in speakers):
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
    m = ctx.verbs.trailing_match(outside)
    if m and m.group("verb1") and m.group("verb1").lower().endswith("ing"):
        m = None  # "…, blaming Ukraine's forces": a participle's object, never its speaker
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
    verb_group = next((g for g in ("verb1", "verb2", "verb3") if m and m.group(g)), "")
    if (
        m
        and m.group(verb_group) in _NOT_BEFORE_TO
        and re.match(r"\s+to\b", outside[m.end(verb_group) :])
    ):
        m = None  # "…, Jane Doe continued to work": nobody speaks
    if m and m.start() > 15:
        verb = m.group("verb1") or m.group("verb2") or m.group("verb3")
        np_group = "np1" if m.group("verb1") else "np2" if m.group("verb2") else "np3"
        start, end = s_start + m.start(np_group), s_start + m.end(np_group)
        if np_group == "np3":  # a description, then the name: the name speaks, if a person's
            start = ctx.text.rfind(",", start, end) + 1
            start += len(ctx.text[start:end]) - len(ctx.text[start:end].lstrip())
            if not is_person_name(ctx, start, end):
                start = s_start + m.start(np_group)
        speakers = speakers_in(ctx, start, end)
        if speakers:
            return [Attributed(span, span, speakers, "clause, verb", verb, confidence=0.75)]
    found: list[Attributed] = []
    for verb_match in ctx.verbs.narrated_verb_re.finditer(outside):
        verb = verb_match.group(0)
        before = outside[: verb_match.start()].rstrip()
        position = verb in ctx.verbs.position_verbs
        if position and SUBORDINATE_SUBJECT.search(outside, 0, verb_match.start()):
            continue  # "a state she hoped to carry", "who they thought was": not a position
        if verb in _NOT_BEFORE_TO and (
            outside[verb_match.end() :].lstrip().startswith("to ")
            or (verb.startswith("continu") and _NO_SPEECH_AFTER.match(outside, verb_match.end()))
        ):
            continue  # "adding to fears", "continued to work", "continuing their raids"
        if _MANDATIVE.search(before) and not re.search(r"(?:s|ed|ing)$", verb):
            continue  # "demanded that Ukraine declare …": what is demanded, not said
        if verb.lower() == "blame" and _TO_BLAME.search(before):
            continue  # "Russia is to blame for the attack": said of Russia, not by it
        if _NEGATED.search(before) and not _SAID_BY_DENYING.match(verb):
            continue  # "Russia has not confirmed it", "she did not say whether": nothing said
        linked = _LINKED_ING.search(before) if verb.endswith("ing") else None
        progressive = _PROGRESSIVE.search(before) if verb.endswith("ing") else None
        adverbs = _COMMA_ADVERBS.search(before) if verb.endswith("ing") else None
        # '…, saying' or '… of "New York values," saying': the comma may close a quote
        after_comma = before.endswith(",") or bool(
            _COMMA_IN_QUOTE.search(ctx.text, s_start, s_start + len(before))
        )
        # "…, with Jane Doe saying …": the noun phrase after "with" says it
        absolute = _WITH_SUBJECT.search(before) if verb.endswith("ing") else None
        if absolute:
            a, b = s_start + absolute.start("np"), s_start + absolute.end("np")
            # the name that opens the phrase ("with Prof Jane Doe of King's College London"),
            # never a bare title the profile fills ("with the prime minister saying")
            speakers = [sp for sp in speakers_in(ctx, a, b) if sp.kind != "generic"]
            if speakers:
                found.append(Attributed(span, span, speakers, "with, verb", verb, confidence=0.7))
                continue
        if verb.endswith("ing") and not (after_comma or linked or progressive or adverbs):
            continue  # "tweeting that": only "…, saying", "… by saying", "is saying" report
        if (after_comma or adverbs) and verb.endswith("ing") and found and not progressive:
            continue  # "Jane Doe said that X …, adding": hers (her verb's act reads it), not X's
        if verb.endswith("s") and (
            NOUN_BEFORE.search(before) or NOUN_SUBJECT.match(outside, verb_match.end())
        ):
            continue  # "Moscow's claims", "supportive comments": nouns, not verbs
        if verb.endswith("ed") and REDUCED_RELATIVE.search(before):
            continue  # "a survey released Monday": it describes the survey
        if verb.endswith("ed") and _REDUCED_ADVERBIAL.search(before):
            continue  # "… told a paper when asked if …": she was asked, the paper asks nothing
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
            comma = adverbs.start() if adverbs else len(before) - 1
            b = s_start + (linked.start() + 1 if linked else comma)
            # the name that opens the clause first: "Sen. Jane Doe weighed in on claims
            # against John Roe's aide, calling …" is hers, not the nearest name's
            speakers = main_subject(ctx, a, b) or speakers_in(
                ctx, a, first_comma(outside, clause_start, b - s_start) + s_start, subject=True
            )
            if not speakers and a > s_start and not position:
                # "Jane Doe pitched jobs that pay well, noting that …": the cut at "that"
                # left the clause without its subject; the sentence's subject speaks
                speakers = main_subject(ctx, s_start, b)
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
            head = a
            if joined and outside[: joined.start()].rstrip().endswith(","):
                # "Jane Doe backed off her claim that X would win, and blamed …": a
                # second predicate of the sentence's subject
                head = s_start
            elif joined and clause_start >= joined.start():
                # "Jane Doe refused to say whether …, but said …": the 'but' opened no
                # clause of its own; the clause before it has the subject
                head = s_start + clause_opening(outside, joined.start())
            # "Jane Doe, a delegate, met John Roe and said …": the clause's subject says it
            speakers = (
                main_subject(ctx, head, s_start + joined.start()) if joined else []
            ) or speakers_in(ctx, a, b, subject=True)
        speakers = [
            sp for sp in speakers if not is_media(ctx, sp) or verb not in ("reported", "reports")
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
