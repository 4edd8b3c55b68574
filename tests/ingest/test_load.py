"""The loader on the bundled sample corpus: sidecar, inference without it, ids, duplicates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.core import schema as S
from workbench.core.reports import cleaning_report, load_report
from workbench.core.schema import validate_articles

from ..conftest import FIXTURES


def by_file(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(file=df[S.PATH].map(lambda p: Path(p).name)).set_index("file")


def test_sample_with_sidecar_matches_metadata(sample_articles, sample_metadata):
    df = by_file(sample_articles)
    assert len(df) == 5
    for row in sample_metadata.itertuples():
        got = df.loc[row.file]
        assert got[S.PUBLISHED] == pd.Timestamp(row.published), row.file
        assert got[S.SOURCE] == row.source
        assert got[S.SOURCE_BASIS] == "metadata"
        assert got[S.TITLE] == row.title
        assert got[S.DATE_BASIS] == row.date_basis


def test_sample_is_a_valid_articles_table(sample_articles):
    validate_articles(sample_articles)
    assert list(sample_articles.columns) == S.ARTICLE_COLUMNS
    assert (sample_articles[S.LANGUAGE] == "en").all()
    assert (sample_articles[S.N_WORDS] > 200).all()
    assert (sample_articles[S.DUPLICATE_OF] == "").all()


def test_ids_are_file_stems_and_match_the_gold(sample_articles):
    gold = pd.read_csv(FIXTURES / "dev_gold_articles.csv")
    assert sorted(sample_articles[S.ARTICLE_ID]) == sorted(gold["article_id"])
    again = workbench.load_articles(sample_articles[S.PATH].iloc[0])
    assert again[S.ARTICLE_ID].iloc[0] == sample_articles[S.ARTICLE_ID].iloc[0]


def test_readme_and_sidecar_are_not_articles(sample_articles):
    report = load_report(sample_articles)
    readme = report[report[S.REPORT_PATH].str.endswith("README.md")]
    assert readme[S.REPORT_LEVEL].tolist() == ["info"]
    assert not sample_articles[S.PATH].str.endswith((".md", ".csv")).any()
    assert not (report[S.REPORT_LEVEL] == "error").any()


@pytest.mark.parametrize(
    ("file", "published", "date_basis", "source", "source_basis"),
    [
        ("000_86a84144ca22fe18.txt", "2020-09-28 13:42", "dateline", None, "missing"),
        ("001_735b911ec01e1c90.txt", "2023-09-20", "dateline", "GENERICO.ru", "masthead"),
        ("002_0b8631c508c1fef8.txt", None, "missing", None, "missing"),
        # The caption's "Sept. 2020" is not the publication date: missing, not guessed.
        ("003_e768b5438c1a521e.txt", None, "missing", "dpa/NAN", "credit"),
        ("004_922ec93c98972236.txt", None, "missing", None, "missing"),
    ],
)
def test_sample_without_sidecar(bare_sample, file, published, date_basis, source, source_basis):
    df = by_file(workbench.load_articles(bare_sample))
    row = df.loc[file]
    if published is None:
        assert pd.isna(row[S.PUBLISHED])
    else:
        assert row[S.PUBLISHED] == pd.Timestamp(published)
    assert row[S.DATE_BASIS] == date_basis
    assert (None if pd.isna(row[S.SOURCE]) else row[S.SOURCE]) == source
    assert row[S.SOURCE_BASIS] == source_basis


def test_undated_articles_say_why(bare_sample):
    df = by_file(workbench.load_articles(bare_sample))
    assert "no year is supported" in df.loc["002_0b8631c508c1fef8.txt", S.LOAD_WARNINGS]
    assert "taken from 'May 2023'" in df.loc["001_735b911ec01e1c90.txt", S.LOAD_WARNINGS]


def test_masthead_line_becomes_title_not_text(bare_sample):
    df = by_file(workbench.load_articles(bare_sample))
    row = df.loc["001_735b911ec01e1c90.txt"]
    assert row[S.TITLE] == "Russian Foreign Ministry calls to stop bloodshed in Karabakh"
    assert "GENERICO" not in row[S.TEXT]
    assert row[S.TEXT].startswith("MOSCOW, September 20.")


def test_explicit_sidecar_wins_over_front_matter(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: From the file\ndate: 2021-01-01\nsource: File Outlet\n---\n"
        "Body text of the article here.\n"
    )
    sidecar = pd.DataFrame(
        {
            "file": ["a.md"],
            "title": ["Analyst title"],
            "published": ["2020-09-27"],
            "source": ["Analyst outlet"],
        }
    )
    original = sidecar.copy()
    df = workbench.load_articles(tmp_path / "a.md", metadata=sidecar)
    row = df.iloc[0]
    assert (row[S.TITLE], row[S.SOURCE], row[S.PUBLISHED]) == (
        "Analyst title",
        "Analyst outlet",
        pd.Timestamp("2020-09-27"),
    )
    assert (row[S.DATE_BASIS], row[S.SOURCE_BASIS]) == ("metadata", "metadata")
    pd.testing.assert_frame_equal(sidecar, original)  # the caller's frame is untouched


def test_explicit_sidecar_wins_over_folder_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nBody text of the article here.\n")
    (tmp_path / "metadata.csv").write_text("file,published\na.txt,2020-01-01\n")
    other = tmp_path / "other.csv"
    other.write_text("file,published\na.txt,2020-02-02\n")
    assert workbench.load_articles(tmp_path).iloc[0][S.PUBLISHED] == pd.Timestamp("2020-01-01")
    df = workbench.load_articles(tmp_path, metadata=other)
    assert df.iloc[0][S.PUBLISHED] == pd.Timestamp("2020-02-02")


def test_sidecar_problems_are_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nBody text of the article here.\n")
    (tmp_path / "metadata.csv").write_text(
        "file,published\na.txt,not a date\nghost.txt,2020-01-01\n"
    )
    df = workbench.load_articles(tmp_path)
    report = load_report(df).set_index(S.REPORT_LOCATION)
    assert "'not a date' is not a readable date" in report.loc["row 1, line 2", S.REPORT_MESSAGE]
    assert (
        "matches no loaded article (file=ghost.txt)"
        in report.loc["row 2, line 3", S.REPORT_MESSAGE]
    )
    assert df.iloc[0][S.DATE_BASIS] == "missing"


def test_sidecar_matches_relative_paths_in_subfolders(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text(
            f"Headline {sub}\n\nBody text of article {sub} here, long enough.\n"
        )
    (tmp_path / "metadata.csv").write_text("file,source\nx/a.txt,Outlet X\ny/a.txt,Outlet Y\n")
    df = workbench.load_articles(tmp_path)
    assert dict(zip(df[S.TITLE], df[S.SOURCE], strict=True)) == {
        "Headline x": "Outlet X",
        "Headline y": "Outlet Y",
    }
    assert df[S.ARTICLE_ID].is_unique


def test_same_name_in_two_folders_gets_two_stable_ids(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text(
            f"Headline\n\nA different body for {sub}, with some words.\n"
        )
    first = workbench.load_articles(tmp_path)[S.ARTICLE_ID].tolist()
    second = workbench.load_articles(tmp_path)[S.ARTICLE_ID].tolist()
    assert first == second
    assert len(set(first)) == 2 and all(i.startswith("a-") for i in first)


def test_exact_and_near_duplicates(tmp_path, sample_dir):
    src = (sample_dir / "002_0b8631c508c1fef8.txt").read_text()
    (tmp_path / "original.txt").write_text(src)
    (tmp_path / "copy.txt").write_text(src)
    near = src.replace("Pakistan threw its weight behind Azerbaijan", "Pakistan backed Azerbaijan")
    (tmp_path / "near.txt").write_text(near)
    shutil.copy(sample_dir / "003_e768b5438c1a521e.txt", tmp_path / "other.txt")
    meta = pd.DataFrame(
        {
            "file": ["copy.txt", "near.txt", "original.txt"],
            "published": ["2020-09-29", "2020-09-30", "2020-09-28"],
        }
    )
    df = workbench.load_articles(tmp_path, metadata=meta).set_index(S.ARTICLE_ID)
    assert df.loc["copy", S.DUPLICATE_OF] == "original"
    assert df.loc["near", S.DUPLICATE_OF] == "original"
    assert df.loc["original", S.DUPLICATE_OF] == ""
    assert df.loc["other", S.DUPLICATE_OF] == ""


def test_nothing_loaded_raises_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(workbench.LoadError, match="empty.txt: file is empty"):
        workbench.load_articles(tmp_path)


def test_errors_raise_names_the_file(tmp_path):
    (tmp_path / "good.txt").write_text("Headline\n\nBody text of the article here.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(workbench.LoadError, match=r"bad\.txt.*binary"):
        workbench.load_articles(tmp_path, errors="raise")
    df = workbench.load_articles(tmp_path)
    assert df[S.TITLE].tolist() == ["Headline"]


def test_cleaning_report_ids_match_articles(sample_articles):
    cleaning = cleaning_report(sample_articles)
    assert set(cleaning[S.ARTICLE_ID]) <= set(sample_articles[S.ARTICLE_ID])
    counts = cleaning.groupby(S.ARTICLE_ID).size()
    for article_id, n in counts.items():
        warnings = sample_articles.set_index(S.ARTICLE_ID).loc[article_id, S.LOAD_WARNINGS]
        assert f"cleaning removed {n} line" in warnings


def test_parallel_load_gives_the_same_table(tmp_path, sample_dir):
    """Files read by two worker processes give the same rows, order and reports as one."""
    texts = [p.read_text() for p in sorted(sample_dir.glob("0*.txt"))]
    for i in range(60):
        (tmp_path / f"a{i:03d}.txt").write_text(texts[i % 5].replace("Nagorno", f"Nagorno{i % 7}"))
    (tmp_path / "broken.json").write_text("{not json")
    one = workbench.load_articles(tmp_path, workers=1)
    two = workbench.load_articles(tmp_path, workers=2)
    pd.testing.assert_frame_equal(one, two)
    pd.testing.assert_frame_equal(load_report(one), load_report(two))
    pd.testing.assert_frame_equal(cleaning_report(one), cleaning_report(two))
    assert (one[S.DUPLICATE_OF] != "").sum() > 0


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The ministry said on Sunday that the talks in Moscow had ended without an agreement "
            "and that both sides would meet again in the coming weeks to discuss the ceasefire.",
            "en",
        ),
        (
            "Le ministère a déclaré dimanche que les pourparlers de Moscou s'étaient terminés sans "
            "accord et que les deux parties se retrouveraient dans les semaines à venir.",
            "fr",
        ),
        (
            "Das Ministerium erklärte am Sonntag, die Gespräche in Moskau seien ohne Einigung zu "
            "Ende gegangen und beide Seiten würden sich in den kommenden Wochen wieder treffen.",
            "de",
        ),
        (
            "Министерство заявило в воскресенье, что переговоры в Москве завершились без "
            "соглашения и что стороны снова встретятся в ближайшие недели.",
            "ru",
        ),
        ("Too short.", None),
    ],
)
def test_language_detection(text, language):
    from workbench.ingest.pipeline import detect_language

    assert detect_language(text) == language


def test_the_articles_table_saves_to_parquet_with_its_reports(sample_dir, tmp_path):
    """pandas writes attrs into Parquet's metadata: they must be JSON, and they travel."""
    articles = workbench.load_articles([sample_dir, tmp_path / "missing.txt"])
    articles.to_parquet(tmp_path / "articles.parquet")
    again = pd.read_parquet(tmp_path / "articles.parquet")
    pd.testing.assert_frame_equal(load_report(again), load_report(articles))
    pd.testing.assert_frame_equal(cleaning_report(again), cleaning_report(articles))
    assert (load_report(again)[S.REPORT_LEVEL] == "error").sum() == 1
    # A step that copies the frame keeps the reports, and they are not shared tables.
    copied = articles[articles[S.SOURCE].notna()]
    assert load_report(copied).equals(load_report(articles))
    assert load_report(copied) is not load_report(articles)
