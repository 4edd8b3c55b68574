"""Replaying the analysts' corrections log onto a corpus, on every load.

Corrections are applied in the order they were made, each on the statement as the
previous ones left it; a statement is found by its sentence (article id, offsets, text
hash: re-anchored when the article was edited) and its actor and act at the time of the
correction. What cannot be applied is reported, never dropped silently: an edited or
removed sentence, a statement re-annotation no longer finds, a correction made from a
stale view that another one changed meanwhile.
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..annotation.tone import tone
from ..core import schema as S
from .log import (
    ACTION,
    ADD,
    ANALYST_RULE,
    CORRECT,
    CORRECTED_BY,
    CORRECTION_COLUMNS,
    CORRECTION_ID,
    CORRECTION_IDS,
    LABEL_FIELDS,
    LINE,
    NEW,
    OLD,
    REJECT,
    STATEMENT_KEY,
    TEXT_HASH,
    WHEN,
    WHO,
    CorrectionsWarning,
    empty_log,
    label_value,
    normalise,
    read_log,
    statement_key,
    text_hash,
)

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..profile.model import Profile


@dataclass(frozen=True)
class AppliedCorrections:
    """What the log did to a corpus: kept on ``corpus.corrections``.

    ``automatic`` holds the statements as annotated; ``reviewed`` one row per statement
    an analyst looked at (``auto_<field>`` beside the analyst's value, missing for a
    rejected or an added statement); ``rejected`` the statements taken out; ``report``
    damaged rows, re-anchored and orphaned corrections by log line.
    """

    log: Path | None
    automatic: pd.DataFrame
    reviewed: pd.DataFrame
    rejected: pd.DataFrame
    report: pd.DataFrame

    @property
    def orphaned(self) -> pd.DataFrame:
        """The report's rows about corrections that found no statement."""
        return self.report[self.report[S.REPORT_MESSAGE].str.contains("orphaned")]


REVIEWED_COLUMNS = [
    STATEMENT_KEY,
    ACTION,
    WHO,
    WHEN,
    *(f"auto_{f}" for f in LABEL_FIELDS),
    *LABEL_FIELDS,
]


def apply_corrections(corpus: Corpus, *, log: str | Path | None, warn: bool = True) -> Corpus:
    """A new corpus whose statements carry the analysts' corrections from ``log``.

    Corrections are replayed in the order they were made, each on the statement as the
    previous ones left it. A corrected, confirmed or added statement gets confidence 1.0,
    ``corrected_by`` (who), ``correction_ids`` and a note in ``rule``; rejected ones move to
    ``corpus.corrections.rejected``. Problems are in ``corpus.corrections.report`` and,
    unless ``warn=False``, raised as a :class:`CorrectionsWarning`. The input is unchanged.

    Examples
    --------
    >>> corrected = apply_corrections(corpus, log="corrections.csv")  # doctest: +SKIP
    >>> corrected.corrections.report                                    # doctest: +SKIP
    """
    previous = getattr(corpus, "corrections", None)
    automatic = previous.automatic if previous is not None else corpus.statements
    path = Path(log) if log is not None else None
    entries, read_report = read_log(path) if path is not None else empty_log()
    keyed = keyed_statements(automatic)
    # only the statements of articles the log names are replayed row by row
    named = set(entries[S.ARTICLE_ID])
    touched = keyed[S.ARTICLE_ID].isin(named).to_numpy(dtype=bool)
    articles = corpus.articles[corpus.articles[S.ARTICLE_ID].isin(named)]
    replay = _Replay(keyed[touched], articles, corpus.profile, path)
    for entry in entries.to_dict("records"):
        replay.apply(entry)
    report = pd.concat(
        [read_report.problems, pd.DataFrame(replay.report, columns=S.REPORT_COLUMNS)],
        ignore_index=True,
    )
    applied = AppliedCorrections(
        log=path,
        automatic=automatic,
        reviewed=replay.reviewed_table(),
        rejected=replay.rejected_table(),
        report=report,
    )
    problems = report[report[S.REPORT_LEVEL] != "info"]
    if warn and len(problems):
        warnings.warn(
            f"{path}: {len(problems)} correction(s) not applied (damaged or orphaned); "
            "see corpus.corrections.report",
            CorrectionsWarning,
            stacklevel=2,
        )
    statements = keyed if not touched.any() else _merged(keyed, touched, replay.statements())
    return dataclasses.replace(corpus, statements=statements, corrections=applied)


def keyed_statements(statements: pd.DataFrame) -> pd.DataFrame:
    """The statement columns with ``statement_key`` and empty correction columns added."""
    table = statements[S.STATEMENT_COLUMNS].reset_index(drop=True)
    sentences = table[S.SENTENCE].astype(object)
    hashes = {s: text_hash(s) for s in pd.unique(sentences)}  # a sentence often has several
    columns = (table[S.ARTICLE_ID], table[S.START], table[S.END], sentences)
    keys = [f"{a}:{int(b)}-{int(c)}:{hashes[s]}" for a, b, c, s in zip(*columns, strict=True)]
    return table.assign(**{STATEMENT_KEY: keys, CORRECTED_BY: None, CORRECTION_IDS: None}).astype(
        _DTYPES
    )


