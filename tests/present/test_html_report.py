"""The shared HTML: every notebook executed and exported, self-contained, small, no local paths."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from workbench.core.errors import ReportError
from workbench.present.html_report import build_report, inject_parameters, parse_parameter

from ..conftest import ROOT, sample_copy


def test_parameters_are_set_in_the_parameters_cell_once():
    nb = nbformat.read(ROOT / "notebooks" / "04_coverage_over_time.ipynb", as_version=4)
    injected = inject_parameters(nb, {"CORPUS": "x", "FREQ": "week", "EXTRA": 3})
    cell = next(c for c in injected.cells if "parameters" in c.metadata.get("tags", []))
    assert "injected-parameters" in cell.metadata["tags"]
    lines = cell.source.splitlines()
    assert "CORPUS = 'x'" in lines
    # the value used, once, with what it means
    assert [line for line in lines if line.startswith("FREQ =")] == [
        "FREQ = 'week'  # day, week or month; None: chosen from the corpus's date span"
    ]
    assert lines[-1] == "EXTRA = 3"  # a name the cell lacks is added at its end
    assert 'PROFILE = "karabakh"' in lines  # what is not given stays as written
    assert len(nb.cells) + 1 == len(injected.cells)  # the report's setup cell; original alone
    original = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert "FREQ = None" in original.source


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("FREQ=week", ("FREQ", "week")),
        ("TOP_ACTORS=20", ("TOP_ACTORS", 20)),
        ("BEFORE=('2022-01-01', '2022-03-31')", ("BEFORE", ("2022-01-01", "2022-03-31"))),
        ("TERM=special operation", ("TERM", "special operation")),
        ("TERM=None", ("TERM", None)),
        ("CORPUS=a=b", ("CORPUS", "a=b")),
    ],
)
def test_a_parameter_from_the_command_line(given, expected):
    assert parse_parameter(given) == expected


@pytest.mark.parametrize("given", ["FREQ", "=week", "two words=1"])
def test_a_malformed_parameter_is_refused(given):
    with pytest.raises(ReportError, match="expected NAME=VALUE"):
        parse_parameter(given)


def test_a_parameter_reaches_the_notebook_and_shows_once(tmp_path):
    notebook = tmp_path / "01_tiny.ipynb"
    params = nbformat.v4.new_code_cell(
        "FREQ = None  # day, week or month", metadata={"tags": ["parameters"]}
    )
    shown = nbformat.v4.new_code_cell('print(f"frequency used: {FREQ}")')
    nbformat.write(nbformat.v4.new_notebook(cells=[params, shown]), notebook)
    out = tmp_path / "out"
    build_report(out, notebooks=[notebook], parameters={"FREQ": "week"})
    page = (out / "01_tiny.html").read_text()
    assert "frequency used: week" in page
    assert page.count("FREQ") == 2  # the parameters cell (once) and the cell that uses it
    with pytest.raises(ReportError, match="no notebook has the parameter NOPE"):
        build_report(out, notebooks=[notebook], parameters={"NOPE": 1})


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
