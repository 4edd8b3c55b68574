"""What a load found, as an object that travels beside the tables: every file, row or URL
that could not be read (and every warning), and every line cleaning removed.

A :class:`LoadReport` is what the engines pass along and what a Corpus holds
(``corpus.report``); it pickles (Dask ships it), writes itself to Parquet (the load
cache) and is compared with ``==``. Inside, each table is kept as JSON text (pandas'
"table" orient, which keeps the dtypes): cheap to copy and to ship, and read back into
a fresh DataFrame on every access, so no caller can change the report by accident.

Only :func:`workbench.load_articles`, which returns a bare DataFrame, also leaves its
report in the frame's ``attrs``; :func:`load_report` and :func:`cleaning_report` read
either a Corpus or such a frame.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from . import schema as S

LOAD_REPORT = "load_report"
CLEANING_REPORT = "cleaning_report"


def _as_json(table: pd.DataFrame) -> str:
    return table.to_json(orient="table", index=False)


def _from_json(raw: str | None, columns: list[str]) -> pd.DataFrame:
    if raw is None:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in columns})
    return pd.read_json(io.StringIO(raw), orient="table")


@dataclass(frozen=True)
class LoadReport:
    """The problems of a load (``path``, ``location``, ``level``, ``message``) and the lines
    cleaning removed (``article_id``, ``path``, ``line``, ``rule``, ``removed``).

    Examples
    --------
    >>> report = LoadReport.of(pd.DataFrame(columns=S.REPORT_COLUMNS))
    >>> report.problems.empty, report.removed.empty
    (True, True)
    """

    problems_json: str | None = None
    removed_json: str | None = None

    @classmethod
    def of(
        cls, problems: pd.DataFrame | None = None, removed: pd.DataFrame | None = None
    ) -> LoadReport:
        """A report of these two tables."""
        return cls(
            None if problems is None else _as_json(problems),
            None if removed is None else _as_json(removed),
        )

    @classmethod
    def from_attrs(cls, articles: pd.DataFrame) -> LoadReport:
        """The report :func:`workbench.load_articles` left in its frame's ``attrs``."""
        return cls(articles.attrs.get(LOAD_REPORT), articles.attrs.get(CLEANING_REPORT))

    @property
    def problems(self) -> pd.DataFrame:
        return _from_json(self.problems_json, S.REPORT_COLUMNS)

    @property
    def removed(self) -> pd.DataFrame:
        return _from_json(self.removed_json, list(S.CLEANING_COLUMNS))

    def with_problems(self, rows: Iterable[Mapping[str, object]]) -> LoadReport:
        """This report with more problem rows at its end."""
        extra = pd.DataFrame(list(rows), columns=S.REPORT_COLUMNS)
        if extra.empty:
            return self
        problems = pd.concat([self.problems, extra], ignore_index=True)
        return LoadReport(_as_json(problems), self.removed_json)

    def with_removed(self, removed: pd.DataFrame) -> LoadReport:
        """This report with another table of removed lines."""
        return LoadReport(self.problems_json, _as_json(removed))

    def attach_to(self, articles: pd.DataFrame) -> pd.DataFrame:
        """Leave the report in ``articles.attrs`` (for a bare frame); returns the frame."""
        articles.attrs[LOAD_REPORT] = self.problems_json or _as_json(self.problems)
        articles.attrs[CLEANING_REPORT] = self.removed_json or _as_json(self.removed)
        return articles


def load_report(loaded: object) -> pd.DataFrame:
    """Every file, row or URL that could not be read, and every warning, for a Corpus or
    an articles table of :func:`workbench.load_articles`: ``path``, ``location``,
    ``level``, ``message``.

    Examples
    --------
    >>> articles = workbench.load_articles("data/articles")  # doctest: +SKIP
    >>> load_report(articles)                                 # doctest: +SKIP
    """
    return report_of(loaded).problems


def cleaning_report(loaded: object) -> pd.DataFrame:
    """Every line cleaning removed, for a Corpus or an articles table, with the rule that
    removed it.

    Examples
    --------
    >>> cleaning_report(corpus).groupby("rule").size()  # doctest: +SKIP
    """
    return report_of(loaded).removed


def report_of(loaded: object) -> LoadReport:
    """The report of a Corpus (or anything with a ``report``), a LoadReport, or the one a
    frame of :func:`workbench.load_articles` carries (empty when there is none)."""
    if isinstance(loaded, LoadReport):
        return loaded
    report = getattr(loaded, "report", None)
    if isinstance(report, LoadReport):
        return report
    if isinstance(loaded, pd.DataFrame):
        return LoadReport.from_attrs(loaded)
    raise TypeError(f"no load report in a {type(loaded).__name__}")
