"""Attributions annotated in BRAT standoff (PolNeAR's format) as a measure of the statements.

Small invented articles and .ann files for the reader and the scores; PolNeAR's dev split
against ``../shared/tools/score_polnear.py`` (skipped when ``../shared`` is absent).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.analysis.attribution_gold import (
    annotation_files,
    evaluate_attributions,
    fold,
    is_direct,
    overlaps,
    read_attributions,
    read_brat,
    source_names,
)
from workbench.core import schema as S

from ..conftest import SCORE_POLNEAR

TEXT = (
    "Bridge to reopen\n\n"
    "The mayor of Lakeview, Jane Doe, said the old bridge would reopen on Monday.\n"
    '"We have waited long enough for this bridge," said Tom Barker, a council member. '
    '"The town needs it."\n'
    "Sources said the repairs had cost less than planned.\n"
)


def span(phrase: str, *, after: str = "") -> tuple[int, int]:
    """Where ``phrase`` is in TEXT (its first place after ``after``)."""
    start = TEXT.index(phrase, TEXT.index(after) if after else 0)
    return start, start + len(phrase)


def t_line(ident: str, kind: str, *phrases: str, after: str = "") -> str:
    """A BRAT text-bound line; several phrases make a discontinuous span."""
    spans = [span(p, after=after) for p in phrases]
    offsets = ";".join(f"{a} {b}" for a, b in spans)
    return f"{ident}\t{kind} {offsets}\t{' '.join(TEXT[a:b] for a, b in spans)}"


QUOTE = ('"We have waited long enough for this bridge,"', '"The town needs it."')
ANN = "\n".join(
    [
        t_line("T1", "Source", "Jane Doe"),
        t_line("T2", "Cue", "said"),
        t_line("T3", "Content", "the old bridge would reopen on Monday"),
        t_line("T4", "Attribution", "said"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "#1\tAnnotatorNotes T3\tA note the reader passes over",
        t_line("T5", "Source", "Tom Barker"),
        t_line("T6", "Cue", "said", after="bridge,"),
        t_line("T7", "Content", *QUOTE),  # one quote around its speaker: discontinuous
        t_line("T8", "Attribution", "said", after="bridge,"),
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        t_line("T9", "Source", "Sources"),
        t_line("T10", "Content", "the repairs had cost less than planned"),
        t_line("T11", "Attribution", "said", after="Sources"),
        "E3\tAttribution:T11 Content:T10 Source:T9",
        # A Content over a line break is written over two lines of the .ann file.
        t_line("T12", "Content", 'Monday.\n"We have waited'),
        "E4\tAttribution-no-source:T12 Content:T12",
        "",
    ]
)


def write_corpus(folder: Path, ann: str = ANN, *, annotator: str = "_a1b2c3d4") -> Path:
    """A PolNeAR-style split: text/bridge.txt and attributions/bridge<annotator>.ann."""
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "bridge.txt").write_text(TEXT, encoding="utf-8")
    (folder / "attributions" / f"bridge{annotator}.ann").write_text(ann, encoding="utf-8")
    return folder


# -- the reader ---------------------------------------------------------------------------


def test_read_brat_gives_source_cue_content_with_offsets(tmp_path):
    ann = write_corpus(tmp_path) / "attributions" / "bridge_a1b2c3d4.ann"
    table = read_brat(ann, TEXT)
    assert list(table.columns) == S.BRAT_COLUMNS
    assert list(table[S.GOLD_ID]) == ["E1", "E2", "E3", "E4"]
    first = table.iloc[0]
    assert (first["source"], first["cue"], first["content"]) == (
        "Jane Doe",
        "said",
        "the old bridge would reopen on Monday",
    )
    assert (first["source_start"], first["source_end"]) == span("Jane Doe")
    assert first["content_spans"] == (span("the old bridge would reopen on Monday"),)
    assert first[S.GOLD_LINE] == 5


def test_a_discontinuous_span_is_its_pieces_joined(tmp_path):
    ann = write_corpus(tmp_path) / "attributions" / "bridge_a1b2c3d4.ann"
    quote = read_brat(ann, TEXT).iloc[1]
    assert quote["content"] == " ".join(QUOTE)
    pieces = (span(QUOTE[0]), span(QUOTE[1]))
    assert quote["content_spans"] == pieces
    assert (quote["content_start"], quote["content_end"]) == (pieces[0][0], pieces[1][1])


def test_a_missing_part_and_a_span_over_a_line_break(tmp_path):
    ann = write_corpus(tmp_path) / "attributions" / "bridge_a1b2c3d4.ann"
    table = read_brat(ann, TEXT)
    unsourced = table.iloc[3]
    assert unsourced["source"] == "" and pd.isna(unsourced["source_start"])
    assert unsourced["source_spans"] == () and unsourced["cue"] == ""
    assert unsourced["content"] == 'Monday.\n"We have waited'
    assert table.iloc[2]["cue"] == ""  # E3 has no Cue


GOOD_LINES = [t_line("T1", "Source", "Jane Doe"), t_line("T2", "Content", "the old bridge")]


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("T3 Source 0 6 Bridge", "T3's fields are separated by spaces, not tabs"),
        ("T3\tSource 0 6", "expected 'T3<TAB>Type start end<TAB>text', got 'Source 0 6'"),
        ("T3\tSource 0 five\tBridge", "'0 five' is not 'start end'"),
        ("T3\tSource 5 0\tBridge", "span 5-0 ends before it starts"),
        ("T3\tSource 0 9999\tBridge", f"span 0-9999 runs past the text ({len(TEXT)} characters)"),
        ("T3\tSource 0 6\tBridal", "T3's text 'Bridal' is not the text at its offsets 'Bridge'"),
        ("T1\tSource 0 6\tBridge", "T1 is defined twice"),
        ("E1\tAttribution T1", "expected 'E1<TAB>Type:T1 Role:T2 …', got 'Attribution T1'"),
        ("E1\tAttribution:T1 Source:T9", "E1 refers to T9, not defined in the file"),
        ("Jane Doe said so", "not a BRAT standoff line"),
    ],
)
def test_a_malformed_line_names_the_file_and_line(tmp_path, bad_line, message):
    ann = tmp_path / "bridge.ann"
    ann.write_text("\n".join([*GOOD_LINES, bad_line, ""]), encoding="utf-8")
    with pytest.raises(workbench.LoadError) as info:
        read_brat(ann, TEXT)
    assert str(info.value).startswith(f"{ann} (line 3): ")
    assert message in str(info.value)


def test_an_event_may_come_before_its_spans(tmp_path):
    ann = tmp_path / "bridge.ann"
    ann.write_text("\n".join(["E1\tAttribution:T2 Source:T1 Content:T2", *GOOD_LINES, ""]))
    row = read_brat(ann, TEXT).iloc[0]
    assert (row["source"], row["content"], row[S.GOLD_LINE]) == ("Jane Doe", "the old bridge", 1)


def test_an_ann_file_that_is_not_utf8_is_named(tmp_path):
    ann = tmp_path / "bridge.ann"
    ann.write_bytes("T1\tSource 0 6\tBr\u00eddge\n".encode("latin-1"))
    with pytest.raises(workbench.LoadError, match=r"bridge\.ann: not UTF-8 text"):
        read_brat(ann, TEXT)


# -- corpus folders ------------------------------------------------------------------------


def test_read_attributions_takes_the_first_annotator(tmp_path):
    write_corpus(tmp_path)
    (tmp_path / "attributions" / "bridge_ffff0000.ann").write_text(
        "\n".join([*GOOD_LINES, "E1\tAttribution:T1 Source:T1 Content:T2", ""]), encoding="utf-8"
    )
    gold = read_attributions(tmp_path)
    assert list(gold.columns) == S.GOLD_ATTRIBUTION_COLUMNS
    assert set(gold[S.GOLD_ARTICLE]) == {"bridge"}
    assert set(gold[S.GOLD_ANN_PATH].map(lambda p: Path(p).name)) == {"bridge_a1b2c3d4.ann"}
    assert len(gold) == 4


def test_brat_own_layout_txt_beside_ann(tmp_path):
    (tmp_path / "bridge.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "bridge.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "unannotated.txt").write_text("Nothing annotated here.\n", encoding="utf-8")
    assert annotation_files(tmp_path) == [(tmp_path / "bridge.txt", tmp_path / "bridge.ann")]
    assert len(read_attributions(tmp_path)) == 4


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "missing", "missing: no such folder"),
        (lambda folder: folder, "no annotated articles: expected text/NAME.txt"),
    ],
)
def test_a_folder_without_annotations_is_an_error(tmp_path, make, message):
    with pytest.raises(workbench.LoadError, match=message):
        read_attributions(make(tmp_path))


# -- the definitions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "names"),
    [
        ("Donald Trump", {"donald", "trump"}),
        ("Mr. Trump", {"trump"}),
        ("The New York Post", {"new", "york", "post"}),
        ("Clinton’s campaign", {"clinton"}),
        ("the FBI", {"fbi"}),
        ("Sources", set()),
        ("a source close to the campaign", set()),
        ("He", set()),
        ("Two Republican senators", {"republican"}),
        ("", set()),
    ],
)
def test_source_names(source, names):
    assert source_names(source) == names


@pytest.mark.parametrize(
    ("content", "direct"),
    [
        ('"We have waited long enough,"', True),
        ("“We will rebuild,” and more", True),
        ("‘Not yet’", True),
        ("— 'Soon'", True),
        ("that the bridge would reopen", False),
        ("the repairs, “cheap”, were done", False),
    ],
)
def test_direct_is_a_content_opening_with_a_quote(content, direct):
    assert is_direct(content) is direct


LONG = "the old bridge over the river would reopen on Monday after two years of repairs"


@pytest.mark.parametrize(
    ("content", "evidence", "expected"),
    [
        ("reopen on Monday", "The bridge will reopen on Monday, she said.", True),
        ("The bridge will REOPEN, on Monday!", "the bridge will reopen on monday", True),
        (LONG, f"Jane Doe said {LONG}.", True),
        (f"that {LONG}", f"Doe said {LONG[:45]}, and left.", True),
        (LONG, "Jane Doe said the old bridge would close.", False),
        ("", "anything", False),
    ],
)
def test_overlaps(content, evidence, expected):
    assert overlaps(fold(content), fold(evidence)) is expected


# -- scores ----------------------------------------------------------------------------------


def tables(tmp_path: Path, statements: list[tuple[str, str]]) -> tuple[pd.DataFrame, ...]:
    articles = pd.DataFrame({S.ARTICLE_ID: ["b1"], S.PATH: [str(tmp_path / "text" / "bridge.txt")]})
    rows = pd.DataFrame(statements, columns=[S.ACTOR, S.SENTENCE]).assign(**{S.ARTICLE_ID: "b1"})
    return rows, articles


def test_evaluate_attributions_recall_precision_and_misses(tmp_path):
    write_corpus(tmp_path)
    statements, articles = tables(
        tmp_path,
        [
            ("Tom Barker", f"{QUOTE[0]} said Tom Barker, a council member."),
            ("Jane Doe", "Jane Doe said the old bridge would close."),  # another sentence
            ("Lakeview council", "Sources said the repairs had cost less than planned."),
        ],
    )
    before = statements.copy()
    scores = evaluate_attributions(statements, articles, tmp_path)
    pd.testing.assert_frame_equal(statements, before)
    o = scores.overall
    # Named: Jane Doe (indirect), Tom Barker (direct); "Sources" and no source are not.
    assert (o["named"], o["direct"], o["indirect"]) == (2, 1, 1)
    assert (o["recall"], o["recall_direct"], o["recall_indirect"]) == (0.5, 1.0, 0.0)
    assert (o["supported"], o["statements"], o["precision"]) == (1, 3, 1 / 3)
    assert scores.misses.to_dict("records") == [
        {
            S.GOLD_ARTICLE: "bridge",
            S.GOLD_SOURCE: "Jane Doe",
            S.GOLD_CONTENT: "the old bridge would reopen on Monday",
            S.GOLD_DIRECT: False,
        }
    ]
    assert list(scores.statements[S.GOLD_SUPPORTED]) == [True, False, False]
    summary = scores.summary()
    assert "| recall, named sources | 0.500 | 1 of 2 |" in summary
    assert "| bridge | Jane Doe | the old bridge would reopen on Monday |" in summary


def test_statements_of_unannotated_articles_are_not_scored(tmp_path):
    write_corpus(tmp_path)
    statements, articles = tables(tmp_path, [("Tom Barker", "We have waited long enough.")])
    other = pd.DataFrame({S.ARTICLE_ID: ["x"], S.PATH: ["elsewhere/other.txt"]})
    statements = pd.concat(
        [statements, statements.assign(**{S.ARTICLE_ID: "x"})], ignore_index=True
    )
    scores = evaluate_attributions(
        statements, pd.concat([articles, other]), read_attributions(tmp_path)
    )
    assert scores.overall["statements"] == 1 and scores.overall["found"] == 1


def test_an_article_annotated_without_attributions_counts_for_precision(tmp_path):
    write_corpus(tmp_path)
    (tmp_path / "text" / "quiet.txt").write_text("Quiet day\n\nNothing was said.\n")
    (tmp_path / "attributions" / "quiet_a1b2c3d4.ann").write_text("")
    statements, articles = tables(tmp_path, [("Tom Barker", "We have waited long enough.")])
    quiet = pd.DataFrame({S.ARTICLE_ID: ["q"], S.PATH: [str(tmp_path / "text" / "quiet.txt")]})
    statements = pd.concat(
        [statements, pd.DataFrame({S.ARTICLE_ID: ["q"], S.ACTOR: ["Ann Lee"], S.SENTENCE: ["…"]})]
    )
    scores = evaluate_attributions(statements, pd.concat([articles, quiet]), tmp_path)
    assert scores.overall["articles"] == 2
    assert (scores.overall["supported"], scores.overall["statements"]) == (1, 2)


def test_cli_prints_and_writes_the_scores(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "annotate", str(corpus / "text"), "--no-cache"]
        + ["--out", str(out), "--attributions", str(corpus)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "| recall, named sources |" in result.stdout
    assert "of 2 |" in result.stdout
    assert (out / "attributions.md").read_text(encoding="utf-8") in result.stdout
    misses = pd.read_csv(out / "attribution_misses.csv")
    assert list(misses.columns) == [S.GOLD_ARTICLE, S.GOLD_SOURCE, S.GOLD_CONTENT, S.GOLD_DIRECT]


def test_cli_stops_on_a_malformed_ann_with_one_line(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", "\n".join([*GOOD_LINES, "Jane Doe said so\n"]))
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "annotate", str(corpus / "text"), "--no-cache"]
        + ["--out", str(tmp_path / "out"), "--attributions", str(corpus)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("workbench: ") and "Traceback" not in result.stderr
    assert "bridge_a1b2c3d4.ann (line 3): not a BRAT standoff line" in result.stderr
    assert not (tmp_path / "out").exists()  # stopped before annotating


# -- PolNeAR against the yardstick ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.shared
def test_polnear_dev_agrees_with_score_polnear(polnear_dir, tmp_path):
    """Recall (overall, direct, indirect) and precision on PolNeAR dev, the library's and
    ``score_polnear.py``'s on the same statements, agree within 0.02 (no floors here)."""
    dev = polnear_dir / "dev"
    corpus = workbench.load(dev / "text", cache=False)
    scores = evaluate_attributions(corpus.statements, corpus.articles, dev)
    for name, frame in (("statements", corpus.statements), ("articles", corpus.articles)):
        plain = frame.copy()
        plain.attrs = {}
        plain.to_csv(tmp_path / f"{name}.csv", index=False)
    result = subprocess.run(
        [sys.executable, str(SCORE_POLNEAR), str(dev), str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    yardstick = json.loads(result.stdout.strip().splitlines()[-1])
    o = scores.overall
    assert o["articles"] == 84 and o["named"] > 1000
    for ours, theirs in [
        ("recall", "recall"),
        ("recall_direct", "recall_direct"),
        ("recall_indirect", "recall_indirect"),
        ("precision", "precision_floor"),
    ]:
        assert o[ours] == pytest.approx(yardstick[theirs], abs=0.02), ours
    # Floors below today's level (session 18: 0.607 / 0.820 / 0.547 / 0.625;
    # 2026-12-07, session 17: 0.610 / 0.820 / 0.551 / 0.620;
    # session 16: 0.605 / 0.806 / 0.548 / 0.620;
    # session 15: 0.599 / 0.799 / 0.543 / 0.617; 2026-12-03: 0.55 / 0.79 / 0.49 / 0.62,
    # earlier 0.50 / 0.68 / 0.45 / 0.57), below the aims (0.70 /
    # 0.85 / 0.60 precision): they catch a regression while the gap is worked on.
    assert o["recall"] >= 0.60 and o["recall_direct"] >= 0.80
    assert o["recall_indirect"] >= 0.53 and o["precision"] >= 0.60
