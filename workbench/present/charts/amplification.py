"""The amplification chart: one statement carried by several outlets."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ...core import schema as S
from .style import (
    colour_for,
    colours_for,
    escape,
    shown_name,
)


def amplification_chart(
    carried: pd.DataFrame,
    *,
    top: int = 20,
    title: str = "Statements carried by several outlets",
    colours: dict[str, str] | None = None,
) -> go.Figure:
    """Who carried each statement and how soon: one row per cluster of
    :func:`workbench.analysis.amplification.amplification` (the ``top`` carried by most outlets,
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
    if len(ranking) > len(chosen):
        title = f"{title}: the top {len(chosen)} of {len(ranking)} (carried by most outlets)"
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
        legend_title=shown_name(S.SOURCE),
        template="plotly_white",
        height=max(350, 32 * len(chosen) + 150),
    )
    return fig


# Bar widths of one period, in plotly's terms.
