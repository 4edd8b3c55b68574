"""The review widget: page through statements and confirm, correct, reject or add.

ipywidgets wiring only: every click writes one row through
:class:`~workbench.corrections.log.CorrectionLog` and re-applies the log
(:func:`~workbench.corrections.apply.apply_corrections`), which also picks up what another
notebook wrote meanwhile. Nothing is written until a button is clicked.
"""

from __future__ import annotations

import getpass
import html
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w
import pandas as pd

from ..annotation.sentences import sentence_spans
from ..core import schema as S
from ..corrections.apply import apply_corrections
from ..corrections.log import CORRECTED_BY, CorrectionLog

if TYPE_CHECKING:
    from ..corpus import Corpus

ALL = "(all)"


class Review:
    """Statements one at a time, filtered by actor, act and confidence, with buttons to
    confirm, correct (actor, affiliation, stance, act) or reject each one, and a sentence
    picker to add a statement the annotation missed.

    ``review.corpus`` is the corpus with every correction so far applied; ``review.widget``
    the controls (a notebook displays the review itself too).

    Examples
    --------
    >>> review = Review(workbench.load("data/articles"))  # doctest: +SKIP
    >>> review  # displays in a notebook                    # doctest: +SKIP
    """

    def __init__(
        self, corpus: Corpus, *, log: str | Path | None = None, who: str | None = None
    ) -> None:
        path = log if log is not None else getattr(corpus.corrections, "log", None)
        if path is None:
            raise ValueError(
                "this corpus has no corrections log: pass log= (a CSV file) or load it "
                "from a folder with workbench.load(folder)"
            )
        self.log = CorrectionLog(path)
        self.corpus = apply_corrections(corpus, log=self.log.path, warn=False)
        self.position = 0
        profile = self.corpus.profile
        st = self.corpus.statements
        self.actor_filter = w.Dropdown(
            options=[ALL, *st[S.ACTOR].value_counts().index], description="actor"
        )
        self.act_filter = w.Dropdown(options=[ALL, *S.ACTS], description="act")
        self.max_confidence = w.FloatSlider(
            value=1.0, min=0.0, max=1.0, step=0.05, description="confidence ≤"
        )
        self.unreviewed = w.Checkbox(value=False, description="not reviewed yet")
        self.previous = w.Button(description="◀ previous")
        self.next = w.Button(description="next ▶")
        self.counter = w.Label()
        self.shown = w.HTML()
        self.actor = w.Combobox(options=[a.name for a in profile.actors], description="actor")
        affiliations = sorted({a.affiliation for a in profile.actors})
        self.affiliation = w.Combobox(options=affiliations, description="affiliation")
        self.stance = w.Dropdown(options=list(profile.stances), description="stance")
        self.act = w.Dropdown(options=list(S.ACTS), description="act")
        self.confirm_button = w.Button(description="confirm", button_style="success")
        self.correct_button = w.Button(description="save correction", button_style="warning")
        self.reject_button = w.Button(description="reject", button_style="danger")
        self.who = w.Text(value=who or getpass.getuser(), description="who")
        self.article = w.Dropdown(
            options=[
                (f"{a[S.ARTICLE_ID]}  {a[S.TITLE] if pd.notna(a[S.TITLE]) else ''}"[:90], i)
                for i, a in enumerate(self.corpus.articles.to_dict("records"))
            ],
            description="article",
        )
        self.sentence = w.Dropdown(description="sentence", layout={"width": "95%"})
        self.add_button = w.Button(description="add statement")
        self.status = w.HTML(_problems(self.corpus))

        for control in (self.actor_filter, self.act_filter, self.max_confidence, self.unreviewed):
            control.observe(self._refilter, names="value")
        self.actor.observe(self._actor_changed, names="value")
        self.article.observe(lambda _change: self._fill_sentences(), names="value")
        self.previous.on_click(lambda _b: self.go(self.position - 1))
        self.next.on_click(lambda _b: self.go(self.position + 1))
        self.confirm_button.on_click(lambda _b: self._write("confirm"))
        self.correct_button.on_click(lambda _b: self._write("correct"))
        self.reject_button.on_click(lambda _b: self._write("reject"))
        self.add_button.on_click(lambda _b: self._write("add"))
        self._fill_sentences()
        self.widget = w.VBox(
            [
                w.HBox([self.actor_filter, self.act_filter]),
                w.HBox([self.max_confidence, self.unreviewed]),
                w.HBox([self.previous, self.next, self.counter]),
                self.shown,
                w.HBox([self.actor, self.affiliation]),
                w.HBox([self.stance, self.act]),
                w.HBox([self.confirm_button, self.correct_button, self.reject_button, self.who]),
                w.HTML("<b>Add a statement the annotation missed</b> (with the values above)"),
                self.article,
                self.sentence,
                self.add_button,
                self.status,
            ]
        )
        self.go(0)

    def _repr_mimebundle_(self, **kwargs: object) -> dict | None:
        """Display as the widget."""
        return self.widget._repr_mimebundle_(**kwargs)

    def filtered(self) -> pd.DataFrame:
        """The statements the filters select, in corpus order."""
        st = self.corpus.statements
        if self.actor_filter.value != ALL:
            st = st[st[S.ACTOR] == self.actor_filter.value]
        if self.act_filter.value != ALL:
            st = st[st[S.ACT] == self.act_filter.value]
        st = st[st[S.CONFIDENCE] <= self.max_confidence.value + 1e-9]
        if self.unreviewed.value:
            st = st[st[CORRECTED_BY].isna()]
        return st

    def current(self) -> pd.Series | None:
        """The statement on show, or None when the filters select nothing."""
        st = self.filtered()
        return st.iloc[self.position] if len(st) else None

    def go(self, position: int) -> None:
        """Show the statement at ``position`` among the filtered ones."""
        count = len(self.filtered())
        self.position = min(max(position, 0), max(count - 1, 0))
        row = self.current()
        self.counter.value = f"{self.position + 1 if count else 0} / {count}"
        if row is None:
            self.shown.value = "<i>No statement matches these filters.</i>"
            return
        self.shown.value = _describe(row)
        self.actor.value = str(row[S.ACTOR])
        self.affiliation.value = "" if pd.isna(row[S.AFFILIATION]) else str(row[S.AFFILIATION])
        self.stance.value = row[S.STANCE] if row[S.STANCE] in self.stance.options else None
        self.act.value = row[S.ACT] if row[S.ACT] in self.act.options else None

    def _refilter(self, _change: object) -> None:
        self.go(0)

    def _actor_changed(self, change: dict) -> None:
        """An actor the profile knows brings its affiliation along."""
        known = self.corpus.profile.get_actor(str(change["new"]))
        if known is not None:
            self.affiliation.value = known.affiliation

    def _fill_sentences(self) -> None:
        article = self.corpus.articles.iloc[self.article.value or 0]
        text = str(article[S.TEXT])
        self.sentence.options = [
            (f"{a}: {' '.join(text[a:b].split())}"[:140], (a, b)) for a, b in sentence_spans(text)
        ]

    def _write(self, action: str) -> None:
        """Write one correction, re-apply the log and move on; errors go to the status line."""
        row = self.current()
        labels = {
            S.ACTOR: self.actor.value,
            S.AFFILIATION: self.affiliation.value or None,
            S.STANCE: self.stance.value,
            S.ACT: self.act.value,
        }
        try:
            if action == "add":
                article = self.corpus.articles.iloc[self.article.value]
                start, end = self.sentence.value
                cid = self.log.add(article, start=start, end=end, who=self.who.value, **labels)
            elif row is None:
                raise ValueError("no statement on show")
            elif action == "confirm":
                cid = self.log.confirm(row, who=self.who.value)
            elif action == "correct":
                cid = self.log.correct(row, who=self.who.value, **labels)
            else:
                cid = self.log.reject(row, who=self.who.value)
        except (ValueError, TypeError) as exc:
            self.status.value = (
                f"<span style='color:#b00'>Not saved: {html.escape(str(exc))}</span>"
            )
            return
        before = len(self.filtered())
        self.corpus = apply_corrections(self.corpus, log=self.log.path, warn=False)
        moved = action in ("confirm", "correct") and len(self.filtered()) == before
        self.go(self.position + 1 if moved else self.position)
        saved = html.escape(f"Saved: {action} {cid} to {self.log.path}.")
        self.status.value = f"{saved} {_problems(self.corpus)}"


