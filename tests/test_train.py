"""Training: validation messages, duplicates, custom labels, determinism, the CLI."""

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import stance
from stance.errors import DataError
from stance.train import train

from conftest import GOLD, REFS, TRAIN


def _frame(n=6, labels=stance.LABELS):
    rows = []
    for lab in labels:
        for i in range(n):
            rows.append({"text": f"{lab} statement number {i} about policy {lab}", "stance": lab,
                         "group": f"{lab}-{i}"})
    return pd.DataFrame(rows)


def test_missing_column_lists_found(tmp_path):
    path = tmp_path / "data.csv"
    _frame().rename(columns={"text": "body"}).to_csv(path, index=False)
    with pytest.raises(DataError, match=r"missing column\(s\) \['text'\]; found columns \['body', 'stance', 'group'\]"):
        train(path, cv=0)


def test_unknown_labels_listed_with_rows(tmp_path):
    frame = _frame()
    frame.loc[3, "stance"] = "sanctions"
    frame.loc[10, "stance"] = "war"
    path = tmp_path / "data.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(DataError, match=r"\['sanctions', 'war'\].*data.csv row 4, .*data.csv row 11"):
        train(path, cv=0)


def test_empty_text_named(tmp_path):
    frame = _frame()
    frame.loc[2, "text"] = "   "
    path = tmp_path / "d.jsonl"
    frame.to_json(path, orient="records", lines=True)
    with pytest.raises(DataError, match=r"empty text in field 'text' at .*d.jsonl row 3"):
        train(path, cv=0)


def test_rare_label_refused():
    frame = _frame()
    frame = frame[~((frame["stance"] == "pressure") & (frame.index % 6 > 2))]
    with pytest.raises(DataError, match=r"too few examples.*'pressure': 3"):
        train(frame, cv=0)


def test_duplicates_warned_and_dropped():
    frame = pd.concat([_frame(), _frame().iloc[:2]], ignore_index=True)
    with pytest.warns(UserWarning, match="dropping 2 duplicate"):
        model = train(frame, cv=0)
    assert model.training_report_["rows_used"] == 24


def test_conflicting_labels_refused():
    frame = _frame()
    frame.loc[0, "text"] = frame.loc[7, "text"]
    with pytest.raises(DataError, match="different labels"):
        train(frame, cv=0)


def test_custom_label_set(tmp_path):
    frame = _frame(labels=["hawk", "dove"])
    with pytest.raises(DataError, match="any-labels"):
        train(frame, cv=0)
    model = train(frame, labels=None, cv=0, output=tmp_path / "own.stance")
    assert list(model.classes_) == ["dove", "hawk"]
    loaded = stance.load_model(tmp_path / "own.stance")
    assert loaded.metadata_["labels"] == ["dove", "hawk"]
    table = stance.classify("The hawk statement number 2 about policy hawk.", model=loaded)
    assert list(table.columns[6:8]) == ["p_dove", "p_hawk"]


def test_parquet_input_and_report(tmp_path):
    path = tmp_path / "d.parquet"
    _frame().to_parquet(path)
    model = train(path, cv=3, output=tmp_path / "m.stance")
    report = json.loads((tmp_path / "m.report.json").read_text())
    assert report["rows_used"] == 24 and report["cross_validation"]["folds"] == 3
    assert report["training_data_sha256"] == model.training_report_["training_data_sha256"]


def test_cli_reports_one_line(tmp_path):
    path = tmp_path / "data.csv"
    _frame().rename(columns={"stance": "label"}).to_csv(path, index=False)
    proc = subprocess.run([sys.executable, "-m", "stance", "train", str(path), "-o", str(tmp_path / "m.stance")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "missing column" in proc.stderr and "Traceback" not in proc.stderr


def test_cv_groups_keep_events_and_near_duplicates_together():
    from stance.dataio import cv_groups

    frame = pd.DataFrame({"text": ["Mr. Lee urged talks on Monday.", "Mr. Park urged talks on Tuesday!",
                                   "Sanctions were imposed.", "Troops moved north."],
                          "group": ["a", "b", "c", "c"]})
    g = cv_groups(frame)
    assert g[0] == g[1] and g[2] == g[3] and g[0] != g[2]


def test_retrain_reproduces_shipped_model():
    shipped = stance.persist.default_model_path()
    if not shipped.exists():
        pytest.skip("no bundled model")
    bundled = stance.load_model()
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in bundled.metadata_["params"].items()}
    model = train([TRAIN, REFS], cv=0, params=params)
    assert model.training_report_["training_data_sha256"] == bundled.metadata_["training_data_sha256"]
    gold = pd.concat([pd.read_csv(p) for p in sorted(GOLD.glob("*.csv"))])
    sentences = gold["sentence"].tolist()
    assert (model.predict(sentences) == bundled.predict(sentences)).all()
    assert np.allclose(model.predict_proba(sentences), bundled.predict_proba(sentences), atol=1e-9)


def test_search_picks_the_best_grouped_cv_score():
    model = train(_frame(n=8), search=True, cv=2)
    results = model.training_report_["search"]
    assert len(results) == 16
    scores = [r["macro_f1"] for r in results]
    assert scores == sorted(scores, reverse=True)
    best = {k: tuple(v) if isinstance(v, list) else v for k, v in results[0]["params"].items()}
    assert all(model.get_params()[k] == v for k, v in best.items())
