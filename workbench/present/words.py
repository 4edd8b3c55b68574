"""Labels in words an analyst reads: the ``rule`` of a statement, CAMEO codes, a glossary.

Nothing here changes the tables' values: these functions add readable columns beside
the codes (the raw ``rule`` stays, for whoever debugs a cue).
"""

from __future__ import annotations

import re

import pandas as pd

from ..core import schema as S
from .tables import styled_table

# CAMEO root codes (Schrodt, CAMEO 1.1b3) and the sub-codes the act guide uses.
CAMEO = {
    "01": "make public statement",
    "02": "appeal",
    "03": "express intent to cooperate",
    "04": "consult",
    "05": "engage in diplomatic cooperation",
    "06": "engage in material cooperation",
    "07": "provide aid",
    "08": "yield",
    "09": "investigate",
    "10": "demand",
    "11": "disapprove",
    "12": "reject",
    "13": "threaten",
    "14": "protest",
    "15": "exhibit force posture",
    "16": "reduce relations",
    "17": "coerce",
    "18": "assault",
    "19": "fight",
    "20": "use unconventional mass violence",
    "111": "criticize or denounce",
    "112": "accuse",
}

# How the statement was found (the first part of ``rule``).
_HOW = {
    "quote+verb": "a quote, then the reporting verb {verb}",
    "verb+quote": "the reporting verb {verb}, then a quote",
    "quote+according to": "a quote, then 'according to' the speaker",
    "quote continued": "a quote continued from the sentence before",
    "subject verb": "the speaker {verb} something (no quote marks)",
    "clause, verb": "a reported clause, then the verb {verb}",
    "according to": "'according to' the speaker",
    "document": "a document the speaker issued",
    "name: quote": "the speaker's name, a colon, then a quote",
    "statement of": "a 'statement of' the speaker",
}
_SPEAKER = {
    "alias": "speaker named by a profile alias",
    "name": "speaker named in full",
    "person": "speaker named in full",
    "generic": "speaker described, not named (e.g. 'officials')",
    "unresolved": "speaker not in the profile",
    "previous": "the speaker of the sentence before",
}
_VIA = {
    "name chain": "a short form of a name given earlier",
    "pronoun": "a pronoun ('he', 'she', 'they')",
    "role": "a role ('the minister')",
}
_RULE = re.compile(
    r"^(?P<how>[^;']+?)(?: '(?P<verb>[^']*)')?; speaker: (?P<speaker>[^;(]+?)"
    r"(?: \((?P<via>[^)]*)\))?; act: (?P<act>.*?); stance: (?P<stance>[^;]*)(?P<rest>;.*)?$"
)


def describe_rule(rule: object, sentence: object = "") -> str:
    """A ``rule`` as a sentence: how the statement was found, who the speaker is, which
    words gave the act, and why the stance. The act's cue is shown as the words it
    matched in ``sentence`` rather than as its pattern.

    Examples
    --------
    >>> describe_rule("quote+verb 'said'; speaker: alias; act: verb: ^(den(y|ies|ied))\\\\b; "
    ...               "stance: speaker's side (Ukraine)", "'No,' he said, and denied it.")
    ... # doctest: +NORMALIZE_WHITESPACE
    "a quote, then the reporting verb 'said'; speaker named by a profile alias;
     act cue 'denied'; stance: speaker's side (Ukraine)"
    """
    text = "" if rule is None or (isinstance(rule, float) and pd.isna(rule)) else str(rule)
    m = _RULE.match(text)
    if m is None:
        return text
    verb = f"'{m['verb']}'" if m["verb"] else ""
    how = _HOW.get(m["how"].strip(), m["how"].strip()).format(verb=verb).replace("  ", " ")
    speaker = _SPEAKER.get(m["speaker"].strip(), m["speaker"].strip())
    if m["via"]:
        speaker += f", found through {_VIA.get(m['via'], m['via'])}"
    parts = [how, speaker, _act(m["act"].strip(), str(sentence or "")), f"stance: {m['stance']}"]
    if m["rest"]:
        parts.append(m["rest"].lstrip("; "))
    return "; ".join(parts)


# {other} in a cue is a party named in the profile: here, one to three capitalised words.
_PARTY = r"(?-i:[A-Z][\w-]*(?: [A-Z][\w-]*){0,2})"


def _act(cue: str, sentence: str) -> str:
    """The act part: no cue, or the words of the sentence the cue matched."""
    if cue in (".", ""):
        return "no act cue: a plain statement"
    pattern = cue.removeprefix("verb: ").lstrip("^").replace("{other}", _PARTY)
    try:
        found = re.search(pattern, sentence, re.IGNORECASE)
    except re.error:
        found = None
    if found is None:
        return "act cue in the text"
    words = " ".join(found.group(0).split())
    words = words if len(words) <= 60 else words[:59] + "…"
    return f"act cue '{words}'"


def with_readable_rule(statements: pd.DataFrame) -> pd.DataFrame:
    """The statements with ``why`` (the rule in words) and ``cameo_label`` added."""
    out = statements.copy()
    out["why"] = [describe_rule(r, s) for r, s in zip(out[S.RULE], out[S.SENTENCE], strict=True)]
    out["cameo_label"] = out[S.CAMEO].map(cameo_label)
    return out


