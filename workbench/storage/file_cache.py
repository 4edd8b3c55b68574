"""The workspace's file cache: what reading and cleaning each file gave, so a rerun reads
only new or changed files.

One JSON line per file read (``files/files.jsonl``), keyed by the file's path, size and
modification time, after a first line naming the loading code and the reading options
(a change there empties the cache). What a file gave is everything the corpus-wide steps
need: its article records with their cleaned text, near-duplicate keys and MinHash
signatures (per text, so a rerun finds duplicates without reading a text again), its
problems and the lines cleaning removed.

Lines are appended (under a lock) as files are read, by :func:`workbench.load` and by
the streaming engine alike, so a streamed cold run leaves what the next ``load`` needs;
when most lines describe files that are gone or changed, the file is rewritten with
the current ones only.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from filelock import FileLock

from ..ingest.pipeline import read_options
from ..ingest.records import Loaded
from ..ingest.sources import Item, Problem
from .files import LOADING_ROOMS, code_fingerprint, digest

logger = logging.getLogger("workbench.storage.file_cache")

READ_DEFAULTS = read_options()  # the options a file's reading depends on, with defaults
_STALE_FACTOR = 2  # rewrite when the file holds this many times the lines in use


def file_stat(path: str | Path) -> bytes:
    """A file's path, size and modification time: what keys it in the caches."""
    info = os.stat(path)
    return f"{os.fspath(path)}|{info.st_size}|{info.st_mtime_ns}".encode()


def loading_code() -> bytes:
    """The loading code (``ingest/``, ``core/`` and the resources): a change there may
    change what is loaded."""
    return code_fingerprint(LOADING_ROOMS).encode()


def reading_options(options: dict) -> dict:
    """The reading options of a load's options, missing ones at their defaults."""
    return {k: options.get(k, default) for k, default in READ_DEFAULTS.items()}


class FileCache:
    """The file cache in ``folder``, for files read with ``options`` (those of
    :func:`workbench.ingest.pipeline.read_options`; missing ones take their defaults).

    Raises OSError when a custom boilerplate file cannot be read.
    """

    def __init__(self, folder: Path, options: dict) -> None:
        reading = reading_options(options)
        context = digest(loading_code(), repr(sorted(reading.items(), key=str)).encode())
        if reading["boilerplate"]:
            context = digest(context.encode(), file_stat(Path(str(reading["boilerplate"]))))
        self.folder = folder
        self.path = folder / "files.jsonl"
        self.context = context
        self._lines = 0  # entries in the file when it was read

    @staticmethod
    def key(item: Item) -> str:
        """The cache key of a file (OSError when it is gone)."""
        return digest(file_stat(item.path), item.root.encode())

    def entry(self, item: Item, part: Loaded) -> str | None:
        """The :func:`entry_line` of a file just read (OSError when it is gone)."""
        return entry_line(self.key(item), part)

    def read(self) -> dict[str, Loaded]:
        """What each cached file gave, by key; empty when absent, from other code or
        options, or unreadable (said in a warning)."""
        self._lines = 0
        if not self.path.exists():
            return {}
        parts: dict[str, Loaded] = {}
        try:
            with self._lock(), self.path.open(encoding="utf-8") as f:
                if json.loads(f.readline()) != {"context": self.context}:
                    return {}
                for line in f:
                    entry = json.loads(line, object_hook=_decode)
                    parts[entry["key"]] = Loaded(
                        records=entry["records"],
                        keys=entry["keys"],
                        problems=[Problem(*p) for p in entry["problems"]],
                        removals=entry["removals"],
                    )
                    self._lines += 1
        except (OSError, ValueError, KeyError, TypeError) as exc:
            from .store import StoreWarning

            warnings.warn(
                f"the file cache {self.path} is unreadable ({exc}); every file is read again",
                StoreWarning,
                stacklevel=3,
            )
            self._lines = 0
            return {}
        return parts

    def add(self, entries: Iterable[tuple[str, Loaded]]) -> None:
        """Append what files gave (key, part), starting the file when it is absent or of
        other code."""
        self.write([entry_line(key, part) for key, part in entries])

    def write(self, lines: list[str | None]) -> None:
        """Append :func:`entry_line` lines; none when one could not be made (said in the
        log: a value JSON cannot hold)."""
        if not lines or None in lines:
            if lines:
                logger.info("file cache not written: a record JSON cannot hold")
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with self._lock():
                fresh = not self.path.exists() or not self._same_context()
                with self.path.open("w" if fresh else "a", encoding="utf-8") as f:
                    if fresh:
                        f.write(json.dumps({"context": self.context}) + "\n")
                        self._lines = 0
                    f.writelines(line for line in lines if line)
                    f.flush()
                    os.fsync(f.fileno())
                self._lines += len(lines)
        except OSError as exc:
            logger.info("file cache not written: %s", exc)

    def keep_only(self, in_use: dict[str, Loaded]) -> None:
        """Rewrite the file with the entries in use when most of its lines are not."""
        if self._lines <= _STALE_FACTOR * len(in_use) + 16:
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        lines = [entry_line(key, part) for key, part in in_use.items()]
        if None in lines:
            return
        try:
            with self._lock():
                with tmp.open("w", encoding="utf-8") as f:
                    f.write(json.dumps({"context": self.context}) + "\n")
                    f.writelines(line for line in lines if line)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, self.path)
            self._lines = len(lines)
        except OSError as exc:
            logger.info("file cache not rewritten: %s", exc)
            tmp.unlink(missing_ok=True)

    def _same_context(self) -> bool:
        try:
            with self.path.open(encoding="utf-8") as f:
                return json.loads(f.readline()) == {"context": self.context}
        except (OSError, ValueError):
            return False

    def _lock(self) -> FileLock:
        return FileLock(str(self.folder / "files.lock"))


def entry_line(key: str, part: Loaded) -> str | None:
    """The cache line of what a file gave, or None when a value cannot be written as
    JSON. Make it as soon as the file is read: the corpus-wide steps change records."""
    entry = {
        "key": key,
        "records": part.records,
        "keys": part.keys,
        "problems": [[p.path, p.message, p.location, p.level] for p in part.problems],
        "removals": part.removals,
    }
    try:
        return json.dumps(entry, default=_encode) + "\n"
    except (TypeError, ValueError):
        return None


def _encode(value: object) -> object:
    """JSON for the values of a read record: timestamps and bytes tagged, others refused."""
    if isinstance(value, pd.Timestamp):
        return {"$ts": value.isoformat()}
    if isinstance(value, bytes):
        return {"$b": value.hex()}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _decode(obj: dict) -> object:
    if len(obj) == 1:
        if "$ts" in obj:
            return pd.Timestamp(obj["$ts"])
        if "$b" in obj:
            return bytes.fromhex(obj["$b"])
    return obj
