"""The Corpus: articles, mentions and statements of one source under one profile."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .annotation.annotator import Annotator, with_lean
from .annotation.pool import annotate_articles, annotation_workers
from .annotation.sentences import profile_tokenizer
from .core import schema as S
from .core.errors import LoadError, StoreError
from .core.reports import LoadReport
from .corrections.apply import AppliedCorrections, apply_corrections
from .corrections.log import default_log
from .ingest.pipeline import read_articles
from .profile.library import load_profile
from .profile.model import Profile
from .storage.workspace import (
    Cached,
    WorkspaceWarning,
    annotate_cached,
    cached_load_articles,
    usable_default_workspace,
)


@dataclass
class Corpus:
    """Articles, mentions and statements, annotated with one profile.

    Build it with :func:`workbench.load`.
    """

    articles: pd.DataFrame
    mentions: pd.DataFrame
    statements: pd.DataFrame
    profile: Profile
    corrections: AppliedCorrections | None = None  # the analysts' log, applied
    cache: Cached | None = field(default=None, repr=False)  # the workspace store, if any
    report: LoadReport = field(default_factory=LoadReport, repr=False)  # what loading found

    def __repr__(self) -> str:
        problems = self.report.problems
        errors = int((problems[S.REPORT_LEVEL] == "error").sum())
        warned = int((problems[S.REPORT_LEVEL] == "warning").sum())
        said = (
            f"{errors} problems (could not be read or annotated), {warned} warnings: "
            "see corpus.report.problems"
            if errors or warned
            else "no problems"
        )
        return (
            f"Corpus({len(self.articles)} articles, {len(self.mentions)} mentions, "
            f"{len(self.statements)} statements; {said}; profile {self.profile.name!r})"
        )

    def connect(self):  # -> duckdb.DuckDBPyConnection (duckdb is imported lazily)
        """A DuckDB connection with views ``articles``, ``mentions`` and ``statements``.

        With a workspace, mentions and statements are read from the store's Parquet
        files (only this corpus's articles); otherwise, and for a table changed since
        (corrections), from the frames in memory.
        """
        from .storage.workspace import connect

        return connect(self)

    def query(self, sql: str) -> pd.DataFrame:
        """Run SQL (DuckDB) over ``articles``, ``mentions`` and ``statements``.

        Examples
        --------
        >>> corpus.query("SELECT actor, count(*) AS n FROM statements GROUP BY actor")
        ... # doctest: +SKIP
        """
        con = self.connect()
        try:
            return con.execute(sql).df()
        finally:
            con.close()


def annotate(
    articles: pd.DataFrame,
    *,
    profile: str | Path | Profile = "karabakh",
    progress: bool | None = None,
    workers: int | None = None,
) -> Corpus:
    """Annotate an articles table: mentions, statements, and each article's lean.

    The input frame is not changed; the corpus holds a copy with ``lean``,
    ``lean_score``, ``lean_terms`` and ``tone`` added. ``progress``: a tqdm bar with
    articles/s (default: for many articles in a terminal or notebook). ``workers``:
    processes annotating at once (default: every usable core for a corpus of
    :data:`~workbench.annotation.pool.POOL_FROM` articles or more, else one; ``1``: this
    process only); the tables are the same whatever it is. An article annotation fails
    on keeps its row, without lean or tone, and is named in ``corpus.report.problems``.

    Examples
    --------
    >>> corpus = annotate(load_articles("data/articles"))  # doctest: +SKIP
    """
    return _annotated(articles, LoadReport.from_attrs(articles), profile, progress, workers)


def _annotated(
    articles: pd.DataFrame,
    report: LoadReport,
    profile: str | Path | Profile,
    progress: bool | None,
    workers: int | None,
) -> Corpus:
    """Annotate without a workspace (see :func:`annotate`)."""
    loaded = load_profile(profile)
    tokenizer = profile_tokenizer(loaded, articles[S.TEXT].astype(str))
    done = annotate_articles(
        Annotator(loaded), articles, tokenizer=tokenizer, progress=progress, workers=workers
    )
    return Corpus(
        with_lean(articles, done.lean),
        done.mentions,
        done.statements,
        loaded,
        report=report.with_problems(done.problems()),
    )


def load(
    source: object,
    *,
    profile: str | Path | Profile = "karabakh",
    metadata: str | Path | pd.DataFrame | None = None,
    client: object | None = None,
    corrections: str | Path | bool | None = None,
    workspace: str | Path | None = None,
    cache: bool | None = None,
    rebuild: bool = False,
    progress: bool | None = None,
    workers: int | None = None,
    **load_options: object,
) -> Corpus:
    """Load articles from ``source`` and annotate them with ``profile``.

    Parameters
    ----------
    source
        What :func:`workbench.load_articles` reads: a folder, file, glob, URL or list.
    profile
        A built-in profile name (``karabakh``, ``russia_ukraine``), a path to a profile
        YAML file, or a loaded :class:`~workbench.profile.model.Profile`.
    metadata
        A metadata sidecar (see :func:`workbench.load_articles`).
    client
        A ``distributed.Client``: read and annotate in partitions on that dask cluster
        (:func:`workbench.scale.dask.annotate_on_cluster`); the rows are the same.
    corrections
        The analysts' corrections log, applied after annotation: by default
        ``<folder>/corrections.csv`` when ``source`` is a folder; a path; or False for
        none. See :mod:`workbench.corrections.log` and ``corpus.corrections.report``.
    workspace
        A folder for the load cache and the annotation store, instead of the default
        ``.workbench/<name>`` beside the corpus (see
        :func:`~workbench.storage.workspace.default_workspace`).
    cache
        Reuse the workspace (the default): an unchanged corpus is read from Parquet, only
        new or edited articles are annotated (see :mod:`workbench.storage.workspace`);
        the run's figures are in ``corpus.cache.report``. ``cache=False`` loads and
        annotates everything in memory and writes nothing. Where the default workspace
        cannot be used (a read-only corpus folder, a URL) the load runs without a cache
        and says so with a :class:`~workbench.storage.workspace.WorkspaceWarning`;
        ``cache=True`` makes that an error instead.
    rebuild
        Empty the workspace first and relearn the sentence splitter.
    progress
        A tqdm bar with articles/s while annotating (default: for many articles in a
        terminal or notebook).
    workers
        Processes reading and annotating at once. Default: every usable core for a
        corpus large enough to gain from it (1,000 files to read,
        :data:`~workbench.annotation.pool.POOL_FROM` articles to annotate), else one; ``1``:
        this process only. The tables are the same whatever it is. An article that
        annotation fails on keeps its row, without lean or tone, and is named in
        ``corpus.report.problems``; the others are annotated.

    Examples
    --------
    >>> corpus = load("data/articles")           # doctest: +SKIP
    >>> corpus.statements[["actor", "date", "stance", "act"]]  # doctest: +SKIP
    """
    annotation_workers(workers, 0)  # a wrong number is refused before anything is read
    root = _workspace(source, workspace=workspace, cache=cache)
    if client is not None:
        from .scale.dask import annotate_on_cluster

        if load_options.pop("fetch", False):
            raise LoadError(
                str(source),
                "fetching a URL list's pages is not done on a Dask cluster: load it once "
                "without a scheduler (workbench load --fetch), then use the cluster",
            )
        load_options.pop("fetch_interval", None)  # (workers: the cluster's own)

        tables = annotate_on_cluster(
            source,
            client=client,
            profile=profile,
            metadata=metadata,
            workspace=root,
            **load_options,  # type: ignore[arg-type]
        )
        built = Corpus(
            tables.articles,
            tables.mentions,
            tables.statements,
            load_profile(profile),
            cache=tables.cache,
            report=tables.report,
        )
        return _corrected(built, source, corrections)
    if root is not None:
        return _corrected(
            _load_cached(
                source,
                root,
                profile=profile,
                metadata=metadata,
                rebuild=rebuild,
                progress=progress,
                workers=workers,
                **load_options,
            ),
            source,
            corrections,
        )
    articles, report = read_articles(
        source,
        metadata=metadata,
        workers=workers,
        **load_options,  # type: ignore[arg-type]
    )
    return _corrected(_annotated(articles, report, profile, progress, workers), source, corrections)


def _workspace(source: object, *, workspace: str | Path | None, cache: bool | None) -> Path | None:
    """The workspace a load uses: none with ``cache=False``, the one given, else the default
    beside the corpus; where that cannot be used (a read-only folder, a URL) none, with a
    :class:`WorkspaceWarning` saying why, or a StoreError when ``cache=True`` asked for it."""
    if cache is False:
        return None
    if workspace is not None:
        return Path(workspace).expanduser()
    folder, reason = usable_default_workspace(source)
    if folder is None and cache:
        raise StoreError(f"no workspace: {reason}")
    if folder is None:
        warnings.warn(
            f"no workspace ({reason}); loading without a cache "
            "(workspace=DIR to keep one elsewhere, cache=False to load without one)",
            WorkspaceWarning,
            stacklevel=3,
        )
    return folder


def _load_cached(
    source: object,
    root: Path,
    *,
    profile: str | Path | Profile,
    metadata: object,
    rebuild: bool,
    progress: bool | None,
    workers: int | None,
    **load_options: object,
) -> Corpus:
    """Load and annotate through the workspace ``root`` (see :func:`load`)."""
    from .storage.store import Store
    from .storage.workspace import CacheReport

    loaded = load_profile(profile)
    if load_options.get("fetch"):
        if load_options.get("fetch_cache") is None:
            load_options["fetch_cache"] = root / "fetched"  # a URL list's pages, for reruns
        load_options.setdefault("progress", progress)  # the bar while fetching, as asked
    # the articles first: a source that cannot be loaded leaves no workspace behind
    articles, loaded_report, from_cache = cached_load_articles(
        source, root, metadata=metadata, rebuild=rebuild, workers=workers, **load_options
    )
    store = Store(root, profile=loaded)
    if rebuild:
        store.clear()
    report = CacheReport(root, "", load_cached=from_cache)
    mentions, statements, lean, cached = annotate_cached(
        articles, store, progress=progress, report=report, workers=workers
    )
    cached.frame_ids = {"mentions": id(mentions), "statements": id(statements)}
    enriched = with_lean(articles, lean)
    loaded_report = loaded_report.with_problems(report.problems)
    return Corpus(enriched, mentions, statements, loaded, cache=cached, report=loaded_report)


def _corrected(corpus: Corpus, source: object, log: str | Path | bool | None) -> Corpus:
    """The corpus with its corrections log applied (see :func:`load`)."""
    path = default_log(source) if log is None or log is True else (log or None)
    return apply_corrections(corpus, log=path, warn=True) if path is not None else corpus


def load_statements(source: object, **options: object) -> pd.DataFrame:
    """The statements table alone (``actor``, ``date``, ``stance``, ``act``, evidence, …)."""
    return load(source, **options).statements  # type: ignore[arg-type]


def unresolved_speakers(corpus: Corpus) -> pd.DataFrame:
    """Speakers found in the text but unknown to the profile, most frequent first.

    One row per name as written, with the number of statements and articles and an
    example sentence: the list to extend the profile from.
    """
    st = corpus.statements[~corpus.statements[S.RESOLVED]]
    if st.empty:
        return pd.DataFrame(columns=["speaker", "statements", "articles", "example"])
    grouped = st.groupby(S.ACTOR, sort=False)
    table = pd.DataFrame(
        {
            "statements": grouped.size(),
            "articles": grouped[S.ARTICLE_ID].nunique(),
            "example": grouped[S.SENTENCE].first(),
        }
    ).rename_axis("speaker")
    return table.sort_values(
        ["statements", "articles"], ascending=False, kind="stable"
    ).reset_index()
