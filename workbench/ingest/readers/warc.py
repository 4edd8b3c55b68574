"""Web archives, WARC and ARC (warcio), gzipped or not: every HTML page the crawl saved is
an article, with its address, and the capture date as an inferred date when the page
itself gives none."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass

from ..sources import Problem, decode
from .pages import RawArticle, _short_hash, read_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class _Page:
    number: int
    url: str
    captured: str | None
    body: bytes | None  # None when the record is cut short


def read_warc(path: str, data: bytes, key: str) -> Iterator[RawArticle | Problem]:
    """One article per HTML response record; other records (scripts, images, DNS) are skipped."""
    # warcio writes its complaints to stderr itself: kept, and said in the report instead.
    complaints = io.StringIO()
    with contextlib.redirect_stderr(complaints):
        pages, count, damage = _pages(data)
    if complaints.getvalue().strip():
        yield Problem(
            path,
            "web archive: a record's declared length does not fit its content "
            "(the archive was changed or cut; what could be read is loaded)",
            level="warning",
        )
    for page in pages:
        location = f"record {page.number} ({page.url})" if page.url else f"record {page.number}"
        if page.body is None:
            message = "page cannot be read: the record is cut short: the archive ends inside it"
            yield Problem(path, message, location)
            continue
        try:
            html, warnings = decode(page.body)
        except ValueError as exc:
            yield Problem(path, f"page cannot be read: {exc}", location)
            continue
        page_key = f"{key}-{_short_hash(page.url or str(page.number))}"
        for entry in read_html(path, html, page_key, url=page.url or None):
            if isinstance(entry, Problem):
                yield Problem(path, entry.message, location, entry.level)
                continue
            entry.location = location  # the outlet: the page's, else its address's host
            entry.fallback_date = page.captured
            entry.fallback_field = "capture date in the web archive"
            entry.warnings = warnings + entry.warnings
            yield entry
    if damage:
        yield Problem(path, damage, f"after record {count}" if count else "")
    elif not pages:
        yield Problem(path, f"web archive has no HTML page among its {count} records")


def _pages(data: bytes) -> tuple[list[_Page], int, str]:
    """The archive's HTML pages (status 2xx), the records read, and what stopped the
    reading early ('' when nothing did)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages: list[_Page] = []
    number = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data), arc2warc=True):
            number += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            media = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
            status = record.http_headers.get_statuscode() or ""
            if media.strip().lower() not in _HTML_TYPES or not status.startswith("2"):
                continue  # a stylesheet, an image, a redirect, an error page: not articles
            body: bytes | None = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0) > 0:
                body = None
            pages.append(
                _Page(
                    number,
                    record.rec_headers.get_header("WARC-Target-URI") or "",
                    record.rec_headers.get_header("WARC-Date"),
                    body,
                )
            )
    except ArchiveLoadFailed as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return pages, number, f"not a readable web archive: {first}"
    except Exception as exc:  # noqa: BLE001 - warcio fails in many ways on damaged archives
        return pages, number, f"web archive is damaged: {type(exc).__name__}: {exc}"
    return pages, number, ""
