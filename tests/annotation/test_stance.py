"""Acts, stance, target, lean and tone: the guide's rules, side by side with examples."""

from __future__ import annotations

import pytest

from workbench.annotation.stance import (
    OTHER,
    article_lean,
    backs_other,
    classify_acts,
    find_target,
    load_acts,
    mark_others,
    one_side_aimed_at,
    stance_of,
)
from workbench.annotation.tone import tone
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
    ("marked", "act", "aimed_at"),
    [
        # the doer is accused, the side at the receiving end is not
        (f"{OTHER} is trying to split the allies who back {OTHER}", "accuse", "Armenia"),
        (f"the war of aggression by {OTHER} against {OTHER}", "accuse", "Armenia"),
        # both named as doers: no one side
        (f"{OTHER} and {OTHER} broke the truce again", "accuse", None),
        (
            f"the camp in eastern {OTHER} that the warring sides accuse each other of shelling",
            "accuse",
            None,
        ),
        (f"{OTHER} launched its aggression against {OTHER}", "accuse", "Armenia"),
        # support goes to the side named after a preposition
        (f"{OTHER} will not stop us helping {OTHER}", "support", None),
        (f"{OTHER} attacked, and our aid to {OTHER} continues", "support", "Azerbaijan"),
    ],
)
def test_one_side_aimed_at_when_both_are_named(profile, marked, act, aimed_at):
    assert one_side_aimed_at(marked, ["Armenia", "Azerbaijan"], act, profile) == aimed_at


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


@pytest.mark.parametrize(
    ("verb", "content", "acts"),
    [
        # the reporting verb names the act, outside the quote or reported clause
        (f"accused {OTHER} of", "planning a provocation on the border", ["accuse"]),
        ("urged both sides to", "return to the negotiating table", ["appeal"]),
        ("called on the parties to", "lift the blockade", ["appeal"]),
        ("denied that", "its soldiers had crossed the river", ["deny"]),
        ("dismissed the allegations as", "a fantasy", ["deny"]),
        ("threatened to", "cut off the water supply", ["threaten"]),
        ("warned the alliance not to intervene", "in the fighting", ["threaten"]),
        ("vowed to retaliate", "for the strike on the port", ["threaten"]),
        ("pledged to send", "more armoured vehicles", ["support"]),
        ("praised the", "courage of the defenders", ["support"]),
        ("offered to mediate", "between the two capitals", ["diplomacy"]),
        ("ordered troops to", "seal off the valley", ["fight"]),
        ("condemned the", "strike on the hospital", ["condemn"]),
        (f"condemned {OTHER}'s", "strike on the hospital", ["accuse"]),
        # a verb that names no act leaves the content to decide
        ("said", "the weather was cold", ["statement"]),
        ("warned that", "prices of bread would rise", ["statement"]),
    ],
)
def test_acts_from_the_reporting_verb(verb, content, acts):
    labels = classify_acts(content, acts=load_acts(), verb=verb)
    assert [label.act for label in labels] == acts
    assert labels[0].cue.startswith("verb: ") == (acts != ["statement"])


@pytest.mark.parametrize(
    ("verb", "content", "acts"),
    [
        # what is denied is not asserted: no threat from the denied clause
        ("denied", "claims it planned to retake the island by force", ["deny"]),
        ("", "we deny that we will retake the island by force", ["deny"]),
        # a second clause after the denial still counts
        (
            "denies",
            f"its army shells the town, and accuses {OTHER} of shelling it",
            ["deny", "accuse"],
        ),
        # without a denial the same words threaten
        ("said", "it will retake the island by force", ["threaten"]),
    ],
)
def test_a_denial_covers_its_clause(verb, content, acts):
    assert [label.act for label in classify_acts(content, acts=load_acts(), verb=verb)] == acts


