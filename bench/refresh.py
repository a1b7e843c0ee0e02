"""Full build vs incremental refresh on real Debian rows (bring-your-own MiniLM vectors).

    python bench/refresh.py --rows 50000            # → bench/out/refresh.json

v1 is a full build of --rows rows; v2 refreshes it after adding 1% new real rows and
dropping 0.5%. Reported: wall time and per-stage seconds of both, the refresh record,
the median move of kept points (share of the map's extent), and how well the placed
points sit among their semantic neighbours: for each placed point, the share of its 10
nearest 2-D neighbours that are among its 32 nearest latent neighbours, next to the
same number for a sample of points UMAP laid out itself.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
from machine import facts as machine_facts  # noqa: E402  (bench/machine.py)
SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))


def neighbour_agreement(m, rows, k2=10, k_lat=32) -> float:
    import numpy as np
    from sklearn.neighbors import NearestNeighbors

    proj = m.embeddings.projected
    xy = proj[["x", "y"]].to_numpy()
    nn = NearestNeighbors(n_neighbors=k2 + 1).fit(xy)
    _, nb2 = nn.kneighbors(xy[rows])
    found = m.embeddings.index.search(np.ascontiguousarray(m.embeddings.latent[rows]), k_lat + 1)
    keys = np.asarray(found.keys, np.int64).reshape(len(rows), -1)
    shares = [len(set(a[1:]) & set(b[1:])) / k2 for a, b in zip(nb2, keys)]
    return float(np.mean(shares))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--add", type=float, default=0.01)
    ap.add_argument("--drop", type=float, default=0.005)
    ap.add_argument("--no-optional", action="store_true", help="skip topics/dedupe/tiles in both builds")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "refresh.json"))
    a = ap.parse_args()

    import numpy as np
    import polars as pl
    from conftest import debian_subset

    from datamap.flows.build_map import build_map
    from datamap.resources import open_map
    from datamap.tasks.refresh import median_move

    tmp = Path(tempfile.mkdtemp(prefix="bench-refresh-"))
    os.environ.setdefault("DATAMAP_WORK_DIR", str(tmp / "work"))
    debian = pl.read_parquet(SHARED / "debian-packages.parquet").with_row_index("_row")
    vectors = np.load(SHARED / "debian-packages-minilm.npy", mmap_mode="r").astype(np.float32)
    base = debian_subset(debian, vectors, a.rows, seed=1)
    rest = debian.filter(~pl.col("id").is_in(base["id"].implode()))
    n_add, n_drop = round(a.rows * a.add), round(a.rows * a.drop)
    fresh = debian_subset(rest, vectors, n_add, seed=2)
    dropped = base.sample(n=n_drop, seed=3)["id"]
    new = pl.concat([base.filter(~pl.col("id").is_in(dropped.implode())), fresh])
    src, store = str(tmp / "src.parquet"), str(tmp / "store")
    opts = {"text_field": "text", "id_field": "id", "embedding_field": "embedding"}
    if a.no_optional:
        opts.update(topics=None, dedupe=None, tiles=None)

    base.write_parquet(src)
    t0 = time.perf_counter()
    r1 = build_map(source=src, dataset="bench", store=store, options=opts)
    full_s = time.perf_counter() - t0
    new.write_parquet(src)
    t0 = time.perf_counter()
    r2 = build_map(source=src, dataset="bench", store=store, options=opts)
    refresh_s = time.perf_counter() - t0

    m1, m2 = open_map("bench", store=store, version=r1["version"]), open_map("bench", store=store)
    p1, p2 = m1.embeddings.projected, m2.embeddings.projected
    move = median_move(p1["id"].tolist(), p1[["x", "y"]].to_numpy(), p2["id"].tolist(), p2[["x", "y"]].to_numpy())
    pos = m2.data.position
    placed = np.array([pos[i] for i in fresh["id"].to_list()])
    rng = np.random.default_rng(0)
    kept = rng.choice(np.setdiff1d(np.arange(m2.row_count), placed), size=min(2000, m2.row_count), replace=False)
    out = {
        "rows": a.rows, "added": n_add, "dropped": n_drop, "optional_stages": not a.no_optional,
        "full_build_s": round(full_s, 2), "refresh_s": round(refresh_s, 2),
        "refresh_share_of_full": round(refresh_s / full_s, 4),
        "full_timings": {k: round(v, 2) for k, v in r1["timings"].items()},
        "refresh_timings": {k: round(v, 2) for k, v in r2["timings"].items()},
        "refresh": r2["refresh"],
        "median_move_share_of_extent": move,
        "neighbour_agreement_placed": neighbour_agreement(m2, placed),
        "neighbour_agreement_umap_points": neighbour_agreement(m2, kept),
        "machine": {**machine_facts(), "load_average_at_end": [round(x, 2) for x in os.getloadavg()]},
    }
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=2, default=str))
    print(json.dumps(out, indent=2, default=str))


if __name__ == "__main__":
    main()
