"""The command line, run as a user would: a real subprocess."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from workbench.core import schema as S
from workbench.corrections.log import CORRECTION_COLUMNS

from ..conftest import SAMPLE


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


def test_the_summary_counts_warnings_and_names_the_formats_not_read(tmp_path):
    (tmp_path / "good.txt").write_text("Headline\n\nBody text of the article.\n")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 cut short")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG")
    result = run("load", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    summary = tmp_path / "out" / "load_report.md"
    assert result.stdout.splitlines()[:2] == [
        f"loaded 1 articles; 1 unreadable file(s) or row(s), 2 warning(s), see {summary}",
        f"  not read: 2 file(s) (.doc, .png); how to convert: {summary}",
    ]
    assert "- errors: 1, warnings: 2" in summary.read_text()
    assert "save it as .docx" in summary.read_text()


def test_version_and_help():
    assert run("--version").stdout.startswith("workbench ")
    assert "load" in run("--help").stdout


def test_annotate_writes_the_three_tables(tmp_path):
    result = run(
        "annotate", str(SAMPLE), "--out", str(tmp_path), "--workspace", str(tmp_path / "ws")
    )
    assert result.returncode == 0, result.stderr
    assert "annotated 5 articles" in result.stdout
    assert "  load report: 0 unreadable file(s) or row(s), " in result.stdout
    for name in ("articles", "mentions", "statements"):
        parquet = pd.read_parquet(tmp_path / f"{name}.parquet")
        csv = pd.read_csv(tmp_path / f"{name}.csv")
        assert len(parquet) == len(csv) > 0
    statements = pd.read_csv(tmp_path / "statements.csv")
    assert list(statements.columns) == [*S.STATEMENT_COLUMNS, *CORRECTION_COLUMNS]
    articles = pd.read_csv(tmp_path / "articles.csv")
    assert {S.PATH, S.LEAN, S.LEAN_TERMS} <= set(articles.columns)


def test_annotate_with_another_profile_and_unknown_speakers(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Headline\n\nZelensky said Ukraine would never surrender. "
        "Local mayor Ivan Petrenko said the town was shelled overnight.\n"
    )
    result = run(
        "annotate",
        str(tmp_path / "in"),
        "--profile",
        "russia_ukraine",
        "--out",
        str(tmp_path / "o"),
    )
    assert result.returncode == 0, result.stderr
    st = pd.read_csv(tmp_path / "o" / "statements.csv")
    assert set(zip(st[S.ACTOR], st[S.RESOLVED], strict=True)) == {
        ("Volodymyr Zelensky", True),
        ("Ivan Petrenko", False),
    }


def test_annotate_with_a_broken_profile_names_the_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nsides: [not, a, mapping]\n")
    result = run(
        "annotate", str(SAMPLE), "--profile", str(bad), "--out", str(tmp_path / "o"), "--no-cache"
    )
    assert result.returncode == 2
    assert "bad.yaml" in result.stderr and "line" in result.stderr
    assert "Traceback" not in result.stderr


def test_report_on_a_missing_corpus_names_the_notebook_and_the_error(tmp_path):
    result = run("report", "--corpus", str(tmp_path / "missing"), "--out", str(tmp_path / "r"))
    assert result.returncode == 2
    assert "01_corpus_overview.ipynb: a cell failed: LoadError" in result.stderr
    assert "no such file or folder" in result.stderr and "Traceback" not in result.stderr
