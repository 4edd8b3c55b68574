"""Reading one record of a news-database export into a raw article: the header's fields
(outlet, date, title, byline, identifier) and the text. See
:mod:`~workbench.ingest.readers.exports` for the layouts and the splitting."""

from __future__ import annotations

import re

from .pages import RawArticle

NEXIS_END = "end of document"
FACTIVA_ID = re.compile(r"^(?:AN\s+)?Document\s+([A-Za-z0-9]{16,40})$")
PROQUEST_RULE = re.compile(r"^_{20,}$")
WORDS = re.compile(r"^([\d,. ]+)\s+(?:words|mots|Wörter|palabras|parole|слов)$", re.IGNORECASE)
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*(?:[AP]M|GMT|UTC|ET|[A-Z]{2,4}))*$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A date line starts with its day or its month (and a day): a cheap look before dateparser.
_DATE_START = re.compile(r"^(?:\d{1,4}[./-]?\s*|\w{3,12}\.?,?\s+\d{1,2}\b)")
_LABEL = re.compile(r"^([A-Z][A-Za-z/ -]{1,40}):\s*(.*)$")
_COPYRIGHT = re.compile(r"^(?:\(c\)|©|copyright\b)", re.IGNORECASE)
_NEXIS_TAIL = {"classification", "graphic", "notes", "load-date", "language", "publication-type"}
_FACTIVA_CODES = (
    "SE HD BY CR WC PD ET SN SC ED PG LA CY LP TD CT RF CO IN NS RE IPC IPD PUB AN".split()
)
_FACTIVA_CODE_LINE = re.compile(r"^(" + "|".join(_FACTIVA_CODES) + r")(?:\s+(.*))?$")
_PROQUEST_FIELDS = {
    name.casefold()
    for name in (
        "Subject",
        "Location",
        "People",
        "Company / organization",
        "Title",
        "Author",
        "Publication title",
        "Publication year",
        "Publication date",
        "Section",
        "Publisher",
        "Place of publication",
        "Country of publication",
        "Publication subject",
        "Source type",
        "Language of publication",
        "Document type",
        "ProQuest document ID",
        "Document URL",
        "Copyright",
        "Last updated",
        "Database",
        "Credit",
        "Illustration",
        "Identifier / keyword",
        "Dateline",
        "Pages",
        "Edition",
        "ISSN",
        "Links",
        "Abstract",
        "Publication info",
    )
}


class RecordError(ValueError):
    """One record of an export that cannot be read, with the reason."""


# -- Nexis -----------------------------------------------------------------------------------
def parse_nexis(lines: list[str]) -> RawArticle:
    """One Nexis Uni article: the header down to 'Body', the text down to 'Classification'."""
    try:
        body_at = next(i for i, t in enumerate(lines) if t.casefold() == "body")
    except StopIteration:
        raise RecordError(
            "no line 'Body': the header cannot be told from the text"
            + (f" (starts '{cut(lines[0])}')" if lines else " (the record is empty)")
        ) from None
    header, body = lines[:body_at], lines[body_at + 1 :]
    fields: dict[str, str] = {}
    plain: list[tuple[int, str]] = []
    for i, text in enumerate(header):
        m = _LABEL.match(text)
        if m and m.group(1).casefold() in {"section", "length", "byline", "dateline", "highlight"}:
            fields[m.group(1).casefold()] = m.group(2).strip()
        else:
            plain.append((i, text))
    end = next((i for i, t in enumerate(body) if _nexis_tail(t)), len(body))
    tail = body[end:]
    for text in tail:
        m = _LABEL.match(text)
        if m:
            fields.setdefault(m.group(1).casefold(), m.group(2).strip())
    body = body[:end]
    date_at = next(
        (n for n, (_, t) in enumerate(plain) if n >= 1 and _YEAR.search(t) and _is_date(t)), None
    )
    if date_at is None:
        raise RecordError(
            "no date line in the header (after the title and the publication)"
            + (f"; title '{cut(plain[0][1])}'" if plain else "")
        )
    title = plain[date_at - 2][1] if date_at >= 2 else None
    if not body:
        raise RecordError(f"no text after 'Body' (title '{cut(title or '')}')")
    return RawArticle(
        path="",
        key="",
        text="\n\n".join(body),
        title=title,
        source=plain[date_at - 1][1],
        date=plain[date_at][1],
        date_field="Nexis header date",
        byline=fields.get("byline") or None,
    )


