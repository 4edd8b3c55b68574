"""Exact and near-duplicate articles (wire copy carried by several outlets, re-posts).

Near-duplicates are found with MinHash over word 5-grams and locality-sensitive
hashing. Written here with NumPy rather than with ``datasketch`` because hashing
every shingle in Python made datasketch the slowest step of loading 25k articles;
pandas' vectorised ``hash_array`` keeps it to a few milliseconds per thousand words.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

import numpy as np
import pandas as pd

_WORDS = re.compile(r"\w+")
_SHINGLE = 5
_MAX_WORDS = 2000
_N_HASHES = 32
_BANDS = 8
_ROWS = _N_HASHES // _BANDS
_rng = np.random.default_rng(20201927)  # fixed seed: same input, same clusters
_A = _rng.integers(1, 2**61 - 1, size=_N_HASHES, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**61 - 1, size=_N_HASHES, dtype=np.uint64)


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())[:_MAX_WORDS]


def exact_key(text: str, words: list[str] | None = None) -> str:
    """Hash of the text with case, punctuation and spacing ignored."""
    return hashlib.sha1(
        " ".join(_words(text) if words is None else words).encode("utf-8")
    ).hexdigest()


def signature(text: str, words: list[str] | None = None) -> np.ndarray | None:
    """MinHash signature of the text's word 5-grams; None for texts under 5 words."""
    words = _words(text) if words is None else words
    if len(words) < _SHINGLE:
        return None
    # categorize=False: hash the words directly instead of factorizing them first.
    h = pd.util.hash_array(np.array(words, dtype=object), categorize=False)
    grams = h[: len(h) - _SHINGLE + 1].copy()
    for i in range(1, _SHINGLE):
        grams = grams * np.uint64(1_000_003) ^ h[i : len(h) - _SHINGLE + 1 + i]
    # Repeated shingles cannot change a minimum: no need to deduplicate them first.
    return (grams[:, None] * _A + _B).min(axis=0)


def find_duplicates(texts: list[str], *, threshold: float = 0.8) -> list[int | None]:
    """For each text, the index of an earlier text it duplicates, or None.

    "Earlier" is list order: sort the list oldest first to point copies at originals.
    Exact duplicates (same words) always count; near-duplicates need an estimated
    Jaccard similarity of their 5-gram sets of at least ``threshold``.

    Examples
    --------
    >>> find_duplicates(["a b c d e f g", "A b c, d e f g!", "something else entirely here"])
    [None, 0, None]
    """
    result: list[int | None] = [None] * len(texts)
    first_by_key: dict[str, int] = {}
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    signatures: dict[int, np.ndarray] = {}
    for i, text in enumerate(texts):
        words = _words(text)
        key = exact_key(text, words)
        if key in first_by_key:
            result[i] = first_by_key[key]
            continue
        first_by_key[key] = i
        sig = signature(text, words)
        if sig is None:
            continue
        signatures[i] = sig
        candidates: set[int] = set()
        for band in range(_BANDS):
            bucket = (band, sig[band * _ROWS : (band + 1) * _ROWS].tobytes())
            candidates.update(buckets[bucket])
            buckets[bucket].append(i)
        best = None
        for j in sorted(candidates):
            similarity = float(np.mean(signatures[j] == sig))
            if similarity >= threshold:
                best = j if result[j] is None else result[j]
                break
        result[i] = best
    return result
