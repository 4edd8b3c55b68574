"""Plotly figure builders: each returns a ``go.Figure`` and never shows it.

Colours are stable: a side's colour comes from the profile's side order, an outlet's or
actor's from a hash of its name, so the same name has the same colour in every chart
and every run. Text from articles is untrusted: it is HTML-escaped before it reaches a
hover label.
"""

from __future__ import annotations

import hashlib
import html
import textwrap
from collections.abc import Iterable

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


def stance_colours(stances: list[str]) -> dict[str, str]:
    """Colours for stance labels: ``neutral`` grey, each side its own colour in profile order."""
    colours = {"neutral": NEUTRAL}
    sides = [s for s in stances if s != "neutral"]
    for stance, colour in zip(sides, SIDE_COLOURS, strict=False):
        colours[stance] = colour
    return colours


def escape(text: object, *, limit: int = 300, width: int | None = None) -> str:
    """Untrusted text made safe for a hover label: HTML-escaped, shortened, and wrapped
    at ``width`` characters so a long sentence does not run off the chart."""
    value = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    if width:
        return "<br>".join(html.escape(line, quote=True) for line in textwrap.wrap(value, width))
    return html.escape(value, quote=True)


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


def statements_scatter(statements: pd.DataFrame, *, title: str = "Statements") -> go.Figure:
    """Each statement as a point (date, actor), coloured by stance; the hover shows its evidence."""
    colours = stance_colours(sorted(statements[S.STANCE].dropna().unique()))
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
    table: pd.DataFrame, *, rows: str, columns: str, title: str = "", normalise: bool = False
) -> go.Figure:
    """Counts of ``rows`` x ``columns`` (e.g. actor x act, affiliation x stance) as a heatmap.

    With ``normalise`` each row shows shares (the mix of acts of each actor) instead of counts.
    """
    counts = pd.crosstab(table[rows], table[columns])
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
