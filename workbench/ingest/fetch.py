"""Fetching articles over http(s), with timeouts, a size cap and bounded redirects; and
fetching many (a URL list's pages) politely, with a per-host rate limit and a cache."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationValueError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from .sources import DEFAULT_MAX_BYTES, is_url

USER_AGENT = "workbench/0.1 (news coverage analysis; +https://example.invalid/workbench)"
ROBOTS_AGENT = "workbench"  # the name robots.txt rules address us by
_CHUNK = 65536


@dataclass(frozen=True)
class Fetched:
    """The body of a fetched URL with what the server said it is."""

    url: str
    final_url: str
    content_type: str
    data: bytes
    charset: str | None = None  # as declared in Content-Type; None if absent or unknown


def fetch(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = 5,
    total_timeout: float | None = None,
    pool: urllib3.PoolManager | None = None,
) -> Fetched:
    """Download one http(s) URL, bounding every way a server can hang or flood us.

    Parameters
    ----------
    url
        An ``http://`` or ``https://`` URL.
    timeout
        Seconds to wait for the connection and for each read: a server silent for
        longer is given up.
    max_bytes
        Largest body accepted, counted after decompression (so a gzip bomb is cut
        too). A larger declared ``Content-Length`` is refused before reading.
    max_redirects
        Redirects followed at most; each must lead to an http(s) URL again.
    total_timeout
        Seconds for the whole download, redirects included, against a server that keeps
        sending just fast enough to beat ``timeout``. It may be overrun by up to one
        ``timeout``. Default ``6 * timeout`` (two minutes for the default ``timeout``).
    pool
        A ``urllib3.PoolManager`` to reuse connections across calls; a fresh one if None.

    Returns
    -------
    Fetched
        The body, the URL after redirects, the media type (``text/html``: lower case,
        without parameters, empty if the server gave none) and the declared charset.

    Raises
    ------
    ValueError
        On any failure, with a plain reason: not http(s), malformed URL, cannot connect,
        server too slow, download too long or too large, too many redirects, redirect to
        another scheme, or an HTTP error status.
    """
    if not is_url(url):
        raise ValueError("only http:// and https:// URLs can be loaded")
    if total_timeout is None:
        total_timeout = 6 * timeout
    deadline = time.monotonic() + total_timeout
    own_pool = pool is None
    pool = pool or urllib3.PoolManager()
    target = url
    try:
        # Redirects are followed here, not by urllib3: it would drain each redirect's
        # body without any limit, and only see a non-http Location as "no host".
        for _ in range(max_redirects + 1):
            response = _open(pool, target, timeout, deadline, total_timeout)
            try:
                location = response.get_redirect_location()
                if location:
                    target = urljoin(target, location)
                    if not is_url(target):
                        raise ValueError(f"redirected to a non-http URL: {_short(target)}")
                    continue
                if not 200 <= response.status < 300:
                    raise ValueError(
                        f"server answered HTTP {response.status} {response.reason}".strip()
                    )
                data = _read_body(response, max_bytes, timeout, deadline, total_timeout)
            finally:
                # Closing drops the connection if the body was not read to the end (the
                # pool must not reuse it); a fully read response is already back in the pool.
                response.close()
                response.release_conn()
            media_type, _, params = response.headers.get("Content-Type", "").partition(";")
            return Fetched(url, target, media_type.strip().lower(), data, _charset(params))
        raise ValueError(f"more than {max_redirects} redirects")
    finally:
        if own_pool:
            pool.clear()


def _open(
    pool: urllib3.PoolManager, url: str, timeout: float, deadline: float, total_timeout: float
) -> urllib3.BaseHTTPResponse:
    """Send the GET and wait for the headers, within both timeouts."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise ValueError(f"download took longer than {total_timeout:g} s")
    wait = min(timeout, left)
    try:
        return pool.request(
            "GET",
            url,
            headers={"User-Agent": USER_AGENT},
            preload_content=False,
            redirect=False,
            retries=False,  # a retry would double every wait; errors come back unwrapped
            timeout=urllib3.Timeout(connect=wait, read=wait),
        )
    except (HTTPError, OSError) as exc:
        raise ValueError(_reason(exc, timeout, deadline, total_timeout)) from None


