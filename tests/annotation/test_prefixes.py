"""Skipping a cue by its literal prefixes never changes whether it matches."""

import re

import pytest

from tests.conftest import ROOT
from workbench.annotation.prefixes import (
    PrefixIndex,
    literal_prefixes,
    lowered_for_prefixes,
    may_match,
)
from workbench.annotation.stance import OTHER, load_acts


@pytest.mark.parametrize(
    ("pattern", "prefixes"),
    [
        (r"\bden(y|ies)\b", {"deny", "denies"}),
        (r"(attacks?|aggression) of", {"attack", "aggression"}),
        (r"martial law", {"martial law"}),
        (r"will (be )?(take|taken) measures", {"will "}),
        (r"[a-z]+ing", None),
        (r"(?<!anti-)nazis?", {"nazi"}),  # a lookbehind is zero width
        (r"(?=x)abc", {"abc"}),
        (r"a|bc", None),  # a prefix too short to rule anything out
        (".", None),
    ],
)
def test_literal_prefixes(pattern, prefixes):
    found = literal_prefixes(re.compile(pattern, re.IGNORECASE))
    assert (None if found is None else set(found)) == prefixes


def texts() -> list[str]:
    sample = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/articles").glob("*.txt"))]
    sentences = [s for t in sample for s in re.split(r"(?<=[.!?])\s+|\n+", t) if s.strip()]
    invented = [
        f"DENIED: {OTHER} Launched The ATTACK",
        "The Minister Denıed it",  # a dotless i: lower-casing is not trusted, every cue runs
        "Erdoğan said the Martial Law was lifted",
        "K\u212aILLED",  # a Kelvin sign, which re's IGNORECASE matches with k
    ]
    return sentences + [s.replace("Armenia", OTHER) for s in sentences] + invented


def test_a_skipped_cue_never_matches():
    acts = load_acts()
    cues = [pattern for act in acts for _, pattern in (*act.cues, *act.content, *act.verbs)]
    checked = 0
    for text in texts():
        lowered = lowered_for_prefixes(text)
        for pattern in cues:
            prefixes = literal_prefixes(pattern)
            if not may_match(prefixes, lowered):
                assert pattern.search(text) is None, (pattern.pattern, text)
                checked += 1
    assert checked > 10_000  # the prefixes do rule most cues out


def test_the_index_holds_the_prefixes_a_text_holds():
    """One pass finds every prefix written in a text, overlapping and nested ones too."""
    cues = [pattern for act in load_acts() for _, pattern in (*act.cues, *act.content)]
    prefixes = {p for pattern in cues for p in literal_prefixes(pattern) or ()}
    index = PrefixIndex(prefixes)
    for text in texts():
        lowered = text.lower()
        assert index.held(lowered) == {p for p in prefixes if p in lowered}, text
    assert PrefixIndex([]).held("anything") == set()
