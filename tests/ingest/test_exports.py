"""News-database exports of many articles per file (Nexis Uni, Factiva, ProQuest), in
every container they come in, each with one record deliberately broken.

The layouts follow the databases' exports as public tools that read them describe
(LexisNexisTools, tm.plugin.factiva, ProQuest parsers); every article is invented
(tests/ingest/makers.py).
"""

from __future__ import annotations

import pandas as pd
import pytest

import workbench
from workbench.core import schema as S

from ..conftest import report_rows
from . import makers as M

STORIES = M.STORIES
DATES = ["2020-10-05", "2020-10-06", "2020-10-08", "2020-10-09"]


def container(lines: list[str], suffix: str) -> bytes:
    """The export's lines as a file of that kind (one paragraph per line)."""
    if suffix == ".docx":
        return M.docx_bytes(lines)
    if suffix == ".rtf":
        return M.rtf_bytes(lines)
    if suffix == ".pdf":
        return M.paged_pdf(lines, lines_per_page=25, width=90)
    if suffix == ".html":
        body = "".join(f"<div class='field'>\n  {line}\n</div>\n" for line in lines)
        return f"<html><head><title>Factiva</title></head><body>{body}</body></html>".encode()
    return "\n".join(lines).encode("utf-8")


# (database, lines maker, container, broken record, the message about it)
CASES = [
    *[
        (
            "Nexis",
            M.nexis_lines,
            suffix,
            2,
            "Nexis export: no line 'Body': the header cannot be told from the text "
            f"(starts '{STORIES[2].title}')",
        )
        for suffix in (".docx", ".rtf", ".pdf", ".txt")
    ],
    *[
        (
            "LexisNexis",
            M.lexisnexis_lines,
            suffix,
            1,
            "LexisNexis export: no 'LENGTH:' line: the header cannot be told from the text "
            f"(starts '{STORIES[1].outlet}')",
        )
        for suffix in (".txt", ".rtf")
    ],
    *[
        (
            "Factiva",
            M.factiva_lines,
            suffix,
            1,
            "Factiva export: no '<n> words' line in the header of document "
            f"{STORIES[1].ident} (starts '{STORIES[1].title}')",
        )
        for suffix in (".rtf", ".html", ".txt", ".docx")
    ],
    *[
        (
            "Factiva",
            M.factiva_coded_lines,
            suffix,
            3,
            f"Factiva export: no LP or TD (text) field in document {STORIES[3].ident} "
            f"('{STORIES[3].title}')",
        )
        for suffix in (".rtf", ".txt")
    ],
    *[
        (
            "ProQuest",
            M.proquest_lines,
            suffix,
            0,
            "ProQuest export: no 'Full text:' in document 2449000000 (an abstract-only record?)",
        )
        for suffix in (".txt", ".pdf")
    ],
]


@pytest.mark.parametrize(
    ("database", "make", "suffix", "broken", "message"),
    CASES,
    ids=[f"{c[0]}-{c[1].__name__.split('_')[1]}{c[2]}" for c in CASES],
)
def test_export_one_row_per_article_and_the_broken_one_reported(
    tmp_path, database, make, suffix, broken, message
):
    path = tmp_path / f"export{suffix}"
    path.write_bytes(container(make(STORIES, broken=broken), suffix))
    df = workbench.load_articles(path)
    good = [i for i in range(len(STORIES)) if i != broken]
    assert df[S.TITLE].tolist() == [STORIES[i].title for i in good]
    assert df[S.SOURCE].tolist() == [STORIES[i].outlet for i in good]
    assert (df[S.SOURCE_BASIS] == "field").all()
    assert df[S.BYLINE].tolist() == [STORIES[i].byline for i in good]
    assert df[S.PUBLISHED].dt.strftime("%Y-%m-%d").tolist() == [DATES[i] for i in good]
    assert (df[S.DATE_BASIS] == "metadata").all()
    for text, i in zip(df[S.TEXT], good, strict=True):
        assert text.split("\n\n") == STORIES[i].paragraphs
    if database == "Factiva":
        assert df[S.DATABASE_ID].tolist() == [STORIES[i].ident for i in good]
    elif database == "ProQuest":
        assert df[S.DATABASE_ID].tolist() == [str(2449000000 + i) for i in good]
        assert df[S.URL].str.startswith("https://invented.example/docview/").all()
    else:
        assert df[S.DATABASE_ID].isna().all()  # LexisNexis prints no identifier
    assert df[S.ARTICLE_ID].is_unique
    assert report_rows(df, basename=True) == [
        (path.name, f"article {broken + 1} of {len(STORIES)}", "error", message)
    ]


