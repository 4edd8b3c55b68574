"""Notebook 02 live in JupyterLab: run all cells in Chromium, pick an actor, the figure follows.

A real ``jupyter lab`` on 127.0.0.1 (a real kernel, real ipywidgets and plotly renderers)
is driven by a real headless Chromium; every request that is not to 127.0.0.1 is aborted.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ..conftest import ROOT, SAMPLE, sample_copy
from .test_report_browser import CHROMIUM_ARGS

pytestmark = pytest.mark.slow

NOTEBOOK = ROOT / "notebooks" / "02_actors.ipynb"

# The open notebook panel, read through the app JupyterLab exposes with expose_app_in_browser.
NOTEBOOK_STATE = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.model || !panel.sessionContext) return null;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const cells = panel.content.model.cells;
  const code = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    const errors = [];
    for (let j = 0; j < cell.outputs.length; j++) {
      const out = cell.outputs.get(j).toJSON();
      if (out.output_type === 'error') errors.push(out.ename + ': ' + out.evalue);
    }
    code.push({count: cell.executionCount, errors: errors});
  }
  return {kernel: kernel ? kernel.status : null, cells: code};
}"""

# The explorer's figure: the plotly plots drawn inside the ipywidgets output area.
EXPLORER_FIGURE = """() => {
  const plots = document.querySelectorAll('.widget-output .js-plotly-plot');
  return Array.from(plots).map(p => ({
    title: p.layout && p.layout.title ? (p.layout.title.text || p.layout.title) : null,
    traces: (p.data || []).map(t => ({name: t.name, y: Array.from(t.y || [])})),
    // the points of the chart itself, not the miniature in its date slider
    drawn: Array.from(p.querySelectorAll('.scatterlayer .point'))
      .filter(e => !e.closest('.rangeslider-container')).length,
  }));
}"""


@dataclass(frozen=True)
class Lab:
    """A running JupyterLab: its base URL, token and root folder."""

    url: str
    token: str
    root: Path


def _free_port() -> int:
    """A port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _notebook_copies(folder: Path) -> None:
    """The notebooks copied into ``folder``, their corpus parameter the absolute path of a
    copy of the sample beside ``folder``."""
    corpus = sample_copy(folder.parent)  # loaded through the default workspace beside it
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        params = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
        source = "".join(params["source"])
        assert 'CORPUS = "../data/articles"' in source, source
        params["source"] = source.replace('"../data/articles"', json.dumps(str(corpus)))
        (folder / notebook.name).write_text(json.dumps(nb, indent=1), encoding="utf-8")


def _stop(proc: subprocess.Popen[bytes], lab: Lab) -> None:
    """Shut the server (and its kernels) down; kill its process group if it does not go."""
    import psutil

    family = [proc.pid]
    try:
        family += [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        pass
    request = urllib.request.Request(
        f"{lab.url}/api/shutdown",
        method="POST",
        headers={"Authorization": f"token {lab.token}"},
    )
    try:
        urllib.request.urlopen(request, timeout=10).close()
    except OSError:
        pass
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, sig)
                proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
    # kernels run in their own session: end any the server left behind
    for pid in family[1:]:
        try:
            psutil.Process(pid).kill()
        except psutil.NoSuchProcess:
            pass


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    """JupyterLab on 127.0.0.1 serving copies of the notebooks; all its state in tmp_path."""
    root = tmp_path / "root"
    root.mkdir()
    _notebook_copies(root)
    state = tmp_path / "jupyter"
    env = os.environ | {
        "HOME": str(state / "home"),
        "JUPYTER_CONFIG_DIR": str(state / "config"),
        "JUPYTER_DATA_DIR": str(state / "data"),
        "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(state / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
        "IPYTHONDIR": str(state / "ipython"),
        "MPLCONFIGDIR": str(state / "mpl"),
    }
    for key in ("HOME", "JUPYTER_RUNTIME_DIR"):
        Path(env[key]).mkdir(parents=True)
    # no news and no update check: Lab neither asks nor reaches out
    notification = Path(env["JUPYTERLAB_SETTINGS_DIR"], "@jupyterlab", "apputils-extension")
    notification.mkdir(parents=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8"
    )
    port = _free_port()
    token = secrets.token_hex(16)
    lab = Lab(f"http://127.0.0.1:{port}", token, root)
    log = tmp_path / "lab.log"
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.extension_manager=readonly",
        *(["--allow-root"] if os.geteuid() == 0 else []),
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"jupyter lab exited:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"jupyter lab did not answer:\n{log.read_text()}"
            try:
                with urllib.request.urlopen(f"{lab.url}/api/status?token={token}", timeout=5) as r:
                    if r.status == 200 and "started" in json.load(r):
                        break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        yield lab
    finally:
        _stop(proc, lab)


def _local_page(browser, outside: list[str], page_errors: list[str]):
    """A page that reaches nothing but 127.0.0.1 (what else it asks for goes to
    ``outside``) and records its script errors in ``page_errors``."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})

    def route(r):
        url = r.request.url
        if urlparse(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: page_errors.append(str(e)))
    return page


