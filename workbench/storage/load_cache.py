"""The workspace's load cache: a rerun reads Parquet instead of the files, and a changed
corpus re-reads only the files that changed.

Two levels, both keyed by what a load reads and by the loading code (every module and
resource of the package):

- *whole loads* (``loads/<fingerprint>/``): the articles table with its load and
  cleaning reports, for a source whose every file (path, size, modification time),
  sidecar and option is unchanged: nothing is read or cleaned again.
- *files* (``files/files.jsonl``, :mod:`workbench.storage.file_cache`): what reading and
  cleaning each file gave (texts with their near-duplicate keys and signatures), keyed
  by its path, size and modification time. When the corpus changed, only new or changed
  files are read; the corpus-wide steps (metadata sidecar, ids, duplicates) always run
  on the whole, from what is cached per text, so the table equals
  :func:`workbench.load_articles` on the same source. The streaming engine fills it too.

URLs, ``errors="raise"``, ``fetch=True`` (the fetched pages have their own cache) and
unknown options are not cached: they load as usual.
"""

from __future__ import annotations

import logging
import os
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..core import schema as S
from ..core.reports import CLEANING_REPORT, LOAD_REPORT, LoadReport
from ..ingest.pipeline import finish_load, plan_load, read_articles
from ..ingest.read import read_each, worker_count
from ..ingest.records import Loaded
from ..ingest.sources import resolve
from .file_cache import READ_DEFAULTS, FileCache, file_stat, loading_code, reading_options
from .files import digest, read_parquet_checked, write_json_atomic, write_parquet_atomic
from .store import StoreWarning

logger = logging.getLogger("workbench.storage.load_cache")

_KEEP_LOADS = 3
_FILE_OPTIONS = {*READ_DEFAULTS, "errors", "workers"}


def load_fingerprint(source: object, metadata: object, options: dict) -> str | None:
    """A hash of what a load reads (paths, sizes, mtimes, sidecars, options, code), or
    None when it cannot be cached (URLs, a file that vanished)."""
    if options.get("fetch"):
        return None  # what a URL list gives depends on the web, not only on the files
    try:
        items, sidecars, problems = resolve(source)
        if any(item.is_url for item in items):
            return None
        chunks = [loading_code(), repr(sorted(options.items(), key=str)).encode()]
        chunks += [file_stat(i.path) + i.root.encode() for i in items]
        chunks += [b"sidecars", *(file_stat(p) for p in sidecars)]
        chunks += [repr(p).encode() for p in problems]
        if isinstance(metadata, pd.DataFrame):
            hashed = pd.util.hash_pandas_object(metadata, index=True).to_numpy().tobytes()
            chunks += [repr(list(metadata.columns)).encode(), hashed]
        elif metadata is not None:
            chunks.append(file_stat(Path(metadata)))  # type: ignore[arg-type]
        boilerplate = options.get("boilerplate")
        if boilerplate:
            chunks.append(file_stat(Path(boilerplate)))
    except (OSError, TypeError):
        return None
    return digest(*chunks)


def cached_load_articles(
    source: object,
    workspace: Path,
    *,
    metadata: object = None,
    rebuild: bool = False,
    **options: object,
) -> tuple[pd.DataFrame, LoadReport, bool]:
    """:func:`workbench.load_articles`, from the cache as far as nothing it reads changed.

    Returns the articles, their load report and whether the whole load came from the
    cache.

    Examples
    --------
    >>> articles, report, cached = cached_load_articles("data/articles", Path("ws"))
    ... # doctest: +SKIP
    """
    loads = workspace / "loads"
    if rebuild:
        shutil.rmtree(loads, ignore_errors=True)
        shutil.rmtree(workspace / "files", ignore_errors=True)
    fingerprint = load_fingerprint(source, metadata, options)
    folder = loads / fingerprint if fingerprint else None
    if folder is not None and (folder / "done.json").exists():
        try:
            articles = read_parquet_checked(folder / "articles.parquet")
            articles = articles[S.ARTICLE_COLUMNS].astype(S.ARTICLE_DTYPES)
            report = LoadReport.of(
                read_parquet_checked(folder / f"{LOAD_REPORT}.parquet"),
                read_parquet_checked(folder / f"{CLEANING_REPORT}.parquet"),
            )
            os.utime(folder / "done.json")
            return articles, report, True
        except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
            warnings.warn(
                f"the load cache {folder} is unreadable ({exc}); the files are read again",
                StoreWarning,
                stacklevel=2,
            )
            shutil.rmtree(folder, ignore_errors=True)
    loaded = None
    if folder is not None:
        loaded = load_by_file(source, workspace / "files", metadata=metadata, **options)
    if loaded is None:
        loaded = read_articles(source, metadata=metadata, **options)  # type: ignore[arg-type]
    articles, report = loaded
    if folder is not None:
        _save_load(articles, report, folder)
    return articles, report, False


def _save_load(articles: pd.DataFrame, report: LoadReport, folder: Path) -> None:
    """Write a load to the cache (the ``done.json`` marker last) and prune old loads."""
    folder.mkdir(parents=True, exist_ok=True)
    write_parquet_atomic(articles, folder / "articles.parquet")
    write_parquet_atomic(report.problems, folder / f"{LOAD_REPORT}.parquet")
    write_parquet_atomic(report.removed, folder / f"{CLEANING_REPORT}.parquet")
    write_json_atomic({"articles": len(articles)}, folder / "done.json")
    others = [p for p in folder.parent.iterdir() if p.is_dir() and p != folder]
    others.sort(
        key=lambda p: (p / "done.json").stat().st_mtime if (p / "done.json").exists() else 0
    )
    for old in others[: max(0, len(others) - (_KEEP_LOADS - 1))]:
        shutil.rmtree(old, ignore_errors=True)


# -- per file -------------------------------------------------------------------------
def load_by_file(
    source: object, folder: Path, *, metadata: object = None, **options: object
) -> tuple[pd.DataFrame, LoadReport] | None:
    """:func:`workbench.load_articles`, reading only files not in the file cache in
    ``folder`` (then updated); None when this load cannot use it (URLs, options)."""
    if set(options) - _FILE_OPTIONS or options.get("errors", "collect") != "collect":
        return None
    if options.get("fetch"):
        return None
    plan = plan_load(source, metadata)
    items = plan.items
    if not items or any(item.is_url for item in items):
        return None
    try:
        cache = FileCache(folder, options)
        keys = [cache.key(item) for item in items]
    except OSError:
        return None  # a file (or the boilerplate file) vanished: the plain loader says so
    known = cache.read()
    parts: list[Loaded | None] = [known.get(key) for key in keys]
    todo = [i for i, part in enumerate(parts) if part is None]
    if todo:
        workers = options.get("workers")
        n_workers = worker_count(
            workers if isinstance(workers, int) else None, len(todo), "collect"
        )
        fresh = read_each([items[i] for i in todo], reading_options(options), n_workers)
        for i, part in zip(todo, fresh, strict=True):
            parts[i] = part
        cache.add((keys[i], parts[i]) for i in todo)  # type: ignore[misc]
    cache.keep_only({key: part for key, part in zip(keys, parts, strict=True) if part})
    logger.info("read %d of %d files, the others from the file cache", len(todo), len(items))
    for done in parts:  # every part is there by now; each is this load's own to change
        plan.loaded.merge(done)  # type: ignore[arg-type]
    return finish_load(plan)
