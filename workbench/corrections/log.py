"""Analysts' corrections: an append-only log, replayed onto the statements on every load
(:mod:`workbench.corrections.apply`).

The log is a CSV file, one correction a line: who, when, what (confirm, correct,
reject, add), the statement it is about, and the old and new values. A statement is
named by a key that survives re-annotation: article id, sentence offsets and a short
hash of the sentence text. When the article was edited and the offsets no longer hold
the sentence, the sentence is looked for elsewhere in the article (re-anchored); when it
is gone, the correction is reported as orphaned, never dropped silently.

Appends hold a file lock (two notebooks writing at once lose nothing) and are fsynced.
Every field is written on one physical line, so a write interrupted by a crash leaves
at most one torn last line: reading reports and skips it and keeps every earlier row,
and the next append starts on a fresh line.
"""

from __future__ import annotations

import csv
import getpass
import hashlib
import io
import json
import os
import tempfile
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
from filelock import FileLock

from ..core import schema as S
from ..core.errors import LoadError
from ..core.reports import LoadReport

# -- the log's columns --------------------------------------------------------
CORRECTION_ID = "correction_id"
WHEN = "when"
WHO = "who"
ACTION = "action"
TEXT_HASH = "text_hash"
OLD = "old"
NEW = "new"
LOG_COLUMNS = [
    CORRECTION_ID,
    WHEN,
    WHO,
    ACTION,
    S.ARTICLE_ID,
    S.START,
    S.END,
    TEXT_HASH,
    S.SENTENCE,
    S.ACTOR,
    S.ACT,
    OLD,
    NEW,
]
LINE = "line"  # where a row sits in the log file (read_log adds it)

# -- columns the corrected statements gain -------------------------------------
STATEMENT_KEY = "statement_key"
CORRECTED_BY = "corrected_by"
CORRECTION_IDS = "correction_ids"
CORRECTION_COLUMNS = [STATEMENT_KEY, CORRECTED_BY, CORRECTION_IDS]

CONFIRM, CORRECT, REJECT, ADD = "confirm", "correct", "reject", "add"
ACTIONS = (CONFIRM, CORRECT, REJECT, ADD)
LABEL_FIELDS = (S.ACTOR, S.AFFILIATION, S.STANCE, S.ACT)  # what an analyst can correct
ANALYST_RULE = "analyst"

DEFAULT_NAME = "corrections.csv"


class CorrectionsWarning(UserWarning):
    """Some corrections could not be applied (damaged rows, orphaned statements)."""


def normalise(text: object) -> str:
    """Whitespace collapsed to single spaces (and a missing value to ''), for keys and the log."""
    return "" if text is None or pd.isna(text) else " ".join(str(text).split())


def text_hash(sentence: object) -> str:
    """A short hash of a sentence's text, blind to how its whitespace is laid out.

    Examples
    --------
    >>> text_hash("He said  it.") == text_hash("He said\\nit.")
    True
    """
    return hashlib.sha1(normalise(sentence).encode("utf-8")).hexdigest()[:10]


def statement_key(article_id: object, start: int, end: int, sentence: object) -> str:
    """The key of a statement's sentence: ``article_id:start-end:hash``.

    Examples
    --------
    >>> statement_key("a1", 0, 12, "He said it.")
    'a1:0-12:c934eb855b'
    """
    return f"{article_id}:{int(start)}-{int(end)}:{text_hash(sentence)}"


def default_log(source: object) -> Path | None:
    """``<folder>/corrections.csv`` when ``source`` is a folder, else None."""
    if isinstance(source, str | os.PathLike) and Path(source).is_dir():
        return Path(source) / DEFAULT_NAME
    return None


def label_value(value: object) -> str | None:
    """A label value as plain text, None when missing."""
    return None if value is None or pd.isna(value) else normalise(value)


# -- reading ------------------------------------------------------------------------------
class LogContents(NamedTuple):
    """A corrections log as read: its ``entries`` (one row a correction, with the ``line``
    it sits on) and, beside them, the ``report`` of the lines skipped or kept with a note
    (a :class:`~workbench.core.reports.LoadReport`: ``workbench.load_report(contents)``
    reads it)."""

    entries: pd.DataFrame
    report: LoadReport


