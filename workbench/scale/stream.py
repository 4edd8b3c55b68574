"""A corpus too large for memory, loaded and annotated a partition at a time into a store.

:func:`annotate_in_partitions` reads files in order, and each partition of articles is
given ids, annotated (only what the workspace's store lacks), written to the store and
dropped. The tables are then queried with DuckDB over the store's Parquet files.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

import pandas as pd

from ..core import schema as S
from ..core.reports import LoadReport
from ..ingest.dedupe import exact_key
from ..ingest.pipeline import assemble, plan_load, problems_table, read_options
from ..ingest.read import read_batch_apart
from ..ingest.records import Loaded
from ..ingest.sources import DEFAULT_MAX_BYTES, Item
from ..profile.model import Profile

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from ..storage.file_cache import FileCache
    from ..storage.store import Store


@dataclass
class Streamed:
    """What :func:`annotate_in_partitions` did; the tables are in ``store``."""

    store: Store
    articles: int = 0
    annotated: int = 0
    partitions: int = 0
    load_report: pd.DataFrame = field(default_factory=lambda: problems_table([]))
    article_files: list[Path] = field(default_factory=list)

    def __repr__(self) -> str:
        return (
            f"Streamed({self.articles} articles in {self.partitions} partitions, "
            f"{self.annotated} annotated, {self.articles - self.annotated} reused; "
            f"store {self.store.root})"
        )


class ReadKeywords(TypedDict, total=False):
    """What :func:`stream_articles` reads with (its keywords, passed through)."""

    metadata: str | Path | pd.DataFrame | None
    columns: dict[str, str] | None
    max_bytes: int
    boilerplate: str | None
    timeout: float


def annotate_in_partitions(
    source: object,
    *,
    workspace: str | Path,
    profile: str | Path | Profile = "karabakh",
    partition_size: int = 5_000,
    workers: int | None = None,
    **read: Unpack[ReadKeywords],
) -> Streamed:
    """Load and annotate a corpus too large for memory, a partition at a time, into a store.

    ``read`` holds the keywords of :func:`stream_articles` (``metadata``, ``columns``,
    ``max_bytes``, ``boilerplate``, ``timeout``). ``workers``: processes annotating
    each partition (see :func:`workbench.annotation.pool.annotate_articles`).

    Files are read in order until a partition holds ``partition_size`` articles; the
    partition is given ids, annotated (only articles the store lacks) and written to
    the workspace's store (and its articles, without their text, to
    ``<workspace>/streamed/articles-NNNNN.parquet``, replaced on each run), then
    dropped. Memory is that of one partition, plus about 100 bytes per article read
    (its id and a text digest, to keep ids unique and find copies). Query the result
    with DuckDB over ``store.files("statements")``.

    Differences from :func:`workbench.load`, which sees the whole corpus at once:

    - the sentence splitter is learnt on the first partition when the workspace has
      none yet (a whole-corpus one is reused when it has);
    - near-duplicates are found within a partition; across partitions only exact
      copies (same words) are marked, pointing at the first copy read;
    - an id taken by an earlier partition gets a hash of the file's path appended.

    Examples
    --------
    >>> run = annotate_in_partitions("corpus/", workspace="ws", profile="russia_ukraine")
    ... # doctest: +SKIP
    >>> run.store.files("statements")[:1]                                # doctest: +SKIP
    """
    # Imported here: streaming articles alone needs none of the annotation stack.
    from ..annotation.annotator import Annotator
    from ..annotation.pool import annotate_articles
    from ..profile.library import load_profile
    from ..storage.store import Store
    from ..storage.workspace import Write, annotate_missing

    loaded_profile = load_profile(profile)
    store = Store(workspace, profile=loaded_profile)
    annotator = Annotator(loaded_profile)
    failed: list[dict[str, object]] = []  # load-report rows of articles annotation failed on

    def in_process(todo: pd.DataFrame, tokenizer: PunktSentenceTokenizer, write: Write) -> None:
        done = annotate_articles(
            annotator, todo, tokenizer=tokenizer, workers=workers, progress=False, on_batch=write
        )
        failed.extend(done.problems())

    stream = stream_articles(
        source, partition_size=partition_size, file_cache=store.root / "files", **read
    )
    run = Streamed(store)
    shutil.rmtree(store.root / "streamed", ignore_errors=True)
    for articles in stream:
        # The splitter is learnt on the first partition when the workspace has none.
        run.annotated += annotate_missing(articles, store, in_process)
        run.articles += len(articles)
        run.partitions += 1
        run.article_files.append(_write_articles(articles, store.root, run.partitions))
    run.load_report = stream.load_report
    if failed:
        frames = [run.load_report, pd.DataFrame(failed, columns=S.REPORT_COLUMNS)]
        run.load_report = pd.concat([f for f in frames if len(f)], ignore_index=True)
    return run


class ArticleStream:
    """The articles of a source, one table per partition: what ``stream_articles`` gives.

    Iterate it once; each table is what :func:`workbench.load_articles` gives for
    those files (ids made unique across partitions, exact copies of an earlier
    partition marked). ``load_report`` holds every problem, complete once iterated.
    """

    def __init__(
        self,
        source: object,
        partition_size: int,
        metadata: object,
        options: dict,
        file_cache: Path | None = None,
    ):
        if partition_size < 1:
            raise ValueError("partition size must be at least 1")
        self.source = source
        self.file_cache = file_cache
        self.partition_size = partition_size
        self.load_report = problems_table([])
        self.articles = 0
        self._metadata = metadata
        self._options = options
        self._started = False

    def __iter__(self) -> Iterator[pd.DataFrame]:
        if self._started:
            raise RuntimeError("an ArticleStream is read once: call stream_articles again")
        self._started = True
        plan = plan_load(self.source, self._metadata)
        items, sidecar = plan.items, plan.sidecar
        reports = [problems_table(plan.loaded.problems)]
        seen_ids: set[str] = set()
        copies: dict[bytes, str] = {}
        cache = None
        if self.file_cache is not None:
            from ..storage.file_cache import FileCache

            try:
                cache = FileCache(Path(self.file_cache), self._options)
            except OSError:
                cache = None  # a boilerplate file that cannot be read: reading says so
        for part, part_items in _stream(items, self._options, self.partition_size, cache):
            applied = sidecar.apply(part.records, part.keys, part_items)
            part.problems += [p for p in applied if not p.message.startswith(_UNMATCHED)]
            if not part.records:
                reports.append(problems_table(part.problems))
                continue
            articles, report = assemble(part, self.source)
            articles, report = _unique_ids(articles, report, seen_ids)
            articles = _mark_copies(articles, copies)
            reports.append(report.problems)
            self.articles += len(articles)
            self._setproblems_table(reports)
            yield report.attach_to(articles)  # each table carries its own report
        reports.append(problems_table(sidecar.apply([], [], [])))  # rows no partition used
        self._setproblems_table(reports)

    def _setproblems_table(self, reports: list[pd.DataFrame]) -> None:
        frames = [f for f in reports if len(f)]
        if frames:
            self.load_report = pd.concat(frames, ignore_index=True)

    def __repr__(self) -> str:
        return f"ArticleStream({self.source!r}, partition_size={self.partition_size})"


def stream_articles(
    source: object,
    *,
    partition_size: int = 5_000,
    metadata: str | Path | pd.DataFrame | None = None,
    columns: dict[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    boilerplate: str | None = None,
    timeout: float = 20.0,
    file_cache: str | Path | None = None,
) -> ArticleStream:
    """Load a corpus too large for memory as a stream of article tables.

    Files are read in order until a table holds ``partition_size`` articles (a file
    is never split, so a table may hold one file's rows more). Memory is that of one
    table plus about 100 bytes per article already read. Options are those of
    :func:`workbench.load_articles`; near-duplicates are found within a table, exact
    copies across tables. ``file_cache``: a workspace's ``files`` folder, where what
    each file gave is added (see :mod:`workbench.storage.file_cache`), so that a later
    :func:`workbench.load` of the corpus reads no file again.

    Examples
    --------
    >>> stream = stream_articles("big_corpus/", partition_size=10_000)  # doctest: +SKIP
    >>> words = sum(int(part["n_words"].sum()) for part in stream)      # doctest: +SKIP
    >>> stream.load_report                                              # doctest: +SKIP
    """
    options = read_options(
        columns=columns, max_bytes=max_bytes, timeout=timeout, boilerplate=boilerplate
    )
    return ArticleStream(
        source, partition_size, metadata, options, None if file_cache is None else Path(file_cache)
    )


_UNMATCHED = "sidecar row matches no loaded article"
_FAILED = "failed while reading"  # a reader broke (read_batch_apart): not cached


def _stream(
    items: list[Item], options: dict, size: int, cache: FileCache | None = None
) -> Iterator[tuple[Loaded, list[Item]]]:
    """Read items in order, yielding partial loads of at least ``size`` articles; what
    each file gave goes to ``cache`` too (a partition at a time)."""
    part, part_items = Loaded(), []
    lines: list[str | None] = []
    for item in items:
        one = read_batch_apart([item], options)
        if cache is not None and not any(p.message.startswith(_FAILED) for p in one.problems):
            try:
                lines.append(cache.entry(item, one))  # now: the records change later
            except OSError:
                pass  # the file is gone: nothing to key it by
        part.merge(one)
        part_items.append(item)
        if len(part.records) >= size:
            if cache is not None:
                cache.write(lines)
                lines = []
            yield part, part_items
            part, part_items = Loaded(), []
    if cache is not None:
        cache.write(lines)
    if part_items:
        yield part, part_items


def _write_articles(articles: pd.DataFrame, root: Path, n: int) -> Path:
    """The partition's articles table without its text (ids, outlets, dates, duplicates)."""
    from ..storage.store import write_parquet_atomic

    folder = root / "streamed"
    folder.mkdir(exist_ok=True)
    path = folder / f"articles-{n:05d}.parquet"
    plain = articles.drop(columns=[S.TEXT])
    plain.attrs = {}
    write_parquet_atomic(plain, path)
    return path


def _unique_ids(
    articles: pd.DataFrame, report: LoadReport, seen: set[str]
) -> tuple[pd.DataFrame, LoadReport]:
    """Ids taken by an earlier partition made unique (path hash, then a number), in the
    table and in its cleaning report."""
    ids = articles[S.ARTICLE_ID].tolist()
    if seen.isdisjoint(ids):
        seen.update(ids)
        return articles, report
    taken = set(ids) | seen
    renamed = {}
    for article_id, path in zip(ids, articles[S.PATH], strict=True):
        if article_id in seen:
            base = f"{article_id}-{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"
            new, n = base, 2
            while new in taken:
                new, n = f"{base}-{n}", n + 1
            taken.add(new)
            renamed[article_id] = new
    seen.update(renamed.get(i, i) for i in ids)
    out = articles.copy()
    for column in (S.ARTICLE_ID, S.DUPLICATE_OF):
        out[column] = out[column].replace(renamed)
    cleaning = report.removed
    if len(cleaning):
        cleaning[S.ARTICLE_ID] = cleaning[S.ARTICLE_ID].replace(renamed)
        report = report.with_removed(cleaning)
    return out, report


def _mark_copies(articles: pd.DataFrame, copies: dict[bytes, str]) -> pd.DataFrame:
    """Exact copies of an article of an earlier partition point at it."""
    keys = [bytes.fromhex(exact_key(str(t)))[:12] for t in articles[S.TEXT]]
    earlier = [copies.get(k, "") for k in keys]
    for key, article_id in zip(keys, articles[S.ARTICLE_ID], strict=True):
        copies.setdefault(key, article_id)
    if not any(earlier):
        return articles
    out = articles.copy()
    marks = pd.Series(earlier, index=out.index, dtype="string")
    out[S.DUPLICATE_OF] = out[S.DUPLICATE_OF].mask(marks != "", marks)
    return out
