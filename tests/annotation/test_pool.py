"""Annotating in a pool of processes gives one process's tables, row for row and dtype
for dtype, and an article that breaks annotation loses nothing else."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.annotation import pool
from workbench.annotation.annotator import Annotator
from workbench.annotation.pool import annotation_workers, batch_size
from workbench.annotation.sentences import profile_tokenizer
from workbench.core import schema as S
from workbench.profile.library import load_profile
from workbench.storage.store import Store
from workbench.storage.workspace import annotate_cached

from ..conftest import SAMPLE

TABLES = ("articles", "mentions", "statements")


def assert_same_tables(expected: workbench.Corpus, actual: workbench.Corpus) -> None:
    for table in TABLES:
        pd.testing.assert_frame_equal(getattr(expected, table), getattr(actual, table))


@pytest.fixture(scope="module")
def one_process() -> workbench.Corpus:
    return workbench.annotate(workbench.load_articles(SAMPLE), workers=1, progress=False)


def test_two_workers_give_the_tables_of_one_process(one_process):
    assert len(one_process.statements) > 0 and len(one_process.mentions) > 0
    pooled = workbench.annotate(workbench.load_articles(SAMPLE), workers=2, progress=False)
    assert_same_tables(one_process, pooled)


def test_a_load_through_the_workspace_with_two_workers_equals_one_process(one_process, tmp_path):
    corpus = workbench.load(
        SAMPLE, workspace=tmp_path / "ws", workers=2, corrections=False, progress=False
    )
    assert corpus.cache is not None and corpus.cache.report.annotated == 5
    # the splitter is learnt on the same texts, so the rows are those of one process
    assert_same_tables(one_process, corpus)
    plain = workbench.load(SAMPLE, cache=False, workers=2, corrections=False)
    assert_same_tables(one_process, plain)


@pytest.mark.slow
@pytest.mark.shared
def test_two_workers_equal_one_on_ukraine_articles(ukraine_dir: Path):
    """~200 real articles, the russia_ukraine profile: many batches, many statements."""
    files = [
        ukraine_dir / name
        for name in ("ABC.csv", "CNN.csv", "Mirror.csv", "CBS.csv", "Express.csv")
    ]
    articles = workbench.load_articles(files, workers=1).head(200)
    one = workbench.annotate(articles, profile="russia_ukraine", workers=1, progress=False)
    two = workbench.annotate(articles, profile="russia_ukraine", workers=2, progress=False)
    assert len(one.articles) == 200 and len(one.statements) > 200
    assert_same_tables(one, two)


@pytest.mark.slow
def test_spawned_workers_build_the_same_annotator(one_process, monkeypatch):
    """Where there is no fork (macOS, Windows), workers build their annotator from the
    profile's bytes: the tables are still those of one process."""
    import multiprocessing

    monkeypatch.setattr(pool, "process_context", lambda: multiprocessing.get_context("spawn"))
    spawned = workbench.annotate(workbench.load_articles(SAMPLE), workers=2, progress=False)
    assert_same_tables(one_process, spawned)


