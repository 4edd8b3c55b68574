"""The workspace store: cold and warm runs, increments, invalidation, damaged files, two
writers. Every run is real (real files, real annotation, real Parquet); a counter on
``Annotator.annotate`` proves how many articles were annotated."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import subprocess
import sys
import warnings
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.annotation.annotator import Annotator
from workbench.annotation.sentences import sentence_spans, train_tokenizer
from workbench.core import schema as S
from workbench.core.reports import cleaning_report, load_report
from workbench.profile.library import load_profile
from workbench.storage import store as store_module
from workbench.storage.files import tokenizer_from_params, tokenizer_params
from workbench.storage.store import (
    CONTENT_HASH,
    Store,
    StoreError,
    StoreWarning,
    content_hash,
)

from ..conftest import ROOT, SAMPLE

NEW_ARTICLE = """Armenia and Azerbaijan trade accusations

STEPANAKERT, Oct. 3, 2020 -- Armenian Prime Minister Nikol Pashinyan said on Saturday
that Azerbaijan had shelled Stepanakert overnight. "We will defend our people," he said.

Azerbaijan's Defence Ministry denied the claim and accused Armenian forces of attacking
civilian areas in Tartar.
"""


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A copy of the sample corpus (articles and metadata sidecar)."""
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns(".workbench"))
    return folder


