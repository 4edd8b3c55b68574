"""Subjects and quote introductions of real news prose, without a profile entry (every
sentence invented)."""

from __future__ import annotations

import pytest

from workbench.annotation.cues import verb_cues
from workbench.core import schema as S
from workbench.corpus import annotate
from workbench.profile.library import load_profile

from .test_attribution import articles_of
from .test_speakers import actors, rows


@pytest.fixture(scope="module")
def profile():
    return load_profile("karabakh")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a surname with a possessive opens the sentence: the person the article named
        (
            "Marta Kell spoke in Dover on Monday.\n\n"
            "Kell's advisers said the campaign would not change course.",
            ["Marta Kell"],
        ),
        (
            "Marta Kell spoke in Dover on Monday.\n\n"
            "Kell's campaign said Tuesday that the advertisement was false.",
            ["Marta Kell"],
        ),
        # a relative clause without commas restricts the noun before it: that noun speaks
        (
            "A Norwegian diplomat who asked not to be named said Friday that the border "
            "talks would resume.",
            ["Norwegian government"],
        ),
        ("Voters who backed Marta Kell said the race was close.", []),
        # ... but "who" in an opening clause leaves the subject after its comma
        (
            "Marta Kell spoke in Dover.\n\nAsked who would win, Kell said the race was close.",
            ["Marta Kell"],
        ),
        # "went on to say" before a quote
        (
            'Pell Orrin went on to say, "I know this to be true of the ceasefire."',
            ["Pell Orrin"],
        ),
    ],
)
def test_subjects_of_reporting_verbs(profile, text, expected):
    assert actors(profile, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clause that ends in a colon introduces the quote: its subject speaks
        (
            "Senate Majority Leader Peter Brill, R-Ore., delivered a blunt message to the "
            'caucus: "It is time to stop attacking each other."',
            ["Peter Brill"],
        ),
        (
            "Marta Kell waved to the crowd, then leaned in and boomed: "
            '"We will win this in November."',
            ["Marta Kell"],
        ),
        # ... not a sign, a heading, or a place abbreviation before the subject
        ('The sign on the wall of the shelter read: "No entry after dark."', []),
        ('NOW OPEN—"A new show strives to confront the city," by Jo Venn: "Curators …"', []),
        (
            "In the hours after the vote in Dover, Del., a familiar voice weighed in: "
            '"You have already lost."',
            [],
        ),
    ],
)
def test_a_clause_ending_in_a_colon_introduces_the_quote(profile, text, expected):
    assert actors(profile, text) == expected


def test_positions_in_the_base_form_and_feelings_are_statements(profile):
    text = "Marta Kell doubts that the truce will hold, and her allies fear a new war."
    assert rows(profile, text) == [("Marta Kell", "Marta Kell doubts")]
    # "support" is too often a noun ("has the support of") to be a position verb
    assert "support" not in verb_cues().position_verbs
    text = "Marta Kell has the full support of the movement behind her."
    assert actors(profile, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title word after an honorific is a surname
        ('Jo Venn spoke.\n\n"It is risky," Mr. Prince said.', ["Prince"]),
        # an abbreviated title gives the role a later description refers to
        (
            'Sen. Marta Kell of Oregon spoke on Monday.\n\n"I stand by it," the Oregon '
            "senator told THE DAILY LEDGER on Thursday when asked about the vote.",
            ["Marta Kell"],
        ),
        # people a name only describes do not speak for it; its aides and lawyers do
        ("Pell Orrin said that Internet activists criticized his company.", ["Pell Orrin"]),
        # an acute accent as the apostrophe of a name
        ("Sean O´Dell said the talks had stalled.", ["Sean O´Dell"]),
        ("Marta Kell spoke.\n\nMany Kell supporters complained about the lines.", []),
        (
            "Marta Kell spoke.\n\nKell strategists think that women will decide the race.",
            ["Marta Kell"],
        ),
    ],
)
def test_descriptions_honorifics_and_groups(profile, text, expected):
    assert actors(profile, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence that is only a name and a verb attributes the quote before it
        (
            'Jo Venn spoke.\n\n"If you are listening, I hope you find the emails." '
            "Marta Kell said.",
            [("Marta Kell", '"If you are')],
        ),
        # a quote ending in a nested question, then its speaker
        (
            "\"He stopped and asked, 'How do we win the county?'\" Pell Orrin said of it.",
            [("Pell Orrin", '"He stopped and')],
        ),
    ],
)
def test_a_quote_whose_speaker_follows_its_full_stop(profile, text, expected):
    assert rows(profile, text) == expected


