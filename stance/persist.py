"""Saving and loading models: a code-free format by default, joblib only when trusted.

Two formats, chosen by the file extension:

``.stance`` (default, safe)
    A zip archive of ``meta.json`` and plain numpy arrays (vocabularies, idf
    weights, coefficients), read with ``allow_pickle=False``. Loading it cannot
    run code, and it does not depend on the scikit-learn version that wrote
    it. Works for ``StanceClassifier``.
``.joblib`` (any scikit-learn compatible estimator)
    A one-line JSON header followed by a joblib pickle. Pickles run code when
    loaded, so ``load_model`` refuses them unless the caller passes
    ``trusted=True``; the header is checked (format, versions, labels, payload
    checksum) before anything is unpickled.

Every model records the stance and scikit-learn versions, its labels and the
SHA-256 of the training data. The bundled default model is verified against
``models/default.sha256`` before it is read.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import sklearn

from ._version import __version__
from .cues import CueFeatures
from .errors import StanceError
from .model import StanceClassifier

FORMAT = "stance-model"
FORMAT_VERSION = 1
_JOBLIB_MAGIC = b"STANCE-JOBLIB\n"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so a retrain writes byte-identical files
DEFAULT_MODEL_NAME = "default.stance"


class ModelError(StanceError, ValueError):
    """A model file that cannot be used: missing, corrupt, untrusted or incompatible."""


# -- metadata -----------------------------------------------------------------
def model_metadata(model: Any, training_data_sha256: str | None = None,
                   n_train: int | None = None, label_counts: dict | None = None) -> dict:
    """The metadata recorded with a fitted model."""
    labels = [str(c) for c in getattr(model, "classes_", [])]
    if not labels:
        raise ModelError("The model is not fitted (it has no classes_); call fit() first.")
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "stance_version": __version__,
        "sklearn_version": sklearn.__version__,
        "estimator": type(model).__name__,
        "labels": labels,
        "training_data_sha256": training_data_sha256,
        "n_train": n_train,
        "label_counts": label_counts,
    }
    if isinstance(model, StanceClassifier):
        meta["params"] = {k: list(v) if isinstance(v, tuple) else v
                          for k, v in model.get_params().items()}
    return meta


def _check_meta(meta: dict, path: Path, labels: Sequence[str] | None) -> None:
    if meta.get("format") != FORMAT:
        raise ModelError(f"{path}: not a stance model file (format={meta.get('format')!r}).")
    if int(meta.get("format_version", 0)) > FORMAT_VERSION:
        raise ModelError(f"{path}: written by a newer stance ({meta.get('stance_version')}) in model "
                         f"format {meta.get('format_version')}; this stance reads format "
                         f"{FORMAT_VERSION}. Upgrade stance or retrain with `stance train`.")
    theirs = str(meta.get("stance_version", "0")).split(".")[0]
    if theirs != __version__.split(".")[0]:
        raise ModelError(f"{path}: built by stance {meta.get('stance_version')}, incompatible with "
                         f"stance {__version__}. Retrain it with `stance train`.")
    if labels is not None and list(labels) != list(meta.get("labels", [])):
        raise ModelError(f"{path}: the model predicts labels {meta.get('labels')}, but "
                         f"{list(labels)} were expected. Use a model trained for these labels.")


# -- the safe .stance format --------------------------------------------------
def _put(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def _put_array(zf: zipfile.ZipFile, name: str, arr: np.ndarray) -> None:
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(arr), allow_pickle=False)
    _put(zf, name + ".npy", buf.getvalue())


def _get_array(zf: zipfile.ZipFile, name: str) -> np.ndarray:
    return np.load(io.BytesIO(zf.read(name + ".npy")), allow_pickle=False)


def _save_stance(model: StanceClassifier, path: Path, meta: dict) -> None:
    pipe = model.pipeline_
    lr = pipe.named_steps["clf"]
    with zipfile.ZipFile(path, "w") as zf:
        _put(zf, "meta.json", json.dumps(meta, indent=1, sort_keys=True).encode("utf-8"))
        for name, vec in pipe.named_steps["features"].transformer_list:
            if isinstance(vec, CueFeatures):
                _put(zf, f"{name}.patterns.json", json.dumps(vec.patterns_).encode("utf-8"))
                continue
            terms = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
            if any("\n" in t for t in terms):
                raise ModelError("A feature name contains a line break; save as .joblib instead.")
            _put(zf, f"{name}.terms.txt", "\n".join(terms).encode("utf-8"))
            _put_array(zf, f"{name}.idf", vec.idf_)
        _put_array(zf, "clf.coef", lr.coef_)
        _put_array(zf, "clf.intercept", lr.intercept_)
        _put(zf, "clf.classes.json", json.dumps([str(c) for c in lr.classes_]).encode("utf-8"))
        seen = getattr(model, "training_fingerprints_", None)
        if seen is not None:
            _put_array(zf, "train.fingerprints", np.asarray(seen, dtype=np.uint64))


def _load_stance(path: Path, labels: Sequence[str] | None) -> StanceClassifier:
    try:
        with zipfile.ZipFile(path) as zf:
            meta = json.loads(zf.read("meta.json"))
            _check_meta(meta, path, labels)
            model = StanceClassifier(**{k: tuple(v) if isinstance(v, list) else v
                                        for k, v in meta["params"].items()})
            pipe = model.build_pipeline()
            for name, vec in pipe.named_steps["features"].transformer_list:
                if isinstance(vec, CueFeatures):
                    # The model keeps the cues it was trained with, whatever the lexicon says now.
                    vec.patterns_ = json.loads(zf.read(f"{name}.patterns.json"))
                    continue
                terms = zf.read(f"{name}.terms.txt").decode("utf-8").split("\n")
                vec.vocabulary_ = {t: i for i, t in enumerate(terms)}
                vec.idf_ = _get_array(zf, f"{name}.idf")
            lr = pipe.named_steps["clf"]
            lr.coef_ = _get_array(zf, "clf.coef")
            lr.intercept_ = _get_array(zf, "clf.intercept")
            lr.classes_ = np.asarray(json.loads(zf.read("clf.classes.json")), dtype=object)
            lr.n_features_in_ = lr.coef_.shape[1]
            if "train.fingerprints.npy" in zf.namelist():  # older model files lack it
                model.training_fingerprints_ = _get_array(zf, "train.fingerprints")
    except ModelError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError) as exc:
        raise ModelError(f"{path}: the model file is truncated or corrupt ({exc}). "
                         "Restore it or retrain with `stance train`.") from None
    model.pipeline_ = pipe
    model.classes_ = np.asarray(meta["labels"], dtype=object)
    model._order_ = np.array([list(lr.classes_).index(c) for c in model.classes_])
    model.metadata_ = meta
    return model


# -- the joblib format --------------------------------------------------------
def _save_joblib(model: Any, path: Path, meta: dict) -> None:
    import joblib

    buf = io.BytesIO()
    joblib.dump(model, buf, compress=3)
    payload = buf.getvalue()
    meta = dict(meta, payload_sha256=hashlib.sha256(payload).hexdigest())
    with open(path, "wb") as fh:
        fh.write(_JOBLIB_MAGIC)
        fh.write(json.dumps(meta, sort_keys=True).encode("utf-8") + b"\n")
        fh.write(payload)


def _load_joblib(path: Path, labels: Sequence[str] | None, trusted: bool) -> Any:
    import joblib

    raw = path.read_bytes()
    if not raw.startswith(_JOBLIB_MAGIC):
        raise ModelError(f"{path}: not a stance joblib model (no stance header). Only load "
                         "joblib files written by stance.save_model.")
    header_end = raw.find(b"\n", len(_JOBLIB_MAGIC))
    try:
        meta = json.loads(raw[len(_JOBLIB_MAGIC):header_end])
    except ValueError:
        raise ModelError(f"{path}: the model header is corrupt.") from None
    _check_meta(meta, path, labels)
    if meta.get("sklearn_version", "").split(".")[:2] != sklearn.__version__.split(".")[:2]:
        raise ModelError(f"{path}: pickled with scikit-learn {meta.get('sklearn_version')}, but "
                         f"{sklearn.__version__} is installed. Retrain it with `stance train` or "
                         "save it in the .stance format.")
    payload = raw[header_end + 1:]
    if hashlib.sha256(payload).hexdigest() != meta.get("payload_sha256"):
        raise ModelError(f"{path}: the model file is truncated or was modified after it was "
                         "written (checksum mismatch).")
    if not trusted:
        raise ModelError(f"{path}: joblib model files can run code when loaded. Pass "
                         "trusted=True (command line: --trust-model) only if you made this file "
                         "or trust its source; or use a .stance model file.")
    model = joblib.load(io.BytesIO(payload))
    try:
        model.metadata_ = meta
    except AttributeError:
        pass
    return model


# -- public -------------------------------------------------------------------
def save_model(model: Any, path: str | os.PathLike, *, training_data_sha256: str | None = None,
               n_train: int | None = None, label_counts: dict | None = None) -> Path:
    """Write a fitted model; the extension (``.stance`` or ``.joblib``) picks the format.

    The file is written to a temporary name and moved into place, so an
    interrupted save never leaves a half-written model behind.
    """
    path = Path(path)
    meta = model_metadata(model, training_data_sha256, n_train, label_counts)
    tmp = path.with_name(path.name + ".tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".joblib":
        _save_joblib(model, tmp, meta)
    elif path.suffix == ".stance":
        if not isinstance(model, StanceClassifier):
            raise ModelError(f"The .stance format stores StanceClassifier models; save a "
                             f"{type(model).__name__} as .joblib instead.")
        _save_stance(model, tmp, meta)
    else:
        raise ModelError(f"{path}: unknown model extension {path.suffix!r}; use .stance or .joblib.")
    os.replace(tmp, path)
    return path


def file_sha256(path: str | os.PathLike) -> str:
    """SHA-256 of a file, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def default_model_path() -> Path:
    """Where the bundled default model lives (``models/default.stance``)."""
    env = os.environ.get("STANCE_MODEL")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "models", here / "models"):
        if (candidate / DEFAULT_MODEL_NAME).exists():
            return candidate / DEFAULT_MODEL_NAME
    return here.parent / "models" / DEFAULT_MODEL_NAME


