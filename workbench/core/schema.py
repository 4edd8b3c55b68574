"""Column names, dtypes and validation of the workbench's tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

# -- articles ---------------------------------------------------------------
ARTICLE_ID = "article_id"
PATH = "path"
TITLE = "title"
SOURCE = "source"
SOURCE_BASIS = "source_basis"
BYLINE = "byline"  # the author line of a news-database export
URL = "url"
DATABASE_ID = "database_id"  # a news database's identifier (Factiva's "Document ...")
PUBLISHED = "published"
DATE_BASIS = "date_basis"
LANGUAGE = "language"
TEXT = "text"
N_WORDS = "n_words"
DUPLICATE_OF = "duplicate_of"
LOAD_WARNINGS = "load_warnings"

ARTICLE_COLUMNS = [
    ARTICLE_ID,
    PATH,
    TITLE,
    SOURCE,
    SOURCE_BASIS,
    BYLINE,
    URL,
    DATABASE_ID,
    PUBLISHED,
    DATE_BASIS,
    LANGUAGE,
    TEXT,
    N_WORDS,
    DUPLICATE_OF,
    LOAD_WARNINGS,
]
# Filled only by some formats: a table made before they existed is still valid without them.
OPTIONAL_ARTICLE_COLUMNS = (BYLINE, DATABASE_ID)

ARTICLE_DTYPES = {
    ARTICLE_ID: "string",
    PATH: "string",
    TITLE: "string",
    SOURCE: "string",
    SOURCE_BASIS: "string",
    BYLINE: "string",
    URL: "string",
    DATABASE_ID: "string",
    PUBLISHED: "datetime64[ns]",
    DATE_BASIS: "string",
    LANGUAGE: "string",
    TEXT: "string",
    N_WORDS: "int64",
    DUPLICATE_OF: "string",
    LOAD_WARNINGS: "string",
}

# How the publication date was found, most trusted first (annotation guide).
DATE_BASES = ("metadata", "dateline", "text", "inferred", "missing")

# Where the outlet name came from, most trusted first.
SOURCE_BASES = ("metadata", "field", "masthead", "credit", "filename", "url", "missing")

# -- load report ------------------------------------------------------------
REPORT_PATH = "path"
REPORT_LOCATION = "location"
REPORT_LEVEL = "level"
REPORT_MESSAGE = "message"
REPORT_COLUMNS = [REPORT_PATH, REPORT_LOCATION, REPORT_LEVEL, REPORT_MESSAGE]
REPORT_LEVELS = ("error", "warning", "info")

# -- cleaning report --------------------------------------------------------
CLEAN_RULE = "rule"
CLEAN_LINE = "line"
CLEAN_REMOVED = "removed"
CLEANING_COLUMNS = [ARTICLE_ID, PATH, CLEAN_LINE, CLEAN_RULE, CLEAN_REMOVED]


def empty_articles() -> pd.DataFrame:
    """Return an articles frame with no rows and the right dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=ARTICLE_DTYPES[c]) for c in ARTICLE_COLUMNS})


def as_articles(records: list[dict]) -> pd.DataFrame:
    """Build an articles frame from record dicts, in schema order and dtypes."""
    if not records:
        return empty_articles()
    return pd.DataFrame(
        {c: _column([r.get(c) for r in records], ARTICLE_DTYPES[c]) for c in ARTICLE_COLUMNS}
    )


def _column(values: list, dtype: str) -> pd.Series:
    """One column of ``dtype`` from Python values; text straight into Arrow.

    A column of str and None goes to Arrow in one call, several times faster than
    pandas' element-by-element check (a corpus's text is most of its bytes); anything
    else takes pandas' own conversion.
    """
    if dtype == "string":
        try:
            strings = _arrow_strings(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeError):
            pass
        else:
            return pd.Series(pd.arrays.ArrowStringArray(strings), copy=False)
    return pd.Series(values, dtype=object).astype(dtype)


def _arrow_strings(values: list) -> pa.Array:
    """An Arrow ``large_string`` array of str and None values.

    All str (a text column): the UTF-8 bytes joined into one buffer with their offsets,
    five times faster than ``pa.array`` on a corpus's texts.
    """
    if not all(type(v) is str for v in values):
        return pa.array(values, type=pa.large_string())
    data = [v.encode("utf-8") for v in values]
    offsets = np.zeros(len(data) + 1, dtype=np.int64)
    np.cumsum([len(d) for d in data], out=offsets[1:])
    return pa.LargeStringArray.from_buffers(
        len(data), pa.py_buffer(offsets), pa.py_buffer(b"".join(data))
    )


def validate_articles(df: pd.DataFrame) -> None:
    """Raise ValueError naming what is wrong when ``df`` is not an articles table."""
    missing = [
        c for c in ARTICLE_COLUMNS if c not in df.columns and c not in OPTIONAL_ARTICLE_COLUMNS
    ]
    if missing:
        raise ValueError(f"articles table lacks columns: {', '.join(missing)}")
    if df[ARTICLE_ID].duplicated().any():
        dupes = df.loc[df[ARTICLE_ID].duplicated(), ARTICLE_ID].tolist()[:5]
        raise ValueError(f"article_id is not unique: {dupes}")
    bad_basis = set(df[DATE_BASIS].dropna()) - set(DATE_BASES)
    if bad_basis:
        raise ValueError(f"unknown date_basis values: {sorted(bad_basis)}")
    if df[PUBLISHED].dt.tz is not None:
        raise ValueError("published must be timezone-naive")
    undated = df[PUBLISHED].isna()
    if (df.loc[undated, DATE_BASIS] != "missing").any():
        raise ValueError("an article without a date must have date_basis 'missing'")
    if (df.loc[~undated, DATE_BASIS] == "missing").any():
        raise ValueError("an article with a date cannot have date_basis 'missing'")