def test_a_role_of_a_named_body_then_its_holder(profile):
    text = "''We build bridges,'' the Norwegian embassy spokesman, Jo Venn, told the radio."
    st = annotate(articles_of(text), profile=profile).statements
    assert list(zip(st[S.ACTOR], st[S.AFFILIATION], strict=True)) == [("Jo Venn", "Norway")]


def test_after_an_unnamed_speaker_the_next_quote_is_not_the_last_named_ones(profile):
    text = (
        "Marta Kell said the party must unite.\n\n"
        '"This is crucial for both of them," said one former party aide. '
        '"Members will run their own campaigns."\n\n'
        '"It is over," said a former senior adviser.'
    )
    assert rows(profile, text) == [("Marta Kell", "Marta Kell said")]


@pytest.mark.parametrize(
    ("text", "affiliation"),
    [
        # an abbreviation in a description does not end it
        (
            "Pell Orrin, the U.S. undersecretary of defense for policy, said aid would go on.",
            "United States",
        ),
        # the one-word company a person heads; a possessor is not one
        ("Pell Orrin, chief executive of Steelcorp, said the plant was shelled.", "Steelcorp"),
        # an aide speaks for whom he serves; a critic or a former envoy for nobody
        ("Pell Orrin, an aide to Ilham Aliyev, said the talks had stalled.", "Azerbaijan"),
        ("Pell Orrin, a critic of Ilham Aliyev's government, said the talks had stalled.", "none"),
        # a state's own body is not the UN's
        ("Pell Orrin, secretary of Russia's Security Council, said the talks stalled.", "Russia"),
        (
            "Pell Orrin, a former U.S. ambassador to the United Nations, said the talks stalled.",
            "none",
        ),
        # a past employer is not whom one speaks for; a present one is
        ("Pell Orrin, formerly of the US Navy, said the missiles can hit tanks.", "none"),
        (
            "Pell Orrin, a former British Army officer now with Human Rights Watch, said the "
            "talks had stalled.",
            "Human Rights Watch",
        ),
        # a state's body named without its country (the world layer's state bodies)
        (
            "Pell Orrin, a spokeswoman for the Home Office, said the talks had stalled.",
            "United Kingdom",
        ),
    ],
)
def test_what_a_description_says_a_speaker_speaks_for(profile, text, affiliation):
    st = annotate(articles_of(text), profile=profile).statements
    assert list(zip(st[S.ACTOR], st[S.AFFILIATION], strict=True)) == [("Pell Orrin", affiliation)]


def test_a_platform_a_message_was_posted_on_does_not_speak(profile):
    text = (
        "Nikol Pashinyan, for his part, is trying to call for unity.\n\n"
        "– We will stand firm, it is said in the message on Facebook."
    )
    assert actors(profile, text) == ["Nikol Pashinyan"]
    text = (
        "The talks must resume. "
        "This is stated in a statement posted on the Armenian Foreign Ministry website."
    )
    assert actors(profile, text) == ["Armenian Foreign Ministry"]


def test_a_bare_institution_is_the_one_last_named_with_its_country():
    profile = load_profile("russia_ukraine")
    text = (
        "Britain's Ministry of Defence said in its update that Russia had lost tanks.\n\n"
        "The Ministry of Defence added that Russian morale was low."
    )
    assert actors(profile, text) == ["British Defence Ministry"]
    # ... unless a country opens the sentence before it: a round-up of reactions
    text = (
        "Britain's Ministry of Defence said the drills were a threat.\n\n"
        "Ukraine welcomed the support of its allies.\n\n"
        '"We stand firm," the Ministry of Defence said in a statement.'
    )
    assert actors(profile, text) == ["British Defence Ministry", "Ukrainian Defence Ministry"]


def test_every_state_of_a_listed_subject_speaks():
    profile = load_profile("russia_ukraine")
    text = "Ukraine, the US, Britain and France have dismissed the claims about the plant."
    assert actors(profile, text) == [
        "Ukrainian government",
        "US government",
        "British government",
        "French government",
    ]
    text = "Finland, Estonia and other EU states said they would close their borders to Russians."
    assert actors(profile, text)[:2] == ["Finnish government", "Estonian government"]


def test_a_sentence_naming_its_speaker_is_not_the_last_speakers_quote(profile):
    text = (
        'Pell Orrin, an engineer, said the risk was small. "It is a robust design," he said.'
        "\n\n"
        '"Every rule of safety has been broken" at the plant, Marta Kell said.'
    )
    assert rows(profile, text) == [
        ("Pell Orrin", "Pell Orrin, an"),
        ("Pell Orrin", '"It is a'),
        ("Marta Kell", '"Every rule of'),
    ]


