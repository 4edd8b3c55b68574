"""PDF, Word and RTF files, and web archives: generated files with invented articles.

PDFs come from a small PDF writer (text placed line by line, as a printer would, with
running headers, page numbers and hyphenation) and from headless Chromium printing
HTML; Word files from python-docx, RTF files written by hand, archives from warcio.
"""

from __future__ import annotations

import io

import pytest

import workbench
from workbench.core import schema as S

from ..conftest import report_rows
from . import makers as M

STORIES = M.STORIES

WORDY = (
    "The internationally coordinated humanitarian response was described as "
    "extraordinarily complicated by representatives of the participating organisations, "
    "who said that reconstruction would take considerably longer than anticipated."
)
SECOND = "Officials said the convoy would return on Friday with fuel and blankets for the winter."
THIRD = "Residents queued for hours in the rain outside the only working bakery in the town."


def write(folder, name, data):
    path = folder / name
    path.write_bytes(data)
    return path


def one(df, path):
    rows = df[df[S.PATH] == str(path)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# -- PDF ----------------------------------------------------------------------------------
def test_pdf_paragraphs_hyphenation_and_running_lines(tmp_path):
    paragraphs = [WORDY, SECOND, THIRD, WORDY.replace("The ", "A second ", 1)]
    data = M.paged_pdf(
        paragraphs,
        title="Relief effort slows in the mountains",
        header="The Northern Ledger - World",
        lines_per_page=7,
        width=60,
    )
    assert b"-) Tj" in data  # the layout really hyphenated words at line ends
    path = write(tmp_path, "ledger.pdf", data)
    df = workbench.load_articles(path)
    row = one(df, path)
    assert row[S.TITLE] == "Relief effort slows in the mountains"
    assert row[S.TEXT].split("\n\n") == paragraphs
    assert "Page" not in row[S.TEXT] and "Northern Ledger - World" not in row[S.TEXT]
    assert report_rows(df) == []


def test_pdf_printed_by_chromium_with_its_header_and_footer(tmp_path):
    body = [f"{WORDY} Paragraph {n} of the report goes on for a while." for n in range(1, 25)]
    html = (
        "<html><head><meta charset='utf-8'><title>Printed page</title>"
        "<style>p{margin:0 0 1em 0;font-size:14px}</style></head><body>"
        "<h1>Relief effort slows in the mountains</h1>"
        + "".join(f"<p>{p}</p>" for p in body)
        + "</body></html>"
    )
    path = write(tmp_path, "printed.pdf", M.chromium_pdf(html, tmp_path, "printed"))
    df = workbench.load_articles(path)
    row = one(df, path)
    assert row[S.TITLE] == "Relief effort slows in the mountains"
    assert row[S.TEXT].split("\n\n") == body
    assert len(pypdf_pages(path)) >= 2
    # Chromium's own header (date, title) and footer (address, "1/2") are gone.
    assert "printed.html" not in row[S.TEXT] and "Printed page" not in row[S.TEXT]


def test_scanned_pdf_is_reported_and_the_rest_loads(tmp_path):
    write(tmp_path, "scan.pdf", M.image_pdf_bytes(3))
    write(tmp_path, "good.txt", b"Headline\n\nA good article body, long enough to be read.\n")
    df = workbench.load_articles(tmp_path)
    assert df[S.TITLE].tolist() == ["Headline"]
    assert report_rows(df, basename=True) == [
        (
            "scan.pdf",
            "",
            "error",
            "no text layer: OCR it first (a scanned PDF holds images of pages, not text; "
            "e.g. ocrmypdf adds the text layer)",
        )
    ]


def test_partly_scanned_pdf_loads_its_text_and_names_the_pages_without(tmp_path):
    path = write(tmp_path, "part.pdf", M.mixed_pdf(["Headline of the page", SECOND]))
    df = workbench.load_articles(path)
    assert SECOND in one(df, path)[S.TEXT]
    warning = "page 2 of 2 has no text layer (scanned?): OCR the PDF to read it"
    assert report_rows(df, basename=True) == [("part.pdf", "", "warning", warning)]
    assert warning in one(df, path)[S.LOAD_WARNINGS]


def pypdf_pages(path):
    import pypdf

    return pypdf.PdfReader(path).pages


def _encrypted_pdf() -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    for page in pypdf.PdfReader(io.BytesIO(M.pdf_bytes([[(72, 700, 11, SECOND)]]))).pages:
        writer.add_page(page)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_encrypted_pdf, "PDF is protected by a password: save an unlocked copy and load that"),
        (lambda: b"%PDF-1.4 and then nothing", "damaged or incomplete PDF (PdfStreamError"),
        (lambda: M.pdf_bytes([[(72, 700, 11, SECOND)]])[:300], "damaged or incomplete PDF"),
        (lambda: b"", "file is empty (0 bytes)"),
        (lambda: b"plain words, not a PDF", "damaged or incomplete PDF"),
    ],
    ids=["password", "garbage", "cut-short", "empty", "not-a-pdf"],
)
def test_unreadable_pdfs_say_why(tmp_path, make, message):
    write(tmp_path, "good.txt", b"Headline\n\nA good article body, long enough to be read.\n")
    write(tmp_path, "bad.pdf", make())
    df = workbench.load_articles(tmp_path)
    assert df[S.TITLE].tolist() == ["Headline"]
    [(name, location, level, text)] = report_rows(df, basename=True)
    assert (name, location, level) == ("bad.pdf", "", "error")
    assert text.startswith(message), text


