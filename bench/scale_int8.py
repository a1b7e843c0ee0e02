"""Which MatMuls of MiniLM's fused ONNX graph to keep in fp32 so the int8 ``quality``
mode stays ≥ 0.99 cosine to the reference vectors: each recipe's min / p01 / mean
cosine and CPU docs/s on random Debian descriptions (the same texts for each recipe).

    python bench/scale_int8.py --n 2000 --seeds 0,1
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))

LAYERS = range(6)
RECIPES = {
    "all MatMul int8 (v1)": [],
    "layer 5 fp32": [f"/m/encoder/layer.5/{p}/dense/MatMul" for p in ("attention/output", "intermediate", "output")],
    "FFN down-proj fp32": [f"/m/encoder/layer.{i}/output/dense/MatMul" for i in LAYERS],
    "layers 0+5 fp32": [f"/m/encoder/layer.{i}/{p}/dense/MatMul" for i in (0, 5)
                        for p in ("attention/output", "intermediate", "output")],
}


def main() -> None:
    import onnxruntime as ort
    import polars as pl
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from datamap.tasks.embed.encode import resolve_model
    from datamap.tasks.embed.onnx_minilm import OnnxEmbedder, ensure_exported

    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--recipes", default="all MatMul int8 (v1),FFN down-proj fp32,layer 5 fp32")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "scale_int8.json"))
    a = ap.parse_args()
    path, model_id = resolve_model(None)   # the bundled MiniLM, base id (the embedder adds its suffix)
    folder = ensure_exported(path, model_id)
    df = pl.read_parquet(SHARED / "debian-packages.parquet", columns=["text"]).with_row_index("_row")
    ref = np.load(SHARED / "debian-packages-minilm.npy", mmap_mode="r")
    rows = np.unique(np.concatenate([df.sample(n=a.n, seed=int(s))["_row"].to_numpy() for s in a.seeds.split(",")]))
    texts = df["text"].to_numpy()[rows].tolist()
    r = np.asarray(ref[rows], np.float32)
    r /= np.linalg.norm(r, axis=1, keepdims=True)
    out = {"docs": len(rows), "seeds": a.seeds, "load_avg": os.getloadavg(), "recipes": {}}
    emb = OnnxEmbedder(path, model_id, int8=True)
    tmp = Path("/tmp") / "datamap-int8-recipes"
    tmp.mkdir(exist_ok=True)
    for name in [x for x in a.recipes.split(",") if x]:
        dst = tmp / (name.replace(" ", "_").replace(",", "") + ".onnx")
        if not dst.exists():
            quantize_dynamic(os.path.join(folder, "model.onnx"), str(dst), weight_type=QuantType.QInt8,
                             per_channel=True, op_types_to_quantize=["MatMul"], nodes_to_exclude=RECIPES[name],
                             extra_options={"DefaultTensorType": 1})
        so = ort.SessionOptions()
        so.intra_op_num_threads = os.cpu_count() or 1
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        emb.session = ort.InferenceSession(str(dst), so, providers=["CPUExecutionProvider"])
        c0, t0 = time.process_time(), time.perf_counter()
        v = emb.encode(texts)
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        cos = (v * r).sum(1) / np.linalg.norm(v, axis=1)
        out["recipes"][name] = {"fp32_matmuls": RECIPES[name], "min": float(cos.min()),
                                "p01": float(np.percentile(cos, 1)), "mean": float(cos.mean()),
                                "share_ge_0.99": float((cos >= 0.99).mean()),
                                "docs_per_cpu_s": len(texts) / cpu, "docs_per_s": len(texts) / wall}
        print(name, json.dumps({k: v for k, v in out["recipes"][name].items() if k != "fp32_matmuls"}), flush=True)
        Path(a.out).write_text(json.dumps(out, indent=2))
    # the production path as shipped (tasks/embed/onnx_minilm.py RECIPE, exported at first use)
    prod = OnnxEmbedder(path, model_id, int8=True)
    c0, t0 = time.process_time(), time.perf_counter()
    v = prod.encode(texts)
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    cos = (v * r).sum(1) / np.linalg.norm(v, axis=1)
    out["production"] = {"model_id": prod.model_id, "file": prod.path, "min": float(cos.min()),
                         "p01": float(np.percentile(cos, 1)), "mean": float(cos.mean()),
                         "docs_per_cpu_s": len(texts) / cpu, "docs_per_s": len(texts) / wall}
    print("production", json.dumps(out["production"]), flush=True)
    out["load_avg_end"] = os.getloadavg()
    Path(a.out).write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
