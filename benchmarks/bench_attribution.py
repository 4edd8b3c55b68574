"""Who said what, measured: PolNeAR's attributions and the sample corpus's gold.

Run by ``make bench`` or ``python benchmarks/bench_attribution.py [--quick]`` (dev only).

- PolNeAR (``../shared/corpora/polnear-2016``, dev and train): the workbench annotates
  each split with its default profile and ``workbench.evaluate_attributions`` measures
  the recall of named sources (direct, indirect) and the precision (a floor). The same
  statements, written to a temporary folder, are scored by
  ``../shared/tools/score_polnear.py``, the yardstick used outside the project: the two
  must agree within 0.02.
- The bundled sample corpus against ``tests/fixtures/dev_gold_statements.csv``
  (``workbench.evaluate``): affiliation, actor and act F1 and stance accuracy.

The tables are printed and written to benchmarks/results-attribution.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear-2016"
YARDSTICK = ROOT.parent / "shared" / "tools" / "score_polnear.py"
GOLD = ROOT / "tests" / "fixtures" / "dev_gold_statements.csv"
RESULTS = ROOT / "benchmarks" / "results-attribution.md"
AGREEMENT = 0.02

# (ours, the yardstick's JSON key, label)
FIGURES = [
    ("recall", "recall", "recall, named sources"),
    ("recall_direct", "recall_direct", "recall, direct"),
    ("recall_indirect", "recall_indirect", "recall, indirect"),
    ("precision", "precision_floor", "precision (a floor)"),
]


def polnear_split(split: str) -> dict:
    """Annotate one PolNeAR split, score it both ways; the figures and timings."""
    import workbench

    folder = POLNEAR / split
    start = time.perf_counter()
    corpus = workbench.load(folder / "text", cache=False, progress=False)
    annotate_s = time.perf_counter() - start
    scores = workbench.evaluate_attributions(corpus.statements, corpus.articles, folder)
    yardstick = None
    if YARDSTICK.is_file():
        # A temporary folder: the tables hold the articles' text, which stays out of the project.
        with tempfile.TemporaryDirectory(prefix=f"polnear-{split}-") as out:
            for name, frame in (("statements", corpus.statements), ("articles", corpus.articles)):
                plain = frame.copy()
                plain.attrs = {}
                plain.to_csv(Path(out) / f"{name}.csv", index=False)
            result = subprocess.run(
                [sys.executable, str(YARDSTICK), str(folder), out, "--json"],
                capture_output=True,
                text=True,
                check=True,
            )
        yardstick = json.loads(result.stdout.strip().splitlines()[-1])
    return {"split": split, "seconds": annotate_s, "ours": scores.overall, "yardstick": yardstick}


def sample_gold() -> dict[str, float]:
    """``workbench.evaluate`` on the sample corpus against its hand-annotated gold."""
    import workbench

    corpus = workbench.load(ROOT / "data" / "articles", cache=False, progress=False)
    return workbench.evaluate(corpus.statements, GOLD).overall


def polnear_lines(rows: list[dict]) -> list[str]:
    """The PolNeAR tables: counts and figures per split, then the yardstick's agreement."""
    lines = [
        "| split | articles | named attributions | direct | indirect | statements | recall | "
        "direct | indirect | precision | annotate s |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        o = row["ours"]
        lines.append(
            f"| {row['split']} | {o['articles']:.0f} | {o['named']:,.0f} | {o['direct']:,.0f} | "
            f"{o['indirect']:,.0f} | {o['statements']:,.0f} | {o['recall']:.3f} | "
            f"{o['recall_direct']:.3f} | {o['recall_indirect']:.3f} | {o['precision']:.3f} | "
            f"{row['seconds']:.1f} |"
        )
    lines += [
        "",
        "| split | measure | workbench | score_polnear.py | agree within 0.02? |",
        "|---|---|--:|--:|---|",
    ]
    for row in rows:
        for ours, theirs, label in FIGURES:
            mine = row["ours"][ours]
            if row["yardstick"] is None:
                lines.append(f"| {row['split']} | {label} | {mine:.3f} | not run | |")
                continue
            other = row["yardstick"][theirs]
            verdict = "yes" if abs(mine - other) <= AGREEMENT else "NO"
            lines.append(f"| {row['split']} | {label} | {mine:.3f} | {other:.3f} | {verdict} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="PolNeAR dev only")
    args = parser.parse_args(argv)

    lines = [
        "# Attribution: who said what",
        "",
        f"- Date: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "",
        "## PolNeAR (named sources of attributions)",
        "",
    ]
    if POLNEAR.is_dir():
        rows = []
        for split in ("dev",) if args.quick else ("dev", "train"):
            rows.append(polnear_split(split))
            print(f"polnear {split}: recall {rows[-1]['ours']['recall']:.3f}", flush=True)
        lines += [
            "Default profile (karabakh: PolNeAR's speakers are found as speakers the profile "
            "does not know). Definitions of `../shared/tools/score_polnear.py`, computed by "
            "`workbench.evaluate_attributions`: an attribution whose Source names someone is "
            "found by a statement whose evidence overlaps its Content and whose actor shares a "
            "name with its Source; direct = the Content opens with a quote mark; precision = "
            "statements so supported / all statements, a floor (PolNeAR's anonymous and "
            "pronoun sources support none).",
            "",
            *polnear_lines(rows),
        ]
    else:
        lines.append(f"Skipped: {POLNEAR} is not present.")
    o = sample_gold()
    lines += [
        "",
        "## Sample corpus against the hand-annotated gold",
        "",
        f"`workbench.evaluate` on data/articles, karabakh profile, against "
        f"{GOLD.relative_to(ROOT)}.",
        "",
        "| measure | value |",
        "|---|--:|",
        f"| affiliation F1 | {o['affiliation_f1']:.2f} |",
        f"| actor F1 | {o['actor_f1']:.2f} |",
        f"| act F1 (on matched article, actor pairs) | {o['act_f1']:.2f} |",
        f"| stance accuracy (gold statements found with their evidence) | "
        f"{o['stance_accuracy']:.2f} |",
    ]
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
