"""Reading a batch of items (files, URLs) into raw articles and problems, in this
process or in a pool of processes: fetch or read the bytes, decode, pick the reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from ..core.errors import LoadError
from ..core.processes import process_context, usable_cores
from .readers.binary import read_binary, sniff_binary, split_export_text
from .readers.pages import RawArticle, looks_like_feed, read_feed, read_html, read_text_file
from .readers.tables import read_json, read_table
from .readers.urllists import read_url_list, url_list_kind
from .readers.warc import read_warc
from .records import Loaded, add_article, fill_features, slug, url_key
from .sources import (
    ARTICLE_SUFFIXES,
    BINARY_SUFFIXES,
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    RTF_SUFFIXES,
    TABLE_SUFFIXES,
    WARC_SUFFIXES,
    Item,
    Problem,
    decode,
    format_suffix,
    open_regular,
    read_bytes,
)

# What reading a URL list needs beyond one file: whether to fetch, where to cache, how fast.
FETCH_OPTIONS = ("fetch", "fetch_cache", "fetch_interval", "progress", "timeout", "max_bytes")

_PARALLEL_FROM = 1000  # files; below this, starting processes costs more than it saves
# Items a worker reads per task, and articles whose near-duplicate features are hashed
# together when reading in this process.
_RUN_ITEMS = FEATURES_RUN = 400


def worker_count(workers: int | None, n_items: int, errors: str) -> int:
    if errors == "raise" or n_items < 2:
        return 1  # stopping at the first error is a sequential notion
    if workers is None:
        return min(usable_cores(), 8) if n_items >= _PARALLEL_FROM else 1
    return max(1, min(workers, n_items))


def read_into(loaded: Loaded, item: Item, options: dict, *, features: bool = True) -> None:
    """Read one file or URL and add its articles and problems to ``loaded``.

    ``features=False`` leaves the records' near-duplicate features to the caller's
    :func:`~workbench.ingest.records.fill_features` (hashed for many items at once).
    """
    reading = {k: options[k] for k in ("columns", "max_bytes", "timeout")}
    fetching = {k: options.get(k) for k in FETCH_OPTIONS}
    first = len(loaded.records)
    for entry in _read_item(item, fetching=fetching, **reading):
        if isinstance(entry, Problem):
            loaded.problems.append(entry)
        else:
            add_article(loaded, entry, item, boilerplate=options["boilerplate"])
    if features:
        fill_features(loaded.records[first:])


def read_batch(items: list[Item], options: dict) -> Loaded:
    """Worker: read a run of items into a partial load (records keep their order)."""
    part = Loaded()
    for item in items:
        read_into(part, item, options, features=False)
    fill_features(part.records)
    return part


def read_parts(items: list[Item], options: dict) -> list[Loaded]:
    """Worker: read a run of items, one part per item (near-duplicate features hashed
    for the whole run at once)."""
    parts = [Loaded() for _ in items]
    for part, item in zip(parts, items, strict=True):
        read_into(part, item, options, features=False)
    fill_features([record for part in parts for record in part.records])
    return parts


def read_batch_apart(items: list[Item], options: dict) -> Loaded:
    """Read a run of files (a cluster task, a stream's file); a file that breaks its
    reader becomes a problem naming it, and the others are still read."""
    try:
        return read_batch(items, options)
    except Exception:  # noqa: BLE001 - find the file that broke it, keep the others
        part = Loaded()
        for item in items:
            one = Loaded()
            try:
                read_into(one, item, options)
            except Exception as exc:  # noqa: BLE001
                reason = f"failed while reading: {type(exc).__name__}: {exc}"
                one = Loaded(problems=[Problem(item.path, reason)])
            part.merge(one)
        return part


def read_each(items: list[Item], options: dict, workers: int) -> list[Loaded]:
    """One part per item, in order: in this process, or in ``workers`` processes (items
    travel in chunks, so a large folder costs few round trips)."""
    if workers <= 1:
        return read_parts(items, options)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, mp_context=process_context()) as pool:
        size = max(1, min(_RUN_ITEMS, len(items) // (workers * 8)))
        runs = [items[i : i + size] for i in range(0, len(items), size)]
        return [
            part for parts in pool.map(read_parts, runs, [options] * len(runs)) for part in parts
        ]


def check_raise(problems: list[Problem], errors: str) -> None:
    if errors == "raise":
        for p in problems:
            if p.level == "error":
                raise LoadError(p.path, p.message, p.location)


def _read_item(
    item: Item,
    *,
    columns: Mapping[str, str] | None,
    max_bytes: int,
    timeout: float,
    fetching: dict | None = None,
) -> Iterator[RawArticle | Problem]:
    """Read one file or URL into raw articles; every failure becomes a Problem."""
    path = item.path
    try:
        if item.is_url:
            from .fetch import fetch

            fetched = fetch(path, timeout=timeout, max_bytes=max_bytes)
            data, content_type, url = fetched.data, fetched.content_type, fetched.final_url
            charset = fetched.charset
            suffix = _suffix_for_content_type(
                content_type, PurePosixPath(urlparse(url).path).suffix.lower()
            )
            key = url_key(path)
        elif (suffix := format_suffix(name := Path(path).name)) in WARC_SUFFIXES:
            # A crawl's archive runs to gigabytes: read record by record, not whole.
            key = slug(name[: -len(suffix)])
            with open_regular(path) as archive:
                yield from read_warc(path, archive, key, max_bytes=max_bytes)
            return
        else:
            data = read_bytes(path, max_bytes=max_bytes)
            url = None
            key = slug(name[: -len(suffix)] if suffix else name)
            charset = None
        binary = sniff_binary(data, suffix)
        if binary is not None:
            if binary != suffix and suffix in ARTICLE_SUFFIXES:
                yield Problem(
                    path, f"named {suffix} but is a {binary} file: read as one", level="warning"
                )
            yield from read_binary(path, data, key, binary)
            return
        if suffix in BINARY_SUFFIXES or suffix in RTF_SUFFIXES:
            yield from read_binary(path, data, key, suffix)  # says what is wrong with it
            return
        text, warnings = _decode_declared(data, charset) if charset else decode(data)
        for w in warnings:
            yield Problem(path, w, level="warning")
        yield from _dispatch(
            path, text, key, suffix, url=url, columns=columns, fetching=fetching or {}
        )
    except (OSError, ValueError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if isinstance(exc, PermissionError):
            message = "permission denied"
        yield Problem(path, message)
    except RecursionError:
        yield Problem(path, "structure nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the corpus
        yield Problem(path, f"unexpected error while reading: {type(exc).__name__}: {exc}")


def _decode_declared(data: bytes, charset: str) -> tuple[str, list[str]]:
    """Decode with the charset the server declared; fall back to detection if it is wrong."""
    try:
        return data.decode(charset), []
    except (LookupError, UnicodeDecodeError):
        text, warnings = decode(data)
        return text, [
            f"declared charset {charset!r} does not fit the bytes; detected instead",
            *warnings,
        ]


def _dispatch(
    path: str,
    text: str,
    key: str,
    suffix: str,
    *,
    url: str | None,
    columns: Mapping[str, str] | None,
    fetching: dict,
) -> Iterator[RawArticle | Problem]:
    """Pick the reader by extension (or content type) and by a look at the content."""
    if suffix in TABLE_SUFFIXES and not columns and (kind := url_list_kind(text)):
        yield from read_url_list(
            path,
            text,
            key,
            kind=kind,
            delimiter="\t" if suffix == ".tsv" else None,
            fetching=fetching,
        )
    elif suffix in TABLE_SUFFIXES:
        yield from read_table(
            path, text, key, delimiter="\t" if suffix == ".tsv" else None, columns=columns
        )
    elif suffix in JSON_SUFFIXES:
        yield from read_json(path, text, key, lines=suffix != ".json", columns=columns)
    elif suffix in FEED_SUFFIXES or looks_like_feed(text):
        yield from read_feed(path, text, key)
    elif suffix in HTML_SUFFIXES or re.match(
        r"\s*(?:<!doctype html|<html)", text[:500], re.IGNORECASE
    ):
        yield from split_export_text(path, text, key, html=True) or read_html(
            path, text, key, url=url
        )
    else:
        yield from split_export_text(path, text, key, html=False) or read_text_file(
            path, text, key, markdown=suffix in {".md", ".markdown"}
        )


def _suffix_for_content_type(content_type: str, url_suffix: str) -> str:
    by_type = {
        "text/html": ".html",
        "application/xhtml+xml": ".html",
        "application/json": ".json",
        "application/x-ndjson": ".jsonl",
        "text/csv": ".csv",
        "text/tab-separated-values": ".tsv",
        "application/rss+xml": ".rss",
        "application/atom+xml": ".atom",
        "application/xml": ".xml",
        "text/xml": ".xml",
        "text/markdown": ".md",
        "application/pdf": ".pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
        "application/rtf": ".rtf",
        "text/rtf": ".rtf",
        "application/warc": ".warc",
    }
    # Servers label raw files generically (GitHub serves a CSV as text/plain): then the
    # address's own suffix says more than the content type.
    if content_type in ("text/plain", "application/octet-stream", ""):
        return url_suffix if url_suffix in ARTICLE_SUFFIXES else ".txt"
    return by_type.get(content_type) or url_suffix or ".html"