def _nexis_tail(text: str) -> bool:
    label = text.split(":", 1)[0].strip().casefold()
    return text.casefold() == "classification" or (":" in text and label in _NEXIS_TAIL)


# -- Factiva ---------------------------------------------------------------------------------
def parse_factiva(lines: list[str]) -> RawArticle:
    ident = FACTIVA_ID.match(lines[-1])
    database_id = ident.group(1) if ident else None
    lines = lines[:-1]
    if sum(bool(_FACTIVA_CODE_LINE.match(t)) for t in lines) >= 3 and any(
        t.split(" ", 1)[0] in ("HD", "LP", "TD") for t in lines
    ):
        return _parse_factiva_coded(lines, database_id)
    try:
        words_at = next(i for i, t in enumerate(lines[:8]) if WORDS.match(t))
    except StopIteration:
        raise RecordError(
            f"no '<n> words' line in the header of document {database_id}"
            + (f" (starts '{cut(lines[0])}')" if lines else "")
        ) from None
    before = lines[:words_at]
    byline = before.pop()[3:].strip() if before and before[-1].startswith("By ") else None
    if not before:
        raise RecordError(f"no headline before the word count of document {database_id}")
    title = before[-1]
    rest = lines[words_at + 1 :]
    if not rest or not _is_date(rest[0]):
        raise RecordError(
            f"no date after the word count of document {database_id} "
            f"(found '{cut(rest[0]) if rest else 'nothing'}')"
        )
    date = rest.pop(0)
    if rest and _TIME.match(rest[0]):
        date = f"{date} {rest.pop(0)}"
    source = rest[0] if rest else None
    start = next((i + 1 for i, t in enumerate(rest[:8]) if _COPYRIGHT.match(t)), None)
    if start is None:  # no copyright line: source name, source code, language
        start = min(3, len(rest))
    body = rest[start:]
    if not body:
        raise RecordError(f"no text in document {database_id} ('{cut(title)}')")
    return RawArticle(
        path="",
        key="",
        text="\n\n".join(body),
        title=title,
        source=source,
        date=date,
        date_field="Factiva date",
        byline=byline,
        database_id=database_id,
    )


def _parse_factiva_coded(lines: list[str], database_id: str | None) -> RawArticle:
    """The "plus Indexing" layout: each field opened by its code, alone or before its value."""
    fields: dict[str, list[str]] = {}
    code = None
    for text in lines:
        m = _FACTIVA_CODE_LINE.match(text)
        if m and (m.group(2) is None or code != m.group(1)):
            code = m.group(1)
            fields.setdefault(code, [])
            if m.group(2):
                fields[code].append(m.group(2).strip())
        elif code is not None:
            fields[code].append(text)
    body = fields.get("LP", []) + fields.get("TD", [])
    title = " ".join(fields.get("HD", [])) or None
    if not body:
        raise RecordError(
            f"no LP or TD (text) field in document {database_id} ('{cut(title or '')}')"
        )
    if database_id is None and fields.get("AN"):
        found = re.search(r"([A-Za-z0-9]{16,40})\s*$", fields["AN"][0])
        database_id = found.group(1) if found else None
    byline = " ".join(fields.get("BY", [])) or None
    return RawArticle(
        path="",
        key="",
        text="\n\n".join(body),
        title=title,
        source=" ".join(fields.get("SN", [])) or None,
        date=" ".join(fields.get("PD", []) + fields.get("ET", [])) or None,
        date_field="Factiva PD field",
        byline=byline.removeprefix("By ").strip() if byline else None,
        database_id=database_id,
        language=None,
    )