# -- mentions ---------------------------------------------------------------
ACTOR = "actor"
AFFILIATION = "affiliation"
ACTOR_TYPE = "actor_type"
MENTION_COUNT = "count"
FIRST_START = "first_start"
FIRST_END = "first_end"
ALIASES = "aliases"

MENTION_COLUMNS = [
    ARTICLE_ID,
    ACTOR,
    AFFILIATION,
    ACTOR_TYPE,
    MENTION_COUNT,
    FIRST_START,
    FIRST_END,
    ALIASES,
]
MENTION_DTYPES = {
    ARTICLE_ID: "string",
    ACTOR: "string",
    AFFILIATION: "string",
    ACTOR_TYPE: "string",
    MENTION_COUNT: "int64",
    FIRST_START: "int64",
    FIRST_END: "int64",
    ALIASES: "string",
}

# -- statements -------------------------------------------------------------
DATE = "date"
RESOLVED = "resolved"
STANCE = "stance"
ACT = "act"
CAMEO = "cameo"
TARGET = "target"
SENTENCE = "sentence"
START = "start"
END = "end"
RULE = "rule"
CONFIDENCE = "confidence"
SPEAKER_TEXT = "speaker_text"
ATTRIBUTION = "attribution"
QUOTED = "quoted"
TONE = "tone"

STATEMENT_COLUMNS = [
    ARTICLE_ID,
    DATE,
    SOURCE,
    ACTOR,
    AFFILIATION,
    ACTOR_TYPE,
    RESOLVED,
    STANCE,
    ACT,
    CAMEO,
    TARGET,
    SENTENCE,
    START,
    END,
    RULE,
    CONFIDENCE,
    SPEAKER_TEXT,
    ATTRIBUTION,
    QUOTED,
    TONE,
]
STATEMENT_DTYPES = {
    ARTICLE_ID: "string",
    DATE: "datetime64[ns]",
    SOURCE: "string",
    ACTOR: "string",
    AFFILIATION: "string",
    ACTOR_TYPE: "string",
    RESOLVED: "bool",
    STANCE: "string",
    ACT: "string",
    CAMEO: "string",
    TARGET: "string",
    SENTENCE: "string",
    START: "int64",
    END: "int64",
    RULE: "string",
    CONFIDENCE: "float64",
    SPEAKER_TEXT: "string",
    ATTRIBUTION: "string",
    QUOTED: "bool",
    TONE: "float64",
}

ACTS = (
    "appeal",
    "diplomacy",
    "support",
    "accuse",
    "condemn",
    "deny",
    "threaten",
    "mobilize",
    "fight",
    "report",
    "aid",
    "statement",
)


def as_table(records: list[dict], columns: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    """Build a frame from record dicts with the given column order and dtypes."""
    if not records:
        return pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in columns})
    return pd.DataFrame.from_records(records, columns=columns).astype(dtypes)


# -- article lean -----------------------------------------------------------
LEAN = "lean"
LEAN_SCORE = "lean_score"
LEAN_TERMS = "lean_terms"
ARTICLE_TONE = "tone"
ANNOTATION_COLUMNS = [LEAN, LEAN_SCORE, LEAN_TERMS, ARTICLE_TONE]

# -- gold attributions (BRAT standoff, as in PolNeAR) -----------------------
# One row per annotated attribution (an ``E`` line of a .ann file): who is reported
# (Source), the word that reports it (Cue) and what was said (Content), each as its text,
# its first start and last end, and its spans (a tuple of (start, end), several for a
# discontinuous span), character offsets into the article's .txt file. A part the
# annotator left out (an implicit Source) is "" with no offsets.
GOLD_ID = "attribution_id"
GOLD_LINE = "line"
GOLD_SOURCE = "source"
GOLD_CUE = "cue"
GOLD_CONTENT = "content"
GOLD_PARTS = (GOLD_SOURCE, GOLD_CUE, GOLD_CONTENT)

BRAT_COLUMNS = [
    GOLD_ID,
    GOLD_LINE,
    "source",
    "source_start",
    "source_end",
    "source_spans",
    "cue",
    "cue_start",
    "cue_end",
    "cue_spans",
    "content",
    "content_start",
    "content_end",
    "content_spans",
]
BRAT_DTYPES = {
    GOLD_ID: "string",
    GOLD_LINE: "int64",
    **dict.fromkeys(GOLD_PARTS, "string"),
    **{f"{part}_{end}": "Int64" for part in GOLD_PARTS for end in ("start", "end")},
    **{f"{part}_spans": "object" for part in GOLD_PARTS},
}

# A corpus of them: the same columns after the article (the .txt file's stem) and the
# .ann file read for it.
GOLD_ARTICLE = "article"
GOLD_ANN_PATH = "ann_path"
GOLD_ATTRIBUTION_COLUMNS = [GOLD_ARTICLE, GOLD_ANN_PATH, *BRAT_COLUMNS]
GOLD_ATTRIBUTION_DTYPES = {GOLD_ARTICLE: "string", GOLD_ANN_PATH: "string", **BRAT_DTYPES}
GOLD_ARTICLES_ATTR = "articles"  # attrs key: every annotated article, with attributions or not

# Scoring statements against them (workbench.analysis.attribution_gold).
GOLD_NAMES = "names"
GOLD_DIRECT = "direct"
GOLD_FOUND = "found"
GOLD_SUPPORTED = "supported"
