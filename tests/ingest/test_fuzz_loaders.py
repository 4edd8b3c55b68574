"""Generated garbage beside a good file, for every format the loader reads (hypothesis).

Each example writes one generated bad file next to a known good article in a fresh
folder and loads the folder. The contract: ``load_articles`` returns (no exception, no
hang), the good article is there with its text, and the bad file either loads or is in
the load report under its own path with a message that says what is wrong (never the
loader's catch-all "unexpected error"). With ``errors="raise"`` the same folder raises
:class:`workbench.LoadError` naming the bad file, or loads.

The hand-written cases beside this file (tests/integration/test_bad_input.py) pin exact messages;
here the inputs are generated: random bytes, UTF-8 cut inside a character, UTF-8 and
cp1252 bytes in one file, byte-order marks (UTF-8/16/32) true and false, NUL bytes,
deeply nested JSON, ragged CSV with wrong headers, all-script HTML, empty files, front
matter that is not YAML, broken feeds. The number of generated cases is printed at the
end of the module (and each test checks that it ran its examples).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbench
from workbench.core import schema as S
from workbench.core.reports import load_report

GOOD_TITLE = "Good headline"
GOOD_BODY = "Good body text of the article, long enough to be read as one."
GOOD = f"{GOOD_TITLE}\n\n{GOOD_BODY}\n"
# Per format: the module runs in about two minutes on two cores. A deeper hunt:
# WORKBENCH_FUZZ_EXAMPLES=500 pytest tests/ingest/test_fuzz_loaders.py
EXAMPLES = int(os.environ.get("WORKBENCH_FUZZ_EXAMPLES", "40"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # an HTML page through trafilatura takes what it takes; hangs are timeouts
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
pytestmark = pytest.mark.timeout(300)

CASES: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def count_cases(pytestconfig) -> Iterator[None]:
    """Print how many generated files were loaded, per format, once the module is done."""
    yield
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")
    line = (
        f"\ntest_fuzz_loaders: {sum(CASES.values())} generated bad files loaded beside a good one "
        f"({', '.join(f'{k}: {v}' for k, v in sorted(CASES.items()))})"
    )
    with capture.global_and_fixture_disabled():
        print(line)


# -- text pieces ---------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "the",
        "talks",
        "Aliyev",
        "said",
        "ceasefire",
        "café",
        "«мир»",
        "Ստեփանակերտ",
        "Şuşa",
        "—",
        "“quoted”",
        "2020-09-27",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "#",
        "**",
        "[",
        "](",
        "![",
        "---",
        "<",
        ">",
        "&amp;",
        '"',
        "'",
        ",",
        ";",
        ":",
        "{",
        "}",
        "\\",
        "\u200b",
        "\ufeff",
        "\x00",
        "\x07",
        "😀",
    ]
)
PROSE = st.one_of(
    st.lists(WORDS, max_size=60).map(" ".join),
    st.text(max_size=200),
)
CP1252_CHARS = st.sampled_from(list("abc éèàçüöÄ€“”‘’—–…•™œŠž¡¿\n"))
MULTIBYTE = st.characters(min_codepoint=0x80, exclude_categories=("Cs",))


@st.composite
def truncated_utf8(draw, text: str) -> bytes:
    """The document's UTF-8 cut inside a multibyte character (at the end or mid-file)."""
    char = draw(MULTIBYTE).encode("utf-8")
    cut = char[: draw(st.integers(1, len(char) - 1))]
    data = text.encode("utf-8")
    at = draw(st.integers(0, len(data)))
    tail = data[at:] if draw(st.booleans()) else b""
    return data[:at] + cut + tail


@st.composite
def mixed_encodings(draw, text: str) -> bytes:
    """UTF-8 with runs of Windows-1252 bytes spliced in."""
    data = text.encode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        run = draw(st.text(CP1252_CHARS, min_size=1, max_size=20)).encode("cp1252")
        at = draw(st.integers(0, len(data)))
        data = data[:at] + run + data[at:]
    return data


BOMS = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE]
BOMS += [codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE]
ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp1252", "latin-1"]


@st.composite
def with_bom(draw, text: str) -> bytes:
    """A byte-order mark, followed by the text in that encoding or in another one."""
    bom = draw(st.sampled_from(BOMS))
    encoding = draw(st.sampled_from(ENCODINGS))
    return bom + text.encode(encoding, errors="replace")


