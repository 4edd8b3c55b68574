"""Loading speed of ``workbench.load_articles``, as ratios measured in one run.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_load.py``). The machine is
shared and noisy, so absolute seconds are printed for information only; what counts are
ratios taken within one run: load speed against a floor (reading the same bytes plus one
regex pass over the text) measured minutes apart on the same machine.

Corpora
  A  ../shared/corpora/ukraine-war-media-2022/*.csv (14 CSV exports, ~10k rows); skipped,
     with a message, when ../shared is absent.
  B  a folder of 25,000 Markdown files with YAML front matter (title, date, source, url),
     generated from corpus A's full-text rows (or from data/articles when A is absent)
     under benchmarks/work/ and reused while its size and recipe are unchanged.

Aims: load speed >= 25% of the floor speed (each corpus); 25,000 files in under 20 s.

Options: ``--quick`` (2,500 files), ``--files N``, ``--repeat N`` (best of N loads),
``--workers N`` (passed to load_articles), ``--corpus-a DIR``, ``--baseline DIR`` (also
time the loader of another checkout, e.g. main's, on the same corpora right after this
one's, each in a fresh process: before and after in one run), ``--profile`` (cProfile
each load, in one process, instead of timing it; ``--top`` entries printed, .prof files in
benchmarks/work/). The standard run (25,000 files, load_articles' own defaults) writes
benchmarks/results-load.md; any other run writes benchmarks/work/results-N[-workersW].md, so a
smoke run never replaces the recorded figures.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import gc
import hashlib
import inspect
import json
import os
import platform
import pstats
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core import schema as S
from workbench.core.reports import load_report

REPO = Path(__file__).resolve().parents[1]
CORPUS_A = REPO.parent / "shared" / "corpora" / "ukraine-war-media-2022"
SAMPLES = REPO / "data" / "articles"
WORK = REPO / "benchmarks" / "work"
RESULTS = REPO / "benchmarks" / "results-load.md"

FULL_FILES = 25_000
QUICK_FILES = 2_500
TARGET_SECONDS = 20.0  # for FULL_FILES Markdown files (issue 12)
FLOOR_AIM = 0.25  # load speed / floor speed
FLOOR_PASSES = 3  # the floor is cheap: best of three (the first also warms the page cache)
SENTENCES_PER_PARAGRAPH = 3
RECIPE = 3  # bump when the corpus B recipe changes, so old folders are regenerated
MANIFEST = ".bench-manifest.json"  # dot-name: the loader skips it

_WORD = re.compile(r"\w+")
# A sentence ends at . ! or ? (optionally followed by a closing quote or bracket) before
# whitespace and a capital letter or opening quote; not after a common abbreviation.
_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"“‘'(]?[A-Z])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Gov|Sen|Rep|Prof|No|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc))\.$"
)


# --------------------------------------------------------------------------------------
# Corpus B: generation
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One article to recombine into Markdown files."""

    source: str
    date: str
    url: str
    title: str
    paragraphs: tuple[str, ...]


