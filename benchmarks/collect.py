"""Gather the benchmarks' tables into benchmarks/results.md (run last by ``make bench``).

Each benchmark writes its own file (results-load.md, results-documents.md,
results-annotate.md, results-scale.md, results-widgets.md, results-attribution.md), so
one can be rerun alone; this joins them, in that order, under one heading. A missing
file is listed as not run.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = [
    ("results-load.md", "bench_load.py"),
    ("results-documents.md", "bench_documents.py"),
    ("results-annotate.md", "bench_annotate.py"),
    ("results-scale.md", "bench_scale.py"),
    ("results-widgets.md", "bench_widgets.py"),
    ("results-attribution.md", "bench_attribution.py"),
]


def collect(folder: Path = HERE) -> str:
    """The joined text: a heading, then each part with its headings one level down."""
    out = [
        "# Benchmark results",
        "",
        "Each section comes from one benchmark script (`make bench` runs them all); the "
        "machine is shared and noisy, so compare the ratios measured within one run.",
    ]
    for name, script in PARTS:
        path = folder / name
        out.append("")
        if not path.exists():
            out.append(f"## {script}: not run (no {name})")
            continue
        text = path.read_text(encoding="utf-8").strip()
        out.extend(f"#{line}" if line.startswith("#") else line for line in text.splitlines())
    return "\n".join(out) + "\n"


def main() -> int:
    target = HERE / "results.md"
    target.write_text(collect(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
