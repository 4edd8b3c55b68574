"""Coverage charts: articles or statements over time, distinctive terms, heatmaps."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ...analysis.timeseries import COUNT, PERIOD, SHARE, SPARSE
from .style import (
    NEUTRAL,
    colour_for,
    colours_for,
    count_axis,
    dense_range,
    escape,
    period_days,
    shown_name,
    with_note,
)


def coverage_timeline(
    counts: pd.DataFrame,
    *,
    by: str | None = None,
    share: bool = False,
    title: str = "Coverage over time",
    colours: dict[str, str] | None = None,
    unit: str = "articles",
) -> go.Figure:
    """Stacked bars of a :func:`workbench.analysis.timeseries.coverage` table, one colour per group.

    Sparse periods (too few articles) are drawn faded and named in the hover, so a spike
    built on two articles is not mistaken for a trend. The axis shows where the dates are
    dense; the title says how many ``unit`` (what is counted) are off it (see
    :func:`~workbench.present.charts.style.dense_range`).
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
    dense, _, note = dense_range(
        counts[PERIOD], weights=counts[COUNT], pad_days=period_days(counts[PERIOD]), unit=unit
    )
    fig.update_layout(
        barmode="stack",
        title=with_note(title, note),
        margin={"t": 150} if note else {},  # the note between the title and the buttons
        xaxis={"title": "period", **({"range": dense} if dense else {})},
        yaxis={"title": _share_axis(counts)[0], "tickformat": _share_axis(counts)[1]}
        if share
        else count_axis(_largest_stack(counts)),
        legend_title=escape(shown_name(by) if by else ""),
        template="plotly_white",
    )
    _add_count_share_toggle(fig, counts, by, groups)
    return fig


def _largest_stack(counts: pd.DataFrame) -> int:
    """The tallest stack of counts in any period."""
    return int(counts.groupby(PERIOD)[COUNT].sum().max()) if len(counts) else 0


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
        ("count", COUNT, {"yaxis.title.text": "count", "yaxis.tickformat": ",d"}),
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
    """Horizontal bars of z-scores from
    :func:`workbench.analysis.compare.distinctive_terms`, per group."""
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

    With ``normalise`` each row shows shares (the mix of acts of each actor) instead of
    counts, and its label the row's number of entries: "Nikol Pashinyan (12)".
    Rows are drawn most entries first, from the top; only the ``top`` rows are drawn (the
    title then says "the N with most of M").
    """
    counts = pd.crosstab(table[rows], table[columns])
    totals = counts.sum(axis=1).sort_values(ascending=False, kind="stable")
    counts = counts.loc[totals.index[:top]]  # most entries first (drawn at the top)
    if len(totals) > top:
        title = f"{title or f'{rows} x {columns}'} (the {top} with most of {len(totals):,})"
    shown = counts.div(counts.sum(axis=1), axis=0) if normalise else counts
    # shares hide how many entries a row has: its label says it
    labels_y = [
        f"{escape(v, limit=60)} ({totals[v]:,})" if normalise else escape(v, limit=60)
        for v in shown.index
    ]
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
            colorbar={"title": "share", "tickformat": ".0%"}
            if normalise
            else {"title": "count", "tickformat": ",d"},
        )
    )
    fig.update_layout(
        title=escape(title or f"{rows} x {columns}"),
        xaxis_title=escape(shown_name(columns)),
        # the row with most entries at the top, as the title's "the N with most" reads
        yaxis={"title": escape(shown_name(rows)), "autorange": "reversed", "automargin": True},
        template="plotly_white",
        height=max(400, 24 * len(labels_y) + 150),
    )
    return fig
