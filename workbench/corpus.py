"""The Corpus: articles, mentions and statements of one source under one profile."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import schema as S
from .corrections import AppliedCorrections, apply_corrections, default_log
from .load import load_articles
from .profile import Profile, load_profile
from .statements import Annotator


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

    def __repr__(self) -> str:
        return (
            f"Corpus({len(self.articles)} articles, {len(self.mentions)} mentions, "
            f"{len(self.statements)} statements; profile {self.profile.name!r})"
        )


def annotate(articles: pd.DataFrame, *, profile: str | Path | Profile = "karabakh") -> Corpus:
    """Annotate an articles table: mentions, statements, and each article's lean.

    The input frame is not changed; the corpus holds a copy with ``lean``,
    ``lean_score``, ``lean_terms`` and ``tone`` added.

    Examples
    --------
    >>> corpus = annotate(load_articles("data/articles"))  # doctest: +SKIP
    """
    loaded = load_profile(profile)
    mentions, statements, lean = Annotator(loaded).annotate(articles)
    enriched = articles.drop(columns=S.ANNOTATION_COLUMNS, errors="ignore").merge(
        lean, on=S.ARTICLE_ID, how="left"
    )
    enriched.attrs = dict(articles.attrs)
    return Corpus(enriched, mentions, statements, loaded)


def load(
    source: object,
    *,
    profile: str | Path | Profile = "karabakh",
    metadata: str | Path | pd.DataFrame | None = None,
    client: object | None = None,
    corrections: str | Path | bool | None = None,
    **load_options: object,
) -> Corpus:
    """Load articles from ``source`` and annotate them with ``profile``.

    Parameters
    ----------
    source
        What :func:`workbench.load_articles` reads: a folder, file, glob, URL or list.
    profile
        A built-in profile name (``karabakh``, ``russia_ukraine``), a path to a profile
        YAML file, or a loaded :class:`~workbench.profile.Profile`.
    metadata
        A metadata sidecar (see :func:`workbench.load_articles`).
    client
        A ``distributed.Client``: read and annotate in partitions on that dask cluster
        (:func:`workbench.engine.annotate_on_cluster`); the rows are the same.
    corrections
        The analysts' corrections log, applied after annotation: by default
        ``<folder>/corrections.csv`` when ``source`` is a folder; a path; or False for
        none. See :mod:`workbench.corrections` and ``corpus.corrections.report``.

    Examples
    --------
    >>> corpus = load("data/articles")           # doctest: +SKIP
    >>> corpus.statements[["actor", "date", "stance", "act"]]  # doctest: +SKIP
    """
    if client is not None:
        from .engine import annotate_on_cluster

        return _corrected(
            annotate_on_cluster(
                source,
                client=client,
                profile=profile,
                metadata=metadata,
                **load_options,  # type: ignore[arg-type]
            ),
            source,
            corrections,
        )
    articles = load_articles(source, metadata=metadata, **load_options)  # type: ignore[arg-type]
    return _corrected(annotate(articles, profile=profile), source, corrections)


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