@pytest.fixture
def annotated(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Article counts passed to ``Annotator.annotate`` (the real method still runs)."""
    calls: list[int] = []
    original = Annotator.annotate

    def counting(self, articles, **options):
        calls.append(len(articles))
        return original(self, articles, **options)

    monkeypatch.setattr(Annotator, "annotate", counting)
    return calls


def workspace_of(folder: Path) -> Path:
    """The default workspace: ``.workbench/<folder name>`` beside the folder."""
    return folder.parent / ".workbench" / folder.name


def load(folder: Path, **options) -> workbench.Corpus:
    return workbench.load(folder, cache=True, corrections=False, **options)


def assert_same_as_fresh(corpus: workbench.Corpus) -> None:
    """Rows, order and dtypes equal a fresh in-memory annotation with the same splitter."""
    assert corpus.cache is not None
    plain = corpus.articles.drop(columns=S.ANNOTATION_COLUMNS)
    mentions, statements, lean = Annotator(corpus.profile).annotate(
        plain, tokenizer=corpus.cache.store.tokenizer
    )
    pd.testing.assert_frame_equal(corpus.mentions, mentions)
    pd.testing.assert_frame_equal(corpus.statements, statements)
    pd.testing.assert_frame_equal(corpus.articles[lean.columns], lean)


def test_cold_then_warm_reads_the_store(corpus_dir, annotated):
    cold = load(corpus_dir)
    assert sum(annotated) == 5
    assert (cold.cache.report.annotated, cold.cache.report.reused) == (5, 0)
    assert not cold.cache.report.load_cached
    fresh = workbench.load(
        corpus_dir, corrections=False, cache=False
    )  # in memory, splitter from the whole
    for name in ("articles", "mentions", "statements"):
        pd.testing.assert_frame_equal(getattr(cold, name), getattr(fresh, name))
    annotated.clear()
    warm = load(corpus_dir)
    assert annotated == []
    assert (warm.cache.report.annotated, warm.cache.report.reused) == (0, 5)
    assert warm.cache.report.load_cached
    for name in ("articles", "mentions", "statements"):
        pd.testing.assert_frame_equal(getattr(warm, name), getattr(fresh, name))
    for report in (load_report, cleaning_report):
        pd.testing.assert_frame_equal(report(warm).astype(str), report(fresh).astype(str))
    assert (workspace_of(corpus_dir) / "README.txt").exists()


def test_an_added_article_is_the_only_one_annotated(corpus_dir, annotated):
    load(corpus_dir)
    (corpus_dir / "005_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    annotated.clear()
    corpus = load(corpus_dir)
    assert sum(annotated) == 1 and corpus.cache.report.annotated == 1
    assert len(corpus.articles) == 6 and "005_new" in set(corpus.statements[S.ARTICLE_ID])
    assert_same_as_fresh(corpus)


def test_an_edited_article_is_the_only_one_annotated(corpus_dir, annotated):
    before = load(corpus_dir)
    file = corpus_dir / "002_0b8631c508c1fef8.txt"
    file.write_text(
        file.read_text(encoding="utf-8") + "\n\nPashinyan said Armenia would never surrender.\n",
        encoding="utf-8",
    )
    annotated.clear()
    corpus = load(corpus_dir)
    assert sum(annotated) == 1 and corpus.cache.report.annotated == 1
    assert len(corpus.statements) > len(before.statements)
    assert_same_as_fresh(corpus)


def test_a_removed_article_disappears_without_annotating(corpus_dir, annotated):
    before = load(corpus_dir)
    gone = before.articles[S.ARTICLE_ID].iloc[1]
    (corpus_dir / f"{gone}.txt").unlink()
    annotated.clear()
    corpus = load(corpus_dir)
    assert annotated == []
    assert gone not in set(corpus.articles[S.ARTICLE_ID]) | set(corpus.statements[S.ARTICLE_ID])
    assert_same_as_fresh(corpus)


def test_a_touched_file_is_read_again_but_not_annotated(corpus_dir, annotated):
    load(corpus_dir)
    file = corpus_dir / "000_86a84144ca22fe18.txt"
    file.write_bytes(file.read_bytes())  # same bytes, new modification time
    annotated.clear()
    corpus = load(corpus_dir)
    assert not corpus.cache.report.load_cached
    assert annotated == [] and corpus.cache.report.reused == 5


def test_an_edited_profile_reannotates_everything_and_says_so(corpus_dir, tmp_path, annotated):
    profile = tmp_path / "karabakh.yaml"
    text = (ROOT / "data" / "profiles" / "karabakh.yaml").read_text(encoding="utf-8")
    profile.write_text(text, encoding="utf-8")
    load(corpus_dir, profile=profile)
    edited = text.replace("aliases: [Aliyev, Aliev,", "aliases: [Aliyev, Aliev, Ilham H. Aliyev,")
    assert edited != text
    profile.write_text(edited, encoding="utf-8")
    annotated.clear()
    corpus = load(corpus_dir, profile=profile)
    assert sum(annotated) == 5 and corpus.cache.report.annotated == 5
    assert corpus.cache.report.messages == [
        "the profile 'karabakh' changed: all 5 articles are annotated again"
    ]
    assert_same_as_fresh(corpus)


def test_a_pipeline_version_bump_reannotates_everything(corpus_dir, annotated, monkeypatch):
    first = load(corpus_dir)
    monkeypatch.setattr(store_module, "PIPELINE_VERSION", "bumped")
    annotated.clear()
    corpus = load(corpus_dir)
    assert sum(annotated) == 5
    assert corpus.cache.report.key != first.cache.report.key
    assert "pipeline version changed (1 -> bumped)" in corpus.cache.report.messages[0]
    assert_same_as_fresh(corpus)


def _part_file(folder: Path, table: str) -> Path:
    (found,) = (workspace_of(folder) / "parts").glob(f"*/*.{table}.parquet")
    return found


@pytest.mark.parametrize(
    ("table", "damage"),
    [
        ("statements", "truncate"),
        ("mentions", "truncate"),
        ("articles", "truncate"),
        ("statements", "flip"),
    ],
)
def test_a_damaged_part_is_reported_rebuilt_and_equal(corpus_dir, annotated, table, damage):
    cold = load(corpus_dir)
    part = _part_file(corpus_dir, table)
    data = part.read_bytes()
    if damage == "truncate":
        part.write_bytes(data[: len(data) // 2])
    else:  # same size, a few bytes changed in the middle (caught by the page checksums)
        middle = len(data) // 3
        part.write_bytes(
            data[:middle] + bytes(b ^ 0xFF for b in data[middle : middle + 8]) + data[middle + 8 :]
        )
    annotated.clear()
    with pytest.warns(StoreWarning, match=part.name):
        corpus = load(corpus_dir)
    assert sum(annotated) == 5
    for name in ("articles", "mentions", "statements"):
        pd.testing.assert_frame_equal(getattr(corpus, name), getattr(cold, name))
    annotated.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the bad file was replaced: no warning any more
        again = load(corpus_dir)
    assert annotated == []
    pd.testing.assert_frame_equal(again.statements, cold.statements)


@pytest.mark.parametrize("content", ["", '{"format": 1, "keys": {"k": {"parts": {"p": {}}}}}', "{"])
def test_a_corrupt_manifest_is_reported_and_rebuilt(corpus_dir, annotated, content):
    cold = load(corpus_dir)
    manifest = workspace_of(corpus_dir) / "manifest.json"
    manifest.write_text(content, encoding="utf-8")
    annotated.clear()
    with pytest.warns(StoreWarning, match="manifest.json"):
        corpus = load(corpus_dir)
    assert sum(annotated) == 5
    pd.testing.assert_frame_equal(corpus.statements, cold.statements)
    assert json.loads(manifest.read_text(encoding="utf-8"))["format"] == 1


def test_a_corrupt_load_cache_is_reported_and_read_again(corpus_dir):
    cold = load(corpus_dir)
    (cached,) = (workspace_of(corpus_dir) / "loads").glob("*/articles.parquet")
    cached.write_bytes(cached.read_bytes()[:100])
    with pytest.warns(StoreWarning, match="load cache"):
        corpus = load(corpus_dir)
    assert not corpus.cache.report.load_cached
    pd.testing.assert_frame_equal(corpus.articles, cold.articles)


def test_rebuild_relearns_the_splitter_and_annotates_everything(corpus_dir, annotated):
    load(corpus_dir)
    tokenizer = workspace_of(corpus_dir) / "tokenizer.json"
    tokenizer.write_text(json.dumps({**json.loads(tokenizer.read_text()), "abbrev_types": []}))
    annotated.clear()
    kept = load(corpus_dir)  # the splitter on disk is the workspace's: a new key
    assert sum(annotated) == 5
    annotated.clear()
    rebuilt = load(corpus_dir, rebuild=True)
    assert sum(annotated) == 5 and not rebuilt.cache.report.load_cached
    assert rebuilt.cache.report.key != kept.cache.report.key
    fresh = workbench.load(corpus_dir, corrections=False, cache=False)
    pd.testing.assert_frame_equal(rebuilt.statements, fresh.statements)


def test_the_workspace_is_where_asked_and_nothing_is_written_in_the_package(corpus_dir, tmp_path):
    elsewhere = tmp_path / "ws"
    corpus = workbench.load(corpus_dir, workspace=elsewhere, corrections=False)
    assert corpus.cache.store.root == elsewhere and (elsewhere / "manifest.json").exists()
    assert not workspace_of(corpus_dir).exists()
    package = Path(workbench.__file__).parent
    assert not list(package.rglob("*.parquet")) and not (package / ".workbench").exists()


# -- the Store interface ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("column", "value", "changes"),
    [
        (S.TEXT, "Another text.", True),
        (S.TITLE, "Another title", True),
        (S.PUBLISHED, pd.Timestamp("2001-01-01"), True),
        (S.SOURCE, "Another outlet", True),
        (S.ARTICLE_ID, "another-id", True),
        (S.URL, "https://elsewhere.example/story", True),  # the outlet's own name is in it
        (S.PATH, "/elsewhere/file.txt", False),
        (S.LOAD_WARNINGS, "a warning", False),
        (S.DUPLICATE_OF, "other", False),
    ],
)
def test_content_hash_follows_what_annotation_reads(sample_articles, column, value, changes):
    before = content_hash(sample_articles)
    edited = sample_articles.copy()
    edited.loc[edited.index[0], column] = value
    after = content_hash(edited)
    assert (before.iloc[0] != after.iloc[0]) is changes
    assert before.iloc[1:].equals(after.iloc[1:]) and before.is_unique


def test_the_splitter_survives_the_round_trip(sample_articles):
    tokenizer = train_tokenizer(sample_articles[S.TEXT])
    again = tokenizer_from_params(json.loads(json.dumps(tokenizer_params(tokenizer))))
    for text in sample_articles[S.TEXT]:
        assert sentence_spans(text, again) == sentence_spans(text, tokenizer)


def test_a_store_without_a_splitter_asks_for_one(tmp_path, sample_articles):
    store = Store(tmp_path / "ws", profile=load_profile("karabakh"))
    with pytest.raises(StoreError, match="learn_tokenizer"):
        store.key  # noqa: B018
    store.learn_tokenizer(sample_articles[S.TEXT])
    reopened = Store(tmp_path / "ws", profile=load_profile("karabakh"))
    assert reopened.key == store.key


def _write_half(root: str, half: int) -> None:
    """Worker: annotate and store half of the sample (overlapping the other worker's)."""
    articles = workbench.load_articles(SAMPLE)
    store = Store(root, profile=load_profile("karabakh"))
    rows = articles.iloc[[0, 1, 2]] if half == 0 else articles.iloc[[2, 3, 4]]
    for i in range(len(rows)):  # one part per article: many turns at the lock
        one = rows.iloc[[i]]
        mentions, statements, lean = Annotator(store.profile).annotate(
            one, tokenizer=store.tokenizer
        )
        store.write_batch(one.merge(lean, on=S.ARTICLE_ID), mentions, statements)


def test_two_processes_writing_one_store(tmp_path, sample_articles):
    root = tmp_path / "ws"
    store = Store(root, profile=load_profile("karabakh"))
    store.learn_tokenizer(sample_articles[S.TEXT])
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_half, args=(str(root), h)) for h in (0, 1)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=240)
        assert w.exitcode == 0
    lean, mentions, statements = store.read()
    assert lean[CONTENT_HASH].is_unique and len(lean) == 5
    assert store.known(content_hash(sample_articles)) == set(content_hash(sample_articles))
    expected_m, expected_s, _ = Annotator(store.profile).annotate(
        sample_articles, tokenizer=store.tokenizer
    )
    order = dict(zip(sample_articles[S.ARTICLE_ID], range(5), strict=True))
    got = statements.drop(columns=CONTENT_HASH)
    got = got.iloc[got[S.ARTICLE_ID].map(order).argsort(kind="stable")].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected_s)
    assert len(mentions) == len(expected_m)


