"""``stance score INPUT... -o OUTPUT``: score many articles into one sentence table."""

from __future__ import annotations

import argparse
import json
import sys

EPILOG = """\
inputs: .txt/.html files (file name = article id), folders of them, .csv/.jsonl/.parquet
tables with a text and an id column, or - for standard input (one article, or JSON Lines).
output: .parquet, .csv or .jsonl by extension; one row per sentence, article_id first.
Articles that cannot be scored are listed in OUTPUT.errors.csv (or --errors) and the run
goes on; exit status 0 = all scored, 1 = some failed, 2 = usage, data or model error.

examples:
  stance score articles/ -o sentences.parquet --jobs 2
  stance score export.csv --text-column body --id-column doc_id -o out.csv
  stance score export.parquet -o out.parquet --resume
  stance score big.parquet -o out.parquet --scheduler tcp://10.0.0.5:8786
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "score", help="score many articles (files, folders, CSV/JSONL/Parquet) into one table",
        description="Tag every sentence of many articles with stance and speaker.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, or - for stdin")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT",
                   help="output file: .parquet, .csv or .jsonl")
    p.add_argument("--text-column", metavar="NAME",
                   help="text column of tables (default: text, body, content or article)")
    p.add_argument("--id-column", metavar="NAME",
                   help="id column of tables (default: id, article_id, doc_id or url)")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="worker processes (default 1; -1 = one per CPU)")
    p.add_argument("--model", metavar="FILE", help="model file (default: the bundled model)")
    p.add_argument("--trust-model", action="store_true",
                   help="allow a .joblib model file (it can run code when loaded)")
    p.add_argument("--resume", action="store_true",
                   help="keep rows already in OUTPUT (or left by an interrupted run) and score "
                        "only the other articles")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the inputs (default utf-8)")
    p.add_argument("--errors", metavar="FILE",
                   help="where to list failed articles (default OUTPUT.errors.csv)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask cluster at this scheduler address (needs stance[dask])")
    p.add_argument("--chunk-size", type=int, default=500, metavar="N",
                   help="articles predicted together (default 500, fewer when they are long: "
                        "about 800,000 characters at most)")
    p.add_argument("--max-article-mb", type=float, default=5.0, metavar="MB",
                   help="larger articles are recorded as failures (default 5)")
    p.add_argument("--summary-json", action="store_true",
                   help="print the closing summary as JSON on stdout")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..batch import score
    from ..errors import UsageError

    if args.max_article_mb <= 0:
        raise UsageError(f"--max-article-mb must be positive (got {args.max_article_mb}).")
    if args.inputs.count("-") > 1:
        raise UsageError("- (standard input) can be given only once.")
    try:
        summary = score(args.inputs, args.output, text_column=args.text_column,
                        id_column=args.id_column, jobs=args.jobs, model=args.model,
                        trust_model=args.trust_model, resume=args.resume, encoding=args.encoding,
                        errors_path=args.errors, quiet=args.quiet, client=args.scheduler,
                        chunk_size=args.chunk_size,
                        max_article_bytes=int(args.max_article_mb * 1024 * 1024))
    except KeyboardInterrupt:
        print(f"stance score: interrupted; {args.output} was not written. Finished chunks are "
              f"kept in {args.output}.partial/; rerun with --resume to continue.", file=sys.stderr)
        return 130
    if args.summary_json:
        print(json.dumps(summary.as_dict()))
    if not args.quiet:
        print(f"stance score: {summary}", file=sys.stderr)
    elif summary.failed:
        print(f"stance score: {summary.failed:,} articles failed; see {summary.errors_path}",
              file=sys.stderr)
    return 1 if summary.failed else 0
