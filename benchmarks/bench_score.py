"""Benchmark `stance score` end to end: articles per second and peak memory.

Generates synthetic news-like articles of about 1,000 words (sentences sampled
from seeds/train/*.csv and the seed articles, with names and numbers varied)
into a temporary Parquet file, then runs the command line

    python -m stance score articles.parquet -o sentences.parquet --jobs 2 --quiet

for 1,000 and for 50,000 articles, polling the RSS of the whole process tree
(the command and its worker processes). Uses the bundled model
(models/default.stance) when present, else a model trained on seeds/train.

    python3 benchmarks/bench_score.py                 # 1000 and 50000 articles
    python3 benchmarks/bench_score.py --sizes 2000 --jobs 2 --format txt

Targets on a 2-core machine: >= 200 articles/s with --jobs 2, peak memory
< 1 GiB for 50,000 articles. Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _news import sentence_pool, trained_model  # noqa: E402

NAMES = ["Moon Jae-in", "Kim Jong Un", "Yoon Suk Yeol", "Xi Jinping", "Antony Blinken",
         "Fumio Kishida", "Lee Jae-myung", "Jake Sullivan", "Wang Yi", "Sergey Lavrov",
         "Chung Eui-yong", "Park Jin", "Lloyd Austin", "Kang Kyung-wha", "Choe Son Hui"]
PLACES = ["Seoul", "Pyongyang", "Washington", "Beijing", "Tokyo", "Moscow", "Panmunjom"]


def vary(sentence: str, rng: random.Random) -> str:
    sentence = re.sub(r"\d+", lambda m: str(rng.randint(2, 9999)), sentence)
    if rng.random() < 0.5:
        sentence = re.sub(r"\bSeoul\b|\bPyongyang\b|\bWashington\b", lambda m: rng.choice(PLACES),
                          sentence)
    if rng.random() < 0.3:
        sentence += f" {rng.choice(NAMES)} said."
    return sentence


def make_article(pool: list[str], rng: random.Random, words: int = 1000) -> str:
    paras, para, count = [], [], 0
    while count < words:
        s = vary(rng.choice(pool), rng)
        para.append(s)
        count += len(s.split())
        if len(para) >= rng.randint(3, 6):
            paras.append(" ".join(para))
            para = []
    if para:
        paras.append(" ".join(para))
    return "\n\n".join(paras)


def write_parquet(path: Path, n: int, pool: list[str], seed: int = 0) -> float:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(seed)
    words = 0
    with pq.ParquetWriter(path, pa.schema([("id", pa.string()), ("text", pa.string())])) as w:
        for start in range(0, n, 1000):
            ids = [f"art-{i:07d}" for i in range(start, min(n, start + 1000))]
            texts = [make_article(pool, rng) for _ in ids]
            words += sum(len(t.split()) for t in texts)
            w.write_table(pa.table({"id": ids, "text": texts}))
    return words / n


def write_txt(folder: Path, n: int, pool: list[str], seed: int = 0) -> float:
    rng = random.Random(seed)
    folder.mkdir()
    words = 0
    for i in range(n):
        text = make_article(pool, rng)
        words += len(text.split())
        (folder / f"art-{i:07d}.txt").write_text(text, encoding="utf-8")
    return words / n


def get_model(tmp: Path, params: dict | None = None) -> list[str]:
    """Command-line model options: the bundled model, or with *params* a model with these
    StanceClassifier parameters fitted on seeds/train (to see how the model's own cost
    bounds the end-to-end rate)."""
    if params is None and (ROOT / "models/default.stance").exists():
        print("model: bundled models/default.stance")
        return []
    import stance

    path = stance.save_model(trained_model(**(params or {})), tmp / "bench.stance")
    print(f"model: StanceClassifier({params or ''}) fitted on seeds/train")
    return ["--model", str(path)]


def stage_breakdown(model_args: list[str], pool: list[str], n: int = 100) -> None:
    """Where one process spends its time per article (explains the end-to-end rate)."""
    import stance
    from stance.segment import segment
    from stance.speakers import attribute

    model = stance.load_model(model_args[1] if model_args else None)
    rng = random.Random(1)
    texts = [make_article(pool, rng) for _ in range(n)]
    stance.classify_texts(texts[:2], model)  # warm up lazy imports and caches
    t = time.perf_counter()
    spans = [segment(x) for x in texts]
    t_seg = time.perf_counter() - t
    t = time.perf_counter()
    for x, s in zip(texts, spans):
        attribute(x, s)
    t_spk = time.perf_counter() - t
    sents = [x[a:b] for x, s in zip(texts, spans) for a, b in s]
    t = time.perf_counter()
    model.predict_proba(sents)
    t_pred = time.perf_counter() - t
    t = time.perf_counter()
    stance.classify_texts(texts, model)
    t_all = time.perf_counter() - t
    per = {"segment": t_seg, "speakers": t_spk, "predict_proba": t_pred, "classify_texts": t_all}
    print(f"one process, {n} articles ({len(sents) / n:.0f} sentences each), ms per article: "
          + ", ".join(f"{k} {v / n * 1000:.1f}" for k, v in per.items()))
    print(f"  -> at most {n / t_all:.0f} articles/s per process, about {2 * n / t_all:.0f} with "
          "2 processes on 2 cores")


def run_measured(cmd: list[str]) -> tuple[float, int, int]:
    """(seconds, peak RSS of the process tree in bytes, exit status)."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [root] + root.children(recursive=True)
            rss = 0
            for p in procs:
                try:
                    rss += p.memory_info().rss
                except psutil.Error:
                    pass
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace").strip()
    if err:
        print("   ", err.splitlines()[-1])
    return seconds, peak, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 50000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--format", choices=["parquet", "txt"], default="parquet")
    ap.add_argument("--output", default="parquet", choices=["parquet", "csv", "jsonl"])
    ap.add_argument("--model-params", default=None, metavar="JSON",
                    help='train a model with these parameters, e.g. \'{"char_ngrams": null}\'')
    ap.add_argument("--no-breakdown", action="store_true",
                    help="skip the per-stage timing of one process")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="stance-bench-") as tmp:
        tmp = Path(tmp)
        import json

        model_args = get_model(tmp, json.loads(args.model_params) if args.model_params else None)
        pool = sentence_pool(min_words=4)
        print(f"sentence pool: {len(pool)} sentences; cpus: {os.cpu_count()}; jobs: {args.jobs}")
        if not args.no_breakdown:
            stage_breakdown(model_args, pool)
        results = []
        for n in args.sizes:
            t = time.perf_counter()
            if args.format == "parquet":
                data = tmp / f"articles-{n}.parquet"
                words = write_parquet(data, n, pool)
            else:
                data = tmp / f"articles-{n}"
                words = write_txt(data, n, pool)
            print(f"\n{n:,} articles, {words:,.0f} words on average, generated in "
                  f"{time.perf_counter() - t:.1f} s")
            out = tmp / f"sentences-{n}.{args.output}"
            cmd = [sys.executable, "-m", "stance", "score", str(data), "-o", str(out),
                   "--jobs", str(args.jobs), "--quiet", "--summary-json"] + model_args
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            seconds, peak, status = run_measured(cmd)
            rate = n / seconds
            results.append((n, seconds, rate, peak, status))
            print(f"  {seconds:.1f} s end to end, {rate:,.0f} articles/s, peak memory "
                  f"{peak / 2**20:,.0f} MiB (process tree), exit status {status}; load average before the run {load:.1f}")
            out.unlink(missing_ok=True)
            if data.is_file():
                data.unlink()
        print("\nsummary (target: >= 200 articles/s with --jobs 2; < 1024 MiB for 50,000):")
        for n, seconds, rate, peak, status in results:
            print(f"  {n:>7,} articles: {rate:7,.0f} articles/s  {peak / 2**20:7,.0f} MiB peak  "
                  f"({seconds:.1f} s, exit {status})")


if __name__ == "__main__":
    main()