# -- progress ----------------------------------------------------------------------------
def test_progress_bar_shows_articles_per_second_only_when_asked(corpus_dir, capsys):
    workbench.load(corpus_dir, corrections=False, progress=True, cache=False)
    assert "articles/s" in capsys.readouterr().err
    workbench.load(corpus_dir, corrections=False, cache=False)
    assert capsys.readouterr().err == ""


def test_corrections_replace_the_stored_statements_in_the_corpus(corpus_dir):
    corpus = load(corpus_dir)
    fewer = replace(corpus, statements=corpus.statements.iloc[:3])
    assert fewer.query("SELECT count(*) AS n FROM statements")["n"].iloc[0] == 3


# -- the command line ----------------------------------------------------------------------
def _annotate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "annotate", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_annotate_reuses_its_workspace(corpus_dir, tmp_path):
    out = str(tmp_path / "out")
    cold = _annotate(str(corpus_dir), "--out", out)
    assert cold.returncode == 0, cold.stderr
    assert "0 annotations reused, 5 annotated" in cold.stdout
    assert (workspace_of(corpus_dir) / "manifest.json").exists()
    warm = _annotate(str(corpus_dir), "--out", out)
    assert "read from the load cache; 5 annotations reused, 0 annotated" in warm.stdout
    rebuilt = _annotate(str(corpus_dir), "--out", out, "--rebuild")
    assert "loaded from the files; 0 annotations reused, 5 annotated" in rebuilt.stdout
    elsewhere = tmp_path / "ws"
    moved = _annotate(str(corpus_dir), "--out", out, "--workspace", str(elsewhere))
    assert f"5 annotated (workspace {elsewhere})" in moved.stdout
    shutil.rmtree(workspace_of(corpus_dir))
    plain = _annotate(str(corpus_dir), "--out", out, "--no-cache")
    assert plain.returncode == 0 and "cache:" not in plain.stdout
    assert not workspace_of(corpus_dir).exists()
    for run in (cold, warm, rebuilt, plain):  # the same counts, cached or not
        assert run.stdout.splitlines()[0] == plain.stdout.splitlines()[0]
        assert run.stdout.startswith("annotated 5 articles: ")
        assert "it/s" not in run.stderr and "articles/s" not in run.stderr  # no terminal


