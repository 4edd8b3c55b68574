"""Parameters that follow the corpus: frequency, periods, framing term, actors."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from workbench.analysis import derive
from workbench.core import schema as S


def _dates(*days: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(days)))


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2022-01-01", "2022-01-01", "day"),
        ("2022-01-01", "2022-03-01", "day"),
        ("2022-01-01", "2022-12-31", "week"),
        ("2020-09-01", "2023-09-30", "month"),
    ],
)
def test_frequency_follows_the_span(first, last, expected):
    assert derive.frequency(_dates(first, last)) == expected


def test_no_date_no_frequency():
    assert derive.frequency(pd.Series([pd.NaT, pd.NaT])) is None


def test_periods_split_at_the_latest_quarter_of_the_articles():
    # 12 articles: 9 in January, 3 in March; a stray one years before does not matter
    days = ["2019-05-01"] + [f"2022-01-{d:02d}" for d in range(1, 9)] + ["2022-03-01"] * 3
    before, after = derive.periods(_dates(*days))
    assert before == ("2019-05-01", "2022-02-28")
    assert after == ("2022-03-01", "2022-03-01")


def test_periods_need_two_days():
    assert derive.periods(_dates("2022-01-01", "2022-01-01")) is None
    assert derive.periods(pd.Series([], dtype="datetime64[ns]")) is None


def test_periods_when_most_articles_share_the_first_day():
    before, after = derive.periods(_dates(*(["2022-01-01"] * 9 + ["2022-01-05"])))
    assert before == ("2022-01-01", "2022-01-04") and after == ("2022-01-05", "2022-01-05")


def _corpus(texts, dates, terms=("occupation", "liberation"), statements=None):
    articles = pd.DataFrame({S.TEXT: texts, S.PUBLISHED: pd.to_datetime(dates)})
    profile = SimpleNamespace(
        name="invented", framing_terms=[SimpleNamespace(term=t) for t in terms]
    )
    statements = statements if statements is not None else pd.DataFrame({S.ACTOR: []})
    mentions = pd.DataFrame({S.ACTOR: [], S.MENTION_COUNT: []})
    return SimpleNamespace(
        articles=articles, profile=profile, statements=statements, mentions=mentions
    )


def test_derive_keeps_what_is_set_and_derives_the_rest():
    corpus = _corpus(
        ["The liberation of the town.", "Liberation, again.", "An occupation."],
        ["2022-01-01", "2022-01-02", "2022-01-20"],
    )
    used = derive.derive(corpus, FREQ="week", BEFORE=None, AFTER=None, TERM=None)
    assert used["FREQ"] == "week"
    assert used.how["FREQ"] == "set in the parameters"
    assert used["BEFORE"] == ("2022-01-01", "2022-01-19")
    assert used["AFTER"] == ("2022-01-20", "2022-01-20")
    assert used["TERM"] == "liberation"  # in two articles, 'occupation' in one
    table = used.table()
    assert list(table["parameter"]) == ["FREQ", "BEFORE", "AFTER", "TERM"]
    assert "2022-01-01 to 2022-01-19" in used._repr_markdown_()


def test_a_profile_term_absent_from_the_corpus_is_explained():
    corpus = _corpus(["Nothing framed here."], ["2022-01-01"])
    used = derive.derive(corpus, TERM=None, BEFORE=None)
    assert used["TERM"] is None and used["BEFORE"] is None
    assert "none of the 2 framing terms" in used.explain("TERM", "unused")
    assert "fewer than two days are dated" in used.explain("BEFORE", "unused")
    no_terms = derive.derive(_corpus(["x"], ["2022-01-01"], terms=()), TERM=None)
    assert "has no framing terms" in no_terms.how["TERM"]


def test_top_actors_are_the_most_quoted():
    statements = pd.DataFrame({S.ACTOR: ["Jane Doe", "Jane Doe", "John Roe"]})
    corpus = _corpus(["x"], ["2022-01-01"], statements=statements)
    assert derive.derive(corpus, ACTORS=None)["ACTORS"] == ["Jane Doe", "John Roe"]


def test_a_given_list_window_becomes_a_tuple():
    corpus = _corpus(["x"], ["2022-01-01"])
    used = derive.derive(corpus, BEFORE=["2022-01-01", "2022-01-31"])
    assert used["BEFORE"] == ("2022-01-01", "2022-01-31")
