"""Acts, stance, target, lean and tone: the guide's rules, side by side with examples."""

from __future__ import annotations

import pytest

from workbench.annotation.stance import (
    OTHER,
    article_lean,
    classify_acts,
    find_target,
    load_acts,
    mark_others,
    stance_of,
    tone,
)
from workbench.profile.library import load_profile


@pytest.fixture(scope="module")
def profile():
    return load_profile("karabakh")


@pytest.mark.parametrize(
    ("content", "acts"),
    [
        ("I declared martial law and the mobilization of all men over 18", ["mobilize"]),
        ("The Ministry of Defense gives the last warning to Armenia", ["threaten"]),
        ("an aide called the allegation complete nonsense", ["deny"]),
        (f"We vehemently condemn {OTHER}'s attack", ["accuse", "condemn"]),
        ("condemns in the strongest terms this escalation of violence", ["condemn"]),
        ("urge the sides to cease hostilities immediately", ["appeal"]),
        (f"Pakistan stands with the brotherly nation of {OTHER}", ["support"]),
        ("providing medical assistance and conducting evacuations", ["aid"]),
        ("Iran is ready to use all its capacities to establish a cease-fire", ["diplomacy"]),
        ("they had shot down two combat helicopters", ["fight"]),
        ("16 people were killed and more than 100 wounded", ["report"]),
        ("Artsakh is a supporter of peace", ["statement"]),
        # concern and alarm are statements, even about casualties
        ("The United States is alarmed by reports of significant casualties", ["statement"]),
        (
            "Expressing its deep concern, it urges the two countries to start a dialogue",
            ["appeal", "statement"],
        ),
    ],
)
def test_acts(content, acts):
    labels = classify_acts(content, acts=load_acts())
    assert [label.act for label in labels] == acts
    assert all(label.cue for label in labels)


def test_every_act_has_its_cameo_code():
    codes = {act.name: act.cameo for act in load_acts()}
    assert codes["appeal"] == "02" and codes["accuse"] == "112" and codes["condemn"] == "111"
    assert len(codes) == 12


def test_mark_others_replaces_other_parties_only():
    text = "Armenia says Azerbaijan attacked"
    marked, replaced = mark_others(text, [(0, 7, "Armenia"), (13, 23, "Azerbaijan")], "Armenia")
    assert marked == f"Armenia says {OTHER} attacked" and replaced == ["Azerbaijan"]


@pytest.mark.parametrize(
    ("act", "affiliation", "target", "stance"),
    [
        ("appeal", "Nagorno-Karabakh", None, "pro_armenia"),  # a side's own authorities
        ("appeal", "Azerbaijan", "both sides", "pro_azerbaijan"),
        ("appeal", "United Nations", "both sides", "neutral"),
        ("accuse", "Turkey", "Armenia", "pro_azerbaijan"),  # "Armenia is playing with fire"
        ("accuse", "South Ossetia", "Azerbaijan", "pro_armenia"),
        ("support", "Pakistan", "Azerbaijan", "pro_azerbaijan"),
        ("diplomacy", "Iran", "both sides", "neutral"),
        ("accuse", None, "Armenia", "pro_azerbaijan"),  # unresolved speakers follow the same rule
    ],
)
def test_stance(profile, act, affiliation, target, stance):
    got, why = stance_of(act, affiliation, target, profile)
    assert got == stance and why


@pytest.mark.parametrize(
    ("content", "affiliations", "own", "target"),
    [
        (
            "urged Azerbaijan and Armenia to end clashes",
            ["Azerbaijan", "Armenia"],
            "United Nations",
            "both sides",
        ),
        ("called on the parties to stop fighting", [], "United Nations", "both sides"),
        ("appeals to the international community", [], "South Ossetia", "international community"),
        ("Armenia is playing with fire", ["Armenia"], "Turkey", "Armenia"),
        ("We defend our territory", [], "Azerbaijan", None),
    ],
)
def test_target(profile, content, affiliations, own, target):
    assert find_target(content, affiliations, own, profile) == target


@pytest.mark.parametrize(
    ("narration", "lean"),
    [
        ("Artsakh President spoke. The Artsakh Defense Army held the line.", "pro_armenia"),
        (
            "Clashes in the occupied Upper Karabakh region. Upper Karabakh is Azerbaijani land.",
            "pro_azerbaijan",
        ),
        ("Fighting in Nagorno-Karabakh between ethnic Armenian forces and Azerbaijan.", "neutral"),
        # wire wording: "separatists" weighs little, six of them do not make a lean
        ("separatists " * 6, "neutral"),
    ],
)
def test_article_lean(profile, narration, lean):
    got, terms, scores = article_lean(narration, profile)
    assert got == lean
    assert (terms == "") == (lean == "neutral" and not any(scores.values()))


def test_tone_uses_vader_without_downloads():
    assert tone("We vehemently condemn the brutal attack") < -0.5
    assert tone("We welcome the peaceful agreement and thank our friends") > 0.5
