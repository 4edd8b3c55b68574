"""Literal prefixes of a regular expression, to skip a search that cannot match.

A cue such as ``\\bden(y|ies|ied|ial)\\b`` matches only where one of "deny", "denies",
"denied", "denial" is written, and ``"den" in text`` costs far less than the search (a
leading ``\\b`` keeps Python's ``re`` from scanning for the prefix itself). The prefixes are
read from the pattern's parse tree, so a text without any of them cannot match: skipping
the search changes no result.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the parser ``re`` itself uses (``sre_parse`` before 3.11)
from collections.abc import Iterable
from re._constants import ASSERT, ASSERT_NOT, AT, BRANCH, LITERAL, SUBPATTERN

import ahocorasick

_MOST = 64  # more alternatives than this: not worth checking one by one
_SHORTEST = 3  # a prefix shorter than this rules out too little


def literal_prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` begins with, or
    None when the pattern has no such set (it begins with a class or a repeat…).

    Only for patterns compiled with ``re.IGNORECASE`` and without other flags, which is how
    act cues are compiled; a text is then checked in lower case (see :func:`may_match`).

    >>> sorted(literal_prefixes(re.compile(r"\\bden(y|ies)\\b", re.I)))
    ['denies', 'deny']
    >>> literal_prefixes(re.compile(r"[a-z]+ing", re.I)) is None
    True
    """
    if pattern.flags & ~(re.IGNORECASE | re.UNICODE):
        return None
    try:
        found, _ = _prefixes(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    except (re.error, TypeError, ValueError):
        return None
    if found is None or not found or any(len(p) < _SHORTEST or not p.isascii() for p in found):
        return None
    return frozenset(p.lower() for p in found)


def may_match(prefixes: frozenset[str] | None, lowered: str | None) -> bool:
    """False only when ``lowered`` (a text in lower case, or None when lower-casing could
    change a match: see :func:`lowered_for_prefixes`) holds none of the prefixes."""
    return prefixes is None or lowered is None or any(p in lowered for p in prefixes)


class PrefixIndex:
    """Which of many prefixes a lower-case text holds, found in one pass (Aho-Corasick):
    a cue is then skipped by a set test instead of a substring search per prefix.

    >>> index = PrefixIndex(["deny", "den", "accus"])
    >>> sorted(index.held("they denied it"))
    ['den']
    """

    def __init__(self, prefixes: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for prefix in set(prefixes):
            self._automaton.add_word(prefix, prefix)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def holds_any(self, lowered: str) -> bool:
        """Whether any of the prefixes is written in ``lowered``."""
        return not self._empty and next(self._automaton.iter(lowered), None) is not None

    def held(self, lowered: str) -> set[str]:
        """The prefixes written anywhere in ``lowered`` (overlapping ones too)."""
        if self._empty:
            return set()
        return {prefix for _, prefix in self._automaton.iter(lowered)}


def lowered_for_prefixes(text: str) -> str | None:
    """The text in lower case, or None when it has letters outside ASCII (whose case
    folding in ``re`` may differ from ``str.lower``: then every search runs)."""
    if not text.isascii() and any(ch.isalpha() for ch in _NON_ASCII.findall(text)):
        return None  # (curly quotes and dashes, the usual non-ASCII, are no letters)
    return text.lower()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _prefixes(items: list) -> tuple[set[str] | None, bool]:
    """The prefixes a sequence of parsed items begins with, and whether they cover it all."""
    out = {""}
    for op, value in items:
        if op is AT or op is ASSERT or op is ASSERT_NOT:
            continue  # \b, ^, lookarounds: zero width, nothing of the match
        if op is LITERAL:
            out = {p + chr(value) for p in out}
            continue
        if op is SUBPATTERN:
            inner, whole = _prefixes(list(value[-1]))
        elif op is BRANCH:
            inner, whole = set(), True
            for alternative in value[1]:
                found, complete = _prefixes(list(alternative))
                if found is None:
                    return (out if out != {""} else None), False
                inner |= found
                whole = whole and complete
        else:
            return (out if out != {""} else None), False
        if inner is None:
            return (out if out != {""} else None), False
        out = {p + q for p in out for q in inner}
        if len(out) > _MOST:
            return None, False
        if not whole:
            return out, False
    return out, True