def _verify_default(path: Path) -> None:
    sums = path.with_name("default.sha256")
    if not sums.exists():
        raise ModelError(f"{sums}: the checksum of the bundled model is missing; reinstall stance.")
    expected = sums.read_text().split()[0]
    if file_sha256(path) != expected:
        raise ModelError(f"{path}: the bundled model does not match its checksum in {sums.name}; "
                         "it is corrupt or was modified. Reinstall stance or rebuild the model "
                         "with `stance train`.")


def load_model(path: str | os.PathLike | None = None, *, labels: Sequence[str] | None = None,
               trusted: bool = False) -> Any:
    """Load a model file; ``None`` loads the bundled default model.

    Parameters
    ----------
    path : path, optional
        A ``.stance`` or ``.joblib`` file. ``None`` means the bundled model,
        whose checksum is verified first.
    labels : sequence of str, optional
        Fail unless the model predicts exactly these labels, in this order.
    trusted : bool, default=False
        Required for ``.joblib`` files, which can run code when loaded.
    """
    if path is None:
        return _load_default(labels=tuple(labels) if labels is not None else None)
    path = Path(path)
    if not path.exists():
        raise ModelError(f"{path}: model file not found.")
    if path.suffix == ".joblib":
        return _load_joblib(path, labels, trusted)
    return _load_stance(path, labels)


@lru_cache(maxsize=4)
def _load_default(labels: tuple[str, ...] | None) -> Any:
    path = default_model_path()
    if not path.exists():
        raise ModelError(f"{path}: the bundled default model is missing. Build it with "
                         "`stance train seeds/train seeds/refs -o models/default.stance` or pass model=.")
    if not os.environ.get("STANCE_MODEL"):
        _verify_default(path)
    return load_model(path, labels=labels)


def resolve_model(model: Any = None, *, trusted: bool = False) -> Any:
    """Accept a fitted model, a path, or ``None`` (the bundled default)."""
    if model is None or isinstance(model, (str, os.PathLike)):
        return load_model(model, trusted=trusted)
    if not hasattr(model, "predict_proba") or not hasattr(model, "classes_"):
        raise TypeError(f"model must be a fitted classifier with predict_proba and classes_, a "
                        f"path, or None; got {type(model).__name__}.")
    return model
