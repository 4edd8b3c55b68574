"""Annotation speed: articles/s and words/s, against the loader and a spaCy baseline.

Run by ``make bench`` (after ``bench_load.py``) or ``python benchmarks/bench_annotate.py
[--quick]``. Every stage runs in its own process (so its peak memory is its own) on the
same texts, one core. Ratios measured in the same run are the figures to compare: the
machine is shared and seconds move with its load.

Stages
- load: ``workbench.load_articles`` alone;
- mentions: ``MentionFinder.find`` over every text (the Aho-Corasick matcher);
- spacy: the baseline an engineer would write instead, spaCy's ``blank("en")`` tokenizer
  with a ``PhraseMatcher`` (attr LOWER) over the same aliases;
- spacy_pool: the same baseline on every usable core, ``nlp.pipe(texts, n_process=N)``
  (the matcher run on the documents as they come back), as the issue's aim states it;
- annotate: the full annotation (sentences, mentions, statements, acts, stance, lean, tone),
  in one process (``workers=1``);
- annotate_pool: the same on every usable core (``workers=N``, the default of a large
  corpus); its ratio to ``annotate`` is the pool's gain, measured in the same run, and
  is read against ``bench_cores.py``'s ceiling (two processes' work against one's here).

The aims against spaCy are read with loading included (each stage's own
``load_articles`` time added to its seconds), one worker against the one-process baseline
and every core against ``spacy_pool``. Hand-written notes below a ``## Notes`` heading in
results-annotate.md are kept when the tables are written again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UKRAINE = ROOT.parent / "shared" / "corpora" / "ukraine-war-media-2022"
WORK = ROOT / "benchmarks" / "work"
RESULTS = ROOT / "benchmarks" / "results-annotate.md"


def _articles(corpus: str, limit: int | None):
    """The benchmark corpus as an articles table (the first ``limit`` rows if given)."""
    import workbench

    if corpus == "ukraine":
        files = sorted(UKRAINE.glob("*.csv"))
        df = workbench.load_articles([f for f in files if f.name != "NYT.csv"])
    else:
        folders = sorted(WORK.glob("corpus-b-25000-*"))
        if not folders:
            raise SystemExit("run benchmarks/bench_load.py first: it generates the 25k corpus")
        df = workbench.load_articles(folders[0])
    return df.head(limit) if limit else df


def stage(name: str, corpus: str, limit: int | None) -> dict:
    """Run one stage in this process and return its measurements."""
    import workbench
    from workbench.profile.library import load_profile

    profile = load_profile("russia_ukraine")
    start = time.perf_counter()
    articles = _articles(corpus, None)
    load_s = time.perf_counter() - start
    if name == "load":
        words = int(articles["n_words"].sum())
        return _with_memory(
            {"stage": name, "articles": len(articles), "words": words, "seconds": load_s}
        )
    articles = articles.head(limit) if limit else articles
    texts = articles["text"].astype(str).tolist()
    words = int(articles["n_words"].sum())
    result = {"stage": name, "articles": len(texts), "words": words, "load_seconds": load_s}
    start = time.perf_counter()
    if name == "mentions":
        from workbench.annotation.mentions import MentionFinder

        finder = MentionFinder(profile)
        start = time.perf_counter()
        result["found"] = sum(len(finder.find(t)) for t in texts)
    elif name == "spacy":
        import spacy
        from spacy.matcher import PhraseMatcher

        nlp = spacy.blank("en")
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        aliases = sorted({entry.alias for entry in profile.alias_table()})
        matcher.add("ACTOR", list(nlp.tokenizer.pipe(aliases)))
        start = time.perf_counter()
        result["found"] = sum(len(matcher(doc)) for doc in nlp.tokenizer.pipe(texts))
    elif name == "spacy_pool":
        import spacy
        from spacy.matcher import PhraseMatcher

        from workbench.ingest.read import usable_cores

        workers = usable_cores()
        nlp = spacy.blank("en")
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        aliases = sorted({entry.alias for entry in profile.alias_table()})
        matcher.add("ACTOR", list(nlp.tokenizer.pipe(aliases)))
        start = time.perf_counter()
        result["found"] = sum(len(matcher(doc)) for doc in nlp.pipe(texts, n_process=workers))
        result["workers"] = workers
    elif name in ("annotate", "annotate_pool"):
        from workbench.ingest.read import usable_cores

        workers = usable_cores() if name == "annotate_pool" else 1
        corpus_ = workbench.annotate(articles, profile=profile, workers=workers, progress=False)
        result["found"] = len(corpus_.statements)
        result["workers"] = workers
    result["seconds"] = time.perf_counter() - start
    return _with_memory(result)


def _loadavg() -> str:
    """The machine's load averages, or 'unknown' where the OS does not tell."""
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _with_memory(result: dict) -> dict:
    """Peak resident memory: this process's, and the largest pool worker's if larger."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["peak_mb"] = own / 1024
    result["worker_peak_mb"] = children / 1024
    return result


def run_stage(name: str, corpus: str, limit: int | None) -> dict:
    command = [sys.executable, __file__, "--stage", name, "--corpus", corpus]
    if limit:
        command += ["--limit", str(limit)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, env={**os.environ})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="500 articles per corpus")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", default="ukraine", help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(stage(args.stage, args.corpus, args.limit)))
        return
    if not UKRAINE.is_dir():
        print(f"skipped: {UKRAINE} is not present (the benchmark corpora are built from it)")
        return
    limit = 500 if args.quick else None
    corpora = ["ukraine"] + (
        [] if args.quick or not list(WORK.glob("corpus-b-25000-*")) else ["25k"]
    )
    rows = []
    for corpus in corpora:
        measured = {
            name: run_stage(name, corpus, limit)
            for name in ("load", "mentions", "spacy", "spacy_pool", "annotate", "annotate_pool")
        }
        rows.append((corpus, measured))
        print(
            f"{corpus}: " + ", ".join(f"{k} {v['seconds']:.1f}s" for k, v in measured.items()),
            flush=True,
        )
    lines = [
        "# Annotation speed",
        "",
        f"- Date: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        f"- Machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; one process per stage, one core each "
        "(annotate_pool: a pool on every usable core)",
        "- Profile: russia_ukraine. Corpora: ukraine-war-media-2022 full-text rows (NYT.csv, "
        "metadata only, left out); the 25,000 Markdown files generated by bench_load.py.",
        f"- Load average (1, 5, 15 min) when the run ended: {_loadavg()} on {os.cpu_count()} "
        "CPUs: other work on the machine slows every stage, so compare the ratios of one run.",
        "",
        "| corpus | stage | articles | words/article | seconds | articles/s | words/s | peak MB |",
        "|---|---|--:|--:|--:|--:|--:|--:|",
    ]
    for corpus, measured in rows:
        for name, m in measured.items():
            rate = m["articles"] / m["seconds"] if m["seconds"] else float("inf")
            per_article = m["words"] / max(m["articles"], 1)
            words_rate = m["words"] / m["seconds"]
            peak = f"{m['peak_mb']:.0f}"
            if m.get("workers", 1) > 1:
                peak += f" (+ {m['worker_peak_mb']:.0f} per worker)"
            lines.append(
                f"| {corpus} | {name} | {m['articles']:,} | {per_article:.0f} | "
                f"{m['seconds']:.2f} | {rate:,.0f} | {words_rate:,.0f} | {peak} |"
            )
    lines += ["", "| corpus | aim | measured | met? |", "|---|---|--:|---|"]
    for corpus, m in rows:
        mention_ratio = m["spacy"]["seconds"] / m["mentions"]["seconds"]
        annotate_rate = m["annotate"]["articles"] / m["annotate"]["seconds"]
        vs_spacy = m["spacy"]["seconds"] / m["annotate"]["seconds"]
        vs_load = m["load"]["seconds"] / m["annotate"]["seconds"]
        words = m["annotate"]["words"] / max(m["annotate"]["articles"], 1)
        rate_600 = annotate_rate * words / 600
        pool = m["annotate_pool"]
        pool_ratio = m["annotate"]["seconds"] / pool["seconds"]
        verdict_600 = "yes" if rate_600 >= 300 else f"NO: {300 / rate_600:.1f}x short"
        lines += [
            f"| {corpus} | mention finding faster than the spaCy baseline | {mention_ratio:.1f}x | "
            f"{'yes' if mention_ratio > 1 else 'NO'} |",
            f"| {corpus} | full annotation >= 300 articles/s (scaled to 600 words) | "
            f"{rate_600:,.0f}/s | {verdict_600} |",
            f"| {corpus} | full annotation no slower than the spaCy baseline | "
            f"{vs_spacy:.2f}x its speed | {'yes' if vs_spacy >= 1 else 'NO'} |",
            f"| {corpus} | (for scale) annotation speed / loader speed | {vs_load:.2f} | |",
            f"| {corpus} | every core: workers={pool['workers']} against workers=1 | "
            f"{pool_ratio:.2f}x | {'yes' if pool_ratio > 1 else 'NO'} (ceiling: bench_cores) |",
            _against_spacy(corpus, "one worker", m["annotate"], m["spacy"], "one process"),
            _against_spacy(
                corpus,
                f"all cores (workers={pool['workers']})",
                pool,
                m["spacy_pool"],
                f"nlp.pipe(n_process={m['spacy_pool']['workers']})",
            ),
        ]
    text = "\n".join(lines) + "\n" + _notes()
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


def _against_spacy(corpus: str, ours: str, annotate: dict, spacy: dict, baseline: str) -> str:
    """The aims' row: annotation's wall time, loading included, against spaCy's (at most
    half of it)."""
    ratio = (annotate["load_seconds"] + annotate["seconds"]) / (
        spacy["load_seconds"] + spacy["seconds"]
    )
    verdict = "yes" if ratio <= 0.5 else f"NO: {ratio / 0.5:.1f}x over"
    return (
        f"| {corpus} | {ours}: wall time (loading included) <= 0.5 x spaCy {baseline}'s | "
        f"{ratio:.2f}x | {verdict} |"
    )


def _notes() -> str:
    """The hand-written notes of the file being replaced (from its ``## Notes`` heading)."""
    if not RESULTS.exists():
        return ""
    old = RESULTS.read_text(encoding="utf-8")
    at = old.find("\n## Notes")
    return old[at:] if at >= 0 else ""


if __name__ == "__main__":
    main()
