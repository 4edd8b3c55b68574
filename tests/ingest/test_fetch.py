"""Loading articles over http(s) from a real local server, including misbehaving ones.

Every test talks to a ``ThreadingHTTPServer`` on 127.0.0.1 started by the ``server``
fixture; nothing leaves the machine. Bad endpoints (slow, endless, huge, redirect
loops, redirects to other schemes, HTTP errors, a closed port) must each end as one
plain error row in ``load_report`` within seconds, next to a good URL that still loads.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import pandas as pd
import pytest

import workbench
from workbench.core import schema as S
from workbench.core.reports import load_report
from workbench.ingest.fetch import fetch

pytestmark = pytest.mark.timeout(30)

TIMEOUT = 1.0  # per-read timeout given to the loader in these tests
MAX_BYTES = 100_000
SLOW = 3.0  # how long the slow endpoints keep the client waiting (> TIMEOUT)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Ceasefire talks resume in Geneva | The Daily Ledger</title>
  <meta property="og:site_name" content="The Daily Ledger">
  <meta property="og:title" content="Ceasefire talks resume in Geneva">
  <meta property="article:published_time" content="2020-09-28T10:00:00Z">
  <script>var trackingId = "SCRIPTMARKER-do-not-extract"; window.ads = [];</script>
</head>
<body>
  <nav><ul><li><a href="/">NAVMARKER Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/sport">Sport</a></li></ul></nav>
  <article>
    <h1>Ceasefire talks resume in Geneva</h1>
    <p>Negotiators from both sides returned to Geneva on Monday for a third round of
    talks aimed at turning a fragile truce into a lasting ceasefire agreement.</p>
    <p>The delegations met for four hours behind closed doors at the Palais des
    Nations, according to officials familiar with the discussions, and agreed to
    continue on Tuesday morning.</p>
    <p>Mediators said the most difficult questions, including the withdrawal of heavy
    weapons and the exchange of prisoners, had not yet been addressed in detail.</p>
    <p>Humanitarian organisations urged the parties to open corridors for aid convoys
    before winter, warning that thousands of families remain without shelter.</p>
  </article>
  <footer>Copyright The Daily Ledger</footer>
</body>
</html>
"""

CSV_EXPORT = (
    "date,title,text,url\n"
    '2020-10-01,Aid convoy reaches the city,"An aid convoy of twenty trucks reached the '
    'besieged city on Thursday, the first delivery in three weeks, officials said.",'
    "https://example.invalid/a1\n"
    '2020-10-02,Talks stall over prisoners,"Negotiations stalled on Friday over the '
    'exchange of prisoners, with both delegations blaming the other for the delay.",'
    "https://example.invalid/a2\n"
)

JSON_LIST = [
    {
        "title": "Shelling reported near the border",
        "published": "2020-10-03T08:30:00Z",
        "text": "Residents reported heavy shelling near the border overnight, and local "
        "authorities said several homes had been damaged but nobody was hurt.",
        "url": "https://example.invalid/j1",
    },
    {
        "title": "Parliament debates sanctions",
        "published": "2020-10-04T15:00:00Z",
        "text": "Parliament debated a new package of sanctions on Sunday, with the "
        "foreign minister arguing that pressure must continue during the talks.",
        "url": "https://example.invalid/j2",
    },
]

RSS_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Ledger World News</title>
  <link>https://example.invalid/</link>
  <description>World news</description>
  <item>
    <title>Refugees return to the valley</title>
    <link>https://example.invalid/r1</link>
    <pubDate>Mon, 05 Oct 2020 09:00:00 GMT</pubDate>
    <description>Hundreds of refugees returned to the valley on Monday after the
    ceasefire held for a full week, aid workers said.</description>
  </item>
  <item>
    <title>Observers arrive at the front line</title>
    <link>https://example.invalid/r2</link>
    <pubDate>Tue, 06 Oct 2020 11:30:00 GMT</pubDate>
    <description>International observers arrived at the front line on Tuesday to
    monitor the withdrawal of heavy weapons from both sides.</description>
  </item>
