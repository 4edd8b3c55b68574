"""The ukraine dev gold: 20 real articles annotated by hand per the annotation guide.

The fixture holds ids, offsets and labels; the texts stay in ../shared (the test skips
without it). Floors hold today's figures; the attribution issue's aims are higher.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.analysis.evaluate import evaluate
from workbench.core import schema as S
from workbench.profile.library import load_profile
from workbench.profile.model import fold

FIXTURES = Path(__file__).parents[1] / "fixtures"

pytestmark = [pytest.mark.slow, pytest.mark.shared]


@pytest.fixture(scope="module")
def gold_corpus(ukraine_dir):
    chosen = pd.read_csv(FIXTURES / "ukraine_gold_articles.csv")
    corpus = workbench.load(
        [ukraine_dir / f for f in sorted(set(chosen["file"]))],
        profile="russia_ukraine",
        cache=False,  # the shared corpus is read-only: no workspace beside it
    )
    return chosen, corpus


def test_the_gold_offsets_still_point_into_the_same_texts(gold_corpus):
    chosen, corpus = gold_corpus
    texts = corpus.articles.set_index(S.ARTICLE_ID)[S.TEXT]
    for row in chosen.itertuples():
        assert hashlib.sha1(texts[row.article_id].encode("utf-8")).hexdigest() == row.text_sha1


def test_floors_on_the_ukraine_gold(gold_corpus):
    _, corpus = gold_corpus
    gold = pd.read_csv(FIXTURES / "ukraine_gold_statements.csv")
    o = evaluate(corpus.statements, gold, articles=corpus.articles).overall
    # session 20: 0.779 / 0.780 / 0.575 / 0.802 (0.807 at one step);
    # session 19: 0.758 / 0.775 / 0.551 / 0.789; session 18: 0.753 / 0.763 / 0.531 / 0.786;
    # session 17: 0.731 / 0.763 / 0.531 / 0.786;
    # 2026-12-07 (session 15): 0.745 / 0.77 / 0.545 / 0.79; earlier that day affiliation F1
    # 0.71, actor F1 0.74, act F1 0.53, stance 0.78; 2026-12-03:
    # 0.72 / 0.73 / 0.53 / 0.78 (earlier that day 0.67 / 0.68 / 0.51 / 0.81); the issue's
    # aims are 0.80 / - / 0.65 / 0.85.
    assert o["affiliation_f1"] >= 0.75 and o["actor_f1"] >= 0.75
    assert o["act_f1"] >= 0.55 and o["stance_accuracy"] >= 0.77


def test_floors_on_the_development_set(gold_corpus):
    """The development set (20 other articles of the same outlets' files, opened for error
    analysis, unlike the gold) is scored the same way."""
    _, corpus = gold_corpus
    chosen = pd.read_csv(FIXTURES / "ukraine_devset_articles.csv")
    texts = corpus.articles.set_index(S.ARTICLE_ID)[S.TEXT]
    for row in chosen.itertuples():
        assert hashlib.sha1(texts[row.article_id].encode("utf-8")).hexdigest() == row.text_sha1
    gold = pd.read_csv(FIXTURES / "ukraine_devset_statements.csv")
    o = evaluate(corpus.statements, gold, articles=corpus.articles).overall
    # session 19, when it was made: 0.72 / 0.75 / 0.585 / 0.74; at the session's end
    # 0.82 / 0.84 / 0.61 / 0.79; session 20's end 0.857 / 0.851 / 0.676 / 0.853
    assert o["affiliation_f1"] >= 0.83 and o["actor_f1"] >= 0.82
    assert o["act_f1"] >= 0.64 and o["stance_accuracy"] >= 0.82


def test_acts_and_speakers_on_the_ukraine_corpus(gold_corpus):
    _, corpus = gold_corpus
    st = corpus.statements
    # session 20: 'statement' is 58% of acts on the 11 outlets' files (session 19: 61%,
    # 2026-12-03: 64%, 77% before acts were read from content; aim 50%); the hand gold has
    # 33%, the development set 27%.
    assert (st[S.ACT] == "statement").mean() <= 0.62
    agencies = load_profile("russia_ukraine").news_agencies
    speakers = st[S.ACTOR].astype(str)
    assert not speakers.map(lambda a: fold(a) in agencies).any()
    assert not speakers.str.contains(r"\b(?:AP Photo|Getty Images|Shutterstock|Handout)\b").any()
    # one stance per speaker and sentence
    per = st.groupby([S.ARTICLE_ID, S.START, S.ACTOR])[S.STANCE].nunique()
    assert (per == 1).all()
