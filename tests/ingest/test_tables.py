"""Many-article files through ``load_articles``: CSV/TSV and JSON/JSON Lines exports.

Each case is a small file written into ``tmp_path`` beside the rows and report entries
the loader must make of it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.core import schema as S

from ..conftest import report_rows as shared_report_rows


def load_one(tmp_path: Path, name: str, content: str, **options) -> pd.DataFrame:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    return workbench.load_articles(path, **options)


def value(x: object) -> object:
    return None if pd.isna(x) else x


def rows_of(df: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """The frame as tuples of plain values; published as ISO text."""
    out = []
    for record in df[columns].itertuples(index=False):
        row = []
        for cell in record:
            plain = value(cell)
            if isinstance(plain, pd.Timestamp):
                plain = plain.isoformat(sep=" ")
            row.append(plain)
        out.append(tuple(row))
    return out


def report_rows(df: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    return shared_report_rows(df, basename=True)


COLUMNS = [S.TITLE, S.TEXT, S.PUBLISHED, S.URL, S.SOURCE, S.SOURCE_BASIS]

# -- CSV / TSV: header names --------------------------------------------------------------

HEADER_CASES = [
    pytest.param(
        "aliases.csv",
        "Headline,BODY,PubDate,Link,Publisher\n"
        "First title,First body text of the row.,2020-09-28,https://ex.com/1,Outlet One\n"
        'Second title,"Second body, with a comma.",28/09/2020 13:42,https://ex.com/2,Outlet Two\n',
        [
            (
                "First title",
                "First body text of the row.",
                "2020-09-28 00:00:00",
                "https://ex.com/1",
                "Outlet One",
                "field",
            ),
            (
                "Second title",
                "Second body, with a comma.",
                "2020-09-28 13:42:00",
                "https://ex.com/2",
                "Outlet Two",
                "field",
            ),
        ],
        id="Headline-BODY-PubDate-Link-Publisher",
    ),
    pytest.param(
        "aliases.tsv",
        "title\tpublished\tcontent\toutlet\tExtra Notes\n"
        "T one\t28 September 2020\tTsv body one text.\tTsv Outlet\tignored\n",
        [("T one", "Tsv body one text.", "2020-09-28 00:00:00", None, "Tsv Outlet", "field")],
        id="tsv-published-content-outlet-extra-column",
    ),
    pytest.param(
        "UPPER.csv",
        "HEADLINE,Content,Published At,LINK,OUTLET,comments\n"
        "Up one,Upper body.,2022-06-16T15:16:27Z,https://up.example/1,Up Outlet,3\n",
        [
            (
                "Up one",
                "Upper body.",
                "2022-06-16 15:16:27",
                "https://up.example/1",
                "Up Outlet",
                "field",
            )
        ],
        id="capitals-and-extra-column",
    ),
    pytest.param(
        "guardian.csv",
        ",URL,Date,Title,Text\n"
        "0,https://g.example/a,2022-02-24,Index title A,Index body A.\n"
        "1,https://g.example/b,2022-02-25,Index title B,Index body B.\n",
        [
            (
                "Index title A",
                "Index body A.",
                "2022-02-24 00:00:00",
                "https://g.example/a",
                "guardian",
                "filename",
            ),
            (
                "Index title B",
                "Index body B.",
                "2022-02-25 00:00:00",
                "https://g.example/b",
                "guardian",
                "filename",
            ),
        ],
        id="unnamed-index-column",
    ),
    pytest.param(
        "pandas.csv",
        "Unnamed: 0,title,text,date\n0,P1,Pandas body.,2021-05-06\n",
        [("P1", "Pandas body.", "2021-05-06 00:00:00", None, "pandas", "filename")],
        id="pandas-unnamed-0",
    ),
    pytest.param(
        "semicolons.csv",
        "titel;text;date\nS1;Semicolon body;2020-01-01\n",
        [(None, "Semicolon body", "2020-01-01 00:00:00", None, "semicolons", "filename")],
        id="semicolon-delimited",
    ),
    pytest.param(
        "multiline.csv",
        'title,text\nM1,"First paragraph.\n\nSecond paragraph, quoted."\n',
        [
            (
                "M1",
                "First paragraph.\n\nSecond paragraph, quoted.",
                None,
                None,
                "multiline",
                "filename",
            )
        ],
        id="quoted-multiline-field",
    ),
    pytest.param(
        "bom.csv",
        "\ufeffTitle,Text\r\nB1,Body after a byte-order mark.\r\n",
        [("B1", "Body after a byte-order mark.", None, None, "bom", "filename")],
        id="utf8-bom-and-crlf",
    ),
]


@pytest.mark.parametrize(("name", "content", "rows"), HEADER_CASES)
def test_csv_header_names(tmp_path, name, content, rows):
    df = load_one(tmp_path, name, content)
    assert rows_of(df, COLUMNS) == rows
    assert report_rows(df) == []
    dated = df[S.PUBLISHED].notna()
    assert (df.loc[dated, S.DATE_BASIS] == "metadata").all()


@pytest.mark.parametrize(
    ("content", "columns", "rows"),
    [
        pytest.param(
            "Heading,Story Body,When,Where\nE1,Explicit body one.,2020-05-06,https://e.com/1\n",
            {"Story Body": "text", "When": "date", "heading": "title", "WHERE": "URL"},
            [
                (
                    "E1",
                    "Explicit body one.",
                    "2020-05-06 00:00:00",
                    "https://e.com/1",
                    "x",
                    "filename",
                )
            ],
            id="unknown-names-mapped",
        ),
        pytest.param(
            "title,summary,text,source\nS,The summary.,The full text.,Src\n",
            {"summary": "text"},
            [("S", "The summary.", None, None, "Src", "field")],
            id="mapping-wins-over-aliases",
        ),
        pytest.param(
            # The content would say this header lies; the caller's mapping is trusted.
            "URL,Date,Title,Text\n2022-03-01,Head,Abstract text here.,Lead text here.\n",
            {"URL": "date", "Date": "title", "Text": "text"},
            [("Head", "Lead text here.", "2022-03-01 00:00:00", None, "x", "filename")],
            id="mapping-trusted-over-content",
        ),
    ],
)
def test_csv_explicit_column_mapping(tmp_path, content, columns, rows):
    df = load_one(tmp_path, "x.csv", content, columns=columns)
    assert rows_of(df, COLUMNS) == rows
    assert report_rows(df) == []


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (
            {"body": "story"},
            "unknown role 'story' for column 'body'; roles are date, title, text, url, "
            "source, language",
        ),
        (
            {"Storyy": "text"},
            "no text column found (header: head, storie); columns= names 'Storyy', not in this "
            "file",
        ),
    ],
)
def test_csv_bad_explicit_mapping_is_reported(tmp_path, columns, message):
    content = "head,storie\nH,Body.\n" if "Storyy" in columns else "head,body\nH,Body.\n"
    with pytest.raises(workbench.LoadError) as raised:
        load_one(tmp_path, "x.csv", content, columns=columns)
    assert f"{tmp_path / 'x.csv'}: {message}" in str(raised.value)


# -- CSV: a header that lies ----------------------------------------------------------------

NYT_LIKE = (
    "URL,Date,Title,Text\n"
    "2022-02-01T00:11:05+0000,Angry Exchange at U.N.,"
    '"The United States and Russia attacked each other over Ukraine at the Council.",'
    '"With vitriolic accusations, the two sparred in a bitter debate on Monday."\n'
    "2022-02-01T09:46:18+0000,Families Told to Leave,"
    '"The State Department ordered the families of embassy staff to leave Kyiv.",'
    '"The order came as Russian troops massed along the border, officials said."\n'
)


@pytest.mark.parametrize(
    ("name", "content", "warning", "rows"),
    [
        pytest.param(
            "NYT.csv",
            NYT_LIKE,
            "header (URL, Date, Title, Text) does not match the content: column 'URL' holds "
            "dates, not URLs; column 'Date' holds text, not dates. "
            "Read by content as date=URL, title=Date, text=Title+Text",
            [
                (
                    "Angry Exchange at U.N.",
                    "The United States and Russia attacked each other over Ukraine at the "
                    "Council.\n\nWith vitriolic accusations, the two sparred in a bitter debate "
                    "on Monday.",
                    "2022-02-01 00:11:05",
                    None,
                ),
                (
                    "Families Told to Leave",
                    "The State Department ordered the families of embassy staff to leave Kyiv."
                    "\n\nThe order came as Russian troops massed along the border, officials "
                    "said.",
                    "2022-02-01 09:46:18",
                    None,
                ),
            ],
            id="nyt-url-holds-dates",
        ),
        pytest.param(
            "swapped.csv",
            ",Date,URL,Title,Text\n"
            "0,https://s.example/1,2021-03-04,Swapped title,Swapped body of the article.\n",
            "header (, Date, URL, Title, Text) does not match the content: column 'Date' holds "
            "URLs, not dates; column 'URL' holds dates, not URLs. "
            "Read by content as date=URL, url=Date, title=Title, text=Text",
            [
                (
                    "Swapped title",
                    "Swapped body of the article.",
                    "2021-03-04 00:00:00",
                    "https://s.example/1",
                )
            ],
            id="date-and-url-swapped-with-index",
        ),
    ],
)
def test_csv_header_that_lies_is_reported_and_read_by_content(
    tmp_path, name, content, warning, rows
):
    df = load_one(tmp_path, name, content)
    assert report_rows(df) == [(name, "header", "warning", warning)]
    assert rows_of(df, [S.TITLE, S.TEXT, S.PUBLISHED, S.URL]) == rows
    assert (df[S.DATE_BASIS] == "metadata").all()
    assert df[S.LOAD_WARNINGS].str.startswith("header (").all()


# -- CSV: bad rows ----------------------------------------------------------------------------

GOOD_CSV_ROWS = "title,text,date\nGood one,Body one text.,2020-01-01\n"


@pytest.mark.parametrize(
    ("content", "titles", "report"),
    [
        pytest.param(
            GOOD_CSV_ROWS + "Bad,row,with,too,many\nGood two,Body two text.,2020-01-02\n",
            ["Good one", "Good two"],
            [("row 2, line 3", "row has 5 fields, the header has 3; skipped")],
            id="too-many-fields",
        ),
        pytest.param(
            GOOD_CSV_ROWS + "Too few\nGood two,Body two text.,2020-01-02\n",
            ["Good one", "Good two"],
            [("row 2, line 3", "row has 1 fields, the header has 3; skipped")],
            id="too-few-fields",
        ),
        pytest.param(
            GOOD_CSV_ROWS
            + 'Quoted,"A body\nover three\nlines.",2020-01-02\n'
            + "Bad,row,with,four\n"
            + "Good two,Body two text.,2020-01-03\n",
            ["Good one", "Quoted", "Good two"],
            [("row 3, line 6", "row has 4 fields, the header has 3; skipped")],
            id="line-number-after-multiline-row",
        ),
        pytest.param(
            GOOD_CSV_ROWS + "Empty text,,2020-01-03\nBlank text,   ,2020-01-04\n",
            ["Good one"],
            [("row 2, line 3", "row has no text"), ("row 3, line 4", "row has no text")],
            id="empty-text",
        ),
        pytest.param(
            GOOD_CSV_ROWS + ",,\n\nGood two,Body two text.,2020-01-02\n",
            ["Good one", "Good two"],
            [],
            id="blank-rows-ignored",
        ),
        pytest.param(
            GOOD_CSV_ROWS + 'Open,"Unclosed quote body,2020-01-02\nLost,Lost body,2020-01-03\n',
            ["Good one"],
            [
                (
                    "row 2, line 3",
                    "unclosed quote: field 2 runs from line 3 to the end of the file (line 4); "
                    "row skipped",
                )
            ],
            id="unclosed-quote",
        ),
    ],
)
def test_csv_bad_rows_are_reported_and_skipped(tmp_path, content, titles, report):
    (tmp_path / "good.txt").write_text("Good headline\n\nGood body text of the article.\n")
    (tmp_path / "rows.csv").write_text(content)
    df = workbench.load_articles(tmp_path)
    assert df.loc[df[S.PATH].str.endswith("rows.csv"), S.TITLE].tolist() == titles
    assert "Good headline" in df[S.TITLE].tolist()
    assert report_rows(df) == [("rows.csv", loc, "error", msg) for loc, msg in report]
    if report:
        location, message = report[0]
        with pytest.raises(workbench.LoadError) as raised:
            workbench.load_articles(tmp_path, errors="raise")
        assert str(raised.value) == f"{tmp_path / 'rows.csv'} ({location}): {message}"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param(
            "notext.csv",
            "title,date\nA,2020-01-01\n",
            "no text column found (header: title, date); pass columns={...: 'text'}",
            id="no-text-column",
        ),
        pytest.param("header-only.csv", "title,text\n", "no data rows", id="header-only"),
        pytest.param(
            "open-header.csv",
            'title,"text\nA,Body\n',
            "unclosed quote in the header: it runs to the end of the file",
            id="unclosed-quote-in-header",
        ),
    ],
)
def test_csv_that_cannot_give_articles_is_an_error(tmp_path, name, content, message):
    (tmp_path / "good.txt").write_text("Good headline\n\nGood body text of the article.\n")
    (tmp_path / name).write_text(content)
    df = workbench.load_articles(tmp_path)
    assert df[S.TITLE].tolist() == ["Good headline"]
    [(path, _, level, reported)] = report_rows(df)
    assert (path, level, reported) == (name, "error", message)
    with pytest.raises(workbench.LoadError, match="no articles could be loaded") as raised:
        workbench.load_articles(tmp_path / name)
    assert f"{tmp_path / name}: {message}" in str(raised.value)


def test_rows_with_the_same_content_get_distinct_stable_ids(tmp_path):
    content = "title,text\nSame,Same body.\nSame,Same body.\nOther,Other body.\n"
    first = load_one(tmp_path, "dupes.csv", content)
    second = workbench.load_articles(tmp_path / "dupes.csv")
    assert first[S.ARTICLE_ID].is_unique
    assert first[S.ARTICLE_ID].tolist() == second[S.ARTICLE_ID].tolist()
    assert first[S.DUPLICATE_OF].tolist() == ["", first[S.ARTICLE_ID].iloc[0], ""]


# -- JSON and JSON Lines ------------------------------------------------------------------------

JSON_COLUMNS = [S.TITLE, S.TEXT, S.PUBLISHED, S.URL, S.SOURCE]

JSON_CASES = [
    pytest.param(
        "list.json",
        json.dumps(
            [
                {"title": "L1", "text": "List body one.", "date": "2020-01-01"},
                {"title": "L2", "text": "List body two.", "date": "2020-01-02", "extra": [1, 2]},
            ]
        ),
        [
            ("L1", "List body one.", "2020-01-01 00:00:00", None, "list"),
            ("L2", "List body two.", "2020-01-02 00:00:00", None, "list"),
        ],
        [],
        id="list",
    ),
    pytest.param(
        "single.json",
        json.dumps(
            {
                "headline": "S1",
                "body": "Single body.",
                "published": "2020-02-01T10:00:00Z",
                "source": "Single Outlet",
            }
        ),
        [("S1", "Single body.", "2020-02-01 10:00:00", None, "Single Outlet")],
        [],
        id="single-object",
    ),
    pytest.param(
        "wrapped.json",
        json.dumps(
            {
                "status": "ok",
                "totalResults": 1,
                "articles": [
                    {
                        "source": {"id": None, "name": "NewsAPI Outlet"},
                        "author": "A. Writer",
                        "title": "W1",
                        "description": "Short.",
                        "url": "https://w.example/1",
                        "publishedAt": "2020-03-01T12:30:00Z",
                        "content": "Wrapped body.",
                    }
                ],
            }
        ),
        [("W1", "Wrapped body.", "2020-03-01 12:30:00", "https://w.example/1", "NewsAPI Outlet")],
        [],
        id="newsapi-articles-with-nested-source",
    ),
    pytest.param(
        "items.json",
        json.dumps({"items": [{"Title": "I1", "Content": ["Para one.", "Para two."]}]}),
        [("I1", "Para one.\n\nPara two.", None, None, "items")],
        [],
        id="items-list-of-paragraphs",
    ),
    pytest.param(
        "lines.jsonl",
        '{"title": "J1", "text": "Jsonl one."}\n'
        '{"title": "J2", "text": \n'
        "\n"
        '{"title": "J3", "text": "Jsonl three."}\n',
        [("J1", "Jsonl one.", None, None, "lines"), ("J3", "Jsonl three.", None, None, "lines")],
        [("line 2", "error", "malformed JSON: Expecting value (column 25)")],
        id="jsonl-malformed-line",
    ),
    pytest.param(
        "lines.ndjson",
        '{"title": "N1", "text": "Nd one."}\n[1, 2]\n{"title": "N3", "text": "Nd three."}\n',
        [("N1", "Nd one.", None, None, "lines"), ("N3", "Nd three.", None, None, "lines")],
        [("line 2", "error", "expected an object with article fields, got a list")],
        id="ndjson-non-object-line",
    ),
    pytest.param(
        "lines.json",
        '{"title": "A", "text": "Body A."}\n{"title": "B", "text": "Body B."}\n',
        [("A", "Body A.", None, None, "lines"), ("B", "Body B.", None, None, "lines")],
        [("", "warning", "holds one JSON object per line (JSON Lines)")],
        id="json-lines-named-json",
    ),
    pytest.param(
        "mixed.json",
        json.dumps([{"title": "M1", "text": "Mixed one."}, "a string", {"title": "M3"}]),
        [("M1", "Mixed one.", None, None, "mixed")],
        [
            ("item 2", "error", "expected an object with article fields, got a string"),
            ("item 3", "error", "row has no text"),
        ],
        id="list-with-non-objects-and-no-text",
    ),
]


@pytest.mark.parametrize(("name", "content", "rows", "report"), JSON_CASES)
def test_json_shapes(tmp_path, name, content, rows, report):
    df = load_one(tmp_path, name, content)
    assert rows_of(df, JSON_COLUMNS) == rows
    assert report_rows(df) == [(name, *entry) for entry in report]


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    ("name", "content", "location"),
    [
        pytest.param("deep.json", "[" * 100_000, "", id="100000-open-brackets"),
        pytest.param("balanced.json", "[" * 100_000 + "]" * 100_000, "", id="balanced"),
        pytest.param("objects.json", '{"a":' * 100_000 + "1" + "}" * 100_000, "", id="objects"),
        pytest.param(
            "deep.jsonl",
            '{"title": "ok", "text": "A fine line."}\n' + "[" * 100_000 + "]" * 100_000 + "\n",
            "line 2",
            id="jsonl-line",
        ),
    ],
)
def test_deeply_nested_json_is_a_clear_message(tmp_path, name, content, location):
    (tmp_path / "good.txt").write_text("Good headline\n\nGood body text of the article.\n")
    (tmp_path / name).write_text(content)
    df = workbench.load_articles(tmp_path)
    assert "Good headline" in df[S.TITLE].tolist()
    assert report_rows(df) == [(name, location, "error", "malformed JSON: nested too deeply")]
    if location:  # the other lines of a JSON Lines file still load
        assert df.loc[df[S.PATH].str.endswith(name), S.TEXT].tolist() == ["A fine line."]
    with pytest.raises(workbench.LoadError) as raised:
        workbench.load_articles(tmp_path, errors="raise")
    assert str(raised.value).startswith(str(tmp_path / name))
    assert "nested too deeply" in str(raised.value)


@pytest.mark.parametrize(
    ("content", "location", "message"),
    [
        (
            '{"title": "x", "text": }',
            "line 1",
            "malformed JSON: Expecting value (line 1, column 24)",
        ),
        ("42", "", "JSON holds a number, not articles (objects)"),
        ('"just a string"', "", "JSON holds a string, not articles (objects)"),
        ("[]", "", "no articles: the JSON list is empty"),
        ('{"articles": []}', "", "no articles: the JSON list is empty"),
        ('{"title": "No text field"}', "", "no text column found (header: title); pass "),
    ],
)
def test_json_without_articles_is_an_error(tmp_path, content, location, message):
    (tmp_path / "good.txt").write_text("Good headline\n\nGood body text of the article.\n")
    (tmp_path / "bad.json").write_text(content)
    df = workbench.load_articles(tmp_path)
    assert df[S.TITLE].tolist() == ["Good headline"]
    [(path, got_location, level, got)] = report_rows(df)
    assert (path, got_location, level) == ("bad.json", location, "error")
    assert got.startswith(message)
