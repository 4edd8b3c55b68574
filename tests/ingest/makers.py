"""Makers of the files analysts hold, with invented articles: PDF (a small hand-made PDF
writer, and Chromium printing HTML), Word, RTF, web archives, and exports in the layout
of Nexis Uni, Factiva and ProQuest (structure only; every word is made up here)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

# -- invented articles ------------------------------------------------------------------


@dataclass
class Story:
    title: str
    outlet: str
    date: str  # as the header writes it
    byline: str
    paragraphs: list[str]
    ident: str = ""
    extra: dict = field(default_factory=dict)


STORIES = [
    Story(
        "Aid convoy reaches the valley after weeks of delay",
        "The Northern Ledger",
        "October 5, 2020 Monday",
        "Mara Velin",
        [
            "An aid convoy of twenty trucks reached the valley on Monday, the first delivery "
            "of food and medicine in three weeks, local officials said.",
            "Drivers waited two days at the last checkpoint while both sides argued over "
            "the route, according to the regional relief coordinator.",
        ],
        "LEDGR00020201005eg1500001",
    ),
    Story(
        "Talks on prisoner exchange stall in the capital",
        "Evening Courier",
        "October 6, 2020 Tuesday",
        "Tomas Oberlin",
        [
            "Negotiations on an exchange of prisoners stalled on Tuesday, with each "
            "delegation blaming the other for the delay.",
            "Mediators said they would try again at the end of the week.",
        ],
        "EVCOUR0020201006eg1600002",
    ),
    Story(
        "Farmers return to fields near the line of contact",
        "The Northern Ledger",
        "October 8, 2020 Thursday",
        "Ilse Marren",
        [
            "Farmers began returning to fields near the line of contact on Thursday after "
            "engineers cleared the roads of mines.",
            "Many said they had lost most of the harvest and would need help through the winter.",
        ],
        "LEDGR00020201008eg1800003",
    ),
    Story(
        "Observers count damaged schools in the district",
        "Harbour Post",
        "October 9, 2020 Friday",
        "Petra Solvang",
        [
            "A team of observers counted eleven damaged schools in the district on Friday "
            "and asked for repairs before the winter term.",
            "Teachers have been holding classes in a sports hall since September.",
        ],
        "HARBPO0020201009eg1900004",
    ),
]


# -- export layouts (lines; one paragraph each) ---------------------------------------------
def nexis_lines(stories: Sequence[Story], *, broken: int | None = None) -> list[str]:
    """A Nexis Uni export: a cover page, then each article ending in 'End of Document'.

    The article at index ``broken`` has lost its 'Body' line (so its header cannot be
    told from its text)."""
    lines = [
        "User Name: =invented",
        "Date and Time: Monday, November 2, 2020 9:14:00 AM EST",
        "Job Number: 123456789",
        f"Documents ({len(stories)})",
        *[f"{n}. {s.title}" for n, s in enumerate(stories, start=1)],
        "Client/Matter: -None-",
        "Search Terms: valley OR ceasefire",
    ]
    for n, s in enumerate(stories):
        lines += [
            s.title,
            s.outlet,
            s.date,
            "Copyright 2020 Invented Media Group All Rights Reserved",
            "Section: WORLD; Pg. 7",
            f"Length: {sum(len(p.split()) for p in s.paragraphs)} words",
            f"Byline: {s.byline}",
        ]
        if n != broken:
            lines.append("Body")
        lines += s.paragraphs
        lines += [
            "Classification",
            "Language: ENGLISH",
            "Publication-Type: Newspaper",
            "Subject: HUMANITARIAN ASSISTANCE (90%)",
            "Load-Date: October 10, 2020",
            "End of Document",
        ]
    return lines


def factiva_lines(stories: Sequence[Story], *, broken: int | None = None) -> list[str]:
    """A Factiva export ("Full Article/Report"): each article's header block, its text and
    'Document <id>'. The article at ``broken`` has lost its word-count line."""
    lines: list[str] = []
    for n, s in enumerate(stories):
        day = s.date.split(" ")  # "October 5, 2020 Monday" -> "5 October 2020"
        lines += [s.title, f"By {s.byline}"]
        if n != broken:
            lines.append(f"{sum(len(p.split()) for p in s.paragraphs)} words")
        lines += [
            f"{day[1].rstrip(',')} {day[0]} {day[2]}",
            s.outlet,
            s.outlet.replace(" ", "")[:6].upper(),
            "English",
            f"(c) 2020 {s.outlet}. All rights reserved.",
            *s.paragraphs,
            f"Document {s.ident}",
        ]
    return lines


def proquest_lines(stories: Sequence[Story], *, broken: int | None = None) -> list[str]:
    """A ProQuest text export: records between rules of underscores, 'Full text:' then the
    fields. The record at ``broken`` has no full text (an abstract-only record)."""
    rule = "_" * 60
    lines = ["Report Information from ProQuest", "November 2, 2020 09:14", rule]
    for n, s in enumerate(stories):
        lines += [s.title, f"Author: {s.byline}", f"Publication info: {s.outlet}"]
        if n != broken:
            lines += [f"Full text: {s.paragraphs[0]}", *s.paragraphs[1:]]
        else:
            lines.append("Abstract: None available.")
        lines += [
            "Subject: Humanitarian aid",
            f"Title: {s.title}",
            f"Author: {s.byline}",
            f"Publication title: {s.outlet}",
            "Publication year: 2020",
            f"Publication date: {s.date.rsplit(' ', 1)[0]}",
            "Source type: Newspapers",
            "Language of publication: English",
            f"ProQuest document ID: {2449000000 + n}",
            f"Document URL: https://invented.example/docview/{2449000000 + n}",
            "Database: Invented Newsstream",
            rule,
        ]
    return lines


# -- containers ----------------------------------------------------------------------------
def docx_bytes(paragraphs: Sequence[str | tuple[str, str]]) -> bytes:
    """A Word document; a (text, style) pair gives a paragraph a style such as 'Title'."""
    import docx

    document = docx.Document()
    for para in paragraphs:
        text, style = para if isinstance(para, tuple) else (para, None)
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rtf_bytes(paragraphs: Sequence[str]) -> bytes:
    """An RTF file, one \\par per paragraph, non-ASCII letters as \\'xx escapes (cp1252)."""

    def escape(text: str) -> str:
        out = []
        for ch in text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}"):
            out.append(ch if ord(ch) < 128 else "\\'" + ch.encode("cp1252").hex())
        return "".join(out)

    body = "".join(f"\\pard {escape(p)}\\par\n" for p in paragraphs)
    head = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs24\n"
    return (head + body + "}").encode("ascii")


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_bytes(pages: Sequence[Sequence[tuple[float, float, float, str]]]) -> bytes:
    """A PDF of text lines placed at (x, y, size) on A4 pages, in Helvetica."""
    streams = []
    for lines in pages:
        ops = "".join(
            f"BT /F1 {size:g} Tf {x:g} {y:g} Td ({_pdf_text(text)}) Tj ET\n"
            for x, y, size, text in lines
        )
        streams.append(ops.encode("latin-1"))
    return _pdf(streams, image=False)


