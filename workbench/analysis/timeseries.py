"""Coverage over time: counts per period, normalised shares, rolling means, sparse periods.

Works on any of the three tables: articles (by ``published``), statements (by ``date``)
and mentions (dated through their article). Rows without a date are never dropped
silently: they are counted in ``attrs["undated"]``, and rows whose date was only
inferred are counted per period in the ``inferred`` column.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from ..core import schema as S

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
    if not isinstance(table, pd.DataFrame):  # a DuckDB relation: aggregate in SQL
        return coverage_sql(
            table, articles=articles, freq=freq, by=by, rolling=rolling, min_articles=min_articles
        )
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
    return _finish(counts, groups, code, per_period, rolling, min_articles, undated)


def _finish(
    counts: pd.DataFrame,
    groups: list[str],
    code: str,
    per_period: pd.Series,
    rolling: int | None,
    min_articles: int,
    undated: int,
) -> pd.DataFrame:
    """From counts per period and group to :func:`coverage`'s table (shared by the SQL path)."""
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


_SQL_TRUNC = {"D": "day", "W-SUN": "week", "M": "month"}


def coverage_sql(
    table: object,
    *,
    articles: object = None,
    freq: str = "week",
    by: str | list[str] | None = None,
    rolling: int | None = None,
    min_articles: int = 3,
    con: object = None,
) -> pd.DataFrame:
    """:func:`coverage` computed in DuckDB: only the counts per period reach pandas.

    Parameters
    ----------
    table, articles
        DuckDB relations (``corpus.connect().table("statements")``), or the names of
        tables or views in ``con``. ``articles`` dates mentions and is the denominator
        of ``share``, as in :func:`coverage`.
    con
        The DuckDB connection holding named tables.
    freq, by, rolling, min_articles
        As in :func:`coverage`.

    Returns
    -------
    DataFrame
        The same table as :func:`coverage` on the same rows.

    Examples
    --------
    >>> con = corpus.connect()                                          # doctest: +SKIP
    >>> coverage_sql("statements", articles="articles", by="stance", con=con)  # doctest: +SKIP
    """
    code = _FREQ.get(freq)
    if code is None:
        raise ValueError(f"freq must be day, week or month, not {freq!r}")
    groups = [by] if isinstance(by, str) else list(by or [])
    run, names = _in_duckdb({"t": table, "a": articles}, con)
    columns = list(run(f"SELECT * FROM {names['t']} LIMIT 0").columns)
    missing = [g for g in groups if g not in columns]
    if missing:
        raise ValueError(f"cannot split by {missing}: the table has no such column")
    own_dates = S.PUBLISHED in columns
    if "a" not in names and not own_dates:
        raise ValueError("this table has no dates of its own: pass articles= to date it")
    arts = names.get("a", names["t"])
    trunc = _SQL_TRUNC[code]
    keys = "".join(f', t."{g}"' for g in groups)
    if own_dates:
        dated = f't."{S.PUBLISHED}" AS _date, t."{S.DATE_BASIS}" AS _basis'
        source = f"{names['t']} t"
    else:
        date = f't."{S.DATE}"' if S.DATE in columns else f'a."{S.PUBLISHED}"'
        dated = f'{date} AS _date, a."{S.DATE_BASIS}" AS _basis'
        source = (
            f'{names["t"]} t LEFT JOIN (SELECT "{S.ARTICLE_ID}", "{S.PUBLISHED}", '
            f'"{S.DATE_BASIS}" FROM {arts}) a ON t."{S.ARTICLE_ID}" = a."{S.ARTICLE_ID}"'
        )
    counts = run(
        f"WITH d AS (SELECT {dated}{keys} FROM {source}) "
        f"SELECT date_trunc('{trunc}', _date) AS {PERIOD}"
        + "".join(f', "{g}"' for g in groups)
        + f", count(*)::BIGINT AS {COUNT}, "
        f"sum(CASE WHEN _basis = 'inferred' THEN 1 ELSE 0 END)::BIGINT AS {INFERRED} "
        f"FROM d GROUP BY ALL"
    )
    undated = int(counts.loc[counts[PERIOD].isna(), COUNT].sum())
    counts = counts[counts[PERIOD].notna()].astype({PERIOD: _period_dtype(code)})
    text = [g for g in groups if pd.api.types.is_string_dtype(counts[g])]
    counts = counts.astype(dict.fromkeys(text, "string"))  # the tables' text dtype
    counts = counts.sort_values([PERIOD, *groups], kind="stable").reset_index(drop=True)
    per = run(
        f"SELECT date_trunc('{trunc}', \"{S.PUBLISHED}\") AS p, count(*)::BIGINT AS n "
        f'FROM {arts} WHERE "{S.PUBLISHED}" IS NOT NULL GROUP BY ALL'
    )
    per_period = pd.Series(
        per["n"].to_numpy(), index=pd.DatetimeIndex(per["p"].astype(_period_dtype(code)))
    )
    return _finish(counts, groups, code, per_period, rolling, min_articles, undated)