def _read_body(
    response: urllib3.BaseHTTPResponse,
    max_bytes: int,
    timeout: float,
    deadline: float,
    total_timeout: float,
) -> bytes:
    declared = response.headers.get("Content-Length", "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise ValueError(
            f"response is {_size(int(declared))}, over the {_size(max_bytes)} limit (max_bytes=)"
        )
    chunks: list[bytes] = []
    total = 0
    try:
        # read1 returns what one socket read brought, so the deadline and the size cap
        # are checked often; read(n) would wait for n bytes from a trickling server.
        while chunk := response.read1(_CHUNK):
            total += len(chunk)
            if total > max_bytes:
                raise ValueError(f"response exceeds the {_size(max_bytes)} limit (max_bytes=)")
            if time.monotonic() > deadline:
                raise ValueError(f"download took longer than {total_timeout:g} s")
            chunks.append(chunk)
    except (HTTPError, OSError) as exc:
        raise ValueError(_reason(exc, timeout, deadline, total_timeout)) from None
    return b"".join(chunks)


def _reason(exc: BaseException, timeout: float, deadline: float, total_timeout: float) -> str:
    """A plain sentence for a urllib3 or socket error."""
    if isinstance(exc, ReadTimeoutError | ConnectTimeoutError) and time.monotonic() >= deadline:
        return f"download took longer than {total_timeout:g} s"
    cause = exc.__cause__ or exc.__context__
    detail = cause.strerror if isinstance(cause, OSError) and cause.strerror else _short(exc)
    # NewConnectionError subclasses ConnectTimeoutError: test it first.
    if isinstance(exc, NameResolutionError):
        return f"cannot connect: host name not found ({detail})"
    if isinstance(exc, NewConnectionError):
        return f"cannot connect: {detail}"
    if isinstance(exc, ConnectTimeoutError):
        return f"cannot connect: no answer within {timeout:g} s"
    if isinstance(exc, ReadTimeoutError):
        return f"server too slow: no data for {timeout:g} s"
    if isinstance(exc, SSLError):
        return f"TLS/SSL error: {_short(exc)}"
    if isinstance(exc, LocationValueError):
        return f"not a valid URL: {_short(exc)}"
    if isinstance(exc, ProtocolError):
        return f"connection broken: {_short(exc)}"
    return f"request failed: {_short(exc)}"


def _charset(params: str) -> str | None:
    """The ``charset=`` of Content-Type parameters, if Python knows that codec."""
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            value = value.strip().strip("\"'")
            try:
                return codecs.lookup(value).name
            except LookupError:
                return None
    return None


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB" if n >= 1e3 else f"{n} bytes"


def _short(exc: object) -> str:
    text = str(exc)
    return text if len(text) < 200 else text[:200] + "…"


