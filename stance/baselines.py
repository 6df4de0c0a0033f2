"""Baselines the model must beat: the majority label and a keyword rule list.

The keyword rules live in ``stance/data/keywords.csv`` (label, regular
expression). A sentence gets the label with the most matching rules, ties
broken by the order of the labels in the file, and ``neutral`` when nothing
matches.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from .labels import LABELS


@lru_cache(maxsize=1)
def keyword_rules() -> tuple[tuple[str, re.Pattern], ...]:
    """(label, compiled pattern) pairs from ``stance/data/keywords.csv``."""
    import csv

    text = resources.files("stance.data").joinpath("keywords.csv").read_text("utf-8")
    rows = csv.DictReader(text.splitlines())
    return tuple((r["label"], re.compile(r["pattern"], re.IGNORECASE)) for r in rows)


class KeywordBaseline(ClassifierMixin, BaseEstimator):
    """Label by counting keyword-rule hits; ``fallback`` when none hit."""

    def __init__(self, fallback: str = "neutral"):
        self.fallback = fallback

    def fit(self, X: Iterable[str] = (), y: Sequence[str] = ()) -> "KeywordBaseline":
        self.classes_ = np.asarray(LABELS, dtype=object)
        return self

    def predict(self, X: Iterable[str]) -> np.ndarray:
        order = {lab: i for i, lab in enumerate(LABELS)}
        out = []
        for text in X:
            hits = Counter(lab for lab, pat in keyword_rules() if pat.search(text))
            if hits:
                out.append(max(hits, key=lambda lab: (hits[lab], -order.get(lab, 99))))
            else:
                out.append(self.fallback)
        return np.asarray(out, dtype=object)


class MajorityBaseline(ClassifierMixin, BaseEstimator):
    """Always predict the most frequent training label."""

    def __init__(self, label: str | None = None):
        self.label = label

    def fit(self, X: Iterable[str] = (), y: Sequence[str] = ()) -> "MajorityBaseline":
        y = list(y)
        self.label_ = self.label or (Counter(y).most_common(1)[0][0] if y else "neutral")
        self.classes_ = np.asarray(sorted(set(y) | {self.label_}), dtype=object)
        return self

    def predict(self, X: Iterable[str]) -> np.ndarray:
        return np.asarray([self.label_ for _ in X], dtype=object)
