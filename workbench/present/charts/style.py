"""Colours and escaping shared by every chart.

Colours are stable: a side's colour comes from the profile's side order, an outlet's or
actor's from a hash of its name, so the same name has the same colour in every chart
and every run. Text from articles is untrusted: it is HTML-escaped before it reaches a
hover label.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

# Colour-blind-safe palette (Okabe-Ito), then Plotly's, for names beyond it.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#636EFA",
    "#EF553B",
    "#00CC96",
    "#AB63FA",
    "#FFA15A",
    "#19D3F3",
    "#FF6692",
    "#B6E880",
)
NEUTRAL = "#9E9E9E"
SIDE_COLOURS = ("#D55E00", "#0072B2", "#009E73", "#CC79A7")


def colour_for(name: str) -> str:
    """A stable colour for any name (outlet, actor, act): same name, same colour."""
    digest = hashlib.sha1(str(name).encode("utf-8")).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def colours_for(names: Iterable[object]) -> dict[str, str]:
    """One distinct colour per name, by sorted name: build it once from a whole column
    (``corpus.articles.source``) and pass it to every chart so colours agree across them.
    Names beyond the palette fall back to :func:`colour_for`."""
    unique = sorted(
        {str(n) for n in names if n is not None and not (isinstance(n, float) and pd.isna(n))}
    )
    return {n: PALETTE[i] if i < len(PALETTE) else colour_for(n) for i, n in enumerate(unique)}


def stance_colours(stances: Iterable[str]) -> dict[str, str]:
    """Colours for stance labels: ``neutral`` grey, each ``pro_<side>`` its side's colour.

    Sides are coloured in the order of their names, whatever order they are given in, so
    a side has the same colour in every chart (and in :func:`side_colours`).
    """
    colours = {"neutral": NEUTRAL}
    sides = sorted({s for s in stances if s != "neutral"})
    for stance, colour in zip(sides, SIDE_COLOURS, strict=False):
        colours[stance] = colour
    return colours


def side_colours(sides: Iterable[str]) -> dict[str, str]:
    """Each side's colour, the same as its ``pro_<side>`` stance in :func:`stance_colours`."""
    by_stance = stance_colours(f"pro_{side}" for side in sides)
    return {
        stance.removeprefix("pro_"): c for stance, c in by_stance.items() if stance != "neutral"
    }


