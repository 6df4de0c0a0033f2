"""The stance estimator: TF-IDF word and character n-grams into logistic regression.

``StanceClassifier`` follows scikit-learn's conventions (``fit``, ``predict``,
``predict_proba``, ``classes_``, ``get_params``) and keeps the fitted
scikit-learn ``Pipeline`` in ``pipeline_`` so users can inspect or swap parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils.validation import check_is_fitted

from .cues import CueFeatures
from .featurize import union_transform
from .labels import ordered_labels

# A capitalised word that is not the first word of the sentence: names of people,
# places and organisations. Masking them makes the model learn policy language
# ("urged talks", "imposed sanctions") instead of who is talking or where.
_NAME = re.compile(r"(?<=[\s\"'\u201c\u2018(\[\u2014-])[A-Z][\w\u2019'.&-]*")
_NAME_TOKEN = " xname "


def mask_names(text: str) -> str:
    """Replace capitalised words after the first with a placeholder token."""
    return _NAME.sub(_NAME_TOKEN, text)


class StanceClassifier(ClassifierMixin, BaseEstimator):
    """Sentence stance classifier.

    Parameters
    ----------
    word_ngrams : tuple of int, default=(1, 2)
        Word n-gram range; ``None`` turns word features off.
    char_ngrams : tuple of int or None, default=None
        Character n-gram range (within word boundaries); ``None`` turns them off.
        (2, 5) adds about 0.01 grouped-CV macro-F1 at seven times the cost of
        featurising, so the default leaves them out.
    min_df : int, default=2
        Ignore n-grams seen in fewer training sentences.
    max_features : int or None, default=None
        Cap on each vectoriser's vocabulary (keeps model files small).
    C : float, default=10.0
        Inverse regularisation strength of the logistic regression. 10 scored
        best when whole corpus slices were held out (3 and 30 were close).
    class_weight : "balanced" or None, default="balanced"
        Re-weight labels inversely to their frequency.
    mask_names : bool, default=False
        Replace capitalised words (names) by a placeholder before featurising.
        Measured on the corpus it cost 0.02 grouped-CV macro-F1, so it is off.
    cues : bool, default=True
        Add one indicator feature per cue of the policy lexicon
        (``stance/data/cues.csv``).
    """

    def __init__(
        self,
        word_ngrams: tuple[int, int] | None = (1, 2),
        char_ngrams: tuple[int, int] | None = None,
        min_df: int = 2,
        max_features: int | None = None,
        C: float = 10.0,
        class_weight: str | None = "balanced",
        mask_names: bool = False,
        cues: bool = True,
    ):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.C = C
        self.class_weight = class_weight
        self.mask_names = mask_names
        self.cues = cues

    # -- construction -----------------------------------------------------
    def build_pipeline(self) -> Pipeline:
        """The unfitted scikit-learn pipeline these parameters describe."""
        if self.word_ngrams is None and self.char_ngrams is None and not self.cues:
            raise ValueError("StanceClassifier needs word_ngrams, char_ngrams or cues; all are off.")
        parts = []
        if self.word_ngrams is not None:
            parts.append(("word", TfidfVectorizer(
                ngram_range=tuple(self.word_ngrams), min_df=self.min_df,
                max_features=self.max_features, sublinear_tf=True, lowercase=True,
                token_pattern=r"(?u)\b\w[\w'\u2019-]*\b", dtype=np.float32)))
        if self.char_ngrams is not None:
            parts.append(("char", TfidfVectorizer(
                analyzer="char_wb", ngram_range=tuple(self.char_ngrams), min_df=self.min_df,
                max_features=self.max_features, sublinear_tf=True, lowercase=True,
                dtype=np.float32)))
        if self.cues:
            parts.append(("cues", CueFeatures()))
        return Pipeline([
            ("features", FeatureUnion(parts)),
            ("clf", LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000)),
        ])

    def _prepare(self, X: Iterable[str]) -> list[str]:
        if isinstance(X, str):
            raise TypeError("X must be a list of sentences, not a single str; wrap it: [text].")
        docs = list(X)
        for i, doc in enumerate(docs):
            if not isinstance(doc, str):
                raise TypeError(f"X[{i}] is {type(doc).__name__}, expected str "
                                "(fill missing texts with '' first).")
        if self.mask_names:
            return [mask_names(d) for d in docs]
        return docs

    # -- estimator API ----------------------------------------------------
    def fit(self, X: Iterable[str], y: Sequence[str]) -> "StanceClassifier":
        """Fit on sentences ``X`` with stance labels ``y``."""
        docs = self._prepare(X)
        y = np.asarray(list(y), dtype=object)
        if len(docs) != len(y):
            raise ValueError(f"X has {len(docs)} sentences but y has {len(y)} labels.")
        if len(set(y)) < 2:
            raise ValueError("y needs at least two different labels to fit a classifier.")
        self.pipeline_ = self.build_pipeline().fit(docs, y)
        # Present labels in the guide's order so p_ columns line up everywhere.
        self.classes_ = np.asarray(ordered_labels(self.pipeline_.classes_), dtype=object)
        self._order_ = np.array([list(self.pipeline_.classes_).index(c) for c in self.classes_])
        return self

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        """Probability of each label in ``classes_`` order, one row per sentence."""
        check_is_fitted(self, "pipeline_")
        docs = self._prepare(X)
        if not docs:
            return np.zeros((0, len(self.classes_)))
        steps = self.pipeline_.named_steps
        if list(steps) == ["features", "clf"] and isinstance(steps["features"], FeatureUnion):
            # same features as the pipeline, counted without sklearn's per-n-gram loop
            proba = steps["clf"].predict_proba(union_transform(steps["features"], docs))
        else:  # a pipeline someone rebuilt: let it run as it is
            proba = self.pipeline_.predict_proba(docs)
        return proba[:, self._order_]

    def predict(self, X: Iterable[str]) -> np.ndarray:
        """Most probable label for each sentence."""
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)] if len(proba) else np.asarray([], dtype=object)
