"""``stance classify FILE``: one article's sentence table, readable in a terminal."""

from __future__ import annotations

import shutil
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "classify", help="print the stance and speaker of each sentence of one article",
        description="Tag each sentence of one article (a .txt or .html file, or - for stdin) "
                    "and print the table.")
    p.add_argument("file", metavar="FILE", help="the article: a text or HTML file, or - for stdin")
    p.add_argument("--model", metavar="FILE", help="model file (default: the bundled model)")
    p.add_argument("--trust-model", action="store_true",
                   help="allow a .joblib model file (it can run code when loaded)")
    p.add_argument("--encoding", default="utf-8", help="text encoding (default utf-8)")
    p.add_argument("--format", choices=["table", "csv", "jsonl"], default="table",
                   help="table (default, for reading), or csv/jsonl with every column")
    p.set_defaults(func=run)


def read_article(file: str, encoding: str) -> str:
    """The text of one article file (or stdin), HTML stripped; DataError when unusable."""
    from pathlib import Path

    from ..batch.readers import DEFAULT_MAX_ARTICLE_BYTES, decode_article
    from ..errors import DataError, UsageError

    limit = DEFAULT_MAX_ARTICLE_BYTES * 20
    if file == "-":
        raw = sys.stdin.buffer.read()
    else:
        path = Path(file)
        if path.is_dir():
            raise UsageError(f"{path}: is a folder; `stance classify` takes one article. Use "
                             "`stance score FOLDER -o out.parquet` for many.")
        if not path.exists():
            raise UsageError(f"{path}: no such file; check the path.")
        raw = path.read_bytes()
    is_html = True if file.lower().endswith((".html", ".htm")) else None
    text, reason = decode_article(raw, encoding, limit, html=is_html)
    if reason:
        raise DataError(f"{file}: {reason}.")
    return text


def run(args) -> int:
    from ..classify import classify
    from ..persist import resolve_model

    model = resolve_model(args.model, trusted=args.trust_model)
    text = read_article(args.file, args.encoding)
    table = classify(text, model)
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False)
        return 0
    if args.format == "jsonl":
        sys.stdout.write(table.to_json(orient="records", lines=True, force_ascii=False))
        return 0
    sys.stdout.write(render(table, shutil.get_terminal_size((120, 24)).columns))
    return 0


def render(table, width: int = 120) -> str:
    """A fixed-width table: #, stance, confidence, speaker, sentence (wrapped to *width*)."""
    import textwrap

    if table.empty:
        return "(no sentences)\n"
    width = max(width, 60)
    speakers = [str(s) if isinstance(s, str) else "" for s in table["speaker"]] \
        if "speaker" in table else [""] * len(table)
    spk_w = min(max([len(s) for s in speakers] + [7]), 22)
    stance_w = max(max(len(str(s)) for s in table["stance"]), 6)
    head = f"{'#':>3}  {'stance':<{stance_w}}  conf  {'speaker':<{spk_w}}  sentence"
    indent = 3 + 2 + stance_w + 2 + 4 + 2 + spk_w + 2
    text_w = max(width - indent - 1, 20)
    lines = [head, "-" * min(width - 1, len(head) + text_w - 8)]
    for (_, row), spk in zip(table.iterrows(), speakers):
        spk = spk if len(spk) <= spk_w else spk[: spk_w - 1] + "\u2026"
        wrapped = textwrap.wrap(str(row["sentence"]), text_w) or [""]
        lines.append(f"{int(row['sentence_idx']):>3}  {str(row['stance']):<{stance_w}}  "
                     f"{float(row['confidence']):.2f}  {spk:<{spk_w}}  {wrapped[0]}")
        lines.extend(" " * indent + w for w in wrapped[1:])
    counts = table["stance"].value_counts()
    lines.append("")
    lines.append(f"{len(table)} sentences: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return "\n".join(lines) + "\n"
