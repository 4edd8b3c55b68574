"""Media Cloud and GDELT URL lists, their pages fetched from a real server on 127.0.0.1.

The server (OS-chosen port) records every request with its time and host, so the tests
see what the loader really did: nothing without ``fetch=True``, one request at a time
with a gap of at least ``fetch_interval`` per host, nothing fetched twice across runs
(the cache), a run killed mid-way resumed where it stopped, and a failing host reported
as a row of the load report while the others load.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import workbench
from workbench.core import schema as S

from ..conftest import report_rows
from . import makers as M

pytestmark = pytest.mark.timeout(120)
STORIES = M.STORIES


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.server.requests.append((time.monotonic(), self.headers.get("Host", ""), path))
        if path == "/robots.txt" and self.server.robots:
            self._send(200, self.server.robots.encode(), "text/plain")
            return
        if path.startswith("/hold/"):
            self.server.held.set()
            self.server.release.wait(60)
        if path.startswith(("/story/", "/hold/", "/dated/")):
            n = int(path.rsplit("/", 1)[1])
            date = f"2020-10-0{n + 1}T09:00:00Z" if path.startswith("/dated/") else None
            story = STORIES[n % len(STORIES)]
            body = M.page_html(story.title, story.paragraphs, date=date).encode()
            self._send(200, body, "text/html; charset=utf-8")
        elif path == "/report.pdf":
            self._send(200, b"%PDF-1.4", "application/pdf")
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    requests: list[tuple[float, str, str]]
    held: threading.Event
    release: threading.Event
    robots = ""  # served as /robots.txt when set (else 404: everything allowed)


@pytest.fixture
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.requests, httpd.held, httpd.release = [], threading.Event(), threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield httpd
    finally:
        httpd.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def base(server: _Server, host: str = "127.0.0.1") -> str:
    return f"http://{host}:{server.server_port}"


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def media_cloud(folder: Path, urls: list[str], name: str = "mediacloud.csv") -> Path:
    """A Media Cloud export of these URLs (titles, dates and outlets of the stories)."""
    rows = ["stories_id,publish_date,title,url,language,media_id,media_name,media_url"]
    for n, url in enumerate(urls):
        story = STORIES[n % len(STORIES)]
        rows.append(
            f'{1000 + n},2020-10-{11 + n:02d} 07:30:00,"{story.title} (list)",{url},en,'
            f"{20 + n},{story.outlet},https://outlet.example"
        )
    path = folder / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def paths(server: _Server) -> Counter[str]:
    """The pages asked for (robots.txt aside), with how many times."""
    return Counter(path for _, _, path in server.requests if path != "/robots.txt")


def test_nothing_is_fetched_without_fetch_true(tmp_path, server):
    lst = media_cloud(tmp_path, [f"{base(server)}/story/{n}" for n in range(3)])
    (tmp_path / "good.txt").write_text("Headline\n\nA good article body, long enough to read.\n")
    df = workbench.load_articles(tmp_path)
    assert df[S.TITLE].tolist() == ["Headline"]
    assert server.requests == []
    assert report_rows(df, basename=True) == [
        (
            lst.name,
            "",
            "warning",
            "Media Cloud URL list of 3 stories: their texts are not fetched (fetch=False, the "
            "default); load with fetch=True (workbench load --fetch) to download them, "
            "politely and cached in the workspace",
        )
    ]


def test_media_cloud_pages_with_the_lists_metadata_and_a_failing_host(
    tmp_path, server, closed_port
):
    urls = [
        f"{base(server)}/story/0",
        f"http://127.0.0.1:{closed_port}/gone",
        f"{base(server)}/missing",
        f"{base(server)}/dated/1",
        f"{base(server)}/report.pdf",
        "ftp://old.example/x",
    ]
    lst = media_cloud(tmp_path, urls)
    df = workbench.load_articles(lst, fetch=True, fetch_cache=tmp_path / "cache", timeout=5)
    assert df[S.URL].tolist() == [urls[0], urls[3]]
    # The list's title and outlet (rows 1 and 4) over the page's.
    assert df[S.TITLE].tolist() == [f"{STORIES[0].title} (list)", f"{STORIES[3].title} (list)"]
    assert df[S.SOURCE].tolist() == [STORIES[0].outlet, STORIES[3].outlet]
    # The list's publish_date is the story's date, over the page's own.
    assert df[S.PUBLISHED].astype(str).tolist() == ["2020-10-11 07:30:00", "2020-10-14 07:30:00"]
    assert (df[S.DATE_BASIS] == "metadata").all()
    assert df[S.TEXT].iloc[0].split("\n\n") == STORIES[0].paragraphs
    rows = report_rows(df, basename=True)
    assert rows[0] == (lst.name, "row 6", "warning", "no http(s) address: 'ftp://old.example/x'")
    assert rows[1][:3] == (lst.name, "row 2", "error")
    assert rows[1][3].startswith(f"cannot fetch {urls[1]}: cannot connect")
    assert rows[2:] == [
        (lst.name, "row 3", "error", f"cannot fetch {urls[2]}: server answered HTTP 404 Not Found"),
        (lst.name, "row 5", "error", f"{urls[4]} is application/pdf, not a web page; not read"),
    ]


def test_gdelt_dates_stand_behind_the_pages_own(tmp_path, server):
    header = "GLOBALEVENTID,SQLDATE,Actor1Name,EventCode,DATEADDED,SOURCEURL"
    rows = [
        f"901,20201005,GOVERNMENT,190,20201005101500,{base(server)}/story/0",
        f"902,20201005,GOVERNMENT,190,20201005101500,{base(server)}/story/0",  # same story
        f"903,20201006,REBEL,042,20201006120000,{base(server)}/dated/1",
    ]
    lst = tmp_path / "gdelt_events.csv"
    lst.write_text("\n".join([header, *rows]) + "\n")
    df = workbench.load_articles(lst, fetch=True, fetch_cache=tmp_path / "cache")
    assert paths(server) == Counter({"/story/0": 1, "/dated/1": 1})
    assert df[S.PUBLISHED].astype(str).tolist() == ["2020-10-05 10:15:00", "2020-10-02 09:00:00"]
    assert df[S.DATE_BASIS].tolist() == ["inferred", "metadata"]
    assert "dated by its GDELT's date added" in df[S.LOAD_WARNINGS].iloc[0]
    assert report_rows(df) == []


def test_rate_limit_per_host_hosts_in_turn(tmp_path, server):
    interval = 0.4
    urls = [f"{base(server)}/story/{n}" for n in range(3)]
    urls += [f"{base(server, 'localhost')}/story/{n}" for n in range(3, 6)]
    lst = media_cloud(tmp_path, urls)
    df = workbench.load_articles(
        lst, fetch=True, fetch_cache=tmp_path / "cache", fetch_interval=interval
    )
    assert len(df) == 6
    hosts = [host.split(":")[0] for _, host, path in server.requests if path != "/robots.txt"]
    assert hosts == ["127.0.0.1", "localhost"] * 3  # taken in turn, not one after the other
    for name in ("127.0.0.1", "localhost"):
        # every request to the host, its robots.txt included
        times = [t for t, host, _ in server.requests if host.startswith(name)]
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        assert min(gaps) >= interval * 0.95, gaps  # never faster than asked (a lower bound)


def test_a_rerun_fetches_nothing_twice(tmp_path, server):
    lst = media_cloud(tmp_path, [f"{base(server)}/story/{n}" for n in range(4)])
    first = workbench.load_articles(lst, fetch=True, fetch_interval=0)
    assert paths(server) == Counter({f"/story/{n}": 1 for n in range(4)})
    asked = len(server.requests)  # the pages and the host's robots.txt
    cache = tmp_path / ".workbench" / lst.name / "fetched"  # the default: in the workspace
    assert len(list(cache.glob("*.json"))) == 4
    again = workbench.load_articles(lst, fetch=True, fetch_interval=0)
    assert len(server.requests) == asked  # not even robots.txt: nothing left to fetch
    assert again[S.TEXT].tolist() == first[S.TEXT].tolist()


def test_an_interrupted_fetch_resumes_where_it_stopped(tmp_path, server):
    urls = [f"{base(server)}/story/0", f"{base(server)}/story/1"]
    urls += [f"{base(server)}/hold/2", f"{base(server)}/story/3"]
    lst = media_cloud(tmp_path, urls)
    cache = tmp_path / "cache"
    script = (
        "import workbench, sys; "
        f"workbench.load_articles({str(lst)!r}, fetch=True, fetch_cache={str(cache)!r}, "
        "fetch_interval=0)"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.Popen([sys.executable, "-c", script], env=env)
    try:
        assert server.held.wait(60), "the third page was never asked for"
    finally:
        run.kill()  # interrupted while waiting for the third page
        run.wait(30)
    assert paths(server) == Counter({"/story/0": 1, "/story/1": 1, "/hold/2": 1})
    server.release.set()
    df = workbench.load_articles(lst, fetch=True, fetch_cache=cache, fetch_interval=0)
    assert df[S.URL].tolist() == urls
    # The two pages fetched before the interruption come from the cache.
    assert paths(server) == Counter({"/story/0": 1, "/story/1": 1, "/hold/2": 2, "/story/3": 1})


def test_robots_txt_is_obeyed_disallow_and_crawl_delay(tmp_path, server):
    server.robots = "User-agent: *\nDisallow: /hold/\nCrawl-delay: 0.5\n"
    urls = [f"{base(server)}/story/0", f"{base(server)}/hold/1", f"{base(server)}/story/2"]
    lst = media_cloud(tmp_path, urls)
    df = workbench.load_articles(lst, fetch=True, fetch_cache=tmp_path / "c", fetch_interval=0)
    assert df[S.URL].tolist() == [urls[0], urls[2]]
    assert paths(server) == Counter({"/story/0": 1, "/story/2": 1})
    assert report_rows(df, basename=True) == [
        (
            lst.name,
            "row 2",
            "error",
            f"cannot fetch {urls[1]}: the site's robots.txt does not allow fetching it",
        )
    ]
    pages = [t for t, _, path in server.requests if path.startswith("/story/")]
    assert pages[1] - pages[0] >= 0.5 * 0.95  # the site's Crawl-delay, over fetch_interval=0


def test_progress_is_shown_when_asked(tmp_path, server, capsys):
    lst = media_cloud(tmp_path, [f"{base(server)}/story/{n}" for n in range(2)])
    workbench.load_articles(lst, fetch=True, fetch_interval=0, progress=True)
    err = capsys.readouterr().err
    assert "fetching mediacloud.csv" in err and "2/2" in err


def test_cli_load_with_fetch(tmp_path, server):
    lst = media_cloud(tmp_path, [f"{base(server)}/story/{n}" for n in range(2)])
    out = tmp_path / "out"
    command = [sys.executable, "-m", "workbench", "load", str(lst), "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    plain = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert (
        plain.returncode == 2 and "fetch=True" in plain.stderr and "Traceback" not in plain.stderr
    )
    fetched = subprocess.run(
        [*command, "--fetch", "--fetch-interval", "0"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert fetched.returncode == 0, fetched.stderr
    assert "loaded 2 articles; could not read 0 file(s) or row(s)\n" in fetched.stdout