def read_log(path: str | Path) -> LogContents:
    """The corrections in a log file, in the order they were made, and the report of its
    damaged lines.

    A damaged row (torn by an interrupted write, wrong number of fields, a bad value)
    is skipped and reported with the file and line in ``report`` (also
    ``workbench.load_report(contents)``); the rows before and after it are kept. A last
    line without its line end (a write cut short) is kept only when it is whole. A
    missing file is an empty log.

    Raises
    ------
    LoadError
        When the file is not a corrections log at all (its header lacks columns).

    Examples
    --------
    >>> entries, report = read_log("data/articles/corrections.csv")  # doctest: +SKIP
    >>> report.problems  # doctest: +SKIP
    """
    path = Path(path)
    report: list[dict] = []
    rows: list[dict] = []
    raw = path.read_bytes() if path.exists() else b""
    lines = raw.split(b"\n")  # the last is b"" when the file ends with a line end, as it should
    header: list[str] | None = None
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        cut = number == len(lines)  # no line end after it
        if cut and not line.strip():
            break
        try:
            fields = next(csv.reader([line.decode("utf-8-sig").rstrip("\r")]), [])
        except (UnicodeDecodeError, csv.Error) as exc:
            report.append(_problem(path, number, "error", f"damaged row skipped: {exc}"))
            continue
        if header is None:
            missing = [c for c in LOG_COLUMNS if c not in fields]
            if missing:
                raise LoadError(
                    str(path), f"not a corrections log: no {', '.join(missing)}", "line 1"
                )
            header = fields
            continue
        if not any(f.strip() for f in fields):
            continue
        try:
            row = _parse(header, fields)
        except ValueError as exc:
            what = "torn last line (a write was interrupted)" if cut else "damaged row"
            report.append(_problem(path, number, "error", f"{what} skipped: {exc}"))
            continue
        if cut:
            message = "last line has no line end (a write was interrupted) but is whole: kept"
            report.append(_problem(path, number, "info", message))
        if row[CORRECTION_ID] in seen:
            message = f"correction {row[CORRECTION_ID]} appears twice; the later copy is skipped"
            report.append(_problem(path, number, "warning", message))
            continue
        seen.add(row[CORRECTION_ID])
        rows.append({**row, LINE: number})
    table = pd.DataFrame(rows, columns=[*LOG_COLUMNS, LINE])
    table = table.astype({S.START: "int64", S.END: "int64", LINE: "int64"})
    return LogContents(table, LoadReport.of(pd.DataFrame(report, columns=S.REPORT_COLUMNS)))


def empty_log() -> LogContents:
    """An empty log, as read_log returns it."""
    table = pd.DataFrame(columns=[*LOG_COLUMNS, LINE])
    return LogContents(table, LoadReport.of(pd.DataFrame(columns=S.REPORT_COLUMNS)))


def _problem(path: Path, line: int, level: str, message: str) -> dict:
    """One report row."""
    return dict(zip(S.REPORT_COLUMNS, [str(path), f"line {line}", level, message], strict=True))


def _parse(header: list[str], fields: list[str]) -> dict[str, Any]:
    """One log row as a dict, or ValueError saying what is wrong with it."""
    if len(fields) != len(header):
        raise ValueError(f"expected {len(header)} fields, found {len(fields)}")
    row: dict[str, Any] = {c: v for c, v in zip(header, fields, strict=True) if c in LOG_COLUMNS}
    if not row[CORRECTION_ID]:
        raise ValueError("no correction_id")
    if row[ACTION] not in ACTIONS:
        raise ValueError(f"unknown action {row[ACTION]!r} (expected one of {', '.join(ACTIONS)})")
    for column in (S.START, S.END):
        try:
            row[column] = int(row[column])
        except ValueError:
            raise ValueError(f"{column} is not a whole number: {row[column]!r}") from None
    try:
        datetime.fromisoformat(row[WHEN])
    except ValueError:
        raise ValueError(f"when is not a date and time: {row[WHEN]!r}") from None
    for column in (OLD, NEW):
        try:
            value = json.loads(row[column] or "{}")
        except json.JSONDecodeError as exc:
            raise ValueError(f"{column} is not valid JSON ({exc.msg})") from None
        if not isinstance(value, dict) or set(value) - set(LABEL_FIELDS):
            raise ValueError(f"{column} must map {', '.join(LABEL_FIELDS)} to values")
        row[column] = value
    if row[ACTION] == ADD and not row[NEW].get(S.ACTOR):
        raise ValueError("an added statement needs an actor")
    return row


