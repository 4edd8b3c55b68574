"""One folder as an analyst's: every format the loader reads, and a bad file of each kind.
Every good article loads, and every problem is reported once, naming its file (and the
record in it), with nothing blamed on a good file."""

from __future__ import annotations

import pytest

import workbench
from workbench.core import schema as S

from ..conftest import report_rows
from . import makers as M

STORIES = M.STORIES
BODY = (
    "Officials said the convoy would return on Friday with fuel and blankets for the "
    "families who had spent the night in the school."
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("analyst")
    files = {
        # good
        "plain.txt": b"Old format still read\n\n" + BODY.encode(),
        "ledger.pdf": M.paged_pdf([BODY], title="Relief convoy due on Friday"),
        "memo.docx": M.docx_bytes([("Memo on shelter needs", "Title"), BODY]),
        "note.rtf": M.rtf_bytes(["Café reopens near the square", BODY]),
        "nexis.docx": M.docx_bytes(M.nexis_lines(STORIES[:2])),
        "factiva.rtf": M.rtf_bytes(M.factiva_lines(STORIES[2:])),
        "proquest.txt": "\n".join(M.proquest_lines(STORIES[1:3])).encode(),
        "crawl.warc.gz": M.warc_bytes(
            [
                (
                    "https://ledger.example/a",
                    "2020-10-11T08:00:00Z",
                    "text/html",
                    M.page_html("Bridge reopens to traffic", [BODY]),
                )
            ]
        ),
        # bad, one of each kind
        "scan.pdf": M.image_pdf_bytes(),
        "broken.pdf": b"%PDF-1.4 cut",
        "lost.docx": b"PK\x05\x06" + b"\x00" * 18,
        "fake.rtf": b"not rtf at all",
        "nexis_broken.rtf": M.rtf_bytes(M.nexis_lines(STORIES[:2], broken=1)),
        "factiva_broken.html": (
            "<html><body>"
            + "".join(f"<p>{line}</p>" for line in M.factiva_lines(STORIES[:2], broken=0))
            + "</body></html>"
        ).encode(),
        "proquest_broken.txt": "\n".join(M.proquest_lines(STORIES[:2], broken=1)).encode(),
        "empty.warc": b"WARC/1.0\r\nWARC-Type: warcinfo\r\n",
        "stories.csv": b"stories_id,publish_date,title,url,media_name\n"
        b"1,2020-10-05,A story,https://outlet.example/1,Outlet\n",
        "old.doc": b"\xd0\xcf\x11\xe0 old word",
        "photo.jpg": b"\xff\xd8\xff",
        "sheet.xlsx": b"PK\x03\x04 sheet",
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    return root


def test_every_good_article_loads(folder):
    df = workbench.load_articles(folder)
    titles = {
        (path.rsplit("/", 1)[-1], title)
        for path, title in zip(df[S.PATH], df[S.TITLE], strict=True)
    }
    assert titles == {
        ("plain.txt", "Old format still read"),
        ("ledger.pdf", "Relief convoy due on Friday"),
        ("memo.docx", "Memo on shelter needs"),
        ("note.rtf", "Café reopens near the square"),
        ("nexis.docx", STORIES[0].title),
        ("nexis.docx", STORIES[1].title),
        ("factiva.rtf", STORIES[2].title),
        ("factiva.rtf", STORIES[3].title),
        ("proquest.txt", STORIES[1].title),
        ("proquest.txt", STORIES[2].title),
        ("crawl.warc.gz", "Bridge reopens to traffic"),
        ("nexis_broken.rtf", STORIES[0].title),
        ("factiva_broken.html", STORIES[1].title),
        ("proquest_broken.txt", STORIES[0].title),
    }
    assert len(df) == len(titles)
    for name in ("plain.txt", "ledger.pdf", "memo.docx", "note.rtf", "crawl.warc.gz"):
        assert df.loc[df[S.PATH].str.endswith(name), S.TEXT].tolist() == [BODY]
    assert df[S.ARTICLE_ID].is_unique


def test_every_problem_is_reported_once_naming_its_file(folder):
    rows = report_rows(workbench.load_articles(folder), basename=True)
    by_file = {(name, location, level): message for name, location, level, message in rows}
    assert len(by_file) == len(rows)
    expected = {
        ("scan.pdf", "", "error"): "no text layer: OCR it first",
        ("broken.pdf", "", "error"): "damaged or incomplete PDF",
        ("lost.docx", "", "error"): "not a Word document: a zip archive without Word's text",
        ("fake.rtf", "", "error"): "not an RTF file",
        ("nexis_broken.rtf", "article 2 of 2", "error"): "Nexis export: no line 'Body'",
        ("factiva_broken.html", "article 1 of 2", "error"): "Factiva export: no '<n> words'",
        ("proquest_broken.txt", "article 2 of 2", "error"): "ProQuest export: no 'Full text:'",
        ("empty.warc", "", "error"): "web archive has no HTML page among its 1 records",
        ("stories.csv", "", "warning"): "Media Cloud URL list of 1 stories: their texts are "
        "not fetched",
        ("old.doc", "", "warning"): "not read: old Word document (.doc)",
        ("photo.jpg", "", "warning"): "not read: image (.jpg)",
        ("sheet.xlsx", "", "warning"): "not read: Excel spreadsheet (.xlsx)",
    }
    assert set(by_file) == set(expected)
    for key, start in expected.items():
        assert by_file[key].startswith(start), (key, by_file[key])


def test_raise_stops_at_the_first_bad_file_in_order(folder):
    with pytest.raises(workbench.LoadError) as raised:
        workbench.load_articles(folder, errors="raise")
    assert raised.value.path == str(folder / "broken.pdf")
