"""Timelines show where the dates are dense and say how many fall outside, never dropping them."""

from __future__ import annotations

import pandas as pd

from workbench.analysis.timeseries import coverage
from workbench.core import schema as S
from workbench.present.charts import actor_picker, coverage_timeline, statements_scatter
from workbench.present.charts.style import dense_range

BULK = list(pd.date_range("2022-02-24", "2022-12-20", freq="6h"))
STRAYS = list(pd.to_datetime(["2019-11-21", "2019-12-02", "2020-01-15"]))


def _articles(dates) -> pd.DataFrame:
    return pd.DataFrame(
        {
            S.ARTICLE_ID: [f"a{i}" for i in range(len(dates))],
            S.PUBLISHED: pd.to_datetime(pd.Series(dates)),
            S.DATE_BASIS: ["metadata"] * len(dates),
            S.SOURCE: ["The Daily Invention"] * len(dates),
        }
    )


def _statements(dates) -> pd.DataFrame:
    n = len(dates)
    return pd.DataFrame(
        {
            S.DATE: pd.to_datetime(pd.Series(dates)),
            S.ACTOR: ["Mayor Ostrov"] * n,
            S.STANCE: ["neutral"] * n,
            S.ACT: ["appeal"] * n,
            S.SOURCE: ["The Daily Invention"] * n,
            S.SENTENCE: ["said so"] * n,
        }
    )


def test_a_few_stray_dates_are_off_the_axis_and_counted():
    shown, outside, note = dense_range(pd.Series(STRAYS + BULK))
    assert outside == 3 and "3 articles dated before" in note
    assert shown[0] > pd.Timestamp("2021-06-01") and shown[1] >= pd.Timestamp("2022-12-20")
    assert shown[0] <= pd.Timestamp("2022-02-24")  # the bulk is all on the axis


def test_dates_without_strays_keep_the_charts_own_axis():
    assert dense_range(pd.Series(BULK)) == (None, 0, "")
    two_periods = pd.to_datetime(["2020-09-28"] * 30 + ["2023-09-20"] * 10)  # both real
    assert dense_range(pd.Series(two_periods)) == (None, 0, "")
    assert dense_range(pd.Series([], dtype="datetime64[ns]")) == (None, 0, "")


def test_weights_count_what_each_date_stands_for():
    shown, outside, _ = dense_range(
        pd.to_datetime(["2019-01-01", "2022-01-01"]), weights=[1, 100], pad_days=7
    )
    assert outside == 1 and shown[1] - shown[0] >= pd.Timedelta(days=49)  # seven periods


def test_the_timelines_say_how_many_are_off_the_axis_and_keep_them():
    counts = coverage(_articles(STRAYS + BULK), freq="week")
    fig = coverage_timeline(counts, title="Articles per period")
    assert "3 articles dated before" in fig.layout.title.text
    assert sum(sum(t.y) for t in fig.data) == len(STRAYS) + len(BULK)  # nothing dropped
    assert pd.Timestamp(fig.layout.xaxis.range[0]) > pd.Timestamp("2021-01-01")
    stances = coverage_timeline(counts, title="Statements per period", unit="statements")
    assert "3 statements dated before" in stances.layout.title.text
    statements = _statements(STRAYS + BULK)
    picker = actor_picker(statements, freq="week")
    assert "3 of its statements are dated before" in picker.layout.title.text
    # each actor's title counts its own statements off the axis
    other = _statements(BULK[:50]).assign(**{S.ACTOR: "Minister Vale"})
    both = actor_picker(pd.concat([statements, other], ignore_index=True), freq="week")
    titles = {b.label: b.args[1]["title.text"] for b in both.layout.updatemenus[0].buttons}
    assert "3 of its statements" in titles["Mayor Ostrov"]
    assert "<br>" not in titles["Minister Vale"]
    scatter = statements_scatter(statements)
    assert "3 statements dated before" in scatter.layout.title.text
    assert sum(len(t.x) for t in scatter.data) == len(statements)
    assert (
        "dated before"
        not in coverage_timeline(coverage(_articles(BULK), freq="week")).layout.title.text
    )


def test_share_of_voice_counts_every_statement_off_its_axis():
    from workbench.analysis.timeseries import share_of_voice
    from workbench.present.charts import share_of_voice_chart

    dates = STRAYS + BULK
    articles = _articles(dates)
    statements = _statements(dates).assign(
        **{
            S.ARTICLE_ID: articles[S.ARTICLE_ID],
            S.ACTOR: [("Mayor Ostrov", "Minister Vale", "Clerk")[i % 3] for i in range(len(dates))],
        }
    )
    voice = share_of_voice(statements, articles=articles, freq="week", top=1, among_named=True)
    fig = share_of_voice_chart(voice)
    assert "3 statements dated before" in fig.layout.title.text  # named and others alike


def test_one_stray_is_said_in_the_singular():
    _, outside, note = dense_range(pd.Series(STRAYS[:1] + BULK))
    assert outside == 1 and note.startswith("1 article dated before")


def test_a_tail_of_the_bulk_is_not_a_stray():
    tail = list(pd.date_range("2022-12-21", "2023-01-31", freq="2D"))  # thinning out
    assert dense_range(pd.Series(BULK + tail)) == (None, 0, "")
