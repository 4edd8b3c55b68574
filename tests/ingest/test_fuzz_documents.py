"""Generated garbage beside a good file for the formats read from bytes (PDF, Word, RTF,
web archives) and for news-database exports and URL lists (hypothesis).

The contract is the one of tests/ingest/test_fuzz_loaders.py, whose check this module
uses: the load returns, the good article is there, and the generated file loads or is
reported under its own path with a plain reason (never "unexpected error"). Documents
are generated valid, then damaged: cut short, bytes spliced in or overwritten.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import workbench
from workbench.core import schema as S
from workbench.core.reports import load_report

from . import makers as M
from .test_fuzz_loaders import (
    CASES,
    EXAMPLES,
    FUZZ,
    GOOD,
    GOOD_BODY,
    PROSE,
    _fresh_folder,
    check_beside_good,
    mangled,
)

pytestmark = pytest.mark.timeout(300)

LATIN = PROSE.map(lambda t: t.encode("latin-1", "replace").decode("latin-1"))
XML_SAFE = PROSE.map(
    lambda t: "".join(c for c in t if c in "\t\n\r" or (" " <= c and c not in "\ufffe\uffff"))
)


@st.composite
def damaged(draw, document: bytes) -> bytes:
    """A valid file, or the same cut short, with bytes spliced in, or some overwritten."""
    how = draw(st.sampled_from(["whole", "cut", "splice", "overwrite"]))
    if how == "whole" or not document:
        return document
    # Drawn apart from the length: a web archive's record ids (and so its size) vary.
    at = draw(st.integers(0, 1 << 20)) % (len(document) + 1)
    if how == "cut":
        return document[:at]
    junk = draw(st.binary(min_size=1, max_size=64))
    if how == "splice":
        return document[:at] + junk + document[at:]
    return document[:at] + junk + document[at + len(junk) :]


PDF = st.one_of(
    st.lists(
        st.lists(
            st.tuples(st.floats(0, 560), st.floats(0, 820), st.floats(1, 40), LATIN.filter(bool)),
            max_size=25,
        ),
        min_size=1,
        max_size=3,
    ).map(M.pdf_bytes),
    st.lists(LATIN.filter(str.strip), min_size=1, max_size=12).map(
        lambda ps: M.paged_pdf(ps, lines_per_page=6)
    ),
    st.integers(1, 3).map(M.image_pdf_bytes),
).flatmap(damaged)

DOCX = (
    st.lists(
        st.one_of(XML_SAFE, st.tuples(XML_SAFE, st.sampled_from(["Title", "Heading 1"]))),
        max_size=12,
    )
    .map(M.docx_bytes)
    .flatmap(damaged)
)

RTF_TOKENS = st.sampled_from(
    ["\\par ", "\\pard ", "{", "}", "\\'e9", "\\'", "\\u1234?", "\\b ", "\\bin4 ", "\\*", "\\\\"]
)
RTF = st.lists(st.one_of(PROSE, RTF_TOKENS), max_size=40).map(
    lambda parts: "{\\rtf1\\ansi\\ansicpg1252 " + " ".join(parts) + "}"
)

WARC = (
    st.lists(
        st.tuples(
            st.sampled_from(["https://a.example/x", "https://b.example/y", "dns:a.example"]),
            st.sampled_from(["2020-10-11T08:00:00Z", "not a date", ""]),
            st.sampled_from(["text/html", "text/html; charset=utf-8", "image/png", ""]),
            st.lists(XML_SAFE, max_size=5).map(lambda ps: M.page_html("Headline", ps)),
        ),
        max_size=4,
    )
    .flatmap(lambda pages: st.booleans().map(lambda gz: M.warc_bytes(pages, gzip=gz)))
    .flatmap(damaged)
)


@st.composite
def export_text(draw) -> str:
    """A Nexis, Factiva or ProQuest export of generated articles, with lines dropped,
    repeated or swapped."""
    stories = [
        M.Story(
            draw(PROSE),
            draw(PROSE),
            draw(st.sampled_from(["October 5, 2020 Monday", "June 31, 2020 Someday", "a b c"])),
            draw(PROSE),
            draw(st.lists(PROSE, min_size=1, max_size=3)),
            draw(st.sampled_from(["LEDGR00020201005eg1500001", "x", ""])),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    make = draw(
        st.sampled_from(
            [
                M.nexis_lines,
                M.lexisnexis_lines,
                M.factiva_lines,
                M.factiva_coded_lines,
                M.proquest_lines,
            ]
        )
    )
    lines = make(stories)
    for _ in range(draw(st.integers(0, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "swap"]))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        else:
            lines[at], lines[-1] = lines[-1], lines[at]
    return "\n".join(lines)


URL_LIST = st.lists(
    st.tuples(
        st.sampled_from(["https://a.example/1", "http://b.example/", "ftp://x", "", "url"]),
        PROSE,
        st.sampled_from(["2020-10-05", "20201005101500", "", "never"]),
    ),
    max_size=6,
).map(
    lambda rows: (
        "stories_id,publish_date,title,url,media_name\n"
        + "".join(
            f'{n},{d},"{t.replace(chr(34), "")}",{u},Outlet\n' for n, (u, t, d) in enumerate(rows)
        )
    )
)

BYTE_FORMATS = {".pdf": PDF, ".docx": DOCX, ".warc.gz": WARC}
TEXT_FORMATS = {".rtf": RTF, ".export.txt": export_text()}


def _beside_good(base, name: str, data: bytes) -> None:
    folder = _fresh_folder(base)
    good = folder / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = folder / name
    bad.write_bytes(data)
    check_beside_good(folder, good, bad)


@pytest.mark.parametrize("suffix", [*BYTE_FORMATS, *TEXT_FORMATS])
def test_generated_bad_document_beside_a_good_one(tmp_path, suffix):
    strategy = BYTE_FORMATS[suffix] if suffix in BYTE_FORMATS else mangled(TEXT_FORMATS[suffix])

    @FUZZ
    @given(data=strategy)
    def run(data: bytes) -> None:
        CASES[suffix] += 1
        _beside_good(tmp_path, f"bad{suffix}", data)

    before = CASES[suffix]
    run()
    assert CASES[suffix] - before >= EXAMPLES // 2


def test_generated_url_lists_are_reported_never_fetched(tmp_path):
    """A URL list without fetch=True loads nothing and says so (a warning); nothing else."""

    @FUZZ
    @given(data=mangled(URL_LIST))
    def run(data: bytes) -> None:
        CASES[".csv (URL list)"] += 1
        folder = _fresh_folder(tmp_path)
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        bad = folder / "list.csv"
        bad.write_bytes(data)
        df = workbench.load_articles(folder)
        assert df.loc[df[S.PATH] == str(folder / "good.txt"), S.TEXT].tolist() == [GOOD_BODY]
        report = load_report(df)
        assert set(report[S.REPORT_PATH]) <= {str(bad)}
        assert not report[S.REPORT_MESSAGE].str.startswith("unexpected error").any()
        assert all(text.strip() for text in df.loc[df[S.PATH] == str(bad), S.TEXT])

    run()
