"""A few big exports are cleaned in worker processes: the same table and reports as one
process gives, row for row, with the reader's and the cleaner's problems interleaved."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pandas as pd
import pytest

import workbench
from workbench.core.reports import cleaning_report, load_report
from workbench.ingest import split
from workbench.ingest.sources import Item

from .invented import _paragraphs


def _export(path: Path, seed: int, n: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "date", "url", "text"])
        for i in range(n):
            kind = rng.random()
            if kind < 0.05:
                text = ""  # the reader's problem: a row without text
            elif kind < 0.1:
                text = "Share this article\n\nPlease enter your comment!"  # nothing left
            else:
                text = "\n\n".join(_paragraphs(rng, rng.randrange(1, 6)))
                if kind < 0.2:
                    text += "\n\nPhoto: Lena Morrow / Northern Ledger"
            writer.writerow([f"Story {seed}-{i}", f"2021-03-{1 + i % 28:02d}", "", text])


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    for seed in range(3):
        _export(tmp_path / f"outlet{seed}.csv", seed, 120)
    return tmp_path


def test_big_exports_cleaned_in_workers_give_one_process_tables(exports, monkeypatch):
    one = workbench.load_articles(exports, workers=1)
    monkeypatch.setattr(split, "SPLIT_FROM_BYTES", 1)
    monkeypatch.setattr(split, "_RUN", 7)  # many runs, each ending anywhere in a file
    monkeypatch.setattr(split, "usable_cores", lambda: 2)  # two workers on any machine
    items = [Item(str(p)) for p in sorted(exports.glob("*.csv"))]
    assert split.split_workers(None, items, "collect") == 2
    several = workbench.load_articles(exports)
    pd.testing.assert_frame_equal(one, several, check_exact=True)
    for report in (load_report, cleaning_report):
        pd.testing.assert_frame_equal(report(one), report(several), check_exact=True)
    levels = load_report(one)["message"].tolist()
    assert any("row has no text" in m for m in levels)
    assert any("no article text left" in m for m in levels)


def test_small_or_raising_loads_stay_in_one_process(exports):
    items = [Item(str(p)) for p in sorted(exports.glob("*.csv"))]
    assert split.split_workers(None, items, "collect") == 1  # under the size threshold
    assert split.split_workers(4, items, "raise") == 1
    assert split.split_workers(1, items, "collect") == 1
