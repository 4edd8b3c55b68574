"""Annotating one batch of articles: the code every engine runs (one process, a pool of
processes, a Dask cluster), so their tables are the same whatever runs it.

A batch is annotated in one call; if that fails, article by article, so one article
that breaks annotation is reported (:class:`Failure`) and the others are kept.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..core import schema as S
from ..profile.library import load_profile
from ..profile.model import Profile
from .annotator import Annotator

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer


@dataclass(frozen=True)
class Failure:
    """An article that annotation failed on: kept in the articles table, without lean,
    tone, mentions or statements; its row in the load report says why."""

    article_id: str
    path: str
    reason: str

    def problem(self) -> dict[str, object]:
        """The load-report row (an error) that names the article and what went wrong."""
        return {
            S.REPORT_PATH: self.path,
            S.REPORT_LOCATION: f"article {self.article_id}",
            S.REPORT_LEVEL: "error",
            S.REPORT_MESSAGE: f"could not be annotated ({self.reason}); the article is "
            "kept without lean, tone, mentions or statements",
        }


@dataclass
class Annotated:
    """Mentions, statements and lean of a batch (as ``Annotator.annotate`` returns them),
    and the articles it could not annotate."""

    mentions: pd.DataFrame
    statements: pd.DataFrame
    lean: pd.DataFrame
    failures: list[Failure] = field(default_factory=list)
    notes: list[dict[str, object]] = field(default_factory=list)  # load-report warnings

    @property
    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        return self.mentions, self.statements, self.lean

    def problems(self) -> list[dict[str, object]]:
        """Load-report rows: each article that could not be annotated, then the notes."""
        return [f.problem() for f in self.failures] + self.notes


def batch_input(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles as a batch travels: every column (the text is most of the weight, and
    annotation may read any other, the outlet's address for one), without the annotation's
    own columns and without ``attrs`` (a load report there would travel with every batch)."""
    plain = articles.drop(columns=S.ANNOTATION_COLUMNS, errors="ignore").copy(deep=False)
    plain.attrs = {}
    return plain


def annotate_batch(
    annotator: Annotator, articles: pd.DataFrame, tokenizer: PunktSentenceTokenizer
) -> Annotated:
    """Annotate ``articles`` (see :func:`batch_input`); an article that raises is a
    :class:`Failure`, the others are annotated as in one call.

    Examples
    --------
    >>> done = annotate_batch(Annotator(profile), batch_input(articles), tokenizer)
    ... # doctest: +SKIP
    >>> done.statements, done.failures                                    # doctest: +SKIP
    """
    try:
        return Annotated(*annotator.annotate(articles, tokenizer=tokenizer))
    except Exception:  # noqa: BLE001 - find the article that broke it, keep the others
        pass
    parts: list[Annotated] = []
    for i in range(len(articles)):
        one = articles.iloc[i : i + 1]
        try:
            parts.append(Annotated(*annotator.annotate(one, tokenizer=tokenizer)))
        except Exception as exc:  # noqa: BLE001 - one bad article never stops the rest
            parts.append(_empty(annotator, one, tokenizer, _failure(one, exc)))
    return combine(parts)


def combine(parts: list[Annotated]) -> Annotated:
    """Batches one under the other, in order (empty tables left out: they carry no rows,
    and pandas would let their dtypes change the result's)."""
    tables = [concat([getattr(p, t) for p in parts]) for t in ("mentions", "statements", "lean")]
    return Annotated(
        tables[0],
        tables[1],
        tables[2],
        failures=[f for p in parts for f in p.failures],
        notes=[n for p in parts for n in p.notes],
    )


def concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Frames one under the other; empty ones left out (they carry no rows, only dtypes)."""
    full = [f for f in frames if len(f)]
    if not full:
        return frames[0]
    if len(full) == 1:
        return full[0].reset_index(drop=True)
    return pd.concat(full, ignore_index=True)


def _empty(
    annotator: Annotator, article: pd.DataFrame, tokenizer: PunktSentenceTokenizer, why: Failure
) -> Annotated:
    """No rows, in the tables' dtypes (those of an empty batch), for a failed article."""
    return Annotated(*annotator.annotate(article.iloc[:0], tokenizer=tokenizer), failures=[why])


def _failure(article: pd.DataFrame, exc: BaseException) -> Failure:
    row = article.iloc[0]
    article_id = str(row[S.ARTICLE_ID])
    path = row.get(S.PATH)
    reason = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, ValueError | TypeError) and S.PUBLISHED in article.columns:
        published = row[S.PUBLISHED]
        if not isinstance(published, pd.Timestamp) and not pd.isna(published):
            reason += f"; its published value {published!r} is not a date"
    return Failure(article_id, article_id if path is None or pd.isna(path) else str(path), reason)


# -- the annotator in a worker process -------------------------------------------------
@dataclass(frozen=True)
class ProfileSource:
    """A profile as its YAML bytes: a Profile does not pickle, its file does."""

    raw: bytes
    filename: str
    profile_hash: str


def profile_source(profile: Profile) -> ProfileSource:
    raw = Path(profile.path).read_bytes()
    return ProfileSource(raw, Path(profile.path).name, profile.profile_hash)


@lru_cache(maxsize=4)
def annotator_for(source: ProfileSource) -> Annotator:
    """The worker's annotator for a profile, built once per worker process."""
    with tempfile.TemporaryDirectory(prefix="workbench-profile-") as folder:
        path = Path(folder) / source.filename
        path.write_bytes(source.raw)
        profile = load_profile(path)
    if profile.profile_hash != source.profile_hash:  # pragma: no cover - bytes are bytes
        raise RuntimeError(f"profile {source.filename} changed on its way to the worker")
    return Annotator(profile)
