"""Reports that travel with a table: what loading could not read, and what cleaning removed.

They ride in ``df.attrs`` as JSON text (pandas' "table" orient, which keeps the
dtypes), not as DataFrames, for two reasons: pandas writes ``attrs`` into Parquet's
metadata with ``json.dumps``, so a DataFrame there made ``articles.to_parquet(...)``
fail; and pandas deep-copies ``attrs`` after every operation, which costs nothing for a
string and a full copy for a table. Read them with :func:`load_report` and
:func:`cleaning_report`.
"""

from __future__ import annotations

import io

import pandas as pd

from . import schema as S

LOAD_REPORT = "load_report"
CLEANING_REPORT = "cleaning_report"


def attach(df: pd.DataFrame, name: str, table: pd.DataFrame) -> None:
    """Keep ``table`` with ``df`` under ``name`` (the frame's ``attrs`` are changed)."""
    df.attrs[name] = table.to_json(orient="table", index=False)


def attached(df: pd.DataFrame, name: str, *, columns: list[str]) -> pd.DataFrame:
    """The table kept with ``df`` under ``name``, or an empty one with ``columns``."""
    raw = df.attrs.get(name)
    if raw is None:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
    if isinstance(raw, pd.DataFrame):  # kept by code that predates this module
        return raw.copy()
    return pd.read_json(io.StringIO(raw), orient="table")


def load_report(df: pd.DataFrame) -> pd.DataFrame:
    """Every file, row or URL that could not be read, and every warning, for an articles
    table: ``path``, ``location``, ``level``, ``message``.

    Examples
    --------
    >>> articles = workbench.load_articles("data/articles")  # doctest: +SKIP
    >>> load_report(articles)                                 # doctest: +SKIP
    """
    return attached(df, LOAD_REPORT, columns=S.REPORT_COLUMNS)


def cleaning_report(df: pd.DataFrame) -> pd.DataFrame:
    """Every line cleaning removed from an articles table, with the rule that removed it.

    Examples
    --------
    >>> cleaning_report(articles).groupby("rule").size()  # doctest: +SKIP
    """
    return attached(df, CLEANING_REPORT, columns=list(S.CLEANING_COLUMNS))
