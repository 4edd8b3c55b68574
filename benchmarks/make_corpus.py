"""Scaled corpora for the scale benchmark, generated from the ukraine-war-media-2022 CSVs.

How an article is made (deterministic: the same size and seed give the same bytes):

1. The seed articles: every full-text row of ../shared/corpora/ukraine-war-media-2022
   as ``workbench.load_articles`` reads it (cleaned), at least 80 words, not marked as a
   duplicate (about 3,900 articles from 14 outlets).
2. Each seed text is cut into "paragraphs" of 3 sentences (the CSV texts mostly have
   no paragraph breaks), with workbench's own sentence splitter.
3. Article ``i`` (random.Random(seed * 1_000_003 + i)): a seed article is drawn; its
   first paragraph (the lede) is kept; every later paragraph is kept with probability
   1/2 or else replaced by a paragraph drawn from any seed article; the paragraphs
   after the lede are shuffled. Title and outlet are the seed's; the date is drawn
   uniformly over 2022-02-24 .. 2022-12-31; the URL is new
   (``https://bench.example/<outlet>/<i>``), so each row has its own id.
4. Written as CSV shards of 1,000 rows (Date, URL, Title, Source, Text), named
   ``shard-00001.csv`` ...; the 1% increment (articles ``size .. size + size/100``)
   goes to ``extra-00001.csv`` in a folder of its own.

Corpora go to benchmarks/work/scale-<size>/ (git-ignored: never commit them; the seed
texts are internal only). A corpus already there with the same recipe is reused.

Run: ``python benchmarks/make_corpus.py --size 25000`` (``--seed``, ``--out``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import random
import shutil
import sys
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_CORPUS = REPO.parent / "shared" / "corpora" / "ukraine-war-media-2022"
WORK = REPO / "benchmarks" / "work"
SHARD_ROWS = 1_000
RECIPE = "v1: 3-sentence paragraphs, lede kept, half replaced, shuffled; 2022-02-24..12-31"
START = dt.date(2022, 2, 24)
DAYS = (dt.date(2022, 12, 31) - START).days + 1


@lru_cache(maxsize=1)
def seed_articles() -> list[dict]:
    """The seed articles with their paragraphs (see the module docstring)."""
    import pandas as pd

    from workbench import load_articles
    from workbench.annotation.sentences import sentence_spans, train_tokenizer
    from workbench.core import schema as S

    if not SEED_CORPUS.is_dir():
        sys.exit(f"the seed corpus {SEED_CORPUS} is not present: cannot generate corpora")
    df = load_articles(SEED_CORPUS)
    df = df[(df[S.N_WORDS] >= 80) & (df[S.DUPLICATE_OF] == "")]
    tokenizer = train_tokenizer(df[S.TEXT].astype(str))
    seeds = []
    for row in df.itertuples(index=False):
        text = str(getattr(row, S.TEXT))
        sentences = [text[a:b] for a, b in sentence_spans(text, tokenizer)]
        paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        title, source = getattr(row, S.TITLE), getattr(row, S.SOURCE)
        seeds.append(
            {
                "title": "" if pd.isna(title) else str(title),
                "source": "" if pd.isna(source) else str(source),
                "paragraphs": paragraphs,
            }
        )
    return seeds


def article(i: int, seed: int) -> dict[str, str]:
    """Generated article ``i``: a CSV row."""
    seeds = seed_articles()
    rng = random.Random(seed * 1_000_003 + i)
    base = seeds[rng.randrange(len(seeds))]
    lede, rest = base["paragraphs"][0], list(base["paragraphs"][1:])
    for k in range(len(rest)):
        if rng.random() < 0.5:
            other = seeds[rng.randrange(len(seeds))]["paragraphs"]
            rest[k] = other[rng.randrange(len(other))]
    rng.shuffle(rest)
    date = START + dt.timedelta(days=rng.randrange(DAYS))
    outlet = base["source"] or "unknown"
    return {
        "Date": date.isoformat(),
        "URL": f"https://bench.example/{outlet.lower()}/{i}",
        "Title": base["title"],
        "Source": outlet,
        "Text": "\n\n".join([lede, *rest]),
    }


def write_shards(folder: Path, prefix: str, indices: range, seed: int) -> list[Path]:
    """Articles ``indices`` as CSV shards of :data:`SHARD_ROWS` rows in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for n, start in enumerate(range(indices.start, indices.stop, SHARD_ROWS), start=1):
        path = folder / f"{prefix}-{n:05d}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=["Date", "URL", "Title", "Source", "Text"])
            writer.writeheader()
            for i in range(start, min(start + SHARD_ROWS, indices.stop)):
                writer.writerow(article(i, seed))
        written.append(path)
    return written


def make_corpus(size: int, *, seed: int = 2022, out: Path | None = None) -> tuple[Path, Path]:
    """The corpus of ``size`` articles and its 1% increment: (corpus folder, increment folder).

    Reused when a corpus with the same size, seed and recipe is already there.
    """
    root = out or WORK / f"scale-{size}"
    stamp = root / "recipe.json"
    wanted = {"size": size, "seed": seed, "recipe": RECIPE, "shard_rows": SHARD_ROWS}
    corpus, extra = root / "corpus", root / "increment"
    if stamp.exists() and json.loads(stamp.read_text()) == wanted:
        return corpus, extra
    shutil.rmtree(root, ignore_errors=True)
    write_shards(corpus, "shard", range(size), seed)
    write_shards(extra, "extra", range(size, size + max(1, size // 100)), seed)
    stamp.write_text(json.dumps(wanted, indent=1))
    return corpus, extra


def digest(folder: Path) -> str:
    """A short hash of a folder's CSV bytes (to show two runs used the same corpus)."""
    h = hashlib.sha1()
    for path in sorted(folder.glob("*.csv")):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, required=True, help="articles")
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument("--out", type=Path, help="folder (default benchmarks/work/scale-SIZE)")
    args = parser.parse_args(argv)
    corpus, extra = make_corpus(args.size, seed=args.seed, out=args.out)
    mb = sum(p.stat().st_size for p in corpus.glob("*.csv")) / 1e6
    print(f"{corpus}: {args.size:,} articles, {mb:.0f} MB; increment in {extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
