"""Fetching articles over http(s), with timeouts, a size cap and bounded redirects."""

from __future__ import annotations

import time
from dataclasses import dataclass

import urllib3

from .sources import DEFAULT_MAX_BYTES, is_url

USER_AGENT = "workbench/0.1 (news coverage analysis; +https://example.invalid/workbench)"


@dataclass(frozen=True)
class Fetched:
    """The body of a fetched URL with what the server said it is."""

    url: str
    final_url: str
    content_type: str
    data: bytes


def fetch(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = 5,
    total_timeout: float = 120.0,
    pool: urllib3.PoolManager | None = None,
) -> Fetched:
    """Fetch ``url``; raise ValueError with a plain reason on any failure.

    Only http and https are followed (also across redirects). The whole request,
    including a server that trickles bytes, is bounded by ``timeout`` seconds per read
    and by ``max_bytes``; a server that keeps sending is cut off after
    ``total_timeout`` seconds.
    """
    if not is_url(url):
        raise ValueError("only http:// and https:// URLs can be loaded")
    pool = pool or urllib3.PoolManager(headers={"User-Agent": USER_AGENT})
    retries = urllib3.Retry(total=max_redirects + 1, connect=1, read=0, redirect=max_redirects, raise_on_redirect=True)
    try:
        response = pool.request(
            "GET",
            url,
            preload_content=False,
            retries=retries,
            timeout=urllib3.Timeout(connect=min(timeout, 10.0), read=timeout),
        )
    except urllib3.exceptions.MaxRetryError as exc:
        reason = exc.reason
        if isinstance(reason, urllib3.exceptions.ResponseError) and "redirect" in str(reason).lower():
            raise ValueError(f"more than {max_redirects} redirects") from None
        raise ValueError(f"cannot connect: {_short(reason)}") from None
    except urllib3.exceptions.HTTPError as exc:
        raise ValueError(f"request failed: {_short(exc)}") from None
    try:
        final_url = response.geturl() or url
        if not is_url(final_url):
            raise ValueError(f"redirected to a non-http URL: {final_url}")
        if response.status >= 400:
            raise ValueError(f"server answered HTTP {response.status}")
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise ValueError(f"response is {int(declared) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
        chunks: list[bytes] = []
        total = 0
        deadline = time.monotonic() + total_timeout
        for chunk in response.stream(65536):
            if time.monotonic() > deadline:
                raise ValueError(f"download took longer than {total_timeout:g} s")
            total += len(chunk)
            if total > max_bytes:
                raise ValueError(f"response exceeds the {max_bytes / 1e6:.0f} MB limit")
            chunks.append(chunk)
    except urllib3.exceptions.ReadTimeoutError:
        raise ValueError(f"server too slow: no data for {timeout:g} s") from None
    except urllib3.exceptions.HTTPError as exc:
        raise ValueError(f"download failed: {_short(exc)}") from None
    finally:
        response.release_conn()
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    return Fetched(url, final_url, content_type, b"".join(chunks))


def _short(exc: object) -> str:
    text = str(exc)
    return text if len(text) < 200 else text[:200] + "…"
