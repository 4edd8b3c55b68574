"""Co-mention network: pairs of actors named in the same articles, and its chart."""

from __future__ import annotations

import pandas as pd

from workbench.analysis.network import actor_nodes, co_mentions
from workbench.core import schema as S
from workbench.present.charts import NEUTRAL, SIDE_COLOURS, co_mention_chart

MENTIONS = pd.DataFrame(
    {
        S.ARTICLE_ID: ["a", "a", "a", "b", "b", "c"],
        S.ACTOR: ["Aliyev", "Pashinyan", "<b>Putin</b>", "Aliyev", "Pashinyan", "Aliyev"],
        S.AFFILIATION: ["Azerbaijan", "Armenia", "Russia", "Azerbaijan", "Armenia", "Azerbaijan"],
        S.MENTION_COUNT: [3, 1, 1, 2, 2, 1],
    }
)
ARTICLES = pd.DataFrame({S.ARTICLE_ID: ["a", "b", "c"], S.TITLE: ["First", "Second", "Third"]})


def test_pairs_counted_once_per_article_with_an_example():
    edges = co_mentions(MENTIONS, articles=ARTICLES)
    # Jaccard: articles naming both over articles naming either (Aliyev 3, Pashinyan 2).
    assert edges.to_dict("records") == [
        {
            "actor_a": "Aliyev",
            "actor_b": "Pashinyan",
            "articles": 2,
            "jaccard": 0.667,
            "example": "First",
        },
        {
            "actor_a": "<b>Putin</b>",
            "actor_b": "Aliyev",
            "articles": 1,
            "jaccard": 0.333,
            "example": "First",
        },
        {
            "actor_a": "<b>Putin</b>",
            "actor_b": "Pashinyan",
            "articles": 1,
            "jaccard": 0.5,
            "example": "First",
        },
    ]
    assert list(co_mentions(MENTIONS, min_articles=2)["articles"]) == [2]
    assert co_mentions(MENTIONS, actors=["Aliyev"]).empty


def test_an_article_without_a_title_is_shown_by_its_id():
    untitled = ARTICLES.astype({S.TITLE: "string"})
    untitled.loc[0, S.TITLE] = pd.NA
    edges = co_mentions(MENTIONS, articles=untitled)
    assert edges["example"].tolist() == ["a", "a", "a"]


def test_nodes_most_named_first():
    nodes = actor_nodes(MENTIONS)
    assert list(nodes[S.ACTOR]) == ["Aliyev", "Pashinyan", "<b>Putin</b>"]
    assert list(nodes["articles"]) == [3, 2, 1] and list(nodes["mentions"]) == [6, 3, 1]


def test_chart_colours_sides_like_the_stance_charts_and_escapes_names():
    sides = {"armenia": ("Armenia",), "azerbaijan": ("Azerbaijan",)}
    fig = co_mention_chart(MENTIONS, articles=ARTICLES, sides=sides)
    groups = {t.name: t for t in fig.data if t.mode == "markers+text"}
    assert set(groups) == {"armenia side", "azerbaijan side", "Russia"}
    assert groups["armenia side"].marker.color == SIDE_COLOURS[0]
    assert groups["azerbaijan side"].marker.color == SIDE_COLOURS[1]
    assert groups["Russia"].marker.color not in (*SIDE_COLOURS, NEUTRAL)
    # a third party differs from the sides by shape too, and is grey (never a side's hue)
    assert groups["armenia side"].marker.symbol == "circle"
    assert groups["Russia"].marker.symbol != "circle"
    red, green, blue = (int(groups["Russia"].marker.color[i : i + 2], 16) for i in (1, 3, 5))
    assert red == green == blue
    # labels point outwards, are drawn whole, and the axes leave room for them
    for group in groups.values():
        assert group.cliponaxis is False
        assert all(p.split()[0] in ("top", "middle", "bottom") for p in group.textposition)
    xs = [x for g in groups.values() for x in g.x]
    low, high = fig.layout.xaxis.range
    assert low < min(xs) and high > max(xs)
    putin = groups["Russia"]
    assert list(putin.text) == ["&lt;b&gt;Putin&lt;/b&gt;"] and "<b>Putin" not in putin.hovertext[0]
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) == 3  # one line per pair
    assert max(t.line.width for t in lines) > min(t.line.width for t in lines)
    # The same input draws the same picture.
    again = co_mention_chart(MENTIONS, articles=ARTICLES, sides=sides)
    assert list(again.data[-1].x) == list(fig.data[-1].x)


def test_chart_on_the_sample_keeps_the_top_actors(sample_dir):
    import workbench

    corpus = workbench.load(sample_dir, cache=False)
    before = corpus.mentions.copy()
    fig = co_mention_chart(
        corpus.mentions, articles=corpus.articles, top=10, sides=corpus.profile.sides
    )
    shown = [a for t in fig.data if t.mode == "markers+text" for a in t.text]
    assert len(shown) == 10
    pd.testing.assert_frame_equal(corpus.mentions, before)
