"""Amplification: one statement carried by several outlets within a few days.

Wire copy and press releases travel: the same quote of the same actor turns up in
several outlets, often in a different translation or cut. Statements are grouped when
they have the same actor, come from different articles dated within ``days`` of each
other, and their sentences share most of their content words (stemmed, function words
left out), measured by the cosine of the two word sets. Groups are the connected pieces
of that "same statement" relation, so a chain of close copies ends in one cluster.

Written by hand: a fuzzy string ratio (rapidfuzz) scores two translations of one quote
no higher than two unrelated sentences of the same length, while shared content words
separate them well (tested on the sample's two versions of the Russian call to stop the
bloodshed).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import pandas as pd
from nltk.stem.porter import PorterStemmer

from ..core import schema as S
from .compare import load_stopwords

CLUSTER = "cluster"
SIMILARITY = "similarity"
OUTLETS = "outlets"
N_OUTLETS = "n_outlets"
N_ARTICLES = "n_articles"
FIRST_DATE = "first_date"
LAST_DATE = "last_date"
FIRST_OUTLET = "first_outlet"

MEMBER_COLUMNS = [
    CLUSTER,
    S.ACTOR,
    S.AFFILIATION,
    S.ARTICLE_ID,
    S.SOURCE,
    S.DATE,
    S.SENTENCE,
    S.START,
    S.END,
    SIMILARITY,
]

_WORD = re.compile(r"[^\W\d_]{3,}")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _STEMMER.stem(word)


_STEMMER = PorterStemmer()


def content_words(sentence: str, *, drop: frozenset[str] | None = None) -> frozenset[str]:
    """The stemmed content words of a sentence: what two versions of one quote share.
    ``drop``: the words left out (default: :func:`~workbench.analysis.compare.load_stopwords`).

    Examples
    --------
    >>> sorted(content_words("We call on the parties to stop the bloodshed."))
    ['bloodsh', 'call', 'parti', 'stop']
    """
    drop = load_stopwords() if drop is None else drop
    return frozenset(_stem(w) for w in _WORD.findall(sentence.lower()) if w not in drop)


def _cosine(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    shared = len(a & b)
    return (shared / math.sqrt(len(a) * len(b)) if shared else 0.0), shared


def amplification(
    statements: pd.DataFrame,
    *,
    days: int = 3,
    min_similarity: float = 0.5,
    min_shared: int = 5,
    min_outlets: int = 2,
    stopwords: str | Path | None = None,
) -> pd.DataFrame:
    """Statements carried by several outlets: one row per carrying statement, by cluster.

    Parameters
    ----------
    statements
        The statements table (``actor``, ``date``, ``source``, ``sentence``…).
    days
        Largest gap, in days, between two copies of one statement.
    min_similarity
        Cosine of the two sentences' content-word sets: 1.0 is the same words; about
        0.5 still joins two translations of one quote.
    min_shared
        Content words two copies must share, so two short sentences do not join on a
        few common words.
    min_outlets
        Clusters carried by fewer distinct outlets are left out.
    stopwords
        A word-list file of your own to leave out of the content words instead of the
        packaged English function words (see
        :func:`~workbench.analysis.compare.load_stopwords`).

    Returns
    -------
    DataFrame
        ``cluster`` (numbered by first appearance), ``actor``, ``affiliation``,
        ``article_id``, ``source``, ``date``, ``sentence``, ``start``, ``end`` (the
        evidence) and ``similarity`` (to the cluster's earliest copy), ordered by
        cluster then date. ``attrs["undated"]`` counts statements left out for having
        no date.

    Examples
    --------
    >>> carried = amplification(corpus.statements)          # doctest: +SKIP
    >>> amplification_summary(carried)                      # doctest: +SKIP
    """
    columns = [S.ACTOR, S.AFFILIATION, S.ARTICLE_ID, S.SOURCE, S.DATE, S.SENTENCE, S.START, S.END]
    speaker = (
        statements[S.SPEAKER_TEXT].fillna("")
        if S.SPEAKER_TEXT in statements.columns
        else pd.Series("", index=statements.index)
    )
    # One row per evidence sentence and actor: a statement with two acts is one copy.
    table = statements[columns].assign(_speaker=speaker)
    table = table.drop_duplicates([S.ARTICLE_ID, S.ACTOR, S.START, S.END])
    undated = int(table[S.DATE].isna().sum())
    table = table[table[S.DATE].notna()].sort_values(
        [S.ACTOR, S.DATE, S.ARTICLE_ID, S.START], kind="stable"
    )
    table = table.reset_index(drop=True)
    # The speaker's own name is not what was said: "Luhansk governor Serhiy Haidai said"
    # would otherwise join every statement of his.
    drop = load_stopwords(stopwords)
    words = [
        content_words(str(sentence), drop=drop) - content_words(f"{actor} {spoken_by}", drop=drop)
        for sentence, actor, spoken_by in zip(
            table[S.SENTENCE], table[S.ACTOR], table["_speaker"], strict=True
        )
    ]
    parent = list(range(len(table)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    window = pd.Timedelta(days=days)
    actors = table[S.ACTOR].to_numpy()
    dates = table[S.DATE].to_numpy()
    article_ids = table[S.ARTICLE_ID].to_numpy()
    for i in range(len(table)):
        for j in range(i + 1, len(table)):
            if actors[j] != actors[i] or dates[j] - dates[i] > window:
                break
            if article_ids[j] == article_ids[i]:
                continue
            score, shared = _cosine(words[i], words[j])
            if score >= min_similarity and shared >= min_shared:
                parent[find(j)] = find(i)

    table[CLUSTER] = [find(i) for i in range(len(table))]
    table["_row"] = range(len(table))
    sizes = table.groupby(CLUSTER)[S.ARTICLE_ID].transform("nunique")
    outlets = table.groupby(CLUSTER)[S.SOURCE].transform(lambda s: s.fillna("?").nunique())
    carried = table[(sizes >= 2) & (outlets >= min_outlets)].copy()
    carried = carried.sort_values([S.DATE, S.ARTICLE_ID, S.START], kind="stable")
    first = carried.groupby(CLUSTER, sort=False).head(1).set_index(CLUSTER)
    numbering = {root: n for n, root in enumerate(first.index, start=1)}
    first_words = {c: words[i] for c, i in zip(first.index, first["_row"], strict=True)}
    carried[SIMILARITY] = [
        round(_cosine(words[i], first_words[c])[0], 3)
        for c, i in zip(carried[CLUSTER], carried["_row"], strict=True)
    ]
    carried[CLUSTER] = carried[CLUSTER].map(numbering).astype("int64")
    result = carried.sort_values([CLUSTER, S.DATE, S.ARTICLE_ID, S.START], kind="stable")
    result = result[MEMBER_COLUMNS].reset_index(drop=True)
    result.attrs["undated"] = undated
    return result


def amplification_summary(carried: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster of :func:`amplification`: who said it, which outlets carried
    it and when, the earliest copy's sentence, and how close the copies are.

    Examples
    --------
    >>> amplification_summary(amplification(corpus.statements))  # doctest: +SKIP
    """
    columns = [
        CLUSTER,
        S.ACTOR,
        S.AFFILIATION,
        N_OUTLETS,
        N_ARTICLES,
        OUTLETS,
        FIRST_OUTLET,
        FIRST_DATE,
        LAST_DATE,
        SIMILARITY,
        S.SENTENCE,
    ]
    if carried.empty:
        return pd.DataFrame(columns=columns)
    grouped = carried.groupby(CLUSTER, sort=True)
    summary = pd.DataFrame(
        {
            S.ACTOR: grouped[S.ACTOR].first(),
            S.AFFILIATION: grouped[S.AFFILIATION].first(),
            N_OUTLETS: grouped[S.SOURCE].nunique(),
            N_ARTICLES: grouped[S.ARTICLE_ID].nunique(),
            OUTLETS: grouped[S.SOURCE].agg(lambda s: "; ".join(dict.fromkeys(s.fillna("?")))),
            FIRST_OUTLET: grouped[S.SOURCE].first(),
            FIRST_DATE: grouped[S.DATE].min(),
            LAST_DATE: grouped[S.DATE].max(),
            SIMILARITY: grouped[SIMILARITY].min(),
            S.SENTENCE: grouped[S.SENTENCE].first(),
        }
    ).reset_index()
    return summary.sort_values(
        [N_OUTLETS, FIRST_DATE, CLUSTER], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)[columns]
