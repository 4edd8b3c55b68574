"""How quickly the statement explorer redraws on a million statements (issue 5's aim:
a filter + re-aggregate + redraw under 300 ms).

The million statements are the sample corpus's statements repeated, with dates spread
over a year by a seeded generator and the repeats' article ids made distinct; the
explorer sees them as one table. Each control change is timed several times and the
median printed, with its ratio to the aim. Timings are noisy on a shared machine: read
the ratios of one run together.

    python benchmarks/bench_widgets.py [--statements 1000000] [--repeat 5]

The table is printed and written to benchmarks/results-widgets.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io as pio

ROOT = Path(__file__).resolve().parents[1]
AIM_SECONDS = 0.300
RESULTS = ROOT / "benchmarks" / "results-widgets.md"


def million_statements(n: int) -> pd.DataFrame:
    """The sample corpus's statements repeated to ``n`` rows, dates spread over a year."""
    import workbench

    base = workbench.load(ROOT / "data" / "articles", cache=False).statements
    repeats = -(-n // len(base))
    big = pd.concat([base] * repeats, ignore_index=True).head(n)
    rng = np.random.default_rng(2022)
    hours = rng.integers(0, 365 * 24, len(big))
    big["date"] = pd.Timestamp("2022-01-01") + pd.to_timedelta(hours, unit="h")
    big["article_id"] = big["article_id"] + "-" + (big.index // len(base)).astype(str)
    return big


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from workbench.present.widgets import StatementExplorer

    pio.renderers.default = "plotly_mimetype"  # what a Jupyter kernel renders with
    statements = million_statements(args.statements)
    started = time.perf_counter()
    explorer = StatementExplorer(statements)
    build = time.perf_counter() - started
    top = statements["actor"].value_counts().index
    affiliation = statements["affiliation"].value_counts().index[0]
    changes = {
        "one actor": lambda: setattr(explorer.actors, "value", (top[1],)),
        "three actors": lambda: setattr(explorer.actors, "value", tuple(top[:3])),
        "one affiliation": lambda: setattr(explorer.affiliations, "value", (affiliation,)),
        "back to everything": lambda: None,
    }

    def reset() -> None:
        explorer.actors.value = ()
        explorer.affiliations.value = ()

    rows = []
    for name, change in changes.items():
        times = []
        for _ in range(args.repeat):
            if name == "back to everything":
                explorer.actors.value = (top[1],)
                started = time.perf_counter()
                reset()
            else:
                reset()
                started = time.perf_counter()
                change()
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        rows.append((name, median, median / AIM_SECONDS))
    lines = [
        "# Widgets: the statement explorer on a million statements",
        "",
        f"- Date: {dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()}",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; load average at the end "
        f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"- Command: `python benchmarks/bench_widgets.py {' '.join(argv or sys.argv[1:])}`",
        f"- {len(statements):,} statements (the sample's statements repeated, dates spread "
        f"over a year); explorer built in {build:.2f} s. Each change: filter, re-aggregate "
        f"and redraw the chart and the evidence table; median of {args.repeat}.",
        "",
        "| change | median s | x aim (0.300 s) | verdict |",
        "|---|--:|--:|---|",
    ]
    for name, median, ratio in rows:
        verdict = "met" if ratio <= 1 else f"MISSED by {ratio:.1f}x"
        lines.append(f"| {name} | {median:.3f} | {ratio:.2f} | {verdict} |")
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
