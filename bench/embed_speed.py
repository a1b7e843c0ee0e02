"""Embedding speed and quality of each embed mode, side by side, on real PyPI and Debian text.

    python bench/embed_speed.py                          # 2,000 PyPI summaries + 1,000 Debian texts
    python bench/embed_speed.py --modes torch,quality --rounds 3

Every mode embeds the same texts through the production path (``tasks.embed.embed_texts``:
longest first, chunks of 512, no cache): random PyPI summaries (short, ~15 tokens) and
random full Debian descriptions (~100 tokens). The machine is shared, so the modes are
timed *interleaved*: each round runs every mode once on each corpus, in a rotated order,
and the speed ratio to torch is taken within a round (then the median over rounds).
Reported per mode, corpus and round: docs/s (wall), docs per CPU-second and the 1-minute
load average.

Quality, per document: cosine to this run's torch vectors (the bar is 0.99 for *every*
document) and, on Debian, to the shipped reference vectors; the share of each doc's 10
torch neighbours a mode recovers; on Debian, topic NMI vs ``section``.

Where the limit is: GFLOP/s achieved by each MiniLM mode (the model's multiply-adds on the
real, unpadded tokens, over wall time) next to the machine's measured peaks, one large
int8 ``MatMulInteger`` and one fp32 ``MatMul`` in ONNX Runtime on the same threads.
Model export / distillation happens before timing (first-use cost reported separately).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from machine import facts as machine_facts  # noqa: E402  (bench/machine.py)
SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402

# all-MiniLM-L6-v2's shape: 6 layers, hidden 384, FFN 1536 (QKV 3x384, out 384, up, down)
LAYERS, HIDDEN, FFN = 6, 384, 1536


def load_avg() -> float:
    return round(os.getloadavg()[0], 2)


def knn(x: np.ndarray, k: int = 10) -> np.ndarray:
    out = np.empty((len(x), k), dtype=np.int64)
    for s in range(0, len(x), 2048):
        sim = x[s:s + 2048] @ x.T
        sim[np.arange(len(sim)), np.arange(s, s + len(sim))] = -np.inf
        out[s:s + 2048] = np.argpartition(-sim, k, axis=1)[:, :k]
    return out


def recovery(ref: np.ndarray, got: np.ndarray, k: int = 10) -> float:
    a, b = knn(ref, k), knn(got, k)
    return float(np.mean([len(set(a[i]) & set(b[i])) / k for i in range(len(a))]))


def nmi(vectors: np.ndarray, labels: list[str], k: int, seed: int = 0) -> float:
    from sklearn.cluster import KMeans
    from sklearn.metrics import normalized_mutual_info_score
    pred = KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(vectors)
    return float(normalized_mutual_info_score(labels, pred))


def model_flops(texts: list[str]) -> tuple[float, float]:
    """(FLOPs, mean tokens): multiply-adds x2 of MiniLM on these texts' real tokens (no
    padding), as the model runs them: dense layers 2*T*H*(3H+H+2F), attention 4*T^2*H,
    per layer."""
    from tokenizers import Tokenizer

    from datamap.tasks.embed.encode import resolve_model

    tok = Tokenizer.from_file(os.path.join(resolve_model(None)[0], "tokenizer.json"))
    tok.no_padding()                 # the file pads to 128 by default, as OnnxEmbedder undoes too
    tok.enable_truncation(256)
    t = np.array([len(e.ids) for e in tok.encode_batch([x.strip() for x in texts])], dtype=np.float64)
    dense = 2 * t * HIDDEN * (4 * HIDDEN + 2 * FFN)
    attn = 4 * t * t * HIDDEN
    return float(LAYERS * (dense + attn).sum()), float(t.mean())


def load_corpora(n_pypi: int, n_debian: int, seed: int) -> dict:
    """{name: {"texts", "reference" (Debian: the shipped vectors), "labels"}}."""
    from datamap.tasks.embed.encode import EmbedOptions

    max_chars = EmbedOptions().max_chars
    pypi = pl.read_parquet(SHARED / "pypi-summaries.parquet", columns=["text"])
    pypi = pypi.filter(pl.col("text").str.strip_chars().str.len_chars() > 0).sample(n=n_pypi, seed=seed)
    deb = pl.read_parquet(SHARED / "debian-packages.parquet").with_row_index("_row").sample(n=n_debian, seed=seed)
    ref = np.load(SHARED / "debian-packages-minilm.npy", mmap_mode="r")
    return {
        "pypi": {"texts": pypi["text"].to_list(), "reference": None, "labels": None},
        "debian": {"texts": [t[:max_chars] for t in deb["text"].to_list()],
                   "reference": np.asarray(ref[deb["_row"].to_numpy()], dtype=np.float32),
                   "labels": deb["section"].to_list()},
    }


def load_modes(modes: list[str], warm: list[str]) -> tuple[dict, dict]:
    """Embedders (built at first use, then warmed up) and what loading each cost."""
    from datamap.tasks.embed.encode import EmbedOptions, load_embedder, resolve_embedder

    embs, info = {}, {}
    for mode in modes:
        opts = EmbedOptions(mode=mode)
        _, model_id, eff = resolve_embedder(opts)
        t0 = time.perf_counter()
        embs[mode] = load_embedder(opts)
        info[mode] = {"model_id": model_id, "effective_mode": eff, "dim": embs[mode].dim,
                      "load_seconds": round(time.perf_counter() - t0, 2)}
        embs[mode].encode(warm)
        print(f"[{mode}] loaded in {info[mode]['load_seconds']} s; load avg {load_avg()}", flush=True)
    return embs, info


def timed_embed(emb, texts: list[str]) -> tuple[np.ndarray, dict]:
    from datamap.tasks.embed.encode import embed_texts
    la0, t0, c0 = load_avg(), time.perf_counter(), time.process_time()
    v = embed_texts(texts, emb, None).vectors
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return v, {"seconds": round(wall, 3), "cpu_seconds": round(cpu, 3),
               "docs_per_s": round(len(texts) / wall, 1), "docs_per_cpu_s": round(len(texts) / cpu, 1),
               "load_avg_1m": [la0, load_avg()]}


def interleaved(embs: dict, corpora: dict, rounds: int) -> tuple[dict, dict]:
    """Every mode on every corpus, ``rounds`` times, the mode order rotated each round:
    ({corpus: {mode: [timing per round]}}, {corpus: {mode: vectors of the last round}}).
    The fast mode is reloaded (0.1 s, untimed) before each timing: it memoises the words it
    has seen, so a second pass over the same texts would time a warm memo, not encoding."""
    from datamap.tasks.embed.encode import EmbedOptions, load_embedder

    modes = list(embs)
    times = {c: {m: [] for m in modes} for c in corpora}
    vecs: dict = {c: {} for c in corpora}
    for r in range(rounds):
        order = modes[r % len(modes):] + modes[:r % len(modes)]
        for c, corpus in corpora.items():
            for m in order:
                if m == "fast":
                    embs[m] = load_embedder(EmbedOptions(mode="fast"))
                v, t = timed_embed(embs[m], corpus["texts"])
                times[c][m].append(t)
                vecs[c][m] = v
                print(f"round {r} {c:6s} {m:7s} {t['docs_per_s']:9.1f} docs/s  load {t['load_avg_1m']}",
                      flush=True)
    return times, vecs


def cosine_stats(a: np.ndarray, b: np.ndarray) -> dict:
    cos = (a * b).sum(1)
    return {"mean": round(float(cos.mean()), 5), "p01": round(float(np.quantile(cos, 0.01)), 5),
            "min": round(float(cos.min()), 5), "share_ge_0.99": round(float((cos >= 0.99).mean()), 5)}


def quality(vecs: dict, corpus: dict) -> dict:
    """Per mode: cosine to torch (and the reference), 10-NN recovered, NMI (with labels)."""
    torch_v = vecs.get("torch")
    out = {}
    for m, v in vecs.items():
        q: dict = {}
        if torch_v is not None and v.shape[1] == torch_v.shape[1]:
            q["cosine_to_torch"] = cosine_stats(v, torch_v)
        if corpus["reference"] is not None and v.shape[1] == corpus["reference"].shape[1]:
            q["cosine_to_reference"] = cosine_stats(v, corpus["reference"])
        base = corpus["reference"] if corpus["reference"] is not None else torch_v
        if base is not None:
            q["neighbour_recovery_at_10"] = round(recovery(base, v), 4)
        if corpus["labels"] is not None:
            q["nmi_section"] = round(nmi(v, corpus["labels"], len(set(corpus["labels"]))), 4)
        out[m] = q
    return out


def _matmul_model(kind: str, m: int, k: int, n: int) -> bytes:
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    if kind == "int8":
        w = numpy_helper.from_array(rng.integers(-127, 127, (k, n), dtype=np.int8), "B")
        x, y, op = TensorProto.UINT8, TensorProto.INT32, "MatMulInteger"
    else:
        w = numpy_helper.from_array(rng.standard_normal((k, n)).astype(np.float32), "B")
        x, y, op = TensorProto.FLOAT, TensorProto.FLOAT, "MatMul"
    g = helper.make_graph([helper.make_node(op, ["A", "B"], ["Y"])], "peak",
                          [helper.make_tensor_value_info("A", x, [m, k])],
                          [helper.make_tensor_value_info("Y", y, [m, n])], [w])
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return model.SerializeToString()


def measured_peak(size: int = 2048, repeats: int = 7) -> dict:
    """Best and median GOP/s of one size^3 int8 MatMulInteger (u8 x s8 -> s32, the kernel
    the quality graph's dynamic-quantised MatMuls run) and one fp32 MatMul, in ONNX
    Runtime with the embedder's thread count."""
    import onnxruntime as ort

    out = {"size": size, "threads": max(1, os.cpu_count() or 1)}
    for kind in ("int8", "fp32"):
        so = ort.SessionOptions()
        so.intra_op_num_threads = out["threads"]
        s = ort.InferenceSession(_matmul_model(kind, size, size, size), so, providers=["CPUExecutionProvider"])
        rng = np.random.default_rng(1)
        a = rng.integers(0, 255, (size, size), dtype=np.uint8) if kind == "int8" else \
            rng.standard_normal((size, size)).astype(np.float32)
        s.run(None, {"A": a})
        took = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            s.run(None, {"A": a})
            took.append(time.perf_counter() - t0)
        ops = 2.0 * size ** 3
        out[kind] = {"best_gops": round(ops / min(took) / 1e9, 1), "median_gops": round(ops / float(np.median(took)) / 1e9, 1),
                     "load_avg_1m": load_avg()}
    return out


def summarise(times: dict, flops: dict) -> dict:
    """Per corpus and mode: median docs/s, GFLOP/s, and the median over rounds of the
    within-round ratio to torch (wall and CPU)."""
    out: dict = {}
    for c, per_mode in times.items():
        out[c] = {}
        base = per_mode.get("torch")
        for m, runs in per_mode.items():
            dps = [r["docs_per_s"] for r in runs]
            s: dict = {"docs_per_s_median": round(float(np.median(dps)), 1),
                       "docs_per_cpu_s_median": round(float(np.median([r["docs_per_cpu_s"] for r in runs])), 1),
                       "rounds": runs}
            if m != "fast":
                s["gflop_per_s_median"] = round(flops[c] / float(np.median([r["seconds"] for r in runs])) / 1e9, 1)
            if base:
                s["x_torch_wall_median"] = round(float(np.median(
                    [r["docs_per_s"] / b["docs_per_s"] for r, b in zip(runs, base)])), 2)
                s["x_torch_wall_per_round"] = [round(r["docs_per_s"] / b["docs_per_s"], 2) for r, b in zip(runs, base)]
                s["x_torch_cpu_median"] = round(float(np.median(
                    [r["docs_per_cpu_s"] / b["docs_per_cpu_s"] for r, b in zip(runs, base)])), 2)
            out[c][m] = s
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--modes", default="torch,exact,quality,fast")
    ap.add_argument("--n-pypi", type=int, default=2000)
    ap.add_argument("--n-debian", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "embed_speed.json"))
    a = ap.parse_args()

    corpora = load_corpora(a.n_pypi, a.n_debian, a.seed)
    flops, tokens = {}, {}
    for c, corpus in corpora.items():
        flops[c], tokens[c] = model_flops(corpus["texts"])
    res: dict = {
        "machine": machine_facts(),
        "when_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
        "inputs": {c: {"n": len(x["texts"]), "mean_chars": round(float(np.mean([len(t) for t in x["texts"]])), 1),
                       "mean_tokens": round(tokens[c], 1), "model_gflop": round(flops[c] / 1e9, 1)}
                   for c, x in corpora.items()} | {"seed": a.seed, "rounds": a.rounds},
        "peak_before": measured_peak(),
    }
    embs, res["modes"] = load_modes([m.strip() for m in a.modes.split(",") if m.strip()],
                                    corpora["debian"]["texts"][:16])
    times, vecs = interleaved(embs, corpora, a.rounds)
    res["peak_after"] = measured_peak()
    res["speed"] = summarise(times, flops)
    res["quality"] = {c: quality(vecs[c], corpora[c]) for c in corpora}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=2) + "\n")
    for c, per_mode in res["speed"].items():
        for m, s in per_mode.items():
            q = res["quality"][c][m].get("cosine_to_torch", {})
            print(f"{c:6s} {m:7s} {s['docs_per_s_median']:9.1f} docs/s  x torch {s.get('x_torch_wall_median')}"
                  f"  GFLOP/s {s.get('gflop_per_s_median')}  cos min {q.get('min')}")
    print("peak", res["peak_before"], res["peak_after"])


if __name__ == "__main__":
    main()
