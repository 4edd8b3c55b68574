"""The shared HTML opened in a real headless Chromium, network cut: charts draw and respond."""

from __future__ import annotations

import re
import shutil
from contextlib import contextmanager

import pytest

from workbench.present.html_report import build_report

from ..conftest import sample_copy

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium() -> str:
    path = shutil.which("chromium")
    assert path, "Debian's chromium is installed by `make test` (see the Makefile)"
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return build_report(out, corpus=sample_copy(tmp_path_factory.mktemp("corpus")))


@contextmanager
def offline_page(chromium_path: str):
    """A headless Chromium page with every non-file request aborted and recorded.

    Yields (page, outside requests, page and console errors).
    """
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        page = browser.new_page()

        def route(r):
            if r.request.url.startswith(("file:", "data:", "blob:", "about:")):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        try:
            yield page, outside, errors
        finally:
            browser.close()


def _open(page_file, chromium_path):
    """Open a file offline; return its figure counts, outgoing requests and errors."""
    with offline_page(chromium_path) as (page, outside, errors):
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(1500)
        state = page.evaluate(
            "({plots: document.querySelectorAll('.js-plotly-plot .main-svg').length ? "
            "document.querySelectorAll('.js-plotly-plot').length : 0, "
            "figures: document.querySelectorAll('[id^=workbench-figure-]').length, "
            "pwned: window.__pwned === 1})"
        )
    return state, outside, errors


def test_every_page_draws_all_its_figures_offline(report, chromium):
    for item in [*report]:
        state, outside, errors = _open(item.html, chromium)
        assert state["plots"] == state["figures"], item.html.name
        assert outside == [] and errors == [], item.html.name
    index_state, outside, errors = _open(report[0].html.parent / "index.html", chromium)
    assert outside == [] and errors == []


def test_a_planted_script_does_not_run(tmp_path, chromium):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    planted = (
        "<script>window.__pwned = 1</script> headline\n\n"
        'Officials said <img src=x onerror="window.__pwned = 1"> the talks failed. '
        "</script><script>window.__pwned = 1</script> "
        '"We will not accept this <script>window.__pwned=1</script> outcome," Aliyev said.\n'
    )
    (corpus / "planted.txt").write_text(planted)
    (corpus / "metadata.csv").write_text(
        "file,title,source,published,url\nplanted.txt,<script>window.__pwned=1</script>,"
        "<b onmouseover=x>Outlet</b>,2020-09-28,javascript:window.__pwned=1\n"
    )
    rendered = build_report(tmp_path / "out", corpus=corpus)
    for item in rendered:
        state, outside, errors = _open(item.html, chromium)
        assert not state["pwned"], item.html.name
        assert outside == [], item.html.name


def test_charts_draw_offline_with_hover_and_legend(report, chromium):
    page_file = next(r.html for r in report if r.html.name.startswith("04_"))
    with offline_page(chromium) as (page, outside, errors):
        page.goto(page_file.as_uri())
        page.wait_for_function(
            "document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=60_000
        )
        plots = page.evaluate("document.querySelectorAll('.js-plotly-plot').length")
        # hover on the first bar shows its label
        page.hover(".js-plotly-plot .barlayer .point path >> nth=0", force=True)
        page.wait_for_selector(".hoverlayer .hovertext", timeout=10_000)
        # clicking a legend entry hides that trace
        first = page.locator(".js-plotly-plot").first
        first.locator(".legend .traces .legendtoggle").first.click(force=True)
        # plotly waits out a possible double click before it toggles the trace
        page.wait_for_function(
            "document.querySelector('.js-plotly-plot').data.some(t => t.visible === 'legendonly')",
            timeout=10_000,
        )
    assert plots >= 4
    assert outside == []
    assert errors == []


def test_the_actor_dropdown_filters_in_the_shared_html(report, chromium):
    """A reader without a kernel still picks an actor: the figure's own dropdown."""
    page_file = next(r.html for r in report if r.html.name.startswith("02_"))
    with offline_page(chromium) as (page, outside, errors):
        page.goto(page_file.as_uri())
        picker = page.locator(
            ".js-plotly-plot",
            has=page.locator(".gtitle", has_text="Statements of one actor over time"),
        )
        picker.first.wait_for(timeout=60_000)
        title = picker.first.locator(".gtitle")
        before = title.text_content()
        page.wait_for_timeout(500)
        picker.first.locator(".updatemenu-header-group").click()
        picker.first.locator(".updatemenu-dropdown-button").nth(1).click()
        page.wait_for_function(
            "t => document.querySelectorAll('.gtitle') && "
            "[...document.querySelectorAll('.gtitle')].every(e => e.textContent !== t)",
            arg=before,
            timeout=10_000,
        )
        after = title.text_content()
        shown = picker.first.evaluate(
            "el => el.data.filter(t => t.visible === true).map(t => t.hovertext.join(' '))"
        )
    assert before != after and after.startswith("Statements of one actor over time: ")
    chosen = after.split(": ", 1)[1]
    assert shown and all(chosen in text for text in shown)
    assert outside == [] and errors == []


