"""Int8 graphs against torch, interleaved, on PyPI and Debian: the production recipe
(per-token, v3), the one before it (v2) and two-pass.

    python bench/int8_vs_torch.py            # 1,000 PyPI summaries + 300 Debian texts, 4 rounds

The speed half of bench/int8_two_pass.py with torch in the rotation, so each round gives
both graphs' ratio to torch on the same texts (bench/README.md, issue 24 item 2).
Writes bench/out/int8_vs_torch.json: docs/s per corpus, graph and round, with the load.
"""
from __future__ import annotations

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
SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))


def texts(n_pypi: int, n_debian: int, seed: int) -> dict[str, list[str]]:
    import polars as pl

    p = pl.read_parquet(SHARED / "pypi-summaries.parquet", columns=["text"])
    p = p.filter(pl.col("text").str.strip_chars().str.len_chars() > 0).sample(n=n_pypi, seed=seed)
    d = pl.read_parquet(SHARED / "debian-packages.parquet", columns=["text"]).sample(n=n_debian, seed=seed)
    return {"pypi": p["text"].to_list(), "debian": [t[:6000] for t in d["text"].to_list()]}


def embedders(tmp: str) -> dict:
    from datamap.tasks.embed.encode import EmbedOptions, load_embedder
    from int8_two_pass import build_variants, embedder_on

    out = {"torch": load_embedder(EmbedOptions(mode="torch"))}
    graphs = build_variants(tmp)
    for name in ("v2", "per-token", "two-pass"):
        out[name] = embedder_on(graphs[name])
    return out


def main(rounds: int = 4) -> None:
    from datamap.tasks.embed.encode import embed_texts

    sets = texts(1000, 300, 3)
    with tempfile.TemporaryDirectory() as tmp:
        embs = embedders(tmp)
    for e in embs.values():
        e.encode(sets["debian"][:8])
    names, res = list(embs), {"docs_per_s": {}, "load_avg": []}
    for r in range(rounds):
        for c, tx in sets.items():
            for n in names[r % len(names):] + names[:r % len(names)]:
                res["load_avg"].append(round(os.getloadavg()[0], 2))
                t0 = time.perf_counter()
                embed_texts(tx, embs[n], None)
                res["docs_per_s"].setdefault(c, {}).setdefault(n, []).append(round(len(tx) / (time.perf_counter() - t0), 1))
    res["x_torch_per_round"] = {c: {n: [round(a / b, 2) for a, b in zip(v, per["torch"])] for n, v in per.items()}
                                for c, per in res["docs_per_s"].items()}
    res["x_torch_median"] = {c: {n: round(float(np.median(v)), 2) for n, v in per.items()}
                             for c, per in res["x_torch_per_round"].items()}
    (REPO / "bench" / "out" / "int8_vs_torch.json").write_text(json.dumps(res, indent=2) + "\n")
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
