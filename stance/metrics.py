"""Stance scores as the project reports them: macro-F1 with per-label precision, recall, F1."""

from __future__ import annotations

from typing import Sequence

from sklearn.metrics import f1_score, precision_recall_fscore_support


def label_scores(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]) -> dict:
    """``{"macro_f1": ..., "per_label": {label: {precision, recall, f1, support}}}``."""
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=list(labels), zero_division=0)
    return {
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=list(labels), average="macro",
                                         zero_division=0)), 4),
        "per_label": {lab: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                            "f1": round(float(f[i]), 4), "support": int(s[i])}
                      for i, lab in enumerate(labels)},
    }
