"""The world layer under every profile: states, IGOs, NGOs and news agencies."""

from __future__ import annotations

import pytest
import yaml

from workbench.core import schema as S
from workbench.corpus import annotate
from workbench.profile.library import load_profile
from workbench.profile.model import fold
from workbench.profile.world import world

from ..annotation.test_attribution import articles_of


@pytest.fixture(scope="module")
def ukraine():
    return load_profile("russia_ukraine")


def rows(profile, text: str) -> list[tuple[str, str, str]]:
    """(actor, affiliation, actor_type) per statement, without duplicates."""
    st = annotate(articles_of(text, date="2022-10-01"), profile=profile).statements
    found = zip(st[S.ACTOR], st[S.AFFILIATION], st[S.ACTOR_TYPE], strict=True)
    return list(dict.fromkeys(found))


def test_every_un_member_state_and_no_spelling_twice():
    layer = world()
    assert len(layer.states) >= 193 + 2  # members and the two observer states
    names = {s.name for s in layer.states}
    assert {"Denmark", "Norway", "Chile", "Holy See", "Palestine", "United States"} <= names
    spellings = [
        fold(w).removeprefix("the ")
        for s in layer.states
        for w in dict.fromkeys([s.name, *s.names, *s.capitals])
    ]
    spellings += [
        fold(w).removeprefix("the ") for o in layer.organisations for w in (o.name, *o.aliases)
    ]
    acronym_pairs = {w for w in spellings if spellings.count(w) > 1}
    # an acronym may be listed in capitals and in title case (NATO, Nato): the same entry
    assert all(w.upper() == w.upper() and len(w) <= 8 for w in acronym_pairs)
    assert {"reuters", "associated press", "tass"} <= {fold(a) for a in layer.news_agencies}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Denmark said on Monday it would send more air defence systems.",
            ("Danish government", "Denmark", "government"),
        ),
        ('"We stand with Kyiv," Copenhagen said.', ("Danish government", "Denmark", "government")),
        (
            "The UN Security Council called for an immediate ceasefire.",
            ("UN Security Council", "United Nations", "igo"),
        ),
        (
            '"These are war crimes," Human Rights Watch said in a report.',
            ("Human Rights Watch", "Human Rights Watch", "other"),
        ),
        (
            "The Danish Foreign Ministry said it had summoned the Russian ambassador.",
            ("Danish Foreign Ministry", "Denmark", "ministry"),
        ),
    ],
)
def test_states_and_organisations_far_from_the_conflict_keep_their_affiliation(
    ukraine, text, expected
):
    assert expected in rows(ukraine, text)


def test_a_news_agency_relaying_is_never_the_speaker(ukraine):
    found = rows(
        ukraine,
        '"We will rebuild every school in the city," Jane Doe, the mayor, told Reuters on Friday.',
    )
    assert [r[0] for r in found] == ["Jane Doe"]
    assert not rows(ukraine, "Kyodo reported heavy snow in Hokkaido on Friday, citing nobody.")


def test_a_country_named_as_a_place_is_not_its_government(ukraine):
    st = annotate(
        articles_of("Fighting in Ukraine went on. Ukraine said the strikes had stopped."),
        profile=ukraine,
    )
    m = st.mentions.set_index(S.ACTOR)
    assert m.loc["Ukraine", S.ACTOR_TYPE] == "place" and m.loc["Ukraine", S.MENTION_COUNT] == 1
    assert m.loc["Ukrainian government", S.MENTION_COUNT] == 1
    assert set(st.statements[S.ACTOR]) == {"Ukrainian government"}


def test_a_first_name_that_is_also_a_state_is_a_person(ukraine):
    found = rows(ukraine, '"The grid is holding," Chad Miller, an engineer, said.')
    assert found and found[0][0] == "Chad Miller" and found[0][1] != "Chad"


def test_the_profile_wins_and_world_false_turns_the_layer_off(ukraine, tmp_path):
    # the profile's own entry keeps its name and affiliation, with the world's spellings added
    council = ukraine.lookup("the Security Council")
    assert council.name == "UN Security Council" and council.line > 0
    text = ukraine.path.read_text(encoding="utf-8")
    own = tmp_path / "own.yaml"
    own.write_text(text + "\nworld: false\n", encoding="utf-8")
    bare = load_profile(own)
    assert bare.lookup("Danish government") is None and not bare.news_agencies
    assert bare.profile_hash != ukraine.profile_hash
    assert "Danish government" in {r[0] for r in rows(ukraine, "Denmark said it agreed.")}
    assert "Danish government" not in {r[0] for r in rows(bare, "Denmark said it agreed.")}


def test_the_world_file_names_its_sources():
    from importlib import resources

    raw = resources.files("workbench.resources").joinpath("world.yaml").read_text("utf-8")
    assert "Sources:" in raw and "un.org" in raw
    data = yaml.safe_load(raw)
    assert set(data) == {"states", "organisations", "state_bodies", "groups", "news_agencies"}
    states = {s["name"] for s in data["states"]}
    assert all(body["state"] in states for body in data["state_bodies"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Home Office said the visa scheme would reopen next week.",
            ("Home Office", "United Kingdom", "ministry"),
        ),
        (
            "Jane Doe, a spokeswoman for the Home Office, said the visa scheme would reopen.",
            ("Jane Doe", "United Kingdom", "spokesperson"),
        ),
        (
            "The Bundestag voted to send more tanks to the front.",
            ("Bundestag", "Germany", "government"),
        ),
    ],
)
def test_a_state_body_without_a_country_word_speaks_for_its_state(ukraine, text, expected):
    # before the world layer had state bodies, "Home Office" was its own affiliation
    assert expected in rows(ukraine, text)


def test_a_states_people_are_a_place_and_with_the_article_its_government(ukraine):
    table = dict(ukraine.place_table())
    assert table["Russians"] == "Russia" and table["Israelis"] == "Israel"
    assert "Britishs" not in table and "Chineses" not in table
    # people arrested are no speaker; the people with the article, speaking, are the state
    text = "Two Russians and a Ukrainian were arrested near the plant, police said."
    st = annotate(articles_of(text, date="2022-05-01"), profile=ukraine).statements
    assert "Russians" not in set(st[S.ACTOR])
    text = "The Russians said the talks in Ukraine had failed."
    st = annotate(articles_of(text, date="2022-05-01"), profile=ukraine).statements
    assert list(st[S.ACTOR]) == ["Russian government"]
