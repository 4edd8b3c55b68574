"""``workbench.load`` uses the default workspace like the command line does: beside the
corpus, ``cache=False`` to opt out, and without a cache (saying so) where it cannot be
made."""

from __future__ import annotations

import os
import re
import stat
import warnings
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.cli import main
from workbench.core.errors import LoadError, StoreError
from workbench.storage.workspace import WorkspaceWarning, usable_default_workspace

from ..conftest import sample_copy


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return sample_copy(tmp_path)


def _same_tables(a: workbench.Corpus, b: workbench.Corpus) -> None:
    for name in ("articles", "mentions", "statements"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_load_uses_the_default_workspace_beside_the_corpus(corpus_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("error", WorkspaceWarning)
        cold = workbench.load(corpus_dir, corrections=False)
        warm = workbench.load(corpus_dir, corrections=False)
    workspace = corpus_dir.parent / ".workbench" / "articles"
    assert cold.cache is not None and cold.cache.store.root == workspace
    assert (workspace / "manifest.json").exists()
    assert (cold.cache.report.annotated, warm.cache.report.annotated) == (5, 0)
    assert warm.cache.report.load_cached and warm.cache.report.reused == 5
    _same_tables(warm, workbench.load(corpus_dir, corrections=False, cache=False))


def test_cache_false_writes_nothing(corpus_dir):
    corpus = workbench.load(corpus_dir, corrections=False, cache=False)
    assert corpus.cache is None and len(corpus.statements) > 0
    assert sorted(p.name for p in corpus_dir.parent.iterdir()) == ["articles"]


def test_no_workspace_where_one_cannot_be_made_warns_and_loads_without(corpus_dir):
    blocked = corpus_dir.parent / ".workbench"
    blocked.write_text("not a folder")  # so even root cannot make the workspace here
    expected = rf"{re.escape(str(blocked))}.* is not a folder"
    with pytest.warns(WorkspaceWarning, match=expected) as caught:
        corpus = workbench.load(corpus_dir, corrections=False)
    assert "loading without a cache" in str(caught[0].message)
    assert caught[0].filename == __file__  # points at the caller's line
    assert corpus.cache is None
    _same_tables(corpus, workbench.load(corpus_dir, corrections=False, cache=False))
    with pytest.raises(StoreError, match="not a folder"):
        workbench.load(corpus_dir, corrections=False, cache=True)  # asked for: an error
    assert blocked.read_text() == "not a folder"


def test_a_read_only_corpus_folder_loads_without_a_cache(corpus_dir):
    parent = corpus_dir.parent
    mode = parent.stat().st_mode
    parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(parent, os.W_OK):
            pytest.skip("this user can write into a read-only folder (root)")
        with pytest.warns(WorkspaceWarning, match=rf"{re.escape(str(parent))} is not writable"):
            corpus = workbench.load(corpus_dir, corrections=False)
        assert corpus.cache is None and len(corpus.statements) > 0
        assert not (parent / ".workbench").exists()
    finally:
        parent.chmod(mode)


def test_a_url_has_no_default_workspace():
    folder, reason = usable_default_workspace("https://example.org/feed.xml")
    assert folder is None and "workspace= folder is needed" in reason


def test_the_command_line_says_why_it_runs_without_a_cache(corpus_dir, tmp_path, capsys):
    (corpus_dir.parent / ".workbench").write_text("not a folder")
    assert main(["annotate", str(corpus_dir), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert "no workspace (cannot keep a workspace at" in captured.err
    assert "annotating without a cache" in captured.err and "cache:" not in captured.out


def test_a_corpus_that_cannot_be_loaded_leaves_no_workspace(tmp_path):
    with pytest.raises(LoadError, match="no such file or folder"):
        workbench.load(tmp_path / "missing")
    assert not (tmp_path / ".workbench").exists()
