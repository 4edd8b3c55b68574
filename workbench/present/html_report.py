"""Running the notebooks on a corpus and writing the shared HTML.

Each notebook is executed by a real kernel (nbclient) with its parameters cell
overridden (the papermill convention: a cell tagged ``injected-parameters`` right after
the one tagged ``parameters``), then exported by nbconvert to one self-contained HTML
file: plotly.js is embedded once per file (plotly's ``notebook`` renderer, not a CDN),
and there is an ``index.html`` that links them.
"""

from __future__ import annotations

import ast
import html
import io
import os
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from ..core.errors import ReportError
from ..core.resources import packaged_folder
from .shared_widgets import widgets_to_last_state

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
    """A copy of ``nb`` whose ``parameters`` cell holds the values given.

    Each assignment of a name given is rewritten in place (its comment kept, so the
    page says once what the value is and what it means); names the cell does not
    assign are added at its end. The cell is tagged ``injected-parameters`` too.
    """
    nb = nbformat.from_dict(nb)  # a copy: the caller's notebook is left alone
    cell = next((c for c in nb.cells if "parameters" in _tags(c)), None)
    if cell is None:
        cell = nbformat.v4.new_code_cell("", metadata={"tags": ["parameters"]})
        cell.id = "parameters"
        nb.cells.insert(0, cell)
    cell.source = _set_parameters(cell.source, parameters)
    cell.metadata["tags"] = [*_tags(cell), "injected-parameters"]
    setup = nbformat.v4.new_code_cell(_SETUP, metadata={"tags": ["report-setup"]})
    setup.id = "report-setup"
    nb.cells.insert(0, setup)
    return nb


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def parameter_names(source: str) -> list[str]:
    """The names a parameters cell assigns at its top level, in order."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [
        node.targets[0].id
        for node in tree.body
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
    ]


def _set_parameters(source: str, parameters: dict[str, object]) -> str:
    """``source`` with each top-level ``NAME = ...`` of a given name set to its value."""
    if not parameters:
        return source
    lines = source.splitlines()
    comments = _comments(source)
    seen = set()
    for node in reversed(ast.parse(source).body):
        if not (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id in parameters
        ):
            continue
        name = node.targets[0].id
        seen.add(name)
        end = node.end_lineno or node.lineno
        comment = comments.get(end, "")
        line = f"{name} = {parameters[name]!r}" + (f"  {comment}" if comment else "")
        lines[node.lineno - 1 : end] = [line]
    lines += [f"{n} = {v!r}" for n, v in parameters.items() if n not in seen]
    return "\n".join(lines)


def _comments(source: str) -> dict[int, str]:
    """Line number -> the comment ending that line."""
    found = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = token.string
    return found


def parse_parameter(text: str) -> tuple[str, object]:
    """``NAME=VALUE`` as (name, value): a Python literal (a number, a tuple, None...) as
    that value, anything else as the text itself.

    Examples
    --------
    >>> parse_parameter("FREQ=week")
    ('FREQ', 'week')
    >>> parse_parameter("BEFORE=('2022-01-01', '2022-03-31')")
    ('BEFORE', ('2022-01-01', '2022-03-31'))
    """
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name.isidentifier():
        raise ReportError(f"--param {text!r}: expected NAME=VALUE, e.g. FREQ=week")
    try:
        value: object = ast.literal_eval(raw.strip())
    except (ValueError, SyntaxError):
        value = raw.strip()
    return name, value


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


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
            kernel_manager_class=_ipc_kernel_manager(),
            resources={"metadata": {"path": str(cwd or path.parent)}},
        ).execute()
    except CellExecutionError as exc:
        raise _cell_failed(path, exc) from None
    except (RuntimeError, TimeoutError) as exc:  # the kernel did not start or answer
        raise ReportError(f"{path.name}: the notebook's kernel failed: {exc}") from None
    nb.cells = [c for c in nb.cells if "report-setup" not in _tags(c)]
    widgets_to_last_state(nb, notebook=path.name)
    exporter = HTMLExporter(
        template_name="lab", exclude_input=hide_code, exclude_input_prompt=hide_code
    )
    body, _ = exporter.from_notebook_node(nb)
    body = _REMOTE_SCRIPT.sub("", body)
    target = out / f"{path.stem}.html"
    target.write_text(body, encoding="utf-8")
    return Rendered(path, target, _title(nb, path.stem))


def _ipc_kernel_manager() -> type:
    """A kernel manager whose kernel talks over Unix sockets in the user's Jupyter runtime
    folder rather than TCP on loopback: nothing to eavesdrop on, and no "Kernel is running
    over TCP without encryption" warning in ``make report``."""
    import uuid

    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.paths import jupyter_runtime_dir
    from traitlets import default

    class IpcKernelManager(AsyncKernelManager):
        @default("transport")
        def _default_transport(self) -> str:
            return "ipc"

        @default("ip")
        def _default_ip(self) -> str:
            # absolute: the kernel runs in the corpus's folder, the client here; the
            # sockets are removed when the kernel shuts down
            folder = Path(jupyter_runtime_dir())
            folder.mkdir(parents=True, exist_ok=True)
            return str(folder / f"wb-{uuid.uuid4().hex[:12]}-ipc")

    return IpcKernelManager


