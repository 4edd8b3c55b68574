"""Measuring automatic statements against hand annotations (gold), row by row.

A gold row is found when a statement of the same article and actor has an evidence
sentence that contains the gold evidence (compared with case, quotes and spacing
folded). Act and stance are then scored on the found rows.
"""

from __future__ import annotations

import re

import pandas as pd

from . import schema as S

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
