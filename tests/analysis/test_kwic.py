"""Keyword in context: every occurrence, on word boundaries, with offsets back into the text."""

from __future__ import annotations

import pandas as pd

from workbench.analysis.kwic import concordance
from workbench.core import schema as S

ARTICLES = pd.DataFrame(
    {
        S.ARTICLE_ID: ["a", "b"],
        S.SOURCE: ["AP", "RT"],
        S.PUBLISHED: pd.to_datetime(["2020-09-28", "2020-09-29"]),
        S.TEXT: [
            "Fighting in Upper Karabakh.\n\nupper karabakh again; an Iranian view.",
            "Iran said nothing.",
        ],
    }
)


def test_every_occurrence_with_offsets():
    got = concordance(ARTICLES, "Upper Karabakh", width=10)
    assert got["match"].tolist() == ["Upper Karabakh", "upper karabakh"]
    for row in got.itertuples():
        text = ARTICLES.set_index(S.ARTICLE_ID).loc[row.article_id, S.TEXT]
        assert text[row.start : row.end] == row.match
    assert all(len(left) == 10 for left in got["left"]) and "\n" not in "".join(got["left"])


def test_word_boundaries_and_empty_result():
    assert concordance(ARTICLES, "Iran")[S.ARTICLE_ID].tolist() == ["b"]
    empty = concordance(ARTICLES, "Baku")
    assert empty.empty and "match" in empty.columns


def test_regex_terms():
    assert len(concordance(ARTICLES, r"upper\s+karabakh", regex=True)) == 2
