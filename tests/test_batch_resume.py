"""Batch scoring: atomic output, resume after an interrupted run, resume adding to an output."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import stance
from stance.batch import runner
from stance.cli import main


def read(path) -> pd.DataFrame:
    path = str(path)
    if path.endswith(".parquet"):
        return pd.read_parquet(path)
    if path.endswith(".csv"):
        return pd.read_csv(path, dtype={"article_id": str})
    return pd.read_json(path, lines=True, dtype={"article_id": str})


def canonical(frame: pd.DataFrame) -> pd.DataFrame:
    cols = ["article_id", "sentence_idx", "sentence", "stance"]
    return frame[cols].astype({"article_id": str}).sort_values(cols[:2]).reset_index(drop=True)


@pytest.fixture
def many(tmp_path, batch_articles):
    """Twenty articles in a folder (four copies of the five, ids b00..b19)."""
    root = tmp_path / "many"
    root.mkdir()
    texts = list(batch_articles.values())
    for i in range(20):
        (root / f"b{i:02d}.txt").write_text(texts[i % 5], encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_interrupted_run_leaves_no_output_and_resume_completes(fmt, many, tmp_path,
                                                               batch_model_path, monkeypatch,
                                                               capsys):
    out = tmp_path / f"out.{fmt}"
    clean = tmp_path / f"clean.{fmt}"
    stance.score(many, clean, model=batch_model_path, quiet=True, chunk_size=3)

    real = runner.score_texts
    calls = []

    def dies_on_third_chunk(model, ids, texts):
        if ids:  # (the first call, with no ids, builds the empty output table)
            calls.append(ids)
        if len(calls) == 3:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C, or the machine died
        return real(model, ids, texts)

    monkeypatch.setattr(runner, "score_texts", dies_on_third_chunk)
    status = main(["score", str(many), "-o", str(out), "--model", str(batch_model_path),
                   "--chunk-size", "3"])
    assert status == 130 and "--resume" in capsys.readouterr().err
    assert not out.exists()  # never a half-written file that looks complete
    partial = tmp_path / f"out.{fmt}.partial"
    assert len(list(partial.glob("part-*"))) == 2  # the two finished chunks are kept

    monkeypatch.setattr(runner, "score_texts", real)
    summary = stance.score(many, out, model=batch_model_path, quiet=True, chunk_size=3,
                           resume=True)
    assert summary.skipped == 6 and summary.articles == 14
    assert not partial.exists()
    pd.testing.assert_frame_equal(canonical(read(out)), canonical(read(clean)))


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_resume_keeps_old_rows_and_adds_new_articles(fmt, many, tmp_path, batch_model_path):
    out = tmp_path / f"out.{fmt}"
    first = sorted(many.glob("*.txt"))[:8]
    stance.score(first, out, model=batch_model_path, quiet=True)
    before = read(out)
    summary = stance.score(many, out, model=batch_model_path, quiet=True, resume=True)
    assert summary.skipped == 8 and summary.articles == 12
    after = read(out)
    assert len(after) > len(before)
    # the old rows are still there, first and unchanged
    pd.testing.assert_frame_equal(canonical(after.iloc[:len(before)]), canonical(before))
    clean = tmp_path / f"clean.{fmt}"
    stance.score(many, clean, model=batch_model_path, quiet=True)
    pd.testing.assert_frame_equal(canonical(after), canonical(read(clean)))
    # nothing new: resume is a no-op that keeps everything
    summary = stance.score(many, out, model=batch_model_path, quiet=True, resume=True)
    assert summary.articles == 0 and summary.skipped == 20
    pd.testing.assert_frame_equal(canonical(read(out)), canonical(after))


def test_without_resume_the_output_is_replaced(many, tmp_path, batch_model_path):
    out = tmp_path / "out.parquet"
    stance.score(many, out, model=batch_model_path, quiet=True)
    one = sorted(many.glob("*.txt"))[0]
    stance.score(one, out, model=batch_model_path, quiet=True)
    assert set(read(out)["article_id"]) == {one.stem}


def test_resume_refuses_an_output_with_other_columns(many, tmp_path, batch_model_path, capsys):
    out = tmp_path / "out.csv"
    out.write_text("article_id,something\nx,1\n")
    status = main(["score", str(many), "-o", str(out), "--model", str(batch_model_path),
                   "--resume"])
    err = capsys.readouterr().err
    assert status == 2 and "different columns" in err and str(out) in err


def test_resume_ignores_a_torn_jsonl_part(many, tmp_path, batch_model_path):
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    partial.mkdir()
    (partial / "part-0000001.jsonl.tmp").write_text('{"article_id": "b00", "sent')  # unfinished
    summary = stance.score(many, out, model=batch_model_path, quiet=True, resume=True)
    assert summary.articles == 20 and summary.skipped == 0
    assert len({json.loads(l)["article_id"] for l in open(out)}) == 20
