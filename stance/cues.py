"""The policy-cue lexicon (``stance/data/cues.csv``) and features built from it.

Each row of the lexicon is a label and a cue phrase of that approach:
lower-case words separated by spaces, where a word ending in ``*`` matches
any word with that prefix (``negotiat*``, ``lift sanctions``). The keyword
baseline votes with these cues; ``CueFeatures`` hands them to the model as
one indicator column per cue, which carries prior knowledge of policy
language to sentences whose exact words the training data never showed.

Matching works on words, not regular expressions: a sentence is split into
lower-case words once and each word is looked up in a table of cue first
words (cached across sentences), so the cost does not grow with the size of
the lexicon.
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

_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


@lru_cache(maxsize=1)
def lexicon() -> tuple[tuple[str, str], ...]:
    """(label, phrase) rows of ``stance/data/cues.csv``."""
    text = resources.files("stance.data").joinpath("cues.csv").read_text("utf-8")
    return tuple((r["label"], r["phrase"].strip().lower()) for r in csv.DictReader(text.splitlines()))


def _word_matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


class CueMatcher:
    """Find which cue phrases occur in a text."""

    def __init__(self, phrases: Sequence[str]):
        self.phrases = [tuple(p.split()) for p in phrases]
        self._exact: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self._prefix: list[tuple[str, int, tuple[str, ...]]] = []
        for i, words in enumerate(self.phrases):
            head, rest = words[0], words[1:]
            if head.endswith("*"):
                self._prefix.append((head[:-1], i, rest))
            else:
                self._exact.setdefault(head, []).append((i, rest))
        self._starts: dict[str, list[tuple[int, tuple[str, ...]]]] = {}

    def _starting_with(self, word: str) -> list[tuple[int, tuple[str, ...]]]:
        found = self._starts.get(word)
        if found is None:
            found = list(self._exact.get(word, ()))
            found += [(i, rest) for prefix, i, rest in self._prefix if word.startswith(prefix)]
            if len(self._starts) < 200_000:  # bound the cache on endless vocabularies
                self._starts[word] = found
        return found

    def hits(self, text: str) -> set[int]:
        """Indices of the cue phrases found in *text*."""
        words = _WORD.findall(text.lower())
        out: set[int] = set()
        n = len(words)
        for pos, word in enumerate(words):
            for i, rest in self._starting_with(word):
                if pos + len(rest) < n and all(_word_matches(p, words[pos + 1 + k])
                                               for k, p in enumerate(rest)):
                    out.add(i)
        return out


@lru_cache(maxsize=8)
def matcher(phrases: tuple[str, ...]) -> CueMatcher:
    """A cached matcher for a tuple of phrases."""
    return CueMatcher(phrases)


class CueFeatures(TransformerMixin, BaseEstimator):
    """One binary column per lexicon cue: does the sentence contain it?

    Parameters
    ----------
    patterns : sequence of str, optional
        Cue phrases; defaults to the phrases of the shipped lexicon.
    """

    def __init__(self, patterns: Sequence[str] | None = None):
        self.patterns = patterns

    def fit(self, X: Iterable[str] = (), y=None) -> "CueFeatures":
        self.patterns_ = list(self.patterns) if self.patterns is not None else [p for _, p in lexicon()]
        return self

    def transform(self, X: Iterable[str]) -> sp.csr_matrix:
        match = matcher(tuple(self.patterns_))
        rows, cols = [], []
        n = 0
        for n, text in enumerate(X, 1):
            hits = match.hits(text)
            rows.extend([n - 1] * len(hits))
            cols.extend(hits)
        data = np.ones(len(rows), dtype=np.float32)
        return sp.csr_matrix((data, (rows, cols)), shape=(n, len(self.patterns_)))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray([f"cue:{p}" for p in self.patterns_], dtype=object)
