"""Robustness on the real ukraine-war-media-2022 corpus (skipped when ../shared is absent)."""

from __future__ import annotations

import pandas as pd
import pytest

import workbench
from workbench.core import schema as S
from workbench.core.reports import load_report

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def ukraine(ukraine_dir) -> pd.DataFrame:
    return workbench.load_articles(sorted(ukraine_dir.glob("*.csv")))


def test_all_rows_load_with_dates(ukraine, ukraine_dir):
    files = sorted(ukraine_dir.glob("*.csv"))
    assert len(files) == 14
    report = load_report(ukraine)
    errors = report[report[S.REPORT_LEVEL] == "error"]
    # ~10k rows: every row is loaded, or reported with its file and row.
    assert len(ukraine) + len(errors) >= 10_286 - 10
    assert len(ukraine) > 10_000
    assert ukraine[S.PUBLISHED].notna().all()
    assert (ukraine[S.DATE_BASIS] == "metadata").all()
    assert ukraine[S.PUBLISHED].min() >= pd.Timestamp("2019-01-01")
    assert ukraine[S.PUBLISHED].max() <= pd.Timestamp("2023-01-01")


def test_nyt_mislabelled_header_is_reported_and_read_by_content(ukraine):
    report = load_report(ukraine)
    nyt = report[
        report[S.REPORT_PATH].str.endswith("NYT.csv") & (report[S.REPORT_LEVEL] == "warning")
    ]
    assert len(nyt) == 1
    message = nyt[S.REPORT_MESSAGE].iloc[0]
    assert "column 'URL' holds date" in message
    rows = ukraine[ukraine[S.PATH].str.endswith("NYT.csv")]
    assert len(rows) > 6000
    assert rows[S.URL].isna().all()
    first = rows.iloc[0]
    assert first[S.PUBLISHED] == pd.Timestamp("2022-02-01 00:11:05")
    assert first[S.TITLE] == "Angry U.S.-Russia Exchange at U.N. Punctuates Deepening Ukraine Rift"
    assert first[S.TEXT].startswith("The United States and Russia bitterly attacked each other")
    assert "With vitriolic accusations" in first[S.TEXT]


def test_outlets_and_odd_headers(ukraine):
    assert ukraine[S.SOURCE].nunique() == 14
    assert (ukraine[S.SOURCE_BASIS] == "filename").all()  # wire credits on rows do not win
    bbc = ukraine[ukraine[S.SOURCE] == "bbc"]
    assert bbc[S.URL].str.startswith("https://www.bbc.").all()
    mirror = ukraine[ukraine[S.SOURCE] == "Mirror"]
    assert len(mirror) >= 15 and mirror[S.TITLE].notna().all()
    assert ukraine[S.ARTICLE_ID].is_unique
