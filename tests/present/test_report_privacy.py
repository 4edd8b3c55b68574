"""The shared HTML tells nothing about the machine it was rendered on, and links to no script.

The report is rendered once (a real kernel per notebook) on the sample corpus plus an
article whose title, outlet, text and URL are hostile, with a fake secret planted in
the environment the kernels inherit. Then every page and the index are searched for:
absolute paths of this machine (repository, temporary folder, home, virtualenv,
interpreter), values of environment variables (the planted token first), the user and
host name, and ``javascript:`` links made from an article's URL. That planted markup
does not run in a browser is tested in tests/present/test_report_browser.py.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import socket
import sys
import tempfile
from pathlib import Path

import pytest

from workbench.present.html_report import build_report

from ..conftest import ROOT, SAMPLE
from .test_report_browser import offline_page

pytestmark = pytest.mark.slow

TOKEN_NAME = "WORKBENCH_TEST_TOKEN"
TOKEN = "sk-test-9f3b7c1d2e4a6b8c0d1e2f3a4b5c6d7e"
PLANTED_URL = "javascript:alert(document.domain)//https://example.org/a"
PLANTED_TEXT = (
    "Hostile headline\n\n"
    "Officials said the talks failed </script><script>alert(1)</script> in Baku. "
    '"We will not accept this outcome," Aliyev said on Monday <img src=x onerror=alert(2)>.\n'
)


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory) -> Path:
    """The rendered report's folder, rendered with the token planted."""
    corpus = tmp_path_factory.mktemp("corpus")
    for file in SAMPLE.glob("*.*"):
        if file.is_file():
            shutil.copy(file, corpus / file.name)
    (corpus / "planted.txt").write_text(PLANTED_TEXT, encoding="utf-8")
    with open(corpus / "metadata.csv", "a", encoding="utf-8") as handle:
        handle.write(
            'planted.txt,"<script>alert(3)</script> title",<b onmouseover=alert(4)>Outlet</b>,'
            f"2020-09-28,metadata,{PLANTED_URL}\n"
        )
    out = tmp_path_factory.mktemp("report")
    saved = os.environ.get(TOKEN_NAME)
    os.environ[TOKEN_NAME] = TOKEN  # the kernels inherit this process's environment
    try:
        rendered = build_report(out, corpus=corpus)
    finally:
        if saved is None:
            del os.environ[TOKEN_NAME]
        else:
            os.environ[TOKEN_NAME] = saved
    assert rendered
    return out


@pytest.fixture(scope="module")
def pages(report_dir) -> dict[str, str]:
    """Every rendered page (and the index) by file name."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(report_dir.glob("*.html"))}


def machine_paths(tmp: Path) -> list[str]:
    """Absolute paths of this machine that a page must not hold."""
    paths = {
        str(ROOT),
        str(ROOT.resolve()),
        str(tmp),
        str(tmp.resolve()),
        tempfile.gettempdir(),
        str(Path.home()),
        "/root/",
        sys.prefix,
        sys.base_prefix,
        sys.executable,
        os.path.dirname(os.__file__),  # the standard library
    }
    return sorted(p for p in paths if len(p) > 1)


def test_the_planted_article_is_in_the_report(pages):
    """The checks below look at a report that really shows the hostile article."""
    assert len(pages) >= 2 and "index.html" in pages
    shown = "\n".join(pages.values())
    assert "&lt;script&gt;alert(3)&lt;/script&gt; title" in shown  # the title, escaped
    assert "&lt;b onmouseover=alert(4)&gt;Outlet" in shown  # the outlet, escaped


def test_no_absolute_path_of_this_machine(pages, tmp_path_factory):
    forbidden = machine_paths(tmp_path_factory.getbasetemp())
    for name, page in pages.items():
        found = [p for p in forbidden if p in page]
        assert found == [], f"{name} holds {found}: {_context(page, found[0])}"
        # Any absolute path under the usual roots, wherever it comes from (a traceback,
        # a warning's file name): a path after a quote, a space or the start of a line.
        leaked = re.search(r"(?:^|[\s\"'(=])/(?:root|home|tmp|work|usr|opt|var|srv)/", page)
        assert leaked is None, f"{name}: {_context(page, leaked.group(0)) if leaked else ''}"


def test_no_environment_variable_values(pages):
    assert os.environ.get(TOKEN_NAME) is None  # restored after rendering
    secrets = {TOKEN_NAME: TOKEN}
    # Every value of the environment long and particular enough to be found by accident
    # in no page (a number, 'true' or a locale name could be).
    secrets |= {
        k: v for k, v in os.environ.items() if len(v) >= 8 and not re.fullmatch(r"[\w.-]{1,12}", v)
    }
    for name, page in pages.items():
        found = sorted(k for k, v in secrets.items() if v in page)
        assert found == [], f"{name} holds the value of {found}"


def test_no_user_or_host_name(pages):
    user, host = getpass.getuser(), socket.gethostname()
    for name, page in pages.items():
        assert f"{user}@{host}" not in page, name
        assert f"/{user}/" not in page and f"~{user}" not in page, name
        if len(host) >= 6:  # a short name such as 'vm' is found in any minified script
            assert host not in page, name


def test_an_articles_url_never_becomes_a_script_link(pages):
    for name, page in pages.items():
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", page, re.IGNORECASE), name
        assert "<script>alert(" not in page, name  # planted markup is escaped, never raw
        assert "<img src=x onerror" not in page, name
        assert "<b onmouseover" not in page, name


# Every element hovered, entered and focused, as a reader moving the mouse over the page would.
_HOVER_ALL = """() => {
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'animationstart']) {
      el.dispatchEvent(new Event(type, {bubbles: true}));
    }
  }
  return [...document.querySelectorAll('a[href], area[href], iframe[src], form[action]')]
    .map(el => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action'))
    .filter(url => /^\\s*(javascript|vbscript|data):/i.test(url));
}"""


def test_hovering_every_element_runs_no_planted_script(report_dir):
    """In Chromium, offline: no dialog opens while every element is hovered, no script link."""
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is installed by `make test` (see the Makefile)"
    for page_file in sorted(report_dir.glob("*.html")):
        with offline_page(chromium) as (page, outside, errors):
            dialogs: list[str] = []
            page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            script_links = page.evaluate(_HOVER_ALL)
            page.wait_for_timeout(500)
        assert dialogs == [], page_file.name
        assert script_links == [], page_file.name
        assert outside == [], page_file.name


def _context(page: str, needle: str) -> str:
    at = page.find(needle)
    return page[max(0, at - 120) : at + 120]
