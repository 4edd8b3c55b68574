"""Co-mention network: which actors are named in the same articles, and its chart.

An edge joins two actors named in the same article; its weight is the number of such
articles. The layout is networkx's spring layout with a fixed seed, so the same
corpus draws the same picture on every run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from . import schema as S
from .charts import NEUTRAL, PALETTE, SIDE_COLOURS, escape, side_colours

ACTOR_A = "actor_a"
ACTOR_B = "actor_b"
ARTICLES = "articles"
EXAMPLE = "example"
JACCARD = "jaccard"
MENTIONS = "mentions"


def actor_nodes(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per actor: ``affiliation``, the number of ``articles`` naming it and its
    ``mentions`` in all, most named first.

    Examples
    --------
    >>> actor_nodes(corpus.mentions).head()  # doctest: +SKIP
    """
    grouped = mentions.groupby(S.ACTOR, sort=True)
    nodes = pd.DataFrame(
        {
            S.AFFILIATION: grouped[S.AFFILIATION].first(),
            ARTICLES: grouped[S.ARTICLE_ID].nunique(),
            MENTIONS: grouped[S.MENTION_COUNT].sum(),
        }
    ).reset_index()
    return nodes.sort_values(
        [ARTICLES, MENTIONS, S.ACTOR], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def co_mentions(
    mentions: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    actors: list[str] | None = None,
    min_articles: int = 1,
) -> pd.DataFrame:
    """Pairs of actors named in the same article, with how many articles and an example.

    Parameters
    ----------
    mentions
        The mentions table.
    articles
        The articles table: gives each pair an example article title.
    actors
        Keep only these actors (e.g. the most named ones), or all.
    min_articles
        Leave out pairs seen together in fewer articles.

    Returns
    -------
    DataFrame
        ``actor_a``, ``actor_b`` (in alphabetical order), ``articles``, ``jaccard``
        (articles naming both over articles naming either: how tied the two are, whatever
        their size) and ``example`` (the title or id of the first article naming both),
        most frequent first.

    Examples
    --------
    >>> co_mentions(corpus.mentions, min_articles=2)  # doctest: +SKIP
    """
    kept = mentions if actors is None else mentions[mentions[S.ACTOR].isin(actors)]
    titles = (
        {}
        if articles is None
        else dict(zip(articles[S.ARTICLE_ID], articles[S.TITLE], strict=True))
    )
    counts: dict[tuple[str, str], int] = {}
    examples: dict[tuple[str, str], str] = {}
    for article_id, names in kept.groupby(S.ARTICLE_ID, sort=True)[S.ACTOR]:
        for pair in combinations(sorted(set(names.dropna())), 2):
            counts[pair] = counts.get(pair, 0) + 1
            examples.setdefault(pair, str(titles.get(article_id) or article_id))
    naming = kept.groupby(S.ACTOR)[S.ARTICLE_ID].nunique()
    edges = pd.DataFrame(
        [
            (a, b, n, n / (naming[a] + naming[b] - n), examples[(a, b)])
            for (a, b), n in counts.items()
            if n >= min_articles
        ],
        columns=[ACTOR_A, ACTOR_B, ARTICLES, JACCARD, EXAMPLE],
    )
    edges[ARTICLES] = edges[ARTICLES].astype("int64")
    edges[JACCARD] = edges[JACCARD].astype("float64").round(3)
    return edges.sort_values(
        [ARTICLES, ACTOR_A, ACTOR_B], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


def co_mention_chart(
    mentions: pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
    top: int = 30,
    edges_per_actor: int = 3,
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
    position = nx.spring_layout(graph, seed=7, weight="weight", k=1.5 / max(1, len(nodes)) ** 0.5)

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
    biggest = max(1, int(nodes[ARTICLES].max())) if len(nodes) else 1
    for group in colours:
        part = nodes[groups == group]
        fig.add_scatter(
            x=[position[a][0] for a in part[S.ACTOR]],
            y=[position[a][1] for a in part[S.ACTOR]],
            mode="markers+text",
            name=escape(group, limit=40),
            text=[escape(a, limit=28) for a in part[S.ACTOR]],
            textposition="top center",
            textfont={"size": 10},
            marker={
                "size": [10 + 30 * (n / biggest) ** 0.5 for n in part[ARTICLES]],
                "color": colours[group],
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
    fig.update_layout(
        title=escape(title),
        xaxis=axis,
        yaxis=axis,
        template="plotly_white",
        height=650,
        legend_title="side or affiliation",
        hovermode="closest",
    )
    return fig


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
    others = [c for c in PALETTE if c not in SIDE_COLOURS]
    for i, group in enumerate(sorted(set(groups) - set(colours))):
        colours[group] = NEUTRAL if group == "(none)" else others[i % len(others)]
    return groups, colours
