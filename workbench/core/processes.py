"""How many processes a machine offers, and how they start: what the loader's and the
annotator's pools of processes share."""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.context import BaseContext


def usable_cores() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one, so a
    container or ``taskset`` limit is respected), else the machine's count."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def process_context() -> BaseContext:
    """How pool workers start: forked where the OS can (they inherit what the parent
    built, nothing is pickled or rebuilt), else the platform's default (spawn)."""
    return multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )


def daemonic() -> bool:
    """Whether this process is itself a pool's worker, which may not start processes."""
    return bool(multiprocessing.current_process().daemon)
