"""How far to trust the automatic labels: agreement with the analysts' corrections.

Every statement an analyst confirmed, corrected, rejected or added is a pair of labels
(automatic, analyst) for each of ``actor``, ``affiliation``, ``stance`` and ``act``. A
rejected statement is an automatic label the analyst says should not exist, an added one
a statement the annotation missed: both count as the label ``(no statement)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
from nltk.metrics.agreement import AnnotationTask

from .apply import REVIEWED_COLUMNS
from .log import ACTION, ADD, LABEL_FIELDS, REJECT

if TYPE_CHECKING:
    from ..corpus import Corpus

NO_STATEMENT = "(no statement)"
NO_VALUE = "(none)"  # e.g. no affiliation for a speaker the profile does not know

FIELD = "field"
LABEL = "label"
AGREEMENT_COLUMNS = [FIELD, LABEL, "n", "n_auto", "precision", "recall", "f1", "kappa"]


def agreement(corpus: Corpus, *, fields: Sequence[str] = LABEL_FIELDS) -> pd.DataFrame:
    """Automatic labels against the analysts' on the statements they reviewed.

    One row per field and label value: ``n`` statements the analyst gave that label,
    ``n_auto`` the annotation gave it, ``precision``, ``recall`` and ``f1`` of the
    automatic label, and the field's Cohen's kappa (NLTK's ``AnnotationTask``, the same
    on every row of a field). Empty until an analyst has reviewed something.

    Examples
    --------
    >>> agreement(workbench.load("data/articles"))  # doctest: +SKIP
    """
    applied = corpus.corrections
    reviewed = applied.reviewed if applied is not None else pd.DataFrame(columns=REVIEWED_COLUMNS)
    return agreement_table(reviewed, fields=fields)


def agreement_table(
    reviewed: pd.DataFrame, *, fields: Sequence[str] = LABEL_FIELDS
) -> pd.DataFrame:
    """:func:`agreement` from a reviewed table (``corpus.corrections.reviewed``)."""
    tables = []
    for field in fields:
        auto = _labels(reviewed[f"auto_{field}"], reviewed[ACTION] == ADD)
        analyst = _labels(reviewed[field], reviewed[ACTION] == REJECT)
        keep = ~((auto == NO_STATEMENT) & (analyst == NO_STATEMENT))  # added, then rejected
        table = label_scores(auto[keep].tolist(), analyst[keep].tolist())
        table.insert(0, FIELD, field)
        tables.append(table)
    if not tables:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    return pd.concat(tables, ignore_index=True)


def label_scores(auto: Sequence[str], analyst: Sequence[str]) -> pd.DataFrame:
    """Precision, recall and F1 per label, and Cohen's kappa, of ``auto`` against ``analyst``.

    Examples
    --------
    >>> label_scores(["a", "a", "b"], ["a", "b", "b"])[["label", "precision", "recall"]]
      label  precision  recall
    0     b        1.0     0.5
    1     a        0.5     1.0
    """
    if len(auto) != len(analyst):
        raise ValueError(f"{len(auto)} automatic labels but {len(analyst)} analyst labels")
    columns = AGREEMENT_COLUMNS[1:]
    if not auto:
        return pd.DataFrame(columns=columns)
    value = kappa(auto, analyst)
    rows = []
    for label in sorted(set(auto) | set(analyst)):
        hits = sum(a == b == label for a, b in zip(auto, analyst, strict=True))
        n, n_auto = list(analyst).count(label), list(auto).count(label)
        precision = hits / n_auto if n_auto else math.nan
        recall = hits / n if n else math.nan
        f1 = (
            2 * precision * recall / (precision + recall)
            if precision + recall > 0
            else (0.0 if n and n_auto else math.nan)
        )
        rows.append([label, n, n_auto, precision, recall, f1, value])
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["n", LABEL], ascending=[False, True], ignore_index=True)


def kappa(auto: Sequence[str], analyst: Sequence[str]) -> float:
    """Cohen's kappa of two label sequences (NLTK); NaN when it is undefined.

    Examples
    --------
    >>> round(kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"]), 3)
    0.5
    """
    data = [("auto", str(i), a) for i, a in enumerate(auto)]
    data += [("analyst", str(i), b) for i, b in enumerate(analyst)]
    try:
        return float(AnnotationTask(data=data).kappa())
    except (ValueError, ZeroDivisionError):
        return math.nan


def _labels(values: pd.Series, missing_statement: pd.Series) -> pd.Series:
    """Label values as text: a missing statement and a missing value named apart."""
    labels = values.astype("object").where(values.notna(), NO_VALUE)
    return labels.where(~missing_statement.to_numpy(dtype=bool), NO_STATEMENT).astype(str)
