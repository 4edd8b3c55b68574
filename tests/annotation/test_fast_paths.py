"""The faster ways of asking the attribution patterns: each must answer exactly as the
plain pattern does, on every invented text of the annotation tests and on variations
of them (more commas, speakers at the end, words shuffled)."""

from __future__ import annotations

import random
import re

import pytest

from workbench.annotation import names
from workbench.annotation.cues import verb_cues
from workbench.annotation.speakers import _sentence_end_before

from .test_gate import _test_texts


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    """The same match: the same span and the same span for every group."""
    if a is None or b is None:
        return a is b
    groups = range(a.re.groups + 1)
    return [a.span(g) for g in groups] == [b.span(g) for g in groups]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    """The tests' texts and variations on them, which the fast paths must not tell apart."""
    rng = random.Random(12)
    out = []
    for text in _test_texts():
        words = text.split()
        rng.shuffle(words)
        out += [
            text,
            text.replace(" said", ", said"),
            text.rstrip(".") + ", said Jane Doe, a pollster.",
            text.replace(".", ", adding that it would", 1),
            text.replace(" ", ", ", 2),
            " ".join(words),
        ]
    return out


def test_trailing_match_is_the_trailing_search(sentences):
    verbs = verb_cues()
    found = 0
    for sentence in sentences:
        plain = verbs.trailing.search(sentence)
        assert _same(verbs.trailing_match(sentence), plain), sentence
        found += plain is not None
    assert found > 100  # the form is met often enough to be tested


def test_before_quote_search_is_the_plain_search(sentences):
    verbs = verb_cues()
    found = 0
    for sentence in sentences:
        for end in {len(sentence), *(m.start() for m in re.finditer('["“:]', sentence))}:
            for start in (0, min(3, end)):
                plain = verbs.before_quote.search(sentence, start, end)
                assert _same(verbs.before_quote_search(sentence, start, end), plain), sentence
                found += plain is not None
    assert found > 100


def test_sentence_end_before_is_the_pattern():
    pattern = re.compile(r"[.!?][\"”’]?\s+$")
    rng = random.Random(3)
    marks = [".", "!", "?", '"', "”", "’", " ", "\n", "\u00a0", "a", "B"]
    texts = [*_test_texts()]
    texts += ["".join(rng.choice(marks) for _ in range(rng.randint(0, 7))) for _ in range(5000)]
    for text in texts:
        for at in range(len(text) + 1):
            assert _sentence_end_before(text, at) == bool(pattern.search(text, 0, at)), (text, at)


def test_text_tokens_are_the_token_pattern():
    extra = ["", "  ", " a ", "A", "\u00a0X\u2003Y  ", "x\n\n\nY.Z", "O´Brien’s"]
    for text in [*_test_texts(), *extra]:
        tokens = [(m.start(), m.end(), m.group(0)) for m in names._TOKEN.finditer(text)]
        upper = [k for k, t in enumerate(tokens) if t[2][0].isupper()]
        expected = ([t[0] for t in tokens], [t[1] for t in tokens], tokens, upper)
        assert names._text_tokens.__wrapped__(text) == expected
