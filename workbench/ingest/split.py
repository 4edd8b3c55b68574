"""Reading a few big files (CSV or JSON exports of thousands of articles) on every core:
this process parses the files, pool workers clean runs of their articles.

A folder of many files is shared out file by file (``read.read_each``); a handful of
exports would keep one process busy with all of it. Here the articles of all the files
travel to the workers in runs, in order, and come back in order: the table, the load
report and the cleaning report are the same as one process's, row for row.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from ..core.processes import daemonic, process_context, usable_cores
from .read import FETCH_OPTIONS, _read_item
from .readers.pages import RawArticle
from .records import Loaded, add_article, fill_features, load_language_model
from .sources import Item, Problem

#: Files holding this many bytes in all are read on every core, however few they are.
SPLIT_FROM_BYTES = 4_000_000
_RUN = 500  # articles a worker cleans per task


def split_workers(workers: int | None, items: list[Item], errors: str) -> int:
    """Processes to clean the articles of ``items`` with (1: read them in this process)."""
    if errors == "raise" or workers == 1 or daemonic() or any(i.is_url for i in items):
        return 1
    cores = usable_cores() if workers is None else workers
    if min(cores, 8) < 2:
        return 1
    size = 0
    for item in items:
        try:
            size += os.stat(item.path).st_size
        except OSError:
            continue  # the reader says what is wrong with it
    return min(cores, 8) if size >= SPLIT_FROM_BYTES else 1


def read_split(loaded: Loaded, items: list[Item], options: dict, workers: int) -> None:
    """Read ``items`` into ``loaded`` as one process would: parsed here, cleaned in
    ``workers`` processes, merged back in reading order."""
    from concurrent.futures import ProcessPoolExecutor

    reading = {k: options[k] for k in ("columns", "max_bytes", "timeout")}
    fetching = {k: options.get(k) for k in FETCH_OPTIONS}
    # What was read, in order: a reader's problem, or the number of an article.
    order: list[Problem | int] = []
    run: list[tuple[RawArticle, Item]] = []
    n_articles = 0
    load_language_model()  # exports' short rows need it: loaded here, not in every worker
    with ProcessPoolExecutor(max_workers=workers, mp_context=process_context()) as pool:
        futures = []
        for entry, item in _entries(items, reading, fetching):
            if isinstance(entry, Problem):
                order.append(entry)
                continue
            order.append(n_articles)
            n_articles += 1
            run.append((entry, item))
            if len(run) == _RUN:
                futures.append(pool.submit(clean_run, run, options["boilerplate"]))
                run = []
        if run:
            futures.append(pool.submit(clean_run, run, options["boilerplate"]))
        done = [future.result() for future in futures]
    problems_of: list[list[Problem]] = []  # the problems cleaning found, per article
    for part, counts in done:
        loaded.records += part.records
        loaded.keys += part.keys
        loaded.removals += part.removals
        start = 0
        for count in counts:
            problems_of.append(part.problems[start : start + count])
            start += count
    for step in order:
        loaded.problems += [step] if isinstance(step, Problem) else problems_of[step]


def _entries(
    items: list[Item], reading: dict, fetching: dict
) -> Iterator[tuple[RawArticle | Problem, Item]]:
    for item in items:
        for entry in _read_item(item, fetching=fetching, **reading):
            yield entry, item


def clean_run(
    run: list[tuple[RawArticle, Item]], boilerplate: str | None
) -> tuple[Loaded, list[int]]:
    """Worker: clean a run of articles into a part, with how many problems each gave."""
    part = Loaded()
    counts = []
    for raw, item in run:
        before = len(part.problems)
        add_article(part, raw, item, boilerplate=boilerplate)
        counts.append(len(part.problems) - before)
    fill_features(part.records)
    return part, counts
