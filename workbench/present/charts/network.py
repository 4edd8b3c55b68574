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
    biggest = max(1, int(nodes[ARTICLES].max())) if len(nodes) else 1
    sizes = {
        a: 10 + 30 * (n / biggest) ** 0.5
        for a, n in zip(nodes[S.ACTOR], nodes[ARTICLES], strict=True)
    }
    position = _without_collisions(
        position, {a: escape(a, limit=28) for a in position}, sizes=sizes
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
                "size": [sizes[a] for a in part[S.ACTOR]],
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


# The chart's drawing area in pixels (at the usual notebook width) and a label's letters.
_PLOT_PX = (900.0, 640.0)
_CHAR_PX, _LINE_PX = 6.0, 15.0


def _label_box(
    position: Mapping[str, Sequence[float]],
    actor: str,
    label: str,
    unit: tuple[float, float],
    size: float,
) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) a node and its label take in data units, the label where
    ``_outward`` puts it, beside the marker of ``size`` pixels; ``unit`` is the data
    units per pixel on x and y."""
    x, y = float(position[actor][0]), float(position[actor][1])
    rx, ry = size / 2 * unit[0], size / 2 * unit[1]
    width, height = len(label) * _CHAR_PX * unit[0], _LINE_PX * unit[1]
    vertical, horizontal = _outward(position, actor).split()
    x0 = {"left": x - rx - width, "right": x + rx, "center": x - width / 2}[horizontal]
    y0 = {"top": y + ry, "bottom": y - ry - height, "middle": y - height / 2}[vertical]
    x1, y1 = x0 + width, y0 + height
    return min(x0, x - rx), min(y0, y - ry), max(x1, x + rx), max(y1, y + ry)


def _without_collisions(
    position: Mapping[str, Sequence[float]],
    labels: Mapping[str, str],
    *,
    sizes: Mapping[str, float],
    rounds: int = 300,
) -> dict[str, list[float]]:
    """The layout with nodes nudged apart until no two labels overlap (or ``rounds`` is
    spent): each overlapping pair moves apart along the axis where they overlap least.
    Deterministic: the same network gives the same picture."""
    moved = {a: [float(p[0]), float(p[1])] for a, p in position.items()}
    actors = sorted(moved)
    for _ in range(rounds):
        xs, ys = [p[0] for p in moved.values()], [p[1] for p in moved.values()]
        if not xs:
            break
        # data units per pixel, with the axes' padding (see the layout's ranges)
        unit = (
            max(max(xs) - min(xs), 0.5) * 1.6 / _PLOT_PX[0],
            max(max(ys) - min(ys), 0.5) * 1.24 / _PLOT_PX[1],
        )
        boxes = {a: _label_box(moved, a, labels[a], unit, sizes.get(a, 10)) for a in actors}
        clashes = 0
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                ax0, ay0, ax1, ay1 = boxes[a]
                bx0, by0, bx1, by1 = boxes[b]
                dx, dy = min(ax1, bx1) - max(ax0, bx0), min(ay1, by1) - max(ay0, by0)
                if dx <= 0 or dy <= 0:
                    continue
                clashes += 1
                if dy * unit[0] / unit[1] <= dx:  # in pixels, y overlaps least: move on y
                    step = (dy / 2 + unit[1]) * (1 if moved[a][1] >= moved[b][1] else -1)
                    moved[a][1] += step
                    moved[b][1] -= step
                else:
                    step = (dx / 2 + unit[0]) * (1 if moved[a][0] >= moved[b][0] else -1)
                    moved[a][0] += step
                    moved[b][0] -= step
        if not clashes:
            break
    return moved


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
