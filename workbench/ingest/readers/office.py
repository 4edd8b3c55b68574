"""Word ``.docx`` (python-docx) and ``.rtf`` (striprtf) files: their paragraphs, with the
headings marked so a document's title can be told from its text."""

from __future__ import annotations

import io
import re
import zipfile

from .documents import Paragraph

_HEADING_STYLES = re.compile(r"^(?:title|heading\s*\d*|subtitle)$", re.IGNORECASE)
_RTF_CODEPAGE = re.compile(rb"\\ansicpg(\d+)")


def docx_paragraphs(data: bytes) -> list[Paragraph]:
    """The paragraphs of a Word document, tables' cells included, in document order.

    Raises ValueError when the bytes are not a Word document.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValueError(_not_docx(data, exc)) from None
    except Exception as exc:  # noqa: BLE001 - lxml and zipfile raise many kinds on a damaged file
        raise ValueError(f"damaged Word document ({type(exc).__name__}: {exc})") from None
    # Style names by id, read once; the text read from the XML itself: python-docx's
    # paragraph objects look both up anew each time (seconds for a 100-article export).
    headings = {
        style.style_id
        for style in document.styles
        if style.name and _HEADING_STYLES.match(style.name)
    }
    text_tag = qn("w:t")
    pieces = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}
    style_path = f"{qn('w:pPr')}/{qn('w:pStyle')}"
    paragraphs: list[Paragraph] = []
    for block in document.element.body.iterchildren(qn("w:p"), qn("w:tbl")):
        # a table's cells, row by row, are paragraphs in the text's order
        for para in [block] if block.tag == qn("w:p") else block.iter(qn("w:p")):
            text = "".join(
                (el.text or "") if el.tag == text_tag else pieces[el.tag]
                for el in para.iter(text_tag, *pieces)
            )
            style = para.find(style_path)
            heading = style is not None and style.get(qn("w:val")) in headings
            paragraphs += [
                Paragraph(part.strip(), heading) for part in text.split("\n") if part.strip()
            ]
    return paragraphs


def _not_docx(data: bytes, exc: BaseException) -> str:
    if not data.startswith(b"PK"):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            return (
                "an old Word document (.doc) named .docx: open it in Word or LibreOffice "
                "and save it as .docx"
            )
        return "not a Word document (.docx is a zip archive; this file is not one)"
    if isinstance(exc, zipfile.BadZipFile):
        return "damaged or incomplete Word document (not a readable zip archive)"
    return "not a Word document: a zip archive without Word's text (word/document.xml)"


def rtf_paragraphs(data: bytes) -> list[Paragraph]:
    """The paragraphs of an RTF file (its code page, else Windows-1252, for 8-bit text).

    Raises ValueError when the bytes are not RTF.
    """
    from striprtf.striprtf import rtf_to_text

    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{\\rtf"):
        raise ValueError("not an RTF file (it does not start with '{\\rtf')")
    found = _RTF_CODEPAGE.search(data[:4096])
    encoding = f"cp{int(found.group(1))}" if found else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="replace")
    except RecursionError:
        raise ValueError("RTF nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 - striprtf raises bare errors on damaged groups
        raise ValueError(f"damaged RTF ({type(exc).__name__}: {exc})") from None
    return [Paragraph(" ".join(line.split())) for line in text.splitlines() if line.strip()]
