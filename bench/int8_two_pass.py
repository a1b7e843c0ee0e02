"""Int8 recipes for the quality mode tried against the 2.5x-torch goal (issue 24, item 2).

    python bench/int8_two_pass.py            # builds the variants, then accuracy + interleaved speed

Variants of the exported MiniLM graph (the cache folder of ``tasks.embed.onnx_minilm``):
``v2`` (production: dense MatMuls int8 in one pass, FFN down-projections and attention
fp32), ``all-int8`` (every MatMul and the fused attention's QKV int8, one pass) and
``two-pass`` (every dense MatMul as two int8 passes, below; attention fp32), with the
fp32 graph (``exact``) as the reference for PyPI and the shipped vectors for Debian.
Writes bench/out/int8_variants.json.

Two-pass int8 MatMuls, for the activations int8 cannot hold in one pass:

ONNX Runtime's dynamic quantisation scales a MatMul's input per tensor: one range for
every token of the batch. After GELU (MiniLM's FFN down-projections) a few large values
set that range and the rest lose their low bits, which is why recipe v2 kept those six
MatMuls in fp32 — and they then took a quarter of the quality mode's time, while the
int8 kernels (VNNI/AMX) ran at many times the fp32 rate (bench/embed_speed.py measures
both peaks).

Here the input is quantised twice: ``q1 = Q(x)``, then the residual ``r = x - DQ(q1)``,
whose range is one quantisation step of the first, is quantised again, and
``y = W·DQ(q1) + W·DQ(q2)`` is two int8 MatMuls with the same per-channel int8 weights.
The activation error drops by ~255×; what remains is the weights' per-channel rounding.
Both MatMuls are ``com.microsoft.MatMulIntegerToFloat``, which ONNX Runtime's CPU
provider runs with the same kernels as its own dynamic quantisation.

Measured (2026-12-01, load 4-6, bench/out/int8_variants.json, bench/README.md):
two-pass is the accurate one (per-document cosine min 0.9989 on PyPI, 0.9994 on Debian,
vs v2's 0.9888 / 0.9959); all-int8 the least (0.9729 / 0.9847). Speed under the shared
box's load was too noisy to rank two-pass against v2 (0.56-2.6x across rounds). Neither
ships yet.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


# recipe v2's fp32 MatMuls: each layer's FFN down-projection (names as torch.onnx exports BERT)
DOWN_PROJ = [f"/m/encoder/layer.{i}/output/dense/MatMul" for i in range(48)]


def _two_pass_nodes(p: str, x: str, y: str, wq: str, ws: str) -> list:
    from onnx import helper

    def mif(q: str, s: str, z: str, out: str):
        return helper.make_node("MatMulIntegerToFloat", [q, wq, s, ws, z], [out], name=p + out,   # weights' zero point: 0
                                domain="com.microsoft")

    return [
        helper.make_node("DynamicQuantizeLinear", [x], [p + "q1", p + "s1", p + "z1"], name=p + "dql1"),
        mif(p + "q1", p + "s1", p + "z1", p + "y1"),
        helper.make_node("DequantizeLinear", [p + "q1", p + "s1", p + "z1"], [p + "x1"], name=p + "dq1"),
        helper.make_node("Sub", [x, p + "x1"], [p + "r"], name=p + "sub"),
        helper.make_node("DynamicQuantizeLinear", [p + "r"], [p + "q2", p + "s2", p + "z2"], name=p + "dql2"),
        mif(p + "q2", p + "s2", p + "z2", p + "y2"),
        helper.make_node("Add", [p + "y1", p + "y2"], [y], name=p + "add"),
    ]


# recipe v3's spelling of the per-token quantisation (production until 2026-12-03): the
# rounding as six element-wise ops; v4 (tasks/embed/int8_per_token.py) does it in one
# QuantizeLinear. Kept to measure one against the other (bench/embed_batch_shape.py).
_V3_CONSTS = {"pt8_inv127": np.array(1 / 127.0, np.float32), "pt8_eps": np.array(1e-12, np.float32),
              "pt8_zp_f": np.array(128.0, np.float32), "pt8_lo": np.array(1.0, np.float32),
              "pt8_hi": np.array(255.0, np.float32), "pt8_zp": np.array(128, np.uint8),
              "pt8_one": np.array(1.0, np.float32)}


def _v3_nodes(p: str, x: str, y: str, wq: str, ws: str) -> list:
    from onnx import TensorProto, helper

    from datamap.tasks.embed.int8_per_token import token_scale_nodes

    mk = helper.make_node
    return token_scale_nodes(p, x) + [
        mk("Reciprocal", [p + "s"], [p + "inv"], name=p + "inv"),
        mk("Mul", [x, p + "inv"], [p + "xs"], name=p + "xs"),
        mk("Round", [p + "xs"], [p + "r"], name=p + "r"),
        mk("Add", [p + "r", "pt8_zp_f"], [p + "rz"], name=p + "rz"),
        mk("Clip", [p + "rz", "pt8_lo", "pt8_hi"], [p + "c"], name=p + "c"),
        mk("Cast", [p + "c"], [p + "q"], name=p + "q", to=TensorProto.UINT8),
        mk("MatMulIntegerToFloat", [p + "q", wq, "pt8_one", ws, "pt8_zp"], [p + "yw"], name=p + "mm",
           domain="com.microsoft"),
        mk("Mul", [p + "yw", p + "s"], [y], name=p + "y"),
    ]


def v3_int8(src: str, dst: str) -> int:
    """Recipe v3: every constant-weight MatMul of ``src`` per-token int8, v3's spelling."""
    from datamap.tasks.embed.int8_per_token import rewrite_matmuls

    return rewrite_matmuls(src, dst, lambda p, x, y, wq, ws: (_v3_nodes(p, x, y, wq, ws), {}),
                           None, _V3_CONSTS, tag="pt8")


