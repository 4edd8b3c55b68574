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


#: What near-duplicate detection needs of one text: its exact key (hex) and its MinHash
#: signature as bytes (None under 5 words). Computed where the text is read, cached with it.
Features = tuple[str, bytes | None]


def features(words: list[str]) -> Features:
    """The :data:`Features` of a text from its words (``\\w+`` of the casefolded text).

    Examples
    --------
    >>> features("a b c d e f g".split()) == text_features("A b c, d e f g!")
    True
    """
    words = words[:_MAX_WORDS]
    sig = signature("", words)
    return exact_key("", words), None if sig is None else sig.tobytes()


#: Words hashed together by :func:`features_of_many`: a batch's 5-gram by hash table
#: (32 rows of 8 bytes a 5-gram) stays at a few megabytes.
_BATCH_WORDS = 10_000


def features_of_many(texts_words: list[str]) -> list[Features]:
    """:func:`features` of many texts at once, each given as its words joined by single
    spaces (as cleaning keys them): the same values, hashed in batches.

    Hashing a word, combining five into a 5-gram and taking the 32 minima are the same
    NumPy operations for one text or for many; done over a batch's words at once, each
    distinct word is hashed once and NumPy is called a few times per batch instead of a
    few times per text.

    Examples
    --------
    >>> texts = ["a b c d e f g", "short text", "", "h i j k l m n o"]
    >>> features_of_many(texts) == [features(t.split()) for t in texts]
    True
    """
    found: list[Features] = []
    batch: list[str] = []
    n_words = 0
    for words in texts_words:
        n = words.count(" ") + 1 if words else 0
        if n > _MAX_WORDS:
            words = " ".join(words.split()[:_MAX_WORDS])
            n = _MAX_WORDS
        if batch and n_words + n > _BATCH_WORDS:
            found += _batch_features(batch)
            batch, n_words = [], 0
        batch.append(words)
        n_words += n
    return found + _batch_features(batch) if batch else found


def _batch_features(batch: list[str]) -> list[Features]:
    """:func:`features` of a batch of texts' words (at most ``_MAX_WORDS`` each)."""
    keys = [hashlib.sha1(words.encode("utf-8")).hexdigest() for words in batch]
    signatures: list[bytes | None] = [None] * len(batch)
    lengths = np.array([words.count(" ") + 1 if words else 0 for words in batch])
    long_enough = np.flatnonzero(lengths >= _SHINGLE)
    if len(long_enough):
        # Each distinct word hashed once (the same hash as hashing every occurrence).
        flat = " ".join([batch[i] for i in long_enough.tolist()]).split()
        codes, distinct = pd.factorize(np.array(flat, dtype=object))
        h = pd.util.hash_array(np.asarray(distinct, dtype=object), categorize=False)[codes]
        n = len(h)
        grams = h[: n - _SHINGLE + 1].copy()
        for i in range(1, _SHINGLE):
            grams *= np.uint64(1_000_003)
            grams ^= h[i : n - _SHINGLE + 1 + i]
        # The 5-grams that lie inside one text (none straddles two texts).
        sizes = lengths[long_enough]
        n_grams = sizes - (_SHINGLE - 1)
        ends = np.cumsum(sizes)
        firsts = np.cumsum(n_grams) - n_grams  # where each text's 5-grams start, compacted
        inside = np.repeat(ends - sizes - firsts, n_grams) + np.arange(int(n_grams.sum()))
        hashed = _A[:, None] * grams[inside]
        hashed += _B[:, None]
        minima = np.minimum.reduceat(hashed, firsts, axis=1).T
        for i, row in zip(long_enough.tolist(), minima, strict=True):
            signatures[i] = row.tobytes()
    return list(zip(keys, signatures, strict=True))


def text_features(text: str) -> Features:
    """The :data:`Features` of a text."""
    return features(_words(text))


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
    return duplicates_of([text_features(t) for t in texts], threshold=threshold)


def duplicates_of(found: list[Features], *, threshold: float = 0.8) -> list[int | None]:
    """:func:`find_duplicates` from each text's :data:`Features`, in list order."""
    result: list[int | None] = [None] * len(found)
    first_by_key: dict[str, int] = {}
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    signatures: dict[int, np.ndarray] = {}
    width = _ROWS * 8  # bytes of one band of a signature
    for i, (key, raw) in enumerate(found):
        if key in first_by_key:
            result[i] = first_by_key[key]
            continue
        first_by_key[key] = i
        if raw is None:
            continue
        candidates: set[int] = set()
        for band in range(_BANDS):
            bucket = buckets[(band, raw[band * width : (band + 1) * width])]
            candidates.update(bucket)
            bucket.append(i)
        if not candidates:
            continue
        sig = signatures[i] = np.frombuffer(raw, dtype=np.uint64)
        best = None
        for j in sorted(candidates):
            if j not in signatures:
                signatures[j] = np.frombuffer(found[j][1], dtype=np.uint64)  # type: ignore[arg-type]
            # count / 32 is exact in binary: the same float as the mean of the matches
            similarity = np.count_nonzero(signatures[j] == sig) / _N_HASHES
            if similarity >= threshold:
                best = j if result[j] is None else result[j]
                break
        result[i] = best
    return result
