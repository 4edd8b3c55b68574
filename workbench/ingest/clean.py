"""Text cleaning: page furniture, captions, repeated paragraphs, HTML residue, mojibake.

Every line removed is recorded with its line number and the rule that removed it, so
nothing disappears silently: the loader puts the counts in ``load_warnings`` and the
lines in ``workbench.cleaning_report(df)``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ftfy
import yaml

from ..core.resources import resource_text
from .textscan import (
    ascii_words_key,
    badness_possible,
    chars_in,
    non_ascii_spans,
    scan,
    words_are_ascii,
)

_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=True, normalization="NFC")

_HTML_TAG = re.compile(
    r"<\s*/?\s*(?:br|p|div|span|b|i|em|strong|a|ul|li|ol|h[1-6]|img|figure|figcaption)\b[^<>]{0,300}>",
    re.IGNORECASE,
)
_HTML_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_PUNCTUATION_ONLY = re.compile(r"^[\W_]{1,5}$")
_WORD = re.compile(r"\w+")

# A credit in parentheses inside a sentence: remove the credit, keep the sentence.
_INLINE_CREDIT = re.compile(
    r"\s*\((?:photo|photograph|image|picture|video|credit|foto)s?\b[^()]{0,120}\)", re.IGNORECASE
)
# A credit that makes the whole paragraph a caption.
_CAPTION_CREDIT = re.compile(
    r"(?:^|[\s|.;])(?:photo|photograph|image|picture|credit|foto)s?\s*(?::|via\b|credit\b)"
    r"|\bphoto\s+via\b"
    r"|\bpool\s+photo\b"
    r"|\|\s*[^|]{0,80}/\s*(?:AP|AFP|Reuters|Getty|Sputnik|EPA|TASS|Anadolu|Pool|NTB)\b"
    r"|\b(?:Getty Images|Shutterstock|AP Photo|Reuters/)",
    re.IGNORECASE,
)

# UTF-8 read as cp1252, one character at a time: a lead byte (Â-ô) followed by
# continuation bytes (0x80-0xBF as cp1252 shows them). ftfy leaves short runs such as
# "ErdoÄŸan" alone (it scores them as plausible), so they are repaired here, strictly.
_CP1252_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE_RUN = re.compile(f"(?:[\u00c2-\u00f4][{_CP1252_CONTINUATION}]{{1,3}})+")
_MOJIBAKE_LEADS = frozenset(map(chr, range(0xC2, 0xF5)))


def words_key(text: str) -> str:
    """The words of a text, casefolded, joined by spaces: how cleaning keys a paragraph
    (to drop repeats) and how a title is matched against the first paragraph."""
    return " ".join(_WORD.findall(text.casefold()))


def _may_be_mojibake(text: str, spans: list[tuple[int, int]] | None = None) -> bool:
    """ftfy's verdict, asked only about the non-ASCII stretches of the text.

    ftfy.is_bad over a whole article costs about a millisecond; its patterns are local,
    so the few characters around each non-ASCII run give the same answer for a tenth
    of that. Mostly non-ASCII text (Cyrillic, say) is checked whole. Text whose
    characters none of ftfy's patterns needs (curly quotes and dashes, most often) is
    not checked at all. ``spans``: the text's :func:`non_ascii_spans`, when already found.
    """
    spans = non_ascii_spans(text) if spans is None else spans
    if not spans or not badness_possible(chars_in(text, spans)):
        return False
    sample = "\n".join(text[max(0, start - 6) : end + 6] for start, end in spans)
    if len(sample) > len(text) // 2:
        return bool(ftfy.is_bad(text))
    return bool(ftfy.is_bad(sample))


def _repair_run(m: re.Match[str]) -> str:
    try:
        return m.group(0).encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return m.group(0)


@dataclass(frozen=True)
class Removal:
    """One line taken out of an article, where it was and why."""

    line: int
    rule: str
    text: str


@dataclass
class Cleaned:
    """An article's paragraphs after cleaning, with what was removed."""

    paragraphs: list[tuple[int, str]]
    removed: list[Removal] = field(default_factory=list)
    fixes: list[str] = field(default_factory=list)
    # Each kept paragraph's words (``\w+`` of the casefolded paragraph) joined by spaces,
    # in the order of ``paragraphs`` as cleaning left them: what finding duplicates needs.
    words: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(p for _, p in self.paragraphs)


