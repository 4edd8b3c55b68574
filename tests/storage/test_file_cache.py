"""The file cache: what each file gave (texts, near-duplicate keys and signatures) is kept,
so an incremental or repeated load reads only new files and still equals a cold load."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.core import schema as S
from workbench.core.reports import cleaning_report, load_report
from workbench.scale.stream import stream_articles
from workbench.storage.load_cache import cached_load_articles

from ..ingest.invented import write_invented_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """An invented corpus (A) and, apart, the copies of its articles and a CSV export (B)."""
    root = write_invented_corpus(tmp_path / "a")
    later = tmp_path / "b"
    later.mkdir()
    (root / "copies").rename(later / "copies")
    (root / "export.csv").rename(later / "export.csv")
    return root, later


def assert_same(got: pd.DataFrame, report, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(report.problems, load_report(expected))
    pd.testing.assert_frame_equal(report.removed, cleaning_report(expected))


def test_adding_files_reads_only_them_and_equals_a_cold_load(corpus, tmp_path, files_read):
    a, b = corpus
    cold = workbench.load_articles([a, b])
    assert (cold[S.DUPLICATE_OF] != "").sum() >= 5  # copies in B of articles in A
    workspace = tmp_path / "ws"
    first, report, _ = cached_load_articles(a, workspace)
    assert_same(first, report, workbench.load_articles(a))
    files_read.clear()
    both, report, from_cache = cached_load_articles([a, b], workspace)
    assert not from_cache
    assert sorted(files_read) == sorted(p.name for p in b.rglob("*") if p.is_file())
    assert_same(both, report, cold)
    files_read.clear()
    (workspace / "loads").rename(workspace / "loads-gone")  # only the file cache is left
    again, report, _ = cached_load_articles([a, b], workspace)
    assert files_read == []
    assert_same(again, report, cold)


def test_a_streamed_run_fills_the_file_cache(corpus, tmp_path, files_read):
    a, _ = corpus
    workspace = tmp_path / "ws"
    stream = stream_articles(a, partition_size=7, file_cache=workspace / "files")
    streamed = sum(len(part) for part in stream)
    files_read.clear()
    loaded, report, _ = cached_load_articles(a, workspace)
    assert files_read == [] and len(loaded) == streamed
    assert_same(loaded, report, workbench.load_articles(a))


def test_the_file_cache_keeps_only_what_is_in_use(corpus, tmp_path):
    a, _ = corpus
    workspace = tmp_path / "ws"
    for _ in range(4):  # each streamed run appends what it read
        for _part in stream_articles(a, partition_size=50, file_cache=workspace / "files"):
            pass
    cache = workspace / "files" / "files.jsonl"
    lines = cache.read_text("utf-8").count("\n")
    cached_load_articles(a, workspace)
    kept = cache.read_text("utf-8").splitlines()
    assert len(kept) < lines
    assert len({json.loads(line)["key"] for line in kept[1:]}) == len(kept) - 1
