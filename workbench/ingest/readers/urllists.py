"""URL lists: Media Cloud and GDELT exports, CSV files of story addresses with their own
column names, recognised by their header.

The list's metadata (title, date, outlet) goes into the rows; the text is fetched from
each address only when the load asks for it (``fetch=True``), politely and through a
cache (:class:`~workbench.ingest.fetch.PoliteFetcher`).

- Media Cloud: ``url``, ``title``, ``publish_date``, ``media_name`` (and ``stories_id``,
  ``media_url``, ...). Its ``publish_date`` is the story's date (``metadata``).
- GDELT: the Events export's ``SOURCEURL`` with ``DATEADDED`` (YYYYMMDDHHMMSS), the GKG's
  ``DocumentIdentifier`` with ``DATE`` and ``SourceCommonName``, or the DOC API's ``URL``
  and ``MobileURL``. GDELT's date is when GDELT saw the story: a fallback (``inferred``)
  behind the page's own date.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from ..sources import Problem, decode, is_url
from .pages import RawArticle, read_html

_MEDIA_CLOUD_MARKS = {"publishdate", "medianame", "storiesid", "mediaurl", "processedstoriesid"}
_TEXT_NAMES = {"text", "body", "content", "fulltext", "articletext", "maintext"}
_GDELT_STAMP = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$")


@dataclass
class _Story:
    row: int
    url: str
    title: str | None
    date: str | None
    source: str | None


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.strip().lower())


def url_list_kind(text: str, delimiter: str | None = None) -> str | None:
    """'Media Cloud' or 'GDELT' when the table's header is one of theirs, else None."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if delimiter is None:
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        header = {_norm(h) for h in next(csv.reader([first], delimiter=delimiter))}
    except (csv.Error, StopIteration):
        return None
    if header & _TEXT_NAMES:
        return None  # the text is in the file: an ordinary export
    if "sourceurl" in header or "documentidentifier" in header or {"url", "mobileurl"} <= header:
        return "GDELT"
    if "url" in header and header & _MEDIA_CLOUD_MARKS:
        return "Media Cloud"
    return None


def read_url_list(
    path: str,
    text: str,
    key: str,
    *,
    kind: str,
    delimiter: str | None,
    fetching: dict,
) -> Iterator[RawArticle | Problem]:
    """The stories of a URL list, with their pages fetched when ``fetching['fetch']``."""
    stories, problems = _stories(text, kind, delimiter)
    yield from (Problem(path, message, location, "warning") for location, message in problems)
    if not stories:
        yield Problem(path, f"{kind} URL list has no story with an http(s) address")
        return
    if not fetching.get("fetch"):
        yield Problem(
            path,
            f"{kind} URL list of {len(stories)} stories: their texts are not fetched "
            "(fetch=False, the default); load with fetch=True (workbench load --fetch) to "
            "download them, politely and cached in the workspace",
            level="warning",
        )
        return
    from ..fetch import PoliteFetcher

    cache = fetching.get("fetch_cache")
    fetcher = PoliteFetcher(
        Path(cache) if cache else None,
        interval=float(fetching.get("fetch_interval", 1.0)),
        timeout=float(fetching.get("timeout", 20.0)),
        max_bytes=int(fetching.get("max_bytes", 50 * 1024 * 1024)),
        progress=fetching.get("progress"),
    )
    pages = fetcher.fetch_all([s.url for s in stories], label=PurePosixPath(path).name)
    for story, page in zip(stories, pages, strict=True):
        location = f"row {story.row}"
        if isinstance(page, str):
            yield Problem(path, f"cannot fetch {story.url}: {page}", location)
            continue
        yield from _story_article(path, key, kind, story, page, location)


def _story_article(path, key, kind, story, page, location) -> Iterator[RawArticle | Problem]:
    """The article of one fetched story: the page's text, the list's metadata over it."""
    from ..records import url_key

    if page.content_type not in ("text/html", "application/xhtml+xml", ""):
        yield Problem(
            path, f"{story.url} is {page.content_type}, not a web page; not read", location
        )
        return
    try:
        html, _ = (page.data.decode(page.charset), []) if page.charset else decode(page.data)
    except (ValueError, LookupError) as exc:
        yield Problem(path, f"{story.url}: {exc}", location)
        return
    for entry in read_html(path, html, url_key(story.url), url=page.final_url):
        if isinstance(entry, Problem):
            yield Problem(path, f"{story.url}: {entry.message}", location, entry.level)
            continue
        entry.location = location  # the outlet: the page's, else its address's host
        entry.url = story.url
        if story.title and entry.title and entry.text.startswith(entry.title):
            # the page's headline leaves the text with it, whichever title is kept
            entry.text = entry.text[len(entry.title) :].lstrip() or entry.text
        entry.title = story.title or entry.title
        entry.source = story.source or entry.source
        if kind == "GDELT":
            entry.fallback_date, entry.fallback_field = story.date, "GDELT's date added"
        elif story.date:
            entry.date, entry.date_field = story.date, f"{kind} publish_date"
        yield entry


def _stories(
    text: str, kind: str, delimiter: str | None
) -> tuple[list[_Story], list[tuple[str, str]]]:
    """The list's rows as stories; rows without a usable address are reported."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if delimiter is None:
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    header = [_norm(h) for h in next(reader, [])]

    def column(*names: str) -> int | None:
        return next((header.index(n) for n in names if n in header), None)

    url_at = column("url", "sourceurl", "documentidentifier")
    title_at = column("title")
    date_at = column("publishdate", "dateadded", "date", "seendate")
    source_at = column("medianame", "sourcecommonname", "domain", "mediaurl")
    stories: list[_Story] = []
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()
    try:
        for row_number, row in enumerate(reader, start=1):
            if not any(cell.strip() for cell in row):
                continue

            def cell(at: int | None, row: list[str] = row) -> str | None:
                return row[at].strip() or None if at is not None and at < len(row) else None

            url = cell(url_at)
            if not url or not is_url(url) or not urlparse(url).netloc:
                problems.append((f"row {row_number}", f"no http(s) address: {url or 'empty'!r}"))
                continue
            if url in seen:
                continue  # GDELT lists a story once per event it mentions
            seen.add(url)
            date = cell(date_at)
            stories.append(
                _Story(row_number, url, cell(title_at), _gdelt_date(date), cell(source_at))
            )
    except csv.Error as exc:
        problems.append((f"row {len(stories) + 1}", f"the list cannot be read further: {exc}"))
    return stories, problems


def _gdelt_date(value: str | None) -> str | None:
    """GDELT's 20201005101500 as 2020-10-05T10:15:00; other values unchanged."""
    if value is None:
        return None
    m = _GDELT_STAMP.match(value)
    if not m:
        return value
    y, mo, d, h, mi, s = (g or "00" for g in m.groups())
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}"
