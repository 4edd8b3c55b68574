"""A workspace folder: cached loads and incremental, cached annotation.

A rerun of an unchanged corpus reads Parquet instead of reading, cleaning and annotating
files again. Two caches live in the workspace (``.workbench/<corpus>`` beside the corpus
by default, see :func:`default_workspace`):

- the *load cache*: the articles table of one load, keyed by every file's path, size and
  modification time, the sidecars, the options and the loading code. Any change reloads
  the whole source (ids and duplicates depend on the whole corpus).
- the *store* (:class:`~workbench.store.Store`): annotations per article content hash.
  Only articles whose hash is not stored under the current key are annotated.

The sentence splitter is learnt once, on the whole corpus of the first run, and reused
for every later increment, so a cached result equals annotating the whole corpus in one
go with that splitter. ``rebuild=True`` (``workbench annotate --rebuild``) empties the
workspace and relearns the splitter.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa
from nltk.tokenize.punkt import PunktSentenceTokenizer

from . import schema as S
from .load import load_articles
from .sources import resolve
from .statements import Annotator
from .store import CONTENT_HASH, LEAN_COLUMNS, Store, StoreWarning, content_hash
from .store_files import digest, read_parquet_checked, write_json_atomic, write_parquet_atomic

if TYPE_CHECKING:
    import duckdb

    from .corpus import Corpus

logger = logging.getLogger("workbench.workspace")

WORKSPACE_NAME = ".workbench"
_KEEP_LOADS = 3
_BATCH = 1000  # articles per stored part: a crash loses at most this much work
_CHUNK = 50  # articles per progress-bar step
_PROGRESS_FROM = 200  # articles; fewer take too little time for a bar


@dataclass
class CacheReport:
    """What a cached run did: articles reused and annotated, and why."""

    workspace: Path
    key: str
    articles: int = 0
    annotated: int = 0
    reused: int = 0
    load_cached: bool = False
    messages: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        load = "read from the load cache" if self.load_cached else "loaded from the files"
        text = (
            f"{self.articles} articles {load}; {self.reused} annotations reused, "
            f"{self.annotated} annotated (workspace {self.workspace})"
        )
        return "\n".join([text, *self.messages])


@dataclass
class Cached:
    """A corpus's link to its workspace: the store, each article's hash, the run's report."""

    store: Store
    hashes: pd.Series
    report: CacheReport
    frame_ids: dict[str, int] = field(default_factory=dict)  # tables as read from the store


def default_workspace(source: object) -> Path:
    """``.workbench/<name>`` beside the corpus: next to a folder (so copying or zipping the
    corpus folder leaves the cache behind), in the folder of a file or a glob's files.

    Several sources use their first entry; a URL has no folder, so needs ``workspace=``.

    Examples
    --------
    >>> default_workspace("data/articles")
    PosixPath('data/.workbench/articles')
    >>> default_workspace("exports/nyt.csv")
    PosixPath('exports/.workbench/nyt.csv')
    """
    first = source[0] if isinstance(source, list | tuple) and source else source
    if not isinstance(first, str | os.PathLike) or str(first).startswith(("http://", "https://")):
        raise ValueError("a workspace= folder is needed for this source (no folder to put it in)")
    text = os.fspath(first)
    path = Path(text).expanduser()
    if any(ch in text for ch in "*?["):
        static = Path(re.split(r"[*?\[]", text, maxsplit=1)[0] or ".").expanduser()
        folder = static if static.is_dir() else static.parent
        return folder / WORKSPACE_NAME / f"glob-{digest(text.encode())[:12]}"
    path = path.resolve() if path.name in ("", ".", "..") else path
    return path.parent / WORKSPACE_NAME / path.name


def progress_wanted(progress: bool | None, n: int) -> bool:
    """``progress`` if given, else on for many articles in a terminal or a notebook."""
    if progress is not None:
        return progress
    interactive = sys.stderr.isatty() or "ipykernel" in sys.modules
    return n >= _PROGRESS_FROM and interactive


