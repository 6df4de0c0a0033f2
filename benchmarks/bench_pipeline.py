"""End-to-end throughput of ``stance.classify_texts`` with and without speaker attribution.

Builds about 2 MB of news-like text from the sentences of the seed articles and
the training statements (names swapped so the person index sees many people),
then prints sentences per second for ``speakers=True`` and ``speakers=False``
and the slowdown ratio. Target: attribution adds at most a third.

It also prints the fixed costs every attribution pays before any rule runs:
the article's person index, its quotation map, and tokenizing each sentence.
Set beside the budget (a third of the ``speakers=False`` time per sentence)
they show how much of the gap rule tuning could ever close.

    python3 benchmarks/bench_pipeline.py [--mb 2.0] [--repeat 3]

Prints figures only; no assertions.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import stance  # noqa: E402
from stance.gcpause import paused_gc  # noqa: E402
from stance.speakers import attribute  # noqa: E402
from stance.speakers.lexicon import lexicon  # noqa: E402
from stance.speakers.mentions import PersonIndex, tokenize  # noqa: E402
from stance.speakers.quotes import sentence_quotes  # noqa: E402
from _news import sentence_pool, trained_model  # noqa: E402

FIRST = ["Anna", "Daniel", "Lena", "Mark", "Tomas", "Ravi", "Karin", "Elif", "José", "Noor", "Jae", "Diego",
         "Ruth", "Greta", "Sami", "Emre", "Joan", "Otto", "Ali", "Thabo", "Klaus", "Hamid", "Kofi", "Mira"]
LAST = ["Berg", "Okafor", "Kovac", "Ruffin", "Reyes", "Menon", "Arvidsson", "Demir", "Martínez", "Rahman",
        "Park", "Alvarez", "Adler", "Lind", "Haddad", "Kaya", "Pike", "Vogel", "Nouri", "Nkosi", "Reiter",
        "Rostami", "Osei", "Talbot"]
_FULL_NAME = re.compile(r"\b(?:Donald Trump|Moon Jae-in|Kim Jong[ -][Uu]n|H\.R\. McMaster|Han Suk-hee|Joseph Yun)\b")


def build_corpus(sents: list[str], target_bytes: int, seed: int = 0) -> list[str]:
    """Articles of 20-60 shuffled sentences, paragraphs on lines, with varied names."""
    rng = random.Random(seed)
    texts: list[str] = []
    size = 0
    while size < target_bytes:
        n = rng.randint(20, 60)
        picked = [rng.choice(sents) for _ in range(n)]
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        body = "\n".join(_FULL_NAME.sub(name, s) if rng.random() < 0.5 else s for s in picked)
        texts.append(body)
        size += len(body.encode("utf-8"))
    return texts


def get_model():
    """The bundled model when present, else a word-n-gram model fitted on seeds/train."""
    if (ROOT / "models" / "default.stance").exists():
        return stance.load_model(), "bundled default model (models/default.stance)"
    return trained_model(), "StanceClassifier() fitted on seeds/train (no models/default.stance)"


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0, help="corpus size in MB (default 2)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per setting; the best is reported")
    args = ap.parse_args(argv)

    texts = build_corpus(sentence_pool(), int(args.mb * 1_000_000))
    model, how = get_model()
    spans = [stance.segment(t) for t in texts]
    n_sent = sum(map(len, spans))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(texts)} articles, {n_sent} sentences, {mb:.2f} MB; {how}")

    stance.classify_texts(texts[:5], model, speakers=True)  # warm caches (lexicon, regexes)
    # interleave the two settings so that machine noise hits both alike; keep the best run of each
    t_off = t_on = float("inf")
    for _ in range(args.repeat):
        t_off = min(t_off, timed(lambda: stance.classify_texts(texts, model, speakers=False), 1))
        t_on = min(t_on, timed(lambda: stance.classify_texts(texts, model, speakers=True), 1))
    t_attr = timed(lambda: [attribute(t, stance.segment(t)) for t in texts], args.repeat)
    t_seg = timed(lambda: [stance.segment(t) for t in texts], args.repeat)

    print(f"speakers=False: {t_off:7.2f} s  {n_sent / t_off:10.0f} sentences/s")
    print(f"speakers=True : {t_on:7.2f} s  {n_sent / t_on:10.0f} sentences/s")
    print(f"slowdown ratio (True/False): {t_on / t_off:.3f}  (target <= 1.333)")
    t_only = max(t_attr - t_seg, 1e-9)
    print(f"attribution alone: {t_only:.2f} s, {n_sent / t_only:.0f} sentences/s "
          f"(segmentation {t_seg:.2f} s); as a share of the speakers=False run: +{t_only / t_off:.1%}")

    # Fixed costs, measured like attribute() runs them (cyclic GC paused).
    lex = lexicon()
    with paused_gc():
        t_index = timed(lambda: [PersonIndex(t, lex) for t in texts], args.repeat)
        t_quotes = timed(lambda: [sentence_quotes(t, s) for t, s in zip(texts, spans)], args.repeat)
        t_tok = timed(lambda: [tokenize(t[a:b], a, lex) for t, s in zip(texts, spans) for a, b in s], args.repeat)
    us = 1e6 / n_sent
    print(f"per sentence: budget {t_off / 3 * us:.1f} us (a third of speakers=False), attribution {t_only * us:.1f} us;"
          f" fixed costs before any rule: person index {t_index * us:.1f} us, quotation map {t_quotes * us:.1f} us,"
          f" tokens of every sentence {t_tok * us:.1f} us (sum {(t_index + t_quotes + t_tok) * us:.1f} us)")


if __name__ == "__main__":
    main()
