"""Measuring automatic statements against hand annotations (gold), row by row.

A gold row is found when a statement of the same article and actor has an evidence
sentence that contains the gold evidence (compared with case, quotes and spacing
folded). Act and stance are then scored on the found rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core import schema as S

_QUOTES = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'", "„": '"'})


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", str(text).translate(_QUOTES).casefold()))


def match_gold(statements: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """One row per gold statement with what the annotator found for it.

    Columns: the gold columns, ``found`` (a statement of that actor holds the evidence),
    ``act_ok`` and ``stance_ok`` (one of those statements has the gold label), and
    ``predicted_acts`` / ``predicted_stances`` for inspection.
    """
    st = statements.assign(_norm=statements[S.SENTENCE].map(_norm))
    rows = []
    for g in gold.itertuples(index=False):
        evidence = _norm(g.evidence)
        candidates = st[
            (st[S.ARTICLE_ID] == g.article_id)
            & (st[S.ACTOR] == g.actor)
            & st["_norm"].map(lambda s, e=evidence: e in s or (len(s) > 30 and s in e))
        ]
        rows.append(
            {
                **g._asdict(),
                "found": not candidates.empty,
                "act_ok": bool((candidates[S.ACT] == g.act).any()),
                "stance_ok": bool((candidates[S.STANCE] == g.stance).any()),
                "predicted_acts": ", ".join(sorted(set(candidates[S.ACT]))),
                "predicted_stances": ", ".join(sorted(set(candidates[S.STANCE]))),
            }
        )
    return pd.DataFrame(rows)


def precision_units(statements: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Each automatic (article, actor, sentence) unit, with whether a gold row supports it."""
    units = statements.drop_duplicates([S.ARTICLE_ID, S.ACTOR, S.START])[
        [S.ARTICLE_ID, S.ACTOR, S.START, S.SENTENCE]
    ].copy()
    gold_norm = gold.assign(_e=gold["evidence"].map(_norm))

    def supported(row: pd.Series) -> bool:
        sentence = _norm(row[S.SENTENCE])
        same = gold_norm[
            (gold_norm["article_id"] == row[S.ARTICLE_ID]) & (gold_norm["actor"] == row[S.ACTOR])
        ]
        return bool(
            same["_e"].map(lambda e: e in sentence or (len(sentence) > 30 and sentence in e)).any()
        )

    units["supported"] = units.apply(supported, axis=1) if len(units) else []
    return units


def gold_scores(statements: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """Recall of gold statements, precision of statement units, act and stance accuracy."""
    matched = match_gold(statements, gold)
    units = precision_units(statements, gold)
    found = matched[matched["found"]]
    recall = float(matched["found"].mean()) if len(matched) else 0.0
    precision = float(units["supported"].mean()) if len(units) else 0.0
    return {
        "gold_rows": float(len(matched)),
        "recall": recall,
        "precision": precision,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "act_accuracy": float(found["act_ok"].mean()) if len(found) else 0.0,
        "stance_accuracy": float(found["stance_ok"].mean()) if len(found) else 0.0,
    }


def _prf(predicted: set, gold: set) -> dict[str, float]:
    tp = len(predicted & gold)
    precision = tp / len(predicted) if predicted else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": float(tp),
        "predicted": float(len(predicted)),
        "gold": float(len(gold)),
    }


