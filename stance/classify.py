"""Article -> table of sentences with stance, probabilities and speaker.

``classify`` handles one article; ``classify_texts`` handles many at once and
predicts every sentence of every article in one vectorised call, which is what
batch scoring builds on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from .gcpause import paused_gc
from .labels import LABELS, probability_columns
from .persist import resolve_model
from .segment import segment
from .speakers import SPEAKER_COLUMNS, attribute

BASE_COLUMNS = ["sentence_idx", "start", "end", "sentence", "stance", "confidence"]


def output_columns(labels: Sequence[str] = LABELS, speakers: bool = True) -> list[str]:
    """The columns of ``classify``'s table, in order, for a model's labels."""
    return BASE_COLUMNS + probability_columns(labels) + (SPEAKER_COLUMNS if speakers else [])


def classify(text: str, model: Any = None, *, speakers: bool = True) -> pd.DataFrame:
    """Tag every sentence of an article with its stance and speaker.

    Parameters
    ----------
    text : str
        The article. Empty or whitespace-only text gives an empty table.
    model : StanceClassifier, path or None
        A fitted model, a model file, or ``None`` for the bundled default.
    speakers : bool, default=True
        Fill the speaker columns (set False to skip attribution).

    Returns
    -------
    pandas.DataFrame
        One row per sentence: ``sentence_idx, start, end, sentence, stance,
        confidence, p_<label>..., speaker, speaker_mention, speaker_start,
        speaker_end, speaker_type``. ``text[start:end] == sentence``.
    """
    if not isinstance(text, str):
        raise TypeError(f"classify() expects the article as a str, got {type(text).__name__}"
                        + (" (decode bytes first, e.g. data.decode('utf-8'))"
                           if isinstance(text, (bytes, bytearray)) else "") + ".")
    table = classify_texts([text], model, speakers=speakers)
    return table.drop(columns="article").reset_index(drop=True)


def classify_texts(texts: Sequence[str], model: Any = None, *, speakers: bool = True) -> pd.DataFrame:
    """Classify many articles in one batch; adds an ``article`` column (position in *texts*)."""
    model = resolve_model(model)
    with paused_gc():  # see stance/gcpause.py: a fifth of the time went to the cyclic collector
        return _classify_texts(texts, model, speakers)


def _classify_texts(texts: Sequence[str], model: Any, speakers: bool) -> pd.DataFrame:
    labels = [str(c) for c in model.classes_]
    article_idx: list[int] = []
    sent_idx: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    sents: list[str] = []
    attributions: list = []
    for a, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{a}] is {type(text).__name__}, expected str.")
        spans = segment(text)
        for i, (s, e) in enumerate(spans):
            article_idx.append(a)
            sent_idx.append(i)
            starts.append(s)
            ends.append(e)
            sents.append(text[s:e])
        if speakers and spans:
            attributions.extend(attribute(text, spans))
    proba = model.predict_proba(sents) if sents else np.zeros((0, len(labels)))
    classes = np.asarray(labels, dtype=object)
    best = proba.argmax(axis=1) if len(sents) else np.zeros(0, dtype=int)
    data: dict[str, Any] = {
        "article": np.asarray(article_idx, dtype=np.int64),
        "sentence_idx": np.asarray(sent_idx, dtype=np.int64),
        "start": np.asarray(starts, dtype=np.int64),
        "end": np.asarray(ends, dtype=np.int64),
        "sentence": pd.array(sents, dtype="string"),
        "stance": pd.array(classes[best].tolist(), dtype="string"),
        "confidence": proba.max(axis=1) if len(sents) else np.zeros(0),
    }
    for j, col in enumerate(probability_columns(labels)):
        data[col] = proba[:, j]
    frame = pd.DataFrame(data)
    if speakers:
        frame = pd.concat([frame, _speaker_frame(attributions, len(sents))], axis=1)
    return frame


def _speaker_frame(attributions: list, n: int) -> pd.DataFrame:
    if not attributions:
        attributions = [None] * n
    rows = [(a.speaker, a.mention, a.mention_start, a.mention_end, a.speaker_type)
            if a is not None else (None, None, None, None, None) for a in attributions]
    cols = list(zip(*rows)) if rows else [[]] * len(SPEAKER_COLUMNS)
    return pd.DataFrame({
        "speaker": pd.array(cols[0], dtype="string"),
        "speaker_mention": pd.array(cols[1], dtype="string"),
        "speaker_start": pd.array(cols[2], dtype="Int64"),
        "speaker_end": pd.array(cols[3], dtype="Int64"),
        "speaker_type": pd.array(cols[4], dtype="string"),
    })