@lru_cache(maxsize=8)
def boilerplate_rules(path: str | None = None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Load the whole-line boilerplate patterns (packaged, or the YAML file at ``path``)."""
    if path is None:
        raw = resource_text("boilerplate.yaml")
        origin = "workbench/resources/boilerplate.yaml"
    else:
        raw = Path(path).read_text("utf-8")
        origin = str(path)
    data = yaml.safe_load(raw) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{origin}: expected a mapping of rule name to a list of patterns")
    rules = []
    for name, patterns in data.items():
        for pattern in patterns or []:
            try:
                rules.append((str(name), re.compile(rf"(?:{pattern})", re.IGNORECASE)))
            except re.error as exc:
                raise ValueError(
                    f"{origin}: rule {name!r}: bad pattern {pattern!r}: {exc}"
                ) from exc
    return tuple(rules)


def fix_encoding(text: str) -> tuple[str, list[str]]:
    """Repair mojibake, HTML entities and control characters; say what was fixed."""
    text, fixes, _ = _fix_encoding(text)
    return text, fixes


def _fix_encoding(text: str) -> tuple[str, list[str], frozenset[str]]:
    """:func:`fix_encoding`, with the non-ASCII characters of the fixed text."""
    fixes = []
    has_control, chars = scan(text)
    if has_control:
        text = _CONTROL.sub("", text)
        chars = scan(text)[1]
        fixes.append("control characters removed")
    if chars and badness_possible(chars) and _may_be_mojibake(text):
        fixed = ftfy.fix_text(text, config=_FTFY_CONFIG)
        if fixed != text:
            text = fixed
            chars = scan(text)[1]
            fixes.append("mojibake repaired")
    # A run of mojibake is all non-ASCII and starts with Â-ô: only in one of the spans.
    if not chars.isdisjoint(_MOJIBAKE_LEADS) and any(
        _MOJIBAKE_RUN.search(text, start, end) for start, end in non_ascii_spans(text)
    ):
        repaired = _MOJIBAKE_RUN.sub(_repair_run, text)
        if repaired != text:
            text = repaired
            chars = scan(text)[1]
            if "mojibake repaired" not in fixes:
                fixes.append("mojibake repaired")
    if "&" in text and _HTML_ENTITY.search(text):
        text = html.unescape(text)
        chars = scan(text)[1]
        fixes.append("HTML entities decoded")
    if "´" in chars and _ACUTE_APOSTROPHE.search(text):
        # "Russia´s", "there´s": an acute accent typed for an apostrophe (same length)
        text = _ACUTE_APOSTROPHE.sub("’", text)
        chars = scan(text)[1]
        fixes.append("acute accents used as apostrophes replaced")
    return text, fixes, chars


_ACUTE_APOSTROPHE = re.compile(r"(?<=[\w.])´(?=[^\W\d_])")  # "U.N.´s" too


def split_paragraphs(text: str, *, first_line: int = 1) -> list[tuple[int, str]]:
    """Split text into (line number, paragraph) pairs.

    A line is a paragraph, except in blocks that look hard-wrapped (several lines of
    similar length between blank lines), which are joined back into one paragraph. A run
    of three or more spaces before a capital or an opening quote also ends a paragraph:
    exports that flatten an article to one line keep its paragraph and caption breaks that
    way ("… in Kherson. Photograph: AP   After months …").
    """
    lines = text.split("\n")
    paragraphs: list[tuple[int, str]] = []
    block: list[tuple[int, str]] = []

    def flush() -> None:
        if not block:
            return
        if _hard_wrapped([t for _, t in block]):
            paragraphs.append((block[0][0], " ".join(t.strip() for _, t in block)))
        else:
            paragraphs.extend((n, t.strip()) for n, t in block)
        block.clear()

    for offset, line in enumerate(lines):
        if line.strip():
            block.append((first_line + offset, line))
        else:
            flush()
    flush()
    if "   " not in text:
        return paragraphs
    return [
        (n, part.strip())
        for n, para in paragraphs
        for part in _SPACE_RUN.split(para)
        if part.strip()
    ]


# A run before a capital or an opening quote: in running text ("Almost 650    18-hole
# courses") a stray run is only spacing.
_SPACE_RUN = re.compile(r"(?<=\S) {3,}(?=[A-Z\"“‘'])")


def _hard_wrapped(lines: list[str]) -> bool:
    """True for a block of lines wrapped at a fixed width (e.g. 72 columns)."""
    if len(lines) < 2:
        return False
    lengths = [len(line.rstrip()) for line in lines[:-1]]
    return max(lengths) <= 100 and min(lengths) >= 40 and not lines[0].rstrip().endswith(":")


def clean_paragraphs(paragraphs: Iterable[tuple[int, str]], *, rules: str | None = None) -> Cleaned:
    """Remove page furniture, captions, credits and repeated paragraphs.

    Examples
    --------
    >>> c = clean_paragraphs([(1, "Body text here."), (2, "Please enter your comment!")])
    >>> c.text, [r.rule for r in c.removed]
    ('Body text here.', ['comment_form'])
    """
    return _clean_paragraphs(paragraphs, rules, words_key)


def _clean_paragraphs(
    paragraphs: Iterable[tuple[int, str]], rules: str | None, key_of: Callable[[str], str]
) -> Cleaned:
    """:func:`clean_paragraphs`, keying paragraphs with ``key_of`` (a :func:`words_key`)."""
    patterns = boilerplate_rules(rules)
    kept: list[tuple[int, str]] = []
    words: list[str] = []
    removed: list[Removal] = []
    seen: set[str] = set()
    for line, para in _split_breaks(paragraphs):
        original = para
        if "<" in para:
            para = _HTML_TAG.sub(" ", para)
            para = re.sub(r"[ \t]{2,}", " ", para).strip()
            if para != original.strip():
                removed.append(Removal(line, "html_residue", " ".join(_HTML_TAG.findall(original))))
        if not para or _PUNCTUATION_ONLY.match(para):
            if para:
                removed.append(Removal(line, "punctuation_only", para))
            continue
        rule = _boilerplate_rule(para, patterns)
        if rule:
            removed.append(Removal(line, rule, para))
            continue
        if (
            len(para) <= 400
            and _may_credit(para)
            and _CAPTION_CREDIT.search(_INLINE_CREDIT.sub("", para))
        ):
            removed.append(Removal(line, "caption", para))
            continue
        stripped = _INLINE_CREDIT.sub("", para) if "(" in para else para
        if stripped != para:
            removed.append(Removal(line, "photo_credit", para))
            para = stripped.strip()
        key = key_of(para)
        if len(key) >= 20 and key in seen:
            removed.append(Removal(line, "repeated", para))
            continue
        seen.add(key)
        kept.append((line, para))
        words.append(key)
    return Cleaned(kept, removed, words=words)


_BR = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)


def _split_breaks(paragraphs: Iterable[tuple[int, str]]) -> Iterable[tuple[int, str]]:
    """Split paragraphs at HTML line breaks left in the text ('< br>'), same line number."""
    for line, para in paragraphs:
        if "<" in para and _BR.search(para):
            parts = _BR.split(para)
            # Keep the first tag on the first part so the removal is recorded as found.
            yield line, parts[0] + " " + _BR.search(para).group(0)  # type: ignore[union-attr]
            for part in parts[1:]:
                if part.strip():
                    yield line, part.strip()
        else:
            yield line, para


def _may_credit(para: str) -> bool:
    """A cheap test before the credit pattern: most paragraphs name no photo at all."""
    if "|" in para:
        return True
    lowered = para.lower()
    # Spelled out rather than any(...) over a tuple: no generator per paragraph.
    return (
        "photo" in lowered
        or "image" in lowered
        or "picture" in lowered
        or "credit" in lowered
        or "foto" in lowered
        or "getty" in lowered
        or "shutterstock" in lowered
        or "reuters/" in lowered
        or "pool" in lowered
    )


def _boilerplate_rule(para: str, patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> str:
    """Name of the boilerplate rule that matches the whole paragraph, or ''."""
    if len(para) > 200:
        return ""
    for name, pattern in patterns:
        if pattern.fullmatch(para):
            return name
    return ""


def clean_text(text: str, *, rules: str | None = None, first_line: int = 1) -> Cleaned:
    """Fix encoding, split into paragraphs and clean them; the one-call version."""
    text, fixes, chars = _fix_encoding(text.replace("\r\n", "\n").replace("\r", "\n"))
    # Words of ASCII and typographic characters only: keyed by a byte table, not \w+.
    key_of = ascii_words_key if words_are_ascii(chars) else words_key
    cleaned = _clean_paragraphs(split_paragraphs(text, first_line=first_line), rules, key_of)
    cleaned.fixes = fixes
    return cleaned


def summarise_removals(removed: list[Removal]) -> str:
    """A short count of removed lines by rule, e.g. 'removed 3 lines: caption 2, repeated 1'."""
    if not removed:
        return ""
    counts: dict[str, int] = {}
    for r in removed:
        counts[r.rule] = counts.get(r.rule, 0) + 1
    parts = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
    noun = "line" if len(removed) == 1 else "lines"
    return f"cleaning removed {len(removed)} {noun}: {parts}"
