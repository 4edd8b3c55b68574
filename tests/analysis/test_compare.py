"""Period comparison: share of voice, stance mix, distinctive terms (Monroe et al. 2008)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from workbench.analysis.compare import (
    distinctive_terms,
    load_stopwords,
    mix_change,
    term_counts,
    voice_change,
)
from workbench.core import schema as S

STATEMENTS = pd.DataFrame(
    {
        S.DATE: pd.to_datetime(["2020-09-28"] * 4 + ["2023-09-20"] * 4),
        S.ACTOR: [
            "Aliyev",
            "Aliyev",
            "Pashinyan",
            "Guterres",
            "Aliyev",
            "Pashinyan",
            "Pashinyan",
            "Lavrov",
        ],
        S.AFFILIATION: [
            "Azerbaijan",
            "Azerbaijan",
            "Armenia",
            "UN",
            "Azerbaijan",
            "Armenia",
            "Armenia",
            "Russia",
        ],
        S.STANCE: ["pro_azerbaijan"] * 2
        + ["pro_armenia", "neutral", "pro_azerbaijan"]
        + ["pro_armenia"] * 2
        + ["neutral"],
    }
)
BEFORE, AFTER = ("2020-09-01", "2020-12-31"), ("2023-09-01", "2023-09-30")


def test_voice_change_statuses():
    got = voice_change(STATEMENTS, BEFORE, AFTER).set_index(S.ACTOR)
    assert got["status"].to_dict() == {
        "Pashinyan": "grows",
        "Lavrov": "appears",
        "Aliyev": "shrinks",
        "Guterres": "vanishes",
    }
    assert (
        got.loc["Pashinyan", "share_before"] == 0.25 and got.loc["Pashinyan", "share_after"] == 0.5
    )
    assert math.isclose(got["share_after"].sum(), 1.0)


def test_mix_change_per_affiliation():
    got = mix_change(STATEMENTS, BEFORE, AFTER)
    before = got[got["window"] == "before"].set_index([S.AFFILIATION, S.STANCE])["share"]
    assert before[("Azerbaijan", "pro_azerbaijan")] == 1.0
    assert set(got["window"]) == {"before", "after"}


def test_term_counts_drop_function_words_and_numbers():
    assert term_counts(["The ceasefire of 1994 and the ceasefire of 2020; Armenia’s army"]) == {
        "ceasefire": 2,
        "armenia's": 1,
        "army": 1,
    }


def test_distinctive_terms_find_each_groups_words():
    war = ["martial law mobilization shelling drones shelling"] * 20 + ["talks ceasefire"] * 5
    peace = ["peace treaty talks negotiations border delimitation"] * 20 + ["shelling"] * 2
    got = distinctive_terms({"2020": war, "2023": peace}, top=3)
    assert got[got["group"] == "2020"]["term"].iloc[0] == "shelling"
    assert set(got[got["group"] == "2023"]["term"]) <= {
        "peace",
        "treaty",
        "negotiations",
        "border",
        "delimitation",
    }
    assert (got["z"] > 1.96).all()
    # Two groups: a word's z for one group is minus its z for the other.
    full = distinctive_terms({"2020": war, "2023": peace}, top=100).set_index(["group", "term"])[
        "z"
    ]
    assert math.isclose(full[("2020", "talks")], -full[("2023", "talks")], rel_tol=1e-9)


def test_distinctive_terms_more_than_two_groups():
    groups = {
        "RT": ["kiev regime nazis"] * 10,
        "BBC": ["kyiv invasion"] * 10,
        "AP": ["kyiv ukraine russia"] * 10,
    }
    got = distinctive_terms(groups, top=1)
    assert dict(zip(got["group"], got["term"], strict=True))["RT"] in {"kiev", "regime", "nazis"}
    with pytest.raises(ValueError, match="two groups"):
        distinctive_terms({"only": ["text"]})


def test_distinctive_terms_with_too_few_words_is_empty_not_an_error():
    got = distinctive_terms({"a": ["ceasefire ceasefire ceasefire"], "b": []})
    assert got.empty and list(got.columns) == [
        "group",
        "term",
        "count",
        "count_rest",
        "log_odds",
        "z",
    ]


def test_the_packaged_stopwords_leave_their_comment_out():
    words = load_stopwords()
    assert {"the", "of", "and"} <= words
    assert not {"corpus", "data", "left", "words"} & words  # words of the file's comment


def test_distinctive_terms_with_the_analysts_own_stopwords(tmp_path):
    own = tmp_path / "stop.txt"
    own.write_text("# left out in this project\nShelling drones\nmartial  # a comment\n")
    assert load_stopwords(own) == {"shelling", "drones", "martial"}
    war = ["martial law mobilization shelling drones shelling"] * 20 + ["talks ceasefire"] * 5
    peace = ["peace treaty talks negotiations border delimitation"] * 20 + ["shelling"] * 2
    packaged = distinctive_terms({"2020": war, "2023": peace}, top=100)
    mine = distinctive_terms({"2020": war, "2023": peace}, top=100, stopwords=own)
    assert {"shelling", "drones", "martial"} <= set(packaged["term"])
    assert not {"shelling", "drones", "martial"} & set(mine["term"])
    own.write_text("law\n")  # read again on every call: an edited list counts at once
    assert "law" not in set(distinctive_terms({"2020": war, "2023": peace}, stopwords=own)["term"])
