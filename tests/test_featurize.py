"""The fast prediction path gives exactly the pipeline's features and probabilities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

import stance
from stance.featurize import union_transform, vectorizer_transform

from conftest import GOLD

ODD = ["", "a", "A A A a", "Talks, talks and TALKS!", "x y", "ünïcödé İstanbul talks",
       "under_score and hyphen-ated words' end", "“Quoted” — dash – 2024's 3,000 troops."]


def _same(a, b) -> None:
    a, b = sp.csr_matrix(a), sp.csr_matrix(b)
    assert a.shape == b.shape and a.dtype == b.dtype
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)


def test_union_transform_equals_the_pipeline_features(small_model, corpus):
    docs = corpus["text"].tolist()[:1500] + ODD
    union = small_model.pipeline_.named_steps["features"]
    _same(union_transform(union, docs), union.transform(docs))


@pytest.mark.parametrize("params", [
    {"ngram_range": (1, 1)},
    {"ngram_range": (1, 2), "min_df": 1},
    {"ngram_range": (1, 3)},                    # not the fast path: falls back
    {"ngram_range": (1, 2), "stop_words": "english"},
    {"ngram_range": (1, 2), "lowercase": False},
])
def test_vectorizer_transform_equals_sklearn(corpus, params):
    docs = corpus["text"].tolist()[:800]
    vec = TfidfVectorizer(token_pattern=r"(?u)\b\w[\w'\u2019-]*\b", sublinear_tf=True, dtype=np.float32,
                          **params).fit(docs)
    test = corpus["text"].tolist()[800:1200] + ODD
    _same(vectorizer_transform(vec, test), vec.transform(test))


def test_predict_proba_equals_the_pipeline(small_model):
    gold = pd.concat([pd.read_csv(p) for p in sorted(GOLD.glob("*.csv"))])
    docs = gold["sentence"].tolist() + ODD
    expected = small_model.pipeline_.predict_proba(docs)[:, small_model._order_]
    assert np.array_equal(small_model.predict_proba(docs), expected)


def test_a_rebuilt_pipeline_still_predicts(small_model, corpus):
    import copy

    model = copy.deepcopy(small_model)
    feats = model.pipeline_.named_steps["features"]
    model.pipeline_.steps[0] = ("renamed", FeatureUnion(feats.transformer_list))
    docs = corpus["text"].tolist()[:50]
    assert np.array_equal(model.predict_proba(docs), small_model.predict_proba(docs))
