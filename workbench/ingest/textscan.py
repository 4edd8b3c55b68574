"""Fast scans that cleaning runs over every text, each giving exactly what its slow
(regular-expression) counterpart gives: the words of a paragraph, the runs of non-ASCII
characters, and whether ftfy's mojibake heuristic can match at all.

News prose is ASCII plus a handful of typographic characters (curly quotes, dashes, an
ellipsis). For such text the word key is found with a byte table instead of ``\\w+``, and
ftfy's badness pattern is not run when none of its alternatives can match the characters
the text holds (found by reading the pattern itself, so a newer ftfy is read too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from re import _parser as _sre_parse  # the parser behind re.compile (Python 3.11+)

import numpy as np
from ftfy.badness import BADNESS_RE

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")

# ASCII bytes -> what ``\w+`` over the casefolded text keeps: letters lowered, digits and
# "_" kept, everything else a separator (a space).
_WORD_BYTES = (
    bytes(b if (chr(b).isalnum() or b == ord("_")) else ord(" ") for b in range(128)).lower()
    + b" " * 128
)


# What cleaning removes as control characters (``clean._CONTROL``), ASCII and not.
_ASCII_CONTROL = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_OTHER_CONTROL = frozenset("\u200b\ufeff")


def scan(text: str) -> tuple[bool, frozenset[str]]:
    """Whether ``text`` holds a control character (as ``clean._CONTROL`` matches them),
    and its distinct non-ASCII characters: one pass in C and NumPy, not two regexes.

    Examples
    --------
    >>> scan("Kyiv’s “talks”\x07") == (True, frozenset("’“”"))
    True
    """
    chars: frozenset[str] = frozenset()
    if text.isascii():
        ascii_part = text.encode("ascii")
    else:
        ascii_part = text.encode("ascii", "ignore")
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        chars = frozenset(map(chr, np.unique(codes[codes > 0x7F]).tolist()))
    control = len(ascii_part.translate(None, _ASCII_CONTROL)) != len(ascii_part)
    return control or not chars.isdisjoint(_OTHER_CONTROL), chars


def non_ascii_spans(text: str) -> list[tuple[int, int]]:
    """Where the runs of non-ASCII characters are (none in ASCII text, found at no cost)."""
    return [] if text.isascii() else [m.span() for m in _NON_ASCII_RUN.finditer(text)]


def chars_in(text: str, spans: Iterable[tuple[int, int]]) -> frozenset[str]:
    """The distinct characters of ``text`` inside ``spans``."""
    return frozenset("".join(text[start:end] for start, end in spans))


@lru_cache(maxsize=4096)
def _no_word_char(char: str) -> bool:
    """True when ``char``, casefolded, holds no character that ``\\w`` matches."""
    return not _WORD_CHAR.search(char.casefold())


_WORD_CHAR = re.compile(r"\w")


def words_are_ascii(non_ascii: frozenset[str]) -> bool:
    """Whether text whose non-ASCII characters are ``non_ascii`` has only ASCII words:
    then :func:`ascii_words_key` gives its paragraphs' word keys."""
    return all(_no_word_char(c) for c in non_ascii)


def ascii_words_key(text: str) -> str:
    """``" ".join(re.findall(r"\\w+", text.casefold()))`` for text whose non-ASCII
    characters are no word characters (see :func:`words_are_ascii`).

    Each non-ASCII character becomes ``?`` and then a separator, as it would stop a word.

    Examples
    --------
    >>> ascii_words_key("The “Kherson” talks’ 2nd_round — at last!")
    'the kherson talks 2nd_round at last'
    """
    return b" ".join(text.encode("ascii", "replace").translate(_WORD_BYTES).split()).decode("ascii")


# --------------------------------------------------------------------------------------
# ftfy's badness pattern: which characters it needs
# --------------------------------------------------------------------------------------


def _element_chars(op: object, av: object) -> frozenset[int] | None:
    """The code points one pattern element can match, when it is a plain literal or a
    positive class of literals and ranges; None for anything else (\\s, \\w, ., ^, [^...])."""
    if op is _sre_parse.LITERAL:
        return frozenset([av])  # type: ignore[list-item]
    if op is _sre_parse.IN:
        codes: set[int] = set()
        for kind, value in av:  # type: ignore[attr-defined]
            if kind is _sre_parse.LITERAL:
                codes.add(value)
            elif kind is _sre_parse.RANGE:
                codes.update(range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY: not a plain set of characters
                return None
        return frozenset(codes)
    return None


@lru_cache(maxsize=1)
def _badness_needs() -> tuple[tuple[frozenset[str], ...], ...] | None:
    """For each alternative of ftfy's badness pattern, the non-ASCII character sets it
    needs (one character of each must be in the text for it to match); None when the
    pattern is not shaped as expected (then it is always run)."""
    if BADNESS_RE.flags & re.IGNORECASE:
        return None
    try:
        tree = _sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply always run
        return None
    items = list(tree)
    if len(items) != 1 or items[0][0] is not _sre_parse.BRANCH:
        return None
    needs = []
    for alternative in items[0][1][1]:
        required = []
        for op, av in alternative:
            chars = _element_chars(op, av)
            # A set with an ASCII character is met by any text: it tells nothing.
            if chars is not None and chars and min(chars) >= 0x80:
                required.append(frozenset(chr(c) for c in chars))
        if not required:
            return None  # an alternative ASCII text could match: always run the pattern
        needs.append(tuple(required))
    return tuple(needs)


@lru_cache(maxsize=4096)
def badness_possible(non_ascii: frozenset[str]) -> bool:
    """False when ftfy's ``is_bad`` cannot be true of a text whose non-ASCII characters
    are ``non_ascii``: every alternative of its pattern needs a character it lacks."""
    needs = _badness_needs()
    if needs is None:
        return True
    return any(all(not required.isdisjoint(non_ascii) for required in alt) for alt in needs)
