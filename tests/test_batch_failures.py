"""Batch scoring: one bad article is recorded with its id and reason, and the batch goes on."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import stance
from stance.cli import main

GOOD = "Seoul offered to resume talks. Washington imposed new sanctions."


def run(args, capsys):
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.err.strip()


def errors_of(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture
def bad_folder(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "good1.txt").write_text(GOOD, encoding="utf-8")
    (root / "good2.txt").write_text(GOOD + " Troops held drills.", encoding="utf-8")
    (root / "latin.txt").write_bytes("Caf\u00e9 talks.".encode("latin-1"))      # undecodable
    (root / "empty.txt").write_text("  \n\t ", encoding="utf-8")                 # empty
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8")  # binary
    with open(root / "monster.txt", "wb") as fh:                                   # 50 MB
        fh.write((GOOD + "\n").encode() * (50 * 1024 * 1024 // (len(GOOD) + 1) + 1))
    return root


def test_bad_articles_are_recorded_and_the_batch_goes_on(bad_folder, tmp_path, batch_model_path,
                                                         capsys):
    out = tmp_path / "out.parquet"
    status, err = run(["score", str(bad_folder), "-o", str(out), "--model", str(batch_model_path),
                       "--chunk-size", "2"], capsys)
    assert status == 1  # something failed
    assert "2 articles" in err and "4 failed" in err and "out.parquet.errors.csv" in err
    assert sorted(set(pd.read_parquet(out)["article_id"])) == ["good1", "good2"]
    errors = errors_of(tmp_path / "out.parquet.errors.csv").set_index("article_id")
    assert list(errors.columns) == ["source", "reason"]
    assert set(errors.index) == {"latin", "empty", "image", "monster"}
    assert "undecodable" in errors.loc["latin", "reason"] and "--encoding" in errors.loc["latin", "reason"]
    assert "empty" in errors.loc["empty", "reason"]
    assert "binary" in errors.loc["image", "reason"]
    assert "too large" in errors.loc["monster", "reason"] and "50.0 MB" in errors.loc["monster", "reason"]
    assert errors.loc["monster", "source"].endswith("monster.txt")


def test_max_article_size_is_configurable(tmp_path, batch_model_path):
    (tmp_path / "a.txt").write_text(GOOD)
    summary = stance.score(tmp_path / "a.txt", tmp_path / "o.csv", model=batch_model_path,
                           quiet=True, max_article_bytes=20)
    assert summary.failed == 1 and "too large" in errors_of(summary.errors_path)["reason"][0]


def test_broken_csv_rows(tmp_path, batch_model_path):
    src = tmp_path / "in.csv"
    src.write_text(
        "id,text,section\n"
        "r1,Seoul offered to resume talks.,world\n"
        "r2,Washington imposed sanctions.,world,EXTRA\n"       # too many fields
        "r3,The envoy arrived.\n"                              # too few fields
        ",Troops held drills.,world\n"                         # missing id
        "r5,,world\n"                                          # empty text
        'r6,"A multi-line\nstory about talks.",world\n'         # fine: quoted line break
        "r7,Officials imposed new sanctions.,world\n",
        encoding="utf-8")
    summary = stance.score(src, tmp_path / "o.parquet", model=batch_model_path, quiet=True)
    assert summary.articles == 3 and summary.failed == 4
    errors = errors_of(summary.errors_path)
    by_id = dict(zip(errors["article_id"], errors["reason"]))
    assert "expected 3 fields, found 4" in by_id["r2"] and "line 3" in by_id["r2"]
    assert "found 2" in by_id["r3"]
    assert "missing article id" in by_id["in.csv:line 5"]
    assert "empty" in by_id["r5"]
    assert sorted(set(pd.read_parquet(tmp_path / "o.parquet")["article_id"])) == ["r1", "r6", "r7"]


def test_csv_undecodable_row_and_oversized_field(tmp_path, batch_model_path):
    src = tmp_path / "in.csv"
    src.write_bytes(b"id,text\nok,Talks resumed.\nbad,Caf\xe9 talks.\nbig,"
                    + b"x" * 3000 + b"\nok2,Sanctions were imposed.\n")
    summary = stance.score(src, tmp_path / "o.csv", model=batch_model_path, quiet=True,
                           max_article_bytes=1000)
    by_id = dict(zip(*errors_of(summary.errors_path)[["article_id", "reason"]].T.values))
    assert "undecodable" in by_id["bad"]
    assert any("too large" in r for r in by_id.values())
    assert summary.articles == 2


def test_broken_jsonl_lines(tmp_path, batch_model_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": "j1", "text": "Seoul offered talks."}\n'
                    b'{"id": "j2", "text": "broken\n'
                    b'\n'
                    b'["not", "an", "object"]\n'
                    b'{"id": "j4"}\n'
                    b'{"id": "j5", "text": "Caf\xe9"}\n'
                    b'{"id": "j6", "text": null}\n'
                    b'{"id": "j7", "text": "Sanctions were imposed."}\n')
    summary = stance.score(src, tmp_path / "o.jsonl", model=batch_model_path, quiet=True)
    assert summary.articles == 2 and summary.failed == 5
    reasons = " | ".join(errors_of(summary.errors_path)["reason"])
    for words in ("not valid JSON", "not a JSON object", "no 'text' field", "undecodable",
                  "missing text"):
        assert words in reasons
    ids = {json.loads(line)["article_id"] for line in open(tmp_path / "o.jsonl")}
    assert ids == {"j1", "j7"}


def test_parquet_null_and_empty_texts(tmp_path, batch_model_path):
    src = tmp_path / "in.parquet"
    pd.DataFrame({"id": ["p1", "p2", "p3", None],
                  "text": ["Talks resumed.", None, "", "Orphan text."]}).to_parquet(src)
    summary = stance.score(src, tmp_path / "o.parquet", model=batch_model_path, quiet=True)
    assert summary.articles == 1 and summary.failed == 3
    assert "in.parquet:row 4" in set(errors_of(summary.errors_path)["article_id"])


def test_all_good_exits_zero_without_errors_file(tmp_path, batch_model_path, capsys):
    (tmp_path / "a.txt").write_text(GOOD)
    status, err = run(["score", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o.parquet"),
                       "--model", str(batch_model_path)], capsys)
    assert status == 0 and "0 failed" in err
    assert not (tmp_path / "o.parquet.errors.csv").exists()


def test_errors_path_option(tmp_path, batch_model_path, capsys):
    (tmp_path / "e.txt").write_text("")
    status, _ = run(["score", str(tmp_path / "e.txt"), "-o", str(tmp_path / "o.parquet"),
                     "--errors", str(tmp_path / "failed.csv"), "--model", str(batch_model_path),
                     "--quiet"], capsys)
    assert status == 1 and errors_of(tmp_path / "failed.csv")["article_id"].tolist() == ["e"]


@pytest.mark.parametrize("args, words", [
    (["missing.txt", "-o", "o.parquet"], ["missing.txt", "no such file"]),
    (["a.txt", "-o", "o.xlsx"], ["o.xlsx", ".parquet, .csv or .jsonl"]),
    (["a.pdf", "-o", "o.parquet"], ["a.pdf", "unknown input type"]),
    (["a.txt", "-o", "o.parquet", "--jobs", "0"], ["jobs", "1 or more"]),
    (["a.txt", "-o", "o.parquet", "--chunk-size", "0"], ["chunk_size"]),
    (["a.txt", "-o", "nofolder/o.parquet"], ["nofolder", "does not exist"]),
    (["a.txt", "-o", "a.txt"], ["unknown output extension"]),
])
def test_usage_errors_are_one_line_with_status_2(args, words, tmp_path, batch_model_path, capsys,
                                                 monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    status, err = run(["score"] + args + ["--model", str(batch_model_path)], capsys)
    assert status == 2
    assert len(err.splitlines()) == 1 and err.startswith("stance score: error:")
    for w in words:
        assert w in err
    assert not (tmp_path / "o.parquet").exists()
