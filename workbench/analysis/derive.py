"""Notebook parameters that follow the corpus: periods, frequency, framing term, actors.

A notebook's parameters default to ``None``, meaning "derive it from the data"; what
an analyst sets (in the parameters cell, or ``workbench report --param``) is kept as
given. :func:`derive` returns every value used and, in words, how it was chosen, so
the page can say so.

The rules:

- **frequency**: ``day`` when the middle 95% of the dated articles span up to 60
  days, ``week`` up to 18 months, ``month`` beyond;
- **periods**: "after" is the latest quarter of the dated articles (from the day by
  which three quarters of them had been published to the last date), "before" is
  every earlier day; counting articles rather than days keeps both periods populated
  when a few stray old articles stretch the date range;
- **framing term**: the profile's framing term found in most articles;
- **actors**: the most quoted speakers, then the most named actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..core import schema as S

Window = tuple[str, str]


@dataclass(frozen=True)
class Derived:
    """The parameter values used and how each was chosen (``how``: name -> words)."""

    values: dict[str, object]
    how: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> object:
        return self.values[name]

    def explain(self, name: str, otherwise: str) -> str:
        """Why a cell built on ``name`` is empty: how it was chosen when it is None (there
        was nothing to choose from), else ``otherwise``."""
        if self.values.get(name) is None:
            return f"No {name}: {self.how.get(name, 'not set')}."
        return otherwise

    def table(self) -> pd.DataFrame:
        """One row per parameter: its value and how it was chosen."""
        return pd.DataFrame(
            {
                "parameter": list(self.values),
                "value": [_shown(v) for v in self.values.values()],
                "how it was chosen": [self.how.get(n, "") for n in self.values],
            }
        )

    def _repr_markdown_(self) -> str:
        lines = ["**Parameters used**", "", "| parameter | value | how it was chosen |"]
        lines.append("|---|---|---|")
        for name, value in self.values.items():
            how = self.how.get(name, "").replace("|", "\\|")
            lines.append(f"| `{name}` | {_shown(value).replace('|', chr(92) + '|')} | {how} |")
        return "\n".join(lines)


def _shown(value: object) -> str:
    """A parameter's value as an analyst reads it."""
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return f"{value[0]} to {value[1]}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) if value else "(none)"
    return "(none)" if value is None else str(value)


def frequency(dates: pd.Series) -> str | None:
    """``day``, ``week`` or ``month`` for the span of ``dates`` (None when none is dated):
    the span of the middle 95% of them, so a few stray old articles do not turn a
    year of daily coverage into months.

    Examples
    --------
    >>> frequency(pd.Series(pd.to_datetime(["2022-01-01", "2022-01-20"])))
    'day'
    """
    dated = pd.to_datetime(dates).dropna()
    if dated.empty:
        return None
    span = (dated.quantile(0.975) - dated.quantile(0.025)).days
    if span <= 60:
        return "day"
    return "week" if span <= 548 else "month"


def periods(dates: pd.Series) -> tuple[Window, Window] | None:
    """(before, after) windows: the latest quarter of the dated articles against the rest.

    None when fewer than two distinct days are dated (nothing to compare).

    Examples
    --------
    >>> days = pd.Series(pd.date_range("2022-01-01", periods=8, freq="D"))
    >>> periods(days)
    (('2022-01-01', '2022-01-06'), ('2022-01-07', '2022-01-08'))
    """
    days = pd.to_datetime(dates).dropna().dt.normalize().sort_values()
    if days.nunique() < 2:
        return None
    split = days.iloc[min(int(len(days) * 0.75), len(days) - 1)]
    if split == days.iloc[0]:  # three quarters on the first day: the rest is "after"
        split = days[days > split].iloc[0]
    first, last = days.iloc[0], days.iloc[-1]
    before = (f"{first:%Y-%m-%d}", f"{split - pd.Timedelta(days=1):%Y-%m-%d}")
    return before, (f"{split:%Y-%m-%d}", f"{last:%Y-%m-%d}")


