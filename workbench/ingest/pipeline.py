"""Files, folders, globs, URLs -> the articles DataFrame.

The stages: resolve the source (``sources``), read each file or URL (``read``) with
the reader for its format (``readers/``), turn each raw article into a row: clean the
text (``clean``), find title, outlet and date (``records``, ``dates``); then apply the
analyst's metadata sidecar (``sidecar``), give stable ids and mark duplicates
(``dedupe``). Problems never stop the corpus: they are collected in the load report.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from ..core import schema as S
from ..core.errors import LoadError
from ..core.places import usable_default_workspace
from ..core.reports import LoadReport
from .dedupe import Features, duplicates_of, text_features
from .read import FEATURES_RUN, check_raise, read_each, read_into, worker_count
from .records import DEDUPE_KEY, DEDUPE_SIGNATURE, Loaded, detect_language, fill_features
from .sidecar import Sidecar, read_sidecars
from .sources import DEFAULT_MAX_BYTES, Item, Problem, resolve
from .split import read_split, split_workers


def load_articles(
    source: object,
    *,
    metadata: str | Path | pd.DataFrame | None = None,
    errors: Literal["collect", "raise"] = "collect",
    columns: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    boilerplate: str | None = None,
    timeout: float = 20.0,
    workers: int | None = None,
    fetch: bool = False,
    fetch_cache: str | Path | None = None,
    fetch_interval: float = 1.0,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Load news articles into the articles DataFrame.

    Parameters
    ----------
    source
        A file, a folder (read recursively), a glob, an http(s) URL, or a list of them.
        Reads .txt/.md (optional YAML front matter), .html, .csv/.tsv, .json/.jsonl,
        RSS/Atom feeds, .pdf, .docx, .rtf, WARC/ARC web archives, news-database exports
        of many articles per file (Nexis Uni, Factiva, ProQuest) and Media Cloud / GDELT
        URL lists. Formats not read (.doc, .odt, images, spreadsheets) are named in the
        load report with how to convert them.
    metadata
        A sidecar (CSV path or DataFrame) with per-file ``title``, ``source``, ``published``,
        ``url`` (and optionally ``date_basis``), keyed by ``file``, ``article_id`` or ``url``.
        A ``metadata.csv`` inside a loaded folder is used too. The sidecar wins over what
        is found in the files.
    errors
        ``"collect"`` records unreadable files, rows and entries in
        ``workbench.load_report(df)`` and loads the rest; ``"raise"`` raises
        :class:`workbench.LoadError` at the first one.
    columns
        Explicit mapping of a CSV/JSON column name to a role (``date``, ``title``,
        ``text``, ``url``, ``source``, ``language``), trusted over the header check.
    max_bytes
        Files (and downloads) larger than this are refused with a message.
    boilerplate
        A YAML file of whole-line boilerplate patterns replacing the packaged ones.
    timeout
        Seconds to wait on a URL before giving up.
    workers
        Processes reading files in parallel. Default: one per CPU for a large folder
        (over 1,000 files) or for a few files of many articles (over 4 MB in all), else
        one. Results are the same, in the same order.
    fetch
        Download the pages of URL lists (Media Cloud, GDELT). Off by default: a URL list
        then loads nothing and says so in the load report.
    fetch_cache
        Folder keeping the downloaded pages, so a rerun (or a run after an interruption)
        fetches nothing twice. Default: ``fetched`` in the corpus's workspace
        (``.workbench/<name>`` beside it).
    fetch_interval
        Seconds between two requests to the same host (one request at a time).
    progress
        A progress bar while fetching (default: for more than a few pages, in a terminal
        or a notebook).

    Returns
    -------
    DataFrame
        One row per article with the columns of :data:`workbench.core.schema.ARTICLE_COLUMNS`;
        ``workbench.load_report(df)`` (problems, by file and row) and
        ``workbench.cleaning_report(df)`` (every removed line, by rule) read the report
        it carries in ``df.attrs`` (:func:`read_articles` returns it beside the table).

    Examples
    --------
    >>> df = load_articles("data/articles")            # doctest: +SKIP
    >>> df[["title", "source", "published", "date_basis"]]  # doctest: +SKIP
    """
    articles, report = read_articles(
        source,
        metadata=metadata,
        errors=errors,
        columns=columns,
        max_bytes=max_bytes,
        boilerplate=boilerplate,
        timeout=timeout,
        workers=workers,
        fetch=fetch,
        fetch_cache=fetch_cache,
        fetch_interval=fetch_interval,
        progress=progress,
    )
    return report.attach_to(articles)


