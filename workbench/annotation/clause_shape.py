"""The shape of a sentence around a reporting verb: where a clause opens, where a
subject or a name after the verb ends, and whether a phrase is a noun phrase with its
apposition.
"""

from __future__ import annotations

import re

from .context import Attributed
from .cues import OPENING_CLAUSE


def apposed_subject(sentence: str, start: int, end: int) -> bool:
    """Whether ``sentence[start:end]`` is a short noun phrase and its apposition ('Jane
    Doe, a pollster,'), not a clause of what was said ('Prices will rise,')."""
    head = sentence[start:end].split(",")[0]
    return (
        0 < len(head.split()) <= 7
        and not OPENING_CLAUSE.match(head)
        and not re.search(
            r"\b(?:is|are|was|were|will|would|has|have|had|can|could|should|must|do|does|did)\b",
            head,
        )
    )


def first_comma(sentence: str, start: int, end: int) -> int:
    """Where a main clause's subject ends: before its first verb-free comma, or ``end``."""
    cut = sentence.find(",", start, end)
    return cut if cut > start else end


def name_end(sentence: str, start: int) -> int:
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


def clause_opening(sentence: str, verb_at: int) -> int:
    """Where the subject of the verb at ``verb_at`` can start: after 'that', ';', 'while',
    unless the word sits in an aside closed before the verb ("Joyce — a lawyer but not in
    practice — told …", "Doe, who lost but ran again, said …")."""
    cut = 0
    asides = [m.span() for m in _ASIDE.finditer(sentence, 0, verb_at)]
    for m in _CLAUSE_BOUNDARY.finditer(sentence, 0, verb_at):
        if not any(a < m.start() < b for a, b in asides):
            cut = m.end()
    return cut


# An aside closed before the verb: between dashes, in brackets, or a ", who … ," clause.
_ASIDE = re.compile(r"\s(?:—|–|--)\s[^—–]*?\s(?:—|–|--)\s|\([^()]*\)|,\s(?:who|which)\s[^,;]*,")


# How far after the reporting verb its frame reaches ("accused the West of", "called on
# both sides to"): the verb's object and particle, not the rest of the sentence.
VERB_FRAME = 60
# A participle after a plain reporting verb that says what the statement does ("…, the
# ministry said, blaming the army for the strike").
_PLAIN_VERBS = frozenset("said says say told tells added adds stated states".split())
_PARTICIPLE = re.compile(
    r",\s+(?:and\s+)?(?:blaming|accusing|urging|calling|warning|denying|condemning|praising|"
    r"threatening|vowing|pledging|thanking|rejecting|dismissing|critici[sz]ing|slamming)\b"
)


def verb_frame(text: str, item: Attributed) -> tuple[int, int]:
    """Where the reporting verb and the words after it are in the sentence (its first
    occurrence outside the quoted or reported content), or an empty span; after a plain
    "said", a participle outside the content that names the act ("…, blaming X")."""
    if not item.verb:
        return (0, 0)
    a, b = item.sentence
    if item.verb.lower() in _PLAIN_VERBS:
        for m in _PARTICIPLE.finditer(text, a, b):
            if not item.content[0] <= m.start() < item.content[1]:
                at = m.end() - len(m.group(0).split()[-1])
                return (at, min(b, at + VERB_FRAME))
    pattern = re.compile(rf"\b{re.escape(item.verb)}\b", re.IGNORECASE)
    for m in pattern.finditer(text, a, b):
        if item.content[0] <= m.start() < item.content[1] and item.content != item.sentence:
            continue
        return (m.start(), min(b, m.start() + VERB_FRAME))
    return (0, 0)