def _period_dtype(code: str) -> object:
    """The dtype pandas gives a period's start (its unit differs between versions)."""
    day = pd.Series(pd.DatetimeIndex(["2020-01-01"], dtype="datetime64[ns]"))
    return day.dt.to_period(code).dt.start_time.dtype


def _in_duckdb(
    tables: dict[str, object], con: object
) -> tuple[Callable[[str], pd.DataFrame], dict[str, str]]:
    """A function running SQL in one DuckDB connection, and each table's name there.

    Tables are relations (a view is made in their connection), DataFrames (registered)
    or names of tables in ``con``.
    """
    import duckdb

    names: dict[str, str] = {}
    relation = None
    for role, table in tables.items():
        if table is None:
            continue
        if isinstance(table, str):
            names[role] = '"' + table.replace('"', '""') + '"'
        elif isinstance(table, duckdb.DuckDBPyRelation):
            names[role] = f"_coverage_{role}_{uuid.uuid4().hex[:8]}"
            table.create_view(names[role], replace=True)
            relation = relation or table
        elif isinstance(table, pd.DataFrame):
            con = con if isinstance(con, duckdb.DuckDBPyConnection) else duckdb.connect()
            names[role] = f"_coverage_{role}_{uuid.uuid4().hex[:8]}"
            con.register(names[role], table)
        else:
            raise TypeError(f"expected a DuckDB relation, table name or DataFrame, not {table!r}")
    if relation is not None:
        rel = relation

        def run(sql: str) -> pd.DataFrame:
            result = rel.query("_coverage_self", sql)
            if result is None:
                raise ValueError(f"the query returned nothing: {sql}")
            return result.df()

        return run, names
    if not isinstance(con, duckdb.DuckDBPyConnection):
        raise ValueError("con= (a DuckDB connection) is needed to read tables by name")
    connection = con
    return (lambda sql: connection.execute(sql).df()), names


def date_quality(articles: pd.DataFrame) -> pd.Series:
    """How many articles have a date from metadata, dateline, text, inference, or none."""
    return articles[S.DATE_BASIS].value_counts().reindex(list(S.DATE_BASES), fill_value=0)


VOICE = "voice"
OTHERS = "others"
STATEMENTS_IN_PERIOD = "statements_in_period"


