"""PDF files (pypdf): text in reading order, paragraphs kept, running headers, footers
and page numbers removed, words hyphenated at a line end rejoined.

A PDF without a text layer (a scan) is reported, never loaded empty. The paragraphs go
on to :mod:`~workbench.ingest.readers.documents`, which tells one article from a
news-database export of many.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—(\[]?\s*\d{1,4}\s*(?:(?:of|/|von|de|sur)\s*\d{1,4})?\s*[-–—)\]]?$",
    re.IGNORECASE,
)
# A browser's footer: the page's address and "2/5".
_PAGE_COUNT = re.compile(r"^(?:\S*://\S*|.*\.html?)\s+\d{1,4}\s*/\s*\d{1,4}$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;\"'”’»)]$")
_HYPHENATED = re.compile(r"(?<=[^\W\d_])[-\u00ad]$")
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running lines
_PARAGRAPH_GAP = 1.45  # a gap this many times the usual line spacing starts a paragraph
_LINE_HEIGHT = 1.25  # line spacing of single-spaced text, in type sizes


@dataclass
class _Line:
    text: str
    y: float  # from the bottom of the page, as PDF measures it
    size: float


class NoTextLayer(ValueError):
    """A PDF whose pages are images only (a scan)."""


def pdf_paragraphs(data: bytes) -> tuple[list[str], list[str]]:
    """The paragraphs of a PDF, and warnings (pages without text, ...).

    Raises ValueError with a plain reason for a PDF that cannot be read, is locked with a
    password, or has no text layer at all.
    """
    import pypdf
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its chatter is not the analyst's
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("PDF is protected by a password: save an unlocked copy and load that")
        pages = [_page_lines(page) for page in reader.pages]
    except ValueError:
        raise
    except (PyPdfError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as exc:
        raise ValueError(
            f"damaged or incomplete PDF ({type(exc).__name__}: {_short(exc)})"
        ) from None
    if not pages:
        raise ValueError("PDF has no pages")
    empty = [n for n, lines in enumerate(pages, start=1) if not lines]
    if len(empty) == len(pages):
        raise NoTextLayer(
            "no text layer: OCR it first (a scanned PDF holds images of pages, not text; "
            "e.g. ocrmypdf adds the text layer)"
        )
    warnings = []
    if empty:
        warnings.append(
            f"page{'s' if len(empty) > 1 else ''} {_ranges(empty)} of {len(pages)} "
            "ha{} no text layer (scanned?): OCR the PDF to read {}".format(
                "ve" if len(empty) > 1 else "s", "them" if len(empty) > 1 else "it"
            )
        )
    _drop_running_lines(pages)
    return _paragraphs(pages), warnings


def _page_lines(page) -> list[_Line]:
    """The page's lines in the order pypdf reads them, each with its height on the page."""
    chunks: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (abs(cm[3]) or 1.0) * (abs(tm[3]) or 1.0)
            chunks.append((text, y, size * scale))

    page.extract_text(visitor_text=visit)
    lines: list[_Line] = []
    text, y, size = "", None, 0.0
    for chunk, chunk_y, chunk_size in chunks:
        parts = chunk.split("\n")
        for i, part in enumerate(parts):
            if i:  # a line ended
                if text.strip():
                    lines.append(_Line(" ".join(text.split()), y or 0.0, size))
                text, y, size = "", None, 0.0
            if part.strip() and y is None:
                y, size = chunk_y, chunk_size
            text += part
    if text.strip():
        lines.append(_Line(" ".join(text.split()), y or 0.0, size))
    return lines


def _shape(text: str) -> str:
    """A line with its digits blurred: 'Page 3 of 9' and 'Page 4 of 9' are one running line."""
    return re.sub(r"\d+", "#", text.casefold())


def _drop_running_lines(pages: list[list[_Line]]) -> None:
    """Remove page numbers and the lines repeated at the top or bottom of most pages."""
    edges: Counter[str] = Counter()
    for lines in pages:
        edges.update({_shape(line.text) for line in _edge_lines(lines)})
    need = max(2, (len(pages) + 1) // 2)
    running = {shape for shape, count in edges.items() if count >= need}
    if len(pages) == 1:
        running = set()
    for lines in pages:
        edge = {id(line) for line in _edge_lines(lines)}
        lines[:] = [
            line
            for line in lines
            if id(line) not in edge
            or not (
                _shape(line.text) in running
                or _PAGE_NUMBER.match(line.text)
                or _PAGE_COUNT.search(line.text)
            )
        ]


def _edge_lines(lines: list[_Line]) -> list[_Line]:
    """The lines highest and lowest on the page, where running headers and footers sit
    (a printer may draw them last, so their place in the reading order says nothing)."""
    by_height = sorted(lines, key=lambda line: line.y)
    return by_height[:_EDGE_LINES] + by_height[-_EDGE_LINES:]


def _paragraphs(pages: list[list[_Line]]) -> list[str]:
    """Join lines into paragraphs: a wide gap, a change of type size or a sentence ending
    at a page's end starts a new one."""
    paragraphs: list[list[str]] = []
    for lines in pages:
        if not lines:
            continue
        gaps = sorted(a.y - b.y for a, b in zip(lines, lines[1:], strict=False) if a.y - b.y > 0)
        sizes = sorted(line.size for line in lines)
        # The spacing of lines within a paragraph: the page's closest spacing, but never
        # more than 1.25 times the type size (a page of one-line paragraphs, all spaced).
        usual = min(gaps[len(gaps) // 4], _LINE_HEIGHT * sizes[len(sizes) // 2]) if gaps else 0.0
        lengths = sorted(len(line.text) for line in lines)
        full = lengths[int(0.9 * (len(lengths) - 1))]
        for i, line in enumerate(lines):
            if i == 0:
                new = not paragraphs or not _continues(paragraphs[-1][-1], line.text)
            else:
                before = lines[i - 1]
                gap = before.y - line.y
                new = (
                    gap <= 0  # a new column, or text placed out of order
                    or (usual > 0 and gap > _PARAGRAPH_GAP * usual)
                    or abs(line.size - before.size) > 0.15 * max(line.size, before.size, 1)
                    # a sentence ending well short of the margin ends its paragraph
                    or (bool(_SENTENCE_END.search(before.text)) and len(before.text) < 0.75 * full)
                )
            if new:
                paragraphs.append([line.text])
            else:
                paragraphs[-1].append(line.text)
    return [_join(lines) for lines in paragraphs]


def _continues(last: str, first: str) -> bool:
    """Whether a page's first line goes on with the paragraph the page before ended."""
    if _HYPHENATED.search(last) or first[:1].islower():
        return True
    # A full line cut mid-sentence runs on; a short line (a header field) ends its paragraph.
    return len(last) >= 50 and not _SENTENCE_END.search(last)


def _join(lines: list[str]) -> str:
    """One paragraph from its lines, a word hyphenated across a line end made whole."""
    text = lines[0]
    for line in lines[1:]:
        if _HYPHENATED.search(text) and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}"
    return text


def _ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5 -> '1-3, 5'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _short(exc: object) -> str:
    text = str(exc)
    return text if len(text) < 160 else text[:160] + "…"