def escape(text: object, *, limit: int = 300, width: int | None = None) -> str:
    """Untrusted text made safe for a hover label: HTML-escaped, shortened, and wrapped
    at ``width`` characters so a long sentence does not run off the chart.

    Quotes become numeric entities (``&#34;``), which plotly's labels decode; it shows
    ``&quot;`` literally.

    Examples
    --------
    >>> escape('<b>"Stop"</b>')
    '&lt;b&gt;&#34;Stop&#34;&lt;/b&gt;'
    """
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    lines = _wrap(value, width) if width else [value]
    return "<br>".join(_escape_line(line) for line in lines)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, broken at spaces (a word longer than that
    stands alone). A regular expression: textwrap took most of a redraw of 20k hovers."""
    return _wrap_pattern(width).findall(text)


@lru_cache(maxsize=8)
def _wrap_pattern(width: int) -> re.Pattern[str]:
    return re.compile(rf"\S.{{0,{width - 1}}}(?=\s|$)|\S+")


def _escape_line(line: str) -> str:
    return html.escape(line, quote=False).replace('"', "&#34;").replace("'", "&#39;")


def count_axis(largest: float, *, title: str = "count") -> dict:
    """Layout of an axis of counts: whole numbers only (no 0.5 ticks), from zero."""
    axis: dict = {"title": title, "tickformat": ",d", "rangemode": "tozero"}
    if largest <= 10:
        axis["dtick"] = 1
    return axis


def padded_range(periods: Iterable[object], freq_days: float) -> list | None:
    """A fixed x range over all ``periods``, a period of margin each side and at least
    seven periods wide: one period's bar stays a bar (plotly would otherwise zoom in to
    hours), and a chart whose traces are switched keeps its axis. None without dates."""
    dates = pd.to_datetime(pd.Series(list(periods))).dropna()
    if dates.empty:
        return None
    middle = dates.min() + (dates.max() - dates.min()) / 2
    half = max((dates.max() - dates.min()).days / 2 + freq_days, 3.5 * freq_days)
    return [middle - pd.Timedelta(days=half), middle + pd.Timedelta(days=half)]


def dense_range(
    dates: Iterable[object],
    *,
    weights: Iterable[float] | None = None,
    pad_days: float = 1.0,
    unit: str = "articles",
) -> tuple[list | None, int, str]:
    """A timeline's x range over where its dates are dense, the count left outside it, and
    a line saying so for the title.

    A few articles dated years before the bulk would squash every bar into a sliver. The
    dates further than half the span holding 95% of them (``weights``: how many items each
    date stands for; the shortest such span) from that span are strays, and the range
    covers every other date, with ``pad_days`` each side. It is used only when the strays
    stretch the whole span to more than one and a half times the range. Nothing is dropped: the
    points stay in the chart, off the axis, and the line says how many ``unit`` and how to
    see them; the range is at least seven ``pad_days`` wide. ``(None, 0, "")`` when no
    date is a stray.
    """
    frame = pd.DataFrame({"date": pd.to_datetime(pd.Series(list(dates)))})
    frame["n"] = 1 if weights is None else list(weights)
    frame = frame.dropna().sort_values("date")
    frame = frame[frame["n"] > 0]
    if frame.empty:
        return None, 0, ""
    cumulative = frame["n"].cumsum().to_numpy()
    total = cumulative[-1]
    days = frame["date"].to_numpy()
    # for each first date, the first date by which 95% of the items are counted from it
    before = cumulative - frame["n"].to_numpy()
    ends = np.searchsorted(cumulative, before + 0.95 * total, side="left")
    fits = ends < len(days)
    widths = np.where(fits, days[np.minimum(ends, len(days) - 1)] - days, np.timedelta64(10**18))
    start = int(np.argmin(widths))
    first, last = pd.Timestamp(days[start]), pd.Timestamp(days[ends[start]])
    # strays are further than half that span from it; the axis hugs every other date
    reach = (last - first) / 2 + pd.Timedelta(days=pad_days)
    near = frame["date"][frame["date"].between(first - reach, last + reach)]
    low, high = near.min() - pd.Timedelta(days=pad_days), near.max() + pd.Timedelta(days=pad_days)
    if high - low < pd.Timedelta(days=7 * pad_days):
        middle = first + (last - first) / 2
        low, high = (
            middle - pd.Timedelta(days=3.5 * pad_days),
            middle + pd.Timedelta(days=3.5 * pad_days),
        )
    outside = int(frame.loc[(frame["date"] < low) | (frame["date"] > high), "n"].sum())
    whole = frame["date"].iloc[-1] - frame["date"].iloc[0]
    if not outside or whole <= 1.5 * (high - low):  # no stray far enough to squash the rest
        return None, 0, ""
    what, verb = (unit[:-1], "is") if outside == 1 else (unit, "are")
    note = (
        f"{outside:,} {what} dated before {low:%Y-%m-%d} or after {high:%Y-%m-%d} {verb} "
        "off the axis, far from the other dates: double-click the chart to see all"
    )
    return [low, high], outside, note


def period_days(periods: Iterable[object]) -> float:
    """The width in days of the periods of a timeline (the smallest step between two), 1
    when there are fewer than two."""
    steps = pd.Series(sorted(set(pd.to_datetime(pd.Series(list(periods))).dropna()))).diff()
    steps = steps[steps > pd.Timedelta(0)]
    return max(steps.min() / pd.Timedelta(days=1), 1.0) if len(steps) else 1.0


def with_note(title: str, note: str) -> str:
    """An escaped title with a smaller second line (``note``) under it, when there is one."""
    return escape(title) + (f"<br><sup>{escape(note)}</sup>" if note else "")


# One name per thing: a chart calls a column by its name, the same as every table does,
# glossed where the name alone could mislead (a quote's "source" is its speaker to many).
_SHOWN_NAMES = {"source": "source (outlet)", "date": "date (published)"}


def shown_name(column: str) -> str:
    """A column's name as charts show it: its name (``source`` is "source (outlet)",
    a statement's ``date`` "date (published)")."""
    return _SHOWN_NAMES.get(column, column)


def date_filter() -> dict:
    """Buttons above a date axis that show the last month, quarter or year, or all: a
    date filter that works in the shared HTML, without a kernel."""
    return {
        "buttons": [
            {"count": 1, "label": "last month", "step": "month", "stepmode": "backward"},
            {"count": 3, "label": "last 3 months", "step": "month", "stepmode": "backward"},
            {"count": 1, "label": "last year", "step": "year", "stepmode": "backward"},
            {"label": "all", "step": "all"},
        ],
        "x": 0,
        "y": 1.02,
        "yanchor": "bottom",
    }