@st.composite
def with_nuls(draw, text: str) -> bytes:
    data = bytearray(text.encode("utf-8"))
    for _ in range(draw(st.integers(1, 50))):
        data.insert(draw(st.integers(0, len(data))), 0)
    return bytes(data)


@st.composite
def spliced_bytes(draw, text: str) -> bytes:
    data = text.encode("utf-8")
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.binary(min_size=1, max_size=200)) + data[at:]


def mangled(document: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """A document as bytes: clean UTF-8, or damaged in one of the ways files are damaged."""
    return st.one_of(
        document.map(lambda t: t.encode("utf-8")),
        document.flatmap(truncated_utf8),
        document.flatmap(mixed_encodings),
        document.flatmap(with_bom),
        document.flatmap(with_nuls),
        document.flatmap(spliced_bytes),
        document.map(lambda t: t.encode("utf-16-le")),  # UTF-16 without a byte-order mark
        st.binary(max_size=2000),
        st.sampled_from([b"", b" ", b"\n\n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE]),
    )


# -- documents per format --------------------------------------------------------------------

YAMLISH = st.text(st.sampled_from(list("ab:-[]{}&*!|>'\"%@`#?,\t\n 0123456789.")), max_size=120)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    PROSE,
)
JSONISH = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(["title", "text", "date", "url", "source", "body"]), PROSE),
            children,
            max_size=5,
        ),
    ),
    max_leaves=20,
)
FIELD_NAMES = st.one_of(
    st.sampled_from(
        ["title", "text", "date", "url", "source", "body", "published", "link", "id", ""]
    ),
    PROSE,
)


@st.composite
def front_matter(draw) -> str:
    """Markdown with front matter that may be YAML, not YAML, or a YAML of the wrong shape."""
    fields = draw(
        st.one_of(
            YAMLISH,
            st.dictionaries(FIELD_NAMES, JSONISH, max_size=5).map(
                lambda d: json.dumps(d, ensure_ascii=False)
            ),
            st.sampled_from(
                [
                    "title: [unclosed",
                    "\ttitle: tab-indented",
                    "- a\n- list",
                    "just a sentence",
                    "title: &a [x, *a]",
                    "date: 2020-13-45",
                    "date: 99999-01-01",
                    "title: !!python/object:os.system ls",
                    "a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\ntitle: [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
                ]
            ),
        )
    )
    body = draw(PROSE)
    fence = draw(st.sampled_from(["---", "...", "--- ", ""]))
    return f"---\n{fields}\n{fence}\n{body}"


HTML_PIECES = st.one_of(
    st.sampled_from(
        [
            "<html>",
            "<head>",
            "</head>",
            "<body>",
            "</body>",
            "</html>",
            "<!doctype html>",
            "<script>var a = '</p>';</script>",
            "<script>",
            "</script>",
            "<style>p{}</style>",
            "<nav>Home | World</nav>",
            "<p>",
            "</p>",
            "<div class='article'>",
            "</div>",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<meta charset='koi8-r'>",
            "<meta name='date' content='2020-13-45'>",
            "<title>",
            "</title>",
            "<article>",
            "<p",
            "&#0;",
            "&#x110000;",
            "&nbsp;",
        ]
    ),
    PROSE,
)
HTML = st.one_of(
    st.lists(HTML_PIECES, max_size=40).map("".join),
    st.lists(st.just("<script>window.x = 1;</script>"), max_size=20).map(
        lambda s: "<html><head>" + "".join(s) + "</head><body>" + "".join(s) + "</body></html>"
    ),
)


@st.composite
def table(draw, delimiter: str) -> str:
    """A CSV/TSV export: a header of wrong or right names, rows of any length."""
    header = draw(st.lists(FIELD_NAMES, max_size=6))
    rows = draw(st.lists(st.lists(PROSE, max_size=8), max_size=8))
    if draw(st.booleans()):  # written by a CSV writer: quoted, but ragged
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter)
        for row in [header, *rows]:
            writer.writerow(row)
        return out.getvalue()
    return "\n".join(delimiter.join(row) for row in [header, *rows])  # quotes left raw


