"""The analyst's metadata sidecar: per-file title, outlet, date and URL that win over inference.

A sidecar is a CSV (``metadata.csv`` beside the files, or ``metadata=``) or a
DataFrame, keyed by ``file`` (name or path relative to the sidecar), ``article_id``
or ``url``. Rows that match no article are reported, never silently ignored.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..core import schema as S
from .dates import parse_date
from .sources import Item, Problem, decode

_KEY_ALIASES = {
    "file": "file",
    "filename": "file",
    "path": "file",
    "articleid": "article_id",
    "id": "article_id",
}
_FIELD_ALIASES = {
    "title": S.TITLE,
    "headline": S.TITLE,
    "source": S.SOURCE,
    "outlet": S.SOURCE,
    "publisher": S.SOURCE,
    "published": S.PUBLISHED,
    "date": S.PUBLISHED,
    "pubdate": S.PUBLISHED,
    "publishedat": S.PUBLISHED,
    "url": S.URL,
    "link": S.URL,
    "datebasis": S.DATE_BASIS,
    "language": S.LANGUAGE,
    "lang": S.LANGUAGE,
}


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


@dataclass
class _Entry:
    origin: str  # sidecar file and row, for messages
    folder: Path | None  # where relative file names are resolved
    keys: dict[str, str]
    fields: dict[str, object]
    used: bool = False


@dataclass
class Sidecar:
    """All sidecar rows, ready to be matched against loaded articles."""

    entries: list[_Entry] = field(default_factory=list)

    def apply(self, records: list[dict], keys: list[str], items: list[Item]) -> list[Problem]:
        """Override fields of matching records in place; report unmatched rows."""
        problems: list[Problem] = []
        if not self.entries:
            return problems
        by_file: dict[str, list[_Entry]] = {}
        by_other: dict[tuple[str, str], _Entry] = {}
        for entry in self.entries:
            for kind, value in entry.keys.items():
                if kind == "file":
                    by_file.setdefault(Path(value).name, []).append(entry)
                else:
                    by_other[(kind, value)] = entry
        order = {id(entry): n for n, entry in enumerate(self.entries)}
        for record, key in zip(records, keys, strict=True):
            matches = {
                id(e): e
                for e in self._by_file(record[S.PATH], by_file.get(Path(record[S.PATH]).name, []))
            }
            for other in (("article_id", key), ("url", record[S.URL])):
                found = by_other.get(other) if other[1] else None
                if found is not None:
                    matches[id(found)] = found
            for entry in sorted(matches.values(), key=lambda e: order[id(e)]):
                entry.used = True
                problems.extend(_override(record, entry))
        for entry in self.entries:
            if not entry.used:
                keys_text = ", ".join(f"{k}={v}" for k, v in entry.keys.items())
                problems.append(
                    Problem(
                        entry.origin.split(" (")[0],
                        f"sidecar row matches no loaded article ({keys_text})",
                        entry.origin.partition(" (")[2].rstrip(")"),
                        level="warning",
                    )
                )
        return problems

    @staticmethod
    def _by_file(path: str, candidates: list[_Entry]) -> list[_Entry]:
        """Sidecar rows naming this file: by path relative to the sidecar, or by bare name."""
        file = Path(path).resolve()
        found = []
        for entry in candidates:
            named = Path(entry.keys["file"])
            if entry.folder is None or len(named.parts) == 1:
                found.append(entry)  # a bare name (candidates already share it)
            elif (entry.folder / named).resolve() == file:
                found.append(entry)
        return found


def _override(record: dict, entry: _Entry) -> list[Problem]:
    """Apply one sidecar row to one record."""
    problems = []
    where = entry.origin
    for column, value in entry.fields.items():
        if column == S.PUBLISHED:
            parsed = parse_date(value)
            if parsed is None:
                problems.append(
                    Problem(
                        where.split(" (")[0],
                        f"date '{value}' is not a readable date; ignored",
                        where.partition(" (")[2].rstrip(")"),
                    )
                )
                continue
            record[S.PUBLISHED] = parsed
            basis = str(entry.fields.get(S.DATE_BASIS, "") or "").strip().lower()
            record[S.DATE_BASIS] = (
                basis if basis in S.DATE_BASES and basis != "missing" else "metadata"
            )
        elif column == S.SOURCE:
            record[S.SOURCE], record[S.SOURCE_BASIS] = str(value), "metadata"
        elif column in (S.TITLE, S.URL, S.LANGUAGE):
            record[column] = str(value)
    return problems


def _frame_entries(
    df: pd.DataFrame, origin: str, folder: Path | None, problems: list[Problem]
) -> list[_Entry]:
    """Sidecar rows from a DataFrame; rows without a key are reported."""
    key_cols = {c: _KEY_ALIASES[_norm(c)] for c in df.columns if _norm(c) in _KEY_ALIASES}
    key_cols.update({c: "url" for c in df.columns if _norm(c) in ("url", "link")})
    field_cols = {c: _FIELD_ALIASES[_norm(c)] for c in df.columns if _norm(c) in _FIELD_ALIASES}
    if not key_cols:
        problems.append(
            Problem(
                origin, "sidecar has no 'file', 'article_id' or 'url' column to match articles by"
            )
        )
        return []
    entries = []
    for number, row in enumerate(df.itertuples(index=False), start=1):
        values = dict(zip(df.columns, row, strict=True))
        keys = {kind: str(values[c]).strip() for c, kind in key_cols.items() if _present(values[c])}
        if not keys:
            problems.append(
                Problem(
                    origin, "sidecar row has no file, article_id or url", f"row {number}", "warning"
                )
            )
            continue
        fields = {col: values[c] for c, col in field_cols.items() if _present(values[c])}
        entries.append(_Entry(f"{origin} (row {number}, line {number + 1})", folder, keys, fields))
    return entries


def _present(value: object) -> bool:
    return (
        value is not None
        and not (isinstance(value, float) and pd.isna(value))
        and str(value).strip() != ""
    )


def read_sidecars(found: list[Path], metadata: object, problems: list[Problem]) -> Sidecar:
    """Read the sidecars found in folders and the one passed as ``metadata=``."""
    sidecar = Sidecar()
    sources: list[tuple[object, Path | None]] = []
    explicit = None
    if metadata is not None and not isinstance(metadata, pd.DataFrame):
        explicit = Path(str(metadata)).resolve()
    # Folder sidecars first, the one passed as metadata= last: later rows win.
    sources = [(p, p.parent) for p in found if p.resolve() != explicit]
    if metadata is not None:
        if isinstance(metadata, pd.DataFrame):
            sources.append((metadata, None))
        else:
            sources.append((Path(str(metadata)), Path(str(metadata)).parent))
    for src, folder in sources:
        if isinstance(src, pd.DataFrame):
            sidecar.entries.extend(_frame_entries(src, "metadata DataFrame", None, problems))
            continue
        path = Path(str(src))
        try:
            text, _ = decode(path.read_bytes())
            df = pd.read_csv(
                io.StringIO(text), dtype=str, keep_default_na=False, sep=None, engine="python"
            )
        except (OSError, ValueError, pd.errors.ParserError) as exc:
            problems.append(Problem(str(path), f"sidecar cannot be read: {exc}"))
            continue
        sidecar.entries.extend(_frame_entries(df, str(path), folder, problems))
    return sidecar
