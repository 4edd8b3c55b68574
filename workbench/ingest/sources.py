"""Where articles come from: resolving files, folders, globs and URLs, and reading bytes.

Everything here reports problems as :class:`Problem` entries instead of raising, so a
bad file never stops the rest of a corpus from loading.
"""

from __future__ import annotations

import codecs
import errno
import glob
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import charset_normalizer

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TABLE_SUFFIXES = {".csv", ".tsv"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
RTF_SUFFIXES = {".rtf"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
# Read from their bytes by their own readers, never decoded as text first.
BINARY_SUFFIXES = PDF_SUFFIXES | DOCX_SUFFIXES | WARC_SUFFIXES
ARTICLE_SUFFIXES = (
    TEXT_SUFFIXES
    | HTML_SUFFIXES
    | TABLE_SUFFIXES
    | JSON_SUFFIXES
    | FEED_SUFFIXES
    | BINARY_SUFFIXES
    | RTF_SUFFIXES
)

# Formats an analyst may hold that are not read: what they are and how to convert them.
_SAVE_AS = "open it in Word or LibreOffice and save it as .docx (or .pdf)"
_AS_CSV = "save the sheet as CSV (one row per article, with a text column) and load that"
_OCR = "an image has no text to read: OCR it first (e.g. ocrmypdf or tesseract) and load the text"
NOT_READ = {
    ".doc": ("old Word document (.doc)", _SAVE_AS),
    ".odt": ("OpenDocument text (.odt)", _SAVE_AS),
    ".pages": ("Apple Pages document", "export it from Pages as Word (.docx) or PDF"),
    ".wpd": ("WordPerfect document", _SAVE_AS),
    ".xls": ("Excel spreadsheet (.xls)", _AS_CSV),
    ".xlsx": ("Excel spreadsheet (.xlsx)", _AS_CSV),
    ".ods": ("OpenDocument spreadsheet (.ods)", _AS_CSV),
    ".numbers": ("Apple Numbers spreadsheet", _AS_CSV),
    **{
        suffix: (f"image ({suffix})", _OCR)
        for suffix in (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp", ".heic")
    },
}


def format_suffix(name: str) -> str:
    """The format part of a file name, lower case: '.pdf', or '.warc.gz' for a gzipped archive."""
    lower = name.lower()
    for double in (".warc.gz", ".arc.gz"):
        if lower.endswith(double):
            return double
    if "/" in lower:
        return Path(lower).suffix
    dot = lower.rfind(".")  # what Path(lower).suffix gives, without making a Path
    return lower[dot:] if 0 < dot < len(lower) - 1 else ""


def not_read_message(suffix: str) -> str:
    """One line naming a format that is not read and how to convert it."""
    what, how = NOT_READ[suffix]
    return f"not read: {what} is not a format the loader reads; {how}"


SIDECAR_NAMES = {"metadata.csv"}
LOG_NAMES = {"corrections.csv"}  # the analysts' corrections log (workbench.corrections.log)
# Documentation that sits beside a corpus and is not an article.
DOC_STEMS = {"readme", "license", "licence", "changelog", "source", "notes"}

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# One article's text: the longest news articles are a few hundred thousand characters;
# a text far beyond this is a dump, and cleaning it would take gigabytes of memory.
MAX_ARTICLE_CHARS = 20_000_000
_NOT_REGULAR = "not a regular file (a named pipe, socket or device); skipped"


@dataclass(frozen=True)
class Problem:
    """Something the loader could not read, or read with a caveat."""

    path: str
    message: str
    location: str = ""
    level: str = "error"


@dataclass(frozen=True)
class Item:
    """One file or URL to read."""

    path: str
    is_url: bool = False
    root: str = ""  # the folder it was found under, for sidecar matching


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def resolve(source: object) -> tuple[list[Item], list[Path], list[Problem]]:
    """Expand a source into items to read, sidecar files found beside them, and problems.

    ``source`` is a path, a folder (walked recursively), a glob, an http(s) URL, or a
    list of those. Order is stable: sorted within each folder, in the order given.
    """
    entries: Iterable[object]
    if isinstance(source, str | os.PathLike):
        entries = [source]
    elif isinstance(source, Iterable):
        entries = list(source)
    else:
        raise TypeError(
            f"source must be a path, URL, glob or a list of them, not {type(source).__name__}"
        )
    items: list[Item] = []
    sidecars: list[Path] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def add(item: Item) -> None:
        if item.path not in seen:
            seen.add(item.path)
            items.append(item)

    for entry in entries:
        text = os.fspath(entry) if isinstance(entry, os.PathLike) else str(entry)
        if is_url(text):
            add(Item(text, is_url=True))
            continue
        if "://" in text:
            problems.append(Problem(text, "only http:// and https:// URLs can be loaded"))
            continue
        path = Path(text).expanduser()
        if any(ch in text for ch in "*?["):
            matches = sorted(glob.glob(str(path), recursive=True))
            if not matches:
                problems.append(Problem(text, "the pattern matches no files"))
            for match in matches:
                if Path(match).is_file():
                    _consider(Path(match), Path(match).parent, add, sidecars, problems)
            continue
        if path.is_dir():
            for file in _walk(path, problems):
                _consider(file, path, add, sidecars, problems)
        elif path.is_file():
            _consider(path, path.parent, add, sidecars, problems, explicit=True)
        elif path.is_symlink():
            problems.append(Problem(text, _link_problem(path)))
        elif path.exists():
            problems.append(Problem(text, _NOT_REGULAR))
        else:
            problems.append(Problem(text, "no such file or folder"))
    return items, sidecars, problems


def _walk(folder: Path, problems: list[Problem]) -> Iterator[Path]:
    """Files under ``folder``, sorted, following symlinks but never around a loop."""
    visited: set[str] = set()

    def onerror(exc: OSError) -> None:
        problems.append(Problem(str(exc.filename or folder), f"cannot read folder: {exc.strerror}"))

    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True, onerror=onerror):
        real = os.path.realpath(dirpath)
        if real in visited:
            problems.append(
                Problem(
                    dirpath, "symbolic link loop: folder already visited; skipped", level="warning"
                )
            )
            dirnames[:] = []
            continue
        visited.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _consider(
    path: Path,
    root: Path,
    add,
    sidecars: list[Path],
    problems: list[Problem],
    explicit: bool = False,
) -> None:
    """Sort one found file into an article file, a sidecar, or a skipped file."""
    name = path.name.lower()
    if name in SIDECAR_NAMES and not explicit:
        sidecars.append(path)
        return
    if name in LOG_NAMES and not explicit:
        problems.append(Problem(str(path), "skipped: corrections log, not articles", level="info"))
        return
    suffix = format_suffix(path.name)
    if path.parent.name.endswith("_files") and not explicit and suffix not in ARTICLE_SUFFIXES:
        return  # the images and scripts of a page saved "complete" by a browser
    if suffix in NOT_READ:
        problems.append(Problem(str(path), not_read_message(suffix), level="warning"))
        return
    if suffix not in ARTICLE_SUFFIXES:
        if explicit or suffix not in {".py", ".pyc", ".parquet"}:
            problems.append(
                Problem(
                    str(path),
                    f"skipped: '{suffix or 'no extension'}' is not an article format",
                    level="info",
                )
            )
        return
    if path.stem.lower() in DOC_STEMS and suffix in TEXT_SUFFIXES and not explicit:
        problems.append(
            Problem(str(path), "skipped: documentation file, not an article", level="info")
        )
        return
    if path.is_symlink() and not path.exists():
        problems.append(Problem(str(path), _link_problem(path)))
        return
    add(Item(str(path), root=str(root)))


def _link_problem(path: Path) -> str:
    """Why a symbolic link cannot be followed: a loop, or a target that is not there."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link points back to itself)"
    try:
        target = os.readlink(path)
    except OSError:
        return "broken symbolic link"
    return f"broken symbolic link: its target {target} does not exist"


def _size(n: int) -> str:
    if n < 10_000:
        return f"{n} bytes"
    return f"{n / 1e3:.1f} kB" if n < 1_000_000 else f"{n / 1e6:.1f} MB"


def read_bytes(path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file, refusing one over ``max_bytes``. Raises OSError or ValueError with a reason."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        # A named pipe would block the loader forever; a device could be endless.
        raise ValueError(_NOT_REGULAR)
    if info.st_size > max_bytes:
        raise ValueError(_too_large(info.st_size, max_bytes))
    with open(path, "rb") as handle:
        # read(n) reserves n bytes up front: ask for the size stat gave (and one byte more
        # to see growth), not for the whole cap, for every file.
        data = handle.read(info.st_size + 1)
        if len(data) > info.st_size:
            data += handle.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:  # the file grew while we looked
        raise ValueError(_too_large(len(data), max_bytes))
    return data


def open_regular(path: str) -> BinaryIO:
    """Open a file to read as it goes (a web archive of gigabytes): refused when it is not
    a regular file or is empty. Raises OSError or ValueError with a reason."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(_NOT_REGULAR)
    if info.st_size == 0:
        raise ValueError("file is empty (0 bytes)")
    return open(path, "rb")  # noqa: SIM115 - the caller closes it


def _too_large(size: int, max_bytes: int) -> str:
    return f"file is {_size(size)}, over the limit of {_size(max_bytes)} (max_bytes={max_bytes})"


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


# Encodings charset_normalizer may name for text that is really Western European
# (Latin-1 / Windows-1252): on short texts it often prefers an exotic cousin.
_WESTERN = {"cp1252", "latin_1", "iso8859_15"}
_CHAOS_TOLERANCE = 0.05


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode bytes to text: BOM, then UTF-8, then detected encoding.

    Returns the text and warnings; raises ValueError when the bytes are not text.
    Stray NUL bytes in a text file are removed with a warning; a file full of them is
    binary (or UTF-16 without a byte-order mark, which is decoded).
    """
    if not data:
        raise ValueError("file is empty (0 bytes)")
    if data.isspace():  # not data.strip(): that copies a file of any size
        raise ValueError("file is empty (only whitespace)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ValueError(
                    f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}"
                ) from exc
            text = text.lstrip("\ufeff")
            if not text.strip():
                raise ValueError("file is empty (only a byte-order mark and whitespace)")
            if _looks_binary(text):
                raise ValueError(
                    f"binary file, not text (starts with a {encoding} byte-order mark)"
                )
            return text, []
    warnings: list[str] = []
    head = data[:8192]
    if head.count(0) > len(head) // 10:
        return _utf16_without_bom(data)
    nuls = data.count(0)
    if nuls:
        # A few stray NULs (a damaged export) are dropped; the text is kept.
        data = data.replace(b"\x00", b"")
        warnings.append(f"{nuls} NUL byte{'s' if nuls > 1 else ''} removed")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if nuls:
            raise ValueError("binary file (NUL bytes), not text") from None
        utf8_error = exc
    else:
        if _looks_binary(text):
            raise ValueError("binary file (control characters), not text")
        return text, warnings
    detected = _detect_encoding(data[:1_000_000])
    if detected is None:
        raise ValueError(
            f"binary file? Not UTF-8 (byte {utf8_error.start}: {utf8_error.reason}) "
            "and no text encoding fits"
        )
    text = data.decode(detected, errors="replace")
    if _looks_binary(text):
        raise ValueError("binary file, not text")
    warning = f"not UTF-8: decoded as {detected}"
    if "\ufffd" in text:
        warning += f" ({text.count(chr(0xFFFD))} undecodable bytes replaced)"
    return text, [*warnings, warning]


def _detect_encoding(data: bytes) -> str | None:
    """The legacy encoding of non-UTF-8 bytes; Windows-1252 when it fits as well as the best."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        return None
    for match in matches:
        if match.chaos > best.chaos + _CHAOS_TOLERANCE:
            continue
        if {match.encoding, *match.could_be_from_charset} & _WESTERN:
            try:
                data.decode("cp1252")
            except UnicodeDecodeError:
                return "latin_1"
            return "cp1252"
    return str(best.encoding)


def _utf16_without_bom(data: bytes) -> tuple[str, list[str]]:
    """Text full of NUL bytes: UTF-16 without a byte-order mark, or a binary file."""
    head = data[:8192]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    encoding = "utf-16-le" if odd > 3 * even else "utf-16-be" if even > 3 * odd else None
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            pass
        else:
            if not _looks_binary(text):
                return text, [f"no byte-order mark: decoded as {encoding.upper()}"]
    raise ValueError("binary file (NUL bytes), not text")


_NOT_TEXT_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _looks_binary(text: str) -> bool:
    """More than 5% control characters (tab and line ends aside) or replacement marks."""
    sample = text[:4000]
    if not sample:
        return True
    # Characters \x00-\x08, \x0b, \x0c, \x0e-\x1f (deleted by a byte table) and U+FFFD.
    ascii_part = sample.encode("ascii", "ignore")
    found = len(ascii_part) - len(ascii_part.translate(None, _NOT_TEXT_BYTES))
    return (found + sample.count("\ufffd")) / len(sample) > 0.05
