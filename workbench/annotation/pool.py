"""Annotating on every core of this machine: batches of articles in a pool of processes.

:func:`annotate_articles` cuts the articles into consecutive batches, annotates them
with :func:`workbench.annotation.batch.annotate_batch` (in this process, or in ``workers``
processes) and puts the results together in the batches' order, so the tables are
row for row and dtype for dtype those of one process.

Workers are forked where the OS allows it: they inherit the annotator and the sentence
splitter already built (nothing is pickled, nothing rebuilt); elsewhere (spawn) each
builds its annotator once from the profile's bytes. Articles travel to a worker a batch
at a time (without the load report their table carries), tables come back, and at most a
few batches per worker are in flight, so memory holds a handful of batches beyond the
corpus itself.
"""

from __future__ import annotations

import math
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

import pandas as pd

from ..core import schema as S
from ..core.processes import daemonic, process_context, usable_cores
from .annotator import Annotator
from .batch import (
    Annotated,
    Failure,
    ProfileSource,
    annotate_batch,
    annotator_for,
    batch_input,
    combine,
    profile_source,
)

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

#: Below this many articles, ``workers=None`` annotates in one process. A pool costs
#: about 0.2 s to fork here, but where there is no fork (macOS, Windows: spawn) each
#: worker imports workbench and builds its annotator, about 2.5 s on this machine; one
#: process annotates 60-120 ukraine articles a second, so below ~300 articles a second
#: core saves less than that start costs. One threshold for every platform.
POOL_FROM = 300
BATCH = 50  # articles per batch at most: a progress step, a unit of work in a worker
STORE_EVERY = 1000  # articles per call of ``on_batch`` (a stored part: a crash loses this)
_IN_FLIGHT = 3  # batches per worker submitted ahead: enough to keep it busy, few in memory

# What a forked worker inherits, or a spawned one builds: the annotator and splitter.
_WORKER: dict[str, object] = {}

_PROGRESS_FROM = 200  # articles; fewer take too little time for a bar

OnBatch = Callable[[pd.DataFrame, pd.DataFrame, pd.DataFrame], object]


def annotation_workers(workers: int | None, n_articles: int) -> int:
    """Processes to annotate ``n_articles`` with: ``workers`` if given, else every usable
    core from :data:`POOL_FROM` articles on, else one.

    Examples
    --------
    >>> annotation_workers(1, 10_000), annotation_workers(None, 10)
    (1, 1)
    """
    if workers is not None:
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise ValueError(f"workers must be a whole number of at least 1, not {workers!r}")
        return workers
    return usable_cores() if n_articles >= POOL_FROM else 1


def progress_wanted(progress: bool | None, n: int) -> bool:
    """``progress`` if given, else on for many articles in a terminal or a notebook.

    Examples
    --------
    >>> progress_wanted(None, 10), progress_wanted(True, 10)
    (False, True)
    """
    if progress is not None:
        return progress
    interactive = sys.stderr.isatty() or "ipykernel" in sys.modules
    return n >= _PROGRESS_FROM and interactive


def batch_size(n_articles: int, workers: int) -> int:
    """Articles per batch: :data:`BATCH`, or fewer so every worker gets several batches.

    Examples
    --------
    >>> batch_size(10_000, 1), batch_size(10_000, 4), batch_size(40, 2)
    (50, 50, 5)
    """
    if workers <= 1:
        return BATCH
    return max(1, min(BATCH, math.ceil(n_articles / (workers * 4))))


def annotate_articles(
    annotator: Annotator,
    articles: pd.DataFrame,
    *,
    tokenizer: PunktSentenceTokenizer,
    workers: int | None = None,
    progress: bool | None = None,
    on_batch: OnBatch | None = None,
) -> Annotated:
    """Mentions, statements and lean of ``articles``, in one process or a pool.

    The rows equal one ``annotator.annotate(articles, tokenizer=tokenizer)``, in the
    same order and dtypes, whatever ``workers`` is (``None``: see
    :func:`annotation_workers`). An article that annotation fails on is left out of
    the tables and named in ``failures``; the others are annotated. ``progress``: a
    tqdm bar (articles/s). ``on_batch(articles, mentions, statements)`` receives, in
    order, every :data:`STORE_EVERY` articles with their lean columns (to store them as they
    are done).

    Examples
    --------
    >>> done = annotate_articles(Annotator(profile), articles,
    ...     tokenizer=train_tokenizer(articles["text"]), workers=2)  # doctest: +SKIP
    >>> done.mentions, done.statements, done.lean, done.failures    # doctest: +SKIP
    """
    from tqdm.auto import tqdm

    n_workers = annotation_workers(workers, len(articles))
    size = batch_size(len(articles), n_workers)
    sent = batch_input(articles)  # without the reports held in attrs: not the batches' to carry
    starts = range(0, len(articles), size)
    writer = _Writer(on_batch)
    done: list[Annotated] = []
    with tqdm(
        total=len(articles),
        unit=" articles",
        desc="annotating",
        disable=not progress_wanted(progress, len(articles)),
        delay=0 if progress else 2,
    ) as bar:
        batches = (sent.iloc[a : a + size] for a in starts)
        results = (
            _in_pool(annotator, tokenizer, batches, min(n_workers, len(starts)))
            if n_workers > 1 and len(starts) > 1 and not daemonic()
            else (annotate_batch(annotator, b, tokenizer) for b in batches)
        )
        for start, result in zip(starts, results, strict=True):
            done.append(result)
            writer.add(sent.iloc[start : start + size], result)
            bar.update(min(size, len(articles) - start))
    writer.flush()
    if not done:
        return annotate_batch(annotator, sent, tokenizer)
    return combine(done)


