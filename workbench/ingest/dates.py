"""Publication dates: parsing date values, and finding a date in an article's text.

Order of trust (annotation guide): metadata > dateline > explicit dates in the text >
a month-day completed with a year the text itself supports > missing. A date that
cannot be established stays missing; nothing here ever falls back to today.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# Every full date starts at a word start: saying so first lets the scan skip other
# positions at once (3-6x faster over long texts, same matches).
_WEEKDAY = r"\b(?=\w)(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_WEEKDAY += r")\.?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?:\s*(?:-|,|at)?\s*(?P<hour>[012]?\d)[:.](?P<minute>[0-5]\d))?"

# Full dates, each with named groups day / month / year.
_FULL_DATE_PATTERNS = [
    # 28/09/2020, 28.09.2020, 28-09-2020 (day first unless impossible; see _numeric_date)
    re.compile(
        _WEEKDAY + r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.]" + _YEAR + r"\b" + _TIME,
        re.IGNORECASE,
    ),
    # 2020-09-28
    re.compile(r"\b" + _YEAR + r"-(?P<b>\d{2})-(?P<a>\d{2})\b" + _TIME),
    # September 28, 2020 / Sept. 28 2020
    re.compile(
        _WEEKDAY + r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"\b",
        re.IGNORECASE,
    ),
    # 28 September 2020
    re.compile(
        _WEEKDAY + r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+" + _YEAR + r"\b",
        re.IGNORECASE,
    ),
]
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r"\s+(?:of\s+)?" + _YEAR + r"\b", re.IGNORECASE)
_MONTH_DAY = re.compile(
    r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![,.]?\s*(?:19|20)\d\d)"
    r"|\b(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month2>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\b(?!\.?,?\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
# "MOSCOW, September 20." / "KYIV, Ukraine (AP) — Sept. 20 -" at the start of a paragraph.
_DATELINE_PLACE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][A-Za-z .'-]{2,30})?)"
    r"(?:\s*\([A-Za-z/ .]{1,20}\))?\s*[,:–—-]\s*",
)
_RELATIVE_DAY = re.compile(r"\b(?P<rel>yesterday|today)\b", re.IGNORECASE)

# Year-month-day-hour-minute-second with any separators, e.g. 2020-09-30-18-28-52.
_COMPACT_STAMP = re.compile(
    r"^\s*(\d{4})[-_./](\d{1,2})[-_./](\d{1,2})"
    r"(?:[-_T ](\d{1,2})[-_:.](\d{2})(?:[-_:.](\d{2}))?)?\s*$"
)

_DATEPARSER_SETTINGS = {
    # Relative expressions ("yesterday", "2 days ago") would be read against today's
    # clock, which is never an article's date: leave them out.
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
}


@dataclass(frozen=True)
class DateFinding:
    """A publication date found in text, with how it was found and the words behind it."""

    value: pd.Timestamp | None
    basis: str
    evidence: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)


MISSING = DateFinding(None, "missing")


def _naive(ts: pd.Timestamp) -> pd.Timestamp:
    """Convert an aware timestamp to naive UTC; leave a naive one as it is."""
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts


def parse_date(value: object) -> pd.Timestamp | None:
    """Parse a date value from metadata (string, date, datetime or timestamp).

    Time-zone aware values are converted to UTC and made naive. Returns None when the
    value is empty or cannot be read as a calendar date with day, month and year.

    Examples
    --------
    >>> parse_date("2020-09-30-18-28-52")
    Timestamp('2020-09-30 18:28:52')
    >>> parse_date("2022-06-16T15:16:27Z")
    Timestamp('2022-06-16 15:16:27')
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return None if pd.isna(value) else _naive(pd.Timestamp(value))
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    return _parse_date_string(str(value).strip())