def test_factiva_html_with_indexing_in_a_table(tmp_path):
    """Factiva's HTML "plus Indexing": one table row per field, the code in its own cell."""
    rows, code = [], ""
    for line in M.factiva_coded_lines(STORIES):
        if line in ("HD", "BY", "WC", "PD", "SN", "LA", "LP", "TD", "NS", "AN"):
            code = line
            continue
        rows.append(f"<tr><td><b>{code}</b></td><td><p>{line}</p></td></tr>")
        code = ""
    html = f"<html><body><div class='article'><table>{''.join(rows)}</table></div></body></html>"
    path = tmp_path / "factiva.html"
    path.write_text(html)
    df = workbench.load_articles(path)
    assert df[S.TITLE].tolist() == [s.title for s in STORIES]
    assert df[S.DATABASE_ID].tolist() == [s.ident for s in STORIES]
    assert df[S.TEXT].iloc[0].split("\n\n") == STORIES[0].paragraphs
    assert report_rows(df) == []


def test_export_ids_are_stable_when_the_export_is_made_again_in_another_order(tmp_path):
    first = tmp_path / "a" / "factiva.txt"
    second = tmp_path / "b" / "factiva.txt"
    first.parent.mkdir()
    second.parent.mkdir()
    first.write_text("\n".join(M.factiva_lines(STORIES)))
    second.write_text("\n".join(M.factiva_lines(STORIES[::-1])))
    a = workbench.load_articles(first).set_index(S.DATABASE_ID)[S.ARTICLE_ID]
    b = workbench.load_articles(second).set_index(S.DATABASE_ID)[S.ARTICLE_ID]
    assert a.sort_index().tolist() == b.sort_index().tolist()


def test_the_sidecar_wins_over_the_export_header(tmp_path):
    path = tmp_path / "nexis.docx"
    path.write_bytes(M.docx_bytes(M.nexis_lines(STORIES)))
    first = workbench.load_articles(path)
    target = first[S.ARTICLE_ID].iloc[1]
    sidecar = pd.DataFrame(
        {"article_id": [target], "published": ["2020-10-07"], "source": ["Courier Weekend"]}
    )
    df = workbench.load_articles(path, metadata=sidecar).set_index(S.ARTICLE_ID)
    assert df.loc[target, S.PUBLISHED] == pd.Timestamp("2020-10-07")
    assert (df.loc[target, S.SOURCE], df.loc[target, S.SOURCE_BASIS]) == (
        "Courier Weekend",
        "metadata",
    )
    others = df.drop(index=target)
    assert (others[S.SOURCE_BASIS] == "field").all()


def test_the_same_article_from_two_databases_is_one_original_and_a_duplicate(tmp_path):
    (tmp_path / "nexis.docx").write_bytes(M.docx_bytes(M.nexis_lines(STORIES[:2])))
    (tmp_path / "factiva.rtf").write_bytes(M.rtf_bytes(M.factiva_lines(STORIES[:2])))
    df = workbench.load_articles(tmp_path)
    assert len(df) == 4
    assert (df[S.DUPLICATE_OF] != "").sum() == 2


def test_an_export_cut_short_keeps_its_articles_and_warns(tmp_path):
    lines = M.nexis_lines(STORIES)
    cut = lines[: len(lines) - 8]  # the last article lost its end
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(cut))
    df = workbench.load_articles(path)
    assert df[S.TITLE].tolist() == [s.title for s in STORIES[:3]]
    [(name, location, level, message)] = report_rows(df, basename=True)
    assert (name, location, level) == ("cut.txt", "after article 3", "warning")
    assert message.startswith("Nexis export: text after the last article's end marker")
    assert message.endswith("was the file cut short?")


def test_a_nexis_header_without_a_date_is_reported(tmp_path):
    lines = M.nexis_lines(STORIES[:2])
    lines.remove(STORIES[1].date)
    path = tmp_path / "nexis.txt"
    path.write_text("\n".join(lines))
    df = workbench.load_articles(path)
    assert df[S.TITLE].tolist() == [STORIES[0].title]
    assert report_rows(df, basename=True) == [
        (
            "nexis.txt",
            "article 2 of 2",
            "error",
            "Nexis export: no date line in the header (after the title and the publication); "
            f"title '{STORIES[1].title}'",
        )
    ]


def test_a_plain_article_mentioning_end_of_document_is_not_an_export(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Headline\n\nThe clerk wrote End of Document at the foot of the page.\n")
    df = workbench.load_articles(path)
    assert df[S.TITLE].tolist() == ["Headline"]
