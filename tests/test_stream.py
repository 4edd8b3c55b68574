"""Streaming a corpus through the store a partition at a time (workbench.stream)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench import schema as S
from workbench.statements import Annotator
from workbench.store import CONTENT_HASH
from workbench.stream import annotate_in_partitions

from .conftest import SAMPLE

pytestmark = pytest.mark.slow


def stored_tables(run) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mentions and statements in the store, in article-id then stored order."""
    _, mentions, statements = run.store.read()
    return tuple(
        frame.drop(columns=CONTENT_HASH)
        .sort_values(S.ARTICLE_ID, kind="stable")
        .reset_index(drop=True)
        for frame in (mentions, statements)
    )


@pytest.mark.parametrize("partition_size", [1, 2, 10])
def test_store_holds_the_whole_corpus_annotation(tmp_path, partition_size):
    run = annotate_in_partitions(SAMPLE, workspace=tmp_path / "ws", partition_size=partition_size)
    assert (run.articles, run.annotated) == (5, 5)
    assert run.partitions == -(-5 // partition_size)
    articles = workbench.load_articles(SAMPLE)
    profile = workbench.load_profile("karabakh")
    expected = Annotator(profile).annotate(articles, tokenizer=run.store.tokenizer)[:2]
    for want, got in zip(expected, stored_tables(run), strict=True):
        want = want.sort_values(S.ARTICLE_ID, kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(want, got)
    streamed = pd.concat([pd.read_parquet(f) for f in run.article_files], ignore_index=True)
    assert streamed[S.ARTICLE_ID].tolist() == articles[S.ARTICLE_ID].tolist()
    assert S.TEXT not in streamed.columns


def test_rerun_and_increment(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE, folder)
    ws = tmp_path / "ws"
    first = annotate_in_partitions(folder, workspace=ws, partition_size=2)
    before = len(stored_tables(first)[1])
    again = annotate_in_partitions(folder, workspace=ws, partition_size=2)
    assert (again.articles, again.annotated) == (5, 0)
    first_file = sorted(SAMPLE.glob("0*.txt"))[0]
    text = first_file.read_text(encoding="utf-8") + "\n\nOne more paragraph, said a reporter.\n"
    (folder / "zz_new.txt").write_text(text, encoding="utf-8")
    more = annotate_in_partitions(folder, workspace=ws, partition_size=2)
    assert (more.articles, more.annotated) == (6, 1)
    after = stored_tables(more)[1]
    assert len(after) > before and "zz_new" in set(after[S.ARTICLE_ID])


def test_copies_and_ids_across_partitions(tmp_path):
    """Exact copies in a later partition point at the first copy; ids stay unique."""
    for name in ("a", "b"):
        (tmp_path / "c" / name).mkdir(parents=True)
        for file in sorted(SAMPLE.glob("0*.txt")):
            shutil.copy(file, tmp_path / "c" / name / file.name)
    run = annotate_in_partitions(tmp_path / "c", workspace=tmp_path / "ws", partition_size=5)
    articles = pd.concat([pd.read_parquet(f) for f in run.article_files], ignore_index=True)
    assert run.partitions == 2 and articles[S.ARTICLE_ID].is_unique
    by_path = articles.set_index(S.PATH)
    for file in sorted((tmp_path / "c" / "b").glob("*.txt")):
        original = by_path.loc[str(tmp_path / "c" / "a" / file.name), S.ARTICLE_ID]
        assert by_path.loc[str(file), S.DUPLICATE_OF] == original


def test_bad_file_reported_not_fatal(tmp_path, sample_metadata):
    folder = tmp_path / "mixed"
    shutil.copytree(SAMPLE, folder)
    (folder / "broken.json").write_text('{"title": ', encoding="utf-8")
    extra = pd.concat(
        [sample_metadata, pd.DataFrame([{"file": "missing.txt", "title": "x"}])],
        ignore_index=True,
    )
    run = annotate_in_partitions(folder, workspace=tmp_path / "ws", metadata=extra)
    assert run.articles == 5
    report = run.load_report
    errors = report[report[S.REPORT_LEVEL] == "error"]
    assert [Path(p).name for p in errors[S.REPORT_PATH]] == ["broken.json"]
    unmatched = report[report[S.REPORT_MESSAGE].str.contains("matches no loaded article")]
    assert len(unmatched) == 1 and "missing.txt" in unmatched[S.REPORT_MESSAGE].iloc[0]