# -- ProQuest --------------------------------------------------------------------------------
def parse_proquest(lines: list[str]) -> RawArticle:
    fields: dict[str, str] = {}
    body: list[str] = []
    in_text = False
    for text in lines:
        m = _LABEL.match(text)
        label = m.group(1).casefold() if m else ""
        if text.startswith("Full text:"):
            in_text = True
            first = text[len("Full text:") :].strip()
            body += [first] if first else []
        elif in_text and label in _PROQUEST_FIELDS:
            in_text = False
            fields.setdefault(label, m.group(2).strip())  # type: ignore[union-attr]
        elif in_text:
            body.append(text)
        elif m and label in _PROQUEST_FIELDS:
            fields.setdefault(label, m.group(2).strip())
    database_id = fields.get("proquest document id") or None
    if not body:
        raise RecordError(
            f"no 'Full text:' in document {database_id or '(no ProQuest document ID)'}"
            " (an abstract-only record?)"
        )
    return RawArticle(
        path="",
        key="",
        text="\n\n".join(body),
        title=fields.get("title") or (lines[0] if lines else None),
        source=fields.get("publication title") or None,
        url=fields.get("document url") or None,
        date=fields.get("publication date") or None,
        date_field="ProQuest Publication date",
        byline=fields.get("author") or None,
        database_id=database_id,
    )


# -- helpers ---------------------------------------------------------------------------------
def _is_date(text: str) -> bool:
    """A header's date line ('October 5, 2020 Monday', '5 October 2020', '3. März 2021')."""
    from ..dates import parse_date

    return (
        len(text) <= 80
        and bool(_DATE_START.match(text) and _YEAR.search(text))
        and parse_date(_date_part(text)) is not None
    )


def _date_part(text: str) -> str:
    """A header's date line without what dateparser stumbles on ('Wednesday', 'Final Edition')."""
    return re.sub(r"\s+(?:Final|Late|Early|Online|Print|Web)?\s*Edition\b.*$", "", text, flags=re.I)


def cut(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# -- LexisNexis before Nexis Uni ("1 of 100 DOCUMENTS") ------------------------------------
_CLASSIC_LABEL = re.compile(r"^([A-Z][A-Z-]{2,30}):\s*(.*)$")
_CLASSIC_TAIL = {
    "load-date",
    "language",
    "publication-type",
    "graphic",
    "url",
    "subject",
    "type",
    "correction-date",
    "journal-code",
    "notes",
    "document-type",
}


def parse_lexisnexis(lines: list[str]) -> RawArticle:
    """One article of an old LexisNexis export: the outlet, the date line (and an edition),
    the title, labelled fields down to ``LENGTH:``, the text, then the closing fields."""
    date_at = next((i for i, t in enumerate(lines[:4]) if _is_date(t)), None)
    if date_at is None or date_at == 0:
        raise RecordError(
            "no date line under the publication's name"
            + (f" (starts '{cut(lines[0])}')" if lines else " (the record is empty)")
        )
    labelled = [i for i, t in enumerate(lines) if _CLASSIC_LABEL.match(t)]
    fields: dict[str, str] = {}
    for i in labelled:
        m = _CLASSIC_LABEL.match(lines[i])
        if m:
            fields.setdefault(m.group(1).lower(), m.group(2).strip())
    try:
        length_at = next(i for i in labelled if lines[i].startswith("LENGTH:"))
    except StopIteration:
        raise RecordError(
            f"no 'LENGTH:' line: the header cannot be told from the text (starts '{cut(lines[0])}')"
        ) from None
    start = date_at + 1
    while start < len(lines) and re.search(r"\bedition\b", lines[start], re.IGNORECASE):
        start += 1
    first_label = min((i for i in labelled if i >= start), default=length_at)
    title = " ".join(lines[start:first_label]) or None
    body: list[str] = []
    for text in lines[length_at + 1 :]:
        m = _CLASSIC_LABEL.match(text)
        if m and m.group(1).lower() in _CLASSIC_TAIL:
            break
        if m and not body:
            continue  # DATELINE:, HIGHLIGHT: before the text
        if _COPYRIGHT.match(text) and body:
            break
        body.append(text)
    if not body:
        raise RecordError(f"no text after 'LENGTH:' (title '{cut(title or '')}')")
    return RawArticle(
        path="",
        key="",
        text="\n\n".join(body),
        title=title,
        source=" ".join(lines[:date_at]),
        date=lines[date_at],
        date_field="LexisNexis header date",
        byline=fields.get("byline") or None,
    )
