"""Quality-mode batch shape and quantisation spelling, interleaved (issue 24, item 2).

    python bench/embed_batch_shape.py        # 2,000 PyPI summaries + 400 Debian texts, 3 rounds

The ONNX embedder sends texts longest first in calls of at most ``TOKEN_BUDGET`` padded
tokens and ``MAX_BATCH`` texts (``tasks.embed.onnx_minilm``). This times the production
graph (recipe v4) over a grid of both, next to recipe v3's graph at v3's shape (4,096
tokens, 64 texts), each round in a rotated order, through the production path
(``tasks.embed.embed_texts``, no cache). Ratios are to v3 within a round. Also reports
the per-document cosine between v3's and v4's vectors (same texts, same shape).
Writes bench/out/embed_batch_shape.json.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


def _timed(embedder, texts: list[str], budget: int, batch: int) -> tuple[float, np.ndarray]:
    import datamap.tasks.embed.onnx_minilm as om
    from datamap.tasks.embed.encode import embed_texts

    om.TOKEN_BUDGET, om.MAX_BATCH = budget, batch
    t0 = time.perf_counter()
    v = embed_texts(texts, embedder, None).vectors
    return len(texts) / (time.perf_counter() - t0), v


def main(budgets: list[int], batches: list[int], rounds: int, dest: Path) -> None:
    import datamap.tasks.embed.onnx_minilm as om
    from int8_two_pass import build_variants, embedder_on
    from int8_vs_torch import texts

    prod = (om.TOKEN_BUDGET, om.MAX_BATCH)
    sets = texts(2000, 400, 5)
    with tempfile.TemporaryDirectory() as tmp:
        graphs = build_variants(tmp)
        embs = {"v3": embedder_on(graphs["v3"]), "v4": embedder_on(graphs["per-token"])}
    configs = [("v3", 4096, 64)] + [("v4", b, m) for b, m in itertools.product(budgets, batches)]
    res: dict = {"production_shape": prod, "load_avg": [], "docs_per_s": {}, "x_v3_median": {}, "v3_vs_v4_cosine": {}}
    for c, tx in sets.items():
        for e in embs.values():
            e.encode(tx[:8])
        per: dict = {}
        for r in range(rounds):
            for name, b, m in configs[r % len(configs):] + configs[:r % len(configs)]:
                res["load_avg"].append(round(os.getloadavg()[0], 2))
                per.setdefault(f"{name} {b}x{m}", []).append(round(_timed(embs[name], tx, b, m)[0], 1))
        base = per["v3 4096x64"]
        res["docs_per_s"][c] = per
        res["x_v3_median"][c] = {k: round(float(np.median([a / z for a, z in zip(v, base)])), 2) for k, v in per.items()}
        cos = (_timed(embs["v3"], tx, *prod)[1] * _timed(embs["v4"], tx, *prod)[1]).sum(1)
        res["v3_vs_v4_cosine"][c] = {"mean": round(float(cos.mean()), 6), "min": round(float(cos.min()), 6)}
        print(c, json.dumps(res["x_v3_median"][c]), res["v3_vs_v4_cosine"][c], flush=True)
    dest.write_text(json.dumps(res, indent=1) + "\n")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--budgets", default="512,1024,2048,4096")
    ap.add_argument("--batches", default="64,256")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "embed_batch_shape.json"))
    a = ap.parse_args()
    main([int(x) for x in a.budgets.split(",")], [int(x) for x in a.batches.split(",")], a.rounds, Path(a.out))
