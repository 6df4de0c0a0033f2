"""Classify a seed article with the bundled model and print a readable table.

    python examples/classify_seed.py [ARTICLE.txt]
"""

import sys
from pathlib import Path

import pandas as pd

import stance

ROOT = Path(__file__).resolve().parent.parent
path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "seeds" / "000_f8077646dd0dfbc5.txt"
table = stance.classify(path.read_text(encoding="utf-8"))

view = table[["sentence_idx", "stance", "confidence", "speaker", "sentence"]].copy()
view["speaker"] = view["speaker"].fillna("").str.slice(0, 30)
view["sentence"] = view["sentence"].str.slice(0, 70)
with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_columns", None):
    print(view.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    print("\nstatements per label:", table["stance"].value_counts().to_dict())
    print("\nwho argues what:")
    print(table.dropna(subset=["speaker"]).groupby(["speaker", "stance"]).size().unstack(fill_value=0))
