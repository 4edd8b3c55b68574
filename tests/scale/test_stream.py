"""Streaming a corpus through the store a partition at a time (workbench.scale.stream)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.annotation.annotator import Annotator
from workbench.core import schema as S
from workbench.scale.stream import annotate_in_partitions
from workbench.storage.store import CONTENT_HASH

from ..conftest import SAMPLE

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


def test_stream_articles_gives_what_load_articles_gives(tmp_path, sample_metadata):
    stream = workbench.stream_articles(SAMPLE, partition_size=2)
    parts = list(stream)
    assert [len(p) for p in parts] == [2, 2, 1]
    whole = workbench.load_articles(SAMPLE)
    streamed = pd.concat(parts, ignore_index=True)
    for column in (S.ARTICLE_ID, S.TITLE, S.SOURCE, S.PUBLISHED, S.DATE_BASIS, S.TEXT):
        assert streamed[column].tolist() == whole[column].tolist(), column
    assert stream.articles == 5 and len(stream.load_report) == len(workbench.load_report(whole))
    with pytest.raises(RuntimeError, match="read once"):
        next(iter(stream))


def _write_folder(folder: Path, megabytes: int) -> int:
    """Files of ~200 KB of seeded random prose, ``megabytes`` in all; return the bytes."""
    import random

    rng = random.Random(11)
    vocabulary = [
        "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 9))) for _ in range(3000)
    ]
    folder.mkdir()
    written, n = 0, 0
    while written < megabytes * 1024 * 1024:
        paragraphs = []
        for _ in range(120):
            sentences = [
                " ".join(rng.choices(vocabulary, k=18)).capitalize() + "." for _ in range(10)
            ]
            paragraphs.append(" ".join(sentences))
        text = f"Report number {n}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")
        written += len(text)
        n += 1
    return written


STREAM_CHILD = """
import json, resource, sys
import workbench
folder = sys.argv[1]
workbench.load_articles(folder + "/00000.txt")  # imports and models in place first
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
stream = workbench.stream_articles(folder, partition_size=20)
words = files = 0
for part in stream:
    words += int(part["n_words"].sum())
    files += len(part)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"growth": (peak - base) * 1024, "files": files, "words": words,
                  "errors": int(stream.load_report["level"].eq("error").sum())}))
"""


def test_a_large_folder_streams_in_bounded_memory(tmp_path):
    """A folder far larger than one partition is read with memory of a partition.

    128 MB by default (WORKBENCH_STREAM_MB=1024 for the 1 GB run): the process
    grows by a small fraction of the folder's size, and every file is read.
    """
    import json
    import os
    import subprocess
    import sys

    megabytes = int(os.environ.get("WORKBENCH_STREAM_MB", "128"))
    folder = tmp_path / "big"
    size = _write_folder(folder, megabytes)
    n_files = len(list(folder.iterdir()))
    command = [sys.executable, "-c", STREAM_CHILD, str(folder)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert (out["files"], out["errors"]) == (n_files, 0)
    print(f"\n{size / 1e6:.0f} MB folder streamed: peak RSS grew {out['growth'] / 1e6:.0f} MB")
    assert out["growth"] < size / 8, f"grew {out['growth'] / 1e6:.0f} MB for {size / 1e6:.0f} MB"
