"""Fetching articles over http(s), with timeouts, a size cap and bounded redirects."""

from __future__ import annotations

import codecs
import time
from dataclasses import dataclass
from urllib.parse import urljoin

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
