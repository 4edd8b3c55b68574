"""Single-article formats through ``load_articles``: text and Markdown, HTML, RSS/Atom feeds.

Every case is a small file written into ``tmp_path`` next to what the loader must make
of it; nothing here touches the network.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.core import schema as S

from ..conftest import report_rows as shared_report_rows


def load_one(tmp_path: Path, name: str, content: str | bytes, **options) -> pd.DataFrame:
    """Write one file and load it."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return workbench.load_articles(path, **options)


def value(x: object) -> object:
    """A cell as a plain value: NA/NaT become None."""
    return None if pd.isna(x) else x


def report_rows(df: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    return shared_report_rows(df, basename=True)


def check_row(row: pd.Series, expected: dict[str, object]) -> None:
    for column, want in expected.items():
        got = value(row[column])
        if column == S.PUBLISHED and want is not None:
            want = pd.Timestamp(str(want))
        assert got == want, f"{column}: {got!r} != {want!r}"


# -- text and Markdown with YAML front matter --------------------------------------

BODY = "Azerbaijani and Armenian forces exchanged fire along the line of contact overnight."

FRONT_MATTER_CASES = [
    pytest.param(
        "a.txt",
        "---\ntitle: Fighting flares again\ndate: 2020-09-28\nsource: Caucasus Wire\n"
        "url: https://cw.example/a/1\n---\n" + BODY + "\n",
        {
            S.TITLE: "Fighting flares again",
            S.SOURCE: "Caucasus Wire",
            S.SOURCE_BASIS: "field",
            S.URL: "https://cw.example/a/1",
            S.PUBLISHED: "2020-09-28",
            S.DATE_BASIS: "metadata",
            S.TEXT: BODY,
        },
        id="txt",
    ),
    pytest.param(
        "a.md",
        "---\ntitle: Fighting flares again\ndate: 2020-09-28\nsource: Caucasus Wire\n"
        "url: https://cw.example/a/1\n---\n\n" + BODY + "\n",
        {
            S.TITLE: "Fighting flares again",
            S.SOURCE: "Caucasus Wire",
            S.SOURCE_BASIS: "field",
            S.URL: "https://cw.example/a/1",
            S.PUBLISHED: "2020-09-28",
            S.DATE_BASIS: "metadata",
            S.TEXT: BODY,
        },
        id="md",
    ),
    pytest.param(
        "fences.md",
        "---   \ntitle: Trailing spaces on the fences\nsource: Outlet\n--- \t \n" + BODY + "\n",
        {S.TITLE: "Trailing spaces on the fences", S.SOURCE: "Outlet", S.TEXT: BODY},
        id="fences-with-trailing-spaces",
    ),
    pytest.param(
        "stamp.txt",
        "---\ntitle: Compact stamp\ndate: 2020-09-30-18-28-52\n---\n" + BODY + "\n",
        {S.PUBLISHED: "2020-09-30 18:28:52", S.DATE_BASIS: "metadata", S.TEXT: BODY},
        id="non-iso-date-2020-09-30-18-28-52",
    ),
    pytest.param(
        "crlf.md",
        "---\r\ntitle: Windows line ends\r\ndate: 2020-10-01\r\n---\r\n" + BODY + "\r\n",
        {S.TITLE: "Windows line ends", S.PUBLISHED: "2020-10-01", S.TEXT: BODY},
        id="crlf",
    ),
    pytest.param(
        "aliases.md",
        "---\nHeadline: Aliased keys\nPublished: 2 October 2020\nOutlet: Aliased Outlet\n"
        "Link: https://al.example/x\n---\n" + BODY + "\n",
        {
            S.TITLE: "Aliased keys",
            S.SOURCE: "Aliased Outlet",
            S.SOURCE_BASIS: "field",
            S.URL: "https://al.example/x",
            S.PUBLISHED: "2020-10-02",
            S.DATE_BASIS: "metadata",
        },
        id="aliases-and-capitals",
    ),
    pytest.param(
        "dots.md",
        "---\ntitle: Closed by dots\ndate: 2020-10-03T10:00:00+02:00\n...\n" + BODY + "\n",
        {S.TITLE: "Closed by dots", S.PUBLISHED: "2020-10-03 08:00", S.TEXT: BODY},
        id="yaml-end-marker-and-utc-offset",
    ),
    pytest.param(
        "nodate.txt",
        "---\ntitle: No date here\n---\n" + BODY + "\n",
        {S.TITLE: "No date here", S.PUBLISHED: None, S.DATE_BASIS: "missing"},
        id="no-date",
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), FRONT_MATTER_CASES)
def test_front_matter_fields(tmp_path, name, content, expected):
    df = load_one(tmp_path, name, content)
    assert len(df) == 1
    check_row(df.iloc[0], expected)
    assert report_rows(df) == []


@pytest.mark.parametrize(
    ("date", "warning"),
    [
        ("2020-13-45", "front matter 'date' '2020-13-45' is not a readable date"),
        ("2020-02-30", "front matter 'date' '2020-02-30' is not a readable date"),
        ("soon", "front matter 'date' 'soon' is not a readable date"),
    ],
)
def test_unreadable_front_matter_date_keeps_the_article(tmp_path, date, warning):
    df = load_one(tmp_path, "a.md", f"---\ntitle: Kept\ndate: {date}\n---\n{BODY}\n")
    check_row(
        df.iloc[0], {S.TITLE: "Kept", S.PUBLISHED: None, S.DATE_BASIS: "missing", S.TEXT: BODY}
    )
    assert warning in df.iloc[0][S.LOAD_WARNINGS]


@pytest.mark.parametrize(
    ("content", "message", "kept"),  # message: a regular expression for the whole message
    [
        pytest.param(
            "---\ntitle: [unclosed\nsource: x\n---\n" + BODY + "\n",
            r"front matter is not valid YAML at line 3 \(did not find expected ',' or '\]'\); "
            "kept as text",
            "title: [unclosed",
            id="broken-yaml",
        ),
        pytest.param(
            "---\ntitle: one\n\tsource: tab-indented\n---\n" + BODY + "\n",
            # libyaml and PyYAML word the tab problem differently
            r"front matter is not valid YAML at line 3 \(.*tab.*\); kept as text",
            "source: tab-indented",
            id="tab",
        ),
        pytest.param(
            "---\nJust a sentence between two rules.\n---\n" + BODY + "\n",
            r"front matter is not a mapping of fields; kept as text",
            "Just a sentence between two rules.",
            id="not-a-mapping",
        ),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_front_matter_that_is_not_yaml_is_reported_and_kept(
    tmp_path, content, message, kept, suffix
):
    df = load_one(tmp_path, "a" + suffix, content)
    row = df.iloc[0]
    [(path, location, level, reported)] = report_rows(df)
    assert (path, location, level) == ("a" + suffix, "front matter", "warning")
    assert re.fullmatch(message, reported), reported
    assert reported in row[S.LOAD_WARNINGS]
    paragraphs = row[S.TEXT].split("\n\n")
    assert kept in paragraphs and paragraphs[-1] == BODY
    # The front matter kept as text is not mistaken for the headline.
    assert value(row[S.TITLE]) is None
    assert (value(row[S.PUBLISHED]), row[S.DATE_BASIS]) == (None, "missing")


MARKDOWN_CASES = [
    pytest.param(
        "# The Heading\n\nSome [link text](https://x.com/y) and ![a photo](pic.png) here.\n\n"
        "## Sub heading ##\n\nMore **bold** and __strong__ text.\n",
        "The Heading",
        "Some link text and here.\n\nSub heading\n\nMore bold and strong text.",
        id="heading-link-image-emphasis",
    ),
    pytest.param(
        "# Talks in Moscow\n\nSee [the report](https://x.org/a_(b)) and "
        '[this](<https://x.org/c> "a title").\n',
        "Talks in Moscow",
        "See the report and this.",
        id="link-with-parentheses-and-title",
    ),
    pytest.param(
        "Setext Heading\n==============\n\nFirst paragraph of the body.\n\n---\n\n* * *\n\n"
        "Second paragraph.\n",
        "Setext Heading",
        "First paragraph of the body.\n\nSecond paragraph.",
        id="setext-heading-and-rules",
    ),
    pytest.param(
        "---\nsource: Front Outlet\n---\n# Heading Under Front Matter\n\n![](only.png)\n\n"
        "Body paragraph.\n",
        "Heading Under Front Matter",
        "Body paragraph.",
        id="heading-after-front-matter",
    ),
]


@pytest.mark.parametrize(("content", "title", "text"), MARKDOWN_CASES)
def test_markdown_is_stripped_and_first_heading_is_the_title(tmp_path, content, title, text):
    df = load_one(tmp_path, "a.md", content)
    assert (df.iloc[0][S.TITLE], df.iloc[0][S.TEXT]) == (title, text)


def test_plain_text_keeps_brackets_markdown_does_not(tmp_path):
    content = "Heading\n\nSee [note 1](https://x.example/n) for # details.\n"
    (tmp_path / "a.txt").write_text(content)
    (tmp_path / "b.md").write_text(content)
    df = workbench.load_articles(tmp_path).set_index(S.ARTICLE_ID)
    assert df.loc["a", S.TEXT] == "See [note 1](https://x.example/n) for # details."
    assert df.loc["b", S.TEXT] == "See note 1 for # details."


@pytest.mark.timeout(15)
@pytest.mark.parametrize(
    "line",
    [
        pytest.param("[" * 100_000, id="open-brackets"),
        pytest.param("![" * 50_000, id="open-images"),
        pytest.param("[a](" + "(" * 100_000, id="open-parentheses"),
        pytest.param("**a " * 30_000, id="unclosed-emphasis"),
    ],
)
def test_pathological_markdown_is_read_in_linear_time(tmp_path, line):
    # These lines used to take 35 s each (regex backtracking in markdown_to_text).
    df = load_one(tmp_path, "a.md", "Heading\n\n" + line + "\n")
    assert df.iloc[0][S.TITLE] == "Heading"
    assert df.iloc[0][S.N_WORDS] >= 1


# -- HTML ----------------------------------------------------------------------------

PARAGRAPH_1 = (
    "The ceasefire talks resumed in Geneva on Tuesday after weeks of delay, officials said. "
    "Both delegations arrived early and the mediators described the mood as constructive."
)
PARAGRAPH_2 = (
    "The delegations met for four hours and agreed to meet again next week in the same city, "
    "a spokesman for the mediators told reporters outside the hall."
)


def html_page(head: str, *, extra_body: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><title>Ceasefire talks resume | Daily Planet</title>
{head}
<script>var trackingSecret = "SCRIPTCONTENT";</script>
<style>.x {{ color: red }} STYLECONTENT</style>
</head><body>
<nav><ul><li><a href="/">Home NAVLINK</a></li><li><a href="/world">World NAVLINK</a></li>
</ul></nav>
<article><h1>Ceasefire talks resume</h1>
<p>{PARAGRAPH_1}</p>
<script>document.write("INLINESCRIPT")</script>
<p>{PARAGRAPH_2}</p>
</article>
{extra_body}
<footer><p>Copyright FOOTERTEXT Daily Planet 2020. All rights reserved.</p></footer>
</body></html>"""


OPEN_GRAPH = """<meta property="og:title" content="Ceasefire talks resume">
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2020-10-02T08:15:00+02:00">"""

HTML_CASES = [
    pytest.param(
        "page.html",
        html_page(OPEN_GRAPH),
        {
            S.TITLE: "Ceasefire talks resume",
            S.SOURCE: "Daily Planet",
            S.SOURCE_BASIS: "field",
            S.PUBLISHED: "2020-10-02 06:15",  # 08:15+02:00 made UTC
            S.DATE_BASIS: "metadata",
            S.TEXT: PARAGRAPH_1 + "\n\n" + PARAGRAPH_2,
        },
        id="open-graph",
    ),
    pytest.param(
        "page.htm",
        html_page(
            '<meta name="date" content="2020-09-29">\n'
            '<meta name="application-name" content="Evening Star">'
        ),
        {
            S.SOURCE: "Evening Star",
            S.PUBLISHED: "2020-09-29",
            S.DATE_BASIS: "metadata",
            S.TEXT: PARAGRAPH_1 + "\n\n" + PARAGRAPH_2,
        },
        id="htm-meta-date",
    ),
    pytest.param(
        "ld.html",
        html_page(
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@type": "NewsArticle", "headline": "Ceasefire talks resume", '
            '"datePublished": "2020-09-27T23:30:00-04:00", '
            '"publisher": {"@type": "Organization", "name": "LD Times"}}</script>'
        ),
        {
            S.TITLE: "Ceasefire talks resume",
            S.SOURCE: "LD Times",
            S.PUBLISHED: "2020-09-28 03:30",
            S.DATE_BASIS: "metadata",
        },
        id="json-ld",
    ),
    pytest.param(
        "undated.html",
        html_page(""),
        # The footer's "Copyright 2020" is not a publication date: missing, not guessed.
        {S.TITLE: "Ceasefire talks resume", S.PUBLISHED: None, S.DATE_BASIS: "missing"},
        id="no-date-in-markup",
    ),
    pytest.param(
        "saved-page.txt",
        html_page(OPEN_GRAPH),
        {
            S.TITLE: "Ceasefire talks resume",
            S.PUBLISHED: "2020-10-02 06:15",
            S.TEXT: PARAGRAPH_1 + "\n\n" + PARAGRAPH_2,
        },
        id="html-in-a-txt-file-by-content",
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), HTML_CASES)
def test_html_main_text_and_metadata(tmp_path, name, content, expected):
    df = load_one(tmp_path, name, content)
    assert len(df) == 1
    row = df.iloc[0]
    check_row(row, expected)
    for debris in ("SCRIPTCONTENT", "STYLECONTENT", "INLINESCRIPT", "NAVLINK", "FOOTERTEXT"):
        assert debris not in row[S.TEXT]
    assert report_rows(df) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param(
            "scripts.html",
            "<html><head><script>var a = 1; function f() { return 2; }</script></head>"
            "<body><script>console.log('only script')</script></body></html>",
            id="all-script",
        ),
        pytest.param(
            "styles.htm",
            "<!doctype html><html><head><style>body { color: red }</style>"
            "<script src='x.js'></script></head><body><script>track()</script>"
            "<style>p {}</style></body></html>",
            id="scripts-and-styles-htm",
        ),
        pytest.param(
            "image.html",
            "<html><body><!-- only a comment --><img src='x.png'></body></html>",
            id="comment-and-image",
        ),
        pytest.param("empty-body.html", "<html><body></body></html>", id="empty-body"),
    ],
)
def test_html_without_main_text_is_an_error_naming_the_file(tmp_path, name, content):
    (tmp_path / "good.txt").write_text("Good headline\n\nGood body text of the article.\n")
    (tmp_path / name).write_text(content)
    df = workbench.load_articles(tmp_path)
    assert df[S.TITLE].tolist() == ["Good headline"]
    message = "HTML page has no main text (only scripts, navigation or markup?)"
    assert report_rows(df) == [(name, "", "error", message)]
    with pytest.raises(workbench.LoadError) as raised:
        workbench.load_articles(tmp_path / name)
    assert str(raised.value).endswith(f"{tmp_path / name}: {message}")


# -- RSS and Atom feeds -----------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Caucasus Wire</title><link>https://cw.example/</link>
<description>News</description>
<item><title>Shelling reported near Stepanakert</title><link>https://cw.example/a/1</link>
<guid>https://cw.example/a/1</guid><pubDate>Mon, 28 Sep 2020 13:42:00 GMT</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>First paragraph of the <b>entry</b>.</p>
<p>Second paragraph<br/>after a break.</p><script>alert('SCRIPT')</script>]]></content:encoded>
</item>
<item><title>Talks in Moscow</title><link>https://cw.example/a/2</link>
<pubDate>Sat, 10 Oct 2020 02:00:00 +0300</pubDate>
<description>&lt;p&gt;Escaped &lt;i&gt;HTML&lt;/i&gt; summary text.&lt;/p&gt;</description></item>
</channel></rss>"""

RSS_ROWS = [
    {
        S.TITLE: "Shelling reported near Stepanakert",
        S.URL: "https://cw.example/a/1",
        S.PUBLISHED: "2020-09-28 13:42",
        S.DATE_BASIS: "metadata",
        S.SOURCE: "Caucasus Wire",
        S.SOURCE_BASIS: "field",
        S.TEXT: "First paragraph of the entry.\n\nSecond paragraph\n\nafter a break.",
    },
    {
        S.TITLE: "Talks in Moscow",
        S.URL: "https://cw.example/a/2",
        S.PUBLISHED: "2020-10-09 23:00",  # +03:00 made UTC
        S.DATE_BASIS: "metadata",
        S.SOURCE: "Caucasus Wire",
        S.TEXT: "Escaped HTML summary text.",
    },
]

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id>
<updated>2021-01-01T00:00:00Z</updated>
<entry><title>Atom entry one</title><link href="https://atom.example/1"/><id>urn:1</id>
<published>2021-01-02T09:30:00Z</published><updated>2021-01-03T00:00:00Z</updated>
<content type="html">&lt;p&gt;Atom body &lt;em&gt;one&lt;/em&gt;.&lt;/p&gt;
&lt;p&gt;Para two.&lt;/p&gt;</content></entry>
<entry><title>Atom entry two</title><link href="https://atom.example/2"/><id>urn:2</id>
<updated>2021-01-04T00:00:00Z</updated><summary>Plain summary two.</summary></entry>
</feed>"""

