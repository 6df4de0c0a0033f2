"""Batch scoring: every input format, every output format, stdin, HTML, encodings, columns."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

import stance
from stance.batch.htmltext import html_to_text, looks_like_html
from stance.classify import output_columns
from stance.cli import main

COLUMNS = ["article_id"] + output_columns()


def read_out(path) -> pd.DataFrame:
    path = str(path)
    if path.endswith(".parquet"):
        frame = pd.read_parquet(path)
    elif path.endswith(".csv"):
        frame = pd.read_csv(path, dtype={"article_id": str})
    else:
        frame = pd.read_json(path, lines=True, dtype={"article_id": str})
    return frame


def expected(articles: dict, model_path) -> pd.DataFrame:
    """The local reference: classify() on each article, article_id first."""
    parts = []
    for ident, text in articles.items():
        table = stance.classify(text, model=str(model_path))
        table.insert(0, "article_id", ident)
        parts.append(table)
    return pd.concat(parts, ignore_index=True)


def same_rows(got: pd.DataFrame, want: pd.DataFrame) -> None:
    key = ["article_id", "sentence_idx"]
    got = got.sort_values(key).reset_index(drop=True)
    want = want.sort_values(key).reset_index(drop=True)
    assert list(got.columns) == COLUMNS
    assert got["article_id"].astype(str).tolist() == want["article_id"].tolist()
    assert got["sentence"].tolist() == want["sentence"].tolist()
    assert got["stance"].tolist() == want["stance"].tolist()
    assert (got["start"].to_numpy() == want["start"].to_numpy()).all()
    pd.testing.assert_series_equal(got["confidence"].astype(float), want["confidence"].astype(float),
                                   check_names=False, rtol=1e-6)  # text formats round floats


@pytest.fixture
def folder(tmp_path, batch_articles):
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    for i, (ident, text) in enumerate(batch_articles.items()):
        where = root / "sub" if i == 4 else root
        (where / f"{ident}.txt").write_text(text, encoding="utf-8")
    (root / "notes.md").write_text("not an article")  # ignored: not .txt/.html
    return root


def test_folder_of_txt_files(folder, tmp_path, batch_model_path, batch_articles):
    out = tmp_path / "out.parquet"
    summary = stance.score(folder, out, model=batch_model_path, quiet=True)
    got = read_out(out)
    want = expected({("sub/a5" if k == "a5" else k): v for k, v in batch_articles.items()},
                    batch_model_path)
    same_rows(got, want)
    assert summary.articles == 5 and summary.failed == 0
    assert summary.sentences == len(got) == sum(summary.labels.values())
    assert not (tmp_path / "out.parquet.errors.csv").exists()
    assert not (tmp_path / "out.parquet.partial").exists()
    assert not (tmp_path / "out.parquet.tmp").exists()


def test_single_txt_files_use_file_name_as_id(tmp_path, batch_model_path, batch_articles):
    paths = []
    for ident in ("a1", "a2"):
        p = tmp_path / f"{ident}.txt"
        p.write_text(batch_articles[ident], encoding="utf-8")
        paths.append(p)
    out = tmp_path / "o.csv"
    stance.score(paths, out, model=batch_model_path, quiet=True)
    same_rows(read_out(out), expected({k: batch_articles[k] for k in ("a1", "a2")},
                                      batch_model_path))


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_table_inputs_and_output_formats(fmt, tmp_path, batch_model_path, batch_articles):
    frame = pd.DataFrame({"doc": list(batch_articles), "body": list(batch_articles.values()),
                          "extra": range(5)})
    src = tmp_path / f"in.{fmt}"
    if fmt == "parquet":
        frame.to_parquet(src)
    elif fmt == "csv":
        frame.to_csv(src, index=False)
    else:
        frame.to_json(src, orient="records", lines=True)
    want = expected(batch_articles, batch_model_path)
    for out_fmt in ("parquet", "csv", "jsonl"):
        out = tmp_path / f"out-{fmt}.{out_fmt}"
        summary = stance.score(src, out, text_column="body", id_column="doc",
                               model=batch_model_path, quiet=True, chunk_size=2)
        assert summary.articles == 5
        same_rows(read_out(out), want)


def test_default_column_names(tmp_path, batch_model_path, batch_articles):
    src = tmp_path / "in.csv"
    pd.DataFrame({"article_id": list(batch_articles),
                  "content": list(batch_articles.values())}).to_csv(src, index=False)
    out = tmp_path / "o.parquet"
    stance.score(src, out, model=batch_model_path, quiet=True)
    same_rows(read_out(out), expected(batch_articles, batch_model_path))


def test_numeric_ids_stay_text(tmp_path, batch_model_path):
    src = tmp_path / "in.parquet"
    pd.DataFrame({"id": [7, 8], "text": ["Talks resumed.", "Sanctions were imposed."]}).to_parquet(src)
    out = tmp_path / "o.parquet"
    stance.score(src, out, model=batch_model_path, quiet=True)
    assert sorted(set(read_out(out)["article_id"])) == ["7", "8"]


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_missing_column_lists_columns_found(fmt, tmp_path, batch_model_path, capsys):
    frame = pd.DataFrame({"id": ["x"], "headline": ["Talks."]})
    src = tmp_path / f"in.{fmt}"
    {"csv": lambda: frame.to_csv(src, index=False), "parquet": lambda: frame.to_parquet(src),
     "jsonl": lambda: frame.to_json(src, orient="records", lines=True)}[fmt]()
    status = main(["score", str(src), "-o", str(tmp_path / "o.parquet"), "--model",
                   str(batch_model_path), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert status == 2
    assert len(err.splitlines()) == 1
    assert str(src) in err and "'headline'" in err and "--text-column" in err
    status = main(["score", str(src), "-o", str(tmp_path / "o.parquet"), "--model",
                   str(batch_model_path), "--text-column", "headline", "--id-column", "nope"])
    err = capsys.readouterr().err
    assert status == 2 and "'nope'" in err and "--id-column" in err


def test_stdin_single_article(tmp_path, batch_model_path, batch_articles):
    out = tmp_path / "o.jsonl"
    summary = stance.score("-", out, model=batch_model_path, quiet=True,
                           stdin=io.BytesIO(batch_articles["a1"].encode("utf-8")))
    assert summary.articles == 1
    same_rows(read_out(out), expected({"stdin": batch_articles["a1"]}, batch_model_path))


def test_stdin_jsonl_through_cli(tmp_path, batch_model_path, batch_articles, monkeypatch, capsys):
    lines = "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in batch_articles.items())
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8"))))
    out = tmp_path / "o.parquet"
    status = main(["score", "-", "-o", str(out), "--model", str(batch_model_path)])
    assert status == 0
    assert "5 articles" in capsys.readouterr().err
    same_rows(read_out(out), expected(batch_articles, batch_model_path))


HTML = """<!DOCTYPE html><html><head><title>T</title><style>p {color: red}</style></head>
<body><h1>Talks resume</h1><p>Seoul offered to resume talks with Pyongyang &amp; Tokyo.</p>
<p>Washington imposed   new <b>sanctions</b>.<br>Troops held joint drills.</p>
<script>var x = "Not text.";</script></body></html>"""


def test_html_to_text_keeps_paragraphs():
    text = html_to_text(HTML)
    assert text == ("Talks resume\n\nSeoul offered to resume talks with Pyongyang & Tokyo.\n\n"
                    "Washington imposed new sanctions.\nTroops held joint drills.")
    assert looks_like_html(HTML) and looks_like_html("<p>a</p><p>b</p>")
    assert not looks_like_html("Profits rose 5% as x < y and a > b.")


def test_html_file_and_html_cells(tmp_path, batch_model_path):
    page = tmp_path / "page.html"
    page.write_text(HTML, encoding="utf-8")
    src = tmp_path / "in.csv"
    pd.DataFrame({"id": ["cell"], "text": [HTML]}).to_csv(src, index=False)
    out = tmp_path / "o.parquet"
    stance.score([page, src], out, model=batch_model_path, quiet=True)
    got = read_out(out)
    plain = html_to_text(HTML)
    same_rows(got, expected({"page": plain, "cell": plain}, batch_model_path))
    assert not any("<" in s or "Not text" in s for s in got["sentence"])


def test_encoding_option(tmp_path, batch_model_path):
    art = tmp_path / "cafe.txt"
    art.write_bytes("Caf\u00e9 talks resumed in Gen\u00e8ve. Sanctions followed.".encode("cp1252"))
    out = tmp_path / "o.parquet"
    summary = stance.score(art, out, model=batch_model_path, quiet=True)
    assert summary.failed == 1 and summary.articles == 0
    errors = pd.read_csv(summary.errors_path)
    assert errors.loc[0, "article_id"] == "cafe" and "--encoding" in errors.loc[0, "reason"]
    summary = stance.score(art, out, model=batch_model_path, quiet=True, encoding="cp1252")
    assert summary.failed == 0 and summary.errors_path is None
    assert not (tmp_path / "o.parquet.errors.csv").exists()  # the stale one is removed
    assert read_out(out)["sentence"].iloc[0].startswith("Caf\u00e9 talks")


def test_unknown_encoding_is_a_usage_error(tmp_path, batch_model_path, batch_articles, capsys):
    art = tmp_path / "a.txt"
    art.write_text("Talks.")
    status = main(["score", str(art), "-o", str(tmp_path / "o.csv"), "--encoding", "klingon",
                   "--model", str(batch_model_path)])
    assert status == 2 and "--encoding" in capsys.readouterr().err


def test_utf8_bom_csv(tmp_path, batch_model_path):
    src = tmp_path / "bom.csv"
    src.write_bytes("id,text\nb1,Talks resumed. Sanctions followed.\n".encode("utf-8-sig"))
    out = tmp_path / "o.parquet"
    assert stance.score(src, out, model=batch_model_path, quiet=True).articles == 1