def cameo_label(code: object) -> str:
    """A CAMEO code with its name ('112: accuse'); a sub-code unknown here gets its root's.

    Examples
    --------
    >>> cameo_label("112")
    '112: accuse'
    """
    if code is None or (isinstance(code, float) and pd.isna(code)) or str(code) == "":
        return ""
    code = str(code)
    name = CAMEO.get(code) or CAMEO.get(code[:2])
    return f"{code}: {name}" if name else code


_GLOSSARY: dict[str, dict[str, str]] = {
    "articles": {
        S.ARTICLE_ID: "the article's id: its position and a hash of its text",
        S.PATH: "the file (and row) it was read from",
        S.TITLE: "the headline",
        S.SOURCE: "the outlet that published the article ('source (outlet)' in the charts)",
        S.SOURCE_BASIS: "where the outlet name came from: metadata, a field of the file, "
        "the masthead, a credit line, the file name or the URL",
        S.BYLINE: "the author line, from a news-database export (Nexis, Factiva, ProQuest)",
        S.URL: "the article's address, when known",
        S.DATABASE_ID: "the news database's identifier of the article (Factiva's 'Document "
        "…', ProQuest's document ID)",
        S.PUBLISHED: "the publication date (the statements table carries it as 'date')",
        S.DATE_BASIS: "where the date came from: metadata (the sidecar CSV or the file's own "
        "date field), a dateline, a date in the text, inferred, or missing",
        S.LANGUAGE: "the language of the text",
        S.TEXT: "the cleaned text",
        S.N_WORDS: "words in the text",
        S.DUPLICATE_OF: "the article whose text this one repeats (empty if none)",
        S.LOAD_WARNINGS: "what loading noticed about this article",
        S.LEAN: "the side the outlet's own words favour (framing terms in the headline and "
        "narration, quotes left out), or neutral",
        S.LEAN_SCORE: "how strongly: the weighted framing terms of one side minus the "
        "other's, per article; 0 is balanced",
        S.LEAN_TERMS: "the framing terms behind the lean",
        S.ARTICLE_TONE: "negative to positive wording of the narration, -1 to 1 "
        "(a word-list score; 0 is neutral)",
    },
    "mentions": {
        S.ARTICLE_ID: "the article",
        S.ACTOR: "the actor named, as the profile calls it",
        S.AFFILIATION: "the actor's side or country in the profile",
        S.ACTOR_TYPE: "person, government, military, organisation...",
        S.MENTION_COUNT: "times the actor is named in the article",
        S.FIRST_START: "where the first mention starts (character offset)",
        S.FIRST_END: "where it ends",
        S.ALIASES: "the names the article used for the actor",
    },
    "statements": {
        S.ARTICLE_ID: "the article",
        S.DATE: "the article's publication date, its 'published' ('date (published)' in "
        "the charts)",
        S.SOURCE: "the outlet that carried the statement: its article's 'source'",
        S.ACTOR: "who speaks (the profile's name, or the name as written if unknown)",
        S.AFFILIATION: "the speaker's side or country",
        S.ACTOR_TYPE: "person, government, military, organisation...",
        S.RESOLVED: "True when the profile knows the speaker",
        S.STANCE: "the side the statement favours (pro_<side>) or neutral",
        S.ACT: "what the statement does: accuse, deny, appeal, threaten... "
        "('statement' when no act cue fired)",
        S.CAMEO: "the act's CAMEO event code (an international event-coding scheme): "
        "01 public statement, 02 appeal, 112 accuse...",
        S.TARGET: "whom the act is aimed at, when named",
        S.SENTENCE: "the sentence the statement is in: the evidence",
        S.START: "where the sentence starts in the text (character offset)",
        S.END: "where it ends",
        S.RULE: "how the statement was found, as the annotator wrote it (in words: 'why')",
        S.CONFIDENCE: "0 to 1: how sure the rule that found it is; check the lowest first",
        S.SPEAKER_TEXT: "the speaker as written in the sentence",
        S.ATTRIBUTION: "the pattern that tied the words to the speaker: a quote and a "
        "reporting verb, 'according to', a continued quote...",
        S.QUOTED: "True when the words are in quotation marks",
        S.TONE: "negative to positive wording of the statement, -1 to 1",
        "statement_key": "a stable key of the statement (article, speaker, sentence): "
        "what a correction refers to",
    },
}


def glossary(table: str | None = None) -> pd.DataFrame:
    """Every column of the articles, mentions and statements tables and what it means.

    Examples
    --------
    >>> glossary("statements").set_index("column").loc["cameo", "meaning"][:18]
    "the act's CAMEO e"
    """
    rows = [
        (name, column, meaning)
        for name, columns in _GLOSSARY.items()
        if table is None or name == table
        for column, meaning in columns.items()
    ]
    return pd.DataFrame(rows, columns=["table", "column", "meaning"])


def readable(table: pd.DataFrame) -> object:
    """The table styled to be read: every text shown whole, left-aligned, no index."""
    return (
        styled_table(table)
        .hide(axis="index")
        .format(precision=2, escape="html")
        .set_properties(**{"text-align": "left", "white-space": "normal"})
        .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    )
