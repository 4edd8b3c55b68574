"""Plotly figure builders: each returns a ``go.Figure`` and never shows it.

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
import plotly.graph_objects as go

from . import schema as S
from .timeseries import COUNT, PERIOD, SHARE, SPARSE

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


def coverage_timeline(
    counts: pd.DataFrame,
    *,
    by: str | None = None,
    share: bool = False,
    title: str = "Coverage over time",
    colours: dict[str, str] | None = None,
) -> go.Figure:
    """Stacked bars of a :func:`workbench.timeseries.coverage` table, one colour per group.

    Sparse periods (too few articles) are drawn faded and named in the hover, so a spike
    built on two articles is not mistaken for a trend.
    """
    value = SHARE if share else COUNT
    fig = go.Figure()
    groups: list = [None] if by is None else sorted(counts[by].dropna().unique(), key=str)
    colours = colours or ({} if by is None else colours_for(groups))
    for group in groups:
        part = counts if group is None else counts[counts[by] == group]
        name = "all" if group is None else str(group)
        colour = colours.get(name) or (NEUTRAL if group is None else colour_for(name))
        hover = [
            f"{escape(name)}<br>{p:%Y-%m-%d}: {v:.0%}"
            if share
            else f"{escape(name)}<br>{p:%Y-%m-%d}: {v:,}"
            for p, v in zip(part[PERIOD], part[value], strict=True)
        ]
        hover = [
            h + ("<br><i>few articles in this period</i>" if s else "")
            for h, s in zip(hover, part[SPARSE], strict=True)
        ]
        fig.add_bar(
            x=part[PERIOD],
            y=part[value],
            name=escape(name),
            marker={"color": colour, "opacity": [0.35 if s else 1.0 for s in part[SPARSE]]},
            hovertext=hover,
            hoverinfo="text",
        )
    fig.update_layout(
        barmode="stack",
        title=escape(title),
        xaxis_title="period",
        yaxis_title=_share_axis(counts)[0] if share else "count",
        yaxis_tickformat=_share_axis(counts)[1] if share else None,
        legend_title=escape(by or ""),
        template="plotly_white",
    )
    _add_count_share_toggle(fig, counts, by, groups)
    return fig


def _share_axis(counts: pd.DataFrame) -> tuple[str, str]:
    """Axis title and format of ``share``: a percentage of the period's articles, or, for
    statements and mentions (several per article), a rate per article."""
    stacked = counts.groupby(PERIOD)[SHARE].sum()
    if len(stacked) and stacked.max() > 1.0001:
        return "per article in the period", ".1f"
    return "share of the period's articles", ".0%"


def _add_count_share_toggle(
    fig: go.Figure, counts: pd.DataFrame, by: str | None, groups: list
) -> None:
    """Buttons that switch the bars between counts and shares, in the figure itself, so
    the toggle works in the shared HTML without a kernel."""
    parts = [counts if g is None else counts[counts[by] == g] for g in groups]
    buttons = []
    share_title, share_format = _share_axis(counts)
    for label, column, axis in (
        ("count", COUNT, {"yaxis.title.text": "count", "yaxis.tickformat": ""}),
        ("share", SHARE, {"yaxis.title.text": share_title, "yaxis.tickformat": share_format}),
    ):
        buttons.append(
            {
                "label": label,
                "method": "update",
                "args": [{"y": [list(p[column]) for p in parts]}, axis],
            }
        )
    fig.update_layout(
        updatemenus=[
            {
                "type": "buttons",
                "direction": "right",
                "buttons": buttons,
                "x": 0,
                "y": 1.12,
                "xanchor": "left",
            }
        ]
    )


def distinctive_terms_chart(terms: pd.DataFrame, *, title: str = "Distinctive terms") -> go.Figure:
    """Horizontal bars of z-scores from :func:`workbench.compare.distinctive_terms`, per group."""
    fig = go.Figure()
    for group, part in terms.groupby("group", sort=True):
        part = part.sort_values("z")
        fig.add_bar(
            x=part["z"],
            y=[escape(t) for t in part["term"]],
            orientation="h",
            name=escape(group),
            marker_color=colour_for(str(group)),
            hovertext=[
                f"{escape(t)}: z = {z:.1f}<br>{c:,} times in {escape(group)}, {r:,} elsewhere"
                for t, z, c, r in zip(
                    part["term"], part["z"], part["count"], part["count_rest"], strict=True
                )
            ],
            hoverinfo="text",
        )
    fig.update_layout(
        title=escape(title),
        xaxis_title="z-score (log-odds with informative Dirichlet prior)",
        barmode="group",
        template="plotly_white",
        height=max(400, 22 * len(terms)),
    )
    return fig


def statements_scatter(
    statements: pd.DataFrame,
    *,
    title: str = "Statements",
    max_points: int = 20_000,
    top_actors: int = 40,
    rows: np.ndarray | None = None,
    colours: dict[str, str] | None = None,
) -> go.Figure:
    """Each statement as a point (date, actor), coloured by stance; the hover shows its evidence.

    On a large corpus the chart stays light: only the ``top_actors`` most quoted actors
    are drawn, and at most ``max_points`` of their statements, a seeded random sample
    (the same on every run); the title says how many are shown. ``rows`` (positions)
    draws a selection of the table without the caller copying it. Stance colours come
    from every stance of the whole table (or ``colours``), so a selection keeps them.
    """
    if colours is None:
        colours = stance_colours(statements[S.STANCE].dropna().unique())
    positions = np.arange(len(statements)) if rows is None else np.asarray(rows)
    total = len(positions)
    actors = statements[S.ACTOR]
    if rows is not None:
        actors = actors.take(positions)
    keep = actors.value_counts().head(top_actors).index
    chosen = positions[actors.isin(keep).to_numpy()]
    sampled = len(chosen) > max_points
    if sampled:  # a seeded sample (the same points on every run), taken before any copy
        chosen = np.sort(np.random.default_rng(0).choice(chosen, max_points, replace=False))
    if len(chosen) < len(statements):
        statements = statements.iloc[chosen]
    if len(statements) < total:
        how = f"the {len(keep)} most quoted actors" + (", sampled" if sampled else "")
        title = f"{title} ({len(statements):,} of {total:,} shown: {how})"
    fig = go.Figure()
    for stance, part in statements.groupby(S.STANCE, sort=True):
        fig.add_scatter(
            x=part[S.DATE],
            y=[escape(a, limit=60) for a in part[S.ACTOR]],
            mode="markers",
            name=escape(stance),
            marker={"color": colours.get(str(stance), colour_for(str(stance))), "size": 9},
            hovertext=[
                f"<b>{escape(a, limit=60)}</b> ({escape(act)}, {escape(stance)})"
                f"<br>{escape(s, width=90)}"
                for a, act, s in zip(part[S.ACTOR], part[S.ACT], part[S.SENTENCE], strict=True)
            ],
            hoverinfo="text",
        )
    fig.update_layout(
        title=escape(title), xaxis_title="date", yaxis_title="actor", template="plotly_white"
    )
    return fig


def heatmap(
    table: pd.DataFrame,
    *,
    rows: str,
    columns: str,
    title: str = "",
    normalise: bool = False,
    top: int = 40,
) -> go.Figure:
    """Counts of ``rows`` x ``columns`` (e.g. actor x act, affiliation x stance) as a heatmap.

    With ``normalise`` each row shows shares (the mix of acts of each actor) instead of counts.
    Only the ``top`` rows with most entries are drawn (the title says so), most first.
    """
    counts = pd.crosstab(table[rows], table[columns])
    if len(counts) > top:
        totals = counts.sum(axis=1).sort_values(ascending=False, kind="stable")
        counts = counts.loc[totals.index[:top]]
        title = f"{title or f'{rows} x {columns}'} (the {top} with most of {len(totals):,})"
    shown = counts.div(counts.sum(axis=1), axis=0) if normalise else counts
    labels_y = [escape(v, limit=60) for v in shown.index]
    labels_x = [escape(v, limit=40) for v in shown.columns]
    hover = [
        [
            f"{labels_y[i]} x {labels_x[j]}: {counts.iat[i, j]:,} statements"
            + (f" ({shown.iat[i, j]:.0%} of the row)" if normalise else "")
            for j in range(shown.shape[1])
        ]
        for i in range(shown.shape[0])
    ]
    fig = go.Figure(
        go.Heatmap(
            z=shown.to_numpy(),
            x=labels_x,
            y=labels_y,
            colorscale="Blues",
            hovertext=hover,
            hoverinfo="text",
            colorbar={"title": "share" if normalise else "count"},
        )
    )
    fig.update_layout(
        title=escape(title or f"{rows} x {columns}"),
        xaxis_title=escape(columns),
        yaxis_title=escape(rows),
        template="plotly_white",
        height=max(400, 24 * len(labels_y) + 150),
    )
    return fig


def outlet_lean(
    articles: pd.DataFrame, *, stances: list[str], title: str = "Article lean by outlet"
) -> go.Figure:
    """Articles per outlet, stacked by framing lean (``lean`` column after annotation)."""
    counts = pd.crosstab(articles[S.SOURCE].fillna("(unknown)"), articles[S.LEAN])
    colours = stance_colours(stances)
    fig = go.Figure()
    for lean in [s for s in stances if s in counts.columns]:
        fig.add_bar(
            y=[escape(o, limit=60) for o in counts.index],
            x=counts[lean],
            orientation="h",
            name=escape(lean),
            marker_color=colours.get(lean, colour_for(lean)),
            hovertext=[
                f"{escape(o, limit=60)}: {n:,} articles {escape(lean)}"
                for o, n in counts[lean].items()
            ],
            hoverinfo="text",
        )
    fig.update_layout(
        barmode="stack",
        title=escape(title),
        xaxis_title="articles",
        yaxis_title="outlet",
        template="plotly_white",
    )
    return fig


def share_of_voice_chart(
    voice: pd.DataFrame,
    *,
    by: str = S.ACTOR,
    rolling: bool = False,
    title: str = "Share of voice",
    colours: dict[str, str] | None = None,
) -> go.Figure:
    """Lines of each speaker's share of a period's statements
    (:func:`workbench.timeseries.share_of_voice`), ``others`` in grey.

    With ``rolling`` the line is the rolling mean and the raw shares are faint dots.
    Periods with few articles break the line and show as hollow circles that say so in
    the hover: a spike there is not a trend.
    """
    from .timeseries import ROLLING, STATEMENTS_IN_PERIOD, VOICE

    fig = go.Figure()
    names = sorted(voice[by].dropna().unique(), key=lambda n: (n == "others", str(n)))
    colours = colours or colours_for(n for n in names if n != "others")
    line_of = ROLLING if rolling else VOICE
    for name in names:
        part = voice[(voice[by] == name) & voice[VOICE].notna()]
        colour = NEUTRAL if name == "others" else colours.get(str(name), colour_for(str(name)))
        label = escape(name, limit=60)
        hover = [
            f"<b>{label}</b><br>{p:%Y-%m-%d}: {v:.0%} of {t:,} statements"
            + (f", rolling mean {r:.0%}" if rolling else "")
            + ("<br><i>few articles in this period</i>" if s else "")
            for p, v, r, t, s in zip(
                part[PERIOD],
                part[VOICE],
                part[line_of],
                part[STATEMENTS_IN_PERIOD],
                part[SPARSE],
                strict=True,
            )
        ]
        solid = part[line_of].where(~part[SPARSE])
        fig.add_scatter(
            x=part[PERIOD],
            y=solid,
            mode="lines+markers",
            name=label,
            legendgroup=label,
            connectgaps=False,
            line={"color": colour, "width": 2.5 if name != "others" else 1.5},
            marker={"color": colour, "size": 7},
            hovertext=hover,
            hoverinfo="text",
        )
        faint = (part[VOICE] if rolling else part[VOICE].where(part[SPARSE])).tolist()
        fig.add_scatter(
            x=part[PERIOD],
            y=faint,
            mode="markers",
            name=label,
            legendgroup=label,
            showlegend=False,
            marker={
                "color": colour,
                "opacity": 0.45,
                "size": 7,
                "symbol": ["circle-open" if s else "circle" for s in part[SPARSE]],
            },
            hovertext=hover,
            hoverinfo="text",
        )
    fig.update_layout(
        title=escape(title),
        xaxis_title="period",
        yaxis_title="share of the period's statements" + (" (rolling mean)" if rolling else ""),
        yaxis_tickformat=".0%",
        legend_title=escape(by),
        template="plotly_white",
    )
    return fig


def amplification_chart(
    carried: pd.DataFrame,
    *,
    top: int = 20,
    title: str = "Statements carried by several outlets",
    colours: dict[str, str] | None = None,
) -> go.Figure:
    """Who carried each statement and how soon: one row per cluster of
    :func:`workbench.amplification.amplification` (the ``top`` carried by most outlets,
    in date order), a dot per copy at its delay after the first copy, coloured by
    outlet. Hover a dot for the outlet, date and sentence."""
    fig = go.Figure()
    if carried.empty:
        fig.update_layout(title=escape(title) + " (none found)", template="plotly_white")
        return fig
    grouped = carried.groupby("cluster")
    ranking = pd.DataFrame({"n": grouped[S.SOURCE].nunique(), "first": grouped[S.DATE].min()})
    chosen = list(
        ranking.sort_values(["n", "first"], ascending=[False, True], kind="stable")
        .head(top)
        .sort_values("first", kind="stable")
        .index
    )
    shown = carried[carried["cluster"].isin(chosen)].copy()
    row = {cluster: number for number, cluster in enumerate(chosen)}
    shown["_delay"] = (shown[S.DATE] - shown["cluster"].map(ranking["first"])) / pd.Timedelta(
        days=1
    )
    # Copies of one cluster are spread a little up and down so none hides another.
    rank = shown.groupby("cluster").cumcount()
    size = shown.groupby("cluster")["cluster"].transform("size")
    shown["_y"] = shown["cluster"].map(row) + (rank - (size - 1) / 2) * (0.6 / size.clip(lower=2))
    colours = colours or colours_for(shown[S.SOURCE].fillna("?"))
    for outlet, part in shown.groupby(shown[S.SOURCE].fillna("?"), sort=True):
        fig.add_scatter(
            x=part["_delay"],
            y=part["_y"],
            mode="markers",
            name=escape(outlet, limit=40),
            marker={"color": colours.get(str(outlet), colour_for(str(outlet))), "size": 11},
            hovertext=[
                f"<b>{escape(outlet, limit=40)}</b>, {d:%Y-%m-%d %H:%M} ({lag:.1f} days after "
                f"the first copy)<br>{escape(a, limit=60)}, similarity {sim:.2f}"
                f"<br>{escape(t, width=90)}"
                for d, lag, a, sim, t in zip(
                    part[S.DATE],
                    part["_delay"],
                    part[S.ACTOR],
                    part["similarity"],
                    part[S.SENTENCE],
                    strict=True,
                )
            ],
            hoverinfo="text",
        )
    labels = [
        f"{ranking.at[c, 'first']:%Y-%m-%d} {escape(first[S.ACTOR], limit=28)}: "
        f"{escape(first[S.SENTENCE], limit=36)}"
        for c in chosen
        for first in [shown[shown["cluster"] == c].iloc[0]]
    ]
    fig.update_layout(
        title=escape(title),
        xaxis={
            "title": "days after the first copy",
            "range": [-0.2, max(1.0, float(shown["_delay"].max())) + 0.2],
        },
        yaxis={
            "tickvals": list(range(len(chosen))),
            "ticktext": labels,
            "range": [len(chosen) - 0.5, -0.5],
            "automargin": True,
            "showgrid": True,
        },
        legend_title="outlet",
        template="plotly_white",
        height=max(350, 32 * len(chosen) + 150),
    )
    return fig


# Bar widths of one period, in plotly's terms.
_PLOTLY_PERIOD = {"D": 86_400_000, "W-SUN": 7 * 86_400_000, "M": "M1"}
_PERIOD_MS = {"D": 86_400_000, "W-SUN": 7 * 86_400_000, "M": 30 * 86_400_000}


def actor_picker(
    statements: pd.DataFrame,
    *,
    freq: str = "month",
    top: int = 15,
    title: str = "Statements of one actor over time",
) -> go.Figure:
    """Statements per period of one actor at a time, stacked by stance, with a dropdown
    inside the figure to choose the actor: a filter that still works in the shared HTML,
    where widgets have no kernel. The ``top`` speakers are offered, most frequent first."""
    from .timeseries import _FREQ

    code = _FREQ.get(freq)
    if code is None:
        raise ValueError(f"freq must be day, week or month, not {freq!r}")
    dated = statements[statements[S.DATE].notna()]
    actors = list(dated[S.ACTOR].value_counts().head(top).index)
    stances = sorted(dated[S.STANCE].dropna().unique())
    colours = stance_colours(stances)
    periods = dated[S.DATE].dt.to_period(code).dt.start_time
    fig = go.Figure()
    owner: list[int] = []  # which actor each trace belongs to
    for number, actor in enumerate(actors):
        mine = dated[S.ACTOR] == actor
        for stance in stances:
            chosen = mine & (dated[S.STANCE] == stance)
            if not chosen.any():
                continue
            counts = periods[chosen].value_counts().sort_index()
            examples = dated[chosen].groupby(periods[chosen])[S.SENTENCE].first()
            owner.append(number)
            fig.add_bar(
                x=counts.index,
                y=counts.to_numpy(),
                xperiod=_PLOTLY_PERIOD[code],
                xperiodalignment="middle",
                width=_PERIOD_MS[code] * 0.8,
                name=escape(stance),
                visible=number == 0,
                marker_color=colours.get(stance, colour_for(stance)),
                hovertext=[
                    f"<b>{escape(actor, limit=60)}</b>, {p:%Y-%m-%d}: {n:,} {escape(stance)}"
                    f"<br>e.g. {escape(examples.get(p), width=90)}"
                    for p, n in counts.items()
                ],
                hoverinfo="text",
            )
    buttons = [
        {
            "label": escape(actor, limit=40),
            "method": "update",
            "args": [
                {"visible": [o == n for o in owner]},
                {"title.text": f"{escape(title)}: {escape(actor, limit=60)}"},
            ],
        }
        for n, actor in enumerate(actors)
    ]
    fig.update_layout(
        title=f"{escape(title)}: {escape(actors[0], limit=60)}" if actors else escape(title),
        barmode="stack",
        xaxis_title="period",
        yaxis_title="statements",
        legend_title="stance",
        showlegend=True,
        template="plotly_white",
        updatemenus=[
            {"buttons": buttons, "x": 1, "y": 1.02, "xanchor": "right", "yanchor": "bottom"}
        ]
        if buttons
        else [],
        margin={"t": 90},
    )
    return fig
