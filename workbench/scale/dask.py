"""Beyond one process: loading and annotating a corpus in partitions.

Two engines build the same tables as :func:`workbench.load`:

- :func:`annotate_on_cluster` reads and annotates partitions on a ``dask.distributed``
  cluster. The corpus-wide steps run once on the driver, exactly as in one process:
  listing the files, the metadata sidecar, article ids, duplicates, and training the
  sentence splitter. The rows come back identical, in the same order.
- :func:`workbench.scale.stream.annotate_in_partitions` streams a corpus too large for
  memory through one process instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..annotation.annotator import Annotator, with_lean
from ..annotation.batch import (
    Annotated,
    ProfileSource,
    annotate_batch,
    annotator_for,
    batch_input,
    combine,
    profile_source,
)
from ..annotation.sentences import profile_tokenizer
from ..core import schema as S
from ..core.reports import LoadReport
from ..core.types import AnnotatedTables
from ..ingest.pipeline import finish_load, plan_load, read_options
from ..ingest.read import read_batch_apart
from ..ingest.records import Loaded
from ..ingest.sources import DEFAULT_MAX_BYTES, Problem
from ..profile.library import load_profile
from ..profile.model import Profile

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

DEFAULT_PARTITION_SIZE = 1_000  # articles per annotation task
_MAX_FILES_PER_TASK = 1_000
_READ_TASKS = 16  # about this many reading tasks, whatever the cluster's size


def _annotate_partition(
    articles: pd.DataFrame, profile: ProfileSource, tokenizer: PunktSentenceTokenizer
) -> Annotated:
    """Worker: one partition, annotated as every engine annotates a batch."""
    return annotate_batch(annotator_for(profile), articles, tokenizer)


def _lost_worker() -> tuple[type[BaseException], ...]:
    """What a task raises when its worker is lost (killed, out of memory, cut off), as
    opposed to an error of the task itself, which is raised to the caller."""
    from distributed import KilledWorker
    from distributed.client import FutureCancelledError

    return (KilledWorker, FutureCancelledError, OSError, TimeoutError)  # OSError: comms


def _failure(stage: str, exc: BaseException) -> str:
    return f"failed while {stage} on the cluster: {type(exc).__name__}: {exc}"


def partitions(n: int, size: int) -> list[slice]:
    """Consecutive slices of ``range(n)`` of at most ``size``: the same for the same input.

    Examples
    --------
    >>> partitions(5, 2)
    [slice(0, 2, None), slice(2, 4, None), slice(4, 5, None)]
    """
    if size < 1:
        raise ValueError("partition size must be at least 1")
    return [slice(start, min(start + size, n)) for start in range(0, n, size)]


def _files_per_task(n_items: int) -> int:
    return max(1, min(_MAX_FILES_PER_TASK, math.ceil(n_items / _READ_TASKS)))


def load_on_cluster(source: object, *, client: Any, **options: Any) -> pd.DataFrame:
    """:func:`workbench.load_articles` with the files read on a dask cluster.

    The files are listed on the driver and read in tasks of consecutive files; the
    sidecar, ids and duplicate marks are then applied to all articles on the driver, so
    the frame (and its load report) equals the one :func:`workbench.load_articles`
    returns. The workers must see the files at the same paths (a shared filesystem).
    A partition whose task fails (a worker lost) is named file by file in the load
    report; the other partitions still load. ``options`` are those of
    :func:`read_on_cluster` (``metadata``, ``columns``, ``max_bytes``, …).

    Examples
    --------
    >>> from distributed import Client                        # doctest: +SKIP
    >>> df = load_on_cluster("data/articles", client=Client())  # doctest: +SKIP
    """
    articles, report = read_on_cluster(source, client=client, **options)
    return report.attach_to(articles)


def read_on_cluster(
    source: object,
    *,
    client: Any,
    metadata: str | Path | pd.DataFrame | None = None,
    columns: dict[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    boilerplate: str | None = None,
    timeout: float = 20.0,
    errors: str = "collect",
) -> tuple[pd.DataFrame, LoadReport]:
    """:func:`load_on_cluster`, with the load report beside the table."""
    if errors != "collect":
        raise ValueError("the cluster engine collects problems: errors must be 'collect'")
    plan = plan_load(source, metadata)
    options = read_options(
        columns=columns, max_bytes=max_bytes, timeout=timeout, boilerplate=boilerplate
    )
    runs = [plan.items[s] for s in partitions(len(plan.items), _files_per_task(len(plan.items)))]
    futures = client.map(read_batch_apart, runs, options=options, pure=False)
    for i, run in enumerate(runs):
        future, futures[i] = futures[i], None  # its result is freed on the worker once here
        try:
            part = future.result()
        except _lost_worker() as exc:  # a lost partition must not lose the corpus
            part = Loaded(problems=[Problem(item.path, _failure("reading", exc)) for item in run])
        del future
        plan.loaded.merge(part)
    return finish_load(plan)


def annotate_on_cluster(
    source: object,
    *,
    client: Any,
    profile: str | Path | Profile = "karabakh",
    partition_size: int = DEFAULT_PARTITION_SIZE,
    workspace: str | Path | None = None,
    metadata: str | Path | pd.DataFrame | None = None,
    **load_options: Any,
) -> AnnotatedTables:
    """Load and annotate a corpus on a dask cluster: the same tables as :func:`workbench.load`.

    Parameters
    ----------
    source
        What :func:`workbench.load_articles` reads, or an articles DataFrame.
    client
        A connected ``distributed.Client`` (a ``LocalCluster``, or a scheduler address
        from dask-jobqueue, Kubernetes or Coiled).
    profile
        A built-in profile name, a profile YAML path or a loaded Profile.
    partition_size
        Articles per annotation task. The partitions are consecutive runs of the
        articles table, so the result does not depend on it.
    workspace
        A workspace folder: articles already in its store are not annotated again, and
        each new partition is written to the store as it arrives.
    metadata, load_options
        As for :func:`workbench.load_articles` (``columns``, ``max_bytes``,
        ``boilerplate``, ``timeout``).

    Returns
    -------
    AnnotatedTables
        Articles, mentions and statements: row for row and dtype for dtype those of
        the in-process engine.

    Examples
    --------
    >>> from distributed import Client, LocalCluster                     # doctest: +SKIP
    >>> client = Client(LocalCluster(n_workers=2, threads_per_worker=1))  # doctest: +SKIP
    >>> corpus = annotate_on_cluster("data/articles", client=client)    # doctest: +SKIP
    """
    loaded_profile = load_profile(profile)
    load_options.pop("workers", None)  # the cluster decides how many read at once
    if isinstance(source, pd.DataFrame):
        articles, report = source, LoadReport.from_attrs(source)
    else:
        articles, report = read_on_cluster(source, client=client, metadata=metadata, **load_options)
    notes: list[dict] = []  # a partition annotated in the driver process instead
    if workspace is not None:
        tables = _annotate_with_store(
            articles, client, loaded_profile, Path(workspace), partition_size, notes
        )
    else:
        tokenizer = profile_tokenizer(loaded_profile, articles[S.TEXT].astype(str))
        mentions, statements, lean = _annotate_partitions(
            articles, client, loaded_profile, tokenizer, partition_size, notes=notes
        )
        tables = AnnotatedTables(with_lean(articles, lean), mentions, statements)
    tables.report = report.with_problems(notes)
    return tables


def _annotate_with_store(
    articles: pd.DataFrame,
    client: Any,
    profile: Profile,
    workspace: Path,
    partition_size: int,
    notes: list[dict],
) -> AnnotatedTables:
    """Annotate on the cluster what the store lacks, each partition stored as it arrives.

    The tables are then read back by :func:`workbench.storage.workspace.annotate_cached`, so
    they are those of ``workbench.load(..., workspace=...)``.
    """
    from ..storage.store import CONTENT_HASH, Store
    from ..storage.workspace import CacheReport, Write, annotate_cached, annotate_missing

    store = Store(workspace, profile=profile)
    failed: set[str] = set()  # content hashes of articles annotation failed on

    def on_cluster(todo: pd.DataFrame, tokenizer: PunktSentenceTokenizer, write: Write) -> None:
        def store_part(part: pd.DataFrame, result: Annotated) -> None:
            ids = {f.article_id for f in result.failures}  # not stored: tried next run
            lost = part[S.ARTICLE_ID].astype(str).isin(ids)
            failed.update(part.loc[lost, CONTENT_HASH])
            write(with_lean(part[~lost], result.lean), result.mentions, result.statements)

        _annotate_partitions(
            todo, client, profile, tokenizer, partition_size, notes=notes, each=store_part
        )

    annotated = annotate_missing(articles, store, on_cluster)
    report = CacheReport(store.root, store.key, annotated=annotated)
    mentions, statements, lean, cached = annotate_cached(
        articles, store, report=report, skip=failed
    )
    return AnnotatedTables(with_lean(articles, lean), mentions, statements, cache=cached)


def _annotate_partitions(
    articles: pd.DataFrame,
    client: Any,
    profile: Profile,
    tokenizer: PunktSentenceTokenizer,
    partition_size: int,
    *,
    notes: list[dict],
    each: Callable[[pd.DataFrame, Annotated], None] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Annotate consecutive partitions on the cluster and concatenate them in order."""
    sent = batch_input(articles)  # what annotation reads, no more, travels
    slices = partitions(len(sent), partition_size)
    if not slices:
        return Annotator(profile).annotate(sent, tokenizer=tokenizer)
    shared = client.scatter([profile_source(profile), tokenizer], broadcast=True)
    scattered = client.scatter([sent.iloc[s] for s in slices])
    futures = [client.submit(_annotate_partition, p, *shared, pure=False) for p in scattered]
    del scattered  # a partition's input is freed on its worker once annotated
    results: list[Annotated] = []
    for i, where in enumerate(slices):
        future, futures[i] = futures[i], None  # and its result once gathered
        try:
            result = future.result()
        except _lost_worker() as exc:  # annotate the part here; a bug in the task is raised
            problem = _failure("annotating", exc) + "; annotated in the driver process instead"
            notes.append(_note(sent.iloc[where], problem))
            result = annotate_batch(Annotator(profile), sent.iloc[where], tokenizer)
        del future
        if each is not None:
            each(articles.iloc[where], result)
        notes.extend(f.problem() for f in result.failures)
        results.append(result)
    return combine(results).tables


def _note(part: pd.DataFrame, message: str) -> dict:
    """A load-report row (a warning) about one partition of articles."""
    return {
        S.REPORT_PATH: f"{part[S.PATH].iloc[0]} .. {part[S.PATH].iloc[-1]}",
        S.REPORT_LOCATION: f"{len(part)} articles",
        S.REPORT_LEVEL: "warning",
        S.REPORT_MESSAGE: message,
    }
