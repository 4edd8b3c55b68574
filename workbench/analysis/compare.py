"""What changed between two periods (or differs between outlets): voices, stances, words.

- :func:`voice_change`: actors that appear, vanish, grow or shrink in share of voice;
- :func:`mix_change`: stance or act mix per affiliation, then and now;
- :func:`distinctive_terms`: the words of each group by the log-odds ratio with an
  informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), with
  z-scores, for two groups or more (each against all the others).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..core import schema as S
from ..core.resources import resource_text

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")


def in_window(
    table: pd.DataFrame, window: tuple[str, str] | None, *, column: str = S.DATE
) -> pd.DataFrame:
    """Rows dated within ``window`` (start and end included, ISO dates); none without one."""
    if window is None:
        return table.iloc[0:0]
    start, end = pd.Timestamp(window[0]), pd.Timestamp(window[1]) + pd.Timedelta(days=1)
    dates = table[column]
    return table[(dates >= start) & (dates < end)]


def window_note(
    table: pd.DataFrame,
    before: tuple[str, str] | None,
    after: tuple[str, str] | None,
    *,
    what: str = "statements",
    column: str = S.DATE,
) -> str:
    """One sentence on why a comparison of two windows has nothing to show.

    Examples
    --------
    >>> window_note(statements, ("2020-01-01", "2020-01-31"), None)  # doctest: +SKIP
    'There is no "after" period: fewer than two days are dated.'
    """
    if before is None or after is None:
        missing = " and ".join(
            f'"{n}"' for n, w in (("before", before), ("after", after)) if w is None
        )
        return f"There is no {missing} period: fewer than two days are dated."
    empty = [
        f"between {w[0]} and {w[1]} ({n})"
        for n, w in (("before", before), ("after", after))
        if in_window(table, w, column=column).empty
    ]
    if empty:
        return f"No {what} {' or '.join(empty)}: nothing to compare."
    return f"Nothing to compare between the two periods ({what} too few)."


def voice_change(
    statements: pd.DataFrame,
    before: tuple[str, str] | None,
    after: tuple[str, str] | None,
    *,
    by: str = S.ACTOR,
) -> pd.DataFrame:
    """Share of voice (share of statements) per actor in two windows, and what changed.

    ``status`` is ``appears`` (silent before), ``vanishes`` (silent after), ``grows``,
    ``shrinks`` or ``steady`` (within a fifth of its earlier share).

    Examples
    --------
    >>> war, offensive = ("2020-09-27", "2020-11-10"), ("2023-09-19", "2023-09-30")
    >>> voice_change(statements, war, offensive)  # doctest: +SKIP
    """
    a = in_window(statements, before)[by].value_counts()
    b = in_window(statements, after)[by].value_counts()
    table = pd.DataFrame({"statements_before": a, "statements_after": b}).fillna(0).astype("int64")
    table["share_before"] = table["statements_before"] / max(int(a.sum()), 1)
    table["share_after"] = table["statements_after"] / max(int(b.sum()), 1)
    table["change"] = table["share_after"] - table["share_before"]

    def status(row: pd.Series) -> str:
        if row["statements_before"] == 0:
            return "appears"
        if row["statements_after"] == 0:
            return "vanishes"
        if abs(row["change"]) <= 0.2 * row["share_before"]:
            return "steady"
        return "grows" if row["change"] > 0 else "shrinks"

    table["status"] = table.apply(status, axis=1) if len(table) else pd.Series(dtype="string")
    table = table.rename_axis(by).reset_index()
    return table.sort_values(["change", by], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def largest_changes(table: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """The ``n`` largest gains and the ``n`` largest losses of a :func:`voice_change` table
    (gains first), with ``attrs["caption"]`` saying how many of how many are shown.

    Examples
    --------
    >>> largest_changes(voice_change(statements, before, after), n=5)  # doctest: +SKIP
    """
    ordered = table.sort_values("change", ascending=False, kind="stable")
    gains = ordered[ordered["change"] > 0].head(n)
    losses = ordered[ordered["change"] < 0].tail(n)
    shown = pd.concat([gains, losses]).reset_index(drop=True)
    shown.attrs = {}
    if len(shown) < len(table):
        shown.attrs["caption"] = (
            f"The {len(gains)} largest gains and {len(losses)} largest losses of "
            f"{len(table):,} speakers (change in percentage points)"
        )
    return shown


def mix_change(
    statements: pd.DataFrame,
    before: tuple[str, str] | None,
    after: tuple[str, str] | None,
    *,
    of: str = S.STANCE,
    per: str = S.AFFILIATION,
) -> pd.DataFrame:
    """Mix of ``of`` (stance or act) per ``per`` (affiliation) in each window, as shares."""
    frames = []
    for label, window in (("before", before), ("after", after)):
        part = in_window(statements, window)
        counts = part.groupby([per, of], dropna=False).size().rename("statements").reset_index()
        counts["share"] = counts["statements"] / counts.groupby(per, dropna=False)[
            "statements"
        ].transform("sum")
        frames.append(counts.assign(window=label))
    return pd.concat(frames, ignore_index=True)[["window", per, of, "statements", "share"]]


def mix_table(mix: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """A :func:`mix_change` table as one row per affiliation (the ``top`` with most
    statements in the two windows) and a ``share <value> before/after`` column pair per
    stance or act, with ``attrs["caption"]`` saying how many are shown.

    Examples
    --------
    >>> mix_table(mix_change(statements, before, after), top=8)  # doctest: +SKIP
    """
    per, of = mix.columns[1], mix.columns[2]
    mix = mix.assign(**{per: mix[per].astype("object").fillna("(unknown)")})
    totals = (
        mix.groupby(per, dropna=False)["statements"]
        .sum()
        .sort_values(ascending=False, kind="stable")
    )
    chosen = list(totals.index[:top])
    shown = mix[mix[per].isin(chosen)]
    table = shown.pivot_table(
        index=per, columns=[of, "window"], values="share", aggfunc="sum", fill_value=0.0
    )
    windows = [w for w in ("before", "after") if w in set(shown["window"])]
    table = table.reindex(
        columns=[(v, w) for v in sorted(shown[of].dropna().unique()) for w in windows],
        fill_value=0.0,
    )
    table.columns = [f"share {v} {w}" for v, w in table.columns]
    table = table.reindex(chosen).reset_index()
    table.insert(1, "statements", [int(totals[a]) for a in chosen])
    table.attrs = {}
    if len(totals) > top:
        table.attrs["caption"] = (
            f"The {top} of {len(totals):,} {per} values with most statements in the two periods"
        )
    return table


def mix_per_period(
    statements: pd.DataFrame,
    *,
    articles: pd.DataFrame,
    freq: str = "month",
    per: str = S.AFFILIATION,
    of: str = S.STANCE,
    top: int = 8,
) -> pd.DataFrame:
    """Statements per period and ``per`` (the ``top`` with most statements), one column
    per value of ``of``; ``attrs["caption"]`` says how many are shown.

    Examples
    --------
    >>> mix_per_period(corpus.statements, articles=corpus.articles)  # doctest: +SKIP
    """
    from .timeseries import COUNT, PERIOD, coverage

    counts = coverage(statements, articles=articles, freq=freq, by=[per, of])
    counts = counts[counts[COUNT] > 0]
    totals = counts.groupby(per)[COUNT].sum().sort_values(ascending=False, kind="stable")
    chosen = list(totals.index[:top])
    table = counts[counts[per].isin(chosen)].pivot_table(
        index=[PERIOD, per], columns=of, values=COUNT, aggfunc="sum", fill_value=0
    )
    table.columns.name = None
    table = table.reset_index()
    table.attrs = {}
    if len(totals) > top:
        table.attrs["caption"] = (
            f"Statements per period of the {top} of {len(totals):,} {per} values with most"
        )
    return table


def load_stopwords(override: str | Path | None = None) -> frozenset[str]:
    """The words left out of term comparisons: the packaged English function words, or
    the analyst's own file (words separated by spaces or lines; ``#`` starts a comment).

    Examples
    --------
    >>> "the" in load_stopwords()
    True
    """
    if override is None:
        return _packaged_stopwords()
    # read on every call, not cached: the analyst may be editing the list
    return _word_list(resource_text("stopwords.txt", override))


@lru_cache(maxsize=1)
def _packaged_stopwords() -> frozenset[str]:
    """The packaged list, read once."""
    return _word_list(resource_text("stopwords.txt"))


def _word_list(raw: str) -> frozenset[str]:
    """The lower-cased words of a word-list file, comments left out."""
    return frozenset(w.lower() for line in raw.splitlines() for w in line.split("#", 1)[0].split())


def term_counts(texts: Iterable[str], *, drop: frozenset[str] | None = None) -> Counter[str]:
    """Lower-cased word counts of ``texts``, function words and numbers left out."""
    drop = load_stopwords() if drop is None else drop
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(
            t
            for t in (m.group(0).lower().replace("’", "'") for m in _TOKEN.finditer(text))
            if t not in drop
        )
    return counts


def distinctive_terms(
    groups: Mapping[str, Iterable[str]],
    *,
    prior: float = 500.0,
    min_count: int = 3,
    top: int = 25,
    stopwords: str | Path | None = None,
) -> pd.DataFrame:
    """The words that set each group apart, by log-odds with an informative Dirichlet prior.

    Each group is compared with all the others together. The prior is the word's
    frequency in all groups combined, scaled to ``prior`` pseudo-counts, which shrinks
    the estimates of rare words (Monroe, Colaresi & Quinn 2008, eq. 16 and 22).

    Parameters
    ----------
    groups
        Group name -> texts (e.g. ``{"2020": texts_2020, "2023": texts_2023}`` or outlets).
    prior
        Total pseudo-count of the prior (larger shrinks more).
    min_count
        Words seen fewer times in all groups together are left out.
    top
        How many words per group, most distinctive first.
    stopwords
        A word-list file of your own to leave out instead of the packaged English
        function words (see :func:`load_stopwords`).

    Returns
    -------
    DataFrame
        ``group``, ``term``, ``count`` (in the group), ``count_rest``, ``log_odds``
        (delta, group minus rest) and ``z`` (delta over its standard error).

    Examples
    --------
    >>> distinctive_terms({"2020": t2020, "2023": t2023}).head()  # doctest: +SKIP
    """
    drop = load_stopwords(stopwords)
    counts = {name: term_counts(texts, drop=drop) for name, texts in groups.items()}
    if len(counts) < 2:
        raise ValueError("distinctive terms need at least two groups")
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    vocabulary = [w for w, n in total.items() if n >= min_count]
    n_total = sum(total[w] for w in vocabulary)
    rows: list[tuple] = []
    if len(vocabulary) < 2:
        # One word (or none) has no odds against the others: nothing to compare yet.
        return pd.DataFrame(rows, columns=["group", "term", "count", "count_rest", "log_odds", "z"])
    for name, own in counts.items():
        n_own = sum(own[w] for w in vocabulary)
        n_rest = n_total - n_own
        scored = []
        for word in vocabulary:
            alpha = prior * total[word] / n_total
            y_i, y_j = own[word], total[word] - own[word]
            delta = math.log((y_i + alpha) / (n_own + prior - y_i - alpha)) - math.log(
                (y_j + alpha) / (n_rest + prior - y_j - alpha)
            )
            variance = 1 / (y_i + alpha) + 1 / (y_j + alpha)
            scored.append((name, word, y_i, y_j, delta, delta / math.sqrt(variance)))
        scored.sort(key=lambda r: (-r[5], r[1]))
        rows.extend(scored[:top])
    return pd.DataFrame(rows, columns=["group", "term", "count", "count_rest", "log_odds", "z"])
