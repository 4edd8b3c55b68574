"""A state's bodies as speakers: "Moldova's national police" (a body written in lower case,
with the state's affiliation), a country written just before a name ("U.S. Treasury") and
the owner written after a body's name ("the Interior Ministry of the separatist republic")."""

from __future__ import annotations

import re

from .context import ArticleContext, Speaker
from .mentions import Mention

# "Moldova's national police", "Ukraine's armed forces": a state's body, not named.
_OWNED_BODY = re.compile(
    r"['’]s\s+(?:[a-z][\w-]*\s+){0,3}?(?P<body>police|army|military|navy|air force|"
    r"armed forces|forces|troops|command|government|parliament|prosecutors?|"
    r"(?:prosecutor(?: general)?|attorney general)['’]s office|authorities|officials|"
    r"intelligence(?: services?)?|border guards?|coast guard|watchdog|railways?|utility|"
    r"emergency services?|state media|central bank|security services?|general staff|"
    r"ministry|cabinet|operator|agency|company|regulator|broadcaster|embassy|mission|"
    r"delegation|administration|office|committee|council|court)\s*$"
)


_MILITARY_BODIES = frozenset("army military navy forces troops command".split()) | {
    "air force",
    "armed forces",
    "general staff",
}


def owned_institution(ctx: ArticleContext, start: int, end: int) -> list[Speaker]:
    """A state's body written in lower case ("Moldova's national police"), as written,
    with the state's affiliation."""
    text = ctx.text
    m = _OWNED_BODY.search(text, start, end)
    if not m:
        return []
    for p in ctx.places:
        if (
            start <= p.start
            and p.end == m.start()
            and re.fullmatch(r"\s*(?:[Tt]he\s+)?", text[start : p.start])
        ):
            kind = "military" if m.group("body") in _MILITARY_BODIES else "government"
            written = text[p.start : m.end("body")]
            return [Speaker(None, written, p.start, m.end("body"), "unresolved", p.actor, kind)]
    return []


def state_before(ctx: ArticleContext, at: int) -> Mention | None:
    """A country name or demonym that opens a name at ``at`` or is written just before it
    ("U.S. Treasury", "Russia's Federal Security Service")."""
    for p in ctx.places:
        if p.start == at or p.end <= at and re.fullmatch(r"(?:['’]s)?\s+", ctx.text[p.end : at]):
            return p
    return None


_OWNER_AFTER = re.compile(r"\s+(?:for|of)\s+(?:the\s+)?(?:(?:self-proclaimed|separatist)\s+)?")


def owner_after(ctx: ArticleContext, start: int, end: int) -> str | None:
    """The affiliation of the state or side actor named at the end of a body's name or
    right after it ("the Ministry of Health of Ukraine", "the Interior Ministry for the
    separatist Donetsk People's Republic"), else None."""
    for p in ctx.places:
        if start < p.start and p.end == end and ctx.text[p.start - 4 : p.start] == " of ":
            return p.actor
    found = _OWNER_AFTER.match(ctx.text, end)
    if not found:
        return None
    at = found.end()
    for p in ctx.places:
        if p.start == at:
            return p.actor
    for m in ctx.mentions:
        if m.start == at and m.actor and m.kind != "place":
            return ctx.affiliation.get(m.actor)
    return None
