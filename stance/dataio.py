"""Reading and validating labeled statements (CSV, JSONL, Parquet, or a folder of them).

Validation happens before any fitting and every problem names the file, the
row and the field, so a user can fix the data rather than read a traceback.
Rows are numbered from 1 as data rows; for CSV files the line number is the
row number plus one (the header), unless texts contain line breaks.
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from collections import Counter
from pathlib import Path
from typing import Sequence

import pandas as pd

from .errors import DataError
from .labels import LABELS
from .references import has_references, resolve_references

READERS = {".csv": "csv", ".jsonl": "jsonl", ".json": "jsonl", ".parquet": "parquet"}
MIN_PER_LABEL = 5
_MAX_LISTED = 10


def _read_one(path: Path) -> pd.DataFrame:
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        raise DataError(f"{path}: unsupported file type {path.suffix!r}; use .csv, .jsonl or .parquet.")
    try:
        if kind == "csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        elif kind == "jsonl":
            frame = pd.read_json(path, lines=True, dtype=False)
        else:
            frame = pd.read_parquet(path)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found.") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not valid UTF-8 (byte {exc.start}); re-save it as UTF-8.") from None
    except ImportError as exc:
        raise DataError(f"{path}: reading Parquet needs pyarrow ({exc}); pip install 'stance[parquet]'.") from None
    except Exception as exc:  # parser errors from pandas/pyarrow, reduced to one line
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DataError(f"{path}: cannot be read as {kind}: {first}") from None
    if has_references(frame):
        frame = resolve_references(frame, str(path))
    frame["_file"] = str(path)
    frame["_row"] = range(1, len(frame) + 1)
    return frame


def data_files(path: str | os.PathLike) -> list[Path]:
    """The labeled files at *path*: the file itself, or a folder's supported files, sorted."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in READERS and p.is_file())
        if not files:
            raise DataError(f"{path}: folder has no .csv, .jsonl or .parquet files.")
        return files
    if not path.exists():
        raise DataError(f"{path}: file not found.")
    return [path]


def read_labeled(data: pd.DataFrame | str | os.PathLike | Sequence[str | os.PathLike]) -> pd.DataFrame:
    """Read labeled statements into one frame with ``_file`` and ``_row`` for messages."""
    if isinstance(data, pd.DataFrame):
        frame = resolve_references(data, "<DataFrame>") if has_references(data) else data.copy()
        frame["_file"] = "<DataFrame>"
        frame["_row"] = range(1, len(frame) + 1)
        return frame
    if isinstance(data, (str, os.PathLike)):
        files = data_files(data)
    else:
        files = [f for item in data for f in data_files(item)]
    frames = [_read_one(f) for f in files]
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _where(rows: pd.DataFrame) -> str:
    parts = [f"{f} row {r}" for f, r in zip(rows["_file"], rows["_row"])]
    more = f" and {len(parts) - _MAX_LISTED} more" if len(parts) > _MAX_LISTED else ""
    return ", ".join(parts[:_MAX_LISTED]) + more


def validate_labeled(frame: pd.DataFrame, labels: Sequence[str] | None = LABELS,
                     text_column: str = "text", label_column: str = "stance") -> pd.DataFrame:
    """Check labeled rows and return a clean frame with ``text`` and ``stance`` columns.

    Parameters
    ----------
    labels : sequence of str or None
        The allowed labels; ``None`` accepts the labels found (a user's own label set).

    Raises
    ------
    DataError
        Missing columns, unknown labels, empty texts, or a label with fewer than
        five examples. Duplicate rows are dropped with a warning.
    """
    source = frame["_file"].iloc[0] if "_file" in frame and len(frame) else "<data>"
    missing = [c for c in (text_column, label_column) if c not in frame.columns]
    if missing:
        found = [c for c in frame.columns if not c.startswith("_")]
        raise DataError(f"{source}: missing column(s) {missing}; found columns {found}. "
                        f"Name the text and label columns '{text_column}' and '{label_column}'.")
    if len(frame) == 0:
        raise DataError(f"{source}: no rows to train on.")
    frame = frame.rename(columns={text_column: "text", label_column: "stance"})
    frame["text"] = frame["text"].fillna("").astype(str)
    frame["stance"] = frame["stance"].fillna("").astype(str).str.strip()

    empty = frame[frame["text"].str.strip() == ""]
    if len(empty):
        raise DataError(f"empty text in field 'text' at {_where(empty)}; remove those rows or fill them.")
    unlabeled = frame[frame["stance"] == ""]
    if len(unlabeled):
        raise DataError(f"empty label in field 'stance' at {_where(unlabeled)}.")
    if labels is not None:
        unknown = frame[~frame["stance"].isin(list(labels))]
        if len(unknown):
            names = sorted(set(unknown["stance"]))
            raise DataError(f"unknown label(s) {names} in field 'stance' at {_where(unknown)}; "
                            f"allowed: {list(labels)}. To train your own label set pass "
                            "labels=None (command line: --any-labels).")

    dup = frame.duplicated(subset=["text", "stance"], keep="first")
    if dup.any():
        warnings.warn(f"dropping {int(dup.sum())} duplicate row(s): {_where(frame[dup])}",
                      stacklevel=2)
        frame = frame[~dup]
    conflict = frame[frame.duplicated(subset=["text"], keep=False)]
    if len(conflict):
        raise DataError(f"the same text has different labels at {_where(conflict)}; keep one.")

    counts = Counter(frame["stance"])
    rare = {lab: n for lab, n in counts.items() if n < MIN_PER_LABEL}
    if labels is not None:
        rare.update({lab: 0 for lab in labels if lab not in counts})
    if rare:
        raise DataError(f"too few examples for label(s) {rare} (at least {MIN_PER_LABEL} each "
                        "needed to learn a label); add examples or drop the label.")
    if len(counts) < 2:
        raise DataError(f"{source}: only one label ({next(iter(counts))}); a classifier needs two or more.")
    return frame.reset_index(drop=True)


def data_sha256(frame: pd.DataFrame) -> str:
    """Hash of the training rows (text and label, in order) that a model was fitted on."""
    h = hashlib.sha256()
    for text, label in zip(frame["text"], frame["stance"]):
        h.update(text.encode("utf-8") + b"\t" + label.encode("utf-8") + b"\n")
    return h.hexdigest()


_FOLD = re.compile(r"[^a-z ]+")


def cv_groups(frame: pd.DataFrame) -> list[int]:
    """Group ids for cross-validation: rows share a group if they share the ``group``
    column (the same story or event) or are near-duplicates (same words once case,
    digits, punctuation and names are folded away), so no fold sees a near-twin of
    its test rows."""
    from .model import mask_names

    n = len(frame)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(keys) -> None:
        first: dict = {}
        for i, key in enumerate(keys):
            if key in first:
                parent[find(i)] = find(first[key])
            else:
                first[key] = i

    if "group" in frame.columns:
        groups = frame["group"].fillna("").astype(str)
        join([g if g else f"_row{i}" for i, g in enumerate(groups)])
    join([" ".join(_FOLD.sub(" ", mask_names(t).lower()).split()) for t in frame["text"]])
    roots = [find(i) for i in range(n)]
    ids: dict = {}
    return [ids.setdefault(r, len(ids)) for r in roots]