def two_pass_int8(src: str, dst: str, node_names: list[str]) -> int:
    """Rewrite the fp32 MatMuls named ``node_names`` (constant weights) of the model at
    ``src`` as two-pass int8 MatMuls; save to ``dst``. Returns how many were rewritten."""
    from datamap.tasks.embed.int8_per_token import rewrite_matmuls

    def build(p, x, y, wq, ws):
        return _two_pass_nodes(p, x, y, wq, ws), {}

    return rewrite_matmuls(src, dst, build, node_names, tag="2x8")


def build_variants(out_dir: str) -> dict[str, str]:
    """{name: graph path}: exact and per-token (production, recipe v4) from the production
    export; v2 and v3 (the recipes before it) and the others derived from its fp32 graph."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from datamap.tasks.embed.encode import resolve_model
    from datamap.tasks.embed.onnx_minilm import ensure_exported

    path, mid = resolve_model(None)
    folder = ensure_exported(path, mid)
    fp32 = os.path.join(folder, "model.onnx")
    out = {"exact": fp32, "per-token": os.path.join(folder, "model.int8.onnx"),
           "v2": os.path.join(out_dir, "v2.onnx"), "v3": os.path.join(out_dir, "v3.onnx"),
           "all-int8": os.path.join(out_dir, "all_int8.onnx"), "two-pass": os.path.join(out_dir, "two_pass.onnx")}
    quantize_dynamic(fp32, out["v2"], weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["MatMul"],
                     nodes_to_exclude=DOWN_PROJ, extra_options={"DefaultTensorType": 1})
    quantize_dynamic(fp32, out["all-int8"], weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul", "Attention"], extra_options={"DefaultTensorType": 1})
    v3_int8(fp32, out["v3"])
    names = [n.name for n in onnx.load(fp32).graph.node if n.op_type == "MatMul"]
    two_pass_int8(fp32, out["two-pass"], names)
    return out


def embedder_on(graph: str):
    """The production ONNX embedder (tokenizer, length batching, pooling) running ``graph``
    with the production session settings: the harness every int8 bench compares through."""
    import onnxruntime as ort

    from datamap.tasks.embed.encode import resolve_model
    from datamap.tasks.embed.onnx_minilm import OnnxEmbedder

    path, mid = resolve_model(None)
    e = OnnxEmbedder(path, mid, int8=False)
    so = ort.SessionOptions()
    so.intra_op_num_threads = max(1, os.cpu_count() or 1)
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    e.session = ort.InferenceSession(graph, so, providers=["CPUExecutionProvider"])
    return e


def main() -> None:
    import tempfile

    import polars as pl

    from datamap.tasks.embed.encode import embed_texts

    shared = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
    pypi = pl.read_parquet(shared / "pypi-summaries.parquet", columns=["text"])
    pypi = pypi.filter(pl.col("text").str.strip_chars().str.len_chars() > 0).sample(n=1500, seed=1)["text"].to_list()
    deb = pl.read_parquet(shared / "debian-packages.parquet").with_row_index("_row").sample(n=400, seed=1)
    ref = np.load(shared / "debian-packages-minilm.npy", mmap_mode="r")[deb["_row"].to_numpy()].astype(np.float32)
    sets = {"pypi": pypi, "debian": [t[:6000] for t in deb["text"].to_list()]}
    embs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, graph in build_variants(tmp).items():
            embs[name] = embedder_on(graph)
    res: dict = {"load_avg_start": os.getloadavg(), "speed": {}, "cosine": {}}
    vecs: dict = {c: {} for c in sets}
    for r in range(2):                      # interleaved, order rotated
        names = list(embs)[r:] + list(embs)[:r]
        for c, texts in sets.items():
            for n in names:
                t0 = time.perf_counter()
                vecs[c][n] = embed_texts(texts, embs[n], None).vectors
                res["speed"].setdefault(c, {}).setdefault(n, []).append(round(len(texts) / (time.perf_counter() - t0), 1))
    for c in sets:
        base = ref if c == "debian" else vecs[c]["exact"]
        for n, v in vecs[c].items():
            cos = (v * base).sum(1)
            res["cosine"].setdefault(c, {})[n] = {"mean": round(float(cos.mean()), 5), "min": round(float(cos.min()), 5)}
    res["load_avg_end"] = os.getloadavg()
    (REPO / "bench" / "out" / "int8_variants.json").write_text(json.dumps(res, indent=2) + "\n")
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
