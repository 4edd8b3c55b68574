"""Running the notebooks on a corpus and writing the shared HTML.

Each notebook is executed by a real kernel (nbclient) with its parameters cell
overridden (the papermill convention: a cell tagged ``injected-parameters`` right after
the one tagged ``parameters``), then exported by nbconvert to one self-contained HTML
file: plotly.js is embedded once per file (plotly's ``notebook`` renderer, not a CDN),
and there is an ``index.html`` that links them.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from ..core.errors import ReportError
from ..core.resources import packaged_folder

NOTEBOOKS = packaged_folder("workbench.notebooks", "notebooks")  # shipped in the wheel too

# Runs before the notebook's own cells: figures carry plotly.js inline (once), so the
# HTML needs no network; nothing else about the notebook changes.
_SETUP = "import workbench.present.html_report as _report\n_report.use_offline_plotly()"
# Script tags that load from the network: nbconvert's template adds MathJax and
# require.js from a CDN; the shared HTML needs neither.
_REMOTE_SCRIPT = re.compile(
    r"<script[^>]*\bsrc=[\"']?(?:https?:)?//[^>]*>\s*</script>", re.IGNORECASE
)


def use_offline_plotly() -> None:
    """Make plotly figures render as HTML carrying plotly.js themselves (the first figure
    in a kernel embeds the library, the others reuse it), without MathJax from a CDN."""
    import plotly.io as pio
    from plotly.io.base_renderers import MimetypeRenderer

    class OfflineHtml(MimetypeRenderer):
        # Class-level: plotly copies renderer objects, and the library must be sent once
        # per kernel, whichever copy renders the first figure. Figures are numbered, not
        # given random ids, so the same notebook gives the same HTML.
        library_sent = False
        figures = 0

        def to_mimebundle(self, fig_dict: dict) -> dict:
            OfflineHtml.figures += 1
            markup = pio.to_html(
                fig_dict,
                div_id=f"workbench-figure-{OfflineHtml.figures}",
                include_plotlyjs=not OfflineHtml.library_sent,
                include_mathjax=False,
                full_html=False,
                default_width="100%",
                default_height=525,
                validate=False,
            )
            OfflineHtml.library_sent = True
            return {"text/html": markup}

    pio.renderers["workbench_offline"] = OfflineHtml()
    pio.renderers.default = "workbench_offline"


@dataclass(frozen=True)
class Rendered:
    """One notebook rendered to HTML."""

    notebook: Path
    html: Path
    title: str


def inject_parameters(
    nb: nbformat.NotebookNode, parameters: dict[str, object]
) -> nbformat.NotebookNode:
    """A copy of ``nb`` with a cell setting ``parameters`` after its ``parameters`` cell."""
    nb = nbformat.from_dict(nb)  # a copy: the caller's notebook is left alone
    lines = [f"{name} = {value!r}" for name, value in parameters.items()]
    cell = nbformat.v4.new_code_cell("\n".join(lines), metadata={"tags": ["injected-parameters"]})
    cell.id = "injected-parameters"  # fixed ids: the same inputs give the same page
    index = next(
        (
            i
            for i, c in enumerate(nb.cells)
            if "parameters" in c.get("metadata", {}).get("tags", [])
        ),
        -1,
    )
    nb.cells.insert(index + 1, cell)
    setup = nbformat.v4.new_code_cell(_SETUP, metadata={"tags": ["report-setup"]})
    setup.id = "report-setup"
    nb.cells.insert(0, setup)
    return nb


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _widgets_to_last_state(nb: nbformat.NotebookNode) -> None:
    """Replace each widget by what its output areas last showed (charts keep their hover and
    legend): live widgets would need a widget manager fetched from a CDN."""
    state = (
        nb.metadata.get("widgets", {})
        .get("application/vnd.jupyter.widget-state+json", {})
        .get("state", {})
    )

    def captured(model_id: str) -> list:
        model = state.get(model_id, {})
        if model.get("model_name") == "OutputModel":
            return list(model.get("state", {}).get("outputs", []))
        found = []
        for child in model.get("state", {}).get("children", []):
            if isinstance(child, str) and child.startswith("IPY_MODEL_"):
                found.extend(captured(child.removeprefix("IPY_MODEL_")))
        return found

    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs: list = []
        for output in cell.outputs:
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                outputs.extend(
                    nbformat.from_dict(o)
                    for o in captured(view["model_id"])
                    if o.get("output_type") == "stream" or o.get("data")
                )
            else:
                outputs.append(output)
        cell.outputs = outputs
    nb.metadata.pop("widgets", None)


def render_notebook(
    path: Path,
    out: Path,
    *,
    parameters: dict[str, object],
    hide_code: bool = False,
    timeout: int = 900,
    cwd: Path | None = None,
) -> Rendered:
    """Execute one notebook (in ``cwd``, else its own folder) and write it as HTML into ``out``."""
    from nbconvert import HTMLExporter

    nb = inject_parameters(nbformat.read(path, as_version=4), parameters)
    try:
        NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(cwd or path.parent)}},
        ).execute()
    except CellExecutionError as exc:
        lines = (exc.evalue or str(exc)).strip().splitlines()
        detail = lines[-1] if lines else ""
        raise ReportError(f"{path.name}: a cell failed: {exc.ename}: {detail}") from None
    nb.cells = [c for c in nb.cells if "report-setup" not in c.get("metadata", {}).get("tags", [])]
    _widgets_to_last_state(nb)
    exporter = HTMLExporter(
        template_name="lab", exclude_input=hide_code, exclude_input_prompt=hide_code
    )
    body, _ = exporter.from_notebook_node(nb)
    body = _REMOTE_SCRIPT.sub("", body)
    target = out / f"{path.stem}.html"
    target.write_text(body, encoding="utf-8")
    return Rendered(path, target, _title(nb, path.stem))


def _profile_from(profile: str, cwd: Path | None) -> str:
    """A built-in profile's name as it is; a profile file as a path from ``cwd``, where the
    notebook runs (relative, so no absolute path of this machine reaches the page)."""
    if re.fullmatch(r"[\w-]+", profile) or cwd is None:
        return profile
    return os.path.relpath(Path(profile).resolve(), cwd)


def build_report(
    out: Path,
    *,
    corpus: str | Path | None = None,
    profile: str | None = None,
    notebooks: list[Path] | None = None,
    hide_code: bool = False,
) -> list[Rendered]:
    """Execute every notebook on ``corpus`` and write one HTML each plus ``index.html``.

    Given a corpus, the notebooks run in the folder holding it and are given its name
    only: the paths they show (load report, problems) then start at the corpus, and no
    path of this machine (not even one relative to the notebooks, ``../../home/...``)
    ends up in the shared HTML.
    """
    out.mkdir(parents=True, exist_ok=True)
    paths = sorted(notebooks or NOTEBOOKS.glob("[0-9]*.ipynb"))
    rendered = []
    for path in paths:
        parameters: dict[str, object] = {}
        cwd = None
        if corpus is not None:
            where = Path(corpus).resolve()
            # A corpus in no folder at all cannot load: the notebook then says so itself.
            cwd = where.parent if where.parent.is_dir() else None
            parameters["CORPUS"] = where.name if cwd else str(where)
        if profile is not None and "PROFILE =" in path.read_text(encoding="utf-8"):
            parameters["PROFILE"] = _profile_from(profile, cwd)
        rendered.append(
            render_notebook(path, out, parameters=parameters, hide_code=hide_code, cwd=cwd)
        )
    items = "\n".join(
        f'<li><a href="{html.escape(r.html.name, quote=True)}">{html.escape(r.title)}</a></li>'
        for r in rendered
    )
    (out / "index.html").write_text(
        "<!doctype html>\n<html><head><meta charset='utf-8'>"
        "<title>Workbench report</title></head>\n"
        f"<body><h1>Workbench report</h1>\n<ul>\n{items}\n</ul>\n</body></html>\n",
        encoding="utf-8",
    )
    return rendered
