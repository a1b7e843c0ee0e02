"""The rows a big map's index inserts first (``locality.insertion_order``: a share, for
the graph's long links), all in random order (the build until 2026-12-07), all in the
locality order among themselves (cheaper to insert: neighbours one after another), or a
``lead`` of them random and the rest in order (the build now: ``RANDOM_LEAD``).

For each map and each way: the index built as the build builds it, every row searched
and repaired as ``knn_graph`` does, and the recall of the exact 10-NN on random rows.

    .venv/bin/python bench/insert_first_order.py --map /tmp/cmp/1000000/store:cmp \\
        --map /tmp/pypi-bench/store-fast-784692-fit10000:pypi --out bench/out/insert_first_order.json
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from knn_lost_window import recall, truth  # noqa: E402
from machine import run_header  # noqa: E402

from datamap.resources.reader import open_map  # noqa: E402
from datamap.resources.store import Store  # noqa: E402
from datamap.tasks import index as I  # noqa: E402
from datamap.tasks import knn_repair as K  # noqa: E402
from datamap.tasks import locality as L  # noqa: E402

# and lead:X (a share X of all rows random first, the rest of the share in order); any
# WAY@N builds with expansion_add N instead of the big-map setting
WAYS = ("random", "in_order")


def one_map(store: str, dataset: str, sample: int, ways: list[str], repeats: int) -> dict:
    m = open_map(dataset, store=Store(store))
    v = np.ascontiguousarray(m.embeddings.latent, np.float32)
    order = I.locality(v)
    q = np.sort(np.random.default_rng(5).choice(len(v), sample, replace=False))
    tr = truth(v, K.inverse_norms(v), q)
    out: dict = {"rows": len(v), "runs": []}
    plain = L.insertion_order
    for _ in range(repeats):
        for way in ways:
            name, _, add = way.partition("@")     # WAY@N: expansion_add N
            lead = float(name.split(":")[1]) if ":" in name else {"random": L.RANDOM_FIRST, "in_order": 0.0}[name]
            L.insertion_order = (lambda o, random_first=L.RANDOM_FIRST, lead=lead:
                                 plain(o, random_first=random_first, lead=lead))
            try:
                t = time.perf_counter()
                index = I.build_index(v, I.IndexOptions(expansion_add=int(add) if add else None), order=order)
                build_s = time.perf_counter() - t
            finally:
                L.insertion_order = plain
            t = time.perf_counter()
            report: dict = {}
            keys, _ = I.knn_graph(index, v, 33, order=order, report=report)
            entry = {"way": way, "insert_s": round(build_s, 2), "knn_s": round(time.perf_counter() - t, 2),
                     **report, "recall10": recall(keys, q, tr)}
            out["runs"].append(entry)
            print(dataset, json.dumps(entry), flush=True)
            del index
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--map", action="append", required=True, help="STORE:DATASET (repeatable)")
    ap.add_argument("--sample", type=int, default=2000)
    ap.add_argument("--ways", default=",".join(WAYS))
    ap.add_argument("--repeats", type=int, default=1, help="each way this many times, alternating")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    out = run_header(random_first=L.RANDOM_FIRST, large_settings=I.LARGE_SETTINGS)
    out["maps"] = {}
    for spec in args.map:
        store, dataset = spec.rsplit(":", 1)
        out["maps"][dataset] = one_map(store, dataset, args.sample, args.ways.split(","), args.repeats)
        Path(args.out).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
