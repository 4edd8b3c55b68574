"""Agreement: automatic labels against the analysts', checked on cases computed by hand."""

from __future__ import annotations

import doctest
import math
import shutil
import sys

import pandas as pd
import pytest

import workbench
from workbench.core import schema as S
from workbench.corrections.agreement import (
    AGREEMENT_COLUMNS,
    NO_STATEMENT,
    NO_VALUE,
    agreement_table,
    kappa,
    label_scores,
)
from workbench.corrections.apply import REVIEWED_COLUMNS
from workbench.corrections.log import CorrectionLog

from ..conftest import SAMPLE


def _hand_kappa(auto, analyst):
    """Cohen's kappa from its definition: (observed - expected) / (1 - expected)."""
    n = len(auto)
    observed = sum(a == b for a, b in zip(auto, analyst, strict=True)) / n
    labels = set(auto) | set(analyst)
    expected = sum((auto.count(x) / n) * (analyst.count(x) / n) for x in labels)
    return (observed - expected) / (1 - expected)


@pytest.mark.parametrize(
    ("auto", "analyst", "expected"),
    [
        # Ao = 4/5; Ae = .4*.2 + .4*.6 + .2*.2 = .36; (0.8 - .36) / .64
        (list("aabbc"), list("abbbc"), 0.6875),
        # Ao = 1/2; Ae = .5*.5 + .5*.5 = .5: no better than chance
        (list("abab"), list("aabb"), 0.0),
        # Ao = 3/4; Ae = .5*.25 + .5*.75 = .5
        (list("aabb"), list("abbb"), 0.5),
        # complete agreement
        (list("abc"), list("abc"), 1.0),
    ],
)
def test_kappa_by_hand(auto, analyst, expected):
    assert kappa(auto, analyst) == pytest.approx(expected)
    assert _hand_kappa(auto, analyst) == pytest.approx(expected)


def test_kappa_is_nan_when_undefined():
    assert kappa([], []) != kappa([], [])  # NaN: nothing to compare


def test_label_scores_by_hand():
    auto, analyst = list("aabbc"), list("abbbc")
    table = label_scores(auto, analyst).set_index("label")
    # a: auto says a twice, right once; the analyst says a once -> P 1/2, R 1/1
    # b: auto says b twice, right twice; the analyst says b three times -> P 1, R 2/3
    # c: right once of once
    expected = {
        "a": (1, 2, 0.5, 1.0, 2 / 3),
        "b": (3, 2, 1.0, 2 / 3, 0.8),
        "c": (1, 1, 1.0, 1.0, 1.0),
    }
    for label, (n, n_auto, precision, recall, f1) in expected.items():
        row = table.loc[label]
        assert (row["n"], row["n_auto"]) == (n, n_auto)
        assert (row["precision"], row["recall"], row["f1"]) == pytest.approx(
            (precision, recall, f1)
        )
    assert table["kappa"].tolist() == pytest.approx([0.6875] * 3)
    assert list(table.index) == ["b", "a", "c"]  # most frequent analyst label first


def test_a_label_never_given_has_no_precision_or_recall():
    table = label_scores(["a", "a"], ["a", "b"]).set_index("label")
    assert math.isnan(table.loc["b", "precision"])  # the annotation never said b
    assert table.loc["b", "recall"] == 0.0
    with pytest.raises(ValueError, match="2 automatic labels but 1"):
        label_scores(["a", "b"], ["a"])


def test_reviewed_table_rejected_and_added_are_no_statement():
    reviewed = pd.DataFrame(
        [
            [
                "k1",
                "confirm",
                "ana",
                "t",
                "A",
                "X",
                "neutral",
                "report",
                "A",
                "X",
                "neutral",
                "report",
            ],
            [
                "k2",
                "correct",
                "ana",
                "t",
                "A",
                None,
                "neutral",
                "accuse",
                "A",
                None,
                "neutral",
                "deny",
            ],
            ["k3", "reject", "ana", "t", "B", "Y", "neutral", "report", None, None, None, None],
            ["k4", "add", "ana", "t", None, None, None, None, "C", "Y", "neutral", "appeal"],
        ],
        columns=REVIEWED_COLUMNS,
    )
    table = agreement_table(reviewed)
    assert list(table.columns) == AGREEMENT_COLUMNS
    act = table[table["field"] == "act"].set_index("label")
    assert act.loc[NO_STATEMENT, ["n", "n_auto"]].tolist() == [1, 1]  # k3 rejected, k4 added
    assert act.loc["report", ["n", "n_auto", "precision", "recall"]].tolist() == [1, 2, 0.5, 1.0]
    auto = ["report", "accuse", "report", NO_STATEMENT]
    analyst = ["report", "deny", NO_STATEMENT, "appeal"]
    assert act["kappa"].iloc[0] == pytest.approx(_hand_kappa(auto, analyst))
    affiliation = table[table["field"] == "affiliation"].set_index("label")
    assert affiliation.loc[NO_VALUE, ["n", "n_auto", "precision"]].tolist() == [1, 1, 1.0]


def test_agreement_of_a_corpus(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("corrections.csv*"))
    corpus = workbench.load(folder)
    assert workbench.agreement(corpus).empty  # nothing reviewed yet
    assert list(workbench.agreement(corpus).columns) == AGREEMENT_COLUMNS
    st = corpus.statements
    log = CorrectionLog(corpus.corrections.log)
    log.confirm(st.iloc[0], who="ana")
    log.confirm(st.iloc[1], who="ana")
    other = next(
        a for a in S.ACTS if a not in (st.iloc[0][S.ACT], st.iloc[1][S.ACT], st.iloc[2][S.ACT])
    )
    log.correct(st.iloc[2], who="ana", act=other)
    table = workbench.agreement(workbench.load(folder))
    act = table[table["field"] == "act"]
    auto = [st.iloc[i][S.ACT] for i in range(3)]
    analyst = [*auto[:2], other]
    assert act["n"].sum() == 3 and act["n_auto"].sum() == 3
    assert act["kappa"].iloc[0] == pytest.approx(_hand_kappa(auto, analyst))
    assert act.set_index("label").loc[other, "recall"] == 0.0
    actor = table[table["field"] == "actor"]
    assert (actor["precision"] == 1.0).all() and (actor["recall"] == 1.0).all()


def test_docstring_examples():
    for name in ("workbench.corrections.agreement", "workbench.corrections.log"):
        assert doctest.testmod(sys.modules[name]).failed == 0, name
