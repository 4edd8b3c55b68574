"""Resource limits: a 200 MB file beside a good one, with the default and a raised cap.

With the default cap (``max_bytes``, 50 MB) the file is refused before it is read, with a
message naming the file and the cap. With the cap raised past it, a 200 MB text file is
read, and then loads or is refused with its reason, while the loading process grows by
less than three times the file's size (measured in a child process, from its peak RSS).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import workbench
from workbench.core import schema as S
from workbench.ingest.sources import DEFAULT_MAX_BYTES

from ..conftest import report_rows

pytestmark = pytest.mark.slow

GOOD_TITLE = "Good headline"
GOOD_BODY = "Good body text of the article, long enough to be read as one."
SIZE = 200 * 1024 * 1024


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "corpus"
    path.mkdir()
    (path / "good.txt").write_text(f"{GOOD_TITLE}\n\n{GOOD_BODY}\n", encoding="utf-8")
    return path


def test_a_200_mb_file_is_refused_by_the_default_cap(folder):
    big = folder / "big.txt"
    with open(big, "wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(SIZE)
    df = workbench.load_articles(folder)
    assert df[S.TITLE].tolist() == [GOOD_TITLE]
    message = f"file is 209.7 MB, over the limit of 52.4 MB (max_bytes={DEFAULT_MAX_BYTES})"
    assert report_rows(df) == [(str(big), "", "error", message)]
    with pytest.raises(workbench.LoadError) as raised:
        workbench.load_articles(folder, errors="raise")
    assert str(raised.value) == f"{big}: {message}"


@pytest.mark.parametrize(
    ("size", "max_bytes", "refused"),
    [
        (1000, 1000, False),
        (1001, 1000, True),
        (5000, 9000, False),
        (9001, 9000, True),
        # A cap far beyond memory is a limit, not a reservation: every file was refused
        # with "unexpected error while reading: MemoryError" before the fix.
        (5000, 2**40, False),
    ],
)
def test_the_cap_is_the_callers(folder, size, max_bytes, refused):
    text = (f"{GOOD_TITLE} too\n\n" + "word " * size)[:size].encode()
    sized = folder / "sized.txt"
    sized.write_bytes(text)
    df = workbench.load_articles(folder, max_bytes=max_bytes)
    assert (str(sized) in df[S.PATH].tolist()) is not refused
    message = f"file is {size} bytes, over the limit of {max_bytes} bytes (max_bytes={max_bytes})"
    assert report_rows(df) == ([(str(sized), "", "error", message)] if refused else [])


def _write_text(path: Path, size: int) -> int:
    """Write ``size`` bytes of varied prose paragraphs; return the number of words."""
    words = 0
    written = 0
    with open(path, "w", encoding="utf-8") as handle:
        number = 0
        while written < size:
            para = (
                f"In report {number} officials in Baku said the talks had failed after "
                f"{number % 97} hours, and ceasefire {number * 7} did not hold. "
            ) * 4 + "\n\n"
            handle.write(para)
            written += len(para)
            words += len(para.split())
            number += 1
    return words


CHILD = """
import json, resource, sys
import workbench
folder, max_bytes = sys.argv[1], int(sys.argv[2])
workbench.load_articles(folder + "/good.txt")  # imports and models in place first
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
df = workbench.load_articles(folder, max_bytes=max_bytes)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "growth": (peak - base) * (1 if sys.platform == "darwin" else 1024),  # kB on Linux
    "articles": [list(map(str, r)) for r in zip(df.path, df.title, df.text, df.n_words)],
    "report": [list(map(str, r)) for r in workbench.load_report(df).itertuples(index=False)],
}))
"""


def test_a_200_mb_text_file_with_a_raised_cap_loads_or_is_refused_in_bounded_memory(folder):
    big = folder / "big.txt"
    n_words = _write_text(big, SIZE)
    size = big.stat().st_size
    command = [sys.executable, "-c", CHILD, str(folder), str(2 * size)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    articles = {path: (title, text, words) for path, title, text, words in out["articles"]}
    assert articles[str(folder / "good.txt")][:2] == (GOOD_TITLE, GOOD_BODY)
    if str(big) in articles:
        assert int(articles[str(big)][2]) >= 0.99 * n_words  # loaded whole
        assert [r for r in out["report"] if r[2] == "error"] == []
    else:
        [(path, _, level, message)] = out["report"]
        assert (path, level) == (str(big), "error")
        assert "over the limit" in message, message
    growth = out["growth"]
    print(f"\n200 MB text file, cap raised: peak RSS grew {growth / size:.2f}x the file size")
    assert growth < 3 * size, (
        f"peak RSS grew by {growth / 1e6:.0f} MB for a {size / 1e6:.0f} MB file"
    )
