"""Readers for many-article files: CSV/TSV and JSON/JSONL exports.

Header names are mapped to roles (date, title, text, url, source, language) from the
usual spellings, case-insensitively, or from an explicit mapping. Then the content is
checked against the header: a column named ``URL`` that holds dates is reported, and
the columns are read by what they contain.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Iterator, Mapping, Sequence

from ..dates import parse_date
from ..sources import Problem
from .pages import RawArticle, _short_hash

ROLES = ("date", "title", "text", "url", "source", "language")
ALIASES = {
    "date": [
        "date",
        "published",
        "pubdate",
        "publishdate",
        "publicationdate",
        "publishedat",
        "datepublished",
        "datetime",
        "timestamp",
        "createdat",
        "time",
    ],
    "title": ["title", "headline", "heading", "headlinetext"],
    "text": [
        "text",
        "body",
        "content",
        "article",
        "fulltext",
        "maintext",
        "articletext",
        "story",
        "bodytext",
    ],
    "url": ["url", "link", "href", "permalink", "uri", "articleurl"],
    "source": [
        "source",
        "outlet",
        "publisher",
        "site",
        "sitename",
        "media",
        "newspaper",
        "publication",
        "medianame",
    ],
    "language": ["language", "lang"],
}
_ALIAS_ROLE = {alias: role for role, aliases in ALIASES.items() for alias in aliases}
_URL_LIKE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_INDEX_HEADER = re.compile(r"^(?:|unnamed: ?\d+|index|id|#)$", re.IGNORECASE)
_SAMPLE = 200
_EOF = "\ue000end of file\ue000"  # a private-use sentinel no real CSV holds


def _normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.strip().lower())


def map_header(header: Sequence[str], explicit: Mapping[str, str] | None = None) -> dict[str, int]:
    """Map roles to column positions from the header names (explicit mapping first)."""
    roles: dict[str, int] = {}
    explicit_norm = {_normalise(k): v for k, v in (explicit or {}).items()}
    for position, name in enumerate(header):
        role = explicit_norm.get(_normalise(name))
        if role is not None:
            role = role.strip().lower()
            if role not in ROLES:
                raise ValueError(
                    f"unknown role {role!r} for column {name!r}; roles are {', '.join(ROLES)}"
                )
            roles[role] = position
    for position, name in enumerate(header):
        role = _ALIAS_ROLE.get(_normalise(name))
        if role and role not in roles and position not in roles.values():
            roles[role] = position
    return roles


def _kind(values: list[str]) -> tuple[str, float]:
    """What a column holds, judged on a sample: url, date, empty or text; and mean length."""
    values = [v.strip() for v in values if v and v.strip()]
    if not values:
        return "empty", 0.0
    mean_length = sum(map(len, values)) / len(values)
    if sum(bool(_URL_LIKE.match(v)) for v in values) >= 0.8 * len(values):
        return "url", mean_length
    if mean_length <= 40 and _mostly_dates(values):
        return "date", mean_length
    return "text", mean_length


def _mostly_dates(values: list[str]) -> bool:
    """At least 80% parse as dates; stops as soon as that can no longer be reached."""
    allowed = len(values) - int(0.8 * len(values) + 0.999)
    failures = 0
    for value in values:
        if parse_date(value) is None:
            failures += 1
            if failures > allowed:
                return False
    return True


_EXPECTED_KIND = {
    "date": {"date"},
    "url": {"url", "empty"},
    "title": {"text", "empty"},
    "text": {"text"},
}


_NOUN = {"date": "dates", "url": "URLs", "title": "titles", "text": "text", "empty": "nothing"}


def check_header(
    header: Sequence[str], rows: Sequence[Sequence[str]], roles: dict[str, int], explicit: bool
) -> tuple[dict[str, int | list[int]], str]:
    """Check mapped columns against their content; remap by content when the header lies.

    Returns the role mapping (``text`` may span several columns) and a warning ('' when
    the header holds). An explicit mapping from the caller is trusted as given.
    """
    positions = range(len(header))
    kinds = {p: _kind([r[p] for r in rows[:_SAMPLE] if p < len(r)]) for p in positions}
    lies = [
        f"column '{header[p]}' holds {_NOUN[kinds[p][0]]}, not {_NOUN[role]}"
        for role, p in roles.items()
        if role in _EXPECTED_KIND and kinds[p][0] not in _EXPECTED_KIND[role]
    ]
    result: dict[str, int | list[int]] = dict(roles)
    if not lies or explicit:
        return result, ""
    # Read by content: dates, URLs, then text columns in file order: the first shorter
    # one is the title, the rest are the text.
    used = {p for p in positions if _INDEX_HEADER.match(header[p].strip())}
    result = {}
    for role in ("date", "url"):
        for p in positions:
            if p not in used and kinds[p][0] == role:
                result[role] = p
                used.add(p)
                break
    for role in ("source", "language"):
        if role in roles and kinds[roles[role]][0] == "text" and roles[role] not in used:
            result[role] = roles[role]
            used.add(roles[role])
    texts = [p for p in positions if p not in used and kinds[p][0] == "text"]
    if len(texts) >= 2 and kinds[texts[0]][1] < kinds[texts[1]][1]:
        result["title"] = texts[0]
        texts = texts[1:]
    if texts:
        result["text"] = texts
    described = ", ".join(
        f"{role}={'+'.join(header[p] for p in (cols if isinstance(cols, list) else [cols]))}"
        for role, cols in result.items()
    )
    return result, (
        f"header ({', '.join(header)}) does not match the content: {'; '.join(lies)}. "
        f"Read by content as {described}"
    )


def _records_from_rows(
    path: str,
    key: str,
    header: list[str],
    rows: list[tuple[str, list[str]]],
    explicit: Mapping[str, str] | None,
) -> Iterator[RawArticle | Problem]:
    """Turn header + located rows into articles, with one warning if the header lies."""
    try:
        roles = map_header(header, explicit)
    except ValueError as exc:
        yield Problem(path, str(exc))
        return
    mapping, warning = check_header(header, [r for _, r in rows], roles, bool(explicit))
    if warning:
        yield Problem(path, warning, "header", level="warning")
    if "text" not in mapping:
        names = {_normalise(h) for h in header}
        unmatched = [k for k in (explicit or {}) if _normalise(k) not in names]
        hint = (
            f"columns= names {', '.join(repr(k) for k in unmatched)}, not in this file"
            if unmatched
            else "pass columns={...: 'text'}"
        )
        yield Problem(path, f"no text column found (header: {', '.join(header)}); {hint}")
        return
    text_cols = mapping["text"] if isinstance(mapping["text"], list) else [mapping["text"]]
    date_col = mapping.get("date")
    date_field = f"column '{header[date_col]}'" if isinstance(date_col, int) else ""
    keys_seen: dict[str, int] = {}

    def cell(row: list[str], role: str) -> str | None:
        p = mapping.get(role)
        if isinstance(p, int) and p < len(row):
            value = row[p].strip()
            return value or None
        return None

    for location, row in rows:
        text = "\n\n".join(row[p].strip() for p in text_cols if p < len(row) and row[p].strip())
        if not text:
            yield Problem(path, "row has no text", location)
            continue
        url, title, date = cell(row, "url"), cell(row, "title"), cell(row, "date")
        ident = url or f"{title or ''}|{date or ''}|{text[:200]}"
        row_key = f"{key}-{_short_hash(ident)}"
        keys_seen[row_key] = keys_seen.get(row_key, 0) + 1
        if keys_seen[row_key] > 1:
            row_key = f"{row_key}-{keys_seen[row_key]}"
        yield RawArticle(
            path=path,
            key=row_key,
            text=text,
            location=location,
            title=title,
            source=cell(row, "source"),
            url=url,
            date=date,
            date_field=date_field,
            language=cell(row, "language"),
            tabular=True,
            warnings=[warning.split(". Read by")[0]] if warning else [],
        )


def read_table(
    path: str,
    text: str,
    key: str,
    *,
    delimiter: str | None = None,
    columns: Mapping[str, str] | None = None,
) -> Iterator[RawArticle | Problem]:
    """A CSV or TSV export, one article per row; ragged rows are reported and skipped."""
    csv.field_size_limit(1 << 30)
    if delimiter is None:
        first_line = text.split("\n", 1)[0]
        counts = {d: first_line.count(d) for d in (",", "\t", ";")}
        delimiter = max(counts, key=lambda d: (counts[d], d == ","))
    if not text.endswith(("\n", "\r")):
        text += "\n"
    # A sentinel line after the text: a quote left open swallows it into its field, which
    # is how an unclosed quote (that would silently eat the rest of the file) is seen.
    lines = itertools.chain(io.StringIO(text, newline=""), [_EOF])
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        header = [_EOF]
    except csv.Error as exc:
        yield Problem(path, f"header cannot be read: {exc}", "line 1")
        return
    if header == [_EOF]:
        yield Problem(path, "file is empty")
        return
    if not header:
        yield Problem(path, "the first line (the header) is blank", "line 1")
        return
    if header[-1].endswith(_EOF):
        yield Problem(
            path, "unclosed quote in the header: it runs to the end of the file", "line 1"
        )
        return
    rows: list[tuple[str, list[str]]] = []
    number = 0
    while True:
        start_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Problem(path, f"malformed CSV: {exc}", f"line {start_line}")
            break
        if row == [_EOF]:
            break
        number += 1
        location = f"row {number}, line {start_line}"
        if row and row[-1].endswith(_EOF):
            last_line = reader.line_num - 1  # the sentinel is not a line of the file
            yield Problem(
                path,
                f"unclosed quote: field {len(row)} runs from line {start_line} to the end "
                f"of the file (line {last_line}); row skipped",
                location,
            )
            break
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Problem(
                path, f"row has {len(row)} fields, the header has {len(header)}; skipped", location
            )
            continue
        rows.append((location, row))
    if not rows:
        yield Problem(path, "no data rows")
        return
    yield from _records_from_rows(path, key, header, rows, columns)


_LIST_KEYS = ("articles", "items", "data", "results", "entries", "docs", "documents", "records")


def read_json(
    path: str, text: str, key: str, *, lines: bool, columns: Mapping[str, str] | None = None
) -> Iterator[RawArticle | Problem]:
    """A JSON file (an object, a list, or an object holding a list) or JSON Lines."""
    objects: list[tuple[str, object]] = []
    blank = True  # JSON Lines with no line but blanks (Unicode spaces pass the byte check)
    if lines:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            blank = False
            try:
                objects.append((f"line {number}", json.loads(line)))
            except (ValueError, RecursionError) as exc:
                reason = _json_reason(exc, in_line=True)
                yield Problem(path, f"malformed JSON: {reason}", f"line {number}")
    else:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            if isinstance(exc, json.JSONDecodeError) and exc.msg == "Extra data":
                # One object per line in a file named .json: read it as JSON Lines.
                yield Problem(path, "holds one JSON object per line (JSON Lines)", level="warning")
                yield from read_json(path, text, key, lines=True, columns=columns)
                return
            where = f"line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
            yield Problem(path, f"malformed JSON: {_json_reason(exc)}", where)
            return
        if isinstance(data, dict):
            nested = next((data[k] for k in _LIST_KEYS if isinstance(data.get(k), list)), None)
            data = nested if nested is not None else [data]
        if not isinstance(data, list):
            yield Problem(path, f"JSON holds {_json_type(data)}, not articles (objects)")
            return
        objects = [(f"item {i}", obj) for i, obj in enumerate(data, start=1)]
    good = [(loc, obj) for loc, obj in objects if isinstance(obj, dict)]
    for loc, obj in objects:
        if not isinstance(obj, dict):
            yield Problem(
                path, f"expected an object with article fields, got {_json_type(obj)}", loc
            )
    if not good:
        if objects:
            yield Problem(path, "no article objects")
        elif not lines:
            yield Problem(path, "no articles: the JSON list is empty")
        elif blank:
            yield Problem(path, "file is empty (only whitespace)")
        return
    header: list[str] = []
    for _, obj in good:
        for k in obj:
            if str(k) not in header:
                header.append(str(k))
    rows = [(loc, [_scalar(obj.get(h)) for h in header]) for loc, obj in good]
    yield from _records_from_rows(path, key, header, rows, columns)


def _scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    if isinstance(value, dict):  # e.g. NewsAPI's "source": {"id": ..., "name": ...}
        name = value.get("name") or value.get("title")
        return name if isinstance(name, str) else ""
    if isinstance(value, list):
        return ""
    return str(value)


def _json_type(value: object) -> str:
    """How JSON itself names a value's type, for messages."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    names = {str: "a string", list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _json_reason(exc: Exception, *, in_line: bool = False) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        if in_line:
            return f"{exc.msg} (column {exc.colno})"
        return f"{exc.msg} (line {exc.lineno}, column {exc.colno})"
    return str(exc)
