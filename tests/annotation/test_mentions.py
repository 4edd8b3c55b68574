"""Mentions: word boundaries, capitalisation, longest match, diacritics, titles by date."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.annotation.annotator import Annotator
from workbench.annotation.mentions import MentionFinder, PlaceFinder, fold_same_length
from workbench.profile.library import load_profile


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator(load_profile("karabakh"))


@pytest.fixture(scope="module")
def finder(annotator) -> MentionFinder:
    return annotator.finder


def actors(annotator, text, date=None):
    """Mentions as the annotator resolves them: actors, generic phrases, and states."""
    found = annotator.article_mentions(text, pd.Timestamp(date) if date else None)
    return [(m.alias, m.actor) for m in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Word boundaries: a demonym is not the country; a hyphenated compound names it.
        ("An Iranian-born analyst spoke.", []),
        ("Iran-backed groups were blamed.", [("Iran", "Iranian government")]),
        # Proper nouns only: the bird is not the country.
        ("They ate turkey in Baku.", [("Baku", "Azerbaijani government")]),
        (
            "Turkey backed Baku.",
            [("Turkey", "Turkish government"), ("Baku", "Azerbaijani government")],
        ),
        # Diacritics, spelling variants and case are folded.
        (
            "Paşinyan and Pasjinian met Aliev.",
            [
                ("Paşinyan", "Nikol Pashinyan"),
                ("Pasjinian", "Nikol Pashinyan"),
                ("Aliev", "Ilham Aliyev"),
            ],
        ),
        (
            "Erdogan and Erdoğan",
            [("Erdogan", "Recep Tayyip Erdoğan"), ("Erdoğan", "Recep Tayyip Erdoğan")],
        ),
        # Leftmost-longest: the title wins over the country inside it.
        (
            "Azerbaijan's President Ilham Aliyev spoke.",
            [("Azerbaijan's President", "Ilham Aliyev"), ("Ilham Aliyev", "Ilham Aliyev")],
        ),
        ("the Kremlin said", [("Kremlin", "Kremlin")]),
    ],
)
def test_mentions(annotator, text, expected):
    assert actors(annotator, text) == expected


@pytest.mark.parametrize(
    ("date", "holder"),
    [("2020-09-28", "Donald Trump"), ("2023-09-20", "Joe Biden")],
)
def test_titles_resolve_to_the_office_holder_on_the_date(annotator, date, holder):
    found = actors(annotator, "The US President said", date)
    assert ("US President", holder) in found


def test_acronyms_keep_their_case(annotator):
    assert actors(annotator, "Let us talk about it.") == []
    assert actors(annotator, "The US said so.") == [("US", "US government")]


def test_a_title_with_no_holder_on_the_date_names_no_person(annotator):
    # Nobody in the profile held the office then: only the country is named.
    assert actors(annotator, "The US President said", "1990-01-01") == [("US", "US government")]


def test_generic_institutions_take_their_country_from_context(annotator):
    text = (
        "Kazakhstan called for talks, the country's Foreign Ministry said. "
        "The Defence Ministry in Baku said."
    )
    assert [a for _, a in actors(annotator, text)] == [
        "Kazakh government",
        "Kazakh Foreign Ministry",
        "Azerbaijani Defence Ministry",
        "Azerbaijani government",
    ]


def test_offsets_point_at_the_text(finder):
    text = "Yesterday ERDOĞAN and the Foreign Ministry of Armenia spoke."
    for m in finder.find(text):
        assert text[m.start : m.end] == m.alias


def test_fold_keeps_length():
    for text in ["Paşinyan", "Erdoğan’s", "Ålesund", "İstanbul"]:
        assert len(fold_same_length(text)) == len(text)


def test_places_give_affiliations():
    places = PlaceFinder(load_profile("karabakh")).find("Armenian forces left Baku for Yerevan.")
    assert [(p.alias, p.actor) for p in places] == [
        ("Armenian", "Armenia"),
        ("Baku", "Azerbaijan"),
        ("Yerevan", "Armenia"),
    ]
