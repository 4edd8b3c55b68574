"""Tone: NLTK's VADER with the lexicon the vaderSentiment package ships (no download).

NLTK's ``SentiText`` rebuilds a table of every (punctuation, word) pair of a text on each
call to find tokens like ``"war,"`` or ``"!peace"``, which is most of VADER's time. The
subclass here finds the same tokens directly and maps them to the same words, so the
scores are NLTK's own (a test compares them on real sentences).
"""

from __future__ import annotations

import os
import string
from functools import lru_cache


@lru_cache(maxsize=1)
def _vader():
    """NLTK's analyser, with :class:`_SentiText` in place of NLTK's ``SentiText``."""
    import nltk
    import nltk.sentiment.vader as nltk_vader
    import vaderSentiment

    folder = os.path.dirname(vaderSentiment.__file__)
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)

    class _SentiText(nltk_vader.SentiText):
        def _words_plus_punc(self) -> dict[str, str]:
            """NLTK's mapping ('cat,' -> 'cat', ',cat' -> 'cat'), for this text's tokens only.

            NLTK maps punctuation + word and word + punctuation, for each mark of
            ``PUNC_LIST`` and each word of two letters or more once punctuation is removed;
            the word + punctuation entry wins when a token is both.
            """
            no_punc_text = self.REGEX_REMOVE_PUNCTUATION.sub("", self.text)
            words_only = {w for w in no_punc_text.split() if len(w) > 1}
            out: dict[str, str] = {}
            for token in set(self.text.split()):
                if token[0] not in _PUNCTUATION and token[-1] not in _PUNCTUATION:
                    continue
                for mark in self.PUNC_LIST:
                    if token.startswith(mark) and token[len(mark) :] in words_only:
                        out[token] = token[len(mark) :]
                for mark in self.PUNC_LIST:
                    if token.endswith(mark) and token[: -len(mark)] in words_only:
                        out[token] = token[: -len(mark)]
            return out

    # NLTK's polarity_scores builds its SentiText by this module-level name; the subclass
    # gives the same result to any caller, only faster.
    nltk_vader.SentiText = _SentiText
    return nltk_vader.SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")


_PUNCTUATION = frozenset(string.punctuation)


@lru_cache(maxsize=65536)
def tone(text: str) -> float:
    """VADER compound score of a text, from -1 (negative) to 1 (positive).

    Cached: a sentence with several statements (or acts) is scored once.
    """
    return float(_vader().polarity_scores(text)["compound"])
