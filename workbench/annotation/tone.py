"""Tone: VADER's compound score, exactly as NLTK computes it, with the lexicon the
vaderSentiment package ships (no download).

NLTK's ``SentimentIntensityAnalyzer`` rebuilds a table of every (punctuation, word) pair
of a text on each call and walks every word through several methods. The scorer here
reads the same tables (NLTK's constants, the lexicon as NLTK parses it, built once) and
follows the same rules in the same order, including NLTK's quirks: a repeated word is
scored in the context of its first occurrence, idioms and "never so" match only lower
case, and the compound score is rounded to four decimals. A test holds the scores equal
to NLTK's on real and invented sentences.
"""

from __future__ import annotations

import math
import os
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from typing import Any

_MARKS = re.escape(string.punctuation)
_PUNCTUATION = frozenset(string.punctuation)
_LEADING = re.compile(rf"(?P<mark>[{_MARKS}]+)(?P<word>[^{_MARKS}]{{2,}})")
_TRAILING = re.compile(rf"(?P<word>[^{_MARKS}]{{2,}})(?P<mark>[{_MARKS}]+)")


@lru_cache(maxsize=1)
def nltk_analyser() -> Any:
    """NLTK's own analyser with vaderSentiment's lexicon (the reference the scorer equals)."""
    import nltk
    import nltk.sentiment.vader as nltk_vader
    import vaderSentiment

    folder = os.path.dirname(vaderSentiment.__file__)
    if folder not in nltk.data.path:  # NLTK opens files only from its data folders
        nltk.data.path.append(folder)
    return nltk_vader.SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")


@dataclass(frozen=True)
class _Tables:
    """NLTK's VADER tables, read once."""

    lexicon: dict[str, float]
    boosters: dict[str, float]
    negations: frozenset[str]
    idioms: dict[str, float]
    idiom_words: frozenset[str]  # the words of the idioms and of "kind of", "sort of" ...
    marks: frozenset[str]  # NLTK cuts "war," to "war" and "!!peace" to "peace"
    caps: float  # added to an ALL CAPS word's valence
    negation: float  # a negated valence is multiplied by this
    dampener: float  # added after "kind of", "sort of"


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    analyser = nltk_analyser()
    constants = analyser.constants
    return _Tables(
        lexicon=dict(analyser.lexicon),
        boosters=dict(constants.BOOSTER_DICT),
        negations=frozenset(constants.NEGATE),
        idioms=dict(constants.SPECIAL_CASE_IDIOMS),
        idiom_words=frozenset(
            word
            for phrase in [*constants.SPECIAL_CASE_IDIOMS, *constants.BOOSTER_DICT]
            for word in phrase.split()
            if " " in phrase
        ),
        marks=frozenset(constants.PUNC_LIST),
        caps=constants.C_INCR,
        negation=constants.N_SCALAR,
        dampener=constants.B_DECR,
    )


@lru_cache(maxsize=65536)
def tone(text: str) -> float:
    """VADER compound score of a text, from -1 (negative) to 1 (positive).

    Cached: a sentence with several statements (or acts) is scored once.
    """
    return float(compound(text))


def compound(text: str) -> float:
    """NLTK's ``polarity_scores(text)["compound"]``, computed without NLTK."""
    t = _tables()
    words = _words(text, t.marks)
    if not words:
        return 0.0
    lows = "\n".join(words).lower().split("\n")  # words hold no whitespace
    hits = list(compress(range(len(lows)), map(t.lexicon.__contains__, lows)))
    if not hits:
        return 0.0
    cap_diff = 0 < len(words) - sum(map(str.isupper, words)) < len(words)
    but = lows.index("but") if "but" in lows else -1
    scored: dict[str, float] = {}
    sentiments = []
    for i in hits:
        word = words[i]
        valence = scored.get(word)
        if valence is None:  # the first occurrence: NLTK scores every repeat like it
            low = lows[i]
            if low in t.boosters or low == "kind" and i + 1 < len(lows) and lows[i + 1] == "of":
                valence = 0.0
            else:
                valence = _valence(words, lows, i, cap_diff, t)
            scored[word] = valence
        if 0 <= but < i:
            valence *= 1.5
        elif i < but:
            valence *= 0.5
        sentiments.append(valence)
    total = float(sum(sentiments))
    if total:
        emphasis = _emphasis(text)
        total = total + emphasis if total > 0 else total - emphasis
    return round(total / math.sqrt(total * total + 15), 4)


