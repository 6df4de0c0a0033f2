"""Batch scoring from the command line: summary, progress, jobs, model safety, `stance classify`."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import stance
from stance import persist
from stance.batch.progress import Progress
from stance.cli import main


def run(args, capsys):
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err.strip()


@pytest.fixture
def folder(tmp_path, batch_articles):
    root = tmp_path / "in"
    root.mkdir()
    for ident, text in batch_articles.items():
        (root / f"{ident}.txt").write_text(text, encoding="utf-8")
    return root


def test_summary_line_and_json(folder, tmp_path, batch_model_path, capsys):
    out = tmp_path / "o.parquet"
    status, stdout, err = run(["score", str(folder), "-o", str(out), "--model",
                               str(batch_model_path), "--summary-json"], capsys)
    assert status == 0
    summary = json.loads(stdout)
    table = pd.read_parquet(out)
    assert summary["articles"] == 5 and summary["sentences"] == len(table)
    assert summary["labels"] == table["stance"].value_counts().to_dict()
    assert summary["failed"] == 0 and summary["seconds"] > 0
    assert err.startswith("stance score: 5 articles") and "0 failed" in err
    assert "\r" not in err  # stderr is not a terminal here: no progress bar


def test_quiet_prints_nothing(folder, tmp_path, batch_model_path, capsys):
    status, stdout, err = run(["score", str(folder), "-o", str(tmp_path / "o.csv"), "--model",
                               str(batch_model_path), "-q"], capsys)
    assert status == 0 and stdout == "" and err == ""


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal():
    tty = FakeTTY()
    bar = Progress(10, stream=tty)
    bar.update(4, failed=1)
    bar.close()
    shown = tty.getvalue()
    assert "4/10" in shown and "failed=1" in shown and "articles" in shown
    pipe = io.StringIO()
    bar = Progress(10, stream=pipe)
    bar.update(4, failed=0)
    bar.close()
    assert pipe.getvalue() == ""
    quiet = FakeTTY()
    Progress(10, stream=quiet, quiet=True).update(3, failed=0)
    assert quiet.getvalue() == ""


def test_jobs_2_gives_the_same_rows(folder, tmp_path, batch_model_path):
    one = tmp_path / "one.parquet"
    two = tmp_path / "two.parquet"
    stance.score(folder, one, model=batch_model_path, quiet=True, chunk_size=2)
    summary = stance.score(folder, two, model=batch_model_path, quiet=True, chunk_size=2, jobs=2)
    assert summary.articles == 5
    pd.testing.assert_frame_equal(pd.read_parquet(one), pd.read_parquet(two))
    # a model object (not a path) is written once to a temporary file for the workers
    model = stance.load_model(batch_model_path)
    three = tmp_path / "three.parquet"
    stance.score(folder, three, model=model, quiet=True, chunk_size=2, jobs=2)
    pd.testing.assert_frame_equal(pd.read_parquet(one), pd.read_parquet(three))


# -- model safety -----------------------------------------------------------------
def test_truncated_model_is_one_clear_line(folder, tmp_path, batch_model_path, capsys):
    bad = tmp_path / "cut.stance"
    bad.write_bytes(batch_model_path.read_bytes()[:500])
    status, _, err = run(["score", str(folder), "-o", str(tmp_path / "o.parquet"), "--model",
                          str(bad)], capsys)
    assert status == 2 and len(err.splitlines()) == 1
    assert "cut.stance" in err and "truncated or corrupt" in err
    assert not (tmp_path / "o.parquet").exists()


def test_tampered_model_is_one_clear_line(folder, tmp_path, batch_model_path, capsys):
    raw = bytearray(batch_model_path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    bad = tmp_path / "tampered.stance"
    bad.write_bytes(bytes(raw))
    status, _, err = run(["score", str(folder), "-o", str(tmp_path / "o.parquet"), "--model",
                          str(bad)], capsys)
    assert status == 2 and len(err.splitlines()) == 1 and "tampered.stance" in err
    assert "Traceback" not in err


def test_joblib_model_needs_trust(folder, tmp_path, batch_model_path, capsys):
    path = stance.save_model(stance.load_model(batch_model_path), tmp_path / "m.joblib")
    args = ["score", str(folder), "-o", str(tmp_path / "o.parquet"), "--model", str(path)]
    status, _, err = run(args, capsys)
    assert status == 2 and "--trust-model" in err and len(err.splitlines()) == 1
    status, _, _ = run(args + ["--trust-model", "-q"], capsys)
    assert status == 0 and len(pd.read_parquet(tmp_path / "o.parquet")) > 0
    raw = bytearray(path.read_bytes())
    raw[-10] ^= 0xFF
    path.write_bytes(bytes(raw))
    status, _, err = run(args + ["--trust-model"], capsys)
    assert status == 2 and "checksum" in err and len(err.splitlines()) == 1


def test_bundled_model_checksum_is_verified(folder, tmp_path, batch_model_path, monkeypatch,
                                            capsys):
    models = tmp_path / "models"
    models.mkdir()
    bundled = models / "default.stance"
    bundled.write_bytes(batch_model_path.read_bytes())
    (models / "default.sha256").write_text("0" * 64 + "  default.stance\n")
    monkeypatch.delenv("STANCE_MODEL", raising=False)
    monkeypatch.setattr(persist, "default_model_path", lambda: bundled)
    persist._load_default.cache_clear()
    try:
        status, _, err = run(["score", str(folder), "-o", str(tmp_path / "o.parquet")], capsys)
        assert status == 2 and "checksum" in err and len(err.splitlines()) == 1
        (models / "default.sha256").write_text(persist.file_sha256(bundled) + "  default.stance\n")
        persist._load_default.cache_clear()
        status, _, err = run(["score", str(folder), "-o", str(tmp_path / "o.parquet"), "-q"],
                             capsys)
        assert status == 0
    finally:
        persist._load_default.cache_clear()


# -- stance classify FILE ------------------------------------------------------------
def test_classify_prints_a_table(tmp_path, batch_model_path, batch_articles, capsys):
    art = tmp_path / "a1.txt"
    art.write_text(batch_articles["a1"], encoding="utf-8")
    status, out, _ = run(["classify", str(art), "--model", str(batch_model_path)], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["#", "stance", "conf", "speaker"]
    table = stance.classify(batch_articles["a1"], model=str(batch_model_path))
    assert f"{len(table)} sentences" in out
    for sentence in table["sentence"]:
        assert sentence.split()[0] in out
    status, out, _ = run(["classify", str(art), "--model", str(batch_model_path), "--format",
                          "csv"], capsys)
    assert status == 0 and pd.read_csv(io.StringIO(out))["sentence"].tolist() == \
        table["sentence"].tolist()


def test_classify_errors(tmp_path, batch_model_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa broken")
    status, _, err = run(["classify", str(bad), "--model", str(batch_model_path)], capsys)
    assert status == 2 and "bad.txt" in err and "--encoding" in err
    status, _, err = run(["classify", str(tmp_path / "nope.txt"), "--model",
                          str(batch_model_path)], capsys)
    assert status == 2 and "nope.txt" in err


def test_progress_bar_counts_articles(folder, tmp_path, batch_model_path, capsys):
    stance.score(folder, tmp_path / "o.parquet", model=batch_model_path, progress=True)
    err = capsys.readouterr().err
    assert "5/5" in err and "articles" in err


def test_real_pipe_into_stance_score(tmp_path, batch_model_path, batch_articles):
    import subprocess
    import sys

    lines = "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in batch_articles.items())
    out = tmp_path / "piped.parquet"
    proc = subprocess.run([sys.executable, "-m", "stance", "score", "-", "-o", str(out),
                           "--model", str(batch_model_path)], input=lines.encode("utf-8"),
                          capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert sorted(set(pd.read_parquet(out)["article_id"])) == sorted(batch_articles)
    assert b"\r" not in proc.stderr  # piped: no progress bar, just the summary line
    proc = subprocess.run([sys.executable, "-m", "stance", "score", "-", "-o", str(out),
                           "--model", str(batch_model_path), "-q"],
                          input=batch_articles["a1"].encode("utf-8"), capture_output=True,
                          timeout=600)
    assert proc.returncode == 0 and set(pd.read_parquet(out)["article_id"]) == {"stdin"}
