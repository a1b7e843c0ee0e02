"""Are the rows ``tasks.knn_repair`` still finds lost after its wider beam really lost, or
false alarms (a search that reached the row's group but returned others tied with it)?

On a stored map: a random sample of rows searched as the build searches (33 neighbours,
the large-map beam; the sample's seed is not the insertion order's, whose random share
a 200k sample with the same seed would fall inside), the lost share among the rows the
build inserted first (``locality.insertion_order``'s random share) and among the rest, the lost ones (``knn_repair.lost_rows``) searched again with
``knn_repair.retry``, and for up to 500 rows still lost: their exact nearest distances
(brute force over the whole map), the retry's best exact distances, whether they have an
identical copy, and how much of their exact 10-NN the retry holds. Then whether a
cheaper first retry pays: the lost rows searched with each beam of ``--escalate``, the
rows still lost after it searched again at ``RETRY_EXPANSION`` (times and counts).

    .venv/bin/python bench/knn_lost.py --map /tmp/cmp/1000000/store:cmp --out bench/out/knn_lost.json
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import run_header  # noqa: E402

from datamap.resources import schema  # noqa: E402
from datamap.resources.reader import open_map  # noqa: E402
from datamap.resources.store import Store  # noqa: E402
from datamap.tasks import index as I  # noqa: E402
from datamap.tasks import knn_repair as K  # noqa: E402
from datamap.tasks.locality import RANDOM_FIRST, insertion_order  # noqa: E402

K_SEARCH = 33


def answers(index, v: np.ndarray, rows: np.ndarray, inv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(keys, exact distances) of ``rows`` searched with the index's current beam."""
    m = index.search(np.ascontiguousarray(v[rows]), K_SEARCH, threads=2)
    keys = np.asarray(m.keys, np.int64).reshape(-1, K_SEARCH)
    keys = np.where(keys < len(v), keys, rows[:, None])
    return keys, K.exact_distances(v, inv, rows, keys)


def still_lost_profile(v: np.ndarray, inv: np.ndarray, rows: np.ndarray, keys: np.ndarray,
                       dist: np.ndarray) -> dict:
    """Exact neighbours of ``rows`` (brute force) against what the retry returned."""
    unit = v * inv[:, None]
    sim = unit[rows] @ unit.T
    sim[np.arange(len(rows)), rows] = -9.0
    true = np.argsort(-sim, axis=1)[:, :K_SEARCH]
    tdist = 1.0 - np.take_along_axis(sim, true, 1)
    got = np.sort(dist, axis=1)
    med = lambda x: round(float(np.median(x)), 4)  # noqa: E731
    return {"rows": int(len(rows)), "true_nn1": med(tdist[:, 0]), "true_nn10": med(tdist[:, 9]),
            "true_nn32": med(tdist[:, 31]), "retry_best": med(got[:, 0]), "retry_10th": med(got[:, 10]),
            "with_identical_copy": float(np.mean(tdist[:, 0] <= K.IDENTICAL)),
            "retry_recall10": round(float(np.mean([len(set(a) & set(b)) / 10
                                                   for a, b in zip(keys, true[:, :10])])), 4)}


def escalated(index, v: np.ndarray, inv: np.ndarray, lost: np.ndarray, beam: int) -> dict:
    """``lost`` searched with ``beam``, then the rows still lost with RETRY_EXPANSION."""
    out = {"beam": beam}
    for step, ef in (("first", beam), ("then", K.RETRY_EXPANSION)):
        index.expansion_search = ef
        t = time.perf_counter()
        keys, dist = answers(index, v, lost, inv)
        out[f"{step}_s"] = round(time.perf_counter() - t, 2)
        out[f"{step}_searched"] = int(len(lost))
        lost = lost[K.lost_rows(keys, dist, lost)]
        out[f"{step}_still_lost"] = int(len(lost))
    out["total_s"] = round(out["first_s"] + out["then_s"], 2)
    return out


def one_map(store: str, dataset: str, sample: int, beams: list[int]) -> dict:
    from usearch.index import Index

    m = open_map(dataset, store=Store(store))
    v = np.array(m.embeddings.latent, dtype=np.float32)
    index = Index.restore(m.local_file(schema.INDEX), view=True)
    index.expansion_search = I.LARGE_SETTINGS["expansion_search"]
    inv = K.inverse_norms(v)
    rows = np.sort(np.random.default_rng(7).choice(len(v), min(sample, len(v)), replace=False))
    keys, dist = answers(index, v, rows, inv)
    lost = rows[K.lost_rows(keys, dist, rows)]
    early = np.zeros(len(v), bool)        # the random share inserted before the locality order
    early[insertion_order(np.arange(len(v)))[:int(len(v) * RANDOM_FIRST)]] = True
    by_phase = {name: round(float(np.isin(rows[mask], lost).mean()), 4)
                for name, mask in (("inserted_first", early[rows]), ("inserted_later", ~early[rows]))}
    t = time.perf_counter()
    again = K.retry(index, v, lost, K_SEARCH)
    retry_s = time.perf_counter() - t
    again = np.where(again < len(v), again, lost[:, None])
    d2 = K.exact_distances(v, inv, lost, again)
    pos = K.lost_rows(again, d2, lost)[:500]
    out = {"rows": len(v), "sampled": int(len(rows)), "lost": int(len(lost)), "lost_share_by_insertion": by_phase,
           "still_lost": int(len(K.lost_rows(again, d2, lost))), "retry_s": round(retry_s, 2),
           "still_lost_profile": still_lost_profile(v, inv, lost[pos], again[pos], d2[pos]) if len(pos) else None}
    out["escalated"] = [escalated(index, v, inv, lost, b) for b in beams]
    print(dataset, json.dumps(out), flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--map", action="append", required=True, help="STORE:DATASET (repeatable)")
    ap.add_argument("--sample", type=int, default=200_000)
    ap.add_argument("--escalate", default="64,96,128", help="first-retry beams to try, comma-separated")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    out = run_header(retry_expansion=K.RETRY_EXPANSION)
    for spec in args.map:
        store, dataset = spec.rsplit(":", 1)
        out["maps"][dataset] = one_map(store, dataset, args.sample, [int(b) for b in args.escalate.split(",") if b])
        Path(args.out).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
