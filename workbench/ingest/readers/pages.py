"""Readers for single-article formats: text and Markdown, HTML pages, RSS/Atom feeds.

A reader turns decoded text into :class:`RawArticle` records (fields as the file gives
them, not yet cleaned) and :class:`~workbench.ingest.sources.Problem` entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from ..sources import Problem


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML, but dates stay strings: ``date: 2020-13-45`` must not lose the article."""


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)
_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL
)
# Every repetition is bounded and no class can run past a bracket or a line end, so a
# line of 100,000 '[' or '**' costs linear time, not quadratic (no regex blow-up).
_MD_TARGET = r"\((?:[^()\n]|\([^()\n]{0,500}\)){0,2000}\)"
_MD_IMAGE = re.compile(r"[ \t]?!\[[^\[\]\n]{0,1000}\]" + _MD_TARGET)
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,1000})\]" + _MD_TARGET)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:=+|-+|(?:[*_][ \t]*){3,})[ \t]*$", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(\S(?:[^\n]{0,300}?\S)?)\1")


@dataclass
class RawArticle:
    """One article as read from its file, before cleaning and date finding."""

    path: str
    key: str  # stable within the file: file stem, or stem plus a row/entry key
    text: str
    location: str = ""
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: object = None
    date_field: str = ""  # where ``date`` came from, for messages
    language: str | None = None
    title_in_text: bool = False  # the first paragraph of ``text`` may be the headline
    tabular: bool = False  # one of many rows/entries in one file
    first_line: int = 1
    warnings: list[str] = field(default_factory=list)
    byline: str | None = None
    database_id: str | None = None  # a news database's own identifier of the article
    # A date that is only a hint (a web archive's capture, a database's load date): used,
    # as "inferred", when neither the metadata nor the text gives one.
    fallback_date: object = None
    fallback_field: str = ""


def split_front_matter(text: str) -> tuple[dict, int, list[str]]:
    """Split YAML front matter off ``text``: (fields, lines used, warnings).

    Tolerates trailing spaces after the ``---`` fences. Front matter that is not YAML
    is reported and left in the text, so nothing is lost.
    """
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0, []
    n_lines = text[: m.end()].count("\n")
    simple = simple_front_matter(m.group("body"))
    if simple is not None:
        return {k.strip().lower(): v for k, v in simple.items()}, n_lines, []
    try:
        data = yaml.load(m.group("body"), Loader=_FrontMatterLoader)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""  # line 1 is ---
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return {}, 0, [f"front matter is not valid YAML{where} ({problem}); kept as text"]
    if data is None:
        return {}, n_lines, []
    if not isinstance(data, dict):
        return {}, 0, ["front matter is not a mapping of fields; kept as text"]
    return {str(k).strip().lower(): v for k, v in data.items()}, n_lines, []


# Front matter of one ``key: value`` a line, values double-quoted (no escapes but \" and
# \\) or plain, is read without the YAML parser (a tenth of its time): the same dict.
_SIMPLE_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):[ ]+(\S.*?)[ ]*")
_QUOTED = re.compile(r'"((?:[^"\\]|\\["\\])*)"')
_ESCAPED = re.compile(r'\\(["\\])')
# Tabs, carriage returns, YAML's other line breaks, a byte-order mark, what YAML refuses.
_AWKWARD = re.compile("[\t\r\x85\u2028\u2029\ufeff]|" + yaml.reader.Reader.NON_PRINTABLE.pattern)
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_STRING_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")  # dates stay str
_RESOLVER = yaml.resolver.Resolver()


def simple_front_matter(body: str) -> dict[str, str] | None:
    """The fields of front matter simple enough to read without YAML, exactly as YAML
    (with dates kept as strings) reads them; None for anything else.

    Examples
    --------
    >>> simple_front_matter("title: Talks resume, \\"at last\\"\\ndate: 2020-09-27")
    {'title': 'Talks resume, "at last"', 'date': '2020-09-27'}
    >>> simple_front_matter("tags: [a, b]") is None
    True
    """
    if not body or _AWKWARD.search(body):
        return None
    fields: dict[str, str] = {}
    for line in body.split("\n"):
        m = _SIMPLE_LINE.fullmatch(line)
        if m is None:
            return None
        key, value = m.groups()
        if _tag(key) != _STRING_TAGS[0]:
            return None
        quoted = _QUOTED.fullmatch(value)
        if quoted is not None:
            value = quoted.group(1)
            if "\\" in value:
                value = _ESCAPED.sub(r"\1", value)
        elif (
            value[0] in _PLAIN_START
            or ": " in value
            or " #" in value
            or value.endswith(":")
            or _tag(value) not in _STRING_TAGS
        ):
            return None
        fields[key] = value
    return fields


@lru_cache(maxsize=4096)  # field names repeat in every file of a folder
def _tag(scalar: str) -> str:
    """The tag YAML gives a plain scalar (str, int, bool, timestamp, ...)."""
    return str(_RESOLVER.resolve(yaml.ScalarNode, scalar, (True, False)))


