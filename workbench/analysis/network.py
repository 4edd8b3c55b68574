"""Co-mention network: which actors are named in the same articles.

An edge joins two actors named in the same article; its weight is the number of such
articles. The layout is networkx's spring layout with a fixed seed, so the same
corpus draws the same picture on every run. The chart is
:func:`workbench.present.charts.co_mention_chart`.
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from ..core import schema as S

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
    titles = (  # an article without a title (NA) is shown by its id
        {}
        if articles is None
        else dict(zip(articles[S.ARTICLE_ID], articles[S.TITLE].fillna(""), strict=True))
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
