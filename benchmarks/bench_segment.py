"""Segmentation speed on >= 5 MB of news-like text, against nltk's stock Punkt.

Builds the text by shuffling the sentences and paragraphs of the seed articles
and the training corpus with fresh names and numbers, so abbreviations,
quotes, initials and line breaks occur at news frequencies.

    python benchmarks/bench_segment.py [--mb 5]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import stance
from _news import sentence_pool
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Mr. Lee", "Lt. Gen. H.R. Park", "Sen. J.D. Hale", "Dr. Okafor", "the U.S.", "the U.N.", "Ms. Ruiz"]


def news_text(megabytes: float, seed: int = 0) -> str:
    rng = random.Random(seed)
    lines = sentence_pool()
    out, size = [], 0
    while size < megabytes * 1_000_000:
        para = " ".join(rng.choice(lines) for _ in range(rng.randint(1, 5)))
        para = para.replace("Mr. Kim", rng.choice(NAMES)).replace("2019", str(rng.randint(1990, 2026)))
        out.append(para)
        size += len(para) + 1
    return "\n".join(out)


def rate(fn, text: str, repeat: int = 3) -> tuple[float, int]:
    best, n = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        n = len(fn(text))
        best = min(best, time.perf_counter() - t0)
    return len(text) / best, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0)
    args = ap.parse_args()
    text = news_text(args.mb)
    print(f"text: {len(text):,} characters, {text.count(chr(10)) + 1:,} lines")
    cps, n = rate(stance.segment, text)
    print(f"stance.segment        {cps:>12,.0f} chars/s  ({n:,} sentences)   target >= 1,000,000")
    stock = PunktSentenceTokenizer(PunktParameters())
    cps2, n2 = rate(lambda t: list(stock.span_tokenize(t)), text, repeat=1)
    print(f"nltk Punkt (stock)    {cps2:>12,.0f} chars/s  ({n2:,} sentences)")
    print(f"speed-up over stock Punkt: {cps / cps2:.1f}x")


if __name__ == "__main__":
    main()
