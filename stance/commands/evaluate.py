"""``stance evaluate GOLD...``: score a model against gold files, beside two baselines."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score a model against gold files",
                       description="Stance macro-F1, per-label precision/recall/F1, confusion matrix "
                                   "and speaker accuracy against gold files, with the majority-label "
                                   "and keyword baselines scored on the same sentences.")
    p.add_argument("gold", nargs="+", help="gold files or folders (e.g. seeds/gold)")
    p.add_argument("--model", help="model file (default: the bundled model)")
    p.add_argument("--trust-model", action="store_true", help="allow loading a .joblib model file")
    p.add_argument("--text", help="the article text file, for a single gold file")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..evaluate import evaluate

    text = None
    if args.text:
        with open(args.text, encoding="utf-8") as fh:
            text = fh.read()
    result = evaluate(args.gold, args.model, text=text, trusted=args.trust_model)
    print(json.dumps(result.to_dict(), indent=2) if args.json else result)
    return 0
