"""Time each build stage and the reader on real Debian data; write JSON.

    python bench/build.py --sizes 10000,63666 --embed-rows 1000

Stages after `embed` run on the shipped MiniLM vectors (bring-your-own path) so sizes up
to the whole corpus fit in minutes; `embed` itself is timed on --embed-rows real
descriptions with the bundled model (docs/s, texts sorted by length as the stage does).
Reader numbers come from a fresh process: open time, first vector_search, p50/p99 of
single-query searches, and recall@10 of the HNSW index against exact cosine search.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from machine import facts as machine_facts  # noqa: E402  (bench/machine.py)
SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))

READER_PROBE = r"""
import json, sys, time
import numpy as np
t0 = time.perf_counter()
from datamap import open_map
m = open_map(sys.argv[1], store=sys.argv[2])
ids = m.data.ids
lat = m.embeddings.latent
t_open = time.perf_counter() - t0
t1 = time.perf_counter(); m.embeddings.vector_search(ids=[ids[0]], k=10); t_first = time.perf_counter() - t1
rng = np.random.default_rng(0)
qpos = rng.choice(len(ids), size=min(500, len(ids)), replace=False)
lat_ms = []
for p in qpos[:200]:
    t = time.perf_counter(); m.embeddings.vector_search(ids=[ids[p]], k=10); lat_ms.append((time.perf_counter() - t) * 1e3)
neigh, _ = m.embeddings.vector_search(ids=[ids[p] for p in qpos], k=10)
sims = lat[qpos] @ lat.T
sims[np.arange(len(qpos)), qpos] = -np.inf
exact = np.argsort(-sims, axis=1)[:, :10]
pos = m.data.position
recall = float(np.mean([len({pos[i] for i in row} & set(ex)) / 10 for row, ex in zip(neigh, exact)]))
print(json.dumps({"open_s": t_open, "first_search_s": t_first,
                  "search_p50_ms": float(np.percentile(lat_ms, 50)),
                  "search_p99_ms": float(np.percentile(lat_ms, 99)), "recall_at_10": recall}))
"""


def bench_embed(n: int) -> dict:
    import polars as pl

    from datamap.tasks.embed.encode import EmbedOptions, embed_texts, load_embedder

    df = pl.read_parquet(SHARED / "debian-packages.parquet").sample(n=n, seed=0)
    texts = df["text"].to_list()
    t = time.perf_counter()
    emb = load_embedder(EmbedOptions())
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    res = embed_texts(texts, emb, cache=None)
    secs = time.perf_counter() - t
    import numpy as np

    ref = np.load(SHARED / "debian-packages-minilm.npy", mmap_mode="r")
    rows = df.with_row_index("_i")  # sample rows carry no position: recompute from ids
    full_ids = pl.read_parquet(SHARED / "debian-packages.parquet", columns=["id"])["id"].to_list()
    where = {k: i for i, k in enumerate(full_ids)}
    r = np.asarray(ref[[where[i] for i in df["id"].to_list()]], dtype=np.float32)
    cos = (res.vectors * r).sum(1) / np.linalg.norm(r, axis=1)
    return {"rows": n, "model_load_s": load_s, "seconds": secs, "docs_per_s": res.embedded / secs,
            "unique_texts": res.embedded, "cosine_to_reference_min": float(cos.min()),
            "cosine_to_reference_mean": float(cos.mean())}


def bench_build(n: int, workdir: Path) -> dict:
    import numpy as np
    import polars as pl

    from datamap.flows.build_map import build_map

    df = pl.read_parquet(SHARED / "debian-packages.parquet").with_row_index("_row")
    vec = np.load(SHARED / "debian-packages-minilm.npy", mmap_mode="r")
    sub = df if n >= df.height else df.sample(n=n, seed=0).sort("_row")
    rows = sub["_row"].to_numpy()
    sub = sub.drop("_row").with_columns(pl.Series("embedding", np.asarray(vec[rows], dtype=np.float32)))
    src = workdir / f"in-{n}.parquet"
    sub.write_parquet(src)
    store = workdir / f"store-{n}"
    t = time.perf_counter()
    res = build_map(source=str(src), dataset="debian", store=str(store),
                    options={"text_field": "text", "id_field": "id", "embedding_field": "embedding"})
    wall = time.perf_counter() - t
    probe = subprocess.run([sys.executable, "-c", READER_PROBE, "debian", str(store)], capture_output=True,
                           text=True, cwd=str(REPO), check=True)
    reader = json.loads(probe.stdout.strip().splitlines()[-1])
    return {"rows": res["rows"], "wall_s": wall, "stages_s": res["timings"], "reader": reader}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--embed-rows", type=int, default=1000)
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "build.json"))
    a = ap.parse_args()
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    out = {"machine": machine_facts(), "builds": [], "embed": None}
    with tempfile.TemporaryDirectory() as d:
        os.environ.setdefault("DATAMAP_WORK_DIR", os.path.join(d, "work"))
        for n in [int(x) for x in a.sizes.split(",") if x]:
            r = bench_build(n, Path(d))
            out["builds"].append(r)
            print(json.dumps(r), flush=True)
    if a.embed_rows:
        out["embed"] = bench_embed(a.embed_rows)
        print(json.dumps(out["embed"]), flush=True)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=2))
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