def test_a_run_stored_in_many_parts_equals_one_part(corpus_dir, monkeypatch):
    from workbench.annotation import pool

    monkeypatch.setattr(pool, "BATCH", 1)
    monkeypatch.setattr(pool, "STORE_EVERY", 2)  # 5 articles: parts of 2, 2 and 1
    corpus = load(corpus_dir)
    assert len(list((workspace_of(corpus_dir) / "parts").glob("*/*.statements.parquet"))) == 3
    fresh = workbench.load(
        corpus_dir, corrections=False, cache=False
    )  # in memory, one article a chunk
    for name in ("articles", "mentions", "statements"):
        pd.testing.assert_frame_equal(getattr(corpus, name), getattr(fresh, name))
    assert_same_as_fresh(corpus)  # and equal to one call on the whole table
    warm = load(corpus_dir)
    assert warm.cache.report.annotated == 0
    pd.testing.assert_frame_equal(warm.statements, fresh.statements)
    assert not warm.cache.store.compact(above=1, small=2)  # one part under 2 articles
    assert warm.cache.store.compact(above=2) and not warm.cache.store.compact(above=2)
    assert len(list((workspace_of(corpus_dir) / "parts").glob("*/*.parquet"))) == 3
    compacted = load(corpus_dir)
    assert compacted.cache.report.annotated == 0
    for name in ("articles", "mentions", "statements"):
        pd.testing.assert_frame_equal(getattr(compacted, name), getattr(fresh, name))
    assert len(compacted.query("SELECT * FROM mentions")) == len(fresh.mentions)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("data/articles", "data/.workbench/articles"),
        ("data/articles/", "data/.workbench/articles"),
        ("exports/nyt.csv", "exports/.workbench/nyt.csv"),
        (["data/articles", "more/x.csv"], "data/.workbench/articles"),
    ],
)
def test_the_default_workspace_is_beside_the_corpus(source, expected):
    from workbench.storage.workspace import default_workspace

    assert default_workspace(source) == Path(expected)