@pytest.mark.parametrize(
    ("content", "acts"),
    [
        # a modal is an appeal only with an action asked of someone
        ("the blockade must end and the ports must open", ["appeal"]),
        ("the allies should send more air defence to the city", ["appeal"]),
        ("what else should we wait for?", ["statement"]),
        ("we need to be careful with the harvest this year", ["statement"]),
        # the attacker named: an accusation, not a report of casualties
        (f"three people were killed by {OTHER} shelling overnight", ["accuse"]),
        ("three people were killed overnight", ["report"]),
        # deployments, alert and readiness are mobilisation
        ("the brigade was put on high alert near the frontier", ["mobilize"]),
        ("the ministry will deploy two more battalions to the north", ["mobilize"]),
        ("any attack will be answered with all available means", ["threaten"]),
        ("heavy fighting continued around the airport", ["report"]),
        ("they are holding hostages in the basement of the plant", ["accuse"]),
        # sanctions are a statement aimed at the party they name
        (f"new sanctions against {OTHER} take effect on Monday", ["statement"]),
        # the other party doing harm, in any tense; a party criticised in words
        (f"{OTHER} keeps shelling the dam every night", ["accuse"]),
        (f"{OTHER} is stealing grain from the farms it holds", ["accuse"]),
        ("their policy towards the region has been reckless from the start", ["accuse"]),
        ("these are attempts to isolate our country and divide our people", ["accuse"]),
        ("the anti-fascist march went ahead in the rain", ["statement"]),
        # solidarity and praise in other words than 'support'
        ("we are with you, and we will be with you as long as it takes", ["support"]),
        (f"the package will help {OTHER} hold the line through the winter", ["support"]),
        ("the defenders of the port are heroes, every one of them", ["support"]),
        # the situation on the ground, without an attacker
        ("a warehouse caught fire after the explosion", ["report"]),
        ("the brigade suffered heavy losses in the forest", ["report"]),
        ("about 80% of the population has left the district", ["report"]),
        ("the offensive had failed and the attackers were routed", ["fight"]),
        # a hope that someone acts is an appeal; a standing military presence is mobilisation
        ("tourists should not be going to the border region now", ["appeal"]),
        ("we hope the council will use its influence to stop the raids", ["appeal"]),
        ("the alliance will keep a permanent presence in the north", ["mobilize"]),
        # a claim called untrue; a threat of destruction; harm prepared by the other party
        ("that story is complete rubbish from start to finish", ["deny"]),
        ("if they fire again we will wipe their bases off the map", ["threaten"]),
        (f"{OTHER} troops have mined the bridge over the river", ["accuse"]),
        ("the two powers are on the brink of war with catastrophic consequences", ["threaten"]),
        ("we will continue to provide defensive assistance to the army", ["support"]),
        ("the country should be expelled from the council", ["appeal"]),
        ("our air forces did a great job today", ["fight"]),
        ("this is a proxy war against our people", ["accuse"]),
        # labels on a party's conduct; hostile intent pinned on a party
        ("the drones were sent out to terrorise the people of the city", ["accuse"]),
        ("they must pay a heavy price for what they did", ["accuse"]),
        (f"{OTHER} is trying to split the allies before the winter", ["accuse"]),
        # a word mentioned is not the act done
        ("the court has little incentive to accuse anyone now", ["statement"]),
        # destroyed: a military object is fighting; homes and power plants are damage
        ("our gunners destroyed two launchers and a depot overnight", ["fight"]),
        ("a third of the power plants have been destroyed", ["report"]),
        # diplomacy needs an agreement reached, a swap or a visit to a party, not any deal
        ("the two ministers signed an agreement on the corridor", ["diplomacy"]),
        ("a prisoner swap took place at the border on Friday", ["diplomacy"]),
        ("the company closed a $40 billion deal last week", ["statement"]),
        ("the trip was his first visit to the region's new museum", ["statement"]),
        # the situation reported; a warning of catastrophe; an appeal in other words
        ("the situation in the town is tense but under control", ["report"]),
        ("such a step could lead to a global catastrophe", ["threaten"]),
        ("the world must do everything to stop this", ["appeal"]),
        # supplies criticised are not support
        ("pumping weapons into the region will only prolong the war", ["statement"]),
        (f"the new aid to {OTHER} will arrive next month", ["support"]),
        # attacked with no attacker named is the situation; "by" the other side accuses
        ("the depot on the edge of the village was shelled overnight", ["report"]),
        (f"the depot on the edge of the village was shelled by {OTHER}", ["accuse"]),
        ("the situation in the east remained critical all week", ["report"]),
        # other forms of the same cues: an article, a participle, a count in millions
        ("our units fought off four assaults on the bridge", ["fight"]),
        ("the drills inflicted substantial losses on the attackers", ["fight"]),
        ('they should "stop the pointless resistance" at once', ["appeal"]),
        ("the ministry is open to talking about the corridor", ["diplomacy"]),
        ("we are standing shoulder to shoulder with our neighbours", ["support"]),
        ("the allies will provide the army with more munitions", ["support"]),
        ("no one was hurt when the roof came down", ["report"]),
        ("about 2.5 million people have left the region", ["report"]),
        ("fierce street fights continue in the old town", ["report"]),
        (f"the shells were fired by {OTHER} artillery from the hills", ["accuse"]),
        ("we will take back every village we lost", ["threaten"]),
        ("the volunteers are getting civilians out of the basement", ["aid"]),
        ("the army needed forty more artillery systems before winter", ["appeal"]),
        ("they would be making a grave mistake if they crossed the line", ["threaten"]),
        ("the fleet will hold naval exercises in the north next week", ["mobilize"]),
        ("there is no such equipment anywhere at the site", ["deny"]),
        ("two rockets struck the square just after noon", ["report"]),
        ("the depot was hit twice during the night", ["report"]),
        # the speaker's own side denies hostile conduct
        ("we are not holding back the wheat at the ports", ["statement"]),
        ("we are not blocking the wheat at the ports", ["deny"]),
        ("there were no soldiers in the hospital", ["deny"]),
        # the other side's conduct under way, or its blame
        (f"{OTHER} is stepping up its raids on the power grid", ["accuse"]),
        (f"the burns were the responsibility of {OTHER}", ["accuse"]),
        (f"the deaths were the responsibility of {OTHER}", ["accuse", "report"]),
        ("the talk of broken turbines was a pretext", ["accuse"]),
        # the enemy's attempts that failed; exercises begun; calls and compromise
        ("the enemy tried and failed to cross the river twice", ["fight"]),
        ("the navy will begin its annual winter exercises on Monday", ["mobilize"]),
        ("it was a productive conversation with the chancellor", ["diplomacy"]),
        ("their first conversation was an emotional one", ["statement"]),
        # the situation in figures and states
        ("the harvest will shrink by a third this year", ["report"]),
        ("about 40% of the grain goes to the south", ["report"]),
        ("the war goes on and there is no electricity", ["report"]),
        ("the battalion has run out of shells", ["report"]),
    ],
)
def test_acts_from_content(content, acts):
    labels = classify_acts(content, acts=load_acts())
    assert [label.act for label in labels] == acts
    assert (labels[0].cue == ".") == (acts == ["statement"] and OTHER not in content)


