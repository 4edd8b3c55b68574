"""The verbs' trie matches what the longest-first list of the same words matches."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from workbench.annotation.cues import _alternatives, _verb_forms
from workbench.core.resources import resource_text


def as_list(words: list[str]) -> str:
    """The words as a plain alternation, longest first (what the trie stands for)."""
    return r"(?-i:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


@pytest.mark.parametrize(
    ("words", "text", "found"),
    [
        (
            ["say", "said", "says", "saying"],
            "she says, he said, saying",
            ["says", "said", "saying"],
        ),
        (["call", "called on", "called"], "they called on us, called", ["called on", "called"]),
        (["co-operate", "co"], "co-operate with co", ["co-operate", "co"]),
        (["a.b", "a"], "a.b ab a", ["a.b", "a", "a"]),
        ([], "anything", [""] * 9),
    ],
)
def test_the_trie_prefers_the_longest_word(words, text, found):
    assert [m.group(0) for m in re.finditer(_alternatives(words), text)] == found


def test_the_trie_matches_as_the_list_on_the_sample_articles():
    speech = _verb_forms(resource_text("reporting_verbs.txt"))
    position = _verb_forms(resource_text("position_verbs.txt"))
    words = speech + sorted(position)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/articles").glob("*.txt"))]
    for template in (r"(?<![\w-]){}(?![\w-])", r",\s*{}\s+\w+", r"\w+\s+{}\b"):
        trie = re.compile(template.format(_alternatives(words)), re.IGNORECASE)
        plain = re.compile(template.format(as_list(words)), re.IGNORECASE)
        for text in texts:
            assert [m.span() for m in trie.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ]
    assert sum(len(re.findall(_alternatives(words), t)) for t in texts) > 100