ATOM_ROWS = [
    {
        S.TITLE: "Atom entry one",
        S.URL: "https://atom.example/1",
        S.PUBLISHED: "2021-01-02 09:30",  # published wins over updated
        S.DATE_BASIS: "metadata",
        S.SOURCE: "Atom Desk",
        S.SOURCE_BASIS: "field",
        S.TEXT: "Atom body one.\n\nPara two.",
    },
    {
        S.TITLE: "Atom entry two",
        S.URL: "https://atom.example/2",
        S.PUBLISHED: "2021-01-04",  # only updated
        S.SOURCE: "Atom Desk",
        S.TEXT: "Plain summary two.",
    },
]


@pytest.mark.parametrize(
    ("name", "content", "rows"),
    [
        pytest.param("feed.rss", RSS, RSS_ROWS, id="rss"),
        pytest.param("feed.atom", ATOM, ATOM_ROWS, id="atom"),
        pytest.param("news.xml", RSS, RSS_ROWS, id="rss-in-xml"),
        pytest.param("atom.xml", ATOM, ATOM_ROWS, id="atom-in-xml"),
        pytest.param("feed.txt", RSS, RSS_ROWS, id="rss-in-txt-by-content"),
        pytest.param("feed.html", "\ufeff\n  " + ATOM, ATOM_ROWS, id="atom-in-html-by-content"),
    ],
)
def test_feed_one_row_per_entry(tmp_path, name, content, rows):
    df = load_one(tmp_path, name, content)
    assert len(df) == len(rows)
    for (_, row), expected in zip(df.iterrows(), rows, strict=True):
        check_row(row, expected)
    assert "SCRIPT" not in " ".join(df[S.TEXT])
    assert df[S.ARTICLE_ID].is_unique
    assert all(i.startswith(Path(name).stem + "-") for i in df[S.ARTICLE_ID])
    assert report_rows(df) == []


def test_feed_entry_without_text_is_reported_the_others_load(tmp_path):
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Headline only</title><link>https://w.example/1</link></item>
<item><title>With text</title><link>https://w.example/2</link>
<description>The entry that has a body.</description></item>
</channel></rss>"""
    df = load_one(tmp_path, "feed.rss", feed)
    check_row(df.iloc[0], {S.TITLE: "With text", S.TEXT: "The entry that has a body."})
    assert len(df) == 1
    assert report_rows(df) == [("feed.rss", "entry 1", "error", "feed entry has no text")]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("other.xml", "<?xml version='1.0'?><root><a>not a feed</a></root>"),
        ("empty.rss", "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"),
    ],
)
def test_xml_that_is_not_a_feed_is_reported(tmp_path, name, content):
    (tmp_path / "good.txt").write_text("Good headline\n\nGood body text of the article.\n")
    (tmp_path / name).write_text(content)
    df = workbench.load_articles(tmp_path)
    assert df[S.TITLE].tolist() == ["Good headline"]
    [(path, location, level, message)] = report_rows(df)
    assert (path, location, level) == (name, "", "error")
    assert message.startswith("not a readable RSS/Atom feed")