@lru_cache(maxsize=65536)
def _parse_date_string(text: str) -> pd.Timestamp | None:
    """Parse one date string, fast paths first, dateparser last."""
    if not text or len(text) > 80:
        return None
    m = _COMPACT_STAMP.match(text)
    if m:
        year, month, day, hour, minute, second = (int(p) if p else 0 for p in m.groups())
        try:
            return pd.Timestamp(dt.datetime(year, month, day, hour, minute, second))
        except ValueError:
            return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?", text):
        try:
            return _naive(pd.Timestamp(text))
        except ValueError:
            pass
    if not any(ch.isdigit() for ch in text) or (
        text.isascii() and text.isdigit() and len(text) <= 3
    ):
        # No digit, no year; up to three digits, no day, month and year: dateparser, asked
        # for all three, finds no date (not in words, not in CJK numerals, not in 0-999:
        # tests/ingest/test_dates.py). Titles, index columns and other short columns are
        # then checked for dates without its 20 ms a call.
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    try:
        parsed = dateparser.parse(text, settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None:
        return None
    return _naive(pd.Timestamp(parsed))


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_date(m: re.Match[str]) -> tuple[pd.Timestamp | None, list[str]]:
    """Turn a full-date match into a timestamp; day/month order settled by the weekday."""
    groups = m.groupdict()
    year = int(groups["year"])
    warnings: list[str] = []
    weekday = WEEKDAYS.get((groups.get("weekday") or "").lower().rstrip("."))
    if groups.get("month"):
        candidates = [_make_date(year, MONTHS[groups["month"].lower()], int(groups["day"]))]
    elif "a" in groups and groups.get("a") and m.re.pattern.startswith(r"\b(?P<year>"):
        candidates = [_make_date(year, int(groups["b"]), int(groups["a"]))]
    else:
        a, b = int(groups["a"]), int(groups["b"])
        day_first, month_first = _make_date(year, b, a), _make_date(year, a, b)
        candidates = [day_first, month_first] if a != b else [day_first]
    valid = [c for c in candidates if c is not None]
    if weekday is not None and valid:
        matching = [c for c in valid if c.weekday() == weekday]
        if matching:
            valid = matching
        else:
            warnings.append(f"weekday in '{m.group(0).strip()}' does not match the date")
    if not valid:
        return None, [f"'{m.group(0).strip()}' is not a valid date"]
    if len(valid) > 1:
        warnings.append(f"'{m.group(0).strip()}' is ambiguous; read as day/month")
    day = valid[0]
    hour, minute = groups.get("hour"), groups.get("minute")
    ts = pd.Timestamp(day)
    if hour is not None and minute is not None and int(hour) < 24:
        ts = ts.replace(hour=int(hour), minute=int(minute))
    return ts, warnings


def _iter_full_dates(text: str):
    """Yield (match, timestamp, warnings) for every full date in ``text``, in order."""
    found = []
    for pattern in _FULL_DATE_PATTERNS:
        for m in pattern.finditer(text):
            ts, warnings = _full_date(m)
            found.append((m.start(), m, ts, warnings))
    found.sort(key=lambda item: item[0])
    taken_until = -1
    for start, m, ts, warnings in found:
        if start < taken_until:
            continue
        taken_until = m.end()
        yield m, ts, warnings


def _month_day(m: re.Match[str]) -> tuple[int, int] | None:
    """Month and day of a month-day match; None for a lower-case word such as 'may'."""
    month = m.group("month") or m.group("month2")
    if not month[0].isupper():
        return None
    day = m.group("day") or m.group("day2")
    return MONTHS[month.lower().rstrip(".")], int(day)


def supported_year(text: str, month: int, day: int) -> tuple[int | None, str]:
    """The year that the text itself supports for a month-day, with the evidence.

    The support is the latest year named together with a month (``May 2023``) or in a
    full date. Bare years (``since 1991``) are history, not support. The completed
    date must not fall before that latest dated mention.
    """
    mentions: list[tuple[dt.date, str]] = []
    for m in _MONTH_YEAR.finditer(text):
        mentions.append(
            (dt.date(int(m.group("year")), MONTHS[m.group("month").lower()], 1), m.group(0))
        )
    for m, ts, _ in _iter_full_dates(text):
        if ts is not None:
            mentions.append((ts.date().replace(day=1), m.group(0).strip()))
    if not mentions:
        return None, ""
    latest, evidence = max(mentions, key=lambda item: item[0])
    candidate = _make_date(latest.year, month, day)
    if candidate is None or candidate < latest:
        return None, evidence
    return latest.year, evidence


def _today() -> dt.date:
    return dt.date.today()


def find_text_date(text: str, *, lead_paragraphs: int = 3) -> DateFinding:
    """Find the publication date in an article's (cleaned) text.

    Looks for a dateline in the first ``lead_paragraphs`` paragraphs, then for a date
    anchored by ``today``/``yesterday``, then for explicit full dates anywhere. A
    month-day without a year is completed only with a year the text supports.
    Captions must already be removed (see ``workbench.ingest.clean``): a caption's date is
    not the publication date.

    Examples
    --------
    >>> find_text_date("Title\\n\\nMon, 28/09/2020 - 13:42\\n\\nBody.").value
    Timestamp('2020-09-28 13:42:00')
    >>> find_text_date("Fighting since 1991. It began on September 27.").basis
    'missing'
    """
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    warnings: list[str] = []
    for para in paragraphs[:lead_paragraphs]:
        head = para.strip()[:160]
        finding = _dateline(head, text, warnings)
        if finding is not None:
            return _not_future(finding)
    for m in _RELATIVE_DAY.finditer(text):
        window = text[max(0, m.start() - 60) : m.end() + 60]
        md = _MONTH_DAY.search(window)
        month_day = _month_day(md) if md else None
        if md is None or month_day is None:
            continue
        month, day = month_day
        year, evidence = supported_year(text, month, day)
        if year is None:
            warnings.append(
                f"'{m.group(0)} ({md.group(0)})' gives a month and day, but no year is supported"
            )
            continue
        date = _make_date(year, month, day)
        if date is None:
            continue
        if m.group("rel").lower() == "yesterday":
            date += dt.timedelta(days=1)
        return _not_future(
            DateFinding(
                pd.Timestamp(date),
                "text",
                f"{window.strip()} [year from '{evidence}']",
                tuple(warnings),
            )
        )
    full = [(m, ts) for m, ts, _ in _iter_full_dates(text) if ts is not None]
    full = [(m, ts) for m, ts in full if ts.date() <= _today()]
    if full:
        m, ts = max(full, key=lambda item: item[1])
        warnings.append(
            f"date taken from the latest date named in the text: '{m.group(0).strip()}'"
        )
        return DateFinding(ts.normalize(), "text", m.group(0).strip(), tuple(warnings))
    return DateFinding(None, "missing", "", tuple(warnings))


def _dateline(head: str, text: str, warnings: list[str]) -> DateFinding | None:
    """A dateline at the start of ``head``: a full date, or PLACE, Month Day."""
    for m, ts, date_warnings in _iter_full_dates(head):
        prefix = head[: m.start()]
        # A dateline opens the paragraph: at most a short label ("Updated:") before it.
        if len(prefix) > 40 or len(prefix.split()) > 5 or re.search(r"[.!?]\s", prefix):
            break
        warnings.extend(date_warnings)
        if ts is not None:
            return DateFinding(ts, "dateline", m.group(0).strip(), tuple(warnings))
    place = _DATELINE_PLACE.match(head)
    if place is None:
        return None
    md = _MONTH_DAY.match(head, place.end())
    month_day = _month_day(md) if md else None
    if md is None or month_day is None:
        return None
    month, day = month_day
    year, evidence = supported_year(text, month, day)
    if year is None:
        warnings.append(f"dateline '{head[: md.end()]}' has no year, and the text supports none")
        return None
    date = _make_date(year, month, day)
    if date is None:
        return None
    warnings.append(f"year of dateline '{head[: md.end()]}' taken from '{evidence}'")
    return DateFinding(pd.Timestamp(date), "dateline", head[: md.end()], tuple(warnings))


def _not_future(finding: DateFinding) -> DateFinding:
    """Reject a date after today: a text cannot have been published in the future."""
    if finding.value is not None and finding.value.date() > _today():
        return DateFinding(
            None,
            "missing",
            finding.evidence,
            (*finding.warnings, f"date {finding.value.date()} is in the future; ignored"),
        )
    return finding
