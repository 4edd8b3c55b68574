"""Quotations in news text: where each quoted span starts and ends.

Double quotes (curly or straight), then single quotes that open after a space and close
before a non-letter, so apostrophes are not taken for quotes. Used by ``attribution``
(who said the quote) and ``statements`` (the outlet's own words, quotes removed).
"""

from __future__ import annotations

import re

_OPENERS = "“„«"
_CLOSERS = "”»"


def find_quotes(text: str, *, min_words: int = 4) -> list[tuple[int, int]]:
    """Content spans of quotations of at least ``min_words`` words (or ending in a comma,
    question or exclamation mark, as speech does), within paragraphs.

    Double quotes, curly or straight (a doubled opening mark counts once; ``’’`` closes
    like ``”``; a quote left open runs to the end of its paragraph); then single quotes,
    curly or straight, where they open after a space and close before a non-letter, so
    apostrophes ("Armenia’s") are not taken for quotes.

    Examples
    --------
    >>> text = 'He said "we will defend our land," and left.'
    >>> [text[a:b] for a, b in find_quotes(text)]
    ['we will defend our land,']
    >>> text = "He said ‘we will defend our land’ and left."
    >>> [text[a:b] for a, b in find_quotes(text)]
    ['we will defend our land']
    """
    quotes: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        base, chunk = para.start(), para.group(0).replace("’’", "”\u200b").replace("''", '"\u200b')
        doubles = _double_quotes(chunk)
        quotes.extend((base + a, base + b) for a, b in doubles)
        quotes.extend(
            (base + a, base + b)
            for a, b in _single_quotes(chunk)
            if not any(a < d_end and d_start < b for d_start, d_end in doubles)
        )
    quotes.sort()
    return [
        (a, b)
        for a, b in quotes
        if len(text[a:b].split()) >= min_words
        or _SPOKEN_END.search(text, a, b)
        or _whole_sentence(text, a, b)
    ]


# A short quotation that ends as speech does ('"They\'d be wrong," she said') is kept.
_SPOKEN_END = re.compile(r"\w[,?!]\s*$")
_FULL_STOP_END = re.compile(r"\w\.\s*$")


def _whole_sentence(text: str, a: int, b: int) -> bool:
    """A short quotation that is a sentence of its own ('… she said. "But, come on."'),
    not a word quoted inside one ('the so-called "referendum."')."""
    if not _FULL_STOP_END.search(text, a, b):
        return False
    before = text[text.rfind("\n", 0, a) + 1 : max(a - 1, 0)].rstrip()
    return not before or before[-1] in '.!?"”'


_DOUBLE_MARKS = re.compile(r"[“„«”»\"]")
_SINGLE_MARKS = re.compile(r"[‘'’]")


def _double_quotes(chunk: str) -> list[tuple[int, int]]:
    found = []
    opened: int | None = None
    for mark in _DOUBLE_MARKS.finditer(chunk):
        i, ch = mark.start(), mark.group(0)
        straight = ch == '"'
        if opened is None and (ch in _OPENERS or (straight and _can_open(chunk, i))):
            opened = i + 1
        elif opened is not None and ch in _OPENERS and i == opened:
            opened = i + 1  # a doubled opening mark
        elif opened is not None and straight and _reopens(chunk, i):
            # '… the city. "This is …': a quote that runs on into a new paragraph, written
            # on one line (an export that joins paragraphs): close it and open the next
            found.append((opened, len(chunk[:i].rstrip())))
            opened = i + 1
        elif opened is not None and (ch in _CLOSERS or straight):
            found.append((opened, i))
            opened = None
    if opened is not None:
        found.append((opened, len(chunk)))
    return found


def _single_quotes(chunk: str) -> list[tuple[int, int]]:
    """Single-quoted spans: opened after a space or bracket, closed before a non-letter."""
    found = []
    opened: int | None = None
    for mark in _SINGLE_MARKS.finditer(chunk):
        i, ch = mark.start(), mark.group(0)
        before = chunk[i - 1] if i else " "
        after = chunk[i + 1] if i + 1 < len(chunk) else " "
        if opened is None:
            if ch in "‘'" and (before.isspace() or before in "([—–-") and after.isalnum():
                opened = i + 1
        elif ch in "’'" and not after.isalnum() and not before.isspace():
            found.append((opened, i))
            opened = None
    return found


def _reopens(chunk: str, i: int) -> bool:
    """A straight mark after a sentence's end and a space, before a word: it opens."""
    return (
        0 < i < len(chunk) - 1
        and chunk[i - 1].isspace()
        and chunk[i + 1].isalnum()
        and chunk[:i].rstrip()[-1:] in (".", "!", "?")
    )


def _can_open(chunk: str, i: int) -> bool:
    return i == 0 or not chunk[i - 1].isalnum() or chunk[i - 1] in "([ "