</channel></rss>
"""


# Declared only in the header, as servers usually do; too little text to guess reliably.
KOREAN_HTML = (
    ARTICLE_HTML.replace('<meta charset="utf-8">', "")
    .replace("on Monday", "월요일에")
    .encode("euc-kr")
)
GZIP_BOMB = gzip.compress(b"<p>" + b"0" * (100 * MAX_BYTES) + b"</p>")


class _Handler(BaseHTTPRequestHandler):
    """Routes of the test server; ``server.stop`` tells long-running handlers to end."""

    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive, so a shared pool really reuses connections

    def setup(self) -> None:
        super().setup()
        self.server.connections += 1

    def log_message(self, format: str, *args: object) -> None:  # keep pytest output clean
        pass

    def do_GET(self) -> None:
        route = urlsplit(self.path).path
        handler = ROUTES.get(route)
        if handler is None:
            self._send(404, b"not found", "text/plain")
        else:
            try:
                handler(self)
            except OSError:  # the client gave up (timeout, size cap): that is the point
                pass

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _wait(self, seconds: float) -> None:
        self.server.stop.wait(seconds)

    def _start_unsized(self, status: int = 200, **headers: str) -> None:
        """Headers of a body without Content-Length: it ends when the connection closes."""
        self.send_response(status)
        self.send_header("Connection", "close")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()

    def _stream_forever(self, chunk: bytes, pause: float = 0.0) -> None:
        """Write ``chunk`` until the client hangs up (or the server stops, or 20 s pass)."""
        end = time.monotonic() + 20
        while not self.server.stop.is_set() and time.monotonic() < end:
            self.wfile.write(chunk)
            self.wfile.flush()
            if pause:
                self._wait(pause)


def _article(h: _Handler) -> None:
    h._send(200, ARTICLE_HTML.encode(), "text/html; charset=utf-8")


def _slow(h: _Handler) -> None:
    h._wait(SLOW)
    _article(h)


def _slow_body(h: _Handler) -> None:
    # Headers and the start of the body at once, then silence.
    body = ARTICLE_HTML.encode()
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body[:200])
    h.wfile.flush()
    h._wait(SLOW)


def _endless(h: _Handler) -> None:
    h._start_unsized(Content_Type="text/html")
    h._stream_forever(b"<p>" + b"news " * 2000 + b"</p>\n")


def _endless_chunked(h: _Handler) -> None:
    h.close_connection = True
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    part = b"<p>" + b"news " * 2000 + b"</p>\n"
    h._stream_forever(b"%x\r\n%s\r\n" % (len(part), part))


def _trickle(h: _Handler) -> None:
    # A byte well within the per-read timeout, for ever: only a total deadline stops it.
    h._start_unsized(Content_Type="text/html")
    h._stream_forever(b"x", pause=0.1)


def _huge_declared(h: _Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(50 * MAX_BYTES))
    h.end_headers()
    h._stream_forever(b"x" * 65536)


def _huge_undeclared(h: _Handler) -> None:
    h._start_unsized(Content_Type="text/html")
    for _ in range(20):
        h.wfile.write(b"<p>" + b"x" * MAX_BYTES + b"</p>")


def _gzip_bomb(h: _Handler) -> None:
    # A small download that inflates to far more than max_bytes.
    h._send(200, GZIP_BOMB, "text/html", Content_Encoding="gzip")


def _truncated(h: _Handler) -> None:
    # Promises more than it sends, then hangs up.
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "5000")
    h.send_header("Connection", "close")
    h.end_headers()
    h.wfile.write(ARTICLE_HTML.encode()[:100])


def _not_http(h: _Handler) -> None:
    h.close_connection = True
    h.wfile.write(b"SSH-2.0-OpenSSH_9.6\r\n")


def _endless_redirect_body(h: _Handler) -> None:
    # A redirect whose body never ends: following it must not mean reading it.
    h._start_unsized(302, Location="/article.html")
    h._stream_forever(b"x" * 65536)


ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/article.html": _article,
    "/news/ceasefire": _article,  # no extension: read by Content-Type
    "/export": lambda h: h._send(200, CSV_EXPORT.encode(), "text/csv; charset=utf-8"),
    "/api/articles": lambda h: h._send(200, json.dumps(JSON_LIST).encode(), "application/json"),
    "/feed": lambda h: h._send(200, RSS_FEED.encode(), "application/rss+xml"),
    "/plain.csv": lambda h: h._send(200, CSV_EXPORT.encode(), "text/plain; charset=utf-8"),
    "/moved": lambda h: h._redirect("/news/ceasefire", 301),
    "/hop1": lambda h: h._redirect("/hop2"),
    "/hop2": lambda h: h._redirect(f"http://127.0.0.1:{h.server.server_port}/article.html"),
    "/slow": _slow,
    "/slow-body": _slow_body,
    "/endless": _endless,
    "/endless-chunked": _endless_chunked,
    "/trickle": _trickle,
    "/huge-declared": _huge_declared,
    "/huge": _huge_undeclared,
    "/gzip-bomb": _gzip_bomb,
    "/truncated": _truncated,
    "/not-http": _not_http,
    "/loop": lambda h: h._redirect("/loop"),
    "/loop-a": lambda h: h._redirect("/loop-b"),
    "/loop-b": lambda h: h._redirect("/loop-a"),
    "/to-file": lambda h: h._redirect("file:///etc/passwd"),
    "/to-ftp": lambda h: h._redirect("ftp://127.0.0.1/pub/article.html"),
    "/endless-redirect-body": _endless_redirect_body,
    "/redirect-nowhere": lambda h: h._send(302, b"", "text/html"),
    "/typed": lambda h: h._send(200, b"<p>x</p>", parse_qs(urlsplit(h.path).query, True)["ct"][0]),
    "/korean": lambda h: h._send(200, KOREAN_HTML, "text/html; charset=euc-kr"),
    "/missing": lambda h: h._send(404, b"<h1>Not Found</h1>", "text/html"),
    "/broken": lambda h: h._send(500, b"<h1>Internal Server Error</h1>", "text/html"),
    "/empty": lambda h: h._send(200, b"", "text/html"),
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    stop: threading.Event
    connections = 0


class Site:
    """The running test server: ``site.url("/path")``."""

    def __init__(self, httpd: _Server) -> None:
        self.httpd = httpd
        self.port = httpd.server_port

    @property
    def connections(self) -> int:
        """Connections accepted so far."""
        return self.httpd.connections

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture(scope="module")
def server() -> Iterator[Site]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.stop = threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield Site(httpd)
    finally:
        httpd.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def errors_for(df: pd.DataFrame, path: str) -> list[str]:
    report = load_report(df)
    rows = report[(report[S.REPORT_PATH] == path) & (report[S.REPORT_LEVEL] == "error")]
    return rows[S.REPORT_MESSAGE].tolist()


# --- well-behaved endpoints -------------------------------------------------------------


def test_html_article_page(server):
    url = server.url("/article.html")
    df = workbench.load_articles(url, timeout=TIMEOUT)
    assert len(df) == 1
    row = df.iloc[0]
    assert row[S.TITLE] == "Ceasefire talks resume in Geneva"
    assert "third round of talks" in row[S.TEXT]
    assert "aid convoys" in row[S.TEXT]
    assert "SCRIPTMARKER" not in row[S.TEXT] and "trackingId" not in row[S.TEXT]
    assert "NAVMARKER" not in row[S.TEXT]
    assert row[S.PUBLISHED].date() == dt.date(2020, 9, 28)
    assert row[S.DATE_BASIS] == "metadata"
    assert row[S.SOURCE] == "The Daily Ledger"
    assert row[S.URL] == url
    assert row[S.PATH] == url
    assert not (load_report(df)[S.REPORT_LEVEL] == "error").any()


def test_page_without_extension_is_read_by_content_type(server):
    df = workbench.load_articles(server.url("/news/ceasefire"), timeout=TIMEOUT)
    assert df[S.TITLE].tolist() == ["Ceasefire talks resume in Geneva"]
    assert df[S.DATE_BASIS].tolist() == ["metadata"]


def test_redirects_are_followed_and_the_final_url_kept(server):
    fetched = fetch(server.url("/hop1"), timeout=TIMEOUT, max_bytes=MAX_BYTES)
    assert fetched.url == server.url("/hop1")
    assert fetched.final_url == server.url("/article.html")
    assert fetched.content_type == "text/html"
    assert fetched.charset == "utf-8"
    assert fetched.data == ARTICLE_HTML.encode()

    df = workbench.load_articles(server.url("/moved"), timeout=TIMEOUT)
    assert df[S.PATH].tolist() == [server.url("/moved")]
    assert df[S.URL].tolist() == [server.url("/news/ceasefire")]


@pytest.mark.parametrize(
    ("path", "titles"),
    [
        ("/export", ["Aid convoy reaches the city", "Talks stall over prisoners"]),
        ("/api/articles", ["Shelling reported near the border", "Parliament debates sanctions"]),
        ("/feed", ["Refugees return to the valley", "Observers arrive at the front line"]),
    ],
    ids=["csv", "json", "rss"],
)
def test_exports_and_feeds_by_content_type(server, path, titles):
    df = workbench.load_articles(server.url(path), timeout=TIMEOUT)
    assert df[S.TITLE].tolist() == titles
    assert df[S.PUBLISHED].notna().all()
    assert df[S.URL].str.startswith("https://example.invalid/").all()
    assert (df[S.PATH] == server.url(path)).all()
    assert not (load_report(df)[S.REPORT_LEVEL] == "error").any()


def test_a_shared_pool_reuses_connections_but_never_one_with_unread_data(server):
    import urllib3

    pool = urllib3.PoolManager()
    before = server.connections
    for _ in range(3):
        assert fetch(server.url("/export"), timeout=TIMEOUT, pool=pool).data == CSV_EXPORT.encode()
    assert server.connections - before == 1  # keep-alive: one connection for all three
    # Bodies left unread (error status, refused size, redirect) must not leak into the
    # next response on a reused connection.
    for path in ["/missing", "/huge-declared", "/hop1", "/broken", "/slow-body"]:
        try:
            fetch(server.url(path), timeout=TIMEOUT, max_bytes=MAX_BYTES, pool=pool)
        except ValueError:
            pass
        assert fetch(server.url("/export"), timeout=TIMEOUT, pool=pool).data == CSV_EXPORT.encode()


# --- misbehaving endpoints --------------------------------------------------------------

# (path, what the error message must say). Each must be reported within seconds.
BAD = [
    ("/slow", r"too slow.*1 s"),
    ("/slow-body", r"too slow.*1 s"),
    ("/endless", r"exceeds the 100 kB limit"),
    ("/endless-chunked", r"exceeds the 100 kB limit"),
    ("/huge-declared", r"response is 5\.0 MB, over the 100 kB limit"),
    ("/huge", r"exceeds the 100 kB limit"),
    ("/gzip-bomb", r"exceeds the 100 kB limit"),
    ("/truncated", r"^connection broken: .*IncompleteRead"),
    ("/not-http", r"^connection broken: .*BadStatusLine"),
    ("/loop", r"more than 5 redirects"),
    ("/loop-a", r"more than 5 redirects"),
    ("/to-file", r"redirected to a non-http URL: file:///etc/passwd"),
    ("/to-ftp", r"redirected to a non-http URL: ftp://127\.0\.0\.1/pub/article\.html"),
    ("/redirect-nowhere", r"^server answered HTTP 302 Found$"),
    ("/missing", r"^server answered HTTP 404 Not Found$"),
    ("/broken", r"^server answered HTTP 500 Internal Server Error$"),
    ("/empty", r"empty"),
]


def _bad_url(server: Site, closed_port: int, path: str) -> str:
    return f"http://127.0.0.1:{closed_port}/article.html" if path == "refused" else server.url(path)


BAD_PARAMS = [pytest.param(path, expect, id=path.strip("/")) for path, expect in BAD] + [
    pytest.param("refused", r"cannot connect.*refused", id="refused")
]


@pytest.mark.parametrize(("path", "expected"), BAD_PARAMS)
def test_bad_url_is_reported_and_the_good_one_loads(server, closed_port, path, expected):
    good, bad = server.url("/article.html"), _bad_url(server, closed_port, path)
    start = time.monotonic()
    df = workbench.load_articles([good, bad], timeout=TIMEOUT, max_bytes=MAX_BYTES)
    elapsed = time.monotonic() - start
    assert df[S.PATH].tolist() == [good]
    messages = errors_for(df, bad)
    assert len(messages) == 1, load_report(df)
    assert re.search(expected, messages[0]), messages[0]
    assert elapsed < 10, f"{path} took {elapsed:.1f} s"


@pytest.mark.parametrize(("path", "expected"), BAD_PARAMS)
def test_bad_url_raises_load_error_naming_it(server, closed_port, path, expected):
    good, bad = server.url("/article.html"), _bad_url(server, closed_port, path)
    with pytest.raises(workbench.LoadError) as info:
        workbench.load_articles([good, bad], timeout=TIMEOUT, max_bytes=MAX_BYTES, errors="raise")
    assert info.value.path == bad
    assert str(info.value).startswith(bad + ": ")
    assert re.search(expected, info.value.reason), info.value.reason


def test_redirect_with_an_endless_body_is_followed_without_reading_it(server):
    start = time.monotonic()
    fetched = fetch(server.url("/endless-redirect-body"), timeout=TIMEOUT, max_bytes=MAX_BYTES)
    assert fetched.final_url == server.url("/article.html")
    assert time.monotonic() - start < 5


def test_trickling_server_is_cut_by_the_total_deadline(server):
    start = time.monotonic()
    with pytest.raises(ValueError, match=r"download took longer than 1\.5 s"):
        fetch(server.url("/trickle"), timeout=TIMEOUT, max_bytes=MAX_BYTES, total_timeout=1.5)
    assert time.monotonic() - start < 1.5 + TIMEOUT + 1


def test_loader_bounds_a_trickling_server_by_its_timeout(server):
    # load_articles has only ``timeout``: the total deadline follows from it.
    url = server.url("/trickle")
    start = time.monotonic()
    with pytest.raises(workbench.LoadError, match=r"download took longer than 3 s"):
        workbench.load_articles(url, timeout=0.5, max_bytes=MAX_BYTES)
    assert time.monotonic() - start < 6


@pytest.mark.parametrize(
    ("content_type", "media_type", "charset"),
    [
        ("text/html; charset=windows-1252", "text/html", "cp1252"),
        ('Text/HTML;Charset="EUC-KR"', "text/html", "euc_kr"),
        ("text/csv; header=present; charset=utf-8", "text/csv", "utf-8"),
        ("text/html; charset=no-such-codec", "text/html", None),
        ("application/json", "application/json", None),
        ("", "", None),
    ],
)
def test_media_type_and_charset_from_content_type(server, content_type, media_type, charset):
    fetched = fetch(server.url("/typed?" + urlencode({"ct": content_type})), timeout=TIMEOUT)
    assert (fetched.content_type, fetched.charset) == (media_type, charset)


def test_redirect_limit_is_configurable(server):
    with pytest.raises(ValueError, match="more than 1 redirects"):
        fetch(server.url("/hop1"), timeout=TIMEOUT, max_redirects=1)
    assert fetch(server.url("/hop1"), timeout=TIMEOUT, max_redirects=2).final_url.endswith(
        "/article.html"
    )
    with pytest.raises(ValueError, match="more than 0 redirects"):
        fetch(server.url("/moved"), timeout=TIMEOUT, max_redirects=0)


@pytest.mark.parametrize(
    "url",
    ["ftp://127.0.0.1/pub/article.html", "file:///etc/passwd", "gopher://127.0.0.1/"],
)
def test_non_http_scheme_is_reported(server, url):
    df = workbench.load_articles([server.url("/article.html"), url], timeout=TIMEOUT)
    assert len(df) == 1
    assert errors_for(df, url) == ["only http:// and https:// URLs can be loaded"]
    with pytest.raises(workbench.LoadError, match=re.escape(url)):
        workbench.load_articles([url], errors="raise")
    with pytest.raises(ValueError, match="only http:// and https://"):
        fetch(url)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://", r"not a valid URL"),
        ("http://127.0.0.1:99999/x", r"not a valid URL"),
        ("http://[::1/x", r"not a valid URL"),
    ],
)
def test_malformed_urls_fail_with_a_reason(url, expected):
    with pytest.raises(ValueError, match=expected):
        fetch(url, timeout=TIMEOUT)


def test_control_characters_in_a_url_cannot_inject_headers(server):
    # urllib3 percent-encodes them: the server sees one odd path, not an extra header.
    with pytest.raises(ValueError, match="HTTP 404"):
        fetch(server.url("/article.html\r\nX-Injected: 1"), timeout=TIMEOUT)


def test_https_to_a_plain_http_server_is_a_tls_error(server):
    with pytest.raises(ValueError, match=r"^TLS/SSL error: "):
        fetch(server.url("/article.html").replace("http:", "https:"), timeout=TIMEOUT)


# --- what the server says about the body: generic content types, declared charsets ---


def test_csv_served_as_text_plain_is_read_as_csv(server):
    df = workbench.load_articles(server.url("/plain.csv"), timeout=TIMEOUT)
    assert df[S.TITLE].tolist() == ["Aid convoy reaches the city", "Talks stall over prisoners"]


def test_charset_declared_in_the_header_is_used(server):
    df = workbench.load_articles(server.url("/korean"), timeout=TIMEOUT)
    assert "월요일에" in df[S.TEXT].iloc[0]