def read_articles(
    source: object,
    *,
    metadata: object = None,
    errors: str = "collect",
    columns: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    boilerplate: str | None = None,
    timeout: float = 20.0,
    workers: int | None = None,
    fetch: bool = False,
    fetch_cache: str | Path | None = None,
    fetch_interval: float = 1.0,
    progress: bool | None = None,
) -> tuple[pd.DataFrame, LoadReport]:
    """:func:`load_articles`, with the report beside the table instead of in its attrs."""
    if errors not in ("collect", "raise"):
        raise ValueError("errors must be 'collect' or 'raise'")
    plan = plan_load(source, metadata)
    check_raise(plan.loaded.problems, errors)
    if fetch and fetch_cache is None:
        fetch_cache = default_fetch_cache(source, plan.loaded.problems)
    options = read_options(
        columns=columns,
        max_bytes=max_bytes,
        timeout=timeout,
        boilerplate=boilerplate,
        fetch=fetch,
        fetch_cache=fetch_cache,
        fetch_interval=fetch_interval,
        progress=progress,
    )
    n_workers = worker_count(workers, len(plan.items), errors)
    if n_workers > 1:
        for part in read_each(plan.items, options, n_workers):
            plan.loaded.merge(part)
    elif (n_cleaners := split_workers(workers, plan.items, errors)) > 1:
        read_split(plan.loaded, plan.items, options, n_cleaners)  # a few big exports
    else:
        records, hashed = plan.loaded.records, 0
        for item in plan.items:
            before = len(plan.loaded.problems)
            read_into(plan.loaded, item, options, features=False)
            check_raise(plan.loaded.problems[before:], errors)
            if len(records) - hashed >= FEATURES_RUN:  # hashed together, a run at a time
                fill_features(records[hashed:])
                hashed = len(records)
        fill_features(records[hashed:])
    return finish_load(plan, errors=errors)


# -- the pieces every engine shares (in process, cached, streamed, on a cluster) --------
def read_options(
    *,
    columns: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 20.0,
    boilerplate: str | None = None,
    fetch: bool = False,
    fetch_cache: str | Path | None = None,
    fetch_interval: float = 1.0,
    progress: bool | None = None,
) -> dict:
    """The options a reader of one item needs, as one picklable dict."""
    return {
        "columns": columns,
        "max_bytes": max_bytes,
        "timeout": timeout,
        "boilerplate": boilerplate,
        "fetch": fetch,
        "fetch_cache": None if fetch_cache is None else str(fetch_cache),
        "fetch_interval": fetch_interval,
        "progress": progress,
    }


def default_fetch_cache(source: object, problems: list[Problem]) -> str | None:
    """``fetched`` in the default workspace of ``source``; None (said in the report) when
    there is none, e.g. for a URL."""
    folder, reason = usable_default_workspace(source)
    if folder is None:
        problems.append(
            Problem(
                _describe(source),
                f"fetched pages are not cached ({reason}); pass fetch_cache= to keep them",
                level="warning",
            )
        )
        return None
    return str(folder / "fetched")


@dataclass
class LoadPlan:
    """What a load reads (the items, in order) and applies after (the sidecar), with what
    has been read so far and the problems found on the way."""

    source: object
    items: list[Item]
    sidecar: Sidecar
    loaded: Loaded


def plan_load(source: object, metadata: object) -> LoadPlan:
    """Resolve the source into items and read the metadata sidecars, problems collected."""
    items, found_sidecars, problems = resolve(source)
    loaded = Loaded(problems=list(problems))
    sidecar = read_sidecars(found_sidecars, metadata, loaded.problems)
    return LoadPlan(source, items, sidecar, loaded)


