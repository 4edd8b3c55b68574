"""Notebooks: committed without outputs, and executed top to bottom by a real kernel."""

from __future__ import annotations

import json
import re

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


def _quiet_corpus(folder):
    """Undated articles with no quote, no actor of the profile and no framing term: every
    default of the notebooks (periods, term, actors) would be empty."""
    folder.mkdir()
    texts = {
        "harvest.txt": "Harvest season\n\nFarmers in the valley brought in the apples early "
        "this year. The weather was mild and the orchards were full.\n",
        "library.txt": "A new library\n\nThe town opened a library with a reading room for "
        "children. Volunteers painted the walls and built the shelves.\n",
        "river.txt": "River walk\n\nA walking path now follows the river from the mill to the "
        "old bridge. Benches were placed along the way.\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text)
    return folder


def _unexplained_empties(nb) -> list[str]:
    """Outputs that show nothing and say nothing: an empty table, series or chart."""
    found = []
    for number, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            data = output.get("data", {})
            text = str(data.get("text/plain", ""))
            html = str(data.get("text/html", ""))
            figure = data.get("application/vnd.plotly.v1+json")
            if "Empty DataFrame" in text or text.startswith("Series([]"):
                found.append(f"cell {number}: {text[:80]}")
            elif "<table" in html and re.search(r"<tbody>\s*</tbody>", html):
                found.append(f"cell {number}: an empty table")
            elif figure is not None and not any(
                any(len(trace.get(k) or []) for k in ("x", "y", "z", "values"))
                for trace in figure.get("data", [])
            ):
                found.append(f"cell {number}: an empty chart")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_empty_output_is_left_unexplained(path, tmp_path):
    corpus = _quiet_corpus(tmp_path / "quiet")
    nb = nbformat.read(path, as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source += f"\nCORPUS = {str(corpus)!r}"
    NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    assert _unexplained_empties(nb) == []
    said = [
        o["data"]["text/markdown"]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "text/markdown" in o.get("data", {})
    ]
    if not path.name.startswith("01_"):  # nothing to chart here: each empty says why
        assert any(s.startswith("*No ") or "need" in s for s in said), said
    text = json.dumps([c.outputs for c in nb.cells if c.cell_type == "code"])
    assert "Traceback" not in text


@pytest.mark.slow
@pytest.mark.shared
def test_notebooks_follow_a_ukraine_subset(ukraine_dir, tmp_path):
    """1,000 articles of six outlets with the russia_ukraine profile, a few of them dated
    years before the rest: nothing assumes the Karabakh sample (periods, term and frequency
    come from the data), nothing is empty without a sentence, no cell fails, and the
    timelines show the dense span and say how many articles are off it."""
    import pandas as pd

    subset = tmp_path / "ukraine"
    subset.mkdir()
    parts = {"RT.csv": 250, "bbc.csv": 250, "DailyMail.csv": 200, "CBS.csv": 76}
    parts |= {"guardian.csv": 74}
    for name, n in parts.items():
        pd.read_csv(ukraine_dir / name).head(n).to_csv(subset / name, index=False)
    huffpost = pd.read_csv(ukraine_dir / "HuffPost.csv")  # newest first, 2019 at the end
    pd.concat([huffpost.head(120), huffpost.tail(30)]).to_csv(subset / "HuffPost.csv", index=False)
    texts = {}
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        params.source += f"\nCORPUS = {str(subset)!r}\nPROFILE = 'russia_ukraine'"
        NotebookClient(
            nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
        ).execute()
        assert _unexplained_empties(nb) == [], path.name
        text = json.dumps([c.outputs for c in nb.cells if c.cell_type == "code"])
        assert "Upper Karabakh" not in text, path.name  # no default of the sample left
        texts[path.name[:2]] = text
    assert "1,000" in texts["01"] or "1000" in texts["01"]
    assert "the latest quarter of the dated articles" in texts["04"]
    assert "application/vnd.plotly.v1+json" in texts["04"]
    # the 2019 articles are off the axis of the articles timeline, and counted in its title
    assert re.search(r"\d+ articles dated before 20\d\d-\d\d-\d\d or after", texts["04"])
