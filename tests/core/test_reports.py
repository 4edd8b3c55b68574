"""Load reports travel as objects beside the tables: pickled, cached, never in a
Corpus's frames."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

import workbench
from workbench.core import schema as S
from workbench.core.reports import LoadReport, cleaning_report, load_report, report_of

from ..conftest import SAMPLE

PROBLEMS = pd.DataFrame(
    [["a.txt", "", "error", "empty file"], ["b.csv", "row 3", "warning", "no date"]],
    columns=S.REPORT_COLUMNS,
)


def test_a_report_keeps_its_tables_and_survives_pickling():
    report = LoadReport.of(PROBLEMS)
    again = pickle.loads(pickle.dumps(report))
    assert again == report
    pd.testing.assert_frame_equal(again.problems, report.problems)
    assert list(again.problems[S.REPORT_MESSAGE]) == ["empty file", "no date"]
    assert again.removed.empty and list(again.removed.columns) == list(S.CLEANING_COLUMNS)


def test_a_report_cannot_be_changed_through_its_tables():
    report = LoadReport.of(PROBLEMS)
    problems = report.problems
    problems.loc[0, S.REPORT_MESSAGE] = "changed"
    assert report.problems.loc[0, S.REPORT_MESSAGE] == "empty file"


def test_more_problems_are_added_at_the_end_and_none_change_nothing():
    report = LoadReport.of(PROBLEMS)
    more = report.with_problems(
        [dict(zip(S.REPORT_COLUMNS, ["c", "", "warning", "x"], strict=True))]
    )
    assert list(more.problems[S.REPORT_PATH]) == ["a.txt", "b.csv", "c"]
    assert report.with_problems([]) is report


def test_the_frame_of_load_articles_carries_its_report():
    articles = workbench.load_articles(SAMPLE)
    report = LoadReport.from_attrs(articles)
    pd.testing.assert_frame_equal(load_report(articles), report.problems)
    pd.testing.assert_frame_equal(cleaning_report(articles), report.removed)


def test_a_corpus_holds_its_report_and_its_tables_carry_none():
    corpus = workbench.load(SAMPLE, cache=False, corrections=False)
    assert corpus.articles.attrs == {}
    articles = workbench.load_articles(SAMPLE)
    pd.testing.assert_frame_equal(load_report(corpus), load_report(articles))
    pd.testing.assert_frame_equal(cleaning_report(corpus), cleaning_report(articles))
    assert len(cleaning_report(corpus))  # the sample has lines that cleaning removes
    again = pickle.loads(pickle.dumps(corpus.report))
    assert again == corpus.report


def test_annotating_a_frame_takes_its_report_along():
    articles = workbench.load_articles(SAMPLE)
    corpus = workbench.annotate(articles)
    assert corpus.report == LoadReport.from_attrs(articles)
    assert corpus.articles.attrs == {}
    assert articles.attrs  # the input frame is not changed


def test_anything_else_has_no_report():
    with pytest.raises(TypeError, match="no load report in a int"):
        report_of(3)
