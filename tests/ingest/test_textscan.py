"""The loader's fast scans give what the slow ones give, on many generated texts."""

from __future__ import annotations

import random

import ftfy
import pytest

from workbench.ingest.clean import _CONTROL, words_key
from workbench.ingest.dedupe import features, features_of_many
from workbench.ingest.textscan import (
    ascii_words_key,
    badness_possible,
    chars_in,
    non_ascii_spans,
    scan,
    words_are_ascii,
)

# Typographic characters of news prose, letters of other scripts, and the characters
# UTF-8 read as Windows-1252 leaves behind ("â€™", "Ã©", "Ä\x9f").
_TYPOGRAPHIC = "’‘“”–—―…´•©°£€«»\u00a0\u200b🇺🇦"
_LETTERS = "éèçñöüğışßΣσςﬁÅKİıſ" + "абвгдежзийклмнопрстуфхцчшщьюяАБВГД" + "١٢٣²½"
_MOJIBAKE = "âÂÃÄ€™œž\x80\x9fÐ¢ÑŸ¶§Ø×Ø"
_ASCII = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_ .,;:!?'\"()-/\n\t*#&"


def _texts(pool: str, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    chars = _ASCII * 3 + pool
    return ["".join(rng.choice(chars) for _ in range(rng.randrange(0, 60))) for _ in range(n)]


@pytest.mark.parametrize("pool", [_TYPOGRAPHIC, _TYPOGRAPHIC + _LETTERS, _LETTERS + _MOJIBAKE])
def test_ascii_words_key_is_words_key_wherever_it_is_used(pool):
    used = 0
    for text in _texts(pool, 3000, seed=len(pool)):
        if words_are_ascii(chars_in(text, non_ascii_spans(text))):
            used += 1
            assert ascii_words_key(text) == words_key(text), text
    assert used > 100


def test_words_of_other_scripts_are_not_taken_for_ascii():
    for letter in "éçğßΣабв١²ﬁİ":
        assert not words_are_ascii(frozenset(letter)), letter
    assert words_are_ascii(frozenset(_TYPOGRAPHIC))


def test_mojibake_check_is_skipped_only_where_ftfy_finds_nothing():
    skipped = flagged = 0
    for text in _texts(_TYPOGRAPHIC + _LETTERS + _MOJIBAKE, 20000, seed=3):
        if not badness_possible(chars_in(text, non_ascii_spans(text))):
            skipped += 1
            assert not ftfy.is_bad(text), text
        flagged += ftfy.is_bad(text)
    assert skipped > 100 and flagged > 100  # both sides were exercised
    assert badness_possible(frozenset("â€™"))
    assert not badness_possible(frozenset("’“”–—…"))


def test_features_of_many_texts_are_each_texts_features():
    rng = random.Random(5)
    vocabulary = [f"w{i}" for i in range(300)] + ["kherson", "talks", "ceasefire"]
    texts = [
        " ".join(rng.choice(vocabulary) for _ in range(rng.choice([0, 1, 4, 5, 6, 40, 2100])))
        for _ in range(400)
    ]
    texts += [texts[3], texts[3]]  # exact copies
    assert features_of_many(texts) == [features(t.split()) for t in texts]
    assert features_of_many([]) == []


def test_scan_finds_what_the_control_and_non_ascii_patterns_find():
    pool = _TYPOGRAPHIC + _LETTERS + _MOJIBAKE + "\x00\x07\x0b\x1f\x7f\ufeff\ud800\U0001f600"
    controls = 0
    for text in _texts(pool, 5000, seed=9):
        has_control, chars = scan(text)
        assert has_control == bool(_CONTROL.search(text)), text
        assert chars == chars_in(text, non_ascii_spans(text)), text
        controls += has_control
    assert controls > 100