def _scores(st: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """The measures of :func:`evaluate` for one set of statements and gold rows."""
    out: dict[str, float] = {}
    for level, column in (("affiliation", "affiliation"), ("actor", "actor")):
        predicted = set(zip(st[S.ARTICLE_ID], st[column].fillna(""), strict=True))
        wanted = set(zip(gold["article_id"], gold[column].fillna(""), strict=True))
        out.update({f"{level}_{k}": v for k, v in _prf(predicted, wanted).items()})
    matched_pairs = set(zip(st[S.ARTICLE_ID], st[S.ACTOR], strict=True)) & set(
        zip(gold["article_id"], gold["actor"], strict=True)
    )
    on_pairs = st[
        [pair in matched_pairs for pair in zip(st[S.ARTICLE_ID], st[S.ACTOR], strict=True)]
    ]
    gold_on_pairs = gold[
        [pair in matched_pairs for pair in zip(gold["article_id"], gold["actor"], strict=True)]
    ]
    acts = _prf(
        set(zip(on_pairs[S.ARTICLE_ID], on_pairs[S.ACTOR], on_pairs[S.ACT], strict=True)),
        set(
            zip(
                gold_on_pairs["article_id"],
                gold_on_pairs["actor"],
                gold_on_pairs["act"],
                strict=True,
            )
        ),
    )
    out.update({f"act_{k}": v for k, v in acts.items()})
    rows = match_gold(st, gold)
    found = rows[rows["found"]]
    out["evidence_recall"] = float(rows["found"].mean()) if len(rows) else 0.0
    out["stance_accuracy"] = float(found["stance_ok"].mean()) if len(found) else 0.0
    return out


@dataclass
class Evaluation:
    """Automatic statements scored against a gold file, overall and per article."""

    overall: dict[str, float]
    per_article: pd.DataFrame
    rows: pd.DataFrame

    def summary(self) -> str:
        """The evaluation as a short Markdown report."""
        o = self.overall
        lines = [
            "# Statements against the gold",
            "",
            "| measure | precision | recall | F1 |",
            "|---|---|---|---|",
        ]
        for level in ("affiliation", "actor", "act"):
            lines.append(
                f"| speaker at (article, {level}) | {o[f'{level}_precision']:.2f} | "
                f"{o[f'{level}_recall']:.2f} | {o[f'{level}_f1']:.2f} |"
                if level != "act"
                else f"| act on matched (article, actor) | {o['act_precision']:.2f} | "
                f"{o['act_recall']:.2f} | {o['act_f1']:.2f} |"
            )
        lines += [
            "",
            "Stance accuracy on gold statements found with their evidence: "
            f"{o['stance_accuracy']:.2f} (found: {o['evidence_recall']:.2f} of {len(self.rows)}).",
            "",
            "## Per article",
            "",
            _markdown_table(self.per_article.round(2)),
        ]
        return "\n".join(lines) + "\n"


def _markdown_table(df: pd.DataFrame) -> str:
    """A DataFrame as a Markdown table (pandas' to_markdown needs the tabulate package)."""
    header = "| " + " | ".join(map(str, df.columns)) + " |"
    rule = "|" + "|".join("---" for _ in df.columns) + "|"
    rows = ["| " + " | ".join(map(str, row)) + " |" for row in df.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def gold_with_evidence(gold: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Gold rows whose evidence is given as offsets (``start``, ``end``) into the article
    text, with the ``evidence`` text filled in from ``articles``: a gold file can then hold
    ids, offsets and labels only, and the texts stay with their owners.

    Raises ValueError naming the row when an article is missing or an offset is out of range.
    """
    texts = dict(zip(articles[S.ARTICLE_ID], articles[S.TEXT], strict=True))
    evidence = []
    for n, row in enumerate(gold.itertuples(index=False), start=2):  # the file's line
        text = texts.get(row.article_id)
        if text is None:
            raise ValueError(f"gold line {n}: article {row.article_id!r} is not in the articles")
        start, end = int(row.start), int(row.end)
        if not 0 <= start < end <= len(text):
            raise ValueError(f"gold line {n}: offsets {start}-{end} outside the article text")
        evidence.append(text[start:end])
    return gold.assign(evidence=evidence)


def evaluate(
    statements: pd.DataFrame,
    gold: str | Path | pd.DataFrame,
    *,
    articles: pd.DataFrame | None = None,
) -> Evaluation:
    """Score automatic statements against a gold file (the format of ``dev_gold_statements.csv``,
    or with ``start``/``end`` offsets instead of ``evidence``, then given ``articles``).

    Speaker precision/recall/F1 at (article, affiliation) and (article, actor) level, act
    precision/recall/F1 on the (article, actor) pairs both sides have, and stance
    accuracy on the gold statements found with their evidence sentence.

    Examples
    --------
    >>> gold = "tests/fixtures/dev_gold_statements.csv"
    >>> result = evaluate(corpus.statements, gold)  # doctest: +SKIP
    >>> result.overall["actor_f1"]  # doctest: +SKIP
    """
    gold_df = gold if isinstance(gold, pd.DataFrame) else pd.read_csv(gold)
    if "evidence" not in gold_df.columns and {"start", "end"} <= set(gold_df.columns):
        if articles is None:
            raise ValueError("gold gives evidence as offsets (start, end): pass articles=")
        gold_df = gold_with_evidence(gold_df, articles)
    missing = {"article_id", "actor", "affiliation", "stance", "act", "evidence"} - set(
        gold_df.columns
    )
    if missing:
        raise ValueError(f"gold file lacks columns: {', '.join(sorted(missing))}")
    per_article = []
    for article_id, gold_part in gold_df.groupby("article_id", sort=True):
        part = statements[statements[S.ARTICLE_ID] == article_id]
        scores = _scores(part, gold_part)
        per_article.append(
            {
                "article_id": article_id,
                "gold": len(gold_part),
                "statements": len(part),
                "affiliation_f1": scores["affiliation_f1"],
                "actor_f1": scores["actor_f1"],
                "act_f1": scores["act_f1"],
                "stance_accuracy": scores["stance_accuracy"],
            }
        )
    scored = statements[statements[S.ARTICLE_ID].isin(set(gold_df["article_id"]))]
    return Evaluation(
        _scores(scored, gold_df), pd.DataFrame(per_article), match_gold(scored, gold_df)
    )
