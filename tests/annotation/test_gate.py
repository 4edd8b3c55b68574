"""The cheap gates before the attribution rules: a sentence that holds none of the words a
narrated statement needs is not read by those rules, a sentence without a caption's words
is not searched for one. The gates must change no result."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

from workbench.annotation import attribution
from workbench.annotation.cues import CAPTION, is_caption, verb_cues
from workbench.annotation.narration import may_narrate
from workbench.corpus import annotate
from workbench.profile.library import load_profile

from .test_attribution import articles_of

HERE = Path(__file__).parent


def _test_texts() -> list[str]:
    """Every invented text of the annotation tests with a few words (their own sentences)."""
    texts: set[str] = set()
    for path in sorted(HERE.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if len(node.value.split()) >= 4 and any(c.isupper() for c in node.value):
                    texts.add(node.value)
    return sorted(texts)


def test_the_gates_change_no_statement_the_tests_know(monkeypatch):
    """Every text of the annotation tests gives the same tables with the gate as with
    every sentence read by every rule."""
    texts = _test_texts()
    assert len(texts) > 300  # the tests' sentences were found
    articles = articles_of(*texts)
    profile = load_profile("karabakh")
    gated = annotate(articles, profile=profile)
    monkeypatch.setattr(attribution, "may_narrate", lambda verbs, outside: True)
    monkeypatch.setattr(attribution, "is_caption", lambda s: bool(CAPTION.search(s)))
    ungated = annotate(articles, profile=profile)
    assert len(gated.statements) > 200  # and they hold statements
    pd.testing.assert_frame_equal(gated.statements, ungated.statements)
    pd.testing.assert_frame_equal(gated.mentions, ungated.mentions)


@pytest.mark.parametrize(
    "sentence",
    [
        "The shelling went on, according to the Defence Ministry.",
        "It was stated in a statement from the ministry.",
        "The ministry's statement said the talks would resume.",
        "The talks will resume, said Jane Doe.",
        "Jane Doe urged both sides to stop.",
        "The ministry believes the truce will hold.",
        "Jane Doe spoke on Monday, insisting that the talks go on.",
        "A Northfield University poll found that most voters agreed.",
        "Most voters agreed in a survey by the Harlow Institute.",
        "The ministry has not denied it.",
    ],
)
def test_every_form_of_a_narrated_statement_passes_the_gate(sentence):
    assert may_narrate(verb_cues(), sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The convoy reached the border town at dawn.",
        "Fighting went on through the night near the river.",
        "Two bridges and a school were destroyed.",
    ],
)
def test_a_sentence_without_the_words_of_any_form_is_turned_away(sentence):
    assert not may_narrate(verb_cues(), sentence)


def test_every_verb_of_the_lexicons_passes_the_gate():
    verbs = verb_cues()
    assert len(verbs.forms) > 500
    for form in verbs.forms:
        assert may_narrate(verbs, f"Jane Doe {form} it."), form


def test_letters_beyond_ascii_always_pass():
    """'K' (the Kelvin sign) matches 'k' in a case-blind pattern: such text is always read."""
    assert may_narrate(verb_cues(), "The convoy reached Łódź at dawn.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Soldiers stand guard (AP Photo/Jane Doe)",
        "A damaged building. Photo: Defence Ministry",
        "Rescuers at work. Reuters/Jane Doe",
        "Smoke rises over the city. Handout",
        "A convoy near the border (Jane Doe/Getty Images)",
        "Residents leave the town, AFP Photo shows.",
        "The convoy reached the border town at dawn.",
        "She said (in a statement) that talks would go on.",
    ],
)
def test_the_caption_gate_agrees_with_the_caption_pattern(sentence):
    assert is_caption(sentence) == bool(CAPTION.search(sentence))
