"""Web archives, WARC and ARC (warcio), gzipped or not: every HTML page the crawl saved is
an article, with its address, and the capture date as an inferred date when the page
itself gives none."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from ..sources import Problem, decode
from .pages import RawArticle, _short_hash, read_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    path: str, data: bytes | BinaryIO, key: str, *, max_bytes: int | None = None
) -> Iterator[RawArticle | Problem]:
    """One article per HTML response record; other records (scripts, images, DNS) are skipped.

    ``data`` is the archive's bytes or an open file: a crawl's archive runs to gigabytes
    and is read record by record, ``max_bytes`` bounding each page, not the file.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    records = ArchiveIterator(stream, arc2warc=True)
    records.INC_RECORD = ""  # warcio writes this complaint to stderr: said in the report instead
    pages = number = 0
    damage = ""
    try:
        for record in records:
            number += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            media = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
            status = record.http_headers.get_statuscode() or ""
            if media.strip().lower() not in _HTML_TYPES or not status.startswith("2"):
                continue  # a stylesheet, an image, a redirect, an error page: not articles
            pages += 1
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            location = f"record {number} ({url})" if url else f"record {number}"
            size = record.rec_headers.get_header("Content-Length") or ""
            if max_bytes is not None and size.isdigit() and int(size) > max_bytes:
                reason = f"the record is {int(size):,} bytes, over the limit of {max_bytes:,}"
                yield Problem(path, f"page cannot be read: {reason}", location)
                continue
            body = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0) > 0:
                reason = "the record is cut short: the archive ends inside it"
                yield Problem(path, f"page cannot be read: {reason}", location)
                continue
            captured = record.rec_headers.get_header("WARC-Date")
            yield from _page(
                path, f"{key}-{_short_hash(url or str(number))}", body, url, captured, location
            )
    except ArchiveLoadFailed as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        damage = f"not a readable web archive: {first}"
    except Exception as exc:  # noqa: BLE001 - warcio fails in many ways on damaged archives
        damage = f"web archive is damaged: {type(exc).__name__}: {exc}"
    if getattr(records, "err_count", 0):
        yield Problem(
            path,
            "web archive: a record's declared length does not fit its content "
            "(the archive was changed or cut; what could be read is loaded)",
            level="warning",
        )
    if damage:
        yield Problem(path, damage, f"after record {number}" if number else "")
    elif not pages:
        yield Problem(path, f"web archive has no HTML page among its {number} records")


def _page(
    path: str, key: str, body: bytes, url: str, captured: str | None, location: str
) -> Iterator[RawArticle | Problem]:
    """The article of one archived page."""
    try:
        html, warnings = decode(body)
    except ValueError as exc:
        yield Problem(path, f"page cannot be read: {exc}", location)
        return
    for entry in read_html(path, html, key, url=url or None):
        if isinstance(entry, Problem):
            yield Problem(path, entry.message, location, entry.level)
            continue
        entry.location = location  # the outlet: the page's, else its address's host
        entry.fallback_date = captured
        entry.fallback_field = "capture date in the web archive"
        entry.warnings = warnings + entry.warnings
        yield entry
