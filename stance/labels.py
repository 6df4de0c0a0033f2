"""The stance label set defined by the annotation guide, and label validation."""

from __future__ import annotations

from typing import Iterable, Sequence

#: The four labels of the annotation guide, in the order used for probability columns.
LABELS: tuple[str, ...] = ("engagement", "pressure", "deterrence", "neutral")


def probability_columns(labels: Sequence[str]) -> list[str]:
    """Column names ``p_<label>`` for a label set, in the given order."""
    return [f"p_{label}" for label in labels]


def ordered_labels(found: Iterable[str]) -> tuple[str, ...]:
    """Order a label set: the guide's labels first in guide order, then any others sorted."""
    found = set(found)
    standard = [lab for lab in LABELS if lab in found]
    return tuple(standard + sorted(found - set(LABELS)))
