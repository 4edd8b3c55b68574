"""A workspace folder: cached loads and incremental, cached annotation.

A rerun of an unchanged corpus reads Parquet instead of reading, cleaning and annotating
files again. Two caches live in the workspace (``.workbench/<corpus>`` beside the corpus
by default, see :func:`default_workspace`):

- the *load cache* (:mod:`workbench.storage.load_cache`): the articles table of an unchanged
  load (every file's path, size and modification time, the sidecars, the options and
  the loading code), and what each file gave, so a changed corpus reads only the files
  that changed.
- the *store* (:class:`~workbench.storage.store.Store`): annotations per article content hash.
  Only articles whose hash is not stored under the current key are annotated.

The sentence splitter is learnt once, on the whole corpus of the first run, and reused
for every later increment, so a cached result equals annotating the whole corpus in one
go with that splitter. ``rebuild=True`` (``workbench annotate --rebuild``) empties the
workspace and relearns the splitter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from nltk.tokenize.punkt import PunktSentenceTokenizer

from ..annotation.annotator import Annotator
from ..annotation.pool import annotate_articles
from ..core import schema as S
from ..core.places import WORKSPACE_NAME as WORKSPACE_NAME
from ..core.places import default_workspace as default_workspace
from ..core.places import usable_default_workspace as usable_default_workspace
from .load_cache import cached_load_articles as cached_load_articles  # used by corpus
from .store import CONTENT_HASH, LEAN_COLUMNS, Store, content_hash

if TYPE_CHECKING:
    import duckdb

    from ..corpus import Corpus

logger = logging.getLogger("workbench.storage.workspace")


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
    failed: int = 0  # articles annotation failed on (not stored: tried again next run)
    problems: list[dict[str, object]] = field(default_factory=list)  # their report rows

    def __str__(self) -> str:
        load = "read from the load cache" if self.load_cached else "loaded from the files"
        text = (
            f"{self.articles} articles {load}; {self.reused} annotations reused, "
            f"{self.annotated - self.failed} annotated (workspace {self.workspace})"
        )
        if self.failed:
            text += f"; {self.failed} could not be annotated (see the load report)"
        return "\n".join([text, *self.messages])


@dataclass
class Cached:
    """A corpus's link to its workspace: the store, each article's hash, the run's report."""

    store: Store
    hashes: pd.Series
    report: CacheReport
    frame_ids: dict[str, int] = field(default_factory=dict)  # tables as read from the store


class WorkspaceWarning(UserWarning):
    """The default workspace cannot be used (a read-only corpus folder, a URL): the load
    runs without a cache."""


# -- cached annotation --------------------------------------------------------------
# An engine's writer: the store's ``write_batch(articles_with_lean, mentions, statements)``.
Write = Callable[[pd.DataFrame, pd.DataFrame, pd.DataFrame], object]


def annotate_missing(
    articles: pd.DataFrame,
    store: Store,
    annotate: Callable[[pd.DataFrame, PunktSentenceTokenizer, Write], None],
    *,
    hashes: pd.Series | None = None,
    skip: set[str] | frozenset[str] = frozenset(),
) -> int:
    """Annotate what the store lacks of ``articles`` (but the hashes in ``skip``: found
    unannotatable in this run); returns how many articles that was.

    The one routine every engine shares: the store's sentence splitter (learnt on
    ``articles`` when it has none), then ``annotate(todo, tokenizer, write)``, the
    engine (in this process, on a cluster, a partition of a stream), which annotates
    ``todo`` (with its ``content_hash`` column) and passes each batch, with its lean
    columns, to ``write``.
    """
    if not store.has_tokenizer:
        store.learn_tokenizer(articles[S.TEXT].astype(str))
    hashes = content_hash(articles) if hashes is None else hashes
    todo = articles[~hashes.isin(store.known(hashes) | set(skip)).to_numpy()]
    if len(todo):
        annotate(
            todo.assign(**{CONTENT_HASH: hashes[todo.index]}), store.tokenizer, store.write_batch
        )
    return len(todo)


def annotate_cached(
    articles: pd.DataFrame,
    store: Store,
    *,
    progress: bool | None = None,
    report: CacheReport | None = None,
    workers: int | None = None,
    skip: set[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, Cached]:
    """Mentions, statements and lean of ``articles``, annotating only what the store lacks.

    The splitter is the store's (learnt on ``articles`` when the store has none). The
    rows equal ``Annotator(profile).annotate(articles, tokenizer=store.tokenizer)``, in
    the same order and dtypes. ``workers``: processes annotating (see
    :func:`workbench.annotation.pool.annotate_articles`). An article annotation fails on is
    not stored, has no rows, and is named in ``cached.report.problems``; ``skip``: the
    content hashes of articles already found to fail (by another engine) in this run.

    Examples
    --------
    >>> store = Store(".workbench/articles", profile=load_profile("karabakh"))  # doctest: +SKIP
    >>> mentions, statements, lean, cached = annotate_cached(articles, store)  # doctest: +SKIP
    >>> cached.report.annotated                                             # doctest: +SKIP
    """
    if not store.has_tokenizer:  # before the key, which holds the splitter's hash
        store.learn_tokenizer(articles[S.TEXT].astype(str))
    hashes = content_hash(articles)
    report = report or CacheReport(store.root, store.key)
    report.key, report.articles = store.key, len(articles)
    why = store.changed()
    annotators: list[Annotator] = []
    failed: set[str] = set(skip or ())  # content hashes

    def in_process(todo: pd.DataFrame, tokenizer: PunktSentenceTokenizer, write: Write) -> None:
        if why and not report.annotated:
            message = f"{why}: all {len(todo)} articles are annotated again"
            if len(todo) < len(articles):
                message = f"{why}: {len(todo)} of {len(articles)} articles are annotated again"
            report.messages.append(message)
            logger.warning(message)
        annotators[:] = annotators or [Annotator(store.profile)]
        done = annotate_articles(
            annotators[0],
            todo,
            tokenizer=tokenizer,
            workers=workers,
            progress=progress,
            on_batch=write,
        )
        ids = {f.article_id for f in done.failures}
        failed.update(todo.loc[todo[S.ARTICLE_ID].astype(str).isin(ids), CONTENT_HASH])
        report.failed += len(done.failures)
        report.problems.extend(done.problems())

    for _ in range(3):  # a file found unreadable while reading is annotated again
        annotated = annotate_missing(articles, store, in_process, hashes=hashes, skip=failed)
        if annotated:
            report.annotated += annotated
            store.compact()
        lean, mentions, statements = store.read()
        if set(hashes) - failed <= set(lean[CONTENT_HASH]):
            break
    else:
        raise RuntimeError(f"the store in {store.root} keeps losing parts; delete it and rerun")
    report.reused = len(articles) - report.annotated
    order = pd.Series(range(len(hashes)), index=hashes.to_numpy())
    tables = []
    for frame in (mentions, statements, lean):
        # Rows of this corpus's articles, in its order: usually the store holds just
        # them, in that order already, and taking rows of text columns is not free.
        current = frame[CONTENT_HASH].isin(order.index).to_numpy()
        if not current.all():
            frame = frame[current]
        position = frame[CONTENT_HASH].map(order).to_numpy()
        if (np.diff(position) < 0).any():
            frame = frame.iloc[position.argsort(kind="stable")]
        tables.append(frame.drop(columns=CONTENT_HASH).reset_index(drop=True))
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
