"""Date parsing and date finding: the order of trust, and never a guessed date."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from workbench.ingest.dates import find_text_date, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-09-30-18-28-52", "2020-09-30 18:28:52"),
        ("2020-09-30", "2020-09-30"),
        ("2022-06-11T00:57:56", "2022-06-11 00:57:56"),
        ("2022-06-16T15:16:27Z", "2022-06-16 15:16:27"),
        ("2022-02-01T00:11:05+0000", "2022-02-01 00:11:05"),
        ("2022-02-01T03:11:05+03:00", "2022-02-01 00:11:05"),
        ("Mon, 28 Sep 2020 13:42:00 GMT", "2020-09-28 13:42:00"),
        ("September 27, 2020", "2020-09-27"),
        (dt.date(2020, 9, 27), "2020-09-27"),
        (pd.Timestamp("2020-09-27 10:00", tz="Asia/Baku"), "2020-09-27 06:00"),
        ("yesterday", None),
        ("Sept. 2020", None),
        ("", None),
        (None, None),
        ("not a date", None),
        ("2020-13-45", None),
    ],
)
def test_parse_date(value, expected):
    got = parse_date(value)
    assert got == (pd.Timestamp(expected) if expected else None)
    assert got is None or got.tzinfo is None


@pytest.mark.parametrize(
    "text",
    [
        "March first twenty twenty two",
        "first of March, two thousand and twenty-two",
        "二〇二二年三月一日",
        "первое марта две тысячи двадцать второго года",
        "Tuesday March",
        "today",
        "Talks resume in the capital",
        "0",
        "7",
        "12",
        "40",
        "123",
        "007",
        "999",
    ],
)
def test_no_digit_no_date_even_for_dateparser(text):
    """What the loader's shortcut for text without digits (or of three digits at most)
    relies on: dateparser itself, with the loader's settings, finds no full date in it
    (every number 0-999 was checked once)."""
    import dateparser

    from workbench.ingest.dates import _DATEPARSER_SETTINGS

    assert dateparser.parse(text, settings=_DATEPARSER_SETTINGS) is None
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["２０２２年３月１日", "2022年3月1日"])
def test_digits_of_any_script_still_reach_dateparser(text):
    assert parse_date(text) == pd.Timestamp("2022-03-01")


@pytest.mark.parametrize(
    ("text", "expected", "basis"),
    [
        ("Headline\n\nMon, 28/09/2020 - 13:42\n\nBody.", "2020-09-28 13:42", "dateline"),
        # Weekday settles day/month order: 4 March 2020 was a Wednesday, 3 April a Friday.
        ("Fri, 03/04/2020\n\nBody.", "2020-04-03", "dateline"),
        ("Wed, 04/03/2020\n\nBody.", "2020-03-04", "dateline"),
        (
            "MOSCOW, September 20. Talks were held. In May 2023 the sides met.",
            "2023-09-20",
            "dateline",
        ),
        (
            "BAKU, Azerbaijan (AP) — Sept. 28 - Fighting. Since July 2020 tension grew.",
            "2020-09-28",
            "dateline",
        ),
        ("September 27, 2020\n\nThe war began.", "2020-09-27", "dateline"),
        # A bare year is history, not support for a month-day.
        ("MOSCOW, September 20. The war of 1994 ended in a truce.", None, "missing"),
        # The month-day must not fall before the latest dated mention.
        ("MOSCOW, March 2. Clashes in May 2023 were the worst.", None, "missing"),
        (
            "Clashes started yesterday (September 27). The truce of July 2020 broke down.",
            "2020-09-28",
            "text",
        ),
        ("Clashes started yesterday (September 27). The war of 1994 ended.", None, "missing"),
        # Support from October 2019 cannot give 27 September 2019: no guess at 2020.
        (
            "Clashes started yesterday (September 27). The truce of October 2019 broke.",
            None,
            "missing",
        ),
        ("A report. The ceasefire of November 9, 2020 was signed in Moscow.", "2020-11-09", "text"),
        ("Nothing dated here, only Sunday and Tuesday.", None, "missing"),
        ("You may 20 times ask. MOSCOW, may 20. In May 2023 talks.", None, "missing"),
    ],
)
def test_find_text_date(text, expected, basis):
    finding = find_text_date(text)
    assert finding.basis == basis
    assert finding.value == (pd.Timestamp(expected) if expected else None)


def test_future_dates_are_rejected():
    future = dt.date.today().year + 2
    finding = find_text_date(f"Headline\n\nMon, 01/01/{future}\n\nBody.")
    assert finding.value is None and finding.basis == "missing"
    assert any("future" in w for w in finding.warnings)


def test_never_today_for_relative_words():
    finding = find_text_date("Fighting resumed today and yesterday in the region.")
    assert finding.value is None and finding.basis == "missing"