def image_pdf_bytes(n_pages: int = 1) -> bytes:
    """A 'scanned' PDF: each page one image, no text at all."""
    return _pdf([b"q 500 0 0 700 50 70 cm /Im1 Do Q\n"] * n_pages, image=True)


def _pdf(streams: Sequence[bytes], *, image: bool) -> bytes:
    objects: list[bytes] = []
    n_pages = len(streams)
    first_page = 5
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pixels = zlib.compress(bytes(range(0, 256, 16)) * 16)
    objects.append(
        b"<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(pixels)
        + pixels
        + b"\nendstream"
    )
    for i, stream in enumerate(streams):
        resources = "/Font << /F1 3 0 R >>" + (" /XObject << /Im1 4 0 R >>" if image else "")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << {resources} >> "
            f"/Contents {first_page + 2 * i + 1} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def paged_pdf(
    paragraphs: Sequence[str],
    *,
    header: str = "",
    footer: str = "Page {n} of {total}",
    width: int = 70,
    lines_per_page: int = 30,
    title: str = "",
) -> bytes:
    """A PDF laid out as a printer would: paragraphs wrapped at ``width`` characters (a
    word hyphenated across a line end where it does not fit), a gap between paragraphs,
    a running header and a page footer."""
    lines: list[tuple[float, str]] = []  # (size, text); size 0 = paragraph gap
    if title:
        lines += [(18.0, title), (0.0, "")]
    for para in paragraphs:
        lines += [(11.0, line) for line in _wrap(para, width)] + [(0.0, "")]
    pages: list[list[tuple[float, str]]] = [[]]
    for line in lines:
        if len(pages[-1]) >= lines_per_page:
            pages.append([])
        pages[-1].append(line)
    total = len(pages)
    placed = []
    for n, page in enumerate(pages, start=1):
        items = []
        if header:
            items.append((72.0, 800.0, 9.0, header))
        y = 760.0
        for size, text in page:
            if size == 0:
                y -= 9
                continue
            items.append((72.0, y, size, text))
            y -= size * 1.5
        if footer:
            items.append((280.0, 40.0, 9.0, footer.format(n=n, total=total)))
        placed.append(items)
    return pdf_bytes(placed)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters; a long word that does not fit is hyphenated."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            room = width - len(line) - 2
            if len(word) >= 10 and room >= 4 and word.isalpha():
                lines.append(f"{line} {word[:room]}-")
                line = word[room:]
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def chromium_pdf(html: str, folder: Path, name: str = "page") -> bytes:
    """HTML printed to PDF by headless Chromium, with its own header and footer (date,
    title, address, page numbers) as a browser prints them."""
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is installed by `make test` (see the Makefile)"
    source = folder / f"{name}.html"
    source.write_text(html, encoding="utf-8")
    target = folder / f"{name}.pdf"
    subprocess.run(
        [
            chromium,
            "--no-sandbox",
            "--headless",
            "--disable-gpu",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return target.read_bytes()


def warc_bytes(pages: Sequence[tuple[str, str, str, str]], *, gzip: bool = True) -> bytes:
    """A WARC of (url, capture date, content type, body) responses, with a request record
    and a warcinfo record as crawlers write them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "invented"}))
    for url, date, content_type, body in pages:
        data = body.encode("utf-8")
        status = "404 Not Found" if "missing" in url else "200 OK"
        headers = StatusAndHeaders(
            status,
            [("Content-Type", content_type), ("Content-Length", str(len(data)))],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(data),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_record(record)
    return out.getvalue()


def page_html(title: str, paragraphs: Sequence[str], *, date: str | None = None) -> str:
    """A news page, with its date in the markup when given."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
        f"{meta}</head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
        f"{body}</article><footer>Contact us</footer></body></html>"
    )


def factiva_coded_lines(stories: Sequence[Story], *, broken: int | None = None) -> list[str]:
    """A Factiva export with "plus Indexing": every field opened by its two-letter code.
    The article at ``broken`` has lost its text fields (LP and TD)."""
    lines: list[str] = []
    for n, s in enumerate(stories):
        day = s.date.split(" ")
        lines += [
            "HD",
            s.title,
            "BY",
            f"By {s.byline}",
            "WC",
            f"{sum(len(p.split()) for p in s.paragraphs)} words",
            "PD",
            f"{day[1].rstrip(',')} {day[0]} {day[2]}",
            "SN",
            s.outlet,
            "LA",
            "English",
        ]
        if n != broken:
            lines += ["LP", s.paragraphs[0], "TD", *s.paragraphs[1:]]
        lines += ["NS", "gvio : Military Action", "AN", f"Document {s.ident}"]
    return lines


def mixed_pdf(text_lines: Sequence[str]) -> bytes:
    """A two-page PDF: page 1 text, page 2 a scanned image only."""
    ops = "".join(
        f"BT /F1 11 Tf 72 {760 - 16 * i} Td ({_pdf_text(t)}) Tj ET\n"
        for i, t in enumerate(text_lines)
    )
    return _pdf([ops.encode("latin-1"), b"q 500 0 0 700 50 70 cm /Im1 Do Q\n"], image=True)


def lexisnexis_lines(stories: Sequence[Story], *, broken: int | None = None) -> list[str]:
    """An old LexisNexis export (before Nexis Uni): 'N of M DOCUMENTS', the publication,
    the date, the title, upper-case fields, the text. The article at ``broken`` has lost
    its LENGTH: line."""
    lines = ["Invented Library Services", "Search: valley"]
    for n, s in enumerate(stories, start=1):
        lines += [f"{n} of {len(stories)} DOCUMENTS", s.outlet, s.date, "Final Edition", s.title]
        lines += [f"BYLINE: {s.byline}", "SECTION: WORLD; Pg. 7"]
        if n - 1 != broken:
            lines.append(f"LENGTH: {sum(len(p.split()) for p in s.paragraphs)} words")
        lines += ["DATELINE: GENEVA", *s.paragraphs]
        lines += ["LOAD-DATE: October 10, 2020", "LANGUAGE: ENGLISH", "PUBLICATION-TYPE: Newspaper"]
        lines += ["Copyright 2020 Invented Media Group", "All Rights Reserved"]
    return lines