@st.composite
def json_document(draw) -> str:
    value = draw(
        st.one_of(
            JSONISH,
            st.lists(st.dictionaries(FIELD_NAMES, JSONISH, max_size=6), max_size=6),
            st.dictionaries(
                st.sampled_from(["articles", "items", "data"]), st.lists(JSONISH, max_size=4)
            ),
        )
    )
    text = json.dumps(value, ensure_ascii=draw(st.booleans()))
    depth = draw(st.integers(1, 50_000))
    return draw(
        st.sampled_from(
            [
                text,
                text[: len(text) // 2],  # truncated
                "[" * depth + "]" * depth,  # deeply nested
                '{"a":' * depth + "1" + "}" * depth,
                "[" * depth,  # deeply nested and unclosed
                text + "\n" + text,  # two documents
            ]
        )
    )


@st.composite
def json_lines(draw) -> str:
    lines = draw(
        st.lists(
            st.one_of(
                st.dictionaries(FIELD_NAMES, JSONISH, max_size=6).map(json.dumps),
                JSONISH.map(json.dumps),
                PROSE,
                st.integers(1, 20_000).map(lambda n: "[" * n + "]" * n),
            ),
            max_size=8,
        )
    )
    return "\n".join(lines)


def _xml_text(text: str, escape: bool) -> str:
    if not escape:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def feed(draw) -> str:
    """RSS or Atom with generated entries, fields escaped or not, sometimes cut short."""
    escape = draw(st.booleans())
    entries = draw(st.lists(st.tuples(PROSE, PROSE, PROSE, PROSE), max_size=5))
    if draw(st.booleans()):
        items = "".join(
            f"<item><title>{_xml_text(t, escape)}</title><link>{_xml_text(u, escape)}</link>"
            f"<pubDate>{_xml_text(d, escape)}</pubDate>"
            f"<description>{_xml_text(b, escape)}</description></item>"
            for t, u, d, b in entries
        )
        doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}'
        doc += "</channel></rss>"
    else:
        items = "".join(
            f"<entry><title>{_xml_text(t, escape)}</title><id>{_xml_text(u, escape)}</id>"
            f"<updated>{_xml_text(d, escape)}</updated>"
            f"<content type='html'>{_xml_text(b, escape)}</content></entry>"
            for t, u, d, b in entries
        )
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{items}</feed>'
    return draw(
        st.sampled_from(
            [
                doc,
                doc[: len(doc) // 2],
                # entity expansion ("billion laughs") must not be expanded
                '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
                + "".join(
                    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
                )
                + ']><rss version="2.0"><channel><item><title>&i;</title>'
                "<description>&i;</description></item></channel></rss>",
            ]
        )
    )


FORMATS = {
    ".txt": PROSE,
    ".md": st.one_of(front_matter(), PROSE),
    ".html": HTML,
    ".csv": table(","),
    ".tsv": table("\t"),
    ".json": json_document(),
    ".jsonl": json_lines(),
    ".xml": feed(),
    ".rss": feed(),
}


# -- the check ----------------------------------------------------------------------------------


def _fresh_folder(base: Path) -> Path:
    return Path(tempfile.mkdtemp(dir=base))


def load_beside_good(base: Path, name: str, data: bytes) -> None:
    """Load ``data`` as ``name`` beside the good article and check the contract."""
    folder = _fresh_folder(base)
    try:
        good_path = folder / "good.txt"
        good_path.write_text(GOOD, encoding="utf-8")
        bad = folder / name
        bad.write_bytes(data)
        check_beside_good(folder, good_path, bad)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_beside_good(folder: Path, good_path: Path, bad: Path) -> None:
    df = workbench.load_articles(folder)
    good = df[df[S.PATH] == str(good_path)]
    assert good[S.TITLE].tolist() == [GOOD_TITLE]
    assert good[S.TEXT].tolist() == [GOOD_BODY]
    report = load_report(df)
    assert set(report[S.REPORT_PATH]) <= {str(bad)}, report  # nothing blamed on the good file
    problems = report[report[S.REPORT_PATH] == str(bad)]
    for message in problems[S.REPORT_MESSAGE]:
        assert message.strip(), problems
        assert not message.startswith("unexpected error"), message
    loaded = df[df[S.PATH] == str(bad)]
    errors = problems[problems[S.REPORT_LEVEL] == "error"]
    assert len(loaded) or len(errors), f"{bad.name}: neither loaded nor reported"
    assert all(text.strip() for text in loaded[S.TEXT]), loaded[S.TEXT].tolist()
    if len(errors):
        with pytest.raises(workbench.LoadError) as raised:
            workbench.load_articles(folder, errors="raise")
        assert raised.value.path == str(bad)
        assert str(bad) in str(raised.value)
    else:
        again = workbench.load_articles(folder, errors="raise")
        assert again[S.TEXT].tolist() == df[S.TEXT].tolist()


@pytest.mark.parametrize("suffix", list(FORMATS))
def test_generated_bad_file_beside_a_good_one(tmp_path, suffix):
    @FUZZ
    @given(data=mangled(FORMATS[suffix]))
    def run(data: bytes) -> None:
        CASES[suffix] += 1
        load_beside_good(tmp_path, f"bad{suffix}", data)

    before = CASES[suffix]
    run()
    assert CASES[suffix] - before >= EXAMPLES // 2  # the examples really ran


# -- one of each, too big to generate per example -----------------------------------------------

TEN_MB = 10 * 1024 * 1024
WORDS_10MB = (b"word " * (TEN_MB // 5))[:TEN_MB]
N_WORDS_10MB = TEN_MB // 5

# (suffix, one 10 MB line in the shape of the format, words expected or the error's words)
LONG_LINES = [
    (".txt", WORDS_10MB, N_WORDS_10MB),
    (".md", b"**" + b"[" * (TEN_MB // 2) + b"](" * (TEN_MB // 4), 1),
    (".csv", b"title,text\nHeadline," + WORDS_10MB, N_WORDS_10MB),
    (".json", b'[{"title": "Headline", "text": "' + WORDS_10MB + b'"}]', N_WORDS_10MB),
    (".jsonl", b"[" * TEN_MB, "malformed JSON: nested too deeply"),
    (
        ".xml",
        b'<?xml version="1.0"?><rss><channel><item><title>Headline</title><description>'
        + WORDS_10MB
        + b"</description></item></channel></rss>",
        N_WORDS_10MB,
    ),
    # libxml2 reads at most 10,000,000 characters of one text node: refused, and said why
    (".html", b"<html><body><p>" + WORDS_10MB + b"</p></body></html>", "without markup"),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("suffix", "data", "expected"), LONG_LINES, ids=[case[0] for case in LONG_LINES]
)
def test_a_ten_megabyte_single_line(tmp_path, suffix, data, expected):
    """Read whole (no word lost to a parser limit) or refused with the reason; never a hang."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    long = folder / f"long{suffix}"
    long.write_bytes(data)
    df = workbench.load_articles(folder)
    assert df.loc[df[S.PATH] == str(folder / "good.txt"), S.TEXT].tolist() == [GOOD_BODY]
    report = [(p, level, m) for p, _, level, m in load_report(df).itertuples(index=False)]
    if isinstance(expected, int):
        assert df.loc[df[S.PATH] == str(long), S.N_WORDS].tolist() == [expected]
        assert [r for r in report if r[1] == "error"] == []
    else:
        assert len(report) == 1 and report[0][:2] == (str(long), "error"), report
        assert expected in report[0][2]


# -- what the generator found, kept as plain cases ------------------------------------------------

BLANK_HEADER = "the first line (the header) is blank"


@pytest.mark.parametrize(
    ("name", "data", "location", "message"),
    [
        # IndexError in the CSV reader ("unexpected error while reading") before the fix
        ("blank.csv", b"\nthe", "line 1", BLANK_HEADER),
        ("blank.tsv", b"\r\n\r\ntitle\ttext\nA\tB\n", "line 1", BLANK_HEADER),
        # decoded as cp949 to one ideographic space: the JSON Lines reader said nothing
        ("space.jsonl", "\u3000\n\u00a0".encode(), "", "file is empty (only whitespace)"),
    ],
)
def test_found_by_the_generator(tmp_path, name, data, location, message):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    df = workbench.load_articles(tmp_path)
    assert df[S.TEXT].tolist() == [GOOD_BODY]
    report = load_report(df)
    assert report.values.tolist() == [[str(tmp_path / name), location, "error", message]]
