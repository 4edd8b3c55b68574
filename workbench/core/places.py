"""Where a corpus's workspace lives by default: ``.workbench/<name>`` beside the corpus.

Here in ``core`` because the loader (the fetch cache of URL lists) and the storage (the
load cache and the annotation store) both put things there.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

WORKSPACE_NAME = ".workbench"


def digest(*chunks: bytes) -> str:
    """A short hash of byte chunks (each length-prefixed, so chunk borders count)."""
    h = hashlib.blake2b(digest_size=16)
    for chunk in chunks:
        h.update(len(chunk).to_bytes(8, "little"))
        h.update(chunk)
    return h.hexdigest()


def default_workspace(source: object) -> Path:
    """``.workbench/<name>`` beside the corpus: next to a folder (so copying or zipping the
    corpus folder leaves the cache behind), in the folder of a file or a glob's files.

    Several sources use their first entry; a URL has no folder, so needs ``workspace=``.

    Examples
    --------
    >>> default_workspace("data/articles")
    PosixPath('data/.workbench/articles')
    >>> default_workspace("exports/nyt.csv")
    PosixPath('exports/.workbench/nyt.csv')
    """
    first = source[0] if isinstance(source, list | tuple) and source else source
    if not isinstance(first, str | os.PathLike) or str(first).startswith(("http://", "https://")):
        raise ValueError("a workspace= folder is needed for this source (no folder to put it in)")
    text = os.fspath(first)
    path = Path(text).expanduser()
    if any(ch in text for ch in "*?["):
        static = Path(re.split(r"[*?\[]", text, maxsplit=1)[0] or ".").expanduser()
        folder = static if static.is_dir() else static.parent
        return folder / WORKSPACE_NAME / f"glob-{digest(text.encode())[:12]}"
    path = path.resolve() if path.name in ("", ".", "..") else path
    return path.parent / WORKSPACE_NAME / path.name


def usable_default_workspace(source: object) -> tuple[Path | None, str]:
    """The default workspace of ``source`` (:func:`default_workspace`) if it can be made
    there, else None and why not (no folder for a URL, a folder that is not writable).
    Nothing is created.

    Examples
    --------
    >>> usable_default_workspace("https://example.org/feed.xml")[0] is None
    True
    """
    try:
        folder = default_workspace(source)
    except ValueError as exc:
        return None, str(exc)
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    if not existing.is_dir():
        return None, f"cannot keep a workspace at {folder}: {existing} is not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return None, f"cannot keep a workspace at {folder}: {existing} is not writable"
    return folder, ""
