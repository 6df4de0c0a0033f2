"""``stance train DATA... -o MODEL``: validate, cross-validate, fit and save a model."""

from __future__ import annotations

import argparse
import json
import sys
import warnings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train a model on labeled statements",
                       description="Train a stance model on labeled statements (CSV, JSONL, Parquet "
                                   "or folders of them) and write the model and a JSON report.")
    p.add_argument("data", nargs="+", help="labeled files or folders (columns text, stance; optional group)")
    p.add_argument("-o", "--output", required=True, help="model file to write (.stance or .joblib)")
    p.add_argument("--report", help="JSON report path (default: MODEL with .report.json)")
    p.add_argument("--text-column", default="text")
    p.add_argument("--label-column", default="stance")
    p.add_argument("--any-labels", action="store_true",
                   help="train on the labels the data has instead of the four standard ones")
    p.add_argument("--cv", type=int, default=5, help="grouped cross-validation folds (0: skip)")
    p.add_argument("--search", action="store_true", help="grid-search features and C by grouped CV")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..labels import LABELS
    from ..train import train

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = train(args.data, labels=None if args.any_labels else LABELS,
                      text_column=args.text_column, label_column=args.label_column,
                      output=args.output, report=args.report, cv=args.cv, search=args.search)
    for w in caught:
        print(f"stance train: warning: {w.message}", file=sys.stderr)
    info = model.training_report_
    print(f"trained on {info['rows_used']} statements {json.dumps(info['label_counts'])} "
          f"in {info['seconds']} s -> {args.output}")
    cv = info.get("cross_validation")
    if cv:
        print(f"grouped {cv['folds']}-fold CV macro-F1 {cv['macro_f1']:.3f} "
              f"(folds {', '.join(f'{f:.3f}' for f in cv['fold_macro_f1'])}); baselines: "
              + ", ".join(f"{k} {v:.3f}" for k, v in info["baselines"].items()))
    return 0