def _cell_failed(path: Path, exc: CellExecutionError) -> ReportError:
    """The failure of a cell in one line, naming the notebook."""
    lines = (exc.evalue or str(exc)).strip().splitlines()
    detail = lines[-1] if lines else ""
    return ReportError(f"{path.name}: a cell failed: {exc.ename}: {detail}")


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
    parameters: dict[str, object] | None = None,
    notebooks: list[Path] | None = None,
    hide_code: bool = False,
) -> list[Rendered]:
    """Execute every notebook on ``corpus`` and write one HTML each plus ``index.html``
    (which links ``articles.csv``, the complete table `workbench report` writes beside).

    Given a corpus, the notebooks run in the folder holding it and are given its name
    only: the paths they show (load report, problems) then start at the corpus, and no
    path of this machine (not even one relative to the notebooks, ``../../home/...``)
    ends up in the shared HTML. ``parameters`` (name -> value) set any parameter of the
    notebooks whose parameters cell has it; a name no notebook has is an error.
    """
    out.mkdir(parents=True, exist_ok=True)
    paths = sorted(notebooks or NOTEBOOKS.glob("[0-9]*.ipynb"))
    names = {path: _parameters_of(path) for path in paths}
    unknown = sorted(set(parameters or {}) - set().union(*names.values()))
    if unknown:
        known = ", ".join(sorted(set().union(*names.values())))
        raise ReportError(
            f"no notebook has the parameter {', '.join(unknown)} (they have: {known})"
        )
    cwd = None
    wanted: dict[str, object] = dict(parameters or {})
    if corpus is not None:
        where = Path(corpus).resolve()
        # A corpus in no folder at all cannot load: the notebook then says so itself.
        cwd = where.parent if where.parent.is_dir() else None
        wanted["CORPUS"] = where.name if cwd else str(where)
    if profile is not None:
        wanted["PROFILE"] = _profile_from(profile, cwd)
    rendered = []
    for path in paths:
        given = {k: v for k, v in wanted.items() if k in names[path]}
        rendered.append(render_notebook(path, out, parameters=given, hide_code=hide_code, cwd=cwd))
    items = "\n".join(
        f'<li><a href="{html.escape(r.html.name, quote=True)}">{html.escape(r.title)}</a></li>'
        for r in rendered
    )
    (out / "index.html").write_text(
        "<!doctype html>\n<html><head><meta charset='utf-8'>"
        "<title>Workbench report</title></head>\n"
        f"<body><h1>Workbench report</h1>\n<ul>\n{items}\n</ul>\n"
        '<p>Every article: <a href="articles.csv">articles.csv</a></p>\n</body></html>\n',
        encoding="utf-8",
    )
    return rendered


def _parameters_of(path: Path) -> set[str]:
    """The names the notebook's parameters cell assigns."""
    nb = nbformat.read(path, as_version=4)
    cell = next((c for c in nb.cells if "parameters" in _tags(c)), None)
    return set(parameter_names(cell.source)) if cell is not None else set()
