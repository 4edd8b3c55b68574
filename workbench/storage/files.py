"""Files of a workspace: synced atomic writes, checked Parquet reads, hashes (of data and
of the annotation code), and the sentence splitter's parameters as JSON (no pickle: the
file is plain, sorted data)."""

from __future__ import annotations

import json
import os
import uuid
from collections import defaultdict
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from ..core.places import digest as digest


def tokenizer_params(tokenizer: PunktSentenceTokenizer) -> dict:
    """A Punkt tokenizer's learnt parameters as plain, sorted JSON data."""
    p = tokenizer._params
    return {
        "abbrev_types": sorted(p.abbrev_types),
        "collocations": sorted([list(c) for c in p.collocations]),
        "sent_starters": sorted(p.sent_starters),
        # Punkt's lookups add zero entries to this defaultdict: zero is the default anyway.
        "ortho_context": sorted([k, v] for k, v in p.ortho_context.items() if v),
    }


def tokenizer_from_params(data: dict) -> PunktSentenceTokenizer:
    """Rebuild a Punkt tokenizer from :func:`tokenizer_params`."""
    params = PunktParameters()
    params.abbrev_types = set(data["abbrev_types"])
    params.collocations = {tuple(c) for c in data["collocations"]}
    params.sent_starters = set(data["sent_starters"])
    params.ortho_context = defaultdict(int, {k: int(v) for k, v in data["ortho_context"]})
    return PunktSentenceTokenizer(params)


def tokenizer_hash(tokenizer: PunktSentenceTokenizer) -> str:
    """A hash of a tokenizer's parameters."""
    return digest(json.dumps(tokenizer_params(tokenizer), sort_keys=True).encode())


def _fsync_replace(tmp: Path, path: Path) -> None:
    """Sync ``tmp`` to disk and rename it to ``path`` (atomic on one filesystem)."""
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # some systems cannot open a folder: the rename is still atomic
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_json_atomic(data: object, path: Path) -> None:
    """Write JSON to ``path`` through a synced temporary file."""
    tmp = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    _fsync_replace(tmp, path)


def write_parquet_atomic(frame: pd.DataFrame, path: Path, *, key: str = "") -> int:
    """Write ``frame`` as Parquet (page checksums on) through a synced temporary file.

    Returns the file's size in bytes.
    """
    table = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = {**(table.schema.metadata or {}), b"workbench_key": key.encode()}
    table = table.replace_schema_metadata(metadata)
    tmp = path.with_name(f"{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    pq.write_table(table, tmp, write_page_checksum=True)
    _fsync_replace(tmp, path)
    return path.stat().st_size


def read_parquet_checked(
    path: Path, *, size: int | None = None, key: str | None = None, columns: list[str] | None = None
) -> pd.DataFrame:
    """Read a store file, raising ValueError (or pyarrow's error) when it is not intact."""
    actual = path.stat().st_size
    if size is not None and actual != size:
        raise ValueError(f"{actual} bytes where {size} were written (truncated or replaced)")
    table = pq.read_table(path, columns=columns, page_checksum_verification=True)
    found = (table.schema.metadata or {}).get(b"workbench_key", b"").decode()
    if key is not None and found != key:
        raise ValueError(f"written under key {found!r}, not {key!r}")
    return table.to_pandas()


# The code a cache depends on, as whole rooms of the package: a file anywhere under
# them (a module, a resource, a subpackage added later) changes the fingerprint, and
# a file elsewhere (``present/``, the CLI) does not.
ANNOTATION_ROOMS = ("core", "profile", "annotation", "resources")
LOADING_ROOMS = ("core", "ingest", "resources")


def tree_fingerprint(root: Path, rooms: tuple[str, ...]) -> str:
    """A hash of every file (its path under ``root`` and its bytes) in the given rooms,
    compiled caches excepted."""
    chunks: list[bytes] = []
    for room in rooms:
        for path in sorted((root / room).rglob("*")):
            if path.is_file() and path.suffix != ".pyc" and "__pycache__" not in path.parts:
                chunks += [path.relative_to(root).as_posix().encode(), path.read_bytes()]
    return digest(*chunks)


@cache
def code_fingerprint(rooms: tuple[str, ...] = ANNOTATION_ROOMS) -> str:
    """The fingerprint of the installed package's rooms, read once per process."""
    return tree_fingerprint(Path(str(resources.files("workbench"))), rooms)
