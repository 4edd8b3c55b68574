"""Coverage over time: counts per period, normalised shares, rolling means, sparse periods.

Works on any of the three tables: articles (by ``published``), statements (by ``date``)
and mentions (dated through their article). Rows without a date are never dropped
silently: they are counted in ``attrs["undated"]``, and rows whose date was only
inferred are counted per period in the ``inferred`` column.
"""

from __future__ import annotations

import pandas as pd

from . import schema as S

PERIOD = "period"
COUNT = "count"
ARTICLES_IN_PERIOD = "articles_in_period"
SHARE = "share"
SPARSE = "sparse"
INFERRED = "inferred"
ROLLING = "rolling"

# Weeks run Monday to Sunday: pandas names a weekly period by the day it ends.
_FREQ = {"day": "D", "week": "W-SUN", "month": "M", "D": "D", "W": "W-SUN", "M": "M"}


def _dated(table: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """The table with a ``_date`` and ``_basis`` column taken from the right place."""
    if S.PUBLISHED in table.columns:
        return table.assign(_date=table[S.PUBLISHED], _basis=table.get(S.DATE_BASIS))
    if articles is None:
        raise ValueError("this table has no dates of its own: pass articles= to date it")
    dates = articles.set_index(S.ARTICLE_ID)[[S.PUBLISHED, S.DATE_BASIS]]
    joined = table.join(dates, on=S.ARTICLE_ID)
    date = joined[S.DATE] if S.DATE in table.columns else joined[S.PUBLISHED]
    return table.assign(_date=date.to_numpy(), _basis=joined[S.DATE_BASIS].to_numpy())


def coverage(
    table: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    freq: str = "week",
    by: str | list[str] | None = None,
    rolling: int | None = None,
    min_articles: int = 3,
) -> pd.DataFrame:
    """Rows per period (and group), with the share of that period's articles.

    Parameters
    ----------
    table
        Articles, mentions or statements.
    articles
        The articles table: needed to date mentions, and the denominator of ``share``
        (defaults to ``table`` when it is the articles table).
    freq
        ``"day"``, ``"week"`` (weeks start on Monday) or ``"month"``.
    by
        Column(s) to split by: ``source``, ``actor``, ``affiliation``, ``stance``, ``act``…
    rolling
        Window, in periods, of a rolling mean of ``count`` per group (empty periods count 0).
    min_articles
        Periods with fewer articles are marked ``sparse``: a spike there is noise.

    Returns
    -------
    DataFrame
        ``period`` (start of the period), the ``by`` columns, ``count``, ``inferred``
        (rows dated by inference), ``articles_in_period``, ``share``
        (``count / articles_in_period``), ``sparse`` and, if asked, ``rolling``. Every
        period between the first and the last is present, with zeros where empty.
        ``attrs["undated"]`` is the number of rows left out for having no date.

    Examples
    --------
    >>> coverage(corpus.statements, articles=corpus.articles, by="stance")  # doctest: +SKIP
    """
    code = _FREQ.get(freq)
    if code is None:
        raise ValueError(f"freq must be day, week or month, not {freq!r}")
    groups = [by] if isinstance(by, str) else list(by or [])
    missing = [g for g in groups if g not in table.columns]
    if missing:
        raise ValueError(f"cannot split by {missing}: the table has no such column")
    articles = table if articles is None and S.PUBLISHED in table.columns else articles
    dated = _dated(table, articles)
    undated = int(dated["_date"].isna().sum())
    dated = dated[dated["_date"].notna()]
    dated = dated.assign(
        **{
            PERIOD: dated["_date"].dt.to_period(code).dt.start_time,
            "_inferred": dated["_basis"] == "inferred",
        }
    )
    counts = (
        dated.groupby([PERIOD, *groups], observed=True, dropna=False)
        .agg(**{COUNT: ("_date", "size"), INFERRED: ("_inferred", "sum")})
        .reset_index()
    )
    per_period = _articles_per_period(articles, code)
    counts = _complete(counts, groups, code, per_period.index)
    counts[ARTICLES_IN_PERIOD] = counts[PERIOD].map(per_period).fillna(0).astype("int64")
    denominator = counts[ARTICLES_IN_PERIOD].where(counts[ARTICLES_IN_PERIOD] > 0)
    counts[SHARE] = (counts[COUNT] / denominator).fillna(0.0)
    counts[SPARSE] = counts[ARTICLES_IN_PERIOD] < min_articles
    if rolling:
        keyed = counts.groupby(groups, dropna=False)[COUNT] if groups else counts[COUNT]
        counts[ROLLING] = (
            keyed.transform(lambda s: s.rolling(rolling, min_periods=1).mean())
            if groups
            else keyed.rolling(rolling, min_periods=1).mean()
        )
    counts.attrs["undated"] = undated
    return counts.sort_values([PERIOD, *groups], kind="stable").reset_index(drop=True)


def _articles_per_period(articles: pd.DataFrame | None, code: str) -> pd.Series:
    """Number of dated articles in each period (the denominator of shares)."""
    if articles is None:
        return pd.Series(dtype="int64")
    dates = articles[S.PUBLISHED].dropna()
    return dates.dt.to_period(code).dt.start_time.value_counts()


def _complete(
    counts: pd.DataFrame, groups: list[str], code: str, article_periods: pd.Index
) -> pd.DataFrame:
    """Add every period from the first to the last (of the rows or of the articles) for every
    group, with zero counts."""
    if counts.empty:
        return counts
    starts = [counts[PERIOD].min(), *([article_periods.min()] if len(article_periods) else [])]
    ends = [counts[PERIOD].max(), *([article_periods.max()] if len(article_periods) else [])]
    periods = pd.period_range(min(starts), max(ends), freq=code).start_time
    if groups:
        keys = counts[groups].drop_duplicates()
        grid = keys.merge(pd.DataFrame({PERIOD: periods}), how="cross")
    else:
        grid = pd.DataFrame({PERIOD: periods})
    full = grid.merge(counts, on=[PERIOD, *groups], how="left")
    full[COUNT] = full[COUNT].fillna(0).astype("int64")
    full[INFERRED] = full[INFERRED].fillna(0).astype("int64")
    return full


def date_quality(articles: pd.DataFrame) -> pd.Series:
    """How many articles have a date from metadata, dateline, text, inference, or none."""
    return articles[S.DATE_BASIS].value_counts().reindex(list(S.DATE_BASES), fill_value=0)