def framing_term(articles: pd.DataFrame, terms: list[str]) -> str | None:
    """The term of ``terms`` found (whole words, any case) in most articles; None if none is."""
    if not terms or articles.empty:
        return None
    text = articles[S.TEXT].fillna("").astype(str)
    found = {
        term: int(text.str.contains(rf"\b{re.escape(term)}\b", case=False, regex=True).sum())
        for term in terms
    }
    best = max(found, key=lambda t: (found[t], -terms.index(t)))
    return best if found[best] else None


def top_actors(statements: pd.DataFrame, mentions: pd.DataFrame, *, n: int = 5) -> list[str]:
    """The ``n`` most quoted speakers, topped up with the most named actors."""
    chosen = list(statements[S.ACTOR].dropna().value_counts().head(n).index)
    if len(chosen) < n and not mentions.empty:
        named = mentions.groupby(S.ACTOR)[S.MENTION_COUNT].sum().sort_values(ascending=False)
        chosen += [a for a in named.index if a not in chosen][: n - len(chosen)]
    return [str(a) for a in chosen]


def derive(corpus: object, **given: object) -> Derived:
    """The notebook parameters to use: each one ``given`` as itself, each ``None`` derived.

    Known names: ``FREQ``, ``BEFORE``, ``AFTER``, ``TERM``, ``ACTORS``. Other names are
    passed through as given.

    Examples
    --------
    >>> used = derive(corpus, FREQ=None, BEFORE=None, AFTER=None)  # doctest: +SKIP
    >>> used["BEFORE"], used["AFTER"]  # doctest: +SKIP
    """
    articles: pd.DataFrame = corpus.articles  # type: ignore[attr-defined]
    values: dict[str, object] = {}
    how: dict[str, str] = {}
    dates = articles[S.PUBLISHED]
    windows = periods(dates)
    for name, value in given.items():
        if value is not None:
            values[name] = tuple(value) if isinstance(value, list) and name in _WINDOWS else value
            how[name] = "set in the parameters"
            continue
        values[name], how[name] = _derived(name, corpus, dates, windows)
    return Derived(values, how)


_WINDOWS = ("BEFORE", "AFTER")


def _derived(
    name: str, corpus: object, dates: pd.Series, windows: tuple[Window, Window] | None
) -> tuple[object, str]:
    """One parameter's derived value and the rule that chose it, in words."""
    if name == "FREQ":
        freq = frequency(dates)
        if freq is None:
            return "month", "no article is dated: month, the default"
        first, last = dates.quantile(0.025), dates.quantile(0.975)
        return (
            freq,
            f"the middle 95% of the articles span {(last - first).days + 1} days "
            f"({first:%Y-%m-%d} to {last:%Y-%m-%d}): up to 60 days by day, up to 18 "
            "months by week, else by month",
        )
    if name in _WINDOWS:
        if windows is None:
            return None, "fewer than two days are dated: there is nothing to compare"
        if name == "BEFORE":
            return windows[0], "every day before the latest quarter of the dated articles"
        return windows[1], (
            "the latest quarter of the dated articles (from the day by which three "
            "quarters had been published to the last date)"
        )
    if name == "TERM":
        profile = corpus.profile  # type: ignore[attr-defined]
        terms = [t.term for t in profile.framing_terms]
        if not terms:
            return None, f"the profile {profile.name!r} has no framing terms"
        term = framing_term(corpus.articles, terms)  # type: ignore[attr-defined]
        if term is None:
            return (
                None,
                f"none of the {len(terms)} framing terms of {profile.name!r} is in the corpus",
            )
        return term, f"the framing term of {profile.name!r} found in most articles"
    if name == "ACTORS":
        actors = top_actors(corpus.statements, corpus.mentions)  # type: ignore[attr-defined]
        return actors, "the most quoted speakers, then the most named actors"
    return None, ""


def explain_windows(before: Window | None, after: Window | None) -> str:
    """One sentence naming the two periods compared, for the page."""
    if before is None or after is None:
        return "Fewer than two days are dated: there are no two periods to compare."
    return (
        f"Comparing **before** ({before[0]} to {before[1]}) with **after** "
        f"({after[0]} to {after[1]})."
    )
