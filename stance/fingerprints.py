"""Fingerprints of training sentences, so evaluation can tell in-sample text.

A model records a 64-bit hash of every sentence it was fitted on (whitespace
collapsed, case kept). ``stance evaluate`` hashes the gold sentences the same
way and warns when some of them were training data: their stance scores are
then in-sample and say nothing about new text. The hashes cannot be turned
back into the sentences.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np


def fingerprint(text: str) -> int:
    """64-bit hash of a sentence with its whitespace collapsed."""
    norm = " ".join(text.split()).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(norm, digest_size=8).digest(), "little")


def fingerprints(texts: Iterable[str]) -> np.ndarray:
    """Sorted, distinct fingerprints of *texts* (what a model stores)."""
    return np.unique(np.fromiter((fingerprint(t) for t in texts), dtype=np.uint64))


def count_seen(texts: Iterable[str], seen: np.ndarray | None) -> int:
    """How many of *texts* have a fingerprint in *seen* (0 when the model has none)."""
    if seen is None or len(seen) == 0:
        return 0
    probe = np.fromiter((fingerprint(t) for t in texts), dtype=np.uint64)
    return int(np.isin(probe, seen).sum())