def test_a_glob_and_a_url_get_their_own_or_none(tmp_path):
    from workbench.storage.workspace import default_workspace

    (tmp_path / "a").mkdir()
    first, second = (
        default_workspace(f"{tmp_path}/a/*.txt"),
        default_workspace(f"{tmp_path}/a/*.md"),
    )
    assert first.parent == tmp_path / "a" / ".workbench" and first != second
    with pytest.raises(ValueError, match="workspace= folder is needed"):
        default_workspace("https://example.org/feed.xml")


def test_a_damaged_splitter_file_is_reported_and_relearnt(corpus_dir, annotated):
    cold = load(corpus_dir)
    tokenizer = workspace_of(corpus_dir) / "tokenizer.json"
    tokenizer.write_text(tokenizer.read_text(encoding="utf-8")[:50], encoding="utf-8")
    annotated.clear()
    with pytest.warns(StoreWarning, match="tokenizer.json"):
        corpus = load(corpus_dir)
    # Learnt again on the same articles it is the same splitter: the store is still valid.
    assert corpus.cache.report.key == cold.cache.report.key and annotated == []
    assert json.loads(tokenizer.read_text(encoding="utf-8"))["abbrev_types"]
    pd.testing.assert_frame_equal(corpus.statements, cold.statements)


# -- the file cache (the files_read fixture is in conftest.py) ------------------------------
def assert_same_load(corpus: workbench.Corpus, folder: Path) -> None:
    """The articles equal load_articles on the folder, load and cleaning reports too."""
    expected = workbench.load_articles(folder)
    pd.testing.assert_frame_equal(corpus.articles.drop(columns=S.ANNOTATION_COLUMNS), expected)
    for report in (load_report, cleaning_report):
        pd.testing.assert_frame_equal(report(corpus).astype(str), report(expected).astype(str))


def test_only_a_new_file_is_read(corpus_dir, files_read, annotated):
    load(corpus_dir)
    assert len(files_read) == 5
    (corpus_dir / "005_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    files_read.clear()
    annotated.clear()
    corpus = load(corpus_dir)
    assert files_read == ["005_new.txt"] and sum(annotated) == 1
    files_read.clear()
    assert_same_load(corpus, corpus_dir)


def test_an_edited_sidecar_reads_no_file_but_reannotates_what_it_changed(
    corpus_dir, files_read, annotated
):
    before = load(corpus_dir)
    sidecar = corpus_dir / "metadata.csv"
    metadata = pd.read_csv(sidecar, dtype=str)
    metadata.loc[0, "title"] = "A title the analyst corrected"
    metadata.to_csv(sidecar, index=False)
    files_read.clear()
    annotated.clear()
    corpus = load(corpus_dir)
    assert files_read == [] and sum(annotated) == 1
    assert "A title the analyst corrected" in set(corpus.articles[S.TITLE])
    assert len(corpus.articles) == len(before.articles)
    assert_same_load(corpus, corpus_dir)
    assert_same_as_fresh(corpus)


def test_a_corrupt_file_cache_is_reported_and_every_file_read(corpus_dir, files_read):
    load(corpus_dir)
    cache = workspace_of(corpus_dir) / "files" / "files.jsonl"
    cache.write_text(cache.read_text(encoding="utf-8")[:-300], encoding="utf-8")
    (corpus_dir / "005_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    files_read.clear()
    with pytest.warns(StoreWarning, match="files.jsonl"):
        corpus = load(corpus_dir)
    assert len(files_read) == 6
    assert_same_load(corpus, corpus_dir)
