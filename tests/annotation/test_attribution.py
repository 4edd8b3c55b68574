"""Who is speaking: each attribution form, on small texts, through the real profile."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.annotation.quotes import find_quotes
from workbench.core import schema as S
from workbench.core.schema import ARTICLE_COLUMNS
from workbench.corpus import annotate
from workbench.profile.library import load_profile


def articles_of(*texts: str, date: str = "2020-09-28") -> pd.DataFrame:
    rows = []
    for i, text in enumerate(texts):
        rows.append(
            {
                S.ARTICLE_ID: f"a{i}",
                S.PATH: f"a{i}.txt",
                S.TITLE: "",
                S.SOURCE: "test",
                S.SOURCE_BASIS: "metadata",
                S.URL: None,
                S.PUBLISHED: pd.Timestamp(date),
                S.DATE_BASIS: "metadata",
                S.LANGUAGE: "en",
                S.TEXT: text,
                S.N_WORDS: len(text.split()),
                S.DUPLICATE_OF: "",
                S.LOAD_WARNINGS: "",
            }
        )
    return S.as_articles(rows)[ARTICLE_COLUMNS]


@pytest.fixture(scope="module")
def profile():
    return load_profile("karabakh")


def speakers(profile, text: str, date: str = "2020-09-28") -> list[tuple[str, str]]:
    """(actor, attribution) per statement sentence, in text order, without duplicates."""
    st = annotate(articles_of(text, date=date), profile=profile).statements
    pairs = list(zip(st[S.ACTOR], st[S.ATTRIBUTION], strict=True))
    return list(dict.fromkeys(pairs))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quote, then the speaker and verb (both orders)
        (
            '"We will defend our homeland to the end," Aliyev said.',
            [("Ilham Aliyev", "quote+verb")],
        ),
        (
            '"We will defend our homeland to the end," said Pashinyan.',
            [("Nikol Pashinyan", "quote+verb")],
        ),
        # curly quotes, and a quote closed by two apostrophes
        (
            "“We call on the parties to stop the bloodshed now,’’ Russian Foreign Ministry said.",
            [("Russian Foreign Ministry", "quote+verb")],
        ),
        # verb then quote
        (
            'Pashinyan said on Twitter: "Martial law is declared in the Republic of Armenia."',
            [("Nikol Pashinyan", "verb+quote")],
        ),
        # according to / statement from / trailing speaker
        (
            "According to the Armenian Defence Ministry, fighting continued overnight near Hadrut.",
            [("Armenian Defence Ministry", "according to")],
        ),
        (
            "We ask the parties to stop shooting, it is stated in a statement from the "
            "Russian Ministry of Foreign Affairs.",
            [("Russian Foreign Ministry", "statement from")],
        ),
        (
            "Tehran is watching the conflict with concern, said Foreign Ministry spokesman "
            "Saeed Khatibzadeh.",
            [("Saeed Khatibzadeh", "clause, verb")],
        ),
        # subject and reporting verb; a list of subjects gives one row each
        (
            "Guterres urged Azerbaijan and Armenia to end the clashes.",
            [("António Guterres", "subject verb")],
        ),
        (
            "France, Russia and NATO have urged an immediate halt to clashes.",
            [
                ("French government", "subject verb"),
                ("Russian government", "subject verb"),
                ("NATO", "subject verb"),
            ],
        ),
        # a state or capital speaks for its government
        (
            "Baku stated that it was not attacking civilians.",
            [("Azerbaijani government", "subject verb")],
        ),
        # two statements in one sentence
        (
            "The Upper Karabakh administration announced that it lost 31 soldiers "
            "while Azerbaijan stated that "
            "Armenia's attacks caused civilian casualties.",
            [
                ("Nagorno-Karabakh authorities", "subject verb"),
                ("Azerbaijani government", "subject verb"),
            ],
        ),
        # both sides: one row per side
        (
            "Both sides accused each other of breaking the ceasefire.",
            [("Armenian government", "subject verb"), ("Azerbaijani government", "subject verb")],
        ),
        # a news agency relaying is not the speaker
        (
            '"We urge restraint from all sides now," the Kremlin said, TASS reported.',
            [("Kremlin", "quote+verb")],
        ),
        # nobody named: no statement
        (
            "It was reported that fighting resumed. According to local reports, seven people died.",
            [],
        ),
        ("Relations between Turkey and Armenia have been tense since 1993.", []),
        # a relative "that" in the predicate does not hide the subject of "…, noting"
        (
            "Lusine Avetyan praised roads that link the villages to the border, noting that "
            "traffic had doubled.",
            [("Lusine Avetyan", "subject verb")],
        ),
        # a short quote after an attributed one continues it
        (
            '"We will build the road," Lusine Avetyan said. "But, come on."',
            [("Lusine Avetyan", "quote+verb"), ("Lusine Avetyan", "quote continued")],
        ),
        # "it" is never a person
        (
            'Lusine Avetyan met the board. "We are done," Avetyan said. It said the deal was off.',
            [("Lusine Avetyan", "quote+verb")],
        ),
        # a verb that says nothing before "to"
        ("Held at home for a year, Lusine Avetyan continued to write for the theatre.", []),
        # a signature line under a quote; a comma and an adverb before the participle
        (
            '"The road to the village will open in May."\n— Lusine Avetyan, the mayor',
            [("Lusine Avetyan", "quote+signature")],
        ),
        (
            "Lusine Avetyan spoke about roads at first, eventually saying the border was calm.",
            [("Lusine Avetyan", "subject verb")],
        ),
    ],
)
def test_attribution_forms(profile, text, expected):
    assert speakers(profile, text) == expected


def test_continuation_by_pronoun_and_by_quote(profile):
    text = (
        '"Based on the situation, I declared martial law," said Harutyunyan.\n\n'
        "He noted that Artsakh is a supporter of peace.\n\n"
        '"We do not want war. The leadership of Azerbaijan will bear full responsibility," '
        "Harutyunyan said."
    )
    st = annotate(articles_of(text), profile=profile).statements
    assert set(st[S.ACTOR]) == {"Arayik Harutyunyan"}
    assert {"quote+verb", "subject verb"} <= set(st[S.ATTRIBUTION])
    # every sentence of the two-sentence quote is attributed
    assert st[S.SENTENCE].str.contains("leadership of Azerbaijan").any()
    assert st[S.SENTENCE].str.contains("We do not want war").any()


def test_it_and_he_pick_an_institution_and_a_person(profile):
    text = (
        "The US State Department called on both countries to end clashes. "
        "Deputy Secretary Stephen Biegun called Azerbaijan's Foreign Minister Jeyhun Bayramov. "
        "The United States remains committed to a settlement, it added."
    )
    st = annotate(articles_of(text), profile=profile).statements
    last = st[st[S.SENTENCE].str.contains("remains committed")]
    assert last[S.ACTOR].unique().tolist() == ["US State Department"]


def test_a_state_gives_way_to_the_ministry_named_next(profile):
    text = (
        "Pakistan threw its weight behind Azerbaijan. "
        '"Pakistan stands with the brotherly nation of Azerbaijan," '
        "the Foreign Ministry said in a statement."
    )
    st = annotate(articles_of(text), profile=profile).statements
    assert set(st[S.ACTOR]) == {"Pakistani Foreign Ministry"}
    assert st[S.RULE].str.contains("specific source nearby").any()


def test_unknown_speakers_are_kept_unresolved(profile):
    text = "Local historian Ruben Galstyan said the church was shelled twice."
    st = annotate(articles_of(text), profile=profile).statements
    assert st[S.ACTOR].tolist() == ["Ruben Galstyan"]
    # A historian speaking for no organisation the text names: affiliation `none` (guide).
    assert not st[S.RESOLVED].iloc[0] and st[S.AFFILIATION].iloc[0] == "none"


@pytest.mark.timeout(60)
def test_pathological_sentences_do_not_hang(profile):
    # Long runs of commas, spaces and quotes once made the patterns backtrack for minutes.
    text = ("word , " * 3000) + ' "' + ("a b , " * 2000) + '" said Aliyev. ' + ("x " * 5000)
    st = annotate(articles_of(text), profile=profile).statements
    assert len(st) <= 3


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ('He said "we will defend our land," and left.', ["we will defend our land,"]),
        (
            "““Doubled opening marks count once in this quote,” it said.",
            ["Doubled opening marks count once in this quote,"],
        ),
        ("A “scare quote” is too short.", []),
        # a short quote that is a sentence of its own is kept; a word quoted in one is not
        ('"It is hard," she said. "But, come on."', ["It is hard,", "But, come on."]),
        ('The vote was a so-called "referendum." Nobody came.', []),
        (
            "He said ‘we will not give up Armenia’s land’ today.",
            ["we will not give up Armenia’s land"],
        ),
        (
            "The soldiers' families said 'we want them home now' to reporters.",
            ["we want them home now"],
        ),
        (
            '"An unclosed quote runs to the end of the paragraph\n\nNext',
            ["An unclosed quote runs to the end of the paragraph"],
        ),
    ],
)
def test_find_quotes(text, quotes):
    assert [text[a:b] for a, b in find_quotes(text)] == quotes


def test_the_outlet_that_published_the_article_is_never_its_speaker(profile):
    text = (
        "The Lakeview Courier reported that the dam had been closed. "
        "The Daily Beacon said the river was rising."
    )
    articles = articles_of(text)
    articles[S.SOURCE] = "courier"
    articles[S.URL] = "https://www.lakeviewcourier.com/news/1"
    actors = list(annotate(articles, profile=profile).statements[S.ACTOR])
    assert actors == ["Daily Beacon"]
    articles[S.URL] = "https://www.thedailybeacon.com/news/1"
    actors = list(annotate(articles, profile=profile).statements[S.ACTOR])
    assert "Daily Beacon" not in actors
    # ... unless it speaks as an actor in a story about itself
    articles[S.TEXT] = "A spokesperson for the Daily Beacon said the paper would appeal."
    actors = list(annotate(articles, profile=profile).statements[S.ACTOR])
    assert actors == ["Daily Beacon"]


def test_a_second_speaker_in_the_sentence_does_not_take_the_next_quote(profile):
    text = (
        '"Your plan is sound," Tom Barker assured Rita Moss, after Rita Moss assured Tom '
        'Barker that the town backed him. "I will not let you down."'
    )
    st = annotate(articles_of(text), profile=profile).statements
    assert list(zip(st[S.ACTOR], st[S.ATTRIBUTION], strict=True)) == [
        ("Tom Barker", "quote+verb"),
        ("Rita Moss", "subject verb"),
        ("Tom Barker", "quote continued"),
    ]