# -- Word and RTF -----------------------------------------------------------------------
def test_docx_title_style_is_the_title(tmp_path):
    path = write(
        tmp_path,
        "memo.docx",
        M.docx_bytes([("Relief effort slows", "Title"), SECOND, ("Later", "Heading 2"), THIRD]),
    )
    row = one(workbench.load_articles(path), path)
    assert row[S.TITLE] == "Relief effort slows"
    assert row[S.TEXT] == f"{SECOND}\n\nLater\n\n{THIRD}"


def test_docx_without_headings_takes_its_first_line_as_title(tmp_path):
    path = write(tmp_path, "plain.docx", M.docx_bytes(["Relief effort slows", SECOND, THIRD]))
    row = one(workbench.load_articles(path), path)
    assert (row[S.TITLE], row[S.TEXT]) == ("Relief effort slows", f"{SECOND}\n\n{THIRD}")


def test_docx_tables_are_read_in_document_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Relief effort slows", style="Title")
    document.add_paragraph(SECOND)
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "A quote boxed in a table, read where it stands."
    document.add_paragraph(THIRD)
    out = io.BytesIO()
    document.save(out)
    path = write(tmp_path, "boxed.docx", out.getvalue())
    row = one(workbench.load_articles(path), path)
    assert row[S.TEXT].split("\n\n") == [
        SECOND,
        "A quote boxed in a table, read where it stands.",
        THIRD,
    ]


def test_rtf_with_accents_from_its_code_page(tmp_path):
    path = write(
        tmp_path, "note.rtf", M.rtf_bytes(["Café owners reopen in Shusha", SECOND, "Prix: 5 €."])
    )
    row = one(workbench.load_articles(path), path)
    assert row[S.TITLE] == "Café owners reopen in Shusha"
    assert row[S.TEXT] == f"{SECOND}\n\nPrix: 5 €."


@pytest.mark.parametrize(
    ("name", "data", "level", "message"),
    [
        (
            "old.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "error",
            "an old Word document (.doc) named .docx: open it in Word or LibreOffice and "
            "save it as .docx",
        ),
        (
            "zip.docx",
            b"PK\x05\x06" + b"\x00" * 18,
            "error",
            "not a Word document: a zip archive without Word's text (word/document.xml)",
        ),
        ("text.rtf", b"just words", "error", "not an RTF file (it does not start with '{\\rtf')"),
        ("empty.rtf", b"{\\rtf1\\ansi }", "error", "RTF file has no text"),
        ("empty.docx", M.docx_bytes([]), "error", "Word document has no text"),
    ],
)
def test_unreadable_office_files_say_why(tmp_path, name, data, level, message):
    write(tmp_path, "good.txt", b"Headline\n\nA good article body, long enough to be read.\n")
    write(tmp_path, name, data)
    df = workbench.load_articles(tmp_path)
    assert df[S.TITLE].tolist() == ["Headline"]
    assert report_rows(df, basename=True) == [(name, "", level, message)]


def test_a_pdf_named_txt_is_read_as_a_pdf_and_said(tmp_path):
    path = write(tmp_path, "saved.txt", M.paged_pdf([SECOND], title="Relief effort slows"))
    df = workbench.load_articles(path)
    assert one(df, path)[S.TEXT] == SECOND
    assert report_rows(df, basename=True) == [
        ("saved.txt", "", "warning", "named .txt but is a .pdf file: read as one")
    ]


# -- web archives ---------------------------------------------------------------------------
PAGES = [
    ("https://ledger.example/a", "2020-10-11T08:00:00Z", "text/html; charset=utf-8", 0, None),
    ("https://ledger.example/b", "2020-10-11T08:00:01Z", "text/html", 1, "2020-10-06T09:00:00Z"),
]


