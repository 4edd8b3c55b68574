"""The fast tone path gives NLTK's VADER scores exactly."""

import re

import pandas as pd
import pytest

from tests.conftest import ROOT, UKRAINE
from workbench.annotation.tone import _vader, tone

EDGE_CASES = [
    "We vehemently condemn the brutal attack!!!",
    "'Peace,' she said: \"never again\" -- and smiled :)",
    "!!!great news, but the talks FAILED?!?",
    "It was not bad... not bad at all,",
    "The kind of help we need, isn't it?",
    "A - b ; c : d 'e' \"ff\" ,gg ..hh",
    "",
    "?",
]


def nltk_scores(sentences: list[str], monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Scores from NLTK's own SentiText (the one the fast path replaces)."""
    import nltk.sentiment.vader as nltk_vader

    _vader()  # installs the fast SentiText; its base class is NLTK's
    monkeypatch.setattr(nltk_vader, "SentiText", nltk_vader.SentiText.__mro__[1])
    analyser = nltk_vader.SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")
    return [analyser.polarity_scores(s)["compound"] for s in sentences]


def sentences_of(texts: list[str]) -> list[str]:
    return [s for text in texts for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def test_tone_equals_nltk_on_the_sample_corpus(monkeypatch):
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/articles").glob("*.txt"))]
    sentences = sentences_of(texts) + EDGE_CASES
    fast = [tone(s) for s in sentences]
    assert len(sentences) > 100
    assert fast == pytest.approx(nltk_scores(sentences, monkeypatch), abs=1e-9)


@pytest.mark.skipif(not UKRAINE.is_dir(), reason="../shared/corpora is not beside the project")
def test_tone_equals_nltk_on_2000_ukraine_sentences(monkeypatch):
    texts = pd.read_csv(UKRAINE / "guardian.csv", nrows=200).iloc[:, :].astype(str)
    column = max(texts.columns, key=lambda c: texts[c].str.len().mean())
    sentences = sentences_of(list(texts[column]))[:2000]
    assert len(sentences) == 2000
    fast = [tone(s) for s in sentences]
    assert fast == pytest.approx(nltk_scores(sentences, monkeypatch), abs=1e-9)
