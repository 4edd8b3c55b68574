"""Files read from their bytes (PDF, Word, RTF, web archives), told apart by their first
bytes as well as by their name; and text or HTML files that turn out to be news-database
exports."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..sources import Problem
from .documents import Paragraph, read_document, text_paragraphs
from .pages import RawArticle

_GZIP = b"\x1f\x8b"
# Cheap looks for an export's markers before splitting a text into paragraphs.
_EXPORT_MARK = re.compile(
    r"^\s*(?:End of Document|(?:AN\s+)?Document [A-Za-z0-9]{16,40}|ProQuest document ID:.*"
    r"|\d+ of \d+ DOCUMENTS?)\s*$",
    re.MULTILINE | re.IGNORECASE,
)
_NAMES = {".pdf": "PDF", ".docx": "Word document", ".rtf": "RTF file"}


def sniff_binary(data: bytes, suffix: str) -> str | None:
    """The format the bytes are in, when it is one read from bytes: '.pdf', '.docx', '.rtf',
    '.warc' or '.warc.gz' (by suffix for the archives); else None."""
    head = data[:1024]
    if head.startswith(b"%PDF-") or (b"%PDF-" in head and suffix == ".pdf"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04") and (b"word/" in data[:65536] or b"word/" in data[-65536:]):
        return ".docx"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return ".rtf"
    if head.startswith((b"WARC/", b"filedesc://")):
        return ".warc"
    if head.startswith(_GZIP) and suffix in (".warc.gz", ".arc.gz", ".warc", ".arc"):
        return suffix
    return None


def read_binary(path: str, data: bytes, key: str, suffix: str) -> Iterator[RawArticle | Problem]:
    """Read a PDF, Word, RTF or web-archive file; what cannot be read is one problem."""
    if suffix in (".warc", ".warc.gz", ".arc", ".arc.gz"):
        from .warc import read_warc

        yield from read_warc(path, data, key)
        return
    if not data:
        yield Problem(path, "file is empty (0 bytes)")
        return
    kind = _NAMES.get(suffix, "file")
    warnings: list[str] = []
    paragraphs: list[Paragraph]
    try:
        if suffix == ".pdf":
            from .pdf import pdf_paragraphs

            texts, warnings = pdf_paragraphs(data)
            paragraphs = [Paragraph(t) for t in texts]
        elif suffix == ".docx":
            from .office import docx_paragraphs

            paragraphs = docx_paragraphs(data)
        else:
            from .office import rtf_paragraphs

            paragraphs = rtf_paragraphs(data)
    except ValueError as exc:
        yield Problem(path, str(exc))
        return
    yield from read_document(path, paragraphs, key, kind=kind, warnings=warnings)


def split_export_text(path: str, text: str, key: str, *, html: bool) -> list | None:
    """The articles of a text or HTML file that is a news-database export (Nexis, Factiva,
    ProQuest saved as text or HTML); None when it is not one."""
    if not _EXPORT_MARK.search(_visible(text) if html else text):
        return None
    from .exports import export_kind, read_export

    if html:
        from .pages import html_fragment_to_text

        # Whitespace in HTML source is not a line end: only the markup makes lines. A table
        # row (Factiva's indexed fields: code, value) is one line, its cells apart.
        body = re.sub(r"\s+", " ", _body(text))
        body = re.sub(r"</t[dh]\s*>", " \\g<0>", body, flags=re.IGNORECASE)
        body = re.sub(r"</tr\s*>", "<br>\\g<0>", body, flags=re.IGNORECASE)
        text = html_fragment_to_text(body)
    paragraphs = text_paragraphs(text)
    export = export_kind(paragraphs)
    if export is None:
        return None
    return list(read_export(export, path, paragraphs, key, kind="HTML page" if html else "file"))


def _visible(html: str) -> str:
    """HTML with its tags turned into line ends, enough to see an export's marker lines."""
    return re.sub(r"<[^>]{0,2000}>", "\n", html)


def _body(html: str) -> str:
    m = re.search(r"<body[^>]*>(.*)</body>", html, re.DOTALL | re.IGNORECASE)
    return m.group(1) if m else html