def markdown_to_text(text: str) -> str:
    """Strip the Markdown that would pollute sentences: images, link targets, #, rules, **.

    Each pattern runs only where its marker occurs (most articles have none of them).
    """
    if "![" in text:
        text = _MD_IMAGE.sub("", text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "#" in text:
        text = _MD_HEADING.sub(r"\1", text)
    if (
        "==" in text
        or "--" in text
        or "**" in text
        or "__" in text
        or "* *" in text
        or "_ _" in text
    ):
        text = _MD_RULE.sub("", text)
    if "**" in text or "__" in text:
        text = _MD_EMPHASIS.sub(r"\2", text)
    return text


_DATE_KEYS = ("date", "published", "pubdate", "published_at", "publishedat", "datetime")


def _field(fields: dict, *names: str) -> object:
    for name in names:
        value = fields.get(name)
        if value not in (None, ""):
            return value
    return None


def _text_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def read_text_file(
    path: str, text: str, key: str, *, markdown: bool
) -> Iterator[RawArticle | Problem]:
    """A .txt or .md article, with optional YAML front matter."""
    fields, used_lines, warnings = split_front_matter(text)
    for warning in warnings:  # in the load report too, not only in load_warnings
        yield Problem(path, warning, "front matter", level="warning")
    body = text.split("\n", used_lines)[-1] if used_lines else text
    if markdown:
        body = markdown_to_text(body)
    if not body or body.isspace():
        yield Problem(path, "no article text (only front matter)" if fields else "file is empty")
        return
    date_key = next((k for k in _DATE_KEYS if fields.get(k) not in (None, "")), "")
    yield RawArticle(
        path=path,
        key=key,
        text=body,
        title=_text_or_none(_field(fields, "title", "headline")),
        source=_text_or_none(_field(fields, "source", "outlet", "publisher", "site")),
        url=_text_or_none(_field(fields, "url", "link")),
        date=fields.get(date_key) if date_key else None,
        date_field=f"front matter '{date_key}'" if date_key else "",
        language=_text_or_none(_field(fields, "language", "lang")),
        # Front matter kept as text (not YAML) must not have its first line taken
        # for the headline.
        title_in_text=not warnings,
        first_line=used_lines + 1,
        warnings=warnings,
    )


def read_html(
    path: str, html: str, key: str, *, url: str | None = None
) -> Iterator[RawArticle | Problem]:
    """An HTML page: main text and metadata by trafilatura, the date from markup by htmldate."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                # Keep the time and offset (htmldate's default drops them): made UTC later,
                # like the dates of feeds and front matter.
                "outputformat": "%Y-%m-%dT%H:%M:%S%z",
            },
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many types on bad markup
        yield Problem(path, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
        return
    data: dict = {}
    if isinstance(doc, dict):
        data = doc
    elif doc is not None:
        data = doc.as_dict()
    text = (data.get("text") or "").strip()
    if not text and len(html) > _LXML_TEXT_LIMIT and _longest_run(html) > _LXML_TEXT_LIMIT:
        # libxml2 silently drops a text node over its limit: say so, not "no main text".
        yield Problem(
            path,
            f"HTML page has a run of text over {_LXML_TEXT_LIMIT:,} characters without "
            "markup, more than the HTML parser reads",
        )
        return
    if not text:
        yield Problem(path, "HTML page has no main text (only scripts, navigation or markup?)")
        return
    yield RawArticle(
        path=path,
        key=key,
        text=text,
        title=_text_or_none(data.get("title")),
        source=_text_or_none(data.get("sitename")),
        url=_text_or_none(data.get("url")) or url,
        date=data.get("date"),
        date_field="HTML metadata",
        language=_text_or_none(data.get("language")),
    )


_LXML_TEXT_LIMIT = 10_000_000  # libxml2's XML_MAX_TEXT_LENGTH without its "huge" option


def _longest_run(html: str) -> int:
    """Length of the longest stretch of ``html`` between two tags."""
    return max(map(len, html.split("<")))


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), paragraphs kept."""
    if "<" not in fragment:
        return fragment
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - malformed fragments: fall back to stripping tags
        return re.sub(r"<[^>]+>", " ", fragment)
    for el in root.iter("script", "style"):
        el.drop_tree()
    for el in root.iter("br", "p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        el.tail = "\n" + (el.tail or "")
    return root.text_content()


def looks_like_feed(text: str) -> bool:
    head = text[:2000].lstrip("\ufeff \t\r\n").lower()
    return (
        head.startswith("<?xml")
        and ("<rss" in head or "<feed" in head or "<rdf" in head)
        or head.startswith(("<rss", "<feed", "<rdf:rdf"))
    )


def read_feed(path: str, text: str, key: str) -> Iterator[RawArticle | Problem]:
    """An RSS or Atom feed: one article per entry (feedparser)."""
    import feedparser

    parsed = feedparser.parse(text)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        yield Problem(
            path, f"not a readable RSS/Atom feed{': ' + str(reason) if reason else ' (no entries)'}"
        )
        return
    feed_title = _text_or_none(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        content = ""
        if entry.get("content"):
            content = "\n".join(part.get("value", "") for part in entry["content"])
        content = content or entry.get("summary", "") or ""
        body = html_fragment_to_text(content).strip()
        location = f"entry {number}"
        if not body:
            yield Problem(path, "feed entry has no text", location)
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        date = None
        if stamp:
            import datetime as dt

            date = dt.datetime(*stamp[:6])
        ident = entry.get("id") or entry.get("link") or f"{number}"
        yield RawArticle(
            path=path,
            key=f"{key}-{_short_hash(ident)}",
            text=body,
            location=location,
            title=_text_or_none(entry.get("title")),
            source=feed_title,
            url=_text_or_none(entry.get("link")),
            date=date or entry.get("published") or entry.get("updated"),
            date_field="feed entry date",
            tabular=True,
        )


def _short_hash(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:10]