def _archive(*, gzip: bool = True) -> bytes:
    records = [
        (url, date, ctype, M.page_html(M.STORIES[i].title, M.STORIES[i].paragraphs, date=day))
        for url, date, ctype, i, day in PAGES
    ]
    records += [
        ("https://ledger.example/site.css", "2020-10-11T08:00:02Z", "text/css", "body{}"),
        ("https://ledger.example/missing", "2020-10-11T08:00:03Z", "text/html", "<p>gone</p>"),
    ]
    return M.warc_bytes(records, gzip=gzip)


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_pages_with_their_address_and_capture_date(tmp_path, name):
    path = write(tmp_path, name, _archive(gzip=name.endswith(".gz")))
    df = workbench.load_articles(path)
    assert df[S.URL].tolist() == ["https://ledger.example/a", "https://ledger.example/b"]
    assert df[S.TITLE].tolist() == [M.STORIES[0].title, M.STORIES[1].title]
    for text, story in zip(df[S.TEXT], M.STORIES, strict=False):
        assert text.split("\n\n") == story.paragraphs  # the page's text, not its navigation
    # No date in the first page: the capture date, as inferred; the second has its own.
    assert df[S.PUBLISHED].astype(str).tolist() == ["2020-10-11 08:00:00", "2020-10-06 09:00:00"]
    assert df[S.DATE_BASIS].tolist() == ["inferred", "metadata"]
    assert "dated by its capture date in the web archive" in df[S.LOAD_WARNINGS].iloc[0]
    assert df[S.ARTICLE_ID].is_unique
    assert report_rows(df) == []  # the stylesheet and the 404 page are not articles


def test_a_cut_warc_keeps_the_pages_before_the_cut_and_says_where(tmp_path):
    data = _archive(gzip=False)
    cut = data.index(b"https://ledger.example/site.css") - 200
    path = write(tmp_path, "cut.warc", data[:cut])
    df = workbench.load_articles(path)
    assert df[S.URL].tolist() == ["https://ledger.example/a"]
    assert report_rows(df, basename=True) == [
        (
            "cut.warc",
            "record 3 (https://ledger.example/b)",
            "error",
            "page cannot be read: the record is cut short: the archive ends inside it",
        )
    ]


def test_a_warc_is_read_record_by_record_the_size_cap_bounding_each_page(tmp_path):
    big = M.page_html("A long page", [SECOND * 40])
    data = _archive(gzip=False)
    data += M.warc_bytes(
        [("https://ledger.example/big", "2020-10-11T09:00:00Z", "text/html", big)], gzip=False
    )
    path = write(tmp_path, "crawl.warc", data)
    cap = 3000
    assert len(data) > cap > max(len(M.page_html(s.title, s.paragraphs)) for s in STORIES)
    df = workbench.load_articles(path, max_bytes=cap)
    assert df[S.URL].tolist() == ["https://ledger.example/a", "https://ledger.example/b"]
    [(name, location, level, message)] = report_rows(df, basename=True)
    assert (name, location, level) == (
        "crawl.warc",
        "record 7 (https://ledger.example/big)",
        "error",
    )
    assert (
        message.startswith("page cannot be read: the record is ")
        and "over the limit of 3,000" in message
    )


def test_a_warc_without_pages_is_an_error(tmp_path):
    data = M.warc_bytes([("https://x.example/s.css", "2020-10-11T08:00:00Z", "text/css", "b{}")])
    path = write(tmp_path, "styles.warc.gz", data)
    with pytest.raises(workbench.LoadError, match="web archive has no HTML page among its 2"):
        workbench.load_articles(path)


# -- formats not read -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("a.doc", "old Word document (.doc)"),
        ("a.odt", "OpenDocument text (.odt)"),
        ("a.pages", "Apple Pages document"),
        ("a.xlsx", "Excel spreadsheet (.xlsx)"),
        ("a.ods", "OpenDocument spreadsheet (.ods)"),
        ("a.jpg", "image (.jpg)"),
        ("a.tiff", "image (.tiff)"),
    ],
)
def test_formats_not_read_are_one_warning_each_saying_how_to_convert(tmp_path, name, what):
    write(tmp_path, "good.txt", b"Headline\n\nA good article body, long enough to be read.\n")
    write(tmp_path, name, b"\x00\x01 whatever")
    [(path, location, level, message)] = report_rows(
        workbench.load_articles(tmp_path), basename=True
    )
    assert (path, location, level) == (name, "", "warning")
    assert message.startswith(f"not read: {what} is not a format the loader reads; ")
    assert any(hint in message for hint in ("save it as .docx", "CSV", "OCR", "export it"))


def test_a_saved_pages_images_are_not_reported(tmp_path):
    write(tmp_path, "page.html", M.page_html(M.STORIES[0].title, M.STORIES[0].paragraphs).encode())
    (tmp_path / "page_files").mkdir()
    write(tmp_path / "page_files", "logo.png", b"\x89PNG")
    write(tmp_path / "page_files", "app.js", b"var a;")
    df = workbench.load_articles(tmp_path)
    assert len(df) == 1 and report_rows(df) == []
