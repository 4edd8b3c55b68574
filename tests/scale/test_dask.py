"""The dask engine gives the in-process engine's rows, on a real LocalCluster (2 workers)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.cli import main
from workbench.core import schema as S
from workbench.core.reports import cleaning_report, load_report
from workbench.scale.dask import annotate_on_cluster, load_on_cluster, partitions

from ..conftest import SAMPLE, report_rows

pytestmark = pytest.mark.slow

UKRAINE_FILES = ["ABC.csv", "CNN.csv", "Mirror.csv", "CBS.csv", "Express.csv"]  # 242 rows


# Two single-threaded worker processes on loopback, no dashboard: CI's two cores.
LOCAL_CLUSTER = {
    "n_workers": 2,
    "threads_per_worker": 1,
    "processes": True,
    "dashboard_address": None,
    "host": "127.0.0.1",
}


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(**LOCAL_CLUSTER) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster):
    from distributed import Client

    with Client(cluster) as connected:
        yield connected


def in_process(source, **options) -> workbench.Corpus:
    """The in-process engine's tables, before any corrections log is applied."""
    profile = options.pop("profile", "karabakh")
    return workbench.annotate(workbench.load_articles(source, **options), profile=profile)


def assert_same_corpus(expected: workbench.Corpus, actual: workbench.Corpus) -> None:
    """Articles, mentions, statements and both reports equal, row for row."""
    for table in ("articles", "mentions", "statements"):
        pd.testing.assert_frame_equal(getattr(expected, table), getattr(actual, table))
    for report in (load_report, cleaning_report):
        pd.testing.assert_frame_equal(report(expected), report(actual))


@pytest.fixture
def copies(tmp_path: Path) -> Path:
    """The sample twice, in two folders: every article has a copy, ids collide by name."""
    for name in ("a", "b"):
        folder = tmp_path / "copies" / name
        folder.mkdir(parents=True)
        for file in sorted(SAMPLE.glob("0*.txt")):
            shutil.copy(file, folder / file.name)
    return tmp_path / "copies"


@pytest.mark.parametrize("partition_size", [1, 2, 1000])
def test_sample_corpus_same_as_in_process(client, partition_size):
    expected = in_process(SAMPLE)
    actual = annotate_on_cluster(SAMPLE, client=client, partition_size=partition_size)
    assert len(actual.statements) > 0
    assert_same_corpus(expected, actual)


def test_load_with_client_argument(client):
    expected = workbench.load(SAMPLE, profile="karabakh", cache=False)
    assert_same_corpus(
        expected, workbench.load(SAMPLE, profile="karabakh", client=client, cache=False)
    )


def test_duplicates_and_ids_across_partitions(client, copies):
    """Near-duplicate marks and id collisions are corpus-wide, not per partition."""
    expected = in_process(copies)
    actual = annotate_on_cluster(copies, client=client, partition_size=3)
    assert_same_corpus(expected, actual)
    articles = actual.articles.set_index(S.PATH)
    # Each file in b/ duplicates its copy in a/ (read by another task: one file per task).
    for file in sorted((copies / "b").glob("*.txt")):
        original = articles.loc[str(copies / "a" / file.name), S.ARTICLE_ID]
        assert articles.loc[str(file), S.DUPLICATE_OF] == original
    assert actual.articles[S.ARTICLE_ID].is_unique


def test_bad_files_reported_not_fatal(client, tmp_path):
    folder = tmp_path / "mixed"
    shutil.copytree(SAMPLE, folder)
    (folder / "broken.json").write_text('{"title": "x", "text": ', encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "rows.csv").write_text("date,title\n2020-10-01,no text column\n", encoding="utf-8")
    expected = workbench.load_articles(folder)
    actual = load_on_cluster(folder, client=client)
    pd.testing.assert_frame_equal(expected, actual)
    problems = {Path(path).name for path, _, level, _ in report_rows(actual) if level == "error"}
    assert {"broken.json", "empty.txt", "rows.csv"} <= problems
    assert len(actual) == 5


def test_metadata_sidecar_applied_on_the_driver(client, bare_sample, sample_metadata):
    expected = in_process(bare_sample, metadata=sample_metadata)
    actual = annotate_on_cluster(bare_sample, metadata=sample_metadata, client=client)
    assert_same_corpus(expected, actual)
    assert (actual.articles[S.DATE_BASIS] != "missing").all()


def test_articles_frame_as_source_is_not_changed(client, sample_articles):
    before = sample_articles.copy()
    expected = workbench.annotate(sample_articles)
    actual = annotate_on_cluster(sample_articles, client=client, partition_size=2)
    pd.testing.assert_frame_equal(sample_articles, before)
    assert_same_corpus(expected, actual)


def test_workspace_same_as_in_process_store(client, tmp_path):
    """With a workspace the cluster fills the store; a rerun, here or in-process, reuses it."""
    expected = workbench.load(SAMPLE, workspace=tmp_path / "local")
    actual = workbench.load(SAMPLE, workspace=tmp_path / "dask", client=client)
    assert_same_corpus(expected, actual)
    assert actual.cache is not None and actual.cache.report.annotated == 5
    rerun = workbench.load(SAMPLE, client=client, workspace=tmp_path / "dask")
    assert rerun.cache is not None and rerun.cache.report.annotated == 0
    assert_same_corpus(expected, rerun)
    again = workbench.load(SAMPLE, workspace=tmp_path / "dask")
    assert again.cache is not None and again.cache.report.annotated == 0
    assert_same_corpus(expected, again)