def _merged(keyed: pd.DataFrame, touched: np.ndarray, replayed: pd.DataFrame) -> pd.DataFrame:
    """Replayed rows back in their places (added ones after their article's last), in order."""
    order = pd.Series(range(len(keyed)), dtype="float64")
    place = replayed.pop(_POSITION)
    table = pd.concat([keyed[~touched], replayed.set_axis(place)])
    order = pd.concat([order[~touched], place.astype("float64")])
    table = table.set_axis(order.to_numpy()).sort_index(kind="stable")
    return table.reset_index(drop=True).astype(_DTYPES)


class _Replay:
    """Statements as plain rows, corrected one log entry at a time."""

    def __init__(
        self,
        keyed: pd.DataFrame,
        articles: pd.DataFrame,
        profile: Profile,
        path: Path | None,
    ) -> None:
        self.rows: list[dict[str, Any]] = keyed.to_dict("records")
        for position, row in zip(keyed.index, self.rows, strict=True):
            row[_POSITION] = float(position)
        self.by_sentence: dict[tuple[str, str], list[int]] = {}
        for i, row in enumerate(self.rows):
            self.by_sentence.setdefault(_sentence_of(row), []).append(i)
        self.articles = {
            str(a[S.ARTICLE_ID]): a
            for a in articles.drop(columns=S.ANNOTATION_COLUMNS, errors="ignore").to_dict("records")
        }
        self.profile = profile
        self.path = str(path)
        self.removed: dict[int, dict[str, Any]] = {}
        self.reviewed: dict[int, dict[str, Any]] = {}
        self.report: list[dict] = []

    def apply(self, entry: dict[str, Any]) -> None:
        """Apply one log entry, or report why it cannot be."""
        what = f"{entry[ACTION]} {entry[CORRECTION_ID]} ({entry[S.ACTOR]}, {entry[S.ACT]})"
        line = int(entry[LINE])
        article = self.articles.get(entry[S.ARTICLE_ID])
        if article is None:
            self._report(
                line,
                "warning",
                f"{what}: orphaned: article {entry[S.ARTICLE_ID]} is not in the corpus",
            )
            return
        span = _anchor(str(article[S.TEXT]), entry)
        if span is None:
            self._report(
                line,
                "warning",
                f"{what}: orphaned: the sentence is no longer in article "
                f"{entry[S.ARTICLE_ID]} (edited?): {entry[S.SENTENCE][:80]!r}",
            )
            return
        if span != (entry[S.START], entry[S.END]):
            self._report(
                line,
                "info",
                f"{what}: re-anchored from {entry[S.START]}-{entry[S.END]} "
                f"to {span[0]}-{span[1]} (the article was edited)",
            )
        found = self._find(entry, span)
        if entry[ACTION] == ADD:
            if found is not None:
                self._report(line, "warning", f"{what}: already present, not added twice")
                return
            self._add(entry, article, span)
            return
        if found is None:
            self._report(
                line,
                "warning",
                f"{what}: orphaned: no such statement in this sentence now "
                "(changed by re-annotation or by an earlier correction)",
            )
            return
        row = self.rows[found]
        self.reviewed.setdefault(found, {f"auto_{f}": label_value(row[f]) for f in LABEL_FIELDS})
        if entry[ACTION] == REJECT:
            self.removed[found] = {
                **row,
                WHO: entry[WHO],
                WHEN: entry[WHEN],
                CORRECTION_ID: entry[CORRECTION_ID],
            }
            self.by_sentence[_sentence_of(row)].remove(found)
        elif entry[ACTION] == CORRECT:
            stale = {
                f: label_value(row[f]) for f, v in entry[OLD].items() if label_value(row[f]) != v
            }
            if stale:
                self._report(
                    line, "warning", f"{what}: overrides a change made since it was read: {stale}"
                )
            self._set(row, entry[NEW])
        self._mark(found, entry)

    def _find(self, entry: dict[str, Any], span: tuple[int, int]) -> int | None:
        """The statement an entry is about: same sentence, actor and act, nearest to ``span``."""
        candidates = [
            i
            for i in self.by_sentence.get((entry[S.ARTICLE_ID], entry[TEXT_HASH]), [])
            if normalise(self.rows[i][S.ACTOR]) == entry[S.ACTOR]
            and normalise(self.rows[i][S.ACT]) == entry[S.ACT]
        ]
        return min(candidates, key=lambda i: abs(self.rows[i][S.START] - span[0]), default=None)

    def _set(self, row: dict[str, Any], new: dict[str, str | None]) -> None:
        """Set corrected labels; an actor's type and resolution follow from the profile."""
        row.update(new)
        if S.ACTOR in new:
            known = self.profile.get_actor(str(new[S.ACTOR]))
            row[S.ACTOR_TYPE] = known.type if known else None
            row[S.RESOLVED] = known is not None

    def _add(self, entry: dict[str, Any], article: dict[str, Any], span: tuple[int, int]) -> None:
        """A new statement row with every statement column."""
        sentence = str(article[S.TEXT])[span[0] : span[1]]
        row: dict[str, Any] = dict.fromkeys([*S.STATEMENT_COLUMNS, *CORRECTION_COLUMNS])
        same = [r[_POSITION] for r in self.rows if r[S.ARTICLE_ID] == entry[S.ARTICLE_ID]]
        row[_POSITION] = max(same, default=1e9) + 1e-3  # after the article's last statement
        row.update(
            {
                S.ARTICLE_ID: entry[S.ARTICLE_ID],
                S.DATE: article.get(S.PUBLISHED),
                S.SOURCE: article.get(S.SOURCE),
                S.SENTENCE: sentence,
                S.START: span[0],
                S.END: span[1],
                S.RULE: ANALYST_RULE,
                S.SPEAKER_TEXT: entry[NEW][S.ACTOR],
                S.ATTRIBUTION: ANALYST_RULE,
                S.QUOTED: False,
                S.TONE: tone(sentence),
                STATEMENT_KEY: statement_key(entry[S.ARTICLE_ID], span[0], span[1], sentence),
            }
        )
        self._set(row, entry[NEW])
        self.rows.append(row)
        index = len(self.rows) - 1
        self.by_sentence.setdefault(_sentence_of(row), []).append(index)
        self.reviewed[index] = {f"auto_{f}": None for f in LABEL_FIELDS}
        self._mark(index, entry)

    def _mark(self, index: int, entry: dict[str, Any]) -> None:
        """Record who touched a statement: rule note, confidence 1.0, ids, reviewed entry."""
        row = self.rows[index]
        if entry[ACTION] != ADD:
            changed = ", ".join(f"{f} {entry[OLD].get(f)} -> {v}" for f, v in entry[NEW].items())
            note = f"analyst {entry[ACTION]} by {entry[WHO]}" + (f": {changed}" if changed else "")
            row[S.RULE] = f"{row[S.RULE]}; {note}"
        row[CORRECTED_BY] = entry[WHO]
        ids = [row[CORRECTION_IDS]] if row[CORRECTION_IDS] else []
        row[CORRECTION_IDS] = "; ".join([*ids, entry[CORRECTION_ID]])
        row[S.CONFIDENCE] = 1.0
        self.reviewed[index].update({ACTION: entry[ACTION], WHO: entry[WHO], WHEN: entry[WHEN]})

    def _report(self, line: int, level: str, message: str) -> None:
        self.report.append(
            dict(zip(S.REPORT_COLUMNS, [self.path, f"line {line}", level, message], strict=True))
        )

    def statements(self) -> pd.DataFrame:
        """The corrected statements table (rejected ones left out)."""
        rows = [r for i, r in enumerate(self.rows) if i not in self.removed]
        return S.as_table(rows, [*_DTYPES, _POSITION], {**_DTYPES, _POSITION: "float64"})

    def rejected_table(self) -> pd.DataFrame:
        """The rejected statements with who rejected them, when, and the correction id."""
        columns = [*S.STATEMENT_COLUMNS, STATEMENT_KEY, WHO, WHEN, CORRECTION_ID]
        dtypes = {**S.STATEMENT_DTYPES, **dict.fromkeys(columns[-4:], "string")}
        return S.as_table(list(self.removed.values()), columns, dtypes)

    def reviewed_table(self) -> pd.DataFrame:
        """One row per statement an analyst looked at: automatic and analyst labels."""
        records = []
        for index, review in self.reviewed.items():
            row = self.rows[index]
            final = (
                dict.fromkeys(LABEL_FIELDS)
                if index in self.removed
                else {f: label_value(row[f]) for f in LABEL_FIELDS}
            )
            records.append({STATEMENT_KEY: row[STATEMENT_KEY], **review, **final})
        return S.as_table(records, REVIEWED_COLUMNS, dict.fromkeys(REVIEWED_COLUMNS, "string"))


_DTYPES = {**S.STATEMENT_DTYPES, **dict.fromkeys(CORRECTION_COLUMNS, "string")}
_POSITION = "_position"  # where a row goes in the statements table


def _sentence_of(row: Mapping[str, Any]) -> tuple[str, str]:
    """(article id, sentence hash): where to look a statement up."""
    return str(row[S.ARTICLE_ID]), text_hash(row[S.SENTENCE])


def _anchor(text: str, entry: Mapping[str, Any]) -> tuple[int, int] | None:
    """Where the entry's sentence is in ``text`` now: at its offsets, else the nearest
    place the same words occur (any whitespace between them), else None."""
    start, end = int(entry[S.START]), int(entry[S.END])
    if text_hash(text[start:end]) == entry[TEXT_HASH]:
        return start, end
    words = entry[S.SENTENCE].split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    found = [(m.start(), m.end()) for m in pattern.finditer(text)]
    return min(found, key=lambda s: abs(s[0] - start), default=None)