def share_of_voice(
    statements: object,
    *,
    articles: object,
    freq: str = "week",
    by: str = S.ACTOR,
    top: int = 8,
    rolling: int | None = None,
    min_articles: int = 3,
    con: object = None,
    among_named: bool = False,
) -> pd.DataFrame:
    """Each speaker's share of the period's statements: who the coverage lets speak.

    The ``top`` speakers over the whole table keep their name, the rest are summed as
    ``others``, so the shares of a period add up to 1. With ``among_named`` a named
    speaker's share is of the named speakers' statements only (``others`` would
    otherwise squeeze them at the bottom of a chart), and ``others`` keeps its share of
    all the period's statements, to be shown apart.

    Parameters
    ----------
    statements
        The statements table, or a DuckDB relation (or a table name in ``con``): then
        the counting runs in DuckDB and only counts per period reach pandas.
    articles
        The articles table (or relation, or name): dates the statements' provenance and
        marks periods with too few articles as ``sparse``.
    freq, min_articles
        As in :func:`coverage`.
    by
        ``actor`` or ``affiliation``.
    top
        How many speakers to name.
    rolling
        Window, in periods, of a rolling mean of ``voice`` per speaker.

    Returns
    -------
    DataFrame
        :func:`coverage`'s columns plus ``statements_in_period``, ``voice`` (the
        speaker's statements over all
        statements of the period; missing, not 0, when the period has none) and, if
        asked, ``rolling`` (the rolling mean of ``voice`` over the last ``rolling``
        periods, those without statements left out).

    Examples
    --------
    >>> share_of_voice(corpus.statements, articles=corpus.articles, top=5)  # doctest: +SKIP
    """
    if isinstance(statements, pd.DataFrame):
        frequent = statements[by].value_counts()
        named = _most_frequent(frequent.index, frequent.to_numpy(), top)
        grouped = statements.assign(
            **{by: statements[by].where(statements[by].isin(named), OTHERS)}
        )
        counts = coverage(grouped, articles=articles, freq=freq, by=by, min_articles=min_articles)
    else:  # in DuckDB: the top speakers, then coverage of the other names folded
        relation = _relation(statements, con)
        column = '"' + by.replace('"', '""') + '"'
        frequent = relation.query(
            "_voice", f"SELECT {column} AS k, count(*) AS n FROM _voice GROUP BY ALL"
        ).df()
        named = _most_frequent(frequent["k"], frequent["n"].to_numpy(), top)
        listed = ", ".join("'" + str(n).replace("'", "''") + "'" for n in named) or "NULL"
        folded = relation.project(
            f"* REPLACE (CASE WHEN {column} IN ({listed}) THEN {column} "
            f"ELSE '{OTHERS}' END AS {column})"
        )
        counts = coverage_sql(
            folded, articles=articles, freq=freq, by=by, min_articles=min_articles
        )
    counts[STATEMENTS_IN_PERIOD] = counts.groupby(PERIOD)[COUNT].transform("sum")
    if among_named:
        named_only = counts[COUNT].where(counts[by] != OTHERS, 0)
        in_named = named_only.groupby(counts[PERIOD]).transform("sum")
        counts[STATEMENTS_IN_PERIOD] = in_named.where(
            counts[by] != OTHERS, counts[STATEMENTS_IN_PERIOD]
        )
    totals = counts[STATEMENTS_IN_PERIOD]
    counts[VOICE] = counts[COUNT] / totals.where(totals > 0)
    counts.attrs["among_named"] = among_named
    counts.attrs["speakers"] = len(frequent)  # named and folded into 'others' alike
    if rolling:
        counts[ROLLING] = counts.groupby(by)[VOICE].transform(
            lambda s: s.rolling(rolling, min_periods=1).mean()
        )
    return counts


def _relation(table: object, con: object) -> Any:
    """A DuckDB relation for a relation, or for a table's name in ``con``."""
    import duckdb

    if isinstance(table, duckdb.DuckDBPyRelation):
        return table
    if isinstance(table, str) and isinstance(con, duckdb.DuckDBPyConnection):
        return con.table(table)
    raise TypeError(
        f"expected a DataFrame, a DuckDB relation or a table name with con=, not {table!r}"
    )


def _most_frequent(keys: Iterable[Any], counts: Iterable[Any], top: int) -> list[Any]:
    """The ``top`` keys by count, ties broken by name (the same order in pandas and SQL)."""
    pairs = sorted(zip(keys, counts, strict=True), key=lambda kc: (-int(kc[1]), str(kc[0])))
    return [key for key, _ in pairs[:top]]
