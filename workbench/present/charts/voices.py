"""Who speaks: share of voice, outlets' lean and the actor picker."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ...analysis.timeseries import COUNT, PERIOD, SPARSE
from ...core import schema as S
from .style import (
    NEUTRAL,
    colour_for,
    colours_for,
    count_axis,
    dense_range,
    escape,
    padded_range,
    period_days,
    shown_name,
    stance_colours,
    with_note,
)


def outlet_lean(
    articles: pd.DataFrame, *, stances: list[str], title: str = "Article lean by outlet"
) -> go.Figure:
    """Each outlet's articles by framing lean (``lean`` column after annotation), as shares
    of the outlet's articles (one large outlet does not squeeze the others to slivers),
    each outlet labelled with its number of articles; buttons in the figure switch to
    counts and back, in the shared HTML too."""
    counts = pd.crosstab(articles[S.SOURCE].fillna("(unknown)"), articles[S.LEAN])
    totals = counts.sum(axis=1)
    shares = counts.div(totals.where(totals > 0), axis=0).fillna(0.0)
    colours = stance_colours(stances)
    leans = [s for s in stances if s in counts.columns]
    fig = go.Figure()
    for lean in leans:
        fig.add_bar(
            y=[f"{escape(o, limit=60)} ({totals[o]:,})" for o in counts.index],
            x=shares[lean],
            orientation="h",
            name=escape(lean),
            marker_color=colours.get(lean, colour_for(lean)),
            hovertext=[
                f"{escape(o, limit=60)}: {n:,} of {totals[o]:,} articles {escape(lean)} "
                f"({shares.at[o, lean]:.0%})"
                for o, n in counts[lean].items()
            ],
            hoverinfo="text",
        )
    largest = int(totals.max()) if len(totals) else 0
    share_axis = {"title": "share of the outlet's articles", "tickformat": ".0%"}
    buttons = [
        {
            "label": "share",
            "method": "update",
            "args": [{"x": [shares[lean] for lean in leans]}, {"xaxis": share_axis}],
        },
        {
            "label": "count",
            "method": "update",
            "args": [
                {"x": [counts[lean] for lean in leans]},
                {"xaxis": count_axis(largest, title="articles")},
            ],
        },
    ]
    fig.update_layout(
        barmode="stack",
        title=escape(title),
        xaxis=share_axis,
        updatemenus=[
            {
                "type": "buttons",
                "direction": "right",
                "buttons": buttons,
                "x": 0,
                "y": 1.02,
                "xanchor": "left",
                "yanchor": "bottom",
            }
        ],
        yaxis={"title": shown_name(S.SOURCE), "automargin": True},
        legend_title="lean",
        template="plotly_white",
        height=max(400, 28 * len(counts) + 160),
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
    (:func:`workbench.analysis.timeseries.share_of_voice`), ``others`` in grey.

    With ``rolling`` the line is the rolling mean and the raw shares are faint dots.
    Periods with few articles break the line and show as hollow circles that say so in
    the hover: a spike there is not a trend. A table computed ``among_named`` draws the
    named speakers' shares of their own statements on top and ``others`` (their share of
    all statements) in a panel below, so "others" does not squeeze the named speakers.
    """
    from ...analysis.timeseries import OTHERS, ROLLING, STATEMENTS_IN_PERIOD, VOICE

    names = sorted(voice[by].dropna().unique(), key=lambda n: (n == OTHERS, str(n)))
    apart = bool(voice.attrs.get("among_named")) and OTHERS in names and len(names) > 1
    if apart:  # the named speakers on top, 'others' (their share of all) below
        from plotly.subplots import make_subplots

        fig = make_subplots(
            rows=2, cols=1, shared_xaxes=True, row_heights=[0.72, 0.28], vertical_spacing=0.1
        )
    else:
        fig = go.Figure()
    colours = colours or colours_for(n for n in names if n != OTHERS)
    line_of = ROLLING if rolling else VOICE
    for name in names:
        part = voice[(voice[by] == name) & voice[VOICE].notna()]
        where = {"row": 2 if name == OTHERS else 1, "col": 1} if apart else {}
        colour = NEUTRAL if name == OTHERS else colours.get(str(name), colour_for(str(name)))
        label = escape(name, limit=60)
        of = (
            "statements of all speakers"
            if name == OTHERS or not apart
            else "named speakers' statements"
        )
        hover = [
            f"<b>{label}</b><br>{p:%Y-%m-%d}: {v:.0%} of {t:,} {of}"
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
            line={"color": colour, "width": 2.5 if name != OTHERS else 1.5},
            marker={"color": colour, "size": 7},
            hovertext=hover,
            hoverinfo="text",
            **where,
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
            **where,
        )
    axis = (
        "share of the named speakers' statements" if apart else "share of the period's statements"
    )
    named = [n for n in names if n != OTHERS]
    speakers = voice.attrs.get("speakers")
    if OTHERS in names and speakers:
        title = f"{title}: the top {len(named)} of {speakers:,} speakers, the rest as others"
    # every statement of a period, the named speakers' and the others' alike
    per_period = voice.groupby(PERIOD)[COUNT].sum()
    dense, _, note = dense_range(
        per_period.index,
        weights=per_period.to_numpy(),
        pad_days=period_days(per_period.index),
        unit="statements",
    )
    if dense:
        fig.update_xaxes(range=dense)
    fig.update_layout(
        title=with_note(title, note),
        margin={"t": 120} if note else {},
        legend_title=escape(shown_name(by)),
        template="plotly_white",
        height=650 if apart else 525,
    )
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    fig.update_yaxes(
        title_text=axis + (" (rolling mean)" if rolling else ""),
        **({"row": 1, "col": 1} if apart else {}),
    )
    if apart:
        fig.update_yaxes(title_text="others: share of all", row=2, col=1)
        fig.update_xaxes(title_text="period", row=2, col=1)
    else:
        fig.update_xaxes(title_text="period")
    return fig


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
    from ...analysis.timeseries import _FREQ

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
    dense, _, _ = dense_range(
        dated[S.DATE], pad_days=_PERIOD_MS[code] / 86_400_000, unit="statements"
    )

    def titled(actor: str) -> str:
        """The title for one actor, saying how many of its statements are off the axis."""
        named = f"{title}: {actor[:60]}"
        if not dense:
            return escape(named)
        mine = dated.loc[dated[S.ACTOR] == actor, S.DATE]
        off = int(((mine < dense[0]) | (mine > dense[1])).sum())
        return with_note(
            named,
            f"{off:,} of its statements {'is' if off == 1 else 'are'} dated before "
            f"{dense[0]:%Y-%m-%d} or after {dense[1]:%Y-%m-%d}, off the axis, far from the "
            "bulk of all statements: double-click the chart to see them"
            if off
            else "",
        )

    buttons = [
        {
            "label": escape(actor, limit=40),
            "method": "update",
            "args": [{"visible": [o == n for o in owner]}, {"title.text": titled(actor)}],
        }
        for n, actor in enumerate(actors)
    ]
    most = periods.groupby([dated[S.ACTOR], periods]).size().max() if len(dated) else 0
    fig.update_layout(
        title=titled(actors[0]) if actors else escape(title),
        barmode="stack",
        xaxis={
            "title": "period",
            "range": dense or padded_range(periods, _PERIOD_MS[code] / 86_400_000),
        },
        yaxis=count_axis(int(most or 0), title="statements"),
        legend_title="stance",
        showlegend=True,
        template="plotly_white",
        updatemenus=[
            {"buttons": buttons, "x": 1, "y": 1.02, "xanchor": "right", "yanchor": "bottom"}
        ]
        if buttons
        else [],
        margin={"t": 130 if dense else 90},  # room for a second line under the title
    )
    return fig
