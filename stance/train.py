"""Training: validate labeled data, cross-validate by group, fit, write model and report.

Cross-validation folds are grouped (see ``dataio.cv_groups``) so statements
about the same event, and near-duplicates, never sit on both sides of a fold:
the scores then estimate performance on news the model has not seen.
"""

from __future__ import annotations

import itertools
import json
import os
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from ._version import __version__
from .baselines import KeywordBaseline, MajorityBaseline
from .dataio import cv_groups, data_sha256, read_labeled, validate_labeled
from .fingerprints import fingerprints
from .labels import LABELS, ordered_labels
from .metrics import label_scores
from .model import StanceClassifier
from .persist import save_model

#: The grid ``search=True`` explores; the chosen values are StanceClassifier's defaults.
SEARCH_GRID: dict[str, list] = {
    "char_ngrams": [None, (2, 5)],
    "mask_names": [True, False],
    "C": [0.3, 1.0, 3.0, 10.0],
}


def cross_validate(model: Any, texts: Sequence[str], y: Sequence[str], groups: Sequence[int],
                   labels: Sequence[str], n_splits: int = 5) -> dict:
    """Grouped k-fold: out-of-fold predictions pooled, plus the per-fold macro-F1."""
    texts = np.asarray(texts, dtype=object)
    y = np.asarray(y, dtype=object)
    n_splits = min(n_splits, len(set(groups)))
    pred = np.empty(len(y), dtype=object)
    folds = []
    for train_idx, test_idx in GroupKFold(n_splits=n_splits).split(texts, y, groups):
        fitted = clone(model).fit(texts[train_idx].tolist(), y[train_idx])
        pred[test_idx] = fitted.predict(texts[test_idx].tolist())
        folds.append(float(f1_score(y[test_idx], pred[test_idx], labels=list(labels),
                                    average="macro", zero_division=0)))
    out = label_scores(y, pred, labels)
    out.update(folds=n_splits, fold_macro_f1=[round(f, 4) for f in folds],
               fold_macro_f1_std=round(float(np.std(folds)), 4))
    return out


def search_params(texts, y, groups, labels, grid: dict[str, list] | None = None,
                  n_splits: int = 5) -> list[dict]:
    """Grouped-CV macro-F1 for every combination in *grid*, best first."""
    grid = grid or SEARCH_GRID
    results = []
    for combo in itertools.product(*grid.values()):
        params = dict(zip(grid.keys(), combo))
        cv = cross_validate(StanceClassifier(**params), texts, y, groups, labels, n_splits)
        results.append({"params": {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()},
                        "macro_f1": cv["macro_f1"], "fold_macro_f1_std": cv["fold_macro_f1_std"]})
    return sorted(results, key=lambda r: -r["macro_f1"])


def train(
    data: pd.DataFrame | str | os.PathLike | Sequence[str | os.PathLike],
    *,
    labels: Sequence[str] | None = LABELS,
    text_column: str = "text",
    label_column: str = "stance",
    params: dict | None = None,
    output: str | os.PathLike | None = None,
    report: str | os.PathLike | None = None,
    cv: int = 5,
    search: bool = False,
) -> StanceClassifier:
    """Validate labeled statements, cross-validate, fit a ``StanceClassifier`` and save it.

    Parameters
    ----------
    data : DataFrame, path or list of paths
        Labeled statements with a text and a label column; files may be CSV,
        JSONL or Parquet, or a folder of them. An optional ``group`` column
        keeps statements about the same event in one cross-validation fold.
    labels : sequence of str or None, default=LABELS
        Allowed labels; ``None`` trains on whatever labels the data has.
    params : dict, optional
        ``StanceClassifier`` parameters (defaults are the ones chosen by search).
    output : path, optional
        Where to write the model (``.stance`` or ``.joblib``).
    report : path, optional
        Where to write the JSON training report (default: next to *output*).
    cv : int, default=5
        Grouped cross-validation folds; 0 skips cross-validation.
    search : bool, default=False
        Also grid-search ``SEARCH_GRID`` by grouped CV and fit the best.

    Returns
    -------
    StanceClassifier
        The fitted model; its ``training_report_`` holds the report.
    """
    started = time.perf_counter()
    raw = read_labeled(data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = validate_labeled(raw, labels=labels, text_column=text_column, label_column=label_column)
    for w in caught:
        warnings.warn(str(w.message), stacklevel=2)
    texts = frame["text"].tolist()
    y = frame["stance"].tolist()
    found = ordered_labels(y) if labels is None else tuple(labels)
    groups = cv_groups(frame)

    info: dict[str, Any] = {
        "stance_version": __version__,
        "data": sorted(set(frame["_file"])),
        "rows_read": int(len(raw)),
        "rows_used": int(len(frame)),
        "duplicates_dropped": int(len(raw) - len(frame)),
        "label_counts": {lab: int(n) for lab, n in sorted(Counter(y).items())},
        "cv_groups": int(len(set(groups))),
        "training_data_sha256": data_sha256(frame),
    }
    chosen = dict(params or {})
    if search:
        info["search"] = search_params(texts, y, groups, found, n_splits=cv or 5)
        chosen = {k: tuple(v) if isinstance(v, list) else v
                  for k, v in info["search"][0]["params"].items()}
    model = StanceClassifier(**chosen)
    info["params"] = {k: list(v) if isinstance(v, tuple) else v for k, v in model.get_params().items()}
    if cv and len(set(groups)) < 2:
        warnings.warn("cross-validation skipped: all statements fall in one group "
                      "(same story or near-duplicates); add statements about other events.", stacklevel=2)
        cv = 0
    if cv:
        info["cross_validation"] = cross_validate(model, texts, y, groups, found, cv)
        info["baselines"] = {
            "majority": cross_validate(MajorityBaseline(), texts, y, groups, found, cv)["macro_f1"],
        }
        if set(found) <= set(LABELS):
            info["baselines"]["keywords"] = label_scores(y, KeywordBaseline().fit().predict(texts), found)["macro_f1"]
    model.fit(texts, y)
    model.training_fingerprints_ = fingerprints(texts)  # lets `stance evaluate` spot in-sample gold
    info["seconds"] = round(time.perf_counter() - started, 2)
    model.training_report_ = info
    if output is not None:
        save_model(model, output, training_data_sha256=info["training_data_sha256"],
                   n_train=len(y), label_counts=info["label_counts"])
        report = report or Path(output).with_suffix(".report.json")
    if report is not None:
        Path(report).parent.mkdir(parents=True, exist_ok=True)
        Path(report).write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return model
