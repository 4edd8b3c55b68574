"""News-database exports that hold many articles per file: Nexis Uni / LexisNexis,
Factiva and ProQuest, whatever the file (Word, RTF, PDF, HTML or text) they came in.

Each export is split into its records by the database's own markers, and each record's
header gives the outlet, date, title, byline and the database's identifier:

- **Nexis Uni** ends every article with a line "End of Document"; the header lists the
  title, the publication, the date line ("March 3, 2021 Wednesday"), then labelled lines
  (``Section:``, ``Length:``, ``Byline:``, ``Dateline:``) down to a line "Body"; after the
  text, "Classification" opens the indexing block (``Load-Date:`` ...).
- **LexisNexis** before Nexis Uni (its TXT and RTF exports) opens every article with
  "1 of 100 DOCUMENTS"; the publication, the date line and the title come first, then
  upper-case fields (``BYLINE:``, ``SECTION:``, ``LENGTH:``) before the text, and
  ``LOAD-DATE:``, ``LANGUAGE:`` after it.
- **Factiva** ends every article with "Document <id>"; its header block is the headline,
  an optional "By ..." line, "<n> words", the date, an optional time, the source name and
  code, the language and the copyright line; with "plus Indexing" every field comes with
  its two-letter code (``HD``, ``BY``, ``WC``, ``PD``, ``SN``, ``LP``, ``TD``, ``AN``).
- **ProQuest** separates records by a line of underscores; the text follows "Full text:"
  and the fields follow as "Name: value" lines (``Publication title:``,
  ``Publication date:``, ``ProQuest document ID:``).

A record that cannot be read is reported with its number in the file; the others load.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..sources import Problem
from .export_parsers import (
    FACTIVA_ID,
    NEXIS_END,
    PROQUEST_RULE,
    WORDS,
    RecordError,
    cut,
    parse_factiva,
    parse_lexisnexis,
    parse_nexis,
    parse_proquest,
)
from .pages import RawArticle, _short_hash

if TYPE_CHECKING:
    from .documents import Paragraph

_CLASSIC_START = re.compile(r"^\d+ of \d+ DOCUMENTS?$", re.IGNORECASE)


def export_kind(paragraphs: Sequence[Paragraph]) -> str | None:
    """'Nexis', 'LexisNexis', 'Factiva' or 'ProQuest' when the paragraphs are such an
    export, else None."""
    texts = [p.text for p in paragraphs]
    if any(t.casefold() == NEXIS_END for t in texts):
        return "Nexis"
    if any(_CLASSIC_START.match(t) for t in texts) and any(t.startswith("LENGTH:") for t in texts):
        return "LexisNexis"
    if any(FACTIVA_ID.match(t) for t in texts) and any(
        WORDS.match(t) or t in ("HD", "LP") or t.startswith("HD ") for t in texts
    ):
        return "Factiva"
    if any(t.startswith("ProQuest document ID:") for t in texts) and any(
        t.startswith("Full text:") for t in texts
    ):
        return "ProQuest"
    return None


def read_export(
    export: str, path: str, paragraphs: Sequence[Paragraph], key: str, *, kind: str
) -> Iterator[RawArticle | Problem]:
    """One article per record of a Nexis, Factiva or ProQuest export; bad records reported."""
    texts = [p.text for p in paragraphs]
    records, tail = _SPLIT[export](texts)
    parse = _PARSE[export]
    good = 0
    for number, lines in enumerate(records, start=1):
        location = f"article {number} of {len(records)}"
        try:
            raw = parse(lines)
        except RecordError as exc:
            yield Problem(path, f"{export} export: {exc}", location)
            continue
        ident = raw.database_id or f"{raw.source}|{raw.date}|{raw.title}|{number}"
        raw.path, raw.key, raw.location = path, f"{key}-{_short_hash(ident)}", location
        good += 1
        yield raw
    if tail:
        yield Problem(
            path,
            f"{export} export: text after the last article's end marker, not an article "
            f"({len(tail)} line{'s' if len(tail) > 1 else ''}: '{cut(tail[0])}'); "
            "was the file cut short?",
            f"after article {len(records)}",
            level="warning",
        )
    if not records:
        yield Problem(path, f"{kind} looks like a {export} export but holds no article")


# -- splitting ------------------------------------------------------------------------------
def _split_nexis(texts: list[str]) -> tuple[list[list[str]], list[str]]:
    records: list[list[str]] = []
    current: list[str] = []
    for text in texts:
        if text.casefold() == NEXIS_END:
            records.append(current)
            current = []
        else:
            current.append(text)
    return records, current


def _split_factiva(texts: list[str]) -> tuple[list[list[str]], list[str]]:
    records: list[list[str]] = []
    current: list[str] = []
    for text in texts:
        current.append(text)
        if FACTIVA_ID.match(text):
            records.append(current)
            current = []
    # A search summary or page footer after the last record is not an article.
    return records, [t for t in current if not re.match(r"^(?:search summary|page \d)", t, re.I)]


def _split_lexisnexis(texts: list[str]) -> tuple[list[list[str]], list[str]]:
    """Records opened by 'N of M DOCUMENTS'; what comes before the first is not one."""
    records: list[list[str]] = []
    for text in texts:
        if _CLASSIC_START.match(text):
            records.append([])
        elif records:
            records[-1].append(text)
    return records, []


def _split_proquest(texts: list[str]) -> tuple[list[list[str]], list[str]]:
    records: list[list[str]] = []
    current: list[str] = []
    for text in [*texts, "_" * 20]:
        if PROQUEST_RULE.match(text):
            if any(
                t.startswith("Full text:") or t.startswith("ProQuest document ID:") for t in current
            ):
                records.append(current)
            current = []  # a cover page or a contents list before the first record
        else:
            current.append(text)
    return records, []


_SPLIT: dict[str, Callable[[list[str]], tuple[list[list[str]], list[str]]]] = {
    "Nexis": _split_nexis,
    "LexisNexis": _split_lexisnexis,
    "Factiva": _split_factiva,
    "ProQuest": _split_proquest,
}
_PARSE: dict[str, Callable[[list[str]], RawArticle]] = {
    "Nexis": parse_nexis,
    "LexisNexis": parse_lexisnexis,
    "Factiva": parse_factiva,
    "ProQuest": parse_proquest,
}
