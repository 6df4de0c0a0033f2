"""Evaluation against gold files: stance macro-F1, per-label scores, confusion, speakers.

A gold file is a CSV/JSONL/Parquet table with ``sentence`` (or ``text``) and
``stance`` columns, optionally ``start``/``end`` offsets and ``speaker``.
With offsets and the article beside it (``GOLD_DIR/../NAME.txt`` or
``GOLD_DIR/NAME.txt``, or ``text=``), the article is classified as a whole and
gold rows are aligned to predicted sentences by offsets, then by sentence
text. Without an article, each gold sentence is classified on its own, and
its speaker is attributed from that sentence alone (so gold written for that
mode must name the source inside the sentence, as ``seeds/train`` does).

The majority-label and keyword baselines are scored on the same sentences.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import pandas as pd
from sklearn.metrics import confusion_matrix

from .baselines import KeywordBaseline
from .classify import classify
from .dataio import data_files, read_labeled
from .errors import DataError
from .fingerprints import count_seen
from .metrics import label_scores
from .persist import resolve_model
from .segment import segment

_WS = re.compile(r"\s+")


@dataclass
class Evaluation:
    """Scores of one evaluation run; ``str()`` gives the printed report."""

    labels: list[str]
    n_sentences: int
    stance: dict
    confusion: pd.DataFrame
    baselines: dict
    speaker_accuracy: float | None = None
    speaker_n: int = 0
    aligned: int = 0
    in_training: int = 0            # gold sentences the model was fitted on
    files: list[str] = field(default_factory=list)
    rows: pd.DataFrame | None = None
    per_file: list[dict] = field(default_factory=list)  # one article's scores each

    def to_dict(self) -> dict:
        return {
            "files": self.files, "n_sentences": self.n_sentences, "aligned_by_offsets": self.aligned,
            "labels": self.labels, "stance": self.stance,
            "confusion": {"labels": self.labels, "matrix": self.confusion.values.tolist()},
            "baselines": self.baselines,
            "speaker_accuracy": self.speaker_accuracy, "speaker_sentences": self.speaker_n,
            "sentences_in_training_data": self.in_training,
            "per_file": self.per_file,
        }

    def __str__(self) -> str:
        lines = [f"Evaluated {self.n_sentences} sentences from {len(self.files)} file(s)"
                 f" ({self.aligned} aligned by offsets)."]
        if self.in_training:
            lines.append(f"warning: {self.in_training} of {self.n_sentences} gold sentences are in this "
                         "model's training data, so its stance scores on them are in-sample.")
        lines += ["",
                 f"stance macro-F1  model {self.stance['macro_f1']:.3f}   " +
                 "   ".join(f"{name} {score['macro_f1']:.3f}" for name, score in self.baselines.items()),
                 "", f"{'label':<12}{'precision':>10}{'recall':>8}{'f1':>7}{'support':>9}"]
        for lab, s in self.stance["per_label"].items():
            lines.append(f"{lab:<12}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}{s['support']:>9}")
        lines += ["", "confusion (rows gold, columns predicted):", self.confusion.to_string()]
        if self.speaker_accuracy is not None:
            lines += ["", f"speaker accuracy {self.speaker_accuracy:.3f} on {self.speaker_n} sentences"]
        if len(self.per_file) > 1:
            # Macro-F1 of a few dozen sentences is noisy; the spread still shows
            # whether one article carries the total.
            lines += ["", "per file (macro-F1 over the labels a file has):",
                      f"{'file':<40}{'sentences':>10}{'model':>7}{'keywords':>10}{'speakers':>10}"]
            for f in self.per_file:
                spk = "" if f["speaker_accuracy"] is None else f"{f['speaker_accuracy']:.3f}"
                lines.append(f"{Path(f['file']).name[:39]:<40}{f['n_sentences']:>10}"
                             f"{f['macro_f1']:>7.3f}{f['keywords_macro_f1']:>10.3f}{spk:>10}")
        return "\n".join(lines)


def _norm(s: str) -> str:
    return _WS.sub(" ", s).strip()


def _article_for(gold_path: Path) -> Path | None:
    for cand in (gold_path.parent.parent / f"{gold_path.stem}.txt", gold_path.with_suffix(".txt")):
        if cand.exists():
            return cand
    return None


def _align(gold: pd.DataFrame, pred: pd.DataFrame) -> tuple[list[int | None], int]:
    by_offsets = {(int(s), int(e)): i for i, (s, e) in enumerate(zip(pred["start"], pred["end"]))}
    by_text: dict[str, list[int]] = {}
    for i, s in enumerate(pred["sentence"]):
        by_text.setdefault(_norm(s), []).append(i)
    out, exact = [], 0
    for _, row in gold.iterrows():
        idx = None
        if "start" in gold and "end" in gold and str(row["start"]).strip() != "":
            idx = by_offsets.get((int(row["start"]), int(row["end"])))
            exact += idx is not None
        if idx is None:
            hits = by_text.get(_norm(row["sentence"]), [])
            idx = hits[0] if hits else None
        out.append(idx)
    return out, exact


def _blank(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA:
        return None
    v = str(v).strip()
    return v or None


def _statement_speaker(statement: str) -> str | None:
    """The speaker of a statement read on its own (its first sentence's)."""
    from .speakers import attribute

    spans = segment(statement)
    found = attribute(statement, spans) if spans else []
    return found[0].speaker if found else None


def evaluate(gold: str | os.PathLike | Sequence[str | os.PathLike], model: Any = None, *,
             text: str | None = None, trusted: bool = False) -> Evaluation:
    """Score a model against gold files (a file, a folder of them, or a list).

    ``text`` gives the article for a single gold file whose article is not
    beside it. Returns an ``Evaluation``; ``print()`` it for the report.
    """
    from .speakers.matching import speaker_matches

    model = resolve_model(model, trusted=trusted)
    labels = [str(c) for c in model.classes_]
    paths = [p for g in ([gold] if isinstance(gold, (str, os.PathLike)) else gold) for p in data_files(g)]
    if text is not None and len(paths) != 1:
        raise DataError("text= gives the article for one gold file, but several were given.")
    y_true: list[str] = []
    y_pred: list[str] = []
    sentences: list[str] = []
    speakers: list[tuple[str | None, str | None]] = []
    file_of: list[int] = []        # the gold file of each sentence
    speaker_file: list[int] = []   # ... and of each speaker pair
    aligned = 0
    for number, path in enumerate(paths):
        frame = read_labeled(path)
        if "sentence" not in frame and "text" in frame:
            frame = frame.rename(columns={"text": "sentence"})
        missing = [c for c in ("sentence", "stance") if c not in frame]
        if missing:
            found = [c for c in frame.columns if not c.startswith("_")]
            raise DataError(f"{path}: gold file lacks column(s) {missing}; found {found}.")
        unknown = sorted(set(frame["stance"].astype(str)) - set(labels))
        if unknown:
            raise DataError(f"{path}: gold labels {unknown} are not labels of the model ({labels}).")
        article = text
        if article is None and "start" in frame:
            art_path = _article_for(path)
            article = art_path.read_text(encoding="utf-8") if art_path else None
        if article is not None:
            table = classify(article, model)
            idx, exact = _align(frame, table)
            aligned += exact
            lonely = [i for i, j in enumerate(idx) if j is None]
            solo = model.predict(frame["sentence"].iloc[lonely].tolist()) if lonely else []
            solo_iter = iter(solo)
            for (_, row), j in zip(frame.iterrows(), idx):
                y_pred.append(str(table["stance"].iloc[j]) if j is not None else str(next(solo_iter)))
                if "speaker" in frame:
                    pred_speaker = _blank(table["speaker"].iloc[j]) if j is not None else None
                    speakers.append((pred_speaker, _blank(row["speaker"])))
                    speaker_file.append(number)
        else:
            y_pred.extend(str(p) for p in model.predict(frame["sentence"].tolist()))
            if "speaker" in frame:
                for sentence, gold_speaker in zip(frame["sentence"].astype(str), frame["speaker"]):
                    speakers.append((_statement_speaker(sentence), _blank(gold_speaker)))
                    speaker_file.append(number)
        y_true.extend(frame["stance"].astype(str))
        sentences.extend(frame["sentence"].astype(str))
        file_of.extend([number] * len(frame))

    # The gold set's own majority label: the strongest constant baseline.
    majority = Counter(y_true).most_common(1)[0][0]
    keyword_pred = KeywordBaseline().fit().predict(sentences)
    baselines = {
        "majority": label_scores(y_true, [majority] * len(y_true), labels),
        "keywords": label_scores(y_true, keyword_pred, labels),
    }
    conf = pd.DataFrame(confusion_matrix(y_true, y_pred, labels=labels), index=labels, columns=labels)
    result = Evaluation(labels=labels, n_sentences=len(y_true), stance=label_scores(y_true, y_pred, labels),
                        confusion=conf, baselines=baselines, aligned=aligned,
                        files=[str(p) for p in paths],
                        rows=pd.DataFrame({"sentence": sentences, "gold": y_true, "predicted": y_pred}))
    result.in_training = count_seen(sentences, getattr(model, "training_fingerprints_", None))
    hits = [speaker_matches(p, g) for p, g in speakers]
    if speakers:
        result.speaker_accuracy = round(float(np.mean(hits)), 4)
        result.speaker_n = len(hits)
    result.per_file = _per_file(paths, file_of, y_true, y_pred, keyword_pred, hits, speaker_file)
    return result


def _per_file(paths: list[Path], file_of: list[int], y_true: list[str], y_pred: list[str],
              keywords: Sequence[str], hits: list[bool], speaker_file: list[int]) -> list[dict]:
    file_of_arr = np.asarray(file_of)
    spk_file = np.asarray(speaker_file)
    hits_arr = np.asarray(hits, dtype=bool)
    out = []
    for number, path in enumerate(paths):
        rows = np.flatnonzero(file_of_arr == number)
        if not len(rows):
            continue
        present = list(dict.fromkeys(y_true[i] for i in rows))
        t = [y_true[i] for i in rows]
        mine = hits_arr[spk_file == number] if len(spk_file) else hits_arr[:0]
        out.append({
            "file": str(path), "n_sentences": int(len(rows)),
            "macro_f1": label_scores(t, [y_pred[i] for i in rows], present)["macro_f1"],
            "keywords_macro_f1": label_scores(t, [keywords[i] for i in rows], present)["macro_f1"],
            "speaker_accuracy": round(float(mine.mean()), 4) if len(mine) else None,
        })
    return out

