"""Web archives, WARC and ARC (warcio), gzipped or not: every HTML page the crawl saved is
an article, with its address, and the capture date as an inferred date when the page
itself gives none."""

from __future__ import annotations

import io
from collections.abc import Iterator

from ..sources import Problem, decode
from .pages import RawArticle, _short_hash, read_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str, data: bytes, key: str) -> Iterator[RawArticle | Problem]:
    """One article per HTML response record; other records (scripts, images, DNS) are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages = 0
    number = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data), arc2warc=True):
            number += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            media = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
            if media.strip().lower() not in _HTML_TYPES:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            captured = record.rec_headers.get_header("WARC-Date")
            status = record.http_headers.get_statuscode() or ""
            location = f"record {number} ({url})" if url else f"record {number}"
            if not status.startswith("2"):
                continue  # a redirect or an error page the crawler met: not an article
            pages += 1
            try:
                body = record.content_stream().read()
                if getattr(record.raw_stream, "limit", 0) > 0:
                    raise ValueError("the record is cut short: the archive ends inside it")
                html, warnings = decode(body)
            except (ValueError, OSError) as exc:
                yield Problem(path, f"page cannot be read: {exc}", location)
                continue
            for entry in read_html(path, html, f"{key}-{_short_hash(url or str(number))}", url=url):
                if isinstance(entry, Problem):
                    yield Problem(path, entry.message, location, entry.level)
                    continue
                entry.location = location
                entry.tabular = True
                entry.fallback_date = captured
                entry.fallback_field = "capture date in the web archive"
                entry.warnings = warnings + entry.warnings
                yield entry
    except ArchiveLoadFailed as exc:
        where = f"after record {number}" if number else ""
        yield Problem(path, f"not a readable web archive: {_first_line(exc)}", where)
        return
    except (OSError, EOFError, ValueError) as exc:  # a cut gzip member, a damaged header
        where = f"after record {number}" if number else ""
        yield Problem(path, f"web archive is damaged: {type(exc).__name__}: {exc}", where)
        return
    if not pages:
        yield Problem(path, f"web archive has no HTML page among its {number} records")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
