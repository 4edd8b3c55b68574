"""The statements scatter, with actor and outlet menus and date controls inside the figure.

The menus are plotly's own (``updatemenus``), so they filter in the shared HTML too,
where widgets have no kernel. The two menus combine: there is one trace per stance and
outlet, the outlet menu shows the traces of one outlet, and the actor menu swaps every
trace's points for that actor's. The date buttons and the slider under the chart narrow
the dates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...core import schema as S
from .style import (
    colour_for,
    date_filter,
    dense_range,
    escape,
    padded_range,
    shown_name,
    stance_colours,
    with_note,
)

ALL_ACTORS = "all actors"
ALL_OUTLETS = "all outlets"
OTHER_OUTLETS = "other outlets"
NO_OUTLET = "no outlet"
_MENU_ROW = 36  # height in pixels of one entry of an open menu


def statements_scatter(
    statements: pd.DataFrame,
    *,
    title: str = "Statements",
    max_points: int = 8_000,
    top_actors: int = 40,
    top_outlets: int = 12,
    rows: np.ndarray | None = None,
    colours: dict[str, str] | None = None,
    menus: bool = True,
) -> go.Figure:
    """Each statement as a point (date, actor), coloured by stance; the hover shows its evidence.

    On a large corpus the chart stays light: only the ``top_actors`` most quoted actors
    are drawn, and at most ``max_points`` of their statements, a seeded random sample
    (the same on every run); the title says how many are shown. With the menus each point
    is carried twice (drawn, and in its actor's entry): 8,000 points with their evidence
    make about 8 MB of page. ``rows`` (positions)
    draws a selection of the table without the caller copying it. Stance colours come
    from every stance of the whole table (or ``colours``), so a selection keeps them.
    With ``menus``, an actor menu (the most quoted actors, as many as fit in the chart's
    height), an outlet menu (the ``top_outlets``, the rest as "other outlets"), date
    buttons and a date slider filter the chart without a kernel.
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
    n_actors = actors.nunique()
    if len(statements) < total:
        how = f"the top {len(keep)} of {n_actors:,} actors" + (", sampled" if sampled else "")
        title = f"{title} ({len(statements):,} of {total:,} shown: {how})"
    outlets = _outlet_groups(statements, top=top_outlets)
    fig = go.Figure()
    traces = []  # (stance, outlet, rows) of each trace, in order
    for stance, part in statements.groupby(S.STANCE, sort=True):
        for outlet, rows_of in part.groupby(outlets.loc[part.index], sort=True):
            traces.append((str(stance), str(outlet), rows_of))
            fig.add_scatter(
                **_points(rows_of, outlet=str(outlet)),
                mode="markers",
                name=escape(stance),
                legendgroup=escape(stance),
                showlegend=not any(s == str(stance) for s, _, _ in traces[:-1]),
                meta=escape(outlet, limit=60),
                marker={"color": colours.get(str(stance), colour_for(str(stance))), "size": 9},
                hoverinfo="text",
            )
    order = [escape(a, limit=60) for a in keep]  # most quoted at the top
    height = max(450, 22 * len(order) + 180)
    if menus:  # an open menu stays inside the chart: room for every outlet and 20 actors
        entries = max(min(len(order), 20), outlets.nunique()) + 1
        height = max(height, _MENU_ROW * entries + 150)
    dense, _, note = dense_range(statements[S.DATE], unit="statements")
    fig.update_layout(
        title=with_note(title, note),
        xaxis={
            "title": shown_name(S.DATE),
            "rangeselector": date_filter(),
            # where the dates are dense; one day is a day wide, not milliseconds
            "range": dense or padded_range(statements[S.DATE], 1),
        },
        yaxis={
            "title": "actor",
            "type": "category",
            "categoryorder": "array",
            "categoryarray": order[::-1],
            "dtick": 1,  # every actor row labelled
            # every row kept in place when a menu leaves a few actors: rows do not jump
            "range": [-0.5, len(order) - 0.5],
            "automargin": True,
        },
        template="plotly_white",
        height=height,
        legend_title="stance",
    )
    if menus and traces:
        listed = list(keep)[: int((height - 150) // _MENU_ROW) - 1]  # as many as fit
        _add_menus(fig, traces, actors=listed, outlets=outlets)
    return fig


def _outlet_groups(statements: pd.DataFrame, *, top: int) -> pd.Series:
    """Each statement's outlet as the menu offers it: the ``top`` outlets by name, the rest
    as "other outlets"."""
    if S.SOURCE not in statements.columns:
        return pd.Series(NO_OUTLET, index=statements.index, dtype=object)
    named = statements[S.SOURCE].astype(object).where(statements[S.SOURCE].notna(), NO_OUTLET)
    kept = named.value_counts().head(top).index
    return named.where(named.isin(kept), OTHER_OUTLETS)


def _points(rows: pd.DataFrame, *, outlet: str) -> dict:
    """x, y and hover text of some statements, as a trace (or a menu's restyle) takes them."""
    dates = rows[S.DATE]
    return {
        "x": [None if pd.isna(d) else d.isoformat() for d in dates],
        "y": [escape(a, limit=60) for a in rows[S.ACTOR]],
        "hovertext": [
            f"<b>{escape(a, limit=60)}</b> ({escape(act)}, {escape(stance)})"
            f"<br>{escape(outlet, limit=60)}, {'' if pd.isna(d) else f'{d:%Y-%m-%d}'}"
            f"<br>{escape(s, width=90)}"
            for a, act, stance, d, s in zip(
                rows[S.ACTOR], rows[S.ACT], rows[S.STANCE], dates, rows[S.SENTENCE], strict=True
            )
        ],
    }


def _add_menus(
    fig: go.Figure, traces: list[tuple[str, str, pd.DataFrame]], *, actors: list, outlets: pd.Series
) -> None:
    """An actor menu (each swaps every trace's points for one actor's), an outlet menu (each
    shows one outlet's traces) and a date slider; the two menus combine."""
    whole = [_points(rows, outlet=outlet) for _, outlet, rows in traces]

    def restyle(points: list[dict]) -> dict:
        return {key: [p[key] for p in points] for key in ("x", "y", "hovertext")}

    actor_buttons = [{"label": ALL_ACTORS, "method": "restyle", "args": [restyle(whole)]}]
    for actor in actors:
        points = [
            _points(rows[rows[S.ACTOR] == actor], outlet=outlet) for _, outlet, rows in traces
        ]
        actor_buttons.append(
            {"label": escape(actor, limit=32), "method": "restyle", "args": [restyle(points)]}
        )
    names = list(outlets.value_counts().index)
    names = [n for n in names if n != OTHER_OUTLETS] + [n for n in names if n == OTHER_OUTLETS]
    outlet_buttons = [
        {"label": ALL_OUTLETS, "method": "restyle", "args": [{"visible": [True] * len(traces)}]}
    ] + [
        {
            "label": escape(name, limit=32),
            "method": "restyle",
            "args": [{"visible": [outlet == name for _, outlet, _ in traces]}],
        }
        for name in names
    ]
    # Both at the top right, the outlet menu lifted (in pixels) above the actor menu: they
    # never overlap, whatever the labels' width or the chart's height.
    menu = {"type": "dropdown", "x": 1.0, "y": 1.0, "xanchor": "right", "yanchor": "bottom"}
    fig.update_layout(
        updatemenus=[
            {**menu, "buttons": actor_buttons, "name": "actor", "pad": {"b": 4}},
            {**menu, "buttons": outlet_buttons, "name": shown_name(S.SOURCE), "pad": {"b": 40}},
        ],
        margin={"t": 150 if fig.layout.title.text.count("<br>") else 120},
    )
    fig.update_xaxes(rangeslider={"visible": True, "thickness": 0.05})
