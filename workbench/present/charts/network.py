"""The co-mention network chart (the network itself: :mod:`workbench.analysis.network`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from ...analysis.network import (
    ACTOR_A,
    ACTOR_B,
    ARTICLES,
    JACCARD,
    MENTIONS,
    actor_nodes,
    co_mentions,
)
from ...core import schema as S
from .style import (
    NEUTRAL,
    escape,
    side_colours,
)


def co_mention_chart(
    mentions: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    top: int = 30,
    edges_per_actor: int = 2,
    min_articles: int = 1,
    sides: Mapping[str, Sequence[str]] | None = None,
    title: str = "Actors named together",
) -> go.Figure:
    """The co-mention network of the ``top`` most named actors.

    Node size follows the number of articles naming the actor; colour its side (the
    profile's ``sides``: side name to member affiliations, the same colours as the
    stance charts) or, for a third party, its affiliation; line width the articles
    naming both. Each actor keeps only its ``edges_per_actor`` strongest ties (by
    Jaccard, so the most named actors do not tie to everything), which keeps the
    picture readable; :func:`co_mentions` has them all. Hover a node or the middle of a
    line for the numbers and an example.

    Examples
    --------
    >>> co_mention_chart(corpus.mentions, articles=corpus.articles,
    ...                  sides=corpus.profile.sides)  # doctest: +SKIP
    """
    nodes = actor_nodes(mentions).head(top)
    edges = _strongest(
        co_mentions(
            mentions, articles=articles, actors=list(nodes[S.ACTOR]), min_articles=min_articles
        ),
        edges_per_actor,
    )
    graph = nx.Graph()
    graph.add_nodes_from(nodes[S.ACTOR])
    graph.add_weighted_edges_from(edges[[ACTOR_A, ACTOR_B, JACCARD]].itertuples(index=False))
    # a wide spring (k) and many iterations: nodes spread out, so labels have room
    position = nx.spring_layout(
        graph, seed=7, weight="weight", k=3.0 / max(1, len(nodes)) ** 0.5, iterations=300
    )

    fig = go.Figure()
    widest = max(1, int(edges[ARTICLES].max())) if len(edges) else 1
    for edge in edges.itertuples(index=False):
        (xa, ya), (xb, yb) = position[edge.actor_a], position[edge.actor_b]
        fig.add_scatter(
            x=[xa, xb],
            y=[ya, yb],
            mode="lines",
            line={"width": 0.5 + 5 * edge.articles / widest, "color": "#C8C8C8"},
            hoverinfo="skip",
            showlegend=False,
        )
    if len(edges):
        fig.add_scatter(
            x=[(position[a][0] + position[b][0]) / 2 for a, b in zip(*_pair(edges), strict=True)],
            y=[(position[a][1] + position[b][1]) / 2 for a, b in zip(*_pair(edges), strict=True)],
            mode="markers",
            marker={"size": 6, "color": "rgba(0,0,0,0)"},
            hovertext=[
                f"{escape(e.actor_a, limit=60)} & {escape(e.actor_b, limit=60)}: "
                f"{e.articles:,} articles (Jaccard {e.jaccard:.2f})"
                f"<br>e.g. {escape(e.example, width=80)}"
                for e in edges.itertuples(index=False)
            ],
            hoverinfo="text",
            showlegend=False,
            name="pairs",
        )
    groups, colours = _groups_and_colours(nodes[S.AFFILIATION], sides or {})
    symbols = _symbols(colours, sides or {})
    biggest = max(1, int(nodes[ARTICLES].max())) if len(nodes) else 1
    for group in colours:
        part = nodes[groups == group]
        fig.add_scatter(
            x=[position[a][0] for a in part[S.ACTOR]],
            y=[position[a][1] for a in part[S.ACTOR]],
            mode="markers+text",
            name=escape(group, limit=40),
            text=[escape(a, limit=28) for a in part[S.ACTOR]],
            textposition=[_outward(position, a) for a in part[S.ACTOR]],
            textfont={"size": 10},
            cliponaxis=False,  # a label near the edge is drawn whole
            marker={
                "size": [10 + 30 * (n / biggest) ** 0.5 for n in part[ARTICLES]],
                "color": colours[group],
                "symbol": symbols[group],
                "line": {"width": 1, "color": "white"},
            },
            hovertext=[
                f"<b>{escape(a, limit=60)}</b> ({escape(f, limit=40)})"
                f"<br>named in {n:,} articles, {m:,} times"
                for a, f, n, m in zip(
                    part[S.ACTOR], part[S.AFFILIATION], part[ARTICLES], part[MENTIONS], strict=True
                )
            ],
            hoverinfo="text",
        )
    axis = {"showgrid": False, "zeroline": False, "showticklabels": False, "title": ""}
    if len(edges) and edges_per_actor:
        title = f"{title} (each actor's {edges_per_actor} strongest ties)"
    if len(actor_nodes(mentions)) > len(nodes):
        title = f"{title}: the top {len(nodes)} of {len(actor_nodes(mentions)):,} actors"
    fig.update_layout(
        title=escape(title),
        # room beside the outermost nodes for their labels, which point outwards
        xaxis={**axis, "range": _padded([float(p[0]) for p in position.values()], 0.3)},
        yaxis={**axis, "range": _padded([float(p[1]) for p in position.values()], 0.12)},
        template="plotly_white",
        height=750,
        legend_title="side or affiliation",
        hovermode="closest",
    )
    return fig


def _padded(values: list[float], share: float) -> list[float] | None:
    """The range of ``values`` widened by ``share`` of it on each side."""
    if not values:
        return None
    low, high = min(values), max(values)
    margin = max(high - low, 0.5) * share
    return [low - margin, high + margin]


def _outward(position: Mapping[str, Sequence[float]], actor: str) -> str:
    """Where a node's label goes: away from the centre of the picture, so labels in the
    middle do not pile onto each other."""
    x, y = position[actor][0], position[actor][1]
    vertical = "top" if y >= 0 else "bottom"
    if abs(x) < 0.25:
        return f"{vertical} center"
    return f"{'middle' if abs(y) < 0.25 else vertical} {'right' if x > 0 else 'left'}"


def _symbols(colours: Mapping[str, str], sides: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """A marker shape per group: circles for the sides, other shapes for third parties, so
    the groups differ by more than colour."""
    shapes = ("diamond", "square", "triangle-up", "pentagon", "hexagon", "star", "cross")
    third = [g for g in colours if g not in {f"{s} side" for s in sides}]
    shown = dict.fromkeys(colours, "circle")
    shown.update({g: shapes[i % len(shapes)] for i, g in enumerate(third)})
    return shown


def _strongest(edges: pd.DataFrame, per_actor: int) -> pd.DataFrame:
    """The edges that are among the ``per_actor`` strongest (by Jaccard) of either end."""
    ranked = edges.sort_values([JACCARD, ARTICLES], ascending=False, kind="stable")
    keep: set[int] = set()
    for end in (ACTOR_A, ACTOR_B):
        keep |= set(ranked.groupby(end, sort=False).head(per_actor).index)
    return edges.loc[sorted(keep)]


def _pair(edges: pd.DataFrame) -> tuple[list[str], list[str]]:
    return list(edges[ACTOR_A]), list(edges[ACTOR_B])


def _groups_and_colours(
    affiliations: pd.Series, sides: Mapping[str, Sequence[str]]
) -> tuple[pd.Series, dict[str, str]]:
    """Each node's legend group (``<side> side`` or its own affiliation) and one colour per
    group: the sides first, with the stance charts' colours."""
    side_of = {member: side for side, members in sides.items() for member in members}
    groups = affiliations.map(
        lambda a: f"{side_of[a]} side" if a in side_of else ("(none)" if pd.isna(a) else str(a))
    )
    colours = {f"{side} side": c for side, c in side_colours(sides).items()}
    colours = {g: c for g, c in colours.items() if g in set(groups)}
    # Third parties in greys (told apart by shape, see _symbols): no third party's colour
    # can be taken for a side's, for any colour vision.
    for i, group in enumerate(sorted(set(groups) - set(colours))):
        colours[group] = NEUTRAL if group == "(none)" else _GREYS[i % len(_GREYS)]
    return groups, colours


_GREYS = ("#4D4D4D", "#8C8C8C", "#262626", "#B3B3B3", "#666666")
