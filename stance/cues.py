"""The policy-cue lexicon (``stance/data/keywords.csv``) and features built from it.

Each row of the lexicon is a label and a regular expression for a cue of that
approach ("sanctions", "joint exercises", "resume talks"). The keyword
baseline votes with these cues; ``CueFeatures`` hands them to the model as
one indicator column per cue, which carries prior knowledge of policy
language to sentences whose exact words the training data never showed.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin


@lru_cache(maxsize=1)
def lexicon() -> tuple[tuple[str, str], ...]:
    """(label, pattern) rows of ``stance/data/keywords.csv``."""
    text = resources.files("stance.data").joinpath("keywords.csv").read_text("utf-8")
    return tuple((r["label"], r["pattern"]) for r in csv.DictReader(text.splitlines()))


def compile_cues(patterns: Sequence[str]) -> re.Pattern:
    """One alternation with a named group per cue, so a sentence is scanned once."""
    return re.compile("|".join(f"(?P<c{i}>{p})" for i, p in enumerate(patterns)), re.IGNORECASE)


def cue_hits(regex: re.Pattern, text: str) -> set[int]:
    """Indices of the cues found in *text*."""
    return {int(m.lastgroup[1:]) for m in regex.finditer(text)}


class CueFeatures(TransformerMixin, BaseEstimator):
    """One binary column per lexicon cue: does the sentence contain it?

    Parameters
    ----------
    patterns : sequence of str, optional
        Regular expressions; defaults to the patterns of the shipped lexicon.
    """

    def __init__(self, patterns: Sequence[str] | None = None):
        self.patterns = patterns

    def fit(self, X: Iterable[str] = (), y=None) -> "CueFeatures":
        self.patterns_ = list(self.patterns) if self.patterns is not None else [p for _, p in lexicon()]
        self._regex = compile_cues(self.patterns_)
        return self

    def transform(self, X: Iterable[str]) -> sp.csr_matrix:
        if not hasattr(self, "_regex"):
            self._regex = compile_cues(self.patterns_)
        rows, cols = [], []
        n = 0
        for n, text in enumerate(X, 1):
            hits = cue_hits(self._regex, text)
            rows.extend([n - 1] * len(hits))
            cols.extend(hits)
        data = np.ones(len(rows), dtype=np.float32)
        return sp.csr_matrix((data, (rows, cols)), shape=(n, len(self.patterns_)))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray([f"cue:{p}" for p in self.patterns_], dtype=object)

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_regex", None)  # compiled again on first use
        return state