def annotate_in_chunks(
    annotator: Annotator,
    articles: pd.DataFrame,
    *,
    tokenizer: PunktSentenceTokenizer,
    progress: bool | None = None,
    on_batch: Callable[[pd.DataFrame, pd.DataFrame, pd.DataFrame], object] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``annotator.annotate`` a chunk at a time with a tqdm bar (articles/s).

    The rows equal one call on the whole table with the same ``tokenizer``.
    ``on_batch(articles, mentions, statements)`` receives every :data:`_BATCH` articles
    with their lean columns (to store them as they are done).
    """
    from tqdm.auto import tqdm

    articles = articles.copy(deep=False)
    articles.attrs = {}  # reports held in attrs are not the chunks' to carry (concat compares them)
    done: list[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]] = []
    pending: list[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]] = []

    def flush() -> None:
        if on_batch is not None and pending:
            batch = pd.concat([p[0] for p in pending]).drop(
                columns=S.ANNOTATION_COLUMNS, errors="ignore"
            )
            lean = pd.concat([p[3] for p in pending], ignore_index=True)
            on_batch(
                batch.merge(lean, on=S.ARTICLE_ID, how="left"),
                pd.concat([p[1] for p in pending], ignore_index=True),
                pd.concat([p[2] for p in pending], ignore_index=True),
            )
        pending.clear()

    with tqdm(
        total=len(articles),
        unit=" articles",
        desc="annotating",
        disable=not progress_wanted(progress, len(articles)),
        delay=0 if progress else 2,
    ) as bar:
        for start in range(0, len(articles), _CHUNK):
            chunk = articles.iloc[start : start + _CHUNK]
            mentions, statements, lean = annotator.annotate(chunk, tokenizer=tokenizer)
            done.append((mentions, statements, lean))
            pending.append((chunk, mentions, statements, lean))
            if sum(len(p[0]) for p in pending) >= _BATCH:
                flush()
            bar.update(len(chunk))
    flush()
    if not done:
        return annotator.annotate(articles, tokenizer=tokenizer)
    return tuple(pd.concat([d[i] for d in done], ignore_index=True) for i in range(3))


# -- the load cache -------------------------------------------------------------
@lru_cache(maxsize=1)
def _loading_code() -> bytes:
    """Every module and resource of the package: a change may change what is loaded."""
    package = resources.files("workbench")
    chunks = [
        entry.read_bytes()
        for entry in sorted(package.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".py")
    ]
    lexicons = package.joinpath("resources")
    chunks += [
        e.read_bytes() for e in sorted(lexicons.iterdir(), key=lambda e: e.name) if e.is_file()
    ]
    return digest(*chunks).encode()


def _stat(path: str | Path) -> bytes:
    info = os.stat(path)
    return f"{os.fspath(path)}|{info.st_size}|{info.st_mtime_ns}".encode()


def load_fingerprint(source: object, metadata: object, options: dict) -> str | None:
    """A hash of what a load reads (paths, sizes, mtimes, sidecars, options, code), or
    None when it cannot be cached (URLs, a file that vanished)."""
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
) -> tuple[pd.DataFrame, bool]:
    """:func:`workbench.load_articles`, or its cached result when nothing it reads changed.

    Returns the articles and whether they came from the cache.
    """
    loads = workspace / "loads"
    if rebuild:
        shutil.rmtree(loads, ignore_errors=True)
    fingerprint = load_fingerprint(source, metadata, options)
    folder = loads / fingerprint if fingerprint else None
    if folder is not None and (folder / "done.json").exists():
        try:
            articles = read_parquet_checked(folder / "articles.parquet")
            articles = articles[S.ARTICLE_COLUMNS].astype(S.ARTICLE_DTYPES)
            articles.attrs["load_report"] = read_parquet_checked(folder / "load_report.parquet")
            articles.attrs["cleaning_report"] = read_parquet_checked(
                folder / "cleaning_report.parquet"
            )
            os.utime(folder / "done.json")
            return articles, True
        except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
            warnings.warn(
                f"the load cache {folder} is unreadable ({exc}); the files are read again",
                StoreWarning,
                stacklevel=2,
            )
            shutil.rmtree(folder, ignore_errors=True)
    articles = load_articles(source, metadata=metadata, **options)  # type: ignore[arg-type]
    if folder is not None:
        _save_load(articles, folder)
    return articles, False


def _save_load(articles: pd.DataFrame, folder: Path) -> None:
    """Write a load to the cache (the ``done.json`` marker last) and prune old loads."""
    folder.mkdir(parents=True, exist_ok=True)
    plain = articles.copy()
    plain.attrs = {}
    write_parquet_atomic(plain, folder / "articles.parquet")
    for name in ("load_report", "cleaning_report"):
        write_parquet_atomic(articles.attrs[name], folder / f"{name}.parquet")
    write_json_atomic({"articles": len(articles)}, folder / "done.json")
    others = [p for p in folder.parent.iterdir() if p.is_dir() and p != folder]
    others.sort(
        key=lambda p: (p / "done.json").stat().st_mtime if (p / "done.json").exists() else 0
    )
    for old in others[: max(0, len(others) - (_KEEP_LOADS - 1))]:
        shutil.rmtree(old, ignore_errors=True)


# -- cached annotation --------------------------------------------------------------
def annotate_cached(
    articles: pd.DataFrame,
    store: Store,
    *,
    progress: bool | None = None,
    report: CacheReport | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, Cached]:
    """Mentions, statements and lean of ``articles``, annotating only what the store lacks.

    The splitter is the store's (learnt on ``articles`` when the store has none). The
    rows equal ``Annotator(profile).annotate(articles, tokenizer=store.tokenizer)``, in
    the same order and dtypes.
    """
    if not store.has_tokenizer:
        store.learn_tokenizer(articles[S.TEXT].astype(str))
    hashes = content_hash(articles)
    report = report or CacheReport(store.root, store.key)
    report.key, report.articles = store.key, len(articles)
    why = store.changed()
    annotator: Annotator | None = None
    for _ in range(3):  # a file found unreadable while reading is annotated again
        known = store.known(hashes)
        todo = articles[~hashes.isin(known).to_numpy()]
        if len(todo):
            if why and not report.annotated:
                message = f"{why}: all {len(todo)} articles are annotated again"
                if len(todo) < len(articles):
                    message = f"{why}: {len(todo)} of {len(articles)} articles are annotated again"
                report.messages.append(message)
                logger.warning(message)
            annotator = annotator or Annotator(store.profile)
            annotate_in_chunks(
                annotator,
                todo.assign(**{CONTENT_HASH: hashes[todo.index]}),
                tokenizer=store.tokenizer,
                progress=progress,
                on_batch=store.write_batch,
            )
            report.annotated += len(todo)
            store.compact()
        lean, mentions, statements = store.read()
        if set(hashes) <= set(lean[CONTENT_HASH]):
            break
    else:
        raise RuntimeError(f"the store in {store.root} keeps losing parts; delete it and rerun")
    report.reused = len(articles) - report.annotated
    order = pd.Series(range(len(hashes)), index=hashes.to_numpy())
    tables = []
    for frame in (mentions, statements, lean):
        frame = frame[frame[CONTENT_HASH].isin(order.index)]
        position = frame[CONTENT_HASH].map(order).to_numpy()
        frame = frame.iloc[position.argsort(kind="stable")].drop(columns=CONTENT_HASH)
        tables.append(frame.reset_index(drop=True))
    mentions, statements, lean = tables
    return mentions, statements, lean[LEAN_COLUMNS], Cached(store, hashes, report)


# -- DuckDB ---------------------------------------------------------------------------
def connect(corpus: Corpus) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with views ``articles``, ``mentions`` and ``statements``.

    Mentions and statements are views over the store's Parquet files (restricted to the
    corpus's articles) when the corpus came from a workspace and the table is unchanged
    since (corrections replace it); otherwise the frames in memory are scanned.
    """
    import duckdb

    con = duckdb.connect()
    con.register("articles", corpus.articles)
    cached = corpus.cache
    stored: dict[str, list[Path]] = {}
    if cached is not None:
        for name in ("mentions", "statements"):
            if cached.frame_ids.get(name) == id(getattr(corpus, name)):
                stored[name] = cached.store.files(name)
        if stored and cached.store.known(cached.hashes) != set(cached.hashes):
            stored = {}  # a part went missing: the frames in memory are complete
    if stored:
        current = pd.DataFrame({CONTENT_HASH: cached.hashes.astype(str).to_numpy()})  # type: ignore[union-attr]
        con.register("_current_articles", current)
    for name in ("mentions", "statements"):
        files = stored.get(name)
        if files:
            listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
            con.execute(
                f"CREATE VIEW {name} AS SELECT * EXCLUDE ({CONTENT_HASH}) "
                f"FROM read_parquet([{listed}]) "
                f"WHERE {CONTENT_HASH} IN (SELECT {CONTENT_HASH} FROM _current_articles)"
            )
        else:
            con.register(name, getattr(corpus, name))
    return con
