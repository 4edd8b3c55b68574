"""Loading speed of the document formats against plain text, as ratios in one run.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_documents.py``).

Corpora, generated under benchmarks/work/documents/ from invented articles (the test
makers, tests/ingest/makers.py):
  PDF    100 PDFs of 10 pages each (1,000 pages), text wrapped and hyphenated, with a
         running header and page numbers;
  Nexis  10 Word files of 100 Nexis Uni-style records each (1,000 articles);
  text   the same 1,000 Nexis articles as plain .txt files (the reference).

Printed and written to benchmarks/results-documents.md: articles (or pages) per second
and each format's speed as a ratio of the plain-text loader's. Seconds are for
information only: the machine is shared.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import workbench  # noqa: E402
from tests.ingest import makers as M  # noqa: E402

WORK = REPO / "benchmarks" / "work" / "documents"
RESULTS = REPO / "benchmarks" / "results-documents.md"


def stories(n: int) -> list[M.Story]:
    """``n`` invented stories, varied from the makers' four."""
    out = []
    for i in range(n):
        base = M.STORIES[i % len(M.STORIES)]
        out.append(
            M.Story(
                f"{base.title} ({i})",
                base.outlet,
                base.date,
                base.byline,
                [f"{p} Report {i}, paragraph {k}." for k, p in enumerate(base.paragraphs * 3)],
            )
        )
    return out


def build(folder: Path, pdfs: int, records: int) -> dict[str, Path]:
    """The three corpora, written afresh."""
    shutil.rmtree(folder, ignore_errors=True)
    made = {name: folder / name for name in ("pdf", "nexis", "text")}
    for path in made.values():
        path.mkdir(parents=True)
    paragraphs = [p for s in stories(12) for p in s.paragraphs]
    data = b""
    for lines_per_page in range(40, 10, -1):  # as many lines a page as give ten pages
        data = M.paged_pdf(paragraphs, header="The Northern Ledger", lines_per_page=lines_per_page)
        if data.count(b"/Type /Page ") >= 10:
            break
    for n in range(pdfs):
        (made["pdf"] / f"report{n:04d}.pdf").write_bytes(data)
    all_stories = stories(records)
    for n in range(0, records, 100):
        lines = M.nexis_lines(all_stories[n : n + 100])
        (made["nexis"] / f"nexis{n // 100:03d}.docx").write_bytes(M.docx_bytes(lines))
    for n, story in enumerate(all_stories):
        text = f"{story.title}\n\n{story.date}\n\n" + "\n\n".join(story.paragraphs)
        (made["text"] / f"story{n:05d}.txt").write_text(text, encoding="utf-8")
    return made


def timed(folder: Path, repeat: int) -> tuple[float, int]:
    """Best of ``repeat`` loads: seconds and articles."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        df = workbench.load_articles(folder, workers=1)
        best = min(best, time.perf_counter() - start)
        count = len(df)
    return best, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=int, default=100, help="PDFs of 10 pages (default 100)")
    parser.add_argument("--records", type=int, default=1000, help="Nexis records (default 1000)")
    parser.add_argument("--repeat", type=int, default=2, help="best of N loads (default 2)")
    args = parser.parse_args(argv)
    made = build(WORK, args.pdfs, args.records)
    import pypdf

    pages = sum(len(pypdf.PdfReader(p).pages) for p in made["pdf"].glob("*.pdf"))
    text_s, text_n = timed(made["text"], args.repeat)
    nexis_s, nexis_n = timed(made["nexis"], args.repeat)
    pdf_s, pdf_n = timed(made["pdf"], args.repeat)
    text_rate = text_n / text_s
    rows = [
        ("plain text (reference)", f"{text_n} articles", text_s, text_rate),
        ("Nexis Uni .docx exports", f"{nexis_n} articles", nexis_s, nexis_n / nexis_s),
        ("PDF", f"{pages} pages ({pdf_n} articles)", pdf_s, pages / pdf_s),
    ]
    lines = [
        "# Document formats: load speed",
        "",
        f"{platform.node()}, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; best of {args.repeat}. "
        "A PDF page holds about as much text as one plain-text article: its ratio is "
        "pages/s over the plain-text loader's articles/s.",
        "",
        "| corpus | items | seconds | items/s | ratio to plain text |",
        "|---|---|---|---|---|",
    ]
    for name, items, seconds, rate in rows:
        lines.append(f"| {name} | {items} | {seconds:.1f} | {rate:.0f} | {rate / text_rate:.2f} |")
    report = "\n".join(lines) + "\n"
    print(report)
    if (args.pdfs, args.records) == (100, 1000):
        RESULTS.write_text(report, encoding="utf-8")
        print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
