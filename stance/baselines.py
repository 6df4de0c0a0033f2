"""Baselines the model must beat: the majority label and a keyword rule list.

The keyword rules are the cue lexicon in ``stance/data/cues.csv`` (label,
cue phrase). A sentence gets the label with the most matching cues,
ties broken by the guide's label order, and ``neutral`` when nothing matches.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from .cues import lexicon, matcher
from .labels import LABELS


class KeywordBaseline(ClassifierMixin, BaseEstimator):
    """Label by counting keyword-rule hits; ``fallback`` when none hit."""

    def __init__(self, fallback: str = "neutral"):
        self.fallback = fallback

    def fit(self, X: Iterable[str] = (), y: Sequence[str] = ()) -> "KeywordBaseline":
        self.classes_ = np.asarray(LABELS, dtype=object)
        return self

    def predict(self, X: Iterable[str]) -> np.ndarray:
        order = {lab: i for i, lab in enumerate(LABELS)}
        rules = lexicon()
        match = matcher(tuple(p for _, p in rules))
        out = []
        for text in X:
            hits = Counter(rules[i][0] for i in match.hits(text))
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
