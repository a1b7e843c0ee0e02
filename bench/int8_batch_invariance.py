"""Do the quality mode's vectors depend on which texts share a batch? (issue 24, item 2)

    python bench/int8_batch_invariance.py   # 1,500 PyPI summaries + 400 Debian texts
    python bench/int8_batch_invariance.py --graphs per-token --out bench/out/int8_batch_invariance-v4.json

ONNX Runtime's dynamic quantisation picks one activation scale per MatMul input tensor,
so a text's int8 vector depends on the other texts (and the padding) in its batch. The
embedding cache then stores whichever vector the first build happened to compute. For
each graph (``v2``: the recipe before 2026-12-01's; ``per-token``: the production recipe,
v3 until 2026-12-03 and v4 since, ``tasks.embed.int8_per_token``; ``two-pass``:
bench/int8_two_pass.py) the same
texts are embedded twice — once as one call (the encoder's own length-sorted batches) and
once shuffled, in calls of 21 texts — and compared with each other and with the reference
(torch's vectors: computed here for PyPI, the shipped ones for Debian).
Writes bench/out/int8_batch_invariance.json.
"""
from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))


def _stats(cos: np.ndarray) -> dict:
    return {"mean": round(float(cos.mean()), 5), "p01": round(float(np.quantile(cos, 0.01)), 5),
            "min": round(float(cos.min()), 5), "share_ge_0.99": round(float((cos >= 0.99).mean()), 4)}


def _shuffled(embedder, texts: list[str], size: int, seed: int) -> np.ndarray:
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    out = np.empty((len(texts), embedder.dim), np.float32)
    for s in range(0, len(order), size):
        part = order[s:s + size]
        out[part] = embedder.encode([texts[i] for i in part])
    return out


def main(graph_names: list[str], dest: Path) -> None:
    import polars as pl
    from int8_two_pass import build_variants, embedder_on

    from datamap.tasks.embed.encode import SentenceTransformerEmbedder, resolve_model

    pypi = pl.read_parquet(SHARED / "pypi-summaries.parquet", columns=["text"])
    pypi = pypi.filter(pl.col("text").str.strip_chars().str.len_chars() > 0).sample(n=1500, seed=1)["text"].to_list()
    deb = pl.read_parquet(SHARED / "debian-packages.parquet").with_row_index("_row").sample(n=400, seed=1)
    deb_ref = np.load(SHARED / "debian-packages-minilm.npy", mmap_mode="r")[deb["_row"].to_numpy()].astype(np.float32)
    sets = {"pypi": pypi, "debian": deb["text"].to_list()}
    path, mid = resolve_model(None)
    refs = {"pypi": SentenceTransformerEmbedder(path, mid).encode(pypi), "debian": deb_ref}
    out: dict = {"texts": {k: len(v) for k, v in sets.items()}, "shuffled_call_size": 21,
                 "load_avg_start": [round(x, 2) for x in os.getloadavg()], "graphs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        graphs = build_variants(tmp)
        for name in graph_names:
            e = embedder_on(graphs[name])
            res = {}
            for c, texts in sets.items():
                one = e.encode(texts)
                shuf = _shuffled(e, texts, 21, seed=3)
                res[c] = {"one_call_vs_shuffled": _stats((one * shuf).sum(1)),
                          "to_reference_one_call": _stats((one * refs[c]).sum(1)),
                          "to_reference_shuffled": _stats((shuf * refs[c]).sum(1))}
            out["graphs"][name] = res
            print(name, json.dumps(res), flush=True)
    out["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    dest.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--graphs", default="v2,per-token,two-pass")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "int8_batch_invariance.json"))
    a = ap.parse_args()
    main(a.graphs.split(","), Path(a.out))
