"""Documents read as paragraphs (PDF, Word, RTF, and text or HTML that turns out to be a
news-database export): one article, or the many articles of an export.

A news database (Nexis Uni, Factiva, ProQuest) exports tens of articles in one Word, RTF,
PDF, HTML or text file; :mod:`~workbench.ingest.readers.exports` recognises them by their
markers and splits them. Anything else is one article: its title a heading where the
document has one, else its first paragraph when that reads as a headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..sources import Problem
from .pages import RawArticle


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a document; ``heading`` when its style makes it a heading."""

    text: str
    heading: bool = False


def text_paragraphs(text: str) -> list[Paragraph]:
    """The lines of a plain text as paragraphs (an export puts one field per line)."""
    return [Paragraph(" ".join(line.split())) for line in text.splitlines() if line.strip()]


def read_document(
    path: str,
    paragraphs: list[Paragraph],
    key: str,
    *,
    kind: str,
    warnings: list[str] | None = None,
) -> Iterator[RawArticle | Problem]:
    """The articles of a document's paragraphs: an export split, or one article."""
    from .exports import export_kind, read_export

    warnings = list(warnings or [])
    for warning in warnings:
        yield Problem(path, warning, level="warning")
    export = export_kind(paragraphs)
    if export is not None:
        yield from read_export(export, path, paragraphs, key, kind=kind)
        return
    if not paragraphs:
        yield Problem(path, f"{kind} has no text")
        return
    title = None
    body = paragraphs
    first_heading = next((i for i, p in enumerate(paragraphs[:3]) if p.heading), None)
    if first_heading is not None and _headline(paragraphs[first_heading].text):
        title = paragraphs[first_heading].text
        body = paragraphs[:first_heading] + paragraphs[first_heading + 1 :]
    text = "\n\n".join(p.text for p in body)
    if not text.strip():
        yield Problem(path, f"{kind} has a title but no text")
        return
    yield RawArticle(
        path=path,
        key=key,
        text=text,
        title=title,
        title_in_text=title is None,
        warnings=warnings,
    )


def _headline(text: str) -> bool:
    return 0 < len(text) <= 250 and not re.search(r"[.!?]\s+\S", text[:-1])
