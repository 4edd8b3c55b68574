"""The shared HTML: every notebook executed and exported, self-contained, small, no local paths."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from workbench.present.html_report import build_report, inject_parameters

from ..conftest import ROOT, sample_copy


def test_parameters_are_injected_after_the_parameters_cell():
    nb = nbformat.read(ROOT / "notebooks" / "04_coverage_over_time.ipynb", as_version=4)
    injected = inject_parameters(nb, {"CORPUS": "x", "FREQ": "week"})
    tags = [c.get("metadata", {}).get("tags", []) for c in injected.cells]
    at = next(i for i, t in enumerate(tags) if "parameters" in t)
    assert "injected-parameters" in tags[at + 1]
    assert injected.cells[at + 1].source == "CORPUS = 'x'\nFREQ = 'week'"
    assert len(nb.cells) + 2 == len(injected.cells)  # the original is left alone


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    corpus = sample_copy(tmp_path_factory.mktemp("corpus"))  # its workspace beside it
    return out, build_report(out, corpus=corpus, hide_code=True), corpus


@pytest.mark.slow
def test_report_is_self_contained(built):
    tmp_path, rendered, _ = built
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
    assert [r.html.stem for r in rendered] == notebooks
    index = (tmp_path / "index.html").read_text()
    assert all(f'href="{r.html.name}"' in index for r in rendered)
    for r in rendered:
        page = r.html.read_text()
        assert r.html.stat().st_size < 10_000_000
        assert not re.search(r"<script[^>]*src=[\"']?(https?:)?//", page, re.IGNORECASE)
        assert not re.search(r"<link[^>]*href=[\"']?(https?:)?//", page, re.IGNORECASE)
        assert str(ROOT) not in page and str(tmp_path) not in page
        assert "Traceback" not in page
    coverage = next(r for r in rendered if r.html.stem.startswith("04_")).html.read_text()
    assert coverage.count("plotly.js v") == 1  # the library once, every figure uses it
    assert coverage.count("Plotly.newPlot") >= 4
    assert "workbench.load(" not in coverage  # code hidden


def test_a_profile_file_is_found_from_where_the_notebook_runs(tmp_path, monkeypatch):
    from workbench.present.html_report import _profile_from
    from workbench.profile.library import load_profile

    monkeypatch.chdir(ROOT)
    corpus_folder = tmp_path / "corpora"
    corpus_folder.mkdir()
    given = _profile_from("data/profiles/russia_ukraine.yaml", corpus_folder)
    assert not Path(given).is_absolute()
    monkeypatch.chdir(corpus_folder)  # where the notebook runs
    assert load_profile(given).name == load_profile("russia_ukraine").name
    assert _profile_from("karabakh", corpus_folder) == "karabakh"


@pytest.mark.slow
def test_the_same_inputs_give_the_same_pages(built, tmp_path):
    """No random ids or unseeded sampling: a rerun on the same corpus is byte for byte equal."""
    first, rendered, corpus = built
    again = build_report(tmp_path, corpus=corpus, hide_code=True)  # through the cache
    assert (corpus.parent / ".workbench" / "articles").is_dir()
    assert [r.html.name for r in again] == [r.html.name for r in rendered]
    for name in [r.html.name for r in rendered] + ["index.html"]:
        a, b = (first / name).read_text(), (tmp_path / name).read_text()
        assert a == b, f"{name} differs between two runs near: {_first_difference(a, b)}"


def _first_difference(a: str, b: str) -> str:
    pairs = enumerate(zip(a, b, strict=False))
    at = next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))
    return f"{a[max(0, at - 60) : at + 60]!r} vs {b[max(0, at - 60) : at + 60]!r}"