def _run_all(page, lab: Lab, name: str) -> dict:
    """Open notebook ``name`` in Lab, run all its cells, and return its state when done."""
    page.goto(f"{lab.url}/lab/tree/{name}?token={lab.token}")
    page.wait_for_function(
        f"(() => {{ const s = ({NOTEBOOK_STATE})(); return s && s.kernel === 'idle'; }})()",
        timeout=60_000,
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        f"(() => {{ const s = ({NOTEBOOK_STATE})(); return s && s.kernel === 'idle' "
        "&& s.cells.every(c => c.count !== null); })()",
        timeout=180_000,
    )
    return page.evaluate(f"({NOTEBOOK_STATE})()")


def test_picking_an_actor_redraws_the_figure_in_place(lab, tmp_path):
    from playwright.sync_api import sync_playwright

    import workbench
    from workbench.core import schema as S

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is installed by `make test` (see the Makefile)"
    statements = workbench.load(SAMPLE, profile="karabakh", cache=False).statements
    by_actor = statements[S.ACTOR].value_counts()
    assert len(by_actor) >= 2, "the sample corpus has statements by several actors"
    actor = str(by_actor.index[1])  # not the most frequent one, so the figure must shrink

    outside: list[str] = []
    page_errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = _local_page(browser, outside, page_errors)
            ran = _run_all(page, lab, NOTEBOOK.name)
            assert [c["errors"] for c in ran["cells"] if c["errors"]] == []
            page.wait_for_function(
                f"(() => {{ const f = ({EXPLORER_FIGURE})(); return f.length && f[0].drawn; }})()",
                timeout=30_000,
            )
            before = page.evaluate(f"({EXPLORER_FIGURE})()")

            selector = page.locator(".widget-select-multiple").filter(has_text="actors")
            selector.locator("select").select_option(label=actor)
            page.wait_for_function(
                f"(() => {{ const f = ({EXPLORER_FIGURE})(); "
                f"return f.length && f[0].title !== {json.dumps(before[0]['title'])}; }})()",
                timeout=30_000,
            )
            after = page.evaluate(f"({EXPLORER_FIGURE})()")
            still = page.evaluate(f"({NOTEBOOK_STATE})()")
            selector.scroll_into_view_if_needed()
            page.screenshot(path=str(tmp_path / "lab_02_actors.png"))
        finally:
            browser.close()

    # all statements at first, one figure
    assert len(before) == 1
    assert before[0]["title"] == f"{len(statements)} statements"
    assert sum(len(t["y"]) for t in before[0]["traces"]) == len(statements)
    assert len({y for t in before[0]["traces"] for y in t["y"]}) == len(by_actor)
    # after the pick: the same single figure, redrawn with that actor's statements only
    assert len(after) == 1
    assert after[0]["title"] == f"{by_actor[actor]} statements"
    assert sum(len(t["y"]) for t in after[0]["traces"]) == by_actor[actor]
    assert {y for t in after[0]["traces"] for y in t["y"]} == {actor}
    assert after[0]["drawn"] == by_actor[actor]
    # no cell ran again: the widget redrew on its own
    assert [c["count"] for c in still["cells"]] == [c["count"] for c in ran["cells"]]
    assert outside == [] and page_errors == []
    assert (tmp_path / "lab_02_actors.png").stat().st_size > 0


@pytest.mark.parametrize(
    "name",
    ["01_corpus_overview.ipynb", "03_stance_and_framing.ipynb", "04_coverage_over_time.ipynb"],
)
def test_the_other_notebooks_run_in_lab_without_errors(lab, name):
    """Every cell runs in a real kernel, and the page (interactive tables, plotly, widgets)
    raises no script error and reaches for nothing outside 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is installed by `make test` (see the Makefile)"
    assert (lab.root / name).exists()
    outside: list[str] = []
    page_errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = _local_page(browser, outside, page_errors)
            ran = _run_all(page, lab, name)
            page.wait_for_timeout(2_000)  # late renderers (tables, plots) report their errors
        finally:
            browser.close()
    assert [c["errors"] for c in ran["cells"] if c["errors"]] == []
    assert page_errors == []
    assert outside == []
