"""Tone and sentence splitting against NLTK's own code: same texts, same run.

- tone: NLTK's ``SentimentIntensityAnalyzer.polarity_scores`` (vaderSentiment lexicon)
  against ``workbench.annotation.tone.compound``, on the paragraphs (as an article's
  tone takes them) and on the sentences of ukraine-war-media-2022 articles;
- sentences: ``sentence_spans`` with Punkt's own ``span_tokenize`` against its shortcut,
  with a tokenizer trained on the same articles.

Each pair runs interleaved, best of ``--rounds``; the outputs are checked equal first.
The machine is shared: the ratio of one run is the figure to compare.

    python benchmarks/bench_text.py [--articles 1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UKRAINE = ROOT.parent / "shared" / "corpora" / "ukraine-war-media-2022"


def best_of(rounds: int, runs: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Best wall time of each run, the runs interleaved round by round."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if not UKRAINE.is_dir():
        print(f"skipped: {UKRAINE} is not present")
        return 0

    import workbench
    from workbench.annotation import sentences
    from workbench.annotation.tone import compound, nltk_analyser

    files = [f for f in sorted(UKRAINE.glob("*.csv")) if f.name != "NYT.csv"]
    texts = workbench.load_articles(files)["text"].astype(str).tolist()[: args.articles]
    tokenizer = sentences.train_tokenizer(texts)
    spans = [sentences.sentence_spans(t, tokenizer) for t in texts]
    items = {
        "paragraphs": [p for t in texts for p in t.split("\n\n") if p.strip()],
        "sentences": [t[a:b] for t, s in zip(texts, spans, strict=True) for a, b in s],
    }
    nltk = nltk_analyser().polarity_scores
    rows = []
    for name, batch in items.items():
        assert [nltk(x)["compound"] for x in batch] == [compound(x) for x in batch]
        best = best_of(
            args.rounds,
            {
                "nltk": lambda b=batch: [nltk(x)["compound"] for x in b],
                "workbench": lambda b=batch: [compound(x) for x in b],
            },
        )
        rows.append((f"tone of {len(batch):,} {name}", best["nltk"], best["workbench"]))

    shortcut = sentences._splitter

    def punkt(tok):
        return tok.span_tokenize

    def split_all(splitter) -> list:
        sentences._splitter = splitter
        try:
            return [sentences.sentence_spans(t, tokenizer) for t in texts]
        finally:
            sentences._splitter = shortcut

    assert split_all(punkt) == split_all(shortcut)
    best = best_of(
        args.rounds, {"punkt": lambda: split_all(punkt), "shortcut": lambda: split_all(shortcut)}
    )
    rows.append((f"sentence_spans of {len(texts):,} articles", best["punkt"], best["shortcut"]))

    print(f"best of {args.rounds}, interleaved; outputs equal; {os.cpu_count()} CPUs")
    print("| work | NLTK's own s | workbench s | speed-up |\n|---|--:|--:|--:|")
    for name, old, new in rows:
        print(f"| {name} | {old:.2f} | {new:.2f} | {old / new:.1f}x |")
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