# -- an article that breaks annotation -------------------------------------------------
def with_a_bad_date(articles: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The sample as an analyst's own table might hold it: one ``published`` value that is
    words, not a date (annotation reads the date to resolve 'the president' then)."""
    bad = articles.copy()
    bad[S.PUBLISHED] = bad[S.PUBLISHED].astype(object)
    bad.loc[bad.index[1], S.PUBLISHED] = "yesterday"
    return bad, str(bad[S.ARTICLE_ID].iloc[1])


def without(corpus: workbench.Corpus, article_id: str) -> dict[str, pd.DataFrame]:
    """The corpus's mentions and statements without one article's rows."""
    return {
        name: frame[frame[S.ARTICLE_ID] != article_id].reset_index(drop=True)
        for name, frame in (("mentions", corpus.mentions), ("statements", corpus.statements))
    }


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_that_breaks_annotation_is_reported_and_the_others_kept(
    sample_articles, workers
):
    bad, bad_id = with_a_bad_date(sample_articles)
    fixed = bad.copy()
    fixed.loc[fixed.index[1], S.PUBLISHED] = pd.NaT
    expected = workbench.annotate(fixed, workers=1, progress=False)
    assert (expected.statements[S.ARTICLE_ID] == bad_id).any()  # it had statements to lose

    corpus = workbench.annotate(bad, workers=workers, progress=False)

    for name, frame in without(expected, bad_id).items():
        pd.testing.assert_frame_equal(frame, getattr(corpus, name))
    assert list(corpus.articles[S.ARTICLE_ID]) == list(sample_articles[S.ARTICLE_ID])
    row = corpus.articles.set_index(S.ARTICLE_ID).loc[bad_id]
    assert pd.isna(row[S.LEAN]) and pd.isna(row[S.ARTICLE_TONE])
    others = corpus.articles[corpus.articles[S.ARTICLE_ID] != bad_id]
    assert others[S.LEAN].notna().all()
    problems = corpus.report.problems
    failed = problems[problems[S.REPORT_LEVEL] == "error"]
    assert len(failed) == 1
    assert failed[S.REPORT_PATH].iloc[0].endswith(f"{bad_id}.txt")
    assert failed[S.REPORT_LOCATION].iloc[0] == f"article {bad_id}"
    message = failed[S.REPORT_MESSAGE].iloc[0]
    assert "could not be annotated" in message and "'yesterday' is not a date" in message
    assert "1 problems (could not be read or annotated)" in repr(corpus)


def test_a_failed_article_is_not_stored_and_is_tried_again(sample_articles, tmp_path):
    bad, bad_id = with_a_bad_date(sample_articles)
    profile = load_profile("karabakh")
    store = Store(tmp_path / "ws", profile=profile)
    mentions, statements, lean, cached = annotate_cached(bad, store, workers=2)
    assert bad_id not in set(lean[S.ARTICLE_ID]) and len(lean) == 4
    assert bad_id not in set(statements[S.ARTICLE_ID]) and len(statements) > 0
    assert cached.report.failed == 1 and "1 could not be annotated" in str(cached.report)
    assert [p[S.REPORT_LOCATION] for p in cached.report.problems] == [f"article {bad_id}"]
    again = annotate_cached(bad, Store(tmp_path / "ws", profile=profile))[3].report
    assert (again.reused, again.annotated, again.failed) == (4, 1, 1)  # only it, again


def test_a_lost_worker_s_batch_is_annotated_here_and_said(one_process, monkeypatch, tmp_path):
    """A worker dies (os._exit, as when the kernel kills it for memory) on its first
    batch: its batches are annotated in this process, the report says so, the rows are
    the same."""
    marker = tmp_path / "killed"
    original = pool._annotate_in_worker

    def die_once(batch):
        if not marker.exists():
            marker.touch()
            os._exit(1)
        return original(batch)

    # pickled by name, found in the forked worker's copy of the module: the patched one
    die_once.__module__, die_once.__qualname__ = pool.__name__, "_annotate_in_worker"
    monkeypatch.setattr(pool, "_annotate_in_worker", die_once)
    corpus = workbench.annotate(workbench.load_articles(SAMPLE), workers=2, progress=False)
    assert marker.exists(), "no worker died: the test proved nothing"
    assert_same_tables(one_process, corpus)
    problems = corpus.report.problems
    lost = problems[problems[S.REPORT_MESSAGE].str.contains("worker process was lost")]
    assert len(lost) >= 1 and set(lost[S.REPORT_LEVEL]) == {"warning"}


# -- how many workers, and batches ---------------------------------------------------
def test_a_small_corpus_is_annotated_in_one_process_by_default():
    assert annotation_workers(None, pool.POOL_FROM - 1) == 1
    assert annotation_workers(None, pool.POOL_FROM) == len(os.sched_getaffinity(0))
    assert annotation_workers(3, 5) == 3  # asked for: the caller knows best


@pytest.mark.parametrize("workers", [0, -1, 1.5, True, "2"])
def test_workers_must_be_a_whole_number_of_at_least_one(sample_articles, workers):
    with pytest.raises(ValueError, match="workers must be a whole number"):
        workbench.annotate(sample_articles, workers=workers)
    with pytest.raises(ValueError, match="workers must be a whole number"):
        workbench.load(SAMPLE, workers=workers, cache=False)


@pytest.mark.parametrize(
    ("n", "workers", "size"), [(10_000, 1, 50), (10_000, 8, 50), (40, 2, 5), (3, 4, 1)]
)
def test_batches_are_small_enough_for_every_worker_to_get_several(n, workers, size):
    assert batch_size(n, workers) == size


def test_a_batch_travels_without_the_load_report(sample_articles):
    from workbench.annotation.batch import batch_input

    assert sample_articles.attrs  # load_articles leaves its report there
    sent = batch_input(sample_articles)
    assert list(sent.columns) == list(sample_articles.columns) and not sent.attrs
    annotator = Annotator(load_profile("karabakh"))
    tokenizer = profile_tokenizer(annotator.profile, sample_articles[S.TEXT])
    whole = annotator.annotate(sample_articles, tokenizer=tokenizer)
    part = annotator.annotate(sent, tokenizer=tokenizer)
    for a, b in zip(whole, part, strict=True):
        pd.testing.assert_frame_equal(a, b)


def _statements_in_a_daemon(workers: int) -> int:
    return len(workbench.annotate(workbench.load_articles(SAMPLE), workers=workers).statements)


def test_inside_a_pool_s_worker_annotation_runs_in_that_process(one_process):
    """A daemonic process (a multiprocessing pool's worker) may not start processes: asked
    for two workers there, annotation runs in the process itself instead of failing."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as outer:
        found = outer.apply(_statements_in_a_daemon, (2,))
    assert found == len(one_process.statements)