def _words(text: str, marks: frozenset[str]) -> list[str]:
    """NLTK's ``SentiText.words_and_emoticons``: the whitespace tokens of two characters
    or more, a word with one of NLTK's marks before or after it ("war,") cut to the word."""
    return [
        w if w[-1] not in _PUNCTUATION and w[0] not in _PUNCTUATION else _cut(w, marks)
        for w in text.split()
        if len(w) > 1
    ]


def _cut(token: str, marks: frozenset[str]) -> str:
    """The word of a token made of a mark and a word of two characters or more without
    punctuation ("war," or "!!peace"), or the token itself."""
    match = _TRAILING.fullmatch(token) or _LEADING.fullmatch(token)
    if match is None or match["mark"] not in marks:
        return token
    return match["word"]


def _valence(words: list[str], lows: list[str], i: int, cap_diff: bool, t: _Tables) -> float:
    """NLTK's ``sentiment_valence`` of the lexicon word at ``i``."""
    lexicon = t.lexicon
    valence = lexicon[lows[i]]
    if cap_diff and words[i].isupper():
        valence = valence + t.caps if valence > 0 else valence - t.caps
    for distance in range(3):
        j = i - distance - 1
        if j < 0:
            break
        if lows[j] in lexicon:
            continue
        scalar = t.boosters.get(lows[j], 0.0)
        if scalar:
            if valence < 0:
                scalar *= -1
            if cap_diff and words[j].isupper():
                scalar = scalar + t.caps if valence > 0 else scalar - t.caps
            if distance == 1:
                scalar = scalar * 0.95
            elif distance == 2:
                scalar = scalar * 0.9
        valence = valence + scalar
        valence = _never(valence, words, lows, distance, i, t)
        if distance == 2:
            valence = _idioms(valence, words, i, t)
    if i > 1 and lows[i - 1] == "least" and "least" not in lexicon:
        if lows[i - 2] != "at" and lows[i - 2] != "very":
            valence = valence * t.negation
    elif i > 0 and lows[i - 1] == "least" and "least" not in lexicon:
        valence = valence * t.negation
    return valence


def _negated(low: str, t: _Tables) -> bool:
    return low in t.negations or "n't" in low


def _never(
    valence: float, words: list[str], lows: list[str], distance: int, i: int, t: _Tables
) -> float:
    """NLTK's ``_never_check``: negation, and "never so"/"never this" (lower case only)."""
    if distance == 0:
        if _negated(lows[i - 1], t):
            valence = valence * t.negation
    elif distance == 1:
        if words[i - 2] == "never" and words[i - 1] in ("so", "this"):
            valence = valence * 1.5
        elif _negated(lows[i - 2], t):
            valence = valence * t.negation
    elif (words[i - 3] == "never" and words[i - 2] in ("so", "this")) or words[i - 1] in (
        "so",
        "this",
    ):
        valence = valence * 1.25
    elif _negated(lows[i - 3], t):
        valence = valence * t.negation
    return valence


def _idioms(valence: float, words: list[str], i: int, t: _Tables) -> float:
    """NLTK's ``_idioms_check`` (case sensitive, as NLTK's is)."""
    if words[i] not in t.idiom_words and words[i - 2] not in t.idiom_words:
        return valence  # every sequence below holds one of the two
    idioms = t.idioms
    one_zero = f"{words[i - 1]} {words[i]}"
    two_one = f"{words[i - 2]} {words[i - 1]}"
    three_two = f"{words[i - 3]} {words[i - 2]}"
    for sequence in (
        one_zero,
        f"{words[i - 2]} {one_zero}",
        two_one,
        f"{words[i - 3]} {two_one}",
        three_two,
    ):
        if sequence in idioms:
            valence = idioms[sequence]
            break
    if len(words) - 1 > i:
        zero_one = f"{words[i]} {words[i + 1]}"
        if zero_one in idioms:
            valence = idioms[zero_one]
        if len(words) - 1 > i + 1:
            zero_one_two = f"{zero_one} {words[i + 2]}"
            if zero_one_two in idioms:
                valence = idioms[zero_one_two]
    if three_two in t.boosters or two_one in t.boosters:
        valence = valence + t.dampener
    return valence


def _emphasis(text: str) -> float:
    """NLTK's punctuation emphasis: up to four "!", and two or more "?"."""
    exclamations = min(text.count("!"), 4)
    questions = text.count("?")
    if questions > 3:
        return exclamations * 0.292 + 0.96
    return exclamations * 0.292 + (questions * 0.18 if questions > 1 else 0)
