"""Speakers a clause names around its verb: the subject of a main clause that a
participle reports, the name before a long apposition or after a description, and the
author of a document.
"""

from __future__ import annotations

import re

from .context import ArticleContext, Speaker, bare_name, is_agency
from .cues import OPENING_CLAUSE
from .names import name_words, names_in
from .subjects import (
    APPOSED,
    CLAUSE_WORD,
    DESCRIPTION,
    as_speaker,
    has_name,
    is_person_name,
    speakers_in,
)


def document_speakers(ctx: ArticleContext, start: int, end: int) -> list[Speaker]:
    """Who publishes a document named in text[start:end] ('a Northfield University poll',
    'a report by the Center for Fair Budgets'): a profile actor, else the first name, as
    an organisation; a news agency relays and is not its author."""
    text = ctx.text
    inner = [
        m
        for m in ctx.mentions
        if start <= m.start and m.end <= end and m.actor and not ctx.quoted(m)
    ]
    if inner:
        return [as_speaker(inner[0])]
    for n in names_in(text, start, end, demonyms=ctx.people.demonyms):
        if n.kind == "title":
            continue
        name = bare_name(n.text)
        if is_agency(ctx, name):
            return []
        return [Speaker(None, name, n.start, n.end, "unresolved", name, "other")]
    return []


def main_subject(ctx: ArticleContext, start: int, end: int) -> list[Speaker]:
    """The subject of the main clause text[start:end] that a participle reports ("For
    months, Jane Doe has stayed out of it, arguing …", "Her rival, John Roe, won by saying
    …"): the name that opens the clause, after any opening phrase or description."""
    text = ctx.text
    at = start
    for _ in range(3):
        comma = text.find(",", at, end)
        segment_end = end if comma < 0 else comma
        head = text[at:segment_end]
        if not OPENING_CLAUSE.match(head):
            named = _opening_name(ctx, at, segment_end)
            if named is not None:
                return speakers_in(ctx, at, named, subject=True)
        if comma < 0:
            return []
        at = comma + 1
    return []


def _opening_name(ctx: ArticleContext, start: int, end: int) -> int | None:
    """Where the noun phrase that opens text[start:end] with a name ends (before its
    predicate: the first lower-case word after the name), or None when no name opens it."""
    text = ctx.text
    firsts = [m.start for m in ctx.mentions if m.actor and start <= m.start < end]
    firsts += [
        n.start
        for n in names_in(text, start, end, demonyms=ctx.people.demonyms)
        if n.kind in ("person", "organisation")
    ]
    # a title may come first: "former Secretary of State Jane Doe"
    lead = [w for w in text[start : min(firsts)].split() if w not in _TITLE_GLUE] if firsts else []
    if not firsts or len(lead) > 3:
        return None
    predicate = _PREDICATE_WORD.search(text, min(firsts), end)
    until = predicate.start() if predicate else end
    if predicate and re.search(r"['’]s\b", text[min(firsts) : until]):
        # "Ukraine's success relied on …", "Jane Doe's state director, John Roe,": the
        # name only owns the subject
        return None
    return until


_TITLE_GLUE = frozenset({"of", "the", "and", "former", "then", "acting", "deputy"})
# The first word of a predicate: lower case, not a name's particle or a possessive's.
_PREDICATE_WORD = re.compile(r"(?<=\s)(?!(?:of|de|van|von|der|al|bin|la|le|du|da)\b)[a-z]\w*")


def appositive_tail(ctx: ArticleContext, start: int, end: int) -> list[Speaker]:
    """The speaker named just before a verb after a long opening ("After the hearing
    ended without a vote, Jane Doe, the county clerk, said"): the person named in the
    segment before the final apposition."""
    text = ctx.text
    body = text[start:end].rstrip()
    if not body.endswith(","):
        return []
    commas = [start + i for i, c in enumerate(body[:-1]) if c == ","]
    if len(commas) < 2:
        return []
    name_from, appositive_from = commas[-2] + 1, commas[-1] + 1
    appositive = text[appositive_from : start + len(body) - 1]
    if not is_person_name(ctx, name_from, commas[-1]) or not 0 < len(appositive.split()) <= 12:
        return []
    if CLAUSE_WORD.search(appositive.split(",")[0]) and not APPOSED.match(
        ", " + appositive.lstrip()
    ):
        return []
    return speakers_in(ctx, name_from, commas[-1])


def described_then_named(ctx: ArticleContext, start: int, end: int) -> list[Speaker]:
    """The person named in the apposition after a description at text[start:end]
    ('"…," Marko's grandmother, Halyna Petrenko, 64, said': Halyna Petrenko)."""
    text = ctx.text
    if (
        not DESCRIPTION.match(text, start, end)
        or has_name(ctx, start, end)
        and not (re.search(r"['’]s\s+[a-z]", text[start:end]))
        # "the Vatican spokesman, Jane Doe,": a role of a named body, then its holder
        and text[start:end].split()[-1].casefold() not in name_words().roles
    ):
        return []
    comma = text.find(",", end + 1)
    if comma < 0 or not is_person_name(ctx, end + 1, comma):
        return []
    return speakers_in(ctx, end + 1, comma)