def finish_load(plan: LoadPlan, *, errors: str = "collect") -> tuple[pd.DataFrame, LoadReport]:
    """Apply the sidecar to everything read, then :func:`assemble` the articles table."""
    loaded = plan.loaded
    loaded.problems.extend(plan.sidecar.apply(loaded.records, loaded.keys, plan.items))
    check_raise(loaded.problems, errors)
    return assemble(loaded, plan.source)


def assemble(loaded: Loaded, source: object) -> tuple[pd.DataFrame, LoadReport]:
    """The articles frame from read records (ids, duplicates), and its load report.

    The corpus-wide steps after reading, shared by every engine.
    """
    report = problems_table(loaded.problems)
    if not loaded.records:
        errors_only = [p for p in loaded.problems if p.level == "error"]
        reasons = "; ".join(f"{p.path}: {p.message}" for p in errors_only or loaded.problems)
        raise LoadError(
            _describe(source),
            f"no articles could be loaded. {reasons or 'No article files found.'}",
        )
    ids = _assign_ids(loaded.keys, [r[S.PATH] for r in loaded.records])
    for record, article_id in zip(loaded.records, ids, strict=True):
        record[S.ARTICLE_ID] = article_id
    _mark_duplicates(loaded.records)
    df = S.as_articles(loaded.records)
    key_to_id = dict(zip(loaded.keys, ids, strict=True))
    cleaning = pd.DataFrame(loaded.removals, columns=[*S.CLEANING_COLUMNS])
    if len(cleaning):
        cleaning[S.ARTICLE_ID] = cleaning[S.ARTICLE_ID].map(key_to_id)
    return df, LoadReport.of(report, cleaning)


def problems_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as load-report rows: ``path``, ``location``, ``level``, ``message``."""
    return pd.DataFrame(
        [[p.path, p.location, p.level, p.message] for p in problems], columns=S.REPORT_COLUMNS
    )


def _describe(source: object) -> str:
    """A source as the user would write it: a path, or paths joined by commas."""
    if isinstance(source, str | Path):
        return str(source)
    try:
        return ", ".join(str(s) for s in source)  # type: ignore[attr-defined]
    except TypeError:
        return str(source)


def _assign_ids(keys: list[str], paths: list[str]) -> list[str]:
    """Stable ids: the file's key, made unique by a hash of the path when keys collide."""
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    ids = []
    used: set[str] = set()
    for key, path in zip(keys, paths, strict=True):
        article_id = key
        if counts[key] > 1:
            article_id = f"{key}-{hashlib.sha1(path.encode()).hexdigest()[:8]}"
        suffix = 2
        base = article_id
        while article_id in used:
            article_id = f"{base}-{suffix}"
            suffix += 1
        used.add(article_id)
        ids.append(article_id)
    return ids


def _mark_duplicates(records: list[dict]) -> None:
    """Point each duplicate at the earliest published copy (undated last, then load order)."""
    order = sorted(
        range(len(records)),
        key=lambda i: (
            _undated(records[i][S.PUBLISHED]),
            records[i][S.PUBLISHED] or pd.Timestamp.max,
            i,
        ),
    )
    originals = duplicates_of([_features(records[i]) for i in order])
    for position, original in enumerate(originals):
        if original is not None:
            records[order[position]][S.DUPLICATE_OF] = records[order[original]][S.ARTICLE_ID]


def _undated(value: object) -> bool:
    """``pd.isna`` of a publication date, without its cost for the usual two cases."""
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, pd.Timestamp):
        return False
    return bool(pd.isna(value))


def _features(record: dict) -> Features:
    """What finding duplicates needs of a record's text: found when it was read, or now."""
    key = record.get(DEDUPE_KEY)
    if key is None:
        return text_features(record[S.TEXT])
    return key, record[DEDUPE_SIGNATURE]


__all__ = ["Sidecar", "load_articles", "detect_language"]
