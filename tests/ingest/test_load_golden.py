"""The articles table and its reports, held against a recorded copy.

The loader's speed paths (work done in the reading processes, reused word lists,
cached per-text results) must leave the table exactly as it was: this loads an invented
corpus of many shapes (:mod:`tests.ingest.invented`) and compares every cell, dtype,
load-report and cleaning-report row with ``tests/fixtures/load_golden.json``, recorded
with the loader as it was before them. A deliberate change to what loading gives is
recorded again with ``WORKBENCH_RECORD_GOLDEN=1 pytest tests/ingest/test_load_golden.py``
(and said in the commit).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.core import schema as S
from workbench.core.reports import cleaning_report, load_report

from ..conftest import FIXTURES
from .invented import write_invented_corpus

GOLDEN = FIXTURES / "load_golden.json"


def _plain(df: pd.DataFrame, root: Path) -> dict:
    """A frame as JSON-ready columns: dtypes, and values with the corpus root made '<root>'."""

    def value(v: object) -> object:
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and pd.isna(v)):
            return None
        if isinstance(v, pd.Timestamp):
            return v.isoformat()
        if isinstance(v, str):
            return v.replace(str(root), "<root>")
        return v.item() if hasattr(v, "item") else v

    return {
        "dtypes": {c: str(t) for c, t in df.dtypes.items()},
        "columns": {c: [value(v) for v in df[c].tolist()] for c in df.columns},
    }


def _snapshot(df: pd.DataFrame, root: Path) -> dict:
    return {
        "articles": _plain(df, root),
        "load_report": _plain(load_report(df), root),
        "cleaning_report": _plain(cleaning_report(df), root),
    }


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_invented_corpus(tmp_path_factory.mktemp("golden") / "corpus")


@pytest.mark.parametrize("workers", [1, 2])
def test_the_table_is_the_recorded_one(invented, workers, monkeypatch):
    monkeypatch.chdir(invented.parent)  # relative paths: ids hashed from them are stable
    df = workbench.load_articles(invented.name, workers=workers)
    got = _snapshot(df, invented)
    if os.environ.get("WORKBENCH_RECORD_GOLDEN") and workers == 1:
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=0) + "\n", "utf-8")
    want = json.loads(GOLDEN.read_text("utf-8"))
    for table in ("articles", "load_report", "cleaning_report"):
        assert got[table]["dtypes"] == want[table]["dtypes"], table
        for column, values in want[table]["columns"].items():
            assert got[table]["columns"][column] == values, (table, column)
    # the corpus exercises what it is meant to
    assert (df[S.DUPLICATE_OF] != "").sum() >= 5
    assert set(df[S.DATE_BASIS]) >= {"metadata", "missing"}
    assert {"ru", "fr", "en"} <= set(df[S.LANGUAGE].dropna())
    assert df[S.LOAD_WARNINGS].str.contains("mojibake repaired").any()
