"""Notebooks: committed without outputs, and executed top to bottom by a real kernel."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from ..conftest import ROOT, sample_copy

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, path.name
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executes_top_to_bottom(path, tmp_path):
    # a copy of the sample corpus: the notebooks load through the default workspace
    # beside it, which must not land in the checkout
    corpus = sample_copy(tmp_path)
    nb = nbformat.read(path, as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source += f"\nCORPUS = {str(corpus)!r}"
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert errors == []
    text = json.dumps([c.outputs for c in nb.cells if c.cell_type == "code"])
    # the sample corpus really was loaded, and charts are real plotly figures
    assert "000_86a84144ca22fe18" in text or "Corpus(5 articles" in text
    if "workbench.load(" in path.read_text():  # through the default workspace
        assert (tmp_path / ".workbench" / "articles" / "manifest.json").exists()
    if "charts." in path.read_text():
        assert "application/vnd.plotly.v1+json" in text