def test_it_is_the_institution_that_opened_the_sentence_before():
    profile = load_profile("russia_ukraine")
    text = (
        "The Latvian Foreign Ministry summoned the envoy on Monday. "
        "It said the flights over the border were a deliberate provocation."
    )
    st = annotate(articles_of(text, date="2022-10-01"), profile=profile).statements
    assert list(st[S.ACTOR]) == ["Latvian Foreign Ministry"]
    assert "pronoun" in st[S.RULE].iloc[0]


@pytest.mark.parametrize("order", ["Florida first", "Ohio first"])
def test_a_placed_role_is_the_holder_from_that_place(profile, order):
    pair = ["Sen. Bill Kasser of Florida", "Sen. Jan Roeka of Ohio"]
    if order == "Ohio first":
        pair.reverse()
    text = f"{pair[0]} and {pair[1]} met voters. The Florida senator said the plan would fail."
    assert actors(profile, text) == ["Bill Kasser"]


def test_a_country_is_never_he(profile):
    text = (
        "Wally Adeyemo will speak about the ties between the U.S. and India. "
        'He will also underscore "our deep economic ties" on the trip.'
    )
    assert "India" not in actors(profile, text)


def test_the_possessor_in_an_apposition_is_not_he(profile):
    text = (
        "Jan Roe, Ted Kell's campaign manager, said the war was close. "
        '"We will win the war," he added.'
    )
    assert actors(profile, text) == ["Jan Roe"]


def test_he_is_the_titled_subject_not_the_name_in_a_quote(profile):
    text = (
        'Ilham Aliyev said on Monday: "We will win." '
        "Foreign Secretary Jan Roe hit out at Ilham Aliyev after the speech. "
        '"His message is unclear," he tweeted.'
    )
    st = annotate(articles_of(text), profile=profile).statements
    last = st[st[S.SENTENCE].str.contains("unclear")]
    assert last[S.ACTOR].tolist() == ["Jan Roe"]
    text = (
        'Jan Roe said on Monday: "Ilham Aliyev must give the order." '
        '"We are not blocking the grain," he added.'
    )
    st = annotate(articles_of(text), profile=profile).statements
    last = st[st[S.SENTENCE].str.contains("grain")]
    assert last[S.ACTOR].tolist() == ["Jan Roe"]


def test_a_surname_two_people_share_is_a_person_not_an_organisation(profile):
    text = (
        "Jan Kell-Orrin is in prison. His wife, Ada Kell-Orrin, met the minister on Monday.\n\n"
        '"Our family has lived like this for years," said Kell-Orrin, who has three children.'
    )
    st = annotate(articles_of(text), profile=profile).statements
    assert list(zip(st[S.ACTOR], st[S.AFFILIATION], strict=True)) == [("Kell-Orrin", "none")]


def test_a_body_speaks_for_the_owner_written_after_its_name():
    profile = load_profile("russia_ukraine")
    text = (
        "The Interior Ministry for the separatist Donetsk People's Republic said a bomb "
        "exploded near the office."
    )
    st = annotate(articles_of(text, date="2022-10-01"), profile=profile).statements
    assert list(zip(st[S.ACTOR], st[S.AFFILIATION], strict=True)) == [
        ("Interior Ministry", "Donetsk People's Republic")
    ]


def test_a_profile_person_named_without_the_title_is_still_that_person():
    profile = load_profile("russia_ukraine")
    text = "Pope Francis spoke in Rome on Sunday.\n\nFrancis said the war was a tragedy."
    st = annotate(articles_of(text, date="2022-10-01"), profile=profile).statements
    assert list(zip(st[S.ACTOR], st[S.AFFILIATION], strict=True)) == [("Pope Francis", "Holy See")]


def test_a_participle_after_a_reported_clause_is_the_first_speakers():
    """'Jane Doe said that X …, adding …': the participle is hers, never X's."""
    text = (
        "Jane Doe told a meeting of officials that the Acme Group was pumping oil into "
        "the lake, adding that the town would respond."
    )
    st = annotate(articles_of(text), profile=load_profile("karabakh")).statements
    assert set(st[S.ACTOR]) == {"Jane Doe"}


@pytest.mark.parametrize(
    "text",
    [
        # an idiom said of a party, not by it
        "Jane Doe said that Acme Group is to blame for the spill.",
        # a noun after a preposition, not a verb
        "Jane Doe was asked about worries Acme Group was closing the plant.",
    ],
)
def test_said_of_a_party_is_not_said_by_it(text):
    st = annotate(articles_of(text), profile=load_profile("karabakh")).statements
    assert "Acme Group" not in set(st[S.ACTOR])
