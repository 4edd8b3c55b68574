"""A workspace's Parquet store of annotations, so a rerun annotates only what changed.

Each batch of annotated articles is one *part*: three Parquet files (``articles`` with
each article's lean and tone, ``mentions``, ``statements``), every row tagged with its
article's :func:`content_hash`. Parts live under a *key*: the profile's hash, the
:data:`PIPELINE_VERSION`, a fingerprint of the annotation code and the hash of the
sentence splitter. Anything in the key changing means nothing is reused. Layout::

    <workspace>/README.txt         what this folder is (safe to delete)
    <workspace>/tokenizer.json     the sentence splitter, learnt once on a whole corpus
    <workspace>/manifest.json      parts per key: files, sizes, row counts
    <workspace>/store.lock         one writer at a time (filelock)
    <workspace>/parts/<key>/<part>.<table>.parquet

Files are written to a temporary name, synced and renamed, and the manifest is only
updated under the lock, so two processes never corrupt the store. A file that cannot be
read (truncated, corrupted, wrong size or key) is reported in a :class:`StoreWarning`
naming it and dropped, so its articles are annotated again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
import uuid
import warnings
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
from filelock import FileLock
from nltk.tokenize.punkt import PunktSentenceTokenizer

from ..annotation.sentences import profile_tokenizer
from ..core import schema as S
from ..core.errors import StoreError
from ..profile.model import Profile
from .files import (
    code_fingerprint,
    digest,
    read_parquet_checked,
    tokenizer_from_params,
    tokenizer_hash,
    tokenizer_params,
    write_json_atomic,
    write_parquet_atomic,
)

#: Bump to invalidate every store (a change in what annotation produces).
PIPELINE_VERSION = "1"

CONTENT_HASH = "content_hash"
#: The article columns annotation reads: a change in any of them re-annotates the article.
HASH_INPUTS = [S.ARTICLE_ID, S.TITLE, S.SOURCE, S.PUBLISHED, S.LANGUAGE, S.TEXT, S.URL]
TABLES = ("articles", "mentions", "statements")
LEAN_COLUMNS = [S.ARTICLE_ID, *S.ANNOTATION_COLUMNS]
LEAN_DTYPES = {
    S.ARTICLE_ID: "string",
    S.LEAN: "string",
    S.LEAN_SCORE: "float64",
    S.LEAN_TERMS: "string",
    S.ARTICLE_TONE: "float64",
}
_COLUMNS = {
    "articles": (LEAN_COLUMNS, LEAN_DTYPES),
    "mentions": (S.MENTION_COLUMNS, S.MENTION_DTYPES),
    "statements": (S.STATEMENT_COLUMNS, S.STATEMENT_DTYPES),
}
_FORMAT = 1
_KEEP_KEYS = 3  # most recently used keys kept; older ones are deleted on write
_README = """\
This folder is a workbench workspace: cached loads and annotations of a corpus.
It is safe to delete; the next run rebuilds it (and relearns the sentence splitter).
"""


class StoreWarning(UserWarning):
    """A store file was unreadable: it is reported, dropped and rebuilt."""


def content_hash(articles: pd.DataFrame) -> pd.Series:
    """One hash per article over the columns annotation reads (:data:`HASH_INPUTS`).

    Examples
    --------
    >>> content_hash(load_articles("data/articles")).str.len().unique()  # doctest: +SKIP
    array([32])
    """
    missing = [c for c in HASH_INPUTS if c not in articles.columns]
    if missing:
        raise ValueError(f"articles table lacks columns: {', '.join(missing)}")
    columns = [articles[c].tolist() for c in HASH_INPUTS]
    hashes = [
        digest(
            *(b"\x00" if pd.isna(v) else b"\x01" + str(v).encode("utf-8", "replace") for v in row)
        )
        for row in zip(*columns, strict=True)
    ]
    return pd.Series(hashes, index=articles.index, dtype="string", name=CONTENT_HASH)


class Store:
    """The Parquet store of one workspace, seen under one profile and sentence splitter.

    Parameters
    ----------
    root
        The workspace folder (created if needed).
    profile
        The loaded profile the annotations are made with.
    tokenizer
        The sentence splitter. Default: the one persisted in the workspace; when there
        is none yet, call :meth:`learn_tokenizer` on the whole corpus first.

    Examples
    --------
    >>> store = Store(".workbench", profile=load_profile("karabakh"))  # doctest: +SKIP
    >>> store.learn_tokenizer(articles[S.TEXT])                      # doctest: +SKIP
    >>> todo = articles[~content_hash(articles).isin(store.known(content_hash(articles)))]
    ...                                                               # doctest: +SKIP
    """

    def __init__(
        self,
        root: str | Path,
        *,
        profile: Profile,
        tokenizer: PunktSentenceTokenizer | None = None,
    ) -> None:
        self.root = Path(root).expanduser()
        self.profile = profile
        self.root.mkdir(parents=True, exist_ok=True)
        readme = self.root / "README.txt"
        if not readme.exists():
            readme.write_text(_README, encoding="utf-8")
        self.manifest_path = self.root / "manifest.json"
        # A profile with its own abbreviations learns (and keeps) its own splitter.
        own = profile.lexicons.get("abbreviations")
        digest = hashlib.sha256(own.read_bytes()).hexdigest()[:12] if own else ""
        self.tokenizer_path = self.root / (f"tokenizer-{digest}.json" if own else "tokenizer.json")
        self._lock = FileLock(str(self.root / "store.lock"))
        self._tokenizer: PunktSentenceTokenizer | None = None
        self._tokenizer_hash = ""
        if tokenizer is None:
            self._use(self._read_tokenizer())
        else:
            self._use(tokenizer)
            if not self.tokenizer_path.exists():
                self._write_tokenizer(tokenizer)

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r}, profile={self.profile.name!r})"

    # -- the sentence splitter ------------------------------------------------
    @property
    def tokenizer(self) -> PunktSentenceTokenizer:
        """The workspace's sentence splitter (learnt once, then reused)."""
        if self._tokenizer is None:
            raise StoreError(
                f"the workspace {self.root} has no sentence splitter yet: "
                "call learn_tokenizer(texts) with the whole corpus first"
            )
        return self._tokenizer

    @property
    def has_tokenizer(self) -> bool:
        """Whether a sentence splitter is set (given, persisted or learnt)."""
        return self._tokenizer is not None

    def learn_tokenizer(
        self, texts: Iterable[str], *, relearn: bool = False
    ) -> PunktSentenceTokenizer:
        """The persisted splitter, or one trained on ``texts`` and persisted (``relearn``:
        always train anew and replace it)."""
        with self._lock:
            current = None if relearn else self._read_tokenizer()
            if current is None:
                current = profile_tokenizer(self.profile, texts)
                self._write_tokenizer(current)
        self._use(current)
        return current

    def _use(self, tokenizer: PunktSentenceTokenizer | None) -> None:
        """Take ``tokenizer`` as the splitter; its hash is taken now, once."""
        self._tokenizer = tokenizer
        self._tokenizer_hash = tokenizer_hash(tokenizer) if tokenizer is not None else ""

    def _read_tokenizer(self) -> PunktSentenceTokenizer | None:
        if not self.tokenizer_path.exists():
            return None
        try:
            return tokenizer_from_params(json.loads(self.tokenizer_path.read_text("utf-8")))
        except (ValueError, KeyError, TypeError) as exc:
            warnings.warn(
                f"{self.tokenizer_path} is unreadable ({exc}); the sentence splitter is "
                "learnt again",
                StoreWarning,
                stacklevel=3,
            )
            self.tokenizer_path.unlink(missing_ok=True)
            return None

    def _write_tokenizer(self, tokenizer: PunktSentenceTokenizer) -> None:
        write_json_atomic(tokenizer_params(tokenizer), self.tokenizer_path)

    # -- the key ----------------------------------------------------------------
    @property
    def key_parts(self) -> dict[str, str]:
        """What the key is made of: profile name and hash, pipeline version, code, splitter."""
        return {
            "profile": self.profile.name,
            "profile_hash": self.profile.profile_hash,
            "pipeline_version": PIPELINE_VERSION,
            "code": code_fingerprint(),
            "tokenizer": self._tokenizer_hash if self.tokenizer else "",
        }

    @property
    def key(self) -> str:
        """Profile hash + pipeline version + code fingerprint + splitter hash, as a folder name."""
        parts = self.key_parts
        hashed = digest(*(parts[k].encode() for k in sorted(parts)))
        return f"{self.profile.name}-{hashed[:20]}"

    def changed(self) -> str | None:
        """Why nothing is stored under the current key, if the store holds another key."""
        manifest = self._manifest()
        if self.key in manifest["keys"] or not manifest["keys"]:
            return None
        latest = max(manifest["keys"].values(), key=lambda e: e.get("used", 0))
        now = self.key_parts
        what = {
            "profile_hash": f"the profile '{now['profile']}' changed",
            "pipeline_version": (
                f"the pipeline version changed ({latest.get('pipeline_version')} -> "
                f"{now['pipeline_version']})"
            ),
            "code": "the annotation code changed",
            "tokenizer": "the sentence splitter changed",
            "profile": f"another profile is used ('{now['profile']}')",
        }
        reasons = [text for field, text in what.items() if latest.get(field) != now[field]]
        return "; ".join(reasons) or "the store's key changed"

    # -- the manifest -----------------------------------------------------------
    def _manifest(self) -> dict:
        """The manifest; a corrupt one is reported, replaced by an empty one, its parts removed."""
        if not self.manifest_path.exists():
            return {"format": _FORMAT, "keys": {}}
        try:
            return _checked_manifest(json.loads(self.manifest_path.read_text("utf-8")))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            with self._lock:
                try:  # another process may have replaced it meanwhile
                    return _checked_manifest(json.loads(self.manifest_path.read_text("utf-8")))
                except (ValueError, KeyError, TypeError, AttributeError):
                    pass
                warnings.warn(
                    f"{self.manifest_path} is unreadable ({exc}); the store is rebuilt and "
                    "every article annotated again",
                    StoreWarning,
                    stacklevel=3,
                )
                shutil.rmtree(self.root / "parts", ignore_errors=True)
                empty = {"format": _FORMAT, "keys": {}}
                write_json_atomic(empty, self.manifest_path)
                return empty

    def _parts(self) -> dict[str, dict]:
        entry = self._manifest()["keys"].get(self.key)
        return dict(entry["parts"]) if entry else {}

    def _drop_part(self, part_id: str, path: Path, error: Exception) -> None:
        """Report an unreadable part file, remove its part from the manifest and disk.

        A part that another process removed meanwhile (compacted) is not reported.
        """
        with self._lock:
            manifest = self._manifest()
            entry = manifest["keys"].get(self.key)
            part = entry["parts"].pop(part_id, None) if entry else None
            if part is None:
                return
            warnings.warn(
                f"workbench store: {path} is unreadable ({error}); its articles are "
                "annotated again and the file replaced",
                StoreWarning,
                stacklevel=4,
            )
            write_json_atomic(manifest, self.manifest_path)
            for table in TABLES:
                (self.root / part[table]["file"]).unlink(missing_ok=True)

    # -- reading ----------------------------------------------------------------
    def known(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` already annotated under the current key."""
        wanted = set(hashes)
        found: set[str] = set()
        for part_id, part in self._parts().items():
            info = part["articles"]
            path = self.root / info["file"]
            try:
                frame = read_parquet_checked(
                    path, size=info["size"], key=self.key, columns=[CONTENT_HASH]
                )
            except (OSError, ValueError, pa.ArrowException) as exc:
                self._drop_part(part_id, path, exc)
                continue
            found.update(wanted.intersection(frame[CONTENT_HASH].tolist()))
        return found

    def read(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Every stored ``(articles, mentions, statements)`` row of the current key.

        Each table has a ``content_hash`` column; ``articles`` holds the annotation of
        each article (``lean``, ``lean_score``, ``lean_terms``, ``tone``). A part with an
        unreadable file is reported and dropped (its articles are then unknown).
        """
        return self._read(list(self._parts()))

    def _read(self, part_ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """The rows of the given parts (as :meth:`read`)."""
        frames: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
        listed = self._parts()
        for part_id in part_ids:
            part = listed.get(part_id)
            if part is None:
                continue
            read: dict[str, pd.DataFrame] = {}
            for table in TABLES:
                path = self.root / part[table]["file"]
                try:
                    read[table] = read_parquet_checked(path, size=part[table]["size"], key=self.key)
                except (OSError, ValueError, pa.ArrowException) as exc:
                    self._drop_part(part_id, path, exc)
                    break
                if len(read[table]) != part[table]["rows"]:
                    self._drop_part(part_id, path, ValueError("row count differs"))
                    break
            else:
                for table in TABLES:
                    frames[table].append(read[table])
        out = []
        for table in TABLES:
            columns, dtypes = _COLUMNS[table]
            full = [*columns, CONTENT_HASH]
            types = {**dtypes, CONTENT_HASH: "string"}
            parts = [f for f in frames[table] if len(f)]
            frame = pd.concat(parts, ignore_index=True) if parts else S.as_table([], full, types)
            out.append(frame[full].astype(types))
        return out[0], out[1], out[2]

    def files(self, table: str) -> list[Path]:
        """The Parquet files of ``table`` under the current key (for DuckDB)."""
        if table not in TABLES:
            raise ValueError(f"table must be one of {TABLES}, not {table!r}")
        files = []
        for part_id, part in self._parts().items():
            path = self.root / part[table]["file"]
            size = path.stat().st_size if path.exists() else -1
            if size != part[table]["size"]:
                self._drop_part(part_id, path, ValueError("missing or wrong size"))
                continue
            files.append(path)
        return files

    # -- writing ----------------------------------------------------------------
    def write_batch(
        self, articles: pd.DataFrame, mentions: pd.DataFrame, statements: pd.DataFrame
    ) -> Path | None:
        """Store the annotations of a batch of articles as one new part.

        ``articles`` has ``article_id``, the annotation columns (``lean``, …) and either
        a ``content_hash`` column or the columns it is computed from. Articles already
        stored (by another process, say) are left out. Returns the new articles file,
        or None when every article was already stored.
        """
        hashes = (
            articles[CONTENT_HASH].astype("string")
            if CONTENT_HASH in articles.columns
            else content_hash(articles)
        )
        by_id = dict(zip(articles[S.ARTICLE_ID], hashes, strict=True))
        tables = {
            "articles": articles[LEAN_COLUMNS].assign(**{CONTENT_HASH: hashes.to_numpy()}),
            "mentions": mentions[S.MENTION_COLUMNS],
            "statements": statements[S.STATEMENT_COLUMNS],
        }
        for name in ("mentions", "statements"):
            frame = tables[name]
            mapped = frame[S.ARTICLE_ID].map(by_id)
            if mapped.isna().any():
                stray = frame.loc[mapped.isna(), S.ARTICLE_ID].iloc[0]
                raise ValueError(f"{name} row of article {stray!r}, which is not in the batch")
            tables[name] = frame.assign(**{CONTENT_HASH: mapped.astype("string")})
        with self._lock:
            new = set(hashes) - self.known(hashes)
            if not new:
                return None
            kept = {name: frame[frame[CONTENT_HASH].isin(new)] for name, frame in tables.items()}
            return self._add_part(kept)

    def _add_part(self, tables: dict[str, pd.DataFrame], *, replacing: Iterable[str] = ()) -> Path:
        """Write one part (under the lock) and list it in the manifest instead of ``replacing``."""
        key = self.key
        folder = self.root / "parts" / key
        folder.mkdir(parents=True, exist_ok=True)
        part_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        entry: dict[str, dict] = {}
        for name, frame in tables.items():
            dtypes = {**_COLUMNS[name][1], CONTENT_HASH: "string"}
            path = folder / f"{part_id}.{name}.parquet"
            size = write_parquet_atomic(frame.astype(dtypes).reset_index(drop=True), path, key=key)
            entry[name] = {
                "file": path.relative_to(self.root).as_posix(),
                "size": size,
                "rows": len(frame),
            }
        manifest = self._manifest()
        keyed = manifest["keys"].setdefault(key, {**self.key_parts, "parts": {}})
        old = [keyed["parts"].pop(p) for p in replacing if p in keyed["parts"]]
        keyed["parts"][part_id] = entry
        keyed["used"] = time.time()
        self._forget_old_keys(manifest)
        write_json_atomic(manifest, self.manifest_path)
        for part in old:
            for table in TABLES:
                (self.root / part[table]["file"]).unlink(missing_ok=True)
        return self.root / entry["articles"]["file"]

    def compact(self, *, above: int = 32, small: int = 1000) -> bool:
        """Merge the parts of fewer than ``small`` articles into one when there are more
        than ``above`` of them (increments make many small files; large parts are left
        as they are). Returns whether it merged."""
        with self._lock:
            parts = self._parts()
            few = [p for p, part in parts.items() if part["articles"]["rows"] < small]
            if len(few) <= above:
                return False
            lean, mentions, statements = self._read(few)  # drops (and reports) unreadable ones
            merged = [p for p in few if p in self._parts()]
            self._add_part(
                {"articles": lean, "mentions": mentions, "statements": statements},
                replacing=merged,
            )
        return True

    def _forget_old_keys(self, manifest: dict) -> None:
        """Drop all but the most recently used keys (their files too)."""
        ranked = sorted(manifest["keys"], key=lambda k: manifest["keys"][k].get("used", 0))
        for old in ranked[:-_KEEP_KEYS]:
            del manifest["keys"][old]
            shutil.rmtree(self.root / "parts" / old, ignore_errors=True)

    def clear(self) -> None:
        """Remove every part, the manifest and the sentence splitter (``--rebuild``)."""
        with self._lock:
            shutil.rmtree(self.root / "parts", ignore_errors=True)
            self.manifest_path.unlink(missing_ok=True)
            self.tokenizer_path.unlink(missing_ok=True)
        self._use(None)


def _checked_manifest(data: dict) -> dict:
    """The manifest if its structure is right; ValueError otherwise."""
    if data.get("format") != _FORMAT or not isinstance(data.get("keys"), dict):
        raise ValueError("not a workbench store manifest")
    for entry in data["keys"].values():
        for part in entry["parts"].values():
            for table in TABLES:
                info = part[table]
                if not isinstance(info["file"], str) or int(info["size"]) < 0:
                    raise ValueError("a part entry is malformed")
                int(info["rows"])
    return data
