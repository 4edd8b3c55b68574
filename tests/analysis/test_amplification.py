"""Amplification: one actor's statement carried by several outlets within a few days."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.analysis.amplification import (
    amplification,
    amplification_summary,
    content_words,
)
from workbench.core import schema as S

QUOTE = (
    "We call on the parties to immediately stop the bloodshed, cease hostilities "
    "and protect civilians."
)
VARIANT = (
    "We urge the conflicting parties to stop the bloodshed immediately, end hostilities "
    "and protect the civilians."
)
OTHER = "The ministry will hold talks with its partners about the supply of gas next winter."


def _statements(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    """(article_id, source, date, actor, sentence) rows as a statements table."""
    frame = pd.DataFrame(rows, columns=[S.ARTICLE_ID, S.SOURCE, S.DATE, S.ACTOR, S.SENTENCE])
    return frame.assign(
        **{
            S.DATE: pd.to_datetime(frame[S.DATE]),
            S.AFFILIATION: "Russia",
            S.START: range(0, 10 * len(frame), 10),
            S.END: range(5, 10 * len(frame) + 5, 10),
        }
    )


def test_a_quote_and_its_translation_in_two_outlets_form_one_cluster():
    st = _statements(
        [
            ("a1", "TASS", "2023-09-20", "Russian Foreign Ministry", QUOTE),
            ("a2", "dpa", "2023-09-21", "Russian Foreign Ministry", VARIANT),
            ("a3", "AP", "2023-09-21", "Russian Foreign Ministry", OTHER),
        ]
    )
    carried = amplification(st)
    assert list(carried["cluster"]) == [1, 1]
    assert list(carried[S.ARTICLE_ID]) == ["a1", "a2"]
    assert carried["similarity"].iloc[0] == 1.0 and 0.5 <= carried["similarity"].iloc[1] < 1
    summary = amplification_summary(carried)
    row = summary.iloc[0]
    assert (row["n_outlets"], row["outlets"], row["first_outlet"]) == (2, "TASS; dpa", "TASS")
    assert row["first_date"] == pd.Timestamp("2023-09-20")
    assert row[S.SENTENCE] == QUOTE


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({S.DATE: pd.Timestamp("2023-10-20")}, "a month later is not the same news"),
        ({S.ACTOR: "Russian government"}, "another actor"),
        ({S.SOURCE: "TASS"}, "one outlet alone does not amplify"),
        ({S.ARTICLE_ID: "a1", S.START: 500}, "two sentences of one article"),
        ({S.SENTENCE: OTHER}, "different words"),
    ],
)
def test_what_is_not_amplification(change, why):
    st = _statements(
        [
            ("a1", "TASS", "2023-09-20", "Russian Foreign Ministry", QUOTE),
            ("a2", "dpa", "2023-09-21", "Russian Foreign Ministry", VARIANT),
        ]
    )
    for column, value in change.items():
        st.loc[1, column] = value
    assert amplification(st).empty, why
    assert amplification_summary(amplification(st)).empty


def test_chains_join_and_undated_and_repeated_acts_are_handled():
    st = _statements(
        [
            ("a1", "TASS", "2023-09-20", "Russian Foreign Ministry", QUOTE),
            ("a2", "dpa", "2023-09-22", "Russian Foreign Ministry", VARIANT),
            ("a3", "AP", "2023-09-25", "Russian Foreign Ministry", VARIANT),  # 5 days after a1
            ("a4", "BBC", None, "Russian Foreign Ministry", QUOTE),
        ]
    )
    # The same evidence sentence with a second act is one copy, not two.
    st = pd.concat([st, st.iloc[[1]]], ignore_index=True)
    carried = amplification(st)
    assert list(carried[S.ARTICLE_ID]) == ["a1", "a2", "a3"]
    assert carried.attrs["undated"] == 1
    assert amplification_summary(carried).iloc[0]["n_outlets"] == 3


def test_the_input_is_not_changed_and_the_sample_has_the_russian_call(sample_dir):
    import workbench

    corpus = workbench.load(sample_dir, cache=False)
    before = corpus.statements.copy()
    carried = amplification(corpus.statements)
    pd.testing.assert_frame_equal(corpus.statements, before)
    summary = amplification_summary(carried)
    # Items 001 and 003 carry two translations of the Russian Foreign Ministry's call.
    assert len(summary) == 1
    assert summary.iloc[0][S.ACTOR] == "Russian Foreign Ministry"
    assert "bloodshed" in summary.iloc[0][S.SENTENCE]
    for row in carried.itertuples():  # the evidence points into the article text
        text = corpus.articles.set_index(S.ARTICLE_ID).at[row.article_id, S.TEXT]
        assert text[row.start : row.end] == row.sentence


def test_content_words_leave_out_function_words_and_stem():
    assert content_words("The parties stopped the bloodshed") == {"parti", "stop", "bloodsh"}


def test_the_analysts_own_stopwords_decide_what_two_copies_share(tmp_path):
    st = _statements(
        [
            ("a1", "TASS", "2023-09-20", "Russian Foreign Ministry", QUOTE),
            ("a2", "dpa", "2023-09-21", "Russian Foreign Ministry", VARIANT),
        ]
    )
    assert list(amplification(st)["cluster"]) == [1, 1]
    own = tmp_path / "stop.txt"
    own.write_text("stop bloodshed hostilities\nprotect civilians parties\n")
    assert amplification(st, stopwords=own).empty  # too few shared words left to join them
    assert content_words("stop the bloodshed", drop=frozenset({"stop"})) == {"the", "bloodsh"}
