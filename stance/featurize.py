"""Featurising sentences for prediction, faster than the generic scikit-learn path.

``TfidfVectorizer.transform`` counts n-grams one feature at a time in a Python
loop; for short sentences that loop is most of the cost of classifying them.
``union_transform`` gives exactly what the fitted ``FeatureUnion`` would give
(same matrix, same dtype), but counts the word n-grams of a plain word
vectoriser (lower-casing, a token pattern, n-grams up to 2, no stop words or
custom analyser) with C-level ``map`` calls over the vocabulary and lets
scipy sum the counts. Other transformers, and vectorisers configured any
other way, go through their own ``transform``. Fitting is untouched.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer


def _plain_word_vectorizer(vec: Any) -> bool:
    """Can ``vec`` be counted by ``_count_word_ngrams`` with identical results?"""
    return (type(vec) is TfidfVectorizer and vec.analyzer == "word" and vec.lowercase
            and vec.preprocessor is None and vec.tokenizer is None and vec.stop_words is None
            and vec.strip_accents is None and vec.input == "content"
            and tuple(vec.ngram_range) in ((1, 1), (1, 2)) and hasattr(vec, "vocabulary_")
            and re.compile(vec.token_pattern).groups == 0)


def _count_word_ngrams(vec: TfidfVectorizer, docs: Sequence[str]) -> sp.csr_matrix:
    """The count matrix ``CountVectorizer.transform`` gives for unigrams (and bigrams)."""
    findall = re.compile(vec.token_pattern).findall
    get = vec.vocabulary_.get
    bigrams = tuple(vec.ngram_range) == (1, 2)
    indices: list[int] = []
    indptr = [0]
    for doc in docs:
        toks = findall(doc.lower())
        found = [i for i in map(get, toks) if i is not None]
        if bigrams and len(toks) > 1:
            found += [i for i in map(get, map(" ".join, zip(toks, toks[1:]))) if i is not None]
        indices.extend(found)
        indptr.append(len(indices))
    counts = sp.csr_matrix((np.ones(len(indices), dtype=vec.dtype), np.asarray(indices, dtype=np.int32),
                            np.asarray(indptr, dtype=np.int64)), shape=(len(docs), len(vec.vocabulary_)))
    counts.sum_duplicates()  # repeated n-grams become counts; indices sorted, as sklearn leaves them
    return counts


def vectorizer_transform(vec: Any, docs: Sequence[str]) -> Any:
    """``vec.transform(docs)``, counted the fast way when that gives the same matrix."""
    if _plain_word_vectorizer(vec):
        return vec._tfidf.transform(_count_word_ngrams(vec, docs), copy=False)
    return vec.transform(docs)


def union_transform(union: Any, docs: Sequence[str]) -> Any:
    """``union.transform(docs)`` for a fitted FeatureUnion without weights."""
    if union.transformer_weights is not None:
        return union.transform(docs)
    blocks = [vectorizer_transform(t, docs) for _, t in union.transformer_list if t not in ("drop", None)]
    if any(sp.issparse(b) for b in blocks):
        return sp.hstack(blocks).tocsr()
    return np.hstack(blocks)
