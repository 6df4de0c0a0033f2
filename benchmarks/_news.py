"""The text the benchmarks run on: sentences of the seed articles and the training corpus.

Shared by every script in benchmarks/ so they measure on the same material.
"""

from __future__ import annotations

from pathlib import Path

import stance
from stance.dataio import read_labeled

ROOT = Path(__file__).resolve().parents[1]


def training_frame():
    """The labeled training statements (``seeds/train``), as read for training."""
    return read_labeled(ROOT / "seeds" / "train")


def sentence_pool(min_words: int = 1) -> list[str]:
    """Sentences of the seed articles (as segmented) and of the training statements."""
    pool: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pool.extend(text[s:e] for s, e in stance.segment(text))
    pool.extend(str(t) for t in training_frame()["text"])
    return [s for s in pool if len(s.split()) >= min_words]


def trained_model(**params):
    """A StanceClassifier with *params* fitted on the training statements."""
    frame = training_frame()
    return stance.StanceClassifier(**params).fit(frame["text"].astype(str).tolist(),
                                                 frame["stance"].tolist())