def review(corpus: Corpus, *, log: str | Path | None = None, who: str | None = None) -> Review:
    """The review widget for ``corpus`` (see :class:`Review`); display it in a notebook.

    Examples
    --------
    >>> workbench.review(corpus)  # doctest: +SKIP
    """
    return Review(corpus, log=log, who=who)


def _problems(corpus: Corpus) -> str:
    """A line saying how many corrections could not be applied, or ''."""
    report = corpus.corrections.report if corpus.corrections is not None else None
    if report is None or not (report[S.REPORT_LEVEL] != "info").any():
        return ""
    count = int((report[S.REPORT_LEVEL] != "info").sum())
    return (
        f"<span style='color:#b00'>{count} correction(s) in the log could not be applied: "
        "see <code>corpus.corrections.report</code>.</span>"
    )


def _describe(row: pd.Series) -> str:
    """The statement on show: its sentence and labels, escaped for HTML."""

    def esc(value: object) -> str:
        return "–" if pd.isna(value) else html.escape(str(value))

    by = f" · reviewed by {esc(row[CORRECTED_BY])}" if pd.notna(row[CORRECTED_BY]) else ""
    return (
        f"<blockquote>{esc(row[S.SENTENCE])}</blockquote>"
        f"<b>{esc(row[S.ACTOR])}</b> ({esc(row[S.AFFILIATION])}) · {esc(row[S.ACT])} · "
        f"{esc(row[S.STANCE])} · confidence {row[S.CONFIDENCE]:.2f}{by}<br>"
        f"<small>{esc(row[S.ARTICLE_ID])} · rule: {esc(row[S.RULE])}</small>"
    )
