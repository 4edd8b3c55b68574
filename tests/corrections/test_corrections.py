"""Corrections: the log survives kills and concurrent writers, and is replayed on every load."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.core import schema as S
from workbench.core.errors import LoadError
from workbench.core.reports import load_report
from workbench.corrections.apply import apply_corrections
from workbench.corrections.log import (
    CORRECTED_BY,
    CORRECTION_ID,
    LOG_COLUMNS,
    CorrectionLog,
    CorrectionsWarning,
    read_log,
    statement_key,
    text_hash,
)

from ..conftest import SAMPLE

# A writer process: appends confirmations in a loop, printing each id once its append returned.
WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from workbench.corrections.log import CorrectionLog

    path, tag, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    log = CorrectionLog(path)
    (go.parent / f"ready-{tag}").touch()
    while not go.exists():
        time.sleep(0.01)
    for i in range(count):
        row = {"article_id": tag, "start": i, "end": i + 9, "actor": "Someone",
               "act": "report", "sentence": f"Sentence {i} of {tag}. " + "words " * 200}
        print(log.confirm(row, who=tag), flush=True)
    """
)

# A process that dies in the middle of a row: half of it written, lock held, then killed.
TORN_WRITER = textwrap.dedent(
    """
    import sys, time
    from filelock import FileLock
    path, lock = sys.argv[1], sys.argv[2]
    with FileLock(lock):
        with open(path, "ab") as f:
            f.write(b'deadbeef0000,2026-01-01T00:00:00+00:00,ana,confirm,a1,0,9,abc,"Half a')
            f.flush()
            print("written", flush=True)
            time.sleep(600)
    """
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the sample corpus (articles and metadata) that a test may edit."""
    target = tmp_path / "articles"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("corrections.csv*"))
    return target


@pytest.fixture
def corpus(folder: Path) -> workbench.Corpus:
    return workbench.load(folder)


def _writer(path: Path, tag: str, count: int, go: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), tag, str(count), str(go)],
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("He said it.", "He said it.", True),
        ("He said  it.", "He said\nit.", True),  # whitespace laid out differently
        ("He said it.", "She said it.", False),
        ("He said it.", "He said it!", False),
    ],
)
def test_text_hash_ignores_whitespace_only(a, b, same):
    assert (text_hash(a) == text_hash(b)) is same


def test_statement_key_names_article_offsets_and_text():
    key = statement_key("a1", 3, 20, "He said it.")
    assert key == f"a1:3-20:{text_hash('He said it.')}"
    assert len(text_hash("x")) == 10


def test_default_log_is_in_the_folder_and_can_be_turned_off(folder, corpus):
    assert corpus.corrections is not None
    assert corpus.corrections.log == folder / "corrections.csv"
    assert not (folder / "corrections.csv").exists()  # loading writes nothing
    assert workbench.load(folder, corrections=False).corrections is None
    elsewhere = folder.parent / "mine.csv"
    assert workbench.load(folder, corrections=elsewhere).corrections.log == elsewhere
    assert workbench.load(sorted(folder.glob("0*.txt"))).corrections is None  # not a folder


def test_round_trip_correct_confirm(folder, corpus):
    log = CorrectionLog(corpus.corrections.log)
    first, second = corpus.statements.iloc[0], corpus.statements.iloc[3]
    new_stance = next(s for s in corpus.profile.stances if s != first[S.STANCE])
    cid = log.correct(first, who="ana", actor="Nikol Pashinyan", stance=new_stance)
    log.confirm(second, who="bob")
    before = corpus.statements.copy()

    again = workbench.load(folder)
    st = again.statements
    assert len(st) == len(before)
    report = load_report(again).set_index(S.REPORT_PATH)
    assert report.loc[str(log.path), S.REPORT_LEVEL] == "info"  # not read as articles
    assert str(log.lock_path) not in report.index
    assert len(again.articles) == len(corpus.articles)
    row = st.iloc[0]
    assert (row[S.ACTOR], row[S.STANCE], row[S.ACT]) == (
        "Nikol Pashinyan",
        new_stance,
        first[S.ACT],
    )
    assert row[S.AFFILIATION] == first[S.AFFILIATION]  # not corrected, not changed
    assert row[S.CONFIDENCE] == 1.0 and row[CORRECTED_BY] == "ana"
    assert cid in row["correction_ids"]
    assert row[S.RULE].startswith(first[S.RULE]) and "analyst correct by ana" in row[S.RULE]
    assert row[S.RESOLVED] and row[S.ACTOR_TYPE] == "head_of_government"
    assert st.iloc[3][CORRECTED_BY] == "bob" and st.iloc[3][S.CONFIDENCE] == 1.0
    untouched = st.drop(index=[0, 3])
    assert untouched[CORRECTED_BY].isna().all()
    pd.testing.assert_frame_equal(
        untouched[S.STATEMENT_COLUMNS], before.drop(index=[0, 3])[S.STATEMENT_COLUMNS]
    )
    assert corpus.statements.equals(before)  # the corpus loaded earlier is unchanged
    assert again.corrections.report.empty
    log_rows = read_log(log.path).entries
    assert list(log_rows.columns[: len(LOG_COLUMNS)]) == LOG_COLUMNS
    assert log_rows.iloc[0]["old"] == {S.ACTOR: first[S.ACTOR], S.STANCE: first[S.STANCE]}
    assert log_rows.iloc[0]["new"] == {S.ACTOR: "Nikol Pashinyan", S.STANCE: new_stance}


def test_reject_and_add(folder, corpus):
    log = CorrectionLog(corpus.corrections.log)
    doomed = corpus.statements.iloc[1]
    log.reject(doomed, who="ana")
    article = corpus.articles.iloc[1]
    text = str(article[S.TEXT])
    start = text.index("MOSCOW")
    end = text.index(".", start + 10) + 1
    log.add(
        article,
        start=start,
        end=end,
        actor="Ilham Aliyev",
        affiliation="Azerbaijan",
        stance="pro_azerbaijan",
        act="accuse",
        who="ana",
    )
    again = workbench.load(folder)
    st = again.statements
    assert len(st) == len(corpus.statements)  # one out, one in
    gone = (st[S.ARTICLE_ID] == doomed[S.ARTICLE_ID]) & (st[S.START] == doomed[S.START])
    assert not ((st[S.ACTOR] == doomed[S.ACTOR]) & (st[S.ACT] == doomed[S.ACT]) & gone).any()
    rejected = again.corrections.rejected
    assert len(rejected) == 1 and rejected.iloc[0]["who"] == "ana"
    assert rejected.iloc[0][S.SENTENCE] == doomed[S.SENTENCE]
    added = st[st[S.RULE] == "analyst"]
    assert len(added) == 1
    at = st.index.get_loc(added.index[0])  # right after the last statement of its article
    assert st.iloc[at - 1][S.ARTICLE_ID] == article[S.ARTICLE_ID]
    assert st.iloc[at + 1][S.ARTICLE_ID] != article[S.ARTICLE_ID]
    added = added.iloc[0]
    assert added[S.SENTENCE] == text[start:end]
    assert (added[S.START], added[S.END]) == (start, end)
    assert added[S.DATE] == article[S.PUBLISHED] and added[S.SOURCE] == article[S.SOURCE]
    assert added[S.ACTOR_TYPE] == "head_of_state" and added[S.RESOLVED]
    assert added[S.CONFIDENCE] == 1.0 and added[CORRECTED_BY] == "ana"
    assert st.dtypes[S.STATEMENT_COLUMNS].astype(str).to_dict() == S.STATEMENT_DTYPES
    reviewed = again.corrections.reviewed.set_index("action")
    assert reviewed.loc["reject", "auto_act"] == doomed[S.ACT]
    assert pd.isna(reviewed.loc["reject", S.ACT])
    assert pd.isna(reviewed.loc["add", "auto_act"]) and reviewed.loc["add", S.ACT] == "accuse"


def test_moved_sentence_is_reanchored(folder, corpus):
    row = corpus.statements.iloc[0]
    CorrectionLog(corpus.corrections.log).correct(row, who="ana", act="appeal")
    path = folder / f"{row[S.ARTICLE_ID]}.txt"
    body = path.read_text("utf-8")
    sentence = str(row[S.SENTENCE])
    path.write_text(body.replace(sentence, "The weather was mild.\n\n" + sentence), "utf-8")

    again = workbench.load(folder)
    moved = again.statements[again.statements[S.SENTENCE] == sentence]
    assert moved.iloc[0][S.START] > row[S.START]  # the sentence really moved
    corrected = moved[moved[CORRECTED_BY] == "ana"]
    assert len(corrected) == 1 and corrected.iloc[0][S.ACT] == "appeal"
    report = again.corrections.report
    assert len(report) == 1 and report.iloc[0][S.REPORT_LEVEL] == "info"
    assert "re-anchored" in report.iloc[0][S.REPORT_MESSAGE]


def test_vanished_sentence_is_reported_not_dropped(folder, corpus):
    row = corpus.statements.iloc[0]
    cid = CorrectionLog(corpus.corrections.log).correct(row, who="ana", act="appeal")
    path = folder / f"{row[S.ARTICLE_ID]}.txt"
    path.write_text(path.read_text("utf-8").replace(str(row[S.SENTENCE]), ""), "utf-8")

    with pytest.warns(CorrectionsWarning, match="see corpus.corrections.report"):
        again = workbench.load(folder)
    orphaned = again.corrections.orphaned
    assert len(orphaned) == 1
    assert orphaned.iloc[0][S.REPORT_LOCATION] == "line 2"
    assert cid in orphaned.iloc[0][S.REPORT_MESSAGE]
    assert orphaned.iloc[0][S.REPORT_PATH] == str(folder / "corrections.csv")
    assert (again.statements[CORRECTED_BY].isna()).all()
    logged = read_log(folder / "corrections.csv").entries
    assert cid in set(logged[CORRECTION_ID])  # still in the log


def test_a_stale_view_never_silently_overwrites(corpus):
    """Two notebooks showing the same statement: the second correction cannot find it."""
    log = CorrectionLog(corpus.corrections.log)
    stale = corpus.statements.iloc[0]
    log.correct(stale, who="ana", actor="Nikol Pashinyan")
    late = log.correct(stale, who="bob", actor="Ilham Aliyev")
    with pytest.warns(CorrectionsWarning):
        again = apply_corrections(corpus, log=log.path)
    assert again.statements.iloc[0][S.ACTOR] == "Nikol Pashinyan"
    assert late in again.corrections.orphaned.iloc[0][S.REPORT_MESSAGE]
    # same actor and act, another label changed since the row was read: applied, and said so
    other = corpus.statements.iloc[3]
    first, second = [s for s in corpus.profile.stances if s != other[S.STANCE]][:2]
    log.correct(other, who="ana", stance=first)
    log.correct(other, who="bob", stance=second)
    with pytest.warns(CorrectionsWarning):
        both = apply_corrections(corpus, log=log.path)
    assert both.statements.iloc[3][S.STANCE] == second
    message = both.corrections.report.iloc[-1][S.REPORT_MESSAGE]
    assert "overrides a change made since it was read" in message and first in message


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("x1,2026-01-01T00:00:00+00:00,ana,confirm,a1,0,9", "expected 13 fields, found 7"),
        ("x2,2026-01-01T00:00:00+00:00,ana,approve,a1,0,9,h,s,A,report,{},{}", "unknown action"),
        ("x3,2026-01-01T00:00:00+00:00,ana,confirm,a1,zero,9,h,s,A,report,{},{}", "start is not"),
        ("x4,yesterday,ana,confirm,a1,0,9,h,s,A,report,{},{}", "when is not a date"),
        ("x5,2026-01-01T00:00:00+00:00,ana,correct,a1,0,9,h,s,A,report,{},{oops", "not valid JSON"),
        (
            'x6,2026-01-01T00:00:00+00:00,ana,correct,a1,0,9,h,s,A,report,{},"{""tone"": 1}"',
            "must map",
        ),
    ],
)
def test_a_damaged_row_is_reported_with_its_line(tmp_path, bad_line, message):
    path = tmp_path / "corrections.csv"
    log = CorrectionLog(path)
    row = {
        "article_id": "a1",
        "start": 0,
        "end": 9,
        "sentence": "S.",
        "actor": "A",
        "act": "report",
    }
    first = log.confirm(row, who="ana")
    with open(path, "a", encoding="utf-8") as f:
        f.write(bad_line + "\n")
    last = log.confirm(row, who="ana")
    contents = read_log(path)
    table = contents.entries
    assert list(table[CORRECTION_ID]) == [first, last]
    report = load_report(contents)
    assert len(report) == 1
    assert report.iloc[0][S.REPORT_LOCATION] == "line 3"
    assert report.iloc[0][S.REPORT_PATH] == str(path)
    assert message in report.iloc[0][S.REPORT_MESSAGE]


def test_the_logs_report_travels_beside_its_entries_into_the_corpus(folder, corpus):
    log = CorrectionLog(corpus.corrections.log)
    log.confirm(corpus.statements.iloc[0], who="ana")
    with open(log.path, "a", encoding="utf-8") as f:
        f.write("x1,2026-01-01T00:00:00+00:00,ana,confirm,a1,0,9\n")
    entries, report = read_log(log.path)
    assert entries.attrs == {} and len(entries) == 1  # nothing rides in attrs
    assert pickle.loads(pickle.dumps(report)) == report
    assert report.problems[S.REPORT_LOCATION].tolist() == ["line 3"]

    with pytest.warns(CorrectionsWarning, match="1 correction"):
        again = workbench.load(folder)
    damaged = again.corrections.report
    assert damaged[[S.REPORT_LOCATION, S.REPORT_LEVEL]].values.tolist() == [["line 3", "error"]]
    assert "expected 13 fields, found 7" in damaged.iloc[0][S.REPORT_MESSAGE]
    assert again.statements.iloc[0][CORRECTED_BY] == "ana"  # the whole row still applied


@pytest.mark.parametrize(
    ("keep", "kept", "level"),
    [
        (-1, True, "info"),  # all but the line end: whole, kept
        (-2, True, "info"),  # the closing quote missing too: every value still whole
        (-3, False, "error"),  # the closing brace of ``new`` missing
        (40, False, "error"),
        (5, False, "error"),
    ],
)
def test_a_cut_last_line_is_kept_only_when_whole(tmp_path, keep, kept, level):
    path = tmp_path / "corrections.csv"
    log = CorrectionLog(path)
    row = {
        "article_id": "a1",
        "start": 0,
        "end": 9,
        "sentence": "S.",
        "actor": "A",
        "act": "report",
    }
    first = log.confirm(row, who="ana")
    second = log.correct(row, who="ana", act="deny")
    data = path.read_bytes()
    last_line_start = data.rindex(b"\n", 0, len(data) - 1) + 1
    path.write_bytes(data[: last_line_start + keep] if keep > 0 else data[:keep])
    expected = [first, second] if kept else [first]
    contents = read_log(path)
    table = contents.entries
    assert list(table[CORRECTION_ID]) == expected
    report = load_report(contents)
    assert report[[S.REPORT_LOCATION, S.REPORT_LEVEL]].values.tolist() == [["line 3", level]]

    expected.append(log.confirm(row, who="ana"))  # the next append starts on a line of its own
    contents = read_log(path)
    table = contents.entries
    assert list(table[CORRECTION_ID]) == expected  # the same rows as before, and the new one
    report = load_report(contents)
    assert report[S.REPORT_LOCATION].tolist() == ([] if kept else ["line 3"])


def test_not_a_log_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text("a,b,c\n1,2,3\n", "utf-8")
    with pytest.raises(LoadError, match=r"corrections\.csv \(line 1\): not a corrections log"):
        read_log(path)


def test_missing_log_is_empty(tmp_path):
    contents = read_log(tmp_path / "none.csv")
    assert contents.entries.empty and load_report(contents).empty
    assert not (tmp_path / "none.csv").exists()


@pytest.mark.slow
def test_writer_killed_mid_write_loses_no_completed_row(tmp_path):
    path, go = tmp_path / "corrections.csv", tmp_path / "go"
    go.touch()
    writer = _writer(path, "w1", 100_000, go)
    assert writer.stdout is not None
    done = [writer.stdout.readline().strip() for _ in range(40)]
    writer.send_signal(signal.SIGKILL)  # somewhere in the middle of the next appends
    rest, _ = writer.communicate()
    done += rest.split()
    assert writer.returncode == -signal.SIGKILL

    contents = read_log(path)  # loadable
    table = contents.entries
    assert set(done) <= set(table[CORRECTION_ID])  # every append that returned is there
    assert len(table) in (len(done), len(done) + 1)  # plus at most one not yet reported
    problems = load_report(contents)
    assert len(problems) <= 1 and problems[S.REPORT_MESSAGE].str.contains("interrupted").all()
    after = CorrectionLog(path).confirm(
        {"article_id": "a", "start": 0, "end": 1, "sentence": "S", "actor": "A", "act": "report"}
    )
    assert read_log(path).entries[CORRECTION_ID].iloc[-1] == after


@pytest.mark.slow
def test_torn_row_of_a_killed_writer_is_skipped_and_reported(tmp_path):
    path = tmp_path / "corrections.csv"
    log = CorrectionLog(path, timeout=60)
    row = {
        "article_id": "a1",
        "start": 0,
        "end": 9,
        "sentence": "S.",
        "actor": "A",
        "act": "report",
    }
    kept = [log.confirm(row, who="ana") for _ in range(3)]
    victim = subprocess.Popen(
        [sys.executable, "-c", TORN_WRITER, str(path), str(log.lock_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert victim.stdout is not None and victim.stdout.readline().strip() == "written"
    os.kill(victim.pid, signal.SIGKILL)  # dies holding the lock, half a row on disk
    victim.wait()

    contents = read_log(path)
    table = contents.entries
    assert list(table[CORRECTION_ID]) == kept
    report = load_report(contents)
    assert list(report[S.REPORT_LOCATION]) == ["line 5"]
    assert "torn last line" in report.iloc[0][S.REPORT_MESSAGE]

    kept.append(log.confirm(row, who="ana"))  # the lock died with its holder
    contents = read_log(path)
    table = contents.entries
    assert list(table[CORRECTION_ID]) == kept  # the new row is whole, not glued to the torn one
    assert list(load_report(contents)[S.REPORT_LOCATION]) == ["line 5"]


@pytest.mark.slow
def test_two_writers_at_once_lose_nothing(tmp_path):
    path, go = tmp_path / "corrections.csv", tmp_path / "go"
    count = 150
    writers = [_writer(path, tag, count, go) for tag in ("left", "right")]
    while not all((tmp_path / f"ready-{tag}").exists() for tag in ("left", "right")):
        time.sleep(0.05)  # both started and waiting at the gate: they write at once
    go.touch()
    outputs = [w.communicate(timeout=300)[0].split() for w in writers]
    assert [w.returncode for w in writers] == [0, 0]

    contents = read_log(path)
    table = contents.entries
    assert load_report(contents).empty
    assert len(table) == 2 * count
    for tag, ids in zip(("left", "right"), outputs, strict=True):
        assert len(ids) == count
        assert list(table.loc[table["who"] == tag, CORRECTION_ID]) == ids  # in order, all there
    assert table[CORRECTION_ID].is_unique
