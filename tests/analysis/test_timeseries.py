"""Coverage over time: counts, shares, sparse periods, undated rows counted, not dropped."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.analysis.timeseries import coverage
from workbench.core import schema as S


def articles_table(rows: list[tuple[str, str | None, str, str]]) -> pd.DataFrame:
    """(article_id, date, source, date_basis) -> a minimal articles table."""
    return pd.DataFrame(
        {
            S.ARTICLE_ID: [r[0] for r in rows],
            S.PUBLISHED: pd.to_datetime([r[1] for r in rows]),
            S.SOURCE: [r[2] for r in rows],
            S.DATE_BASIS: [r[3] for r in rows],
        }
    )


ARTICLES = articles_table(
    [
        ("a1", "2020-09-28", "AP", "metadata"),  # Monday, week 1
        ("a2", "2020-09-29", "AP", "metadata"),
        ("a3", "2020-09-30", "BBC", "inferred"),
        ("a4", "2020-10-13", "BBC", "metadata"),  # week 3; week 2 has none
        ("a5", None, "AP", "missing"),
    ]
)


def test_weekly_counts_with_empty_weeks_and_undated_counted():
    got = coverage(ARTICLES, freq="week")
    assert got["period"].dt.strftime("%Y-%m-%d").tolist() == [
        "2020-09-28",
        "2020-10-05",
        "2020-10-12",
    ]
    assert got["count"].tolist() == [3, 0, 1]
    assert got["inferred"].tolist() == [1, 0, 0]
    assert got.attrs["undated"] == 1
    assert got["sparse"].tolist() == [False, True, True]


def test_shares_by_outlet_are_of_the_period_articles():
    got = coverage(ARTICLES, freq="week", by=S.SOURCE)
    first = got[got["period"] == pd.Timestamp("2020-09-28")].set_index(S.SOURCE)
    assert first["count"].to_dict() == {"AP": 2, "BBC": 1}
    assert first["share"].round(3).to_dict() == {"AP": 0.667, "BBC": 0.333}
    assert set(got[S.SOURCE]) == {"AP", "BBC"}
    assert len(got) == 6  # every week for every outlet


def test_statements_and_mentions_are_dated_through_articles():
    statements = pd.DataFrame(
        {
            S.ARTICLE_ID: ["a1", "a1", "a4", "a5"],
            S.DATE: pd.to_datetime(["2020-09-28"] * 2 + ["2020-10-13", None]),
            S.STANCE: ["neutral", "pro_armenia", "neutral", "neutral"],
        }
    )
    got = coverage(statements, articles=ARTICLES, freq="month", by=S.STANCE)
    september = got[got["period"] == pd.Timestamp("2020-09-01")].set_index(S.STANCE)
    assert september["count"].to_dict() == {"neutral": 1, "pro_armenia": 1}
    assert september["articles_in_period"].tolist() == [3, 3]
    assert got.attrs["undated"] == 1
    mentions = pd.DataFrame({S.ARTICLE_ID: ["a2", "a3", "a5"], S.ACTOR: ["X", "X", "X"]})
    by_actor = coverage(mentions, articles=ARTICLES, freq="month", by=S.ACTOR)
    assert by_actor["count"].tolist() == [2, 0] and by_actor.attrs["undated"] == 1


def test_rolling_mean_per_group():
    got = coverage(ARTICLES, freq="week", by=S.SOURCE, rolling=2)
    ap = got[got[S.SOURCE] == "AP"]["rolling"].tolist()
    assert ap == [2.0, 1.0, 0.0]


def test_input_is_not_changed_and_bad_options_say_why():
    before = ARTICLES.copy()
    coverage(ARTICLES, by=S.SOURCE, rolling=3)
    pd.testing.assert_frame_equal(ARTICLES, before)
    with pytest.raises(ValueError, match="freq must be"):
        coverage(ARTICLES, freq="fortnight")
    with pytest.raises(ValueError, match="no such column"):
        coverage(ARTICLES, by="outlet")
    with pytest.raises(ValueError, match="pass articles="):
        coverage(pd.DataFrame({S.ARTICLE_ID: ["a1"]}))


def test_on_the_annotated_sample(sample_dir):
    import workbench

    corpus = workbench.load(sample_dir, cache=False)
    got = coverage(corpus.statements, articles=corpus.articles, freq="month", by=S.STANCE)
    assert got["count"].sum() == len(corpus.statements)
    assert {"pro_armenia", "pro_azerbaijan", "neutral"} <= set(got[S.STANCE])


def test_share_of_voice_names_the_top_speakers_and_sums_to_one(sample_dir):
    import workbench
    from workbench.analysis.timeseries import OTHERS, VOICE, share_of_voice

    corpus = workbench.load(sample_dir, cache=False)
    voice = share_of_voice(corpus.statements, articles=corpus.articles, freq="month", top=3)
    assert voice[S.ACTOR].nunique() == 4 and OTHERS in set(voice[S.ACTOR])
    spoken = voice[voice[VOICE].notna()]
    assert (spoken.groupby("period")[VOICE].sum().round(9) == 1.0).all()
    # Months without statements have no share, rather than a share of 0.
    silent = voice[voice["statements_in_period"] == 0]
    assert len(silent) and silent[VOICE].isna().all()