def test_troops_moving_are_not_accused_of_intent():
    content = f"{OTHER} troops were trying to push towards the river"
    labels = classify_acts(content, acts=load_acts())
    assert [label.act for label in labels] != ["accuse"]


def test_sanctions_favour_the_side_they_spare(profile):
    labels = classify_acts(f"new sanctions against {OTHER} take effect", acts=load_acts())
    assert labels[0].act == "statement" and labels[0].others_in_cue == (0,)
    stance, why = stance_of("statement", "Canada", "Armenia", profile, against=True)
    assert stance == "pro_azerbaijan" and "sanctions" in why
    assert stance_of("statement", "Canada", "Armenia", profile)[0] == "neutral"


@pytest.mark.parametrize(
    "content",
    [
        f"the country stopped issuing visas to nearly all {OTHER} this month",
        f"halting tourist visas for ordinary {OTHER} citizens sends a signal",
        f"it will ban {OTHER} citizens from entering the country",
    ],
)
def test_visas_refused_to_a_partys_citizens_are_aimed_at_it(content):
    labels = classify_acts(content, acts=load_acts())
    assert labels[0].act == "statement" and labels[0].others_in_cue == (0,)
    assert (
        classify_acts(f"the visa was issued to {OTHER} diplomats", acts=load_acts())[
            0
        ].others_in_cue
        == ()
    )


def test_a_call_to_back_a_side_favours_it(profile):
    assert backs_other(f"the allies must help {OTHER} win the war")
    assert backs_other(f"send more weapons to {OTHER} now")
    assert not backs_other(f"the allies must talk to {OTHER}")
    stance, why = stance_of("appeal", "Norway", "Armenia", profile, backing=True)
    assert stance == "pro_armenia" and "back" in why
    assert stance_of("appeal", "Norway", "Armenia", profile)[0] == "neutral"


@pytest.mark.parametrize(
    ("content", "witness", "act"),
    [
        # a private person's account of what they lived is a report of the situation
        ("we hid in the cellar for a week with the children", True, "report"),
        ("we hid in the cellar for a week with the children", False, "statement"),
        # not an opinion, nor the present, nor an event told by no one in it
        ("we need a joined-up plan for the families", True, "statement"),
        ("the party's line on the war was clear", True, "statement"),
    ],
)
def test_a_private_persons_account_of_events_is_a_report(content, witness, act):
    labels = classify_acts(content, acts=load_acts(), witness=witness)
    assert [label.act for label in labels] == [act]