class _Writer:
    """Gathers annotated batches and hands them to ``on_batch`` every thousand articles."""

    def __init__(self, on_batch: OnBatch | None) -> None:
        self.on_batch = on_batch
        self.pending: list[tuple[pd.DataFrame, Annotated]] = []

    def add(self, articles: pd.DataFrame, result: Annotated) -> None:
        if self.on_batch is None:
            return
        self.pending.append((articles, result))
        if sum(len(a) for a, _ in self.pending) >= STORE_EVERY:
            self.flush()

    def flush(self) -> None:
        if self.on_batch is None or not self.pending:
            return
        done = combine([r for _, r in self.pending])
        batch = pd.concat([a for a, _ in self.pending])  # as batch_input left them
        failed = {f.article_id for f in done.failures}  # not stored: tried again next run
        if failed:
            batch = batch[~batch[S.ARTICLE_ID].astype(str).isin(failed)]
        self.on_batch(batch.merge(done.lean, on=S.ARTICLE_ID, how="left"), *done.tables[:2])
        self.pending.clear()


def _in_pool(
    annotator: Annotator,
    tokenizer: PunktSentenceTokenizer,
    batches: Iterator[pd.DataFrame],
    workers: int,
) -> Iterator[Annotated]:
    """Each batch's result, in order, from a pool of ``workers`` processes; a batch whose
    worker was lost (killed, out of memory) is annotated in this process instead."""
    context = process_context()
    forked = context.get_start_method() == "fork"
    shipped = annotator if forked else profile_source(annotator.profile)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(shipped, tokenizer),
    )
    try:
        flight: deque[tuple[pd.DataFrame, Future[Annotated] | None]] = deque()
        broken = False
        for batch in batches:
            flight.append((batch, None if broken else _submit(pool, batch)))
            broken = broken or flight[-1][1] is None
            if len(flight) >= workers * _IN_FLIGHT:
                yield _result(annotator, tokenizer, *flight.popleft())
        while flight:
            yield _result(annotator, tokenizer, *flight.popleft())
    finally:  # interrupted (Ctrl-C, an error here): batches not started are dropped
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, batch: pd.DataFrame) -> Future[Annotated] | None:
    try:
        return pool.submit(_annotate_in_worker, batch)
    except BrokenProcessPool:
        return None


def _result(
    annotator: Annotator,
    tokenizer: PunktSentenceTokenizer,
    batch: pd.DataFrame,
    future: Future[Annotated] | None,
) -> Annotated:
    """The worker's result for ``batch``, or this process's when the worker was lost."""
    if future is not None:
        try:
            return future.result()
        except BrokenProcessPool:
            pass
    done = annotate_batch(annotator, batch, tokenizer)
    done.notes.append(_lost_worker_note(batch))
    return done


def _lost_worker_note(batch: pd.DataFrame) -> dict[str, object]:
    """A load-report warning about a batch a lost worker left to this process."""
    ids = batch[S.ARTICLE_ID]
    return {
        S.REPORT_PATH: str(batch[S.PATH].iloc[0]) if S.PATH in batch else str(ids.iloc[0]),
        S.REPORT_LOCATION: f"articles {ids.iloc[0]} .. {ids.iloc[-1]} ({len(batch)})",
        S.REPORT_LEVEL: "warning",
        S.REPORT_MESSAGE: "a worker process was lost (killed, or out of memory): these "
        "articles were annotated in the main process instead",
    }


def _start_worker(annotator: Annotator | ProfileSource, tokenizer: PunktSentenceTokenizer) -> None:
    """Worker start: the annotator inherited (fork) or built from the profile (spawn)."""
    _WORKER["annotator"] = (
        annotator if isinstance(annotator, Annotator) else annotator_for(annotator)
    )
    _WORKER["tokenizer"] = tokenizer


def _annotate_in_worker(batch: pd.DataFrame) -> Annotated:
    return annotate_batch(_WORKER["annotator"], batch, _WORKER["tokenizer"])  # type: ignore[arg-type]


__all__ = ["Failure", "annotate_articles", "annotation_workers"]
