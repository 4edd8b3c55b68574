"""Bad input: each kind of unreadable file beside a good one, with the message the user sees.

The contract (issue 2, "Bad input"): with ``errors="collect"`` the good file loads and
``load_report(df)`` names the bad file with a plain reason; ``errors="raise"``
raises :class:`workbench.LoadError` naming the file; loading nothing at all raises with
the reasons. No traceback from inside a library reaches the user.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest

import workbench
from workbench.core import schema as S

from ..conftest import report_rows

GOOD = "Good headline\n\nGood body text of the article, long enough to be read as one.\n"
SMALL_LIMIT = 4000  # max_bytes for every load in this file


def report_of(df: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    return report_rows(df)


# -- makers: each writes one bad thing into a folder and returns its path -----------------


def write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def broken_link(folder: Path) -> Path:
    path = folder / "broken.txt"
    path.symlink_to(folder / "nowhere.txt")
    return path


def self_link(folder: Path) -> Path:
    path = folder / "self.txt"
    path.symlink_to(path)
    return path


def folder_loop(folder: Path) -> Path:
    sub = folder / "sub"
    sub.mkdir()
    (sub / "inner.txt").write_text("Inner headline\n\nInner body text, read once only.\n")
    (sub / "back").symlink_to(folder, target_is_directory=True)
    return sub / "back"


def fifo(folder: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def all_script_html(folder: Path) -> Path:
    path = folder / "scripts.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body></body></html>")
    return path


PNG_LIKE = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
HIGH_BYTES = bytes(range(128, 256)) * 20  # no NULs, not UTF-8, no text encoding fits
CONTROL_BYTES = bytes(range(1, 32)) * 50  # valid ASCII, but no text


class Bad(NamedTuple):
    id: str
    make: Callable[[Path], Path]
    level: str
    message: str  # the exact report text; '{folder}' stands for the folder
    location: str = ""


BAD_CASES = [
    Bad(
        "binary-with-NULs",
        write("image.txt", PNG_LIKE),
        "error",
        "binary file (NUL bytes), not text",
    ),
    Bad(
        "binary-high-bytes",
        write("blob.txt", HIGH_BYTES),
        "error",
        "binary file? Not UTF-8 (byte 0: invalid start byte) and no text encoding fits",
    ),
    Bad(
        "binary-control-characters",
        write("controls.md", CONTROL_BYTES),
        "error",
        "binary file (control characters), not text",
    ),
    Bad("zero-bytes", write("zero.txt", b""), "error", "file is empty (0 bytes)"),
    Bad(
        "whitespace-only",
        write("blank.md", b"  \n\t\n   \r\n"),
        "error",
        "file is empty (only whitespace)",
    ),
    Bad(
        "bom-only",
        write("bom.txt", codecs.BOM_UTF8 + b"\n \n"),
        "error",
        "file is empty (only a byte-order mark and whitespace)",
    ),
    Bad(
        "utf16-bom-not-utf16",
        write("odd.txt", codecs.BOM_UTF16_LE + b"abc"),
        "error",
        "starts with a utf-16 byte-order mark but is not utf-16: truncated data",
    ),
    Bad(
        "over-max-bytes",
        write("big.txt", b"Big headline\n\n" + b"word " * 1000),
        "error",
        f"file is 5014 bytes, over the limit of 4000 bytes (max_bytes={SMALL_LIMIT})",
    ),
    Bad(
        "broken-symlink",
        broken_link,
        "error",
        "broken symbolic link: its target {folder}/nowhere.txt does not exist",
    ),
    Bad(
        "symlink-to-itself",
        self_link,
        "error",
        "symbolic link loop (the link points back to itself)",
    ),
    Bad(
        "named-pipe",
        fifo,
        "error",
        "not a regular file (a named pipe, socket or device); skipped",
    ),
    Bad(
        "only-front-matter",
        write("meta.md", b"---\ntitle: Nothing below\n---\n\n"),
        "error",
        "no article text (only front matter)",
    ),
    Bad(
        "all-script-html",
        all_script_html,
        "error",
        "HTML page has no main text (only scripts, navigation or markup?)",
    ),
    Bad(
        "malformed-json",
        write("broken.json", b'[{"title": "x", "text": "y"},'),
        "error",
        "malformed JSON: Expecting value (line 1, column 30)",
        location="line 1",
    ),
    Bad(
        "csv-without-text",
        write("table.csv", b"title,date\nA,2020-01-01\n"),
        "error",
        "no text column found (header: title, date); pass columns={...: 'text'}",
    ),
    # Not errors: reported, and errors="raise" does not stop on them.
    Bad(
        "symlink-loop-in-folder",
        folder_loop,
        "warning",
        "symbolic link loop: folder already visited; skipped",
    ),
    Bad(
        "damaged-docx",
        write("notes.docx", b"PK\x03\x04 not really a document"),
        "error",
        "damaged or incomplete Word document (not a readable zip archive)",
    ),
    Bad(
        "format-not-read",
        write("notes.odt", b"PK\x03\x04 an OpenDocument text"),
        "warning",
        "not read: OpenDocument text (.odt) is not a format the loader reads; open it in "
        "Word or LibreOffice and save it as .docx (or .pdf)",
    ),
    Bad(
        "unsupported-extension",
        write("notes.key", b"a keynote deck"),
        "info",
        "skipped: '.key' is not an article format",
    ),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "corpus"
    path.mkdir()
    (path / "good.txt").write_text(GOOD)
    return path


@pytest.mark.parametrize(
    ("make", "level", "message", "location"),
    [pytest.param(c.make, c.level, c.message, c.location, id=c.id) for c in BAD_CASES],
)
def test_bad_file_beside_a_good_one(folder, make, level, message, location):
    bad = make(folder)
    message = message.replace("{folder}", str(folder))
    df = workbench.load_articles(folder, max_bytes=SMALL_LIMIT)
    # The good file loads (and, for the folder loop, the inner file exactly once).
    assert "Good headline" in df[S.TITLE].tolist()
    assert df[S.TITLE].is_unique
    # The report names the bad file with its plain reason, and nothing else.
    assert report_of(df) == [(str(bad), location, level, message)]
    if level == "error":
        with pytest.raises(workbench.LoadError) as raised:
            workbench.load_articles(folder, errors="raise", max_bytes=SMALL_LIMIT)
        assert (raised.value.path, raised.value.location) == (str(bad), location)
        where = f"{bad} ({location})" if location else str(bad)
        assert str(raised.value) == f"{where}: {message}"
    else:
        again = workbench.load_articles(folder, errors="raise", max_bytes=SMALL_LIMIT)
        assert again[S.TITLE].tolist() == df[S.TITLE].tolist()


@pytest.mark.parametrize(
    ("make", "message"),
    [pytest.param(c.make, c.message, id=c.id) for c in BAD_CASES if c.level == "error"],
)
def test_only_a_bad_file_raises_with_its_reason(tmp_path, make, message):
    bad = make(tmp_path)
    message = message.replace("{folder}", str(tmp_path))
    with pytest.raises(workbench.LoadError) as raised:
        workbench.load_articles(bad, max_bytes=SMALL_LIMIT)
    assert str(raised.value) == f"{bad}: no articles could be loaded. {bad}: {message}"


def test_only_bad_files_raise_listing_every_reason(tmp_path):
    made = [
        (write("zero.txt", b"")(tmp_path), "file is empty (0 bytes)"),
        (write("image.txt", PNG_LIKE)(tmp_path), "binary file (NUL bytes), not text"),
        (broken_link(tmp_path), f"broken symbolic link: its target {tmp_path}/nowhere.txt"),
        (write("notes.docx", b"x")(tmp_path), "not a Word document (.docx is a zip archive"),
        (write("notes.key", b"x")(tmp_path), None),  # info only: not a reason
    ]
    with pytest.raises(workbench.LoadError, match="no articles could be loaded") as raised:
        workbench.load_articles(tmp_path)
    text = str(raised.value)
    for path, reason in made:
        if reason is None:
            assert str(path) not in text
        else:
            assert f"{path}: {reason}" in text


@pytest.mark.parametrize(
    ("source", "message"),
    [
        pytest.param("missing.txt", "no such file or folder", id="nonexistent-file"),
        pytest.param("missing-folder", "no such file or folder", id="nonexistent-folder"),
        pytest.param("*.nothing", "the pattern matches no files", id="glob-without-matches"),
        pytest.param(
            "ftp://example.org/a.txt",
            "only http:// and https:// URLs can be loaded",
            id="other-scheme",
        ),
    ],
)
def test_source_that_does_not_exist(folder, source, message):
    target = source if "://" in source else str(folder / source)
    df = workbench.load_articles([folder, target])
    assert df[S.TITLE].tolist() == ["Good headline"]
    assert report_of(df) == [(target, "", "error", message)]
    with pytest.raises(workbench.LoadError) as raised:
        workbench.load_articles([folder, target], errors="raise")
    assert str(raised.value) == f"{target}: {message}"
    with pytest.raises(workbench.LoadError) as raised:
        workbench.load_articles(target)
    assert str(raised.value) == f"{target}: no articles could be loaded. {target}: {message}"


# -- files that are read, with a warning, not refused ---------------------------------------

BODY = "Le café était fermé à Genève, déclaré à l'été."

DECODED_CASES = [
    pytest.param(
        ("Café headline\n\n" + BODY + "\n").encode("latin-1"),
        "Café headline",
        BODY,
        ["not UTF-8: decoded as cp1252"],
        id="latin-1",
    ),
    pytest.param(
        (
            "Quoted \u201cheadline\u201d\n\nHe said \u201cno\u201d \u2014 and left the caf\u00e9.\n"
        ).encode("cp1252"),
        "Quoted \u201cheadline\u201d",
        "He said \u201cno\u201d \u2014 and left the caf\u00e9.",
        ["not UTF-8: decoded as cp1252"],
        id="windows-1252-quotes",
    ),
    pytest.param(
        codecs.BOM_UTF8 + ("---\ntitle: BOM title\n---\n" + BODY + "\n").encode(),
        "BOM title",
        BODY,
        [],
        id="utf8-bom-before-front-matter",
    ),
    pytest.param(
        ("\ufeffUTF16 headline\n\n" + BODY + "\n").encode("utf-16-le"),
        "UTF16 headline",
        BODY,
        [],
        id="utf16-le-bom",
    ),
    pytest.param(
        ("\ufeffUTF16 headline\n\n" + BODY + "\n").encode("utf-16-be"),
        "UTF16 headline",
        BODY,
        [],
        id="utf16-be-bom",
    ),
    pytest.param(
        ("\ufeffUTF32 headline\n\n" + BODY + "\n").encode("utf-32-le"),
        "UTF32 headline",
        BODY,
        [],
        id="utf32-bom",
    ),
    pytest.param(
        ("No BOM headline\n\n" + BODY + "\n").encode("utf-16-le"),
        "No BOM headline",
        BODY,
        ["no byte-order mark: decoded as UTF-16-LE"],
        id="utf16-without-bom",
    ),
    pytest.param(
        b"NUL headline\n\nA damaged export with a stray\x00 NUL byte\x00 or two in the text.\n",
        "NUL headline",
        "A damaged export with a stray NUL byte or two in the text.",
        ["2 NUL bytes removed"],
        id="stray-NUL-bytes",
    ),
]


@pytest.mark.parametrize(("data", "title", "text", "warnings"), DECODED_CASES)
def test_decoded_with_a_warning(folder, data, title, text, warnings):
    path = folder / "encoded.txt"
    path.write_bytes(data)
    df = workbench.load_articles(folder).set_index(S.TITLE)
    assert sorted(df.index) == sorted(["Good headline", title])
    assert df.loc[title, S.TEXT] == text
    assert report_of(df) == [(str(path), "", "warning", w) for w in warnings]
    workbench.load_articles(folder, errors="raise")  # warnings never raise


def test_unreadable_file_beside_a_good_one():
    """A file the user may not read is reported; as root (CI), the loader runs as 'nobody'
    so that the permission really bites."""
    base = Path(tempfile.mkdtemp(prefix="workbench-perm-"))
    try:
        base.chmod(0o755)
        folder = base / "corpus"
        folder.mkdir(mode=0o755)
        (folder / "good.txt").write_text(GOOD)
        locked = folder / "locked.txt"
        locked.write_text(GOOD.replace("Good", "Locked"))
        locked.chmod(0)
        script = (
            "import json, sys, workbench\n"
            "from workbench.core.reports import load_report\n"
            "df = workbench.load_articles(sys.argv[1])\n"
            "print(json.dumps([df['title'].tolist(), load_report(df).values.tolist()]))"
        )
        command = [sys.executable, "-c", script, str(folder)]
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        env = {**os.environ, "HOME": str(base), "PYTHONDONTWRITEBYTECODE": "1"}
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        titles, report = json.loads(result.stdout.strip().splitlines()[-1])
        assert titles == ["Good headline"]
        assert report == [[str(locked), "", "error", "permission denied"]]
    finally:
        shutil.rmtree(base, ignore_errors=True)
