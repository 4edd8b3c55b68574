"""The articles table of the shared HTML: every article, or a sentence saying what is left out."""

from __future__ import annotations

import pandas as pd

from workbench.core import schema as S
from workbench.present.tables import article_rows, as_percent


def _articles(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            S.ARTICLE_ID: [f"{i:03d}_invented" for i in range(n)],
            S.TITLE: [f"Invented headline number {i}" for i in range(n)],
            S.SOURCE: ["The Daily Invention"] * n,
            S.SOURCE_BASIS: ["metadata"] * n,
            S.PUBLISHED: pd.to_datetime(["2022-03-01"] * n),
            S.DATE_BASIS: ["metadata"] * n,
            S.N_WORDS: [100] * n,
            S.DUPLICATE_OF: [""] * n,
            S.TEXT: ["Long text that the table never shows."] * n,
        }
    )


def test_every_article_fits_the_budget():
    articles = _articles(100)
    rows, note = article_rows(articles)
    assert note is None and len(rows) == 100
    assert list(rows.columns[:3]) == ["published", "source", "title"]  # key columns first
    assert S.TEXT not in rows and rows.loc[0, "published"] == "2022-03-01"
    assert "published" not in articles or articles[S.PUBLISHED].dtype.kind == "M"  # unchanged


def test_rows_beyond_the_budget_are_counted_and_pointed_to():
    rows, note = article_rows(_articles(100), max_bytes=2_000)
    assert 0 < len(rows) < 100
    assert str(note).startswith(f"{100 - len(rows)} of 100 articles are left out")
    assert "articles.csv" in str(note)


def test_shares_as_percentages_and_changes_in_points():
    table = pd.DataFrame({"actor": ["Jane Doe"], "share_before": [0.024096], "change": [0.1]})
    table.attrs["caption"] = "The largest gains"
    html = as_percent(table).to_html()
    assert "2.4%" in html and "+10.0 pts" in html and "0.024096" not in html
    assert "The largest gains" in html


def test_styled_tables_escape_article_text_and_have_stable_ids():
    from workbench.present.words import readable

    table = pd.DataFrame(
        {"actor": ["<b>Jane</b>"], "sentence": ["<script>x=1</script>"], "share_after": [0.5]}
    )
    for html in (readable(table).to_html(), as_percent(table).to_html()):
        assert "<script>x=1" not in html and "&lt;script&gt;" in html
    assert readable(table).to_html() == readable(table.copy()).to_html()  # no random id