# -- many URLs: polite, cached, resumable ---------------------------------------------------
class PoliteFetcher:
    """Fetch many URLs politely: one request at a time, at most one per ``interval`` seconds
    to any one host (or its robots.txt's longer Crawl-delay), hosts taken in turn so one
    slow host does not hold up the others, pages its robots.txt disallows left alone,
    each page cached in ``cache`` as soon as it arrives.

    A rerun reads the cache and fetches nothing twice; an interrupted run resumes where it
    stopped. Failures are not cached: a rerun tries them again.

    Examples
    --------
    >>> fetcher = PoliteFetcher(Path("ws/fetched"), interval=1.0)  # doctest: +SKIP
    >>> results = fetcher.fetch_all(["https://example.org/a", "https://example.org/b"])
    ... # doctest: +SKIP
    """

    def __init__(
        self,
        cache: Path | None,
        *,
        interval: float = 1.0,
        timeout: float = 20.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
        progress: bool | None = None,
    ) -> None:
        self.cache = cache
        self.interval = interval
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.progress = progress
        self.fetched = 0  # downloads made by this fetcher (cache hits not counted)

    def fetch_all(self, urls: list[str], *, label: str = "") -> list[Fetched | str]:
        """Each URL's page, or the reason it could not be fetched, in the order given."""
        results: list[Fetched | str | None] = [self._cached(url) for url in urls]
        todo = _round_robin([i for i, r in enumerate(results) if r is None], urls)
        if not todo:
            return [r for r in results if r is not None]
        bar = _progress_bar(len(todo), label, self.progress)
        next_at: dict[str, float] = {}
        robots: dict[str, _Robots] = {}
        pool = urllib3.PoolManager()
        try:
            for i in todo:
                url = urls[i]
                host = _host(url)
                if host not in robots:  # asked once per host and run, as politely as a page
                    _wait_for(next_at, host)
                    robots[host] = _read_robots(url, pool, self.timeout)
                    next_at[host] = time.monotonic() + self.interval
                rules = robots[host]
                if rules.refusal(url):
                    results[i] = rules.refusal(url)
                else:
                    _wait_for(next_at, host)
                    try:
                        page = fetch(url, timeout=self.timeout, max_bytes=self.max_bytes, pool=pool)
                    except ValueError as exc:
                        results[i] = str(exc)
                    else:
                        self._store(url, page)
                        results[i] = page
                        self.fetched += 1
                    next_at[host] = time.monotonic() + max(self.interval, rules.delay)
                if bar is not None:
                    bar.update(1)
        finally:
            pool.clear()
            if bar is not None:
                bar.close()
        return [r if r is not None else "not fetched" for r in results]

    def _paths(self, url: str) -> tuple[Path, Path]:
        assert self.cache is not None
        name = hashlib.sha1(url.encode("utf-8", "replace")).hexdigest()
        return self.cache / f"{name}.body", self.cache / f"{name}.json"

    def _cached(self, url: str) -> Fetched | None:
        if self.cache is None:
            return None
        body, meta = self._paths(url)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            data = body.read_bytes()
        except (OSError, ValueError):
            return None  # not fetched yet, or cut by an interruption: fetched again
        if info.get("url") != url or info.get("bytes") != len(data):
            return None
        return Fetched(url, info["final_url"], info["content_type"], data, info.get("charset"))

    def _store(self, url: str, page: Fetched) -> None:
        """Write the page to the cache: body first, its description last (the mark of a
        complete entry), each atomically."""
        if self.cache is None:
            return
        body, meta = self._paths(url)
        info = {
            "url": url,
            "final_url": page.final_url,
            "content_type": page.content_type,
            "charset": page.charset,
            "bytes": len(page.data),
            "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            _write_atomic(body, page.data)
            _write_atomic(meta, json.dumps(info).encode("utf-8"))
        except OSError:
            pass  # a full or read-only disk costs the cache, not the load


@dataclass
class _Robots:
    """What a host's robots.txt allows us (``workbench``), or why the host is out of reach."""

    parser: RobotFileParser | None = None
    error: str = ""
    delay: float = 0.0  # the host's Crawl-delay for us, in seconds (at most two minutes)

    def refusal(self, url: str) -> str:
        """Why ``url`` is not fetched ('' when it may be)."""
        if self.error:
            return self.error
        if self.parser is not None and not self.parser.can_fetch(ROBOTS_AGENT, url):
            return "the site's robots.txt does not allow fetching it"
        return ""


def _read_robots(url: str, pool: urllib3.PoolManager, timeout: float) -> _Robots:
    """The robots.txt of ``url``'s host: none (4xx) allows everything; a host that cannot
    be reached is out of reach for its pages too (said once, not waited for each)."""
    parts = urlsplit(url)
    try:
        found = fetch(
            f"{parts.scheme}://{parts.netloc}/robots.txt",
            timeout=timeout,
            max_bytes=512 * 1024,
            pool=pool,
        )
    except ValueError as exc:
        reason = str(exc)
        if re.match(r"server answered HTTP 4\d\d", reason):
            return _Robots()
        return _Robots(error=reason)
    lines = found.data.decode(found.charset or "utf-8", errors="replace").splitlines()
    parser = RobotFileParser()
    parser.parse(lines)
    return _Robots(parser, delay=_crawl_delay(lines))


def _crawl_delay(lines: list[str]) -> float:
    """Our Crawl-delay (ours, else the one for every agent), fractions allowed; the standard
    library's parser takes whole seconds only and misses the one for every agent."""
    delays: dict[str, float] = {}
    group: list[str] = []
    in_agents = False
    for line in lines:
        field, _, value = line.split("#", 1)[0].partition(":")
        field, value = field.strip().lower(), value.strip()
        if field == "user-agent":
            group = group + [value.lower()] if in_agents else [value.lower()]
            in_agents = True
            continue
        in_agents = False
        if field == "crawl-delay":
            try:
                seconds = float(value)
            except ValueError:
                continue
            for agent in group:
                delays.setdefault(agent, seconds)
    found = delays.get(ROBOTS_AGENT, delays.get("*", 0.0))
    return min(max(found, 0.0), 120.0)


def _wait_for(next_at: dict[str, float], host: str) -> None:
    wait = next_at.get(host, 0.0) - time.monotonic()
    if wait > 0:
        time.sleep(wait)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _round_robin(indices: list[int], urls: list[str]) -> list[int]:
    """The indices reordered to take the hosts in turn (each host's own order kept)."""
    by_host: dict[str, list[int]] = {}
    for i in indices:
        by_host.setdefault(_host(urls[i]), []).append(i)
    queues = list(by_host.values())
    order: list[int] = []
    while queues:
        order += [q.pop(0) for q in queues]
        queues = [q for q in queues if q]
    return order


def _progress_bar(total: int, label: str, progress: bool | None):
    """A tqdm bar on stderr: on when asked, or by default for more than a few URLs in a
    terminal (tqdm's own check)."""
    if progress is False or (progress is None and total < 5):
        return None
    from tqdm.auto import tqdm

    return tqdm(
        total=total,
        desc=f"fetching {label}" if label else "fetching",
        unit="page",
        disable=None if progress is None else False,
    )
