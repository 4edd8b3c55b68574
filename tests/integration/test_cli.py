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
    assert "could not read 1 file(s) or row(s)" in relaxed.stdout
    assert "bad.json" in relaxed.stdout  # the reason, where the user looks


def test_the_summary_counts_warnings_and_names_the_formats_not_read(tmp_path):
    (tmp_path / "good.txt").write_text("Headline\n\nBody text of the article.\n")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 cut short")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG")
    result = run("load", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    summary = tmp_path / "out" / "load_report.md"
    lines = result.stdout.splitlines()
    assert "loaded 1 articles; could not read 1 file(s) or row(s); 2 warning(s)" in lines
    assert f"  not read: 2 file(s) (.doc, .png); how to convert: {summary}" in lines
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
    assert "loaded 5 articles; could not read 0 file(s) or row(s)" in result.stdout
    for name in ("articles", "mentions", "statements"):
        parquet = pd.read_parquet(tmp_path / f"{name}.parquet")
        csv = pd.read_csv(tmp_path / f"{name}.csv")
        assert len(parquet) == len(csv) > 0
    statements = pd.read_csv(tmp_path / "statements.csv")
    assert list(statements.columns) == [*S.STATEMENT_COLUMNS, *CORRECTION_COLUMNS]
    articles = pd.read_csv(tmp_path / "articles.csv")
    assert {S.PATH, S.LEAN, S.LEAN_TERMS} <= set(articles.columns)


def test_annotate_on_two_workers_writes_the_tables_of_one(tmp_path):
    outputs = {}
    for workers in ("1", "2"):
        out = tmp_path / workers
        result = run("annotate", str(SAMPLE), "--out", str(out), "--no-cache", "--workers", workers)
        assert result.returncode == 0, result.stderr
        outputs[workers] = out
    for name in ("articles", "mentions", "statements"):
        one, two = (pd.read_parquet(o / f"{name}.parquet") for o in outputs.values())
        assert len(one) > 0
        pd.testing.assert_frame_equal(one, two)
    refused = run("annotate", str(SAMPLE), "--out", str(tmp_path / "0"), "--workers", "0")
    assert refused.returncode == 2 and "--workers: expected a whole number" in refused.stderr
    assert "Traceback" not in refused.stderr


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


def _corpus_with_problems(folder):
    """Two readable articles beside an empty file, a renamed .docx and a CSV without text."""
    folder.mkdir()
    (folder / "one.txt").write_text("Northland talks\n\nThe envoy said talks would resume.\n")
    (folder / "two.txt").write_text("Border calm\n\nThe border was calm on Tuesday, he said.\n")
    (folder / "empty.txt").write_text("")
    (folder / "notes.docx").write_text("not a Word file at all, just text renamed")
    (folder / "table.csv").write_text("title,published\nA headline,2022-01-01\n")
    return folder


def test_annotate_says_what_could_not_be_read_and_exits_0(tmp_path):
    corpus = _corpus_with_problems(tmp_path / "corpus")
    result = run("annotate", str(corpus), "--out", str(tmp_path / "out"), "--no-cache")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "loaded 2 articles; could not read 3 file(s) or row(s)" in out
    assert f"✗ {corpus / 'empty.txt'}: file is empty" in out
    assert f"✗ {corpus / 'table.csv'}: no text column found" in out
    # a renamed text file is no Word document: said so, with the file's name
    assert f"✗ {corpus / 'notes.docx'}: " in out
    assert "full report: " in out and "load_report.md" in out
    assert "Traceback" not in result.stderr


def test_load_of_nothing_readable_exits_2_with_the_reasons(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "notes.docx").write_text("not a Word file")
    (folder / "table.csv").write_text("title,published\nA headline,2022-01-01\n")
    result = run("load", str(folder), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "no articles could be loaded" in result.stderr
    assert "table.csv: no text column found" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_corpus_repr_counts_the_problems(tmp_path):
    import workbench

    corpus = workbench.load(
        _corpus_with_problems(tmp_path / "corpus"), cache=False, corrections=False
    )
    text = repr(corpus)
    assert text.startswith("Corpus(2 articles, ")
    assert "3 problems (could not be read or annotated)" in text
    clean = workbench.load(SAMPLE, cache=False, corrections=False)
    assert "no problems" in repr(clean)  # the sample's README is an 'info', not a problem


def test_report_refuses_an_unknown_parameter(tmp_path):
    result = run(
        "report", "--corpus", str(SAMPLE), "--out", str(tmp_path / "r"), "--param", "NOPE=1"
    )
    assert result.returncode == 2
    assert "no notebook has the parameter NOPE" in result.stderr
    assert "FREQ" in result.stderr  # the ones that exist are named


def test_report_passes_a_parameter_and_writes_every_article(tmp_path):
    from ..conftest import sample_copy

    corpus = sample_copy(tmp_path)
    out = tmp_path / "report"
    result = run("report", "--corpus", str(corpus), "--out", str(out), "--param", "FREQ=week")
    assert result.returncode == 0, result.stderr
    assert "Kernel is running over TCP" not in result.stderr
    page = (out / "04_coverage_over_time.html").read_text()
    assert 'FREQ</span> <span class="o">=</span> <span class="s1">\'week\'</span>' in page
    assert "set in the parameters" in page  # the "Parameters used" table says so
    complete = pd.read_csv(out / "articles.csv")
    assert len(complete) == 5 and S.TEXT not in complete and S.PATH not in complete
