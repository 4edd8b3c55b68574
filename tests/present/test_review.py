"""The review widget, driven through its controls: each click writes one row to the log."""

from __future__ import annotations

import shutil

import pytest

import workbench
from workbench.core import schema as S
from workbench.corrections.log import CORRECTED_BY, read_log
from workbench.present.review import Review

from ..conftest import SAMPLE


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "articles"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("corrections.csv*"))
    return target


@pytest.fixture
def review(folder):
    return workbench.review(workbench.load(folder), who="ana")


def test_showing_writes_nothing(folder, review):
    assert review.counter.value == f"1 / {len(review.corpus.statements)}"
    assert not (folder / "corrections.csv").exists()
    assert review.widget.children  # something to display
    assert "application/vnd.jupyter.widget-view+json" in review._repr_mimebundle_()


@pytest.mark.parametrize(
    ("control", "value", "check"),
    [
        ("actor_filter", "Nikol Pashinyan", lambda st: (st[S.ACTOR] == "Nikol Pashinyan").all()),
        ("act_filter", "accuse", lambda st: (st[S.ACT] == "accuse").all()),
        ("max_confidence", 0.5, lambda st: (st[S.CONFIDENCE] <= 0.5).all()),
    ],
)
def test_filters(review, control, value, check):
    getattr(review, control).value = value
    shown = review.filtered()
    assert 0 < len(shown) < len(review.corpus.statements) and check(shown)
    assert review.counter.value == f"1 / {len(shown)}"
    assert review.actor.value == shown.iloc[0][S.ACTOR]  # the correction fields follow


def test_confirm_correct_reject_through_the_buttons(folder, review):
    review.actor_filter.value = "Nikol Pashinyan"
    first = review.current()
    review.confirm_button.click()
    assert review.counter.value.startswith("2 / ")  # moved on to the next one
    second = review.current()
    new_stance = next(s for s in review.stance.options if s != second[S.STANCE])
    review.stance.value = new_stance
    review.correct_button.click()
    third = review.current()
    review.reject_button.click()

    log = read_log(folder / "corrections.csv").entries
    assert list(log["action"]) == ["confirm", "correct", "reject"]
    assert (log["who"] == "ana").all()
    assert list(log[S.START]) == [first[S.START], second[S.START], third[S.START]]
    assert log.iloc[1]["new"] == {S.STANCE: new_stance}
    st = review.corpus.statements  # re-applied after each click
    assert st.loc[st[CORRECTED_BY].notna(), S.STANCE].tolist() == [first[S.STANCE], new_stance]
    assert len(review.corpus.corrections.rejected) == 1
    reloaded = workbench.load(folder).statements
    assert reloaded[CORRECTED_BY].notna().sum() == 2


def test_unchanged_correction_is_not_saved(folder, review):
    review.correct_button.click()  # nothing changed in the fields
    assert "Not saved" in review.status.value
    assert not (folder / "corrections.csv").exists()


def test_not_reviewed_yet_filter(review):
    review.confirm_button.click()
    review.unreviewed.value = True
    assert review.filtered()[CORRECTED_BY].isna().all()
    assert len(review.filtered()) == len(review.corpus.statements) - 1


def test_add_a_missed_statement_by_choosing_a_sentence(folder, review):
    review.article.value = 2
    label, (start, end) = review.sentence.options[3]
    review.sentence.value = (start, end)
    review.actor.value = "Ilham Aliyev"
    assert review.affiliation.value == "Azerbaijan"  # from the profile
    review.stance.value = "pro_azerbaijan"
    review.act.value = "deny"
    review.add_button.click()

    log = read_log(folder / "corrections.csv").entries
    assert log.iloc[0]["action"] == "add" and log.iloc[0]["new"][S.ACT] == "deny"
    added = review.corpus.statements[review.corpus.statements[S.RULE] == "analyst"]
    article = review.corpus.articles.iloc[2]
    assert added[S.ARTICLE_ID].tolist() == [article[S.ARTICLE_ID]]
    assert added.iloc[0][S.SENTENCE] == str(article[S.TEXT])[start:end]
    assert label.startswith(f"{start}: ")


def test_corrections_that_could_not_be_applied_are_shown(folder, review):
    review.reject_button.click()
    first = str(review.corpus.articles.iloc[0][S.TEXT])
    sentence = review.corpus.corrections.rejected.iloc[0][S.SENTENCE]
    path = folder / f"{review.corpus.articles.iloc[0][S.ARTICLE_ID]}.txt"
    assert sentence in first
    path.write_text(path.read_text("utf-8").replace(sentence, ""), "utf-8")
    with pytest.warns(UserWarning, match="not applied"):
        again = workbench.review(workbench.load(folder))
    assert "1 correction(s) in the log could not be applied" in again.status.value


def test_a_corpus_without_log_needs_one(tmp_path):
    corpus = workbench.load(sorted(SAMPLE.glob("0*.txt")), cache=False)
    with pytest.raises(ValueError, match="no corrections log"):
        Review(corpus)
    review = Review(corpus, log=tmp_path / "mine.csv", who="bob")
    review.confirm_button.click()
    assert read_log(tmp_path / "mine.csv").entries["who"].tolist() == ["bob"]
