"""What runs in a worker process: load the model once per process, score one chunk.

Kept small and light to import: joblib (loky) and Dask workers import this
module, and the model is loaded from a *path* the first time a process needs
it and cached, so it is never pickled per task.
"""

from __future__ import annotations

from typing import Any

_CACHE: dict[tuple, Any] = {}


def model_spec(path, trusted: bool = False) -> tuple:
    """A picklable description of a model file: ``(path or None, trusted, stamp)``; None = bundled.

    The stamp (size and modification time) makes a worker reload a file that was
    rewritten since it was cached.
    """
    import os

    stamp = None
    try:
        from ..persist import default_model_path

        st = os.stat(default_model_path() if path is None else path)
        stamp = (st.st_size, st.st_mtime_ns)
    except OSError:
        pass
    return (None if path is None else str(path), bool(trusted), stamp)


def cached_model(spec: tuple) -> Any:
    """The model described by *spec*, loaded at most once per process."""
    model = _CACHE.get(spec)
    if model is None:
        from ..persist import load_model

        path, trusted = spec[0], spec[1]
        model = load_model(path, trusted=trusted)
        _CACHE.clear()  # one model per process at a time
        _CACHE[spec] = model
    return model


def score_texts(model: Any, ids: list[str], texts: list[str]):
    """Sentence table for a chunk of articles, ``article_id`` first; plus failures.

    All sentences of the chunk are predicted in one vectorised call. If that
    fails, articles are retried one by one so only the culprit is lost; it is
    returned as ``(article_id, reason)`` in the failures list.
    """
    import numpy as np
    import pandas as pd

    from ..classify import classify_texts

    failures: list[tuple[str, str]] = []
    try:
        frame = classify_texts(texts, model)
        keep_ids = ids
    except Exception:
        frames, keep_ids = [], []
        for ident, text in zip(ids, texts):
            try:
                part = classify_texts([text], model)
            except Exception as exc:
                failures.append((ident, f"classification failed ({type(exc).__name__}: {exc})"))
                continue
            part["article"] = len(keep_ids)
            keep_ids.append(ident)
            frames.append(part)
        frame = pd.concat(frames, ignore_index=True) if frames else classify_texts([], model)
    for col in frame.columns:  # one dtype whatever the model computes in (float32 or float64)
        if frame[col].dtype == np.float32:
            frame[col] = frame[col].astype(np.float64)
    positions = frame.pop("article").to_numpy()
    id_array = np.asarray(keep_ids, dtype=object)
    frame.insert(0, "article_id", pd.array(id_array[positions] if len(positions) else [],
                                          dtype="string"))
    return frame, failures


def score_chunk(spec: tuple, ids: list[str], texts: list[str]):
    """joblib task: the model comes from the per-process cache, loaded from a path."""
    return score_texts(cached_model(spec), ids, texts)


def score_chunk_with(model: Any, ids: list[str], texts: list[str]):
    """Dask task: the model is a scattered (broadcast) object, or a spec to load and cache."""
    if isinstance(model, tuple):
        model = cached_model(model)
    return score_texts(model, ids, texts)
