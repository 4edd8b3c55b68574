"""Names' shortcuts: string searches and the whole text's tokens give what the regular
expressions give."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from workbench.annotation.names import (
    _TOKEN,
    _classify,
    _never_alone,
    _tokens,
    _written_lower,
    _written_mid_sentence,
    name_words,
)

INVENTED = [
    "Harry M. Reid spoke. Reid said so, and later REID said more.",
    "Doe. Doe;Doe) Doe,Doe_x Doe Does (Doe) J. Doe X.Doe é Doe",
    "said the mayor. The mayor_ said: mayors, .mayor mayor",
    "Lakeview",  # at the very start and end
    " Lakeview",
    "a.b. Lakeview ,Lakeview 3 Lakeview Straße STRASSE é. Straße",
]


def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/articles").glob("*.txt"))]


def words_of(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_][\w'’.-]*", text))


@pytest.mark.parametrize("text", INVENTED)
def test_written_as_the_patterns_say_on_invented_text(text):
    for word in words_of(text) | {"Doe", "Mayor", "Reid", "Straße", "Lakeview"}:
        lower = word.rstrip(".").casefold()
        expected = re.search(rf"(?<![\w.]){re.escape(lower)}\b", text) is not None
        assert _written_lower(text, lower) == expected, (text, lower)
        title = word.rstrip(".").title()
        escaped = re.escape(title)
        pattern = rf"(?:[\w,;)]|\b[A-Z]\.) (?:{escaped}|{escaped.upper()})\b"
        assert _written_mid_sentence(text, title) == (re.search(pattern, text) is not None)


def test_written_as_the_patterns_say_on_the_sample_articles():
    checked = 0
    for text in sample_texts():
        for word in sorted(words_of(text))[:300]:
            lower = word.rstrip(".").casefold()
            expected = re.search(rf"(?<![\w.]){re.escape(lower)}\b", text) is not None
            assert _written_lower(text, lower) == expected, lower
            escaped = re.escape(word.rstrip(".").title())
            pattern = rf"(?:[\w,;)]|\b[A-Z]\.) (?:{escaped}|{escaped.upper()})\b"
            found = re.search(pattern, text) is not None
            assert _written_mid_sentence(text, word.rstrip(".").title()) == found, word
            checked += 1
    assert checked > 1000


def test_a_spans_tokens_are_its_own_wherever_it_starts_and_ends():
    """Tokens taken from the whole text's equal the span's own, also where a span cuts a
    word (then the span is read on its own), and so do those that begin with a capital."""
    text = INVENTED[0] + " " + sample_texts()[0][:1500]
    for start in range(-2, len(text) + 3, 7):
        for end in (start - 1, start, start + 1, start + 13, start + 90, len(text) + 2):
            own = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]
            upper = [k for k, t in enumerate(own) if t[2][:1].isupper()]
            assert _tokens(text, start, end) == (own, upper), (start, end)


def test_a_word_never_alone_a_name_is_none_wherever_written():
    """The words passed over before a run is read ('The', 'Monday', 'I') are those the
    reading of a run drops anywhere: at a sentence's start, mid-sentence, in parentheses."""
    for word in ("The", "It", "Monday", "I", "A", "However", "Aug."):
        assert _never_alone(word), word
        for text in (f"{word} left.", f"Then {word} left.", f"Doe ({word}) left."):
            at = text.index(word)
            run = ((at, at + len(word), word),)
            assert _classify(text, list(run), name_words(), frozenset()) is None, text
    for word in ("New", "Doe", "Kyiv"):
        assert not _never_alone(word), word