def _paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs of a text: kept when it has blank lines, else groups of sentences.

    The CSV exports hold each article as one line; grouping sentences gives the Markdown
    files the paragraph structure real articles have (and something to rotate).
    """
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) > 1:
        return tuple(" ".join(b.split()) for b in blocks)
    sentences: list[str] = []
    for piece in _SENTENCE_BREAK.split(" ".join(text.split())):
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] += " " + piece  # "Oct. 18", "U.S. officials": not a new sentence
        elif piece:
            sentences.append(piece)
    n = SENTENCES_PER_PARAGRAPH
    return tuple(" ".join(sentences[i : i + n]) for i in range(0, len(sentences), n))


def rows_from_corpus_a(folder: Path) -> list[Row]:
    """Full-text rows of the CSV exports (NYT.csv's metadata-only rows are left out)."""
    csv.field_size_limit(1 << 30)
    rows: list[Row] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = [h.strip().lower() for h in next(reader)]
            for cells in reader:
                if len(cells) != len(header):
                    continue
                row = dict(zip(header, cells, strict=True))
                url, text = row.get("url", "").strip(), row.get("text", "").strip()
                # NYT.csv's header is mislabelled (SOURCE.md): its "URL" holds the date and
                # it has no body, only abstract and lead paragraph. Not article files.
                if not url.startswith("http") or not text:
                    continue
                paragraphs = _paragraphs(text)
                if paragraphs:
                    rows.append(
                        Row(path.stem, row.get("date", "").strip(), url, row["title"], paragraphs)
                    )
    return rows


def rows_from_samples(folder: Path) -> list[Row]:
    """The sample articles, with title, outlet and date from their metadata.csv."""
    with (folder / "metadata.csv").open(encoding="utf-8", newline="") as handle:
        meta = {r["file"]: r for r in csv.DictReader(handle)}
    rows = []
    for number, path in enumerate(sorted(folder.glob("0*.txt"))):
        m = meta.get(path.name, {})
        text = path.read_text(encoding="utf-8")
        rows.append(
            Row(
                m.get("source") or "sample",
                m.get("published", ""),
                f"https://example.org/bench/sample-{number}",
                m.get("title") or path.stem,
                _paragraphs(text),
            )
        )
    return rows


def markdown_file(number: int, row: Row, shift: int) -> str:
    """One Markdown article: front matter, then the paragraphs rotated by ``shift``."""
    k = shift % len(row.paragraphs)
    paragraphs = row.paragraphs[k:] + row.paragraphs[:k]
    # JSON strings are valid YAML double-quoted scalars: safe for any title or URL.
    front = "\n".join(
        f"{name}: {json.dumps(value, ensure_ascii=False)}"
        for name, value in (
            ("title", f"{row.title} [bench {number}]"),
            ("date", row.date),
            ("source", row.source),
            ("url", row.url),
        )
    )
    return f"---\n{front}\n---\n\n" + "\n\n".join(paragraphs) + "\n"


@dataclass
class CorpusB:
    folder: Path
    files: int
    origin: str
    recipe: str
    distinct_bodies: int
    generated_seconds: float | None  # None when reused


def corpus_b(n_files: int, corpus_a: Path | None) -> CorpusB:
    """Generate (or reuse) the folder of ``n_files`` Markdown files.

    From corpus A's full-text rows, or from the sample articles when ``corpus_a`` is None.
    """
    have_a = corpus_a is not None
    origin = corpus_a.name if corpus_a is not None else "data/articles"
    folder = WORK / f"corpus-b-{n_files}-{_slug(origin) if have_a else 'samples'}"
    manifest_path = folder / MANIFEST
    wanted = {"files": n_files, "origin": origin, "recipe_version": RECIPE}
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if {k: manifest.get(k) for k in wanted} == wanted and _count_md(folder) == n_files:
            return CorpusB(
                folder,
                n_files,
                origin,
                manifest["recipe"],
                manifest["distinct_bodies"],
                None,
            )
    started = time.perf_counter()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rows = rows_from_corpus_a(corpus_a) if corpus_a is not None else rows_from_samples(SAMPLES)
    if not rows:
        raise SystemExit(f"corpus B: no article rows found in {corpus_a or SAMPLES}")
    # A fixed shuffle: any first N files mix all outlets (the CSVs are one outlet each).
    random.Random(RECIPE).shuffle(rows)
    bodies: set[str] = set()
    for number in range(n_files):
        row = rows[number % len(rows)]
        shift = number // len(rows)  # 0 on the first pass over the rows, 1 on the next...
        text = markdown_file(number, row, shift)
        body = text.split("\n---\n", 1)[1]
        bodies.add(hashlib.sha1(" ".join(_WORD.findall(body.casefold())).encode()).hexdigest())
        (folder / f"{number:05d}-{_slug(row.source)}.md").write_text(text, encoding="utf-8")
    passes = -(-n_files // len(rows))
    recipe = (
        f"{n_files:,} files from {len(rows):,} {origin} articles"
        f"{' (full-text rows; NYT.csv metadata-only rows left out)' if have_a else ''}, "
        f"shuffled (fixed seed) and cycled {passes} time{'s' if passes > 1 else ''}: "
        f"title + ' [bench N]', "
        f"text split into paragraphs of {SENTENCES_PER_PARAGRAPH} sentences (when it has none), "
        f"paragraphs rotated by the pass number (pass 0 = original order)"
    )
    manifest = {**wanted, "recipe": recipe, "distinct_bodies": len(bodies)}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return CorpusB(folder, n_files, origin, recipe, len(bodies), time.perf_counter() - started)


def _count_md(folder: Path) -> int:
    return sum(1 for e in os.scandir(folder) if e.name.endswith(".md"))


def _slug(text: str) -> str:
    return re.sub(r"[^\w-]+", "-", text).strip("-")[:30] or "x"


# --------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------


@dataclass
class Floor:
    seconds: float
    n_bytes: int
    n_words: int
    passes: list[float] = field(default_factory=list)


def floor_pass(list_files) -> tuple[float, int, int]:
    """List the files, open and read each, decode it, one ``\\w+`` findall over the text."""
    started = time.perf_counter()
    n_bytes = n_words = 0
    for path in list_files():
        with open(path, "rb") as handle:
            data = handle.read()
        n_bytes += len(data)
        n_words += len(_WORD.findall(data.decode("utf-8")))
    return time.perf_counter() - started, n_bytes, n_words


def measure_floor(list_files) -> Floor:
    passes = [floor_pass(list_files) for _ in range(FLOOR_PASSES)]
    best = min(passes, key=lambda p: p[0])
    return Floor(best[0], best[1], best[2], [p[0] for p in passes])


@dataclass
class Load:
    wall: float
    cpu: float
    articles: int
    errors: int
    duplicates: int
    walls: list[float] = field(default_factory=list)


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes (parallel workers)."""
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _has_workers() -> bool:
    import workbench

    return "workers" in inspect.signature(workbench.load_articles).parameters


def load_options(workers: int | None) -> dict[str, object]:
    """Keyword arguments for load_articles: ``workers`` only when asked for (and known)."""

    if workers is None:
        return {}
    if not _has_workers():
        raise SystemExit("--workers: this version of load_articles has no workers parameter")
    return {"workers": workers}


def measure_load(source: object, repeat: int, options: dict[str, object]) -> Load:
    """Best wall time of ``repeat`` loads (CPU time of that same run, workers included)."""
    import workbench

    runs = []
    df = None
    for _ in range(repeat):
        df = None
        gc.collect()
        wall0, cpu0 = time.perf_counter(), _cpu_seconds()
        df = workbench.load_articles(source, **options)
        runs.append((time.perf_counter() - wall0, _cpu_seconds() - cpu0))
    assert df is not None
    report = load_report(df)
    wall, cpu = min(runs)
    return Load(
        wall,
        cpu,
        len(df),
        int((report[S.REPORT_LEVEL] == "error").sum()),
        int((df[S.DUPLICATE_OF] != "").sum()),
        [r[0] for r in runs],
    )


def measure_here(source: str, repeat: int, options: dict[str, object]) -> dict[str, float]:
    """Time ``repeat`` loads in this (fresh) process after the warm-up: the --baseline
    helper's side, printed as JSON by ``--measure-only``."""
    import workbench

    workbench.load_articles(SAMPLES)  # the same warm-up as the main run
    load = measure_load(source, repeat, options)
    return {"wall": load.wall, "cpu": load.cpu, "articles": load.articles}


def measure_baseline(checkout: Path, source: str, repeat: int, options: dict[str, object]) -> Load:
    """Time the loader of another checkout (its ``workbench`` first on the path) in a
    fresh process, as this run times its own."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [sys.executable, str(Path(__file__).resolve()), "--measure-only", source]
    command += ["--repeat", str(repeat)]
    if "workers" in options:
        command += ["--workers", str(options["workers"])]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"--baseline {checkout}: the helper failed:\n{done.stderr[-2000:]}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return Load(found["wall"], found["cpu"], int(found["articles"]), 0, 0)


def _git_out(args: list[str], cwd: Path) -> str:
    """What a git command prints in ``cwd``, stripped (raises when git fails)."""
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout.strip()


def _code_of(checkout: Path) -> str:
    try:
        return _git_out(["rev-parse", "--short", "HEAD"], checkout)
    except (OSError, subprocess.CalledProcessError):
        return str(checkout)


def profile_load(name: str, source: object, top: int, options: dict[str, object]) -> None:
    import workbench

    out = WORK / f"profile-{name}.prof"
    profiler = cProfile.Profile()
    gc.collect()
    started = time.perf_counter()
    profiler.runcall(workbench.load_articles, source, **options)
    elapsed = time.perf_counter() - started
    WORK.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(out)
    print(f"\n=== profile: corpus {name} ({elapsed:.1f} s under cProfile; {out}) ===")
    stats = pstats.Stats(str(out)).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


# --------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------


@dataclass
class Result:
    corpus: str
    description: str
    files: int
    floor: Floor | None = None
    load: Load | None = None
    skipped: str = ""
    baseline: Load | None = None

    @property
    def ratio(self) -> float:
        assert self.floor is not None and self.load is not None
        return self.floor.seconds / self.load.wall  # (n / load) / (n / floor)


def _machine() -> str:
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        usable = os.cpu_count() or 0
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs ({usable} usable), "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def _loadavg() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def _git() -> str:
    try:
        head = _git_out(["rev-parse", "--short", "HEAD"], REPO)
        dirty = _git_out(["status", "--porcelain", "--", "workbench"], REPO)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}{' + uncommitted changes in workbench/' if dirty else ''}"


def _faster(factor: float) -> str:
    """How much faster, readable for small and large factors: '5% faster', '2.9x faster'."""
    return f"{factor - 1:.0%} faster" if factor < 1.5 else f"{factor:.1f}x faster"


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f}"


def results_markdown(
    results: Sequence[Result],
    *,
    started: dt.datetime,
    n_files: int,
    repeat: int,
    warmup: float,
    recipe: str,
    loadavg: tuple[str, str],
    code: tuple[str, str],
    options: dict[str, object],
    baseline: str = "",
) -> str:
    lines = [
        "# Loading speed: `workbench.load_articles`",
        "",
        f"- Date: {started.isoformat(timespec='seconds')}",
        f"- Machine: {_machine()}; load average {loadavg[0]} (start), {loadavg[1]} (end)",
        f"- Code: {code[0]}"
        + ("" if code[0] == code[1] else f" at start, {code[1]} at end (edited during the run)"),
        f"- Command: `{' '.join([Path(sys.executable).name, *sys.argv])}`",
        f"- Load: `load_articles(source{''.join(f', {k}={v}' for k, v in options.items())})`, "
        f"best wall time of {repeat} run{'s' if repeat > 1 else ''}, after a warm-up "
        f"load of data/articles ({warmup:.1f} s: lazy imports, models, rules). "
        f"Floor: best of {FLOOR_PASSES} passes that list the files, open/read each, decode "
        'UTF-8 and run one `re.findall(r"\\w+", text)` over it.',
        f"- Corpus B: {recipe}",
        "- Seconds vary with the shared machine's load; the ratio to the floor, measured in "
        "the same run, is the figure to compare between runs.",
        "- CPU s counts the load's worker processes too; CPU/wall above 1 means it read in "
        "parallel. The floor runs in one process.",
        "",
        "| corpus | files | MB | articles | load wall s | load CPU s | CPU/wall | articles/s "
        "| MB/s | floor s | floor articles/s | load / floor speed |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in results:
        if r.skipped:
            lines.append(f"| {r.corpus}: {r.description} | skipped: {r.skipped} |" + " |" * 10)
            continue
        assert r.floor is not None and r.load is not None
        lines.append(
            f"| {r.corpus}: {r.description} | {r.files:,} | {_mb(r.floor.n_bytes)} "
            f"| {r.load.articles:,} | {r.load.wall:.2f} | {r.load.cpu:.2f} "
            f"| {r.load.cpu / r.load.wall:.2f} "
            f"| {r.load.articles / r.load.wall:,.0f} | {r.floor.n_bytes / 1e6 / r.load.wall:.2f} "
            f"| {r.floor.seconds:.3f} | {r.load.articles / r.floor.seconds:,.0f} "
            f"| {r.ratio:.1%} |"
        )
    lines += ["", "| aim | measured | met? | by how much |", "|---|--:|---|---|"]
    for r in results:
        if r.skipped:
            lines.append(f"| {r.corpus}: load speed >= 25% of floor | skipped | – | – |")
            continue
        assert r.floor is not None and r.load is not None
        met = r.ratio >= FLOOR_AIM
        if met:
            margin = f"{r.ratio / FLOOR_AIM:.1f}x the aim"
        else:
            needed = r.floor.seconds / FLOOR_AIM
            margin = (
                f"{(FLOOR_AIM - r.ratio) * 100:.1f} points short: load must be "
                f"{_faster(FLOOR_AIM / r.ratio)} (<= {needed:.2f} s here)"
            )
        lines.append(
            f"| {r.corpus}: load speed >= 25% of floor | {r.ratio:.1%} "
            f"| {'met' if met else 'MISSED'} | {margin} |"
        )
    b = next((r for r in results if r.corpus == "B" and r.load is not None), None)
    if b is not None and b.load is not None:
        seconds = b.load.wall * FULL_FILES / b.files
        measured = "" if b.files == FULL_FILES else f" (extrapolated from {b.files:,} files)"
        met = seconds < TARGET_SECONDS
        margin = (
            f"{TARGET_SECONDS - seconds:.1f} s to spare"
            if met
            else f"{seconds - TARGET_SECONDS:.1f} s over: must be "
            f"{_faster(seconds / TARGET_SECONDS)}"
        )
        lines.append(
            f"| B: {FULL_FILES:,} Markdown files in < {TARGET_SECONDS:.0f} s "
            f"| {seconds:.1f} s{measured} | {'met' if met else 'MISSED'} | {margin} |"
        )
    if baseline:
        lines += [
            "",
            f"Before and after in this run: the loader of {baseline} (before), each corpus "
            "timed in a fresh process right after this code's load (after), same floor.",
            "",
            "| corpus | before wall s | before CPU s | before / floor | after wall s "
            "| after CPU s | after / floor | after speed / before (wall) | CPU saved |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
        ]
        for r in results:
            if r.baseline is None or r.load is None or r.floor is None:
                continue
            before, after = r.baseline, r.load
            lines.append(
                f"| {r.corpus} | {before.wall:.2f} | {before.cpu:.2f} "
                f"| {r.floor.seconds / before.wall:.1%} | {after.wall:.2f} | {after.cpu:.2f} "
                f"| {r.ratio:.1%} | {before.wall / after.wall:.2f}x "
                f"| {1 - after.cpu / before.cpu:.0%} |"
            )
    if n_files != FULL_FILES:
        lines += ["", f"Smoke run with {n_files:,} files, not the {FULL_FILES:,}-file benchmark."]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def _csv_lister(folder: Path):
    def list_files() -> list[str]:
        return sorted(str(p) for p in folder.glob("*.csv"))

    return list_files


def _md_lister(folder: Path):
    def list_files() -> list[str]:
        return sorted(e.path for e in os.scandir(folder) if e.name.endswith(".md"))

    return list_files


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help=f"{QUICK_FILES:,} files (smoke run)")
    size.add_argument("--files", type=int, default=FULL_FILES, help="Markdown files in corpus B")
    parser.add_argument("--repeat", type=int, default=1, help="loads per corpus (best is kept)")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile each load instead of timing it"
    )
    parser.add_argument("--top", type=int, default=25, help="profile entries to print")
    parser.add_argument(
        "--workers",
        type=int,
        help="pass workers=N to load_articles (default: its own choice; --profile uses 1)",
    )
    parser.add_argument("--results", type=Path, help="where to write the Markdown table")
    parser.add_argument(
        "--corpus-a",
        type=Path,
        default=CORPUS_A,
        help="folder of corpus A's CSVs (default: ../shared/corpora/ukraine-war-media-2022)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="also time the loader of this checkout (e.g. /work/main), in a fresh process",
    )
    parser.add_argument("--measure-only", metavar="SOURCE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_only:  # the --baseline helper: one corpus, JSON out
        found = measure_here(args.measure_only, args.repeat, load_options(args.workers))
        print(json.dumps(found))
        return 0
    n_files = QUICK_FILES if args.quick else args.files
    if n_files < 1 or args.repeat < 1:
        parser.error("--files and --repeat must be at least 1")
    # benchmarks/results-load.md records the standard run only; other runs go to benchmarks/work/.
    standard = n_files == FULL_FILES and args.workers is None
    workers_tag = "" if args.workers is None else f"-workers{args.workers}"
    results_path = args.results or (
        RESULTS if standard else WORK / f"results-{n_files}{workers_tag}.md"
    )

    started = dt.datetime.now().astimezone()
    load_start = _loadavg()
    print(f"bench_load  {started.isoformat(timespec='seconds')}  {_machine()}")
    code_start = _git()
    print(f"code {code_start}; load average {load_start}")

    folder_a: Path = args.corpus_a.resolve()
    have_a = folder_a.is_dir() and any(folder_a.glob("*.csv"))
    if not have_a:
        print(f"SKIP corpus A: no CSV files at {folder_a}; corpus B is made from data/articles")

    b = corpus_b(n_files, folder_a if have_a else None)
    if b.generated_seconds is None:
        print(f"corpus B: reusing {b.folder.relative_to(REPO)}")
    else:
        print(f"corpus B: generated {b.folder.relative_to(REPO)} in {b.generated_seconds:.1f} s")
    print(f"corpus B: {b.recipe}; {b.distinct_bodies:,} distinct bodies (by words)")

    import workbench

    wall0 = time.perf_counter()
    workbench.load_articles(SAMPLES)
    warmup = time.perf_counter() - wall0
    print(
        f"warm-up: load_articles(data/articles) {warmup:.2f} s "
        "(first-call costs: lazy imports, models, rules; not counted)"
    )

    corpora: list[tuple[Result, object, object]] = []
    result_a = Result("A", f"{folder_a.name}/*.csv", 0)
    if have_a:
        result_a.files = len(_csv_lister(folder_a)())
        corpora.append((result_a, str(folder_a / "*.csv"), _csv_lister(folder_a)))
    else:
        result_a.skipped = f"{folder_a} absent"
    result_b = Result("B", f"{n_files:,} Markdown files", n_files)
    corpora.append((result_b, str(b.folder), _md_lister(b.folder)))

    if args.profile:
        # Profilers see one process: read in this process so that all the work shows.
        options = load_options(1 if args.workers is None and _has_workers() else args.workers)
        print(f"profiling with load_articles options {options or '(defaults)'}")
        for result, source, _ in corpora:
            profile_load(result.corpus, source, args.top, options)
        return 0
    options = load_options(args.workers)

    for result, source, list_files in corpora:
        print(f"\ncorpus {result.corpus}: {result.description}")
        result.floor = measure_floor(list_files)
        passes = ", ".join(f"{s:.3f}" for s in result.floor.passes)
        print(
            f"  floor: {result.floor.seconds:.3f} s (passes {passes}), "
            f"{_mb(result.floor.n_bytes)} MB, {result.floor.n_words:,} words"
        )
        result.load = load = measure_load(source, args.repeat, options)
        print(
            f"  load:  {load.wall:.2f} s wall, {load.cpu:.2f} s CPU "
            f"(CPU/wall {load.cpu / load.wall:.2f}); {load.articles:,} articles "
            f"({load.articles / load.wall:,.0f}/s), {load.errors} errors in the load report, "
            f"{load.duplicates:,} marked duplicates"
        )
        print(f"  load speed / floor speed: {result.ratio:.1%} (aim >= {FLOOR_AIM:.0%})")
        if args.baseline is not None:
            result.baseline = before = measure_baseline(
                args.baseline.resolve(), str(source), args.repeat, options
            )
            print(
                f"  before ({args.baseline}): {before.wall:.2f} s wall, {before.cpu:.2f} s CPU; "
                f"load speed / floor speed {result.floor.seconds / before.wall:.1%}"
            )
        if result.corpus == "B":
            seconds = load.wall * FULL_FILES / n_files
            verdict = "yes" if seconds < TARGET_SECONDS else "NO"
            how = "measured" if n_files == FULL_FILES else f"extrapolated from {n_files:,} files"
            print(
                f"  {FULL_FILES:,} files in under {TARGET_SECONDS:.0f} s: {verdict} "
                f"({seconds:.1f} s, {how})"
            )

    table = results_markdown(
        [result_a, result_b],
        started=started,
        n_files=n_files,
        repeat=args.repeat,
        warmup=warmup,
        recipe=b.recipe,
        loadavg=(load_start, _loadavg()),
        code=(code_start, _git()),
        options=options,
        baseline=""
        if args.baseline is None
        else f"{args.baseline} ({_code_of(args.baseline.resolve())})",
    )
    results_path.parent.mkdir(parents=True, exist_ok=True)
    results_path.write_text(table, encoding="utf-8")
    print("\n" + table)
    print(f"written to {results_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
