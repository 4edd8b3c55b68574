"""Is ``make report`` unchanged by a change? Build its outputs at a base commit and
in the working tree, and compare them byte for byte.

    python benchmarks/compare_reports.py BASE [--corpus data/articles] [--keep DIR]

For each side, in a scratch folder: a copy of the corpus, ``workbench annotate``
(tables, load report, evaluation against the sample's gold when the corpus is the
sample) and ``workbench report --hide-code`` (the notebooks' code may change in a
refactoring; what they show may not). The base runs from a ``git worktree`` of BASE
with the same Python environment. Exit code 1 when any file differs.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = "tests/fixtures/dev_gold_statements.csv"


def build(tree: Path, corpus: Path, out: Path) -> None:
    """The annotate and report outputs of the code in ``tree`` on a copy of ``corpus``
    (at the same path for both sides, as the tables hold the files' paths)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    copy = out.parent / "corpus" / corpus.name
    shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns(".workbench"))
    gold = ["--gold", str(tree / GOLD)] if corpus.resolve() == (ROOT / "data/articles") else []
    for args in (
        ["annotate", str(copy), "--out", str(out / "tables"), "--no-cache", *gold],
        ["report", "--corpus", str(copy), "--out", str(out / "report"), "--hide-code"],
    ):
        subprocess.run(
            [sys.executable, "-m", "workbench", *args],
            cwd=out,
            env=env,
            check=True,
            capture_output=True,
            timeout=1800,
        )
    shutil.rmtree(copy.parent)


def differences(a: Path, b: Path) -> list[str]:
    """Files present on one side only, or with other bytes."""
    names = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names |= {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    return sorted(
        str(n)
        for n in names
        if not ((a / n).is_file() and (b / n).is_file() and filecmp.cmp(a / n, b / n, False))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the commit to compare with (e.g. HEAD~3)")
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "articles")
    parser.add_argument("--keep", type=Path, help="write both outputs here and keep them")
    args = parser.parse_args()
    scratch = Path(args.keep or tempfile.mkdtemp(prefix="compare-reports-"))
    base_tree = scratch / "base-tree"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(base_tree), args.base],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    try:
        for side, tree in (("base", base_tree), ("now", ROOT)):
            (scratch / side).mkdir(parents=True, exist_ok=True)
            build(tree, args.corpus.resolve(), scratch / side)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(base_tree)], cwd=ROOT)
    changed = differences(scratch / "base", scratch / "now")
    for name in changed:
        print(f"differs: {name}")
    print(f"{'identical' if not changed else f'{len(changed)} file(s) differ'}: {scratch}")
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