def test_the_explorer_filters_by_outlet_and_actor_in_the_shared_html(report, chromium):
    """The explorer's chart carries its own outlet and actor menus: picking an outlet, then
    an actor, leaves exactly that actor's statements in that outlet, without a kernel."""
    page_file = next(r.html for r in report if r.html.name.startswith("02_"))
    visible = (
        "el => el.data.filter(t => t.visible !== false)"
        ".map(t => ({outlet: t.meta, y: Array.from(t.y), hover: Array.from(t.hovertext)}))"
    )
    with offline_page(chromium) as (page, outside, errors):
        page.goto(page_file.as_uri())
        header = page.locator(".updatemenu-header-group", has_text="all outlets").first
        found = page.locator(".js-plotly-plot", has=header).first
        found.wait_for(timeout=60_000)
        page.wait_for_timeout(500)
        # by its id: the menus' headers (which found it) change with each pick
        chart = page.locator(f"#{found.get_attribute('id')}")
        everything = chart.evaluate(visible)
        chart.locator(".updatemenu-header-group", has_text="all outlets").click()
        chart.locator(".updatemenu-dropdown-button").nth(1).click()  # the first outlet
        page.wait_for_function(
            "el => el.data.some(t => t.visible === false)", arg=chart.element_handle()
        )
        one_outlet = chart.evaluate(visible)
        outlet = one_outlet[0]["outlet"]
        listed = chart.evaluate(
            "el => el.layout.updatemenus.find(m => m.buttons[0].label === 'all actors')"
            ".buttons.map(b => b.label)"
        )
        actor = next(a for a in listed if any(a in t["y"] for t in one_outlet))
        chart.locator(".updatemenu-header-group", has_text="all actors").click()
        chart.locator(
            ".updatemenu-dropdown-button", has_text=re.compile(f"^{re.escape(actor)}$")
        ).first.click()
        page.wait_for_function(
            "([el, a]) => el.data.every(t => Array.from(t.y).every(y => y === a))",
            arg=[chart.element_handle(), actor],
        )
        both = chart.evaluate(visible)
    assert {t["outlet"] for t in one_outlet} == {outlet}
    assert all(outlet in h for t in one_outlet for h in t["hover"])
    expected = sum(t["y"].count(actor) for t in everything if t["outlet"] == outlet)
    shown = [y for t in both for y in t["y"]]
    assert shown == [actor] * expected and expected >= 1
    assert {t["outlet"] for t in both} == {outlet}
    assert len(shown) < sum(len(t["y"]) for t in everything)
    assert outside == [] and errors == []


def test_the_article_table_is_searchable_offline(report, chromium):
    page_file = next(r.html for r in report if r.html.name.startswith("01_"))
    with offline_page(chromium) as (page, outside, errors):
        page.goto(page_file.as_uri())
        search = page.locator(".dt-search input").first
        search.wait_for(timeout=30_000)
        rows = page.locator("table.dataTable").first.locator("tbody tr")
        assert rows.count() == 5
        search.fill("Nigeria")
        page.wait_for_function(
            "document.querySelector('table.dataTable').querySelectorAll('tbody tr').length === 1"
        )
        assert "News Agency of Nigeria" in rows.first.text_content()
    assert outside == [] and errors == []


def test_the_article_table_holds_every_article(tmp_path, chromium):
    """More articles than a page shows (and than itables' 64 KB downsampling kept): every
    one is in the table, counted by DataTables in Chromium, and found by the search."""
    from workbench.present.html_report import NOTEBOOKS

    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(400):  # ~100 KB of rows: more than itables' default 64 KB
        (corpus / f"story_{i:03d}.txt").write_text(
            f"Invented story {i:03d} about the orchard, the mill, the river and the long "
            "road over the hills to the market town on the other side of the valley\n\n"
            "The orchard of the valley was quiet on that day, the farmers said.\n"
        )
    out = tmp_path / "report"
    overview = next(p for p in NOTEBOOKS.glob("01_*.ipynb"))
    build_report(out, corpus=corpus, notebooks=[overview])
    page_file = out / overview.with_suffix(".html").name
    with offline_page(chromium) as (page, outside, errors):
        page.goto(page_file.as_uri())
        page.locator(".dt-search input").first.wait_for(timeout=30_000)
        info = page.locator(".dt-info").first.text_content()
        assert "of 400 entries" in info, info
        page.locator(".dt-search input").first.fill("story 399")
        page.wait_for_function(
            "document.querySelector('table.dataTable').querySelectorAll('tbody tr').length === 1"
        )
        row = page.locator("table.dataTable").first.locator("tbody tr").first.text_content()
        assert "Invented story 399" in row
    assert outside == [] and errors == []
