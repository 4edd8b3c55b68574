"""How much two processes get done at once on this machine, against one alone.

A pure-Python CPU loop (no I/O, no shared memory) runs for a fixed time in one process,
then in two processes at once. If two cores were two independent cores, two processes
would do 2.0x the work of one; virtual CPUs that share a physical core (hyperthreads of
the host) or a host that is busy give less. This is the ceiling for any two-worker
speed-up here, Dask's included: read the Dask ratio in results-scale.md against it.

    python benchmarks/bench_cores.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import sys
import time

TEXT = " ".join(f"word{i} said the minister on {i % 31} March" for i in range(2000))
PATTERN = re.compile(r"\b(said|told|stated)\b\s+the\s+(\w+)")


def work(seconds: float) -> int:
    """Rounds of regex search and dictionary counting done in ``seconds``: like annotation."""
    rounds = 0
    counts: dict[str, int] = {}
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        for match in PATTERN.finditer(TEXT):
            counts[match.group(2)] = counts.get(match.group(2), 0) + 1
        rounds += 1
    return rounds


def two_against_one(seconds: float) -> tuple[int, int]:
    """Rounds done by one process alone, then by two processes at once (summed)."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        one = pool.apply(work, (seconds,))
    with context.Pool(2) as pool:
        two = sum(pool.map(work, [seconds] * 2))
    return one, two


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args(argv)
    one, two = two_against_one(args.seconds)
    ratio = two / one
    print(f"{os.cpu_count()} CPUs; one process: {one:,} rounds in {args.seconds:.0f} s; ")
    print(f"two processes at once: {two:,} rounds ({ratio:.2f}x one process)")
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
