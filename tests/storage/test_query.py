"""Corpus.query (DuckDB over the store's Parquet files or the frames in memory) and the
coverage timeline aggregated in SQL, checked against the pandas results."""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

import workbench
from workbench.analysis.timeseries import coverage, coverage_sql, share_of_voice
from workbench.core import schema as S

from ..conftest import SAMPLE


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> workbench.Corpus:
    """The sample corpus loaded through a workspace (mentions and statements in Parquet)."""
    folder = tmp_path_factory.mktemp("query") / "articles"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".workbench"))
    return workbench.load(folder, cache=True, corrections=False)


@pytest.fixture(scope="module")
def in_memory() -> workbench.Corpus:
    return workbench.load(SAMPLE, corrections=False, cache=False)


def _view_sql(corpus: workbench.Corpus, name: str) -> str:
    con = corpus.connect()
    try:
        found = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = ?", [name]).fetchall()
    finally:
        con.close()
    return found[0][0] if found else ""


def test_stored_tables_are_views_over_the_parquet_files(stored, in_memory):
    for name in ("mentions", "statements"):
        assert "read_parquet" in _view_sql(stored, name)
        assert "read_parquet" not in _view_sql(in_memory, name)  # the frame in memory


@pytest.mark.parametrize("corpus_name", ["stored", "in_memory"])
@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT count(*) AS n FROM statements", lambda c: len(c.statements)),
        ("SELECT count(*) AS n FROM mentions", lambda c: len(c.mentions)),
        ("SELECT count(*) AS n FROM articles", lambda c: len(c.articles)),
        (
            "SELECT count(DISTINCT actor) AS n FROM statements WHERE resolved",
            lambda c: c.statements.loc[c.statements[S.RESOLVED], S.ACTOR].nunique(),
        ),
        (
            "SELECT sum(count) AS n FROM mentions WHERE affiliation = 'Azerbaijan'",
            lambda c: c.mentions.loc[c.mentions[S.AFFILIATION] == "Azerbaijan", "count"].sum(),
        ),
    ],
)
def test_query_counts(request, corpus_name, sql, expected):
    corpus = request.getfixturevalue(corpus_name)
    assert corpus.query(sql)["n"].iloc[0] == expected(corpus) > 0


def test_query_groups_like_pandas(stored):
    got = stored.query(
        "SELECT a.source, s.stance, count(*) AS n FROM statements s "
        "JOIN articles a USING (article_id) GROUP BY ALL ORDER BY ALL"
    )
    joined = stored.statements.drop(columns=S.SOURCE).merge(
        stored.articles[[S.ARTICLE_ID, S.SOURCE]], on=S.ARTICLE_ID
    )
    expected = joined.groupby([S.SOURCE, S.STANCE]).size()
    assert dict(zip(zip(got[S.SOURCE], got[S.STANCE], strict=True), got["n"], strict=True)) == (
        expected.to_dict()
    )


def test_a_removed_article_is_not_queried_though_the_store_keeps_it(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".workbench"))
    full = workbench.load(folder, cache=True, corrections=False)
    gone = full.articles[S.ARTICLE_ID].iloc[0]
    (folder / f"{gone}.txt").unlink()
    corpus = workbench.load(folder, cache=True, corrections=False)
    ids = set(corpus.query("SELECT DISTINCT article_id FROM statements")[S.ARTICLE_ID])
    assert gone not in ids and ids == set(corpus.statements[S.ARTICLE_ID])
    assert len(corpus.cache.store.read()[2]) == len(full.statements)  # still stored


def _with_an_undated_article(corpus: workbench.Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Articles with the first one undated, and its statements undated too."""
    articles = corpus.articles.copy()
    first = articles.index[0]
    articles.loc[first, S.PUBLISHED] = pd.NaT
    articles.loc[first, S.DATE_BASIS] = "missing"
    statements = corpus.statements.copy()
    undated = statements[S.ARTICLE_ID] == articles.loc[first, S.ARTICLE_ID]
    statements.loc[undated, S.DATE] = pd.NaT
    return articles, statements


@pytest.mark.parametrize(
    ("table", "by", "freq", "rolling"),
    [
        ("statements", S.STANCE, "week", None),
        ("statements", [S.ACTOR, S.ACT], "month", 2),
        ("statements", None, "day", 3),
        ("statements", S.RESOLVED, "week", None),
        ("mentions", S.AFFILIATION, "week", 2),
        ("articles", S.SOURCE, "month", None),
        ("articles", None, "week", None),
    ],
)
def test_sql_coverage_equals_pandas_coverage(in_memory, table, by, freq, rolling):
    articles, statements = _with_an_undated_article(in_memory)
    frames = {"articles": articles, "statements": statements, "mentions": in_memory.mentions}
    expected = coverage(frames[table], articles=articles, by=by, freq=freq, rolling=rolling)
    con = duckdb.connect()
    for name, frame in frames.items():
        con.register(name, frame)
    by_name = coverage_sql(table, articles="articles", by=by, freq=freq, rolling=rolling, con=con)
    by_relation = coverage(
        con.table(table), articles=con.table("articles"), by=by, freq=freq, rolling=rolling
    )
    for got in (by_name, by_relation):
        pd.testing.assert_frame_equal(got, expected)
        assert got.attrs == expected.attrs
    assert expected.attrs["undated"] > 0 or table == "mentions"
    assert expected["inferred"].sum() > 0


def test_sql_coverage_over_the_store(stored):
    con = stored.connect()
    got = coverage_sql("statements", articles="articles", by=S.STANCE, con=con)
    expected = coverage(stored.statements, articles=stored.articles, by=S.STANCE)
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize(("by", "top", "rolling"), [(S.ACTOR, 3, None), (S.AFFILIATION, 2, 2)])
def test_share_of_voice_in_duckdb_equals_pandas(in_memory, stored, by, top, rolling):
    """Over a relation or a stored table, only the counts reach pandas; the table is the same."""
    articles, statements = _with_an_undated_article(in_memory)
    options = {"by": by, "top": top, "rolling": rolling, "freq": "month"}
    expected = share_of_voice(statements, articles=articles, **options)
    con = duckdb.connect()
    con.register("statements", statements)
    con.register("articles", articles)
    by_relation = share_of_voice(con.table("statements"), articles=con.table("articles"), **options)
    by_name = share_of_voice("statements", articles="articles", con=con, **options)
    for got in (by_relation, by_name):
        pd.testing.assert_frame_equal(got, expected)
    assert (expected[by] == "others").any() and expected[by].nunique() == top + 1
    store = stored.connect()
    pd.testing.assert_frame_equal(
        share_of_voice("statements", articles="articles", con=store, **options),
        share_of_voice(stored.statements, articles=stored.articles, **options),
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"freq": "year"}, "freq must be day, week or month"),
        ({"by": "nope"}, "no such column"),
        ({"articles": None}, "pass articles="),
    ],
)
def test_sql_coverage_errors(in_memory, options, message):
    con = duckdb.connect()
    con.register("mentions", in_memory.mentions)
    con.register("articles", in_memory.articles)
    with pytest.raises(ValueError, match=message):
        coverage_sql("mentions", con=con, **{"articles": "articles", **options})


def test_query_does_not_change_the_corpus(stored):
    before = stored.statements.copy()
    stored.query("SELECT * FROM statements LIMIT 1")
    pd.testing.assert_frame_equal(stored.statements, before)
    assert stored.cache.store.root.parent.name == ".workbench"
