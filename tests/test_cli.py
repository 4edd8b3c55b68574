"""The command line, run as a user would: a real subprocess."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from workbench import schema as S

from .conftest import SAMPLE


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args], capture_output=True, text=True, timeout=300
    )


def test_load_writes_tables_and_report(tmp_path):
    result = run("load", str(SAMPLE), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "loaded 5 articles" in result.stdout
    parquet = pd.read_parquet(tmp_path / "articles.parquet")
    csv = pd.read_csv(tmp_path / "articles.csv")
    assert list(parquet.columns) == S.ARTICLE_COLUMNS
    assert sorted(parquet[S.ARTICLE_ID]) == sorted(csv[S.ARTICLE_ID])
    assert parquet[S.PUBLISHED].notna().all()
    assert csv[S.PATH].str.endswith(".txt").all()
    summary = (tmp_path / "load_report.md").read_text()
    assert "- articles loaded: 5" in summary
    assert "- inferred: 2" in summary
    assert "README.md" in summary
    cleaning = pd.read_csv(tmp_path / "cleaning_report.csv")
    assert {"caption", "comment_form", "share_buttons"} <= set(cleaning[S.CLEAN_RULE])


def test_load_of_nothing_fails_with_a_message(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("load", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "empty.txt: file is empty" in result.stderr
    assert "Traceback" not in result.stderr


def test_strict_stops_at_a_bad_file(tmp_path):
    (tmp_path / "good.txt").write_text("Headline\n\nBody text of the article.\n")
    (tmp_path / "bad.json").write_text("{not json")
    result = run("load", str(tmp_path), "--out", str(tmp_path / "out"), "--strict")
    assert result.returncode == 2
    assert "bad.json" in result.stderr and "malformed JSON" in result.stderr
    relaxed = run("load", str(tmp_path), "--out", str(tmp_path / "out"))
    assert relaxed.returncode == 0
    assert "1 unreadable" in relaxed.stdout


def test_version_and_help():
    assert run("--version").stdout.startswith("workbench ")
    assert "load" in run("--help").stdout
