"""Labeled rows that reference package text by offsets (stance/references.py)."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest

from stance.dataio import read_labeled
from stance.errors import DataError
from stance.references import text_hash

# The stance package itself ships text, so the tests need no extra package.
PKG, NAME = "stance", "data/cues.csv"


def _body() -> str:
    return resources.files(PKG).joinpath(NAME).read_text(encoding="utf-8")


def _write(tmp_path, rows) -> str:
    path = tmp_path / "refs.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return str(path)


def _ref(a: int, b: int, **over) -> dict:
    row = {"id": "r1", "package": PKG, "file": NAME, "start": a, "end": b,
           "sha256": text_hash(_body()[a:b]), "stance": "neutral", "group": "g"}
    row.update(over)
    return row


def test_reference_rows_read_their_text_from_the_package(tmp_path):
    body = _body()
    path = _write(tmp_path, [_ref(0, 20), _ref(25, 60, id="r2")])
    frame = read_labeled(path)
    assert frame["text"].tolist() == [body[0:20], body[25:60]]
    assert frame["_row"].tolist() == [1, 2]


def test_reference_rows_mix_with_ordinary_rows_in_a_dataframe():
    frame = pd.DataFrame([_ref(0, 20), {"id": "x", "package": "", "file": "", "start": "", "end": "",
                                        "sha256": "", "text": "Talks resumed.", "stance": "engagement"}])
    out = read_labeled(frame)
    assert out["text"].tolist() == [_body()[0:20], "Talks resumed."]


def test_changed_package_text_is_refused_with_row_and_field(tmp_path):
    path = _write(tmp_path, [_ref(0, 20), _ref(0, 21, sha256="0" * 16)])
    with pytest.raises(DataError, match=r"refs\.csv row 2: .*does not match field 'sha256'"):
        read_labeled(path)


def test_missing_package_names_the_install_command(tmp_path):
    path = _write(tmp_path, [_ref(0, 20, package="no_such_package_xyz")])
    with pytest.raises(DataError, match=r"row 1: .*'no_such_package_xyz'.*not installed.*\[train\]"):
        read_labeled(path)


@pytest.mark.parametrize("over, message", [
    ({"start": "ten"}, "must be whole numbers"),
    ({"end": 10**9}, "fall outside"),
    ({"file": "data/nothing-here.txt"}, "has no file"),
])
def test_bad_reference_fields_are_named(tmp_path, over, message):
    path = _write(tmp_path, [_ref(0, 20, **over)])
    with pytest.raises(DataError, match=message):
        read_labeled(path)


def test_reference_file_without_offsets_lists_the_needed_columns(tmp_path):
    path = _write(tmp_path, [{"package": PKG, "file": NAME, "stance": "neutral"}])
    with pytest.raises(DataError, match=r"need columns .*missing \['start', 'end', 'sha256'\]"):
        read_labeled(path)
