"""The workspace's load cache: a rerun reads Parquet instead of the files, and a changed
corpus re-reads only the files that changed.

Two levels, both keyed by what a load reads and by the loading code (every module and
resource of the package):

- *whole loads* (``loads/<fingerprint>/``): the articles table with its load and
  cleaning reports, for a source whose every file (path, size, modification time),
  sidecar and option is unchanged: nothing is read or cleaned again.
- *files* (``files/files.jsonl``): what reading and cleaning each file gave, keyed by its
  path, size and modification time. When the corpus changed, only new or changed files
  are read; the corpus-wide steps (metadata sidecar, ids, duplicates) always run on the
  whole, so the table equals :func:`workbench.load_articles` on the same source.

URLs, ``errors="raise"``, ``fetch=True`` (the fetched pages have their own cache) and
unknown options are not cached: they load as usual.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa

from ..core import schema as S
from ..core.reports import CLEANING_REPORT, LOAD_REPORT, LoadReport
from ..ingest.pipeline import finish_load, plan_load, read_articles, read_options
from ..ingest.read import read_each, worker_count
from ..ingest.records import Loaded
from ..ingest.sources import Problem, resolve
from .files import (
    LOADING_ROOMS,
    code_fingerprint,
    digest,
    read_parquet_checked,
    write_json_atomic,
    write_parquet_atomic,
)
from .store import StoreWarning

logger = logging.getLogger("workbench.storage.load_cache")

_KEEP_LOADS = 3
_READ_OPTIONS = read_options()  # the options a file's reading depends on, with defaults
_FILE_OPTIONS = {*_READ_OPTIONS, "errors", "workers"}


def _loading_code() -> bytes:
    """The loading code (``ingest/``, ``core/`` and the resources): a change there may
    change what is loaded."""
    return code_fingerprint(LOADING_ROOMS).encode()


def _stat(path: str | Path) -> bytes:
    info = os.stat(path)
    return f"{os.fspath(path)}|{info.st_size}|{info.st_mtime_ns}".encode()


def load_fingerprint(source: object, metadata: object, options: dict) -> str | None:
    """A hash of what a load reads (paths, sizes, mtimes, sidecars, options, code), or
    None when it cannot be cached (URLs, a file that vanished)."""
    if options.get("fetch"):
        return None  # what a URL list gives depends on the web, not only on the files
    try:
        items, sidecars, problems = resolve(source)
        if any(item.is_url for item in items):
            return None
        chunks = [_loading_code(), repr(sorted(options.items(), key=str)).encode()]
        chunks += [_stat(i.path) + i.root.encode() for i in items]
        chunks += [b"sidecars", *(_stat(p) for p in sidecars)]
        chunks += [repr(p).encode() for p in problems]
        if isinstance(metadata, pd.DataFrame):
            hashed = pd.util.hash_pandas_object(metadata, index=True).to_numpy().tobytes()
            chunks += [repr(list(metadata.columns)).encode(), hashed]
        elif metadata is not None:
            chunks.append(_stat(Path(metadata)))  # type: ignore[arg-type]
        boilerplate = options.get("boilerplate")
        if boilerplate:
            chunks.append(_stat(Path(boilerplate)))
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
    reading = {k: options.get(k, default) for k, default in _READ_OPTIONS.items()}
    context = digest(_loading_code(), repr(sorted(reading.items(), key=str)).encode())
    try:
        if reading["boilerplate"]:
            context = digest(context.encode(), _stat(Path(str(reading["boilerplate"]))))
        keys = [digest(_stat(item.path), item.root.encode()) for item in items]
    except OSError:
        return None  # a file vanished: the plain loader reports it
    cache = folder / "files.jsonl"
    known = _read_file_cache(cache, context)
    parts: list[Loaded | None] = [known.get(key) for key in keys]
    todo = [i for i, part in enumerate(parts) if part is None]
    if todo:
        workers = options.get("workers")
        n_workers = worker_count(
            workers if isinstance(workers, int) else None, len(todo), "collect"
        )
        fresh = read_each([items[i] for i in todo], reading, n_workers)
        for i, part in zip(todo, fresh, strict=True):
            parts[i] = part
        _write_file_cache(cache, context, keys, parts)
    logger.info("read %d of %d files, the others from the file cache", len(todo), len(items))
    for done in (p for p in parts if p is not None):  # every part is there by now
        plan.loaded.merge(done.copy())  # the steps below change records
    return finish_load(plan)


def _encode(value: object) -> object:
    """JSON for the values of a read record: timestamps and bytes tagged, others refused."""
    if isinstance(value, pd.Timestamp):
        return {"$ts": value.isoformat()}
    if isinstance(value, bytes):
        return {"$b": value.hex()}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(obj: dict) -> object:
    if len(obj) == 1:
        if "$ts" in obj:
            return pd.Timestamp(obj["$ts"])
        if "$b" in obj:
            return bytes.fromhex(obj["$b"])
    return obj


def _read_file_cache(path: Path, context: str) -> dict[str, Loaded]:
    """The cached parts by file key; empty when absent, from other code or unreadable."""
    if not path.exists():
        return {}
    parts: dict[str, Loaded] = {}
    try:
        with path.open(encoding="utf-8") as f:
            if json.loads(f.readline()) != {"context": context}:
                return {}
            for line in f:
                entry = json.loads(line, object_hook=_decode)
                parts[entry["key"]] = Loaded(
                    records=entry["records"],
                    keys=entry["keys"],
                    problems=[Problem(*p) for p in entry["problems"]],
                    removals=entry["removals"],
                )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        warnings.warn(
            f"the file cache {path} is unreadable ({exc}); every file is read again",
            StoreWarning,
            stacklevel=3,
        )
        return {}
    return parts


def _write_file_cache(path: Path, context: str, keys: list[str], parts: list) -> None:
    """Write the parts of this load as the file cache (atomically); skip what JSON cannot hold."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8") as f:
            f.write(json.dumps({"context": context}) + "\n")
            for key, part in zip(keys, parts, strict=True):
                entry = {
                    "key": key,
                    "records": part.records,
                    "keys": part.keys,
                    "problems": [[p.path, p.message, p.location, p.level] for p in part.problems],
                    "removals": part.removals,
                }
                f.write(json.dumps(entry, default=_encode) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except (TypeError, ValueError, OSError) as exc:
        logger.info("file cache not written: %s", exc)
        tmp.unlink(missing_ok=True)