# -- writing ------------------------------------------------------------------------------
@dataclass(frozen=True)
class CorrectionLog:
    """The corrections log of a corpus: append confirmations, corrections, rejections
    and added statements; every call writes one durable row and returns its id.

    Examples
    --------
    >>> log = CorrectionLog("data/articles/corrections.csv")        # doctest: +SKIP
    >>> row = corpus.statements.iloc[0]                               # doctest: +SKIP
    >>> log.correct(row, who="ana", stance="neutral")                 # doctest: +SKIP
    >>> workbench.load("data/articles").statements                    # doctest: +SKIP
    """

    path: Path
    timeout: float = 60.0

    def __init__(self, path: str | Path, *, timeout: float = 60.0) -> None:
        object.__setattr__(self, "path", Path(path))
        object.__setattr__(self, "timeout", timeout)

    @property
    def lock_path(self) -> Path:
        """The lock file beside the log (hidden, so a folder loader passes it by)."""
        return self.path.with_name(f".{self.path.name}.lock")

    def read(self) -> LogContents:
        """The corrections so far and the report of damaged lines (see :func:`read_log`)."""
        return read_log(self.path)

    def confirm(self, statement: Mapping[str, Any], *, who: str | None = None) -> str:
        """The analyst agrees with the statement as it stands."""
        return self._record(statement, CONFIRM, {}, {}, who)

    def correct(
        self, statement: Mapping[str, Any], *, who: str | None = None, **changes: object
    ) -> str:
        """Change some of ``actor``, ``affiliation``, ``stance``, ``act``."""
        unknown = set(changes) - set(LABEL_FIELDS)
        if unknown:
            raise ValueError(f"cannot correct {sorted(unknown)}: only {', '.join(LABEL_FIELDS)}")
        _check_act(changes.get(S.ACT))
        new = {
            f: label_value(v)
            for f, v in changes.items()
            if label_value(v) != label_value(statement[f])
        }
        if not new:
            raise ValueError(
                "nothing to correct: no value differs from the statement's (confirm it instead)"
            )
        old = {f: label_value(statement[f]) for f in new}
        return self._record(statement, CORRECT, old, new, who)

    def reject(self, statement: Mapping[str, Any], *, who: str | None = None) -> str:
        """The statement is not one (wrong speaker found, not a statement at all)."""
        old = {f: label_value(statement[f]) for f in LABEL_FIELDS}
        return self._record(statement, REJECT, old, {}, who)

    def add(
        self,
        article: Mapping[str, Any],
        *,
        start: int,
        end: int,
        actor: str,
        affiliation: str | None = None,
        stance: str = "neutral",
        act: str = "statement",
        who: str | None = None,
    ) -> str:
        """A statement the automatic annotation missed, in ``article.text[start:end]``."""
        text = str(article[S.TEXT])
        if not (0 <= start < end <= len(text)) or not text[start:end].strip():
            raise ValueError(f"{start}-{end} is not a sentence of article {article[S.ARTICLE_ID]}")
        if not normalise(actor):
            raise ValueError("an added statement needs an actor")
        _check_act(act)
        new = {S.ACTOR: actor, S.AFFILIATION: affiliation, S.STANCE: stance, S.ACT: act}
        target = {
            S.ARTICLE_ID: article[S.ARTICLE_ID],
            S.START: start,
            S.END: end,
            S.SENTENCE: text[start:end],
            S.ACTOR: actor,
            S.ACT: act,
        }
        return self._record(target, ADD, {}, {f: label_value(v) for f, v in new.items()}, who)

    def _record(
        self,
        statement: Mapping[str, Any],
        action: str,
        old: dict[str, str | None],
        new: dict[str, str | None],
        who: str | None,
    ) -> str:
        """Append one row about ``statement``; its id."""
        cid = uuid.uuid4().hex[:12]
        row = {
            CORRECTION_ID: cid,
            WHEN: datetime.now(UTC).isoformat(timespec="milliseconds"),
            WHO: normalise(who) or getpass.getuser(),
            ACTION: action,
            S.ARTICLE_ID: normalise(statement[S.ARTICLE_ID]),
            S.START: int(statement[S.START]),
            S.END: int(statement[S.END]),
            TEXT_HASH: text_hash(statement[S.SENTENCE]),
            S.SENTENCE: normalise(statement[S.SENTENCE]),
            S.ACTOR: normalise(statement[S.ACTOR]),
            S.ACT: normalise(statement[S.ACT]),
            OLD: json.dumps(old, ensure_ascii=False),
            NEW: json.dumps(new, ensure_ascii=False),
        }
        self.append([row])
        return cid

    def append(self, rows: Iterable[Mapping[str, object]]) -> None:
        """Append complete log rows under the lock, durably (flushed and fsynced)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for row in rows:
            # one physical line per row: a crash can only tear the last line
            writer.writerow([normalise(row[c]) for c in LOG_COLUMNS])
        data = buffer.getvalue().encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(self.lock_path, timeout=self.timeout):
            if not self.path.exists() or self.path.stat().st_size == 0:
                _create(self.path)
            with open(self.path, "rb+") as f:
                f.seek(-1, os.SEEK_END)
                if f.read(1) != b"\n":
                    data = b"\n" + data  # end a torn line so it cannot swallow this row
                f.seek(0, os.SEEK_END)
                f.write(data)
                f.flush()
                os.fsync(f.fileno())


def _create(path: Path) -> None:
    """A new log holding its header, written whole or not at all (temporary file + rename)."""
    header = ",".join(LOG_COLUMNS).encode("utf-8") + b"\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(header)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _check_act(act: object) -> None:
    """ValueError when ``act`` is given and is not one of the guide's acts."""
    if act is not None and act not in S.ACTS:
        raise ValueError(f"unknown act {act!r}: one of {', '.join(S.ACTS)}")
