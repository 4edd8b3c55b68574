"""One raw article -> one row of the articles table: cleaned text, title, outlet,
publication date (and how it was found), language and an agency's credit.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

import yaml

from ..core import schema as S
from ..core.resources import resource_text
from .clean import Cleaned, clean_text, summarise_removals, words_key
from .dates import DateFinding, find_text_date, parse_date
from .dedupe import features_of_many
from .readers.pages import RawArticle
from .sources import (
    MAX_ARTICLE_CHARS,
    Item,
    Problem,
)

_MASTHEAD_DOMAIN = re.compile(r"^\s*((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,6})(?=[A-Z\s|:–—-]|$)")
_CLOSING_CREDIT = re.compile(
    r"\(([A-Za-z][A-Za-z .]{0,15}(?:\s*[/,]\s*[A-Za-z][A-Za-z .]{0,15}){0,3})\)\s*$"
)
_OPENING_CREDIT = re.compile(r"^[A-Z][A-Za-z .,'-]{1,40}\(([A-Za-z][A-Za-z /.]{0,20})\)\s*[—–-]")
_TITLE_MAX = 250
#: Hidden record fields: what finding duplicates needs of the text (see ``dedupe.features``).
DEDUPE_KEY = "_dedupe_key"
DEDUPE_SIGNATURE = "_dedupe_signature"
_DEDUPE_WORDS = "_dedupe_words"  # the text's words, until fill_features hashes them


@dataclass
class Loaded:
    """Read but not yet assembled: article records (with their keys), problems and the
    lines cleaning removed, in the order the items were read."""

    records: list[dict] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    removals: list[dict] = field(default_factory=list)

    def merge(self, part: Loaded) -> None:
        """Add a later part's records, keys, problems and removals after this one's."""
        self.records += part.records
        self.keys += part.keys
        self.problems += part.problems
        self.removals += part.removals

    def copy(self) -> Loaded:
        """A copy whose records and removals can be changed without changing this one."""
        return Loaded(
            [dict(r) for r in self.records],
            list(self.keys),
            list(self.problems),
            [dict(r) for r in self.removals],
        )


def slug(text: str) -> str:
    cleaned = re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-")
    return cleaned[:80] or "article"


def url_key(url: str) -> str:
    parsed = urlparse(url)
    last = PurePosixPath(parsed.path).stem or parsed.netloc
    return f"{slug(last)[:40]}-{hashlib.sha1(url.encode()).hexdigest()[:10]}"


def add_article(loaded: Loaded, raw: RawArticle, item: Item, *, boilerplate: str | None) -> None:
    """Clean one raw article and turn it into an articles record."""
    if len(raw.text) > MAX_ARTICLE_CHARS:
        message = (
            f"article text is {len(raw.text):,} characters, over the limit of "
            f"{MAX_ARTICLE_CHARS:,} for one article: no news article is this long (split the file)"
        )
        loaded.problems.append(Problem(raw.path, message, raw.location))
        return
    cleaned = clean_text(raw.text, rules=boilerplate, first_line=raw.first_line)
    warnings = list(raw.warnings) + cleaned.fixes
    n_paragraphs = len(cleaned.paragraphs)
    title, source, source_basis = _title_and_source(raw, cleaned)
    if not cleaned.paragraphs:
        loaded.problems.append(
            Problem(raw.path, "no article text left after cleaning", raw.location)
        )
        return
    text = cleaned.text
    # The headline (and a masthead) came off the front: the words of what is left are
    # the text's words, as finding duplicates reads them (no second pass over the text).
    words = " ".join(w for w in cleaned.words[n_paragraphs - len(cleaned.paragraphs) :] if w)
    date = _publication_date(raw, text, warnings)
    summary = summarise_removals(cleaned.removed)
    if summary:
        warnings.append(summary)
    for removal in cleaned.removed:
        loaded.removals.append(
            {
                S.ARTICLE_ID: raw.key,
                S.PATH: raw.path,
                S.CLEAN_LINE: removal.line,
                S.CLEAN_RULE: removal.rule,
                S.CLEAN_REMOVED: removal.text,
            }
        )
    loaded.keys.append(raw.key)
    loaded.records.append(
        {
            S.PATH: raw.path,
            S.TITLE: title,
            S.SOURCE: source,
            S.SOURCE_BASIS: source_basis,
            S.BYLINE: raw.byline,
            S.URL: raw.url,
            S.DATABASE_ID: raw.database_id,
            S.PUBLISHED: date.value,
            S.DATE_BASIS: date.basis,
            S.LANGUAGE: raw.language or detect_language(text),
            S.TEXT: text,
            S.N_WORDS: len(text.split()),
            S.DUPLICATE_OF: "",
            S.LOAD_WARNINGS: "; ".join(warnings),
            DEDUPE_KEY: None,  # set by fill_features, from the words, for many at once
            DEDUPE_SIGNATURE: None,
            _DEDUPE_WORDS: words,
            "_location": raw.location,
            "_date_evidence": date.evidence,
            "_item_root": item.root,
        }
    )


def fill_features(records: list[dict]) -> None:
    """Give the records just read by :func:`add_article` their near-duplicate features
    (``dedupe.features`` of their words), hashed for all of them at once."""
    pending = [r for r in records if _DEDUPE_WORDS in r]
    found = features_of_many([r.pop(_DEDUPE_WORDS) for r in pending])
    for record, (exact, minhash) in zip(pending, found, strict=True):
        record[DEDUPE_KEY] = exact
        record[DEDUPE_SIGNATURE] = minhash


def _title_and_source(raw: RawArticle, cleaned: Cleaned) -> tuple[str | None, str | None, str]:
    """Title (taking the headline paragraph out of the text) and the outlet with its basis.

    Mutates ``cleaned.paragraphs`` to drop the headline (and a masthead line above it).
    """
    paragraphs = cleaned.paragraphs
    title = raw.title
    masthead = None
    if title and paragraphs and cleaned.words[0] == words_key(title):
        paragraphs.pop(0)
    elif (
        title is None
        and raw.title_in_text
        and len(paragraphs) > 1
        and len(paragraphs[0][1]) <= _TITLE_MAX
    ):
        first = paragraphs.pop(0)[1]
        second = paragraphs[0][1]
        if first != second and first.endswith(second) and len(first) - len(second) <= 60:
            masthead = _MASTHEAD_DOMAIN.match(first[: len(first) - len(second)])
            paragraphs.pop(0)
            title = second
        else:
            title = first
    if raw.source:
        return title, raw.source, "field"
    if raw.tabular and not raw.path.lower().startswith(("http://", "https://")):
        # An export per outlet (NYT.csv): the file names the outlet better than a wire
        # credit on a row, which says where the copy came from, not who carried it.
        return title, Path(raw.path).stem, "filename"
    if masthead:
        return title, masthead.group(1), "masthead"
    credit = _agency_credit(paragraphs)
    if credit:
        return title, credit, "credit"
    if raw.url:
        host = urlparse(raw.url).netloc.lower().removeprefix("www.")
        if host:
            return title, host, "url"
    return title, None, "missing"


@lru_cache(maxsize=1)
def known_agencies() -> frozenset[str]:
    """News agencies whose credit names the outlet (packaged list)."""
    raw = resource_text("agencies.yaml")
    return frozenset(a.casefold() for a in yaml.safe_load(raw))


def _agency_credit(paragraphs: list[tuple[int, str]]) -> str | None:
    """A wire credit such as '(dpa/NAN)' closing the text or 'MOSCOW (AP) —' opening it."""
    if not paragraphs:
        return None
    candidates = []
    closing = _CLOSING_CREDIT.search(paragraphs[-1][1])
    if closing:
        candidates.append(closing.group(1))
    opening = _OPENING_CREDIT.match(paragraphs[0][1])
    if opening:
        candidates.append(opening.group(1))
    agencies = known_agencies()
    for credit in candidates:
        parts = [p.strip() for p in re.split(r"[/,]", credit) if p.strip()]
        if parts and all(p.casefold() in agencies for p in parts):
            return "/".join(parts)
    return None


def _publication_date(raw: RawArticle, text: str, warnings: list[str]) -> DateFinding:
    """The date from the file's own metadata when readable, else from the text."""
    if raw.date not in (None, ""):
        value = parse_date(raw.date)
        if value is not None:
            return DateFinding(value, "metadata", f"{raw.date_field}: {raw.date}")
        warnings.append(f"{raw.date_field or 'date field'} '{raw.date}' is not a readable date")
    finding = find_text_date(text)
    if finding.value is None and raw.fallback_date not in (None, ""):
        value = parse_date(raw.fallback_date)
        if value is not None:
            warnings.append(f"no publication date found: dated by its {raw.fallback_field}")
            return DateFinding(value, "inferred", f"{raw.fallback_field}: {raw.fallback_date}")
    warnings.extend(finding.warnings)
    return finding


_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as was by at from it be has have are said".split()
)


def load_language_model() -> None:
    """Load py3langid's model now (once per process): a pool's workers, forked after,
    share it instead of each reading it again (about a second each)."""
    import py3langid

    py3langid.classify("")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None for very short texts.

    English prose, most of any corpus here, is recognised first by its function words
    (a fifth of the first hundred words), which costs a fraction of the n-gram model.
    """
    if len(text) < 40:
        return None
    words = text[:800].lower().split()[:100]
    if (
        len(words) >= 30
        and sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, words)) >= len(words) // 5
    ):
        return "en"
    import py3langid  # loads its model on first import: keep it off import workbench

    # 600 characters identify a language as well as 2,000 for news prose, 3x faster.
    lang, _ = py3langid.classify(text[:600])
    return str(lang)
