"""Labels in words: the rule, CAMEO codes, the glossary, and the empty-output sentence."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from workbench.core import schema as S
from workbench.present.empty import Why, is_empty, or_why
from workbench.present.words import cameo_label, describe_rule, glossary, with_readable_rule


@pytest.mark.parametrize(
    ("rule", "sentence", "expected"),
    [
        (
            r"quote+verb 'said'; speaker: alias; act: verb: ^(den(y|ies|ied)|reject\w*)\b; "
            "stance: speaker's side (Northland)",
            '"We never did," the minister said, and denied the report.',
            "a quote, then the reporting verb 'said'; speaker named by a profile alias; "
            "act cue 'denied'; stance: speaker's side (Northland)",
        ),
        (
            "quote continued; speaker: previous (pronoun); act: .; "
            "stance: third party, no side targeted",
            '"It is calm," she added.',
            "a quote continued from the sentence before; the speaker of the sentence before, "
            "found through a pronoun ('he', 'she', 'they'); no act cue: a plain statement; "
            "stance: third party, no side targeted",
        ),
        (
            r"subject verb 'told'; speaker: unresolved; act: {other}('s)? (attacks?|shelling); "
            "stance: speaker's side (Southland)",
            "The mayor told reporters Northland's shelling went on all night.",
            "the speaker 'told' something (no quote marks); speaker not in the profile; "
            "act cue 'Northland's shelling'; stance: speaker's side (Southland)",
        ),
        ("something else entirely", "", "something else entirely"),
    ],
)
def test_rule_in_words(rule, sentence, expected):
    assert describe_rule(rule, sentence) == expected


def test_no_regex_reaches_the_readable_rule():
    statements = pd.DataFrame(
        {
            S.RULE: [r"according to; speaker: name; act: \bvisit(s|ed)?\b; stance: neutral"],
            S.SENTENCE: ["The envoy visited the border, according to Jane Doe."],
            S.CAMEO: ["03"],
        }
    )
    out = with_readable_rule(statements)
    assert out.loc[0, "why"] == (
        "'according to' the speaker; speaker named in full; act cue 'visited'; stance: neutral"
    )
    assert out.loc[0, "cameo_label"] == "03: express intent to cooperate"
    assert "why" not in statements  # the input is left alone


@pytest.mark.parametrize(
    ("code", "label"),
    [("112", "112: accuse"), ("01", "01: make public statement"), ("195", "195: fight"), ("", "")],
)
def test_cameo_labels(code, label):
    assert cameo_label(code) == label


def test_the_glossary_covers_every_column():
    table = glossary()
    for name, columns in (
        ("articles", S.ARTICLE_COLUMNS + S.ANNOTATION_COLUMNS),
        ("mentions", S.MENTION_COLUMNS),
        ("statements", S.STATEMENT_COLUMNS + ["statement_key"]),
    ):
        described = set(table.loc[table["table"] == name, "column"])
        assert set(columns) <= described, set(columns) - described
    assert (table["meaning"].str.len() > 10).all()


@pytest.mark.parametrize(
    ("shown", "empty"),
    [
        (pd.DataFrame(), True),
        (pd.DataFrame({"a": [1]}), False),
        (pd.Series([], dtype="int64"), True),
        (pd.DataFrame({"a": []}).style, True),
        (go.Figure(), True),
        (go.Figure(go.Bar(x=[], y=[])), True),
        (go.Figure(go.Bar(x=["a"], y=[1])), False),
        (go.Figure(go.Heatmap(z=[[1]])), False),
        (None, True),
    ],
)
def test_what_counts_as_empty(shown, empty):
    assert is_empty(shown) is empty


def test_an_empty_output_is_a_sentence():
    why = or_why(pd.DataFrame(), "No statements between 2022-01-01 and 2022-01-31.")
    assert isinstance(why, Why)
    assert why._repr_markdown_() == "*No statements between 2022-01-01 and 2022-01-31.*"
    table = pd.DataFrame({"a": [1]})
    assert or_why(table, "unused") is table


def test_the_readme_glossary_says_the_same():
    from ..conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Glossary") :]
    for row in glossary().itertuples():
        assert f"| `{row.column}` | {row.meaning} |" in section, row.column
