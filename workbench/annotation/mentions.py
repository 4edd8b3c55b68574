"""Mentions: which actors of the profile are named where, by a multi-pattern matcher.

Aliases are matched with an Aho-Corasick automaton (pyahocorasick) over the folded
text (case and diacritics removed, same length as the original so offsets hold).
Rules, each tested in ``tests/test_actors.py``:

- word boundaries: ``Iran`` is not found in ``Iranian``; it is found in ``Iran-backed``
  (the compound names Iran);
- proper nouns only: an alias written with a capital must be capitalised in the text,
  so ``Turkey`` the country is found and ``turkey`` the bird is not;
- leftmost-longest: ``Azerbaijan's President`` wins over ``Azerbaijan`` inside it;
- role titles resolve to the office holder on the article's date.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import pandas as pd

from ..profile.model import Profile


@dataclass(frozen=True)
class Mention:
    """One actor named at [start, end) of an article's text."""

    start: int
    end: int
    actor: str
    alias: str
    kind: str  # name, alias, title, metonym, generic, demonym


# An article is folded for its actors and again for its places.
@lru_cache(maxsize=8)
def fold_same_length(text: str) -> str:
    """Fold case and diacritics character by character, keeping every offset."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    if ch in "’‘`´":
        return "'"
    base = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in base if not unicodedata.combining(c)).casefold()
    return base[0] if len(base) >= 1 else ch.lower()


class _FoldTable(dict):
    """str.translate table that folds each character once and remembers it."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class MentionFinder:
    """Finds the profile's actors in text; build once per profile, use for every article.

    Generic phrases ('the Foreign Ministry') are found too, with ``kind="generic"`` and
    their template as ``actor``: the caller resolves them from context.

    Examples
    --------
    >>> finder = MentionFinder(load_profile("karabakh"))  # doctest: +SKIP
    >>> [m.actor for m in finder.find("Paşinyan met Aliev in Moscow.")]  # doctest: +SKIP
    ['Nikol Pashinyan', 'Ilham Aliyev', 'Russian government']
    """

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str, str, str]]] = {}
        for entry in profile.alias_table(generic=True):
            key = fold_same_length(entry.alias).strip()
            entries.setdefault(key, []).append((entry.alias, entry.actor, entry.kind))
        for key, values in entries.items():
            if key:
                self._automaton.add_word(key, (len(key), tuple(values)))
        if entries:
            self._automaton.make_automaton()
        self._empty = not entries

    def find(self, text: str, *, date: pd.Timestamp | None = None) -> list[Mention]:
        """All mentions in ``text``, leftmost-longest, non-overlapping, in text order."""
        if self._empty or not text:
            return []
        mentions = []
        for start, end, values in _longest_matches(self._automaton, text, accept=self._accepts):
            written = text[start:end]
            alias, actor, kind = self._choose(written, values, date)
            mentions.append(Mention(start, end, actor, written, kind))
        return mentions

    @staticmethod
    @lru_cache(maxsize=65536)  # the same written forms recur in every article
    def _accepts(written: str, values: tuple[tuple[str, str, str], ...]) -> bool:
        return any(_fits(written, alias) for alias, _, _ in values)

    def _choose(
        self, written: str, values: tuple[tuple[str, str, str], ...], date: pd.Timestamp | None
    ) -> tuple[str, str, str]:
        """The entry a written form stands for: case respected, titles by the article's date."""
        fitting = [v for v in values if _fits(written, v[0])]
        if any(kind == "title" for _, _, kind in fitting):
            holder = self.profile.resolve_title(written, date)
            if holder is not None:
                return (written, holder.name, "title")
            others = [v for v in fitting if v[2] != "title"]
            if others:
                return others[0]
            return (written, "", "title")  # a title with no holder on that date
        return fitting[0]


class PlaceFinder:
    """Finds country names, demonyms and capitals, each as a mention of its affiliation.

    ``Mention.actor`` holds the affiliation ('Baku' -> 'Azerbaijan'); used to tell whose
    'Foreign Ministry' is meant and whom an act targets.
    """

    def __init__(self, profile: Profile) -> None:
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[tuple[str, str, str]]] = {}
        for written, affiliation in profile.place_table():
            key = fold_same_length(written)
            entries.setdefault(key, []).append((written, affiliation, "place"))
        for key, values in entries.items():
            self._automaton.add_word(key, (len(key), tuple(values)))
        if entries:
            self._automaton.make_automaton()
        self._empty = not entries
        self._last: tuple[str, tuple[Mention, ...]] = ("", ())  # an article is asked twice

    def find(self, text: str) -> list[Mention]:
        """Place mentions in ``text``, leftmost-longest, in text order."""
        if self._empty or not text:
            return []
        if text != self._last[0]:
            found = _longest_matches(self._automaton, text, accept=MentionFinder._accepts)
            self._last = (
                text,
                tuple(
                    Mention(start, end, values[0][1], text[start:end], "place")
                    for start, end, values in found
                ),
            )
        return list(self._last[1])


def _fits(written: str, alias: str) -> bool:
    """Capitalised aliases need a capital in the text; acronyms need the exact case."""
    if _is_acronym(alias):
        return written == alias
    return not (alias[:1].isupper() and not written[:1].isupper())


def _is_acronym(alias: str) -> bool:
    return any(c.isalpha() for c in alias) and alias == alias.upper()


def _longest_matches(automaton, text: str, *, accept) -> list[tuple[int, int, tuple]]:
    """Leftmost-longest, non-overlapping matches of whole words in ``text`` that ``accept``."""
    folded = fold_same_length(text)
    candidates = []
    size = len(text)
    for end_index, (length, values) in automaton.iter(folded):
        start, end = end_index - length + 1, end_index + 1
        # inside a word at either end ("Russia" in "Russian"): _is_word_char, inlined
        if start > 0:
            a, b = text[start - 1], text[start]
            if (a.isalnum() or a == "_") and (b.isalnum() or b == "_"):
                continue
        if end < size:
            a, b = text[end], text[end - 1]
            if (a.isalnum() or a == "_") and (b.isalnum() or b == "_"):
                continue
        if not accept(text[start:end], values):
            continue
        candidates.append((start, end, values))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen, taken_until = [], -1
    for start, end, values in candidates:
        if start >= taken_until:
            chosen.append((start, end, values))
            taken_until = end
    return chosen