@pytest.mark.shared
def test_ukraine_rows_same_as_in_process(client, ukraine_dir):
    files = [str(ukraine_dir / name) for name in UKRAINE_FILES]
    expected = workbench.load(files, profile="russia_ukraine", cache=False)
    actual = workbench.load(files, profile="russia_ukraine", client=client, cache=False)
    assert len(expected.articles) > 200 and len(expected.statements) > 200
    assert_same_corpus(expected, actual)


def test_cli_scheduler(client, tmp_path, capsys):
    address = client.scheduler.address
    assert address.startswith("tcp://127.0.0.1:")
    local = ["annotate", str(SAMPLE), "--out", str(tmp_path / "local"), "--no-cache"]
    assert main(local) == 0
    dask = ["annotate", str(SAMPLE), "--out", str(tmp_path / "dask"), "--no-cache"]
    assert main([*dask, "--scheduler", address]) == 0
    for table in ("articles", "mentions", "statements"):
        pd.testing.assert_frame_equal(
            pd.read_parquet(tmp_path / "local" / f"{table}.parquet"),
            pd.read_parquet(tmp_path / "dask" / f"{table}.parquet"),
        )
    assert "annotated 5 articles" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("n", "size", "expected"),
    [
        (0, 3, []),
        (3, 3, [(0, 3)]),
        (7, 3, [(0, 3), (3, 6), (6, 7)]),
        (2, 1, [(0, 1), (1, 2)]),
    ],
)
def test_partitions(n, size, expected):
    assert [(s.start, s.stop) for s in partitions(n, size)] == expected


def test_partition_size_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        partitions(3, 0)


def test_a_worker_killed_while_annotating_loses_nothing(tmp_path):
    """A worker process dies (os._exit) in its first annotation task: that partition is
    annotated on the driver, the load report says so, and the rows are still the same."""
    import os

    import dask
    from distributed import Client, LocalCluster, WorkerPlugin

    marker = str(tmp_path / "killed")

    class DieOnceWhenAnnotating(WorkerPlugin):  # local: pickled by value to the workers
        def transition(self, key, start, finish, **kwargs):
            if finish == "executing" and "_annotate_partition" in str(key):
                if not os.path.exists(marker):
                    open(marker, "w").close()
                    os._exit(1)

    settings = {"distributed.scheduler.allowed-failures": 0}  # a killed task fails at once
    with (
        dask.config.set(settings),
        LocalCluster(**LOCAL_CLUSTER) as local,
        Client(local) as client,
    ):
        client.register_plugin(DieOnceWhenAnnotating())
        corpus = annotate_on_cluster(SAMPLE, client=client, partition_size=2)
    assert os.path.exists(marker), "no worker was killed: the test proved nothing"
    expected = in_process(SAMPLE)
    for table in ("articles", "mentions", "statements"):  # the tables; reports differ
        pd.testing.assert_frame_equal(getattr(expected, table), getattr(corpus, table))
    report = load_report(corpus)
    notes = report[report[S.REPORT_MESSAGE].str.contains("annotated in the driver process")]
    assert len(notes) >= 1 and set(notes[S.REPORT_LEVEL]) == {"warning"}
    assert notes[S.REPORT_LOCATION].str.endswith("articles").all()


def test_a_bug_in_an_annotation_task_is_raised_not_rerun_on_the_driver(client, monkeypatch):
    """An error of the task itself (here: a profile the workers cannot read), not a lost
    worker, reaches the caller; the driver does not annotate the partition again."""
    import workbench.scale.dask as engine
    from workbench.core.errors import ProfileError

    class NoRerun:
        def __init__(self, profile):
            pass

        def annotate(self, *args, **kwargs):
            raise AssertionError("the partition was annotated again on the driver")

    from workbench.annotation.batch import ProfileSource

    broken = ProfileSource(b"sides: [unclosed", "broken.yaml", "0")
    monkeypatch.setattr(engine, "profile_source", lambda profile: broken)
    monkeypatch.setattr(engine, "Annotator", NoRerun)
    with pytest.raises(ProfileError, match="broken.yaml"):
        annotate_on_cluster(SAMPLE, client=client, partition_size=2)


def test_fetching_on_a_cluster_is_refused_with_a_way_forward(client, tmp_path):
    import workbench
    from workbench.core.errors import LoadError

    with pytest.raises(LoadError, match="without a scheduler"):
        workbench.load(SAMPLE, client=client, fetch=True, cache=False)


@pytest.mark.parametrize("stored", [False, True])
def test_an_article_that_breaks_annotation_is_reported_as_in_process(
    client, sample_articles, tmp_path, stored
):
    """The cluster runs the batch code of the other engines: the bad article (a
    ``published`` that is words) is named in the report, the others are annotated."""
    from ..annotation.test_pool import with_a_bad_date

    bad, bad_id = with_a_bad_date(sample_articles)
    expected = workbench.annotate(bad, workers=1, progress=False)
    workspace = tmp_path / "ws" if stored else None
    actual = annotate_on_cluster(bad, client=client, partition_size=2, workspace=workspace)
    for table in ("articles", "mentions", "statements"):
        pd.testing.assert_frame_equal(getattr(expected, table), getattr(actual, table))
    problems = actual.report.problems
    failed = problems[problems[S.REPORT_LEVEL] == "error"]
    assert list(failed[S.REPORT_LOCATION]) == [f"article {bad_id}"]
    assert "'yesterday' is not a date" in failed[S.REPORT_MESSAGE].iloc[0]
