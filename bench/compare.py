"""datamap side by side with the tools people would otherwise use, on the same inputs and
machine, in one run.

    python bench/compare.py --size 10000            # real Debian rows (sample)
    python bench/compare.py --size 100000 --prev bench/out/compare-10000.json
    python bench/compare.py --size 1000000 --prev bench/out/compare-100000.json
    python bench/compare.py --table                 # markdown table of every compare-*.json
    python bench/compare.py --size 1000000 --only datamap --out /tmp/trial.json   # an A/B trial

Inputs: up to 63,666 rows, a sample of the real Debian corpus (text, MiniLM vectors,
``section``); above, synthetic rows built from it (bench/scale_data.py: real vectors
interpolated towards a real neighbour plus noise, text and section of the base row).

Each contender runs in its own fresh process (peak RSS from ``wait4``), with a time cap:
* datamap ``datamap.build_map`` (the public Python call) on the pre-embedded rows (BYO .npy):
  every stage, published;
* umap-learn's default full fit (``umap.UMAP()``): time, 10-NN preservation;
* BERTopic's default pipeline on the same vectors: time, NMI vs ``section``, outliers;
* SemHash ``self_deduplicate(0.9)`` on the same vectors (records = ids, encoder = lookup):
  time, precision/recall of "has a duplicate at cosine ≥ 0.9"; in its own venv when
  bench/.venv-semhash exists (``pip install semhash==0.5.0`` there: its usearch, numpy
  and model2vec stay out of datamap's), else in this interpreter (the ``bench`` extra);
* embedding-atlas's projection step (``_run_umap``: its own k-NN + UMAP) in its own venv
  (bench/.venv-atlas, installed with ``--no-deps`` + narwhals, umap-learn: the full
  dependency set pulls CUDA torch).

Quality is measured on ``--queries`` random rows against exact brute-force search:
10-NN preservation = share of a row's 10 nearest 2-D neighbours among its 10 nearest
latent neighbours; duplicate truth = another row within cosine distance 0.1.
A baseline whose time at the previous size (``--prev``), scaled linearly, passes the cap
is skipped and reported with that reason (no point burning the cap to learn "> cap").
"""
from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from machine import cpu_model, host_times, host_times_between, speed_probe  # noqa: E402
OUT = REPO / "bench" / "out"
ATLAS_PY = REPO / "bench" / ".venv-atlas" / "bin" / "python"
SEMHASH_PY = REPO / "bench" / ".venv-semhash" / "bin" / "python"
CUTOFF = 0.1

DATAMAP = r"""
import json, sys, time
t = time.perf_counter()
import datamap
src, npy, store, projection = sys.argv[1:5]
res = datamap.build_map(src, "cmp", store=store,
                options={"text_field": "text", "id_field": "id", "embeddings": npy,
                         "projection": json.loads(projection)})
res["wall_s"] = time.perf_counter() - t
print("RESULT " + json.dumps(res, default=str))
"""

UMAP_DEFAULT = r"""
import sys, time, numpy as np, warnings
warnings.simplefilter("ignore")
v = np.load(sys.argv[1]).astype(np.float32)
t = time.perf_counter()
import umap
xy = umap.UMAP(verbose=True).fit_transform(v)   # verbose: its stages, timed, in the log
np.save(sys.argv[2], xy)
print("RESULT {\"seconds\": %f}" % (time.perf_counter() - t))
"""

# umap-learn's default spectral init never finished at 1M rows here (2026-12-01: > 2,990 s;
# 2026-12-02: its k-NN took 4 min, then ARPACK's eigsh ran on alone); the same full fit
# from its own PCA init measures what the optimisation over the whole graph reaches
UMAP_PCA_INIT = UMAP_DEFAULT.replace("umap.UMAP(verbose=True)", 'umap.UMAP(init="pca", verbose=True)')

BERTOPIC_DEFAULT = r"""
import sys, time, numpy as np, warnings, polars as pl
warnings.simplefilter("ignore")
v = np.load(sys.argv[1]).astype(np.float32)
docs = pl.read_parquet(sys.argv[2], columns=["text"])["text"].to_list()
t = time.perf_counter()
from bertopic import BERTopic
m = BERTopic(calculate_probabilities=False)
topics, _ = m.fit_transform(docs, embeddings=v)
np.save(sys.argv[3], np.asarray(topics, np.int64))
print("RESULT {\"seconds\": %f}" % (time.perf_counter() - t))
"""

SEMHASH = r"""
import sys, time, json, numpy as np
v = np.load(sys.argv[1]).astype(np.float32)
ids = [f"r{i}" for i in range(len(v))]
class Lookup:   # SemHash's Encoder protocol, answering with the shared vectors
    def encode(self, sentences, **kw):
        return v[[int(s[1:]) for s in sentences]]
t = time.perf_counter()
from semhash import SemHash
sh = SemHash.from_records(records=ids, model=Lookup())
res = sh.self_deduplicate(threshold=0.9)
secs = time.perf_counter() - t
flag = np.zeros(len(v), bool)
for d in res.filtered:
    flag[int(d.record[1:])] = True
    flag[int(d.duplicate_of[1:])] = True
np.save(sys.argv[2], flag)
print("RESULT " + json.dumps({"seconds": secs, "removed": len(res.filtered)}))
"""

ATLAS = r"""
import sys, time, numpy as np, warnings, logging
warnings.simplefilter("ignore")
v = np.load(sys.argv[1]).astype(np.float32)
t = time.perf_counter()
from embedding_atlas.projection import _run_umap
p = _run_umap(v)
np.save(sys.argv[2], np.asarray(p.projection))
print("RESULT {\"seconds\": %f}" % (time.perf_counter() - t))
"""


# Peak RSS comes from the contender's own VmHWM at exit: wait4's ru_maxrss carries over
# the high-water mark of this (big) benchmark process across fork and exec, which made
# every contender look several GB bigger than it was. Child processes a contender starts
# (Prefect's temporary API server, ~0.3 GB) are not counted.
PEAK_PREAMBLE = (
    "import atexit as _a\n"
    "def _peak():\n"
    "    for _l in open('/proc/self/status'):\n"
    "        if _l.startswith('VmHWM:'): print('PEAK_RSS_KB', _l.split()[1], flush=True)\n"
    "_a.register(_peak)\n")


def run_capped(args: list[str], cap: float, env: dict | None = None, log_path: str | None = None) -> dict:
    """Run a contender in a fresh process; wall seconds, peak RSS (GB), its RESULT json,
    or status "> cap" when it ran past ``cap`` seconds. ``log_path``: keep its output
    there (to follow a long run while it goes, or see where a capped one stopped)."""
    t = time.perf_counter()
    if len(args) > 2 and args[1] == "-c":   # the contender reports its own high-water mark
        args = [args[0], "-c", PEAK_PREAMBLE + args[2], *args[3:]]
    with open(log_path, "w+") if log_path else tempfile.TemporaryFile(mode="w+") as log:
        p = subprocess.Popen(args, cwd=str(REPO), stdout=log, stderr=subprocess.STDOUT,
                             start_new_session=True, env={**os.environ, **(env or {})})
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t > cap:
                os.killpg(p.pid, signal.SIGKILL)
                os.wait4(p.pid, 0)
                log.seek(0)
                return {"status": f"> cap ({cap:.0f} s)", "wall_s": time.perf_counter() - t,
                        "log_tail": log.read()[-2000:]}
            time.sleep(0.5)
        wall = time.perf_counter() - t
        log.seek(0)
        text = log.read()
    # cpu_s (user + system) is what the job cost whatever else shares the cores: with
    # other jobs on the machine, wall_s ≥ cpu_s / cores
    out = {"status": "ok" if os.waitstatus_to_exitcode(status) == 0 else "failed", "wall_s": wall,
           "cpu_s": ru.ru_utime + ru.ru_stime}
    hwm = [ln for ln in text.splitlines() if ln.startswith("PEAK_RSS_KB ")]
    if hwm:
        out["peak_rss_gb"] = int(hwm[-1].split()[1]) / 1024 ** 2
    res = [ln for ln in text.splitlines() if ln.startswith("RESULT ")]
    if res:
        out.update(json.loads(res[-1][7:]))
    if out["status"] != "ok":
        out["log_tail"] = text[-2000:]
    return out


def truth(v: np.ndarray, q: np.ndarray, chunk: int = 500) -> dict:
    """Exact 10-NN, duplicate flag and duplicate partners (distance ≤ CUTOFF) of rows ``q``,
    and ``kth``: each row's cosine similarity to its 10th nearest (for ``preservation_ties``)."""
    nn = np.empty((len(q), 10), np.int64)
    kth = np.empty(len(q), np.float32)
    dup = np.zeros(len(q), bool)
    partners = []
    for s in range(0, len(q), chunk):
        rows = q[s:s + chunk]
        sim = v[rows] @ v.T
        sim[np.arange(len(rows)), rows] = -np.inf
        part = np.argpartition(-sim, 10, axis=1)[:, :10]
        order = np.argsort(-np.take_along_axis(sim, part, 1), axis=1)
        nn[s:s + chunk] = np.take_along_axis(part, order, 1)
        kth[s:s + chunk] = np.take_along_axis(sim, nn[s:s + chunk, -1:], 1)[:, 0]
        hit = sim >= 1 - CUTOFF - 1e-6
        dup[s:s + chunk] = hit.any(axis=1)
        partners += [set(np.nonzero(h)[0].tolist()) for h in hit]
    return {"nn": nn, "dup": dup, "partners": partners, "kth": kth}


def preservation(xy: np.ndarray, q: np.ndarray, nn: np.ndarray) -> float:
    from scipy.spatial import cKDTree

    _, got = cKDTree(np.asarray(xy, np.float64)).query(np.asarray(xy, np.float64)[q], 11)
    return float(np.mean([len(set(g[g != r][:10].tolist()) & set(t.tolist())) / 10
                          for r, g, t in zip(q, got, nn)]))


def preservation_ties(xy: np.ndarray, q: np.ndarray, v: np.ndarray, kth: np.ndarray) -> float:
    """``preservation`` where a 2-D neighbour counts if it is *as near* in the vectors as
    the row's 10th exact neighbour (``truth``'s ``kth``), not only if it is one of the ten
    positions ``truth`` happened to pick. Why: on a corpus of repeated texts (PyPI: one
    boilerplate summary thousands of times) a row's "10 nearest" are 10 arbitrary picks
    among many identical vectors, so the strict measure scores a layout that puts the row
    amid its identical copies as a miss. Unit rows ``v`` (cosine = dot)."""
    from scipy.spatial import cKDTree

    _, got = cKDTree(np.asarray(xy, np.float64)).query(np.asarray(xy, np.float64)[q], 11)
    hits = []
    for r, g, t in zip(q, got, kth):
        g = g[g != r][:10]
        hits.append(float(np.sum(v[g] @ v[r] >= t - 1e-6)) / 10)
    return float(np.mean(hits))


def flag_scores(flag_q: np.ndarray, truth_q: np.ndarray) -> dict:
    tp = int((flag_q & truth_q).sum())
    return {"precision": tp / max(int(flag_q.sum()), 1), "recall": tp / max(int(truth_q.sum()), 1),
            "flagged_share": float(flag_q.mean()), "true_share": float(truth_q.mean())}


def nmi(labels, section) -> float:
    from sklearn.metrics import normalized_mutual_info_score

    return float(normalized_mutual_info_score(section, labels))


def skip_estimate(name: str, prev: dict | None, n: int) -> float | None:
    """Seconds a baseline would take at ``n`` rows, scaled linearly from the previous size
    (optimistic: none of them grows less than linearly); None without a finished run."""
    p = (prev or {}).get("contenders", {}).get(name) or {}
    if not p.get("seconds") or p.get("skipped"):
        return None
    return p["seconds"] * n / prev["rows"]


def skip_reason(name: str, prev: dict | None, n: int, cap: float) -> str | None:
    if not prev:
        return None
    p = prev.get("contenders", {}).get(name)
    if not p:
        return None
    if str(p.get("status", "")).startswith(">") or p.get("skipped"):
        return f"did not finish within the cap at {prev['rows']:,} rows"
    est = p.get("wall_s", 0) * n / prev["rows"]
    if est > cap:
        return f"{p['wall_s']:.0f} s at {prev['rows']:,} rows → ≥ {est:.0f} s at {n:,} (linear, optimistic) > cap {cap:.0f} s"
    return None


def datamap_quality(store: str, q: np.ndarray, t: dict, section: np.ndarray) -> dict:
    import polars as pl

    from datamap.resources import open_map, schema

    m = open_map("cmp", store=store)
    proj = m.read_parquet(schema.PROJECTION)
    xy = np.column_stack([proj.column(schema.X).to_numpy(), proj.column(schema.Y).to_numpy()])
    out = {"nn10_preservation": preservation(xy, q, t["nn"]), "manifest_timings": m.manifest["build"]["timings"]}
    if m.has(schema.TOPICS):
        tp = pl.from_arrow(m.read_parquet(schema.TOPICS))
        depths = [d for d in range(1, 10) if schema.topic_id_column(d) in tp.columns]
        out["topics"] = []
        for d in depths:
            lab = tp[schema.topic_id_column(d)].to_numpy()
            out["topics"].append({"depth": d, "topics": int(len(np.unique(lab))), "nmi_section": nmi(lab, section),
                                  "outlier_share": float((lab < 0).mean())})
    if m.has(schema.DUPLICATES):
        du = pl.from_arrow(m.read_parquet(schema.DUPLICATES))
        flag = (du[schema.DUP_CLASS] != "singleton").to_numpy()
        out["dedupe"] = flag_scores(flag[q], t["dup"])
        pairs = pl.from_arrow(m.read_parquet(schema.DUPLICATE_NEIGHBORS)).filter(
            pl.col(schema.NEIGHBOR_DISTANCE) <= CUTOFF)
        pos = {k: i for i, k in enumerate(m.data.ids)}
        a = np.array([pos[x] for x in pairs[schema.ID].to_list()], np.int64)
        b = np.array([pos[x] for x in pairs[schema.NEIGHBOR_ID].to_list()], np.int64)
        got = [set() for _ in q]
        where = {int(r): i for i, r in enumerate(q)}
        for x, y in zip(a.tolist(), b.tolist()):
            if x in where:
                got[where[x]].add(y)
            if y in where:
                got[where[y]].add(x)
        want = sum(len(p) for p in t["partners"])
        found = sum(len(g & p) for g, p in zip(got, t["partners"]))
        out["dedupe"]["pair_recall"] = found / max(want, 1)
        out["dedupe"]["method"] = m.manifest.get("dedupe", {}).get("method")
    return out


def run(n: int, cap: float, queries: int, prev: dict | None, only: set[str] | None,
        projection: dict | None = None) -> dict:
    import polars as pl
    import scale_data

    res: dict = {"rows": n, "cap_s": cap, "cpus": os.cpu_count(), "load_avg_start": os.getloadavg(),
                 "input": "real Debian sample" if n <= 63_666 else "synthetic from Debian (bench/scale_data.py)",
                 "contenders": {}}
    names = ("datamap", "umap_learn_default", "umap_learn_pca_init", "embedding_atlas_projection",
             "bertopic_default", "semhash")
    todo = [x for x in names if (only is None or x in only) and (x == "datamap" or not skip_reason(x, prev, n, cap))]
    if not todo:   # every asked-for baseline is skipped: no need to build the inputs
        for x in names:
            if only is None or x in only:
                res["contenders"][x] = {"skipped": skip_reason(x, prev, n, cap), "estimate_s": skip_estimate(x, prev, n)}
        res["load_avg_end"] = os.getloadavg()
        res["prepare_s"] = 0.0
        res["ratios"] = {}
        return res
    keep = os.environ.get("DATAMAP_BENCH_DIR")   # fixed folder: inputs and the work area survive a rerun
    if keep:
        os.makedirs(os.path.join(keep, str(n)), exist_ok=True)
    with (contextlib.nullcontext(os.path.join(keep, str(n))) if keep else
          tempfile.TemporaryDirectory(dir=os.environ.get("DATAMAP_BENCH_TMP"))) as d:
        src = os.path.join(d, "input.parquet")
        npy = os.path.join(d, "input.npy")
        t0 = time.perf_counter()
        if os.path.exists(src) and os.path.exists(npy):
            section = pl.read_parquet(src, columns=["section"])["section"].to_numpy()
            v = np.load(npy)
        else:
            df, v = scale_data.make(n)
            df.drop("base").write_parquet(src)
            np.save(npy, v)
            section = df["section"].to_numpy()
            del df
        q = np.sort(np.random.default_rng(1).choice(n, min(queries, n), replace=False))
        t = truth(v, q)
        del v
        res["prepare_s"] = time.perf_counter() - t0
        print(f"[{n}] inputs + truth in {res['prepare_s']:.0f} s", flush=True)
        env = {"PREFECT_LOGGING_LEVEL": "WARNING", "DATAMAP_WORK_DIR": os.path.join(d, "work")}

        def want(name):
            return only is None or name in only

        if want("datamap"):
            store = os.path.join(d, "store")
            import shutil

            shutil.rmtree(store, ignore_errors=True)   # a fresh map each time (work area resumes)
            before = speed_probe()      # the host's speed beside the build (machine.speed_probe)
            times = host_times()
            r = run_capped([sys.executable, "-c", DATAMAP, src, npy, store, json.dumps(projection or {})],
                           max(cap, 4 * 3600), env, log_path=os.path.join(d, "datamap.log"))
            r["host_times"] = host_times_between(times, host_times())   # steal: cores the VM was denied
            r["host_probe"] = {"before": before, "after": speed_probe()}
            r.pop("dataset", None)
            r["projection_options"] = projection or {}
            if r["status"] == "ok":
                r.update(datamap_quality(store, q, t, section))
            res["contenders"]["datamap"] = r
            print(f"[{n}] datamap: {json.dumps(r, default=str)[:600]}", flush=True)
        for name, code, extra in (("umap_learn_default", UMAP_DEFAULT, ["xy.npy"]),
                                  ("umap_learn_pca_init", UMAP_PCA_INIT, ["xy_pca.npy"]),
                                  ("embedding_atlas_projection", ATLAS, ["atlas_xy.npy"]),
                                  ("bertopic_default", BERTOPIC_DEFAULT, [src, "bt.npy"]),
                                  ("semhash", SEMHASH, ["sh.npy"])):
            if not want(name):
                continue
            why = skip_reason(name, prev, n, cap)
            py = sys.executable
            if name == "embedding_atlas_projection" and not ATLAS_PY.exists():
                why = "bench/.venv-atlas missing (python -m venv bench/.venv-atlas; pip install --no-deps embedding-atlas; pip install narwhals umap-learn)"
            if why:
                res["contenders"][name] = {"skipped": why, "estimate_s": skip_estimate(name, prev, n)}
                print(f"[{n}] {name}: skipped: {why}", flush=True)
                continue
            if name == "embedding_atlas_projection":
                py = str(ATLAS_PY)
            if name == "semhash" and SEMHASH_PY.exists():
                py = str(SEMHASH_PY)
            paths = [x if x.startswith("/") else os.path.join(d, x) for x in extra]
            r = run_capped([py, "-c", code, npy, *paths], cap, env, log_path=os.path.join(d, f"{name}.log"))
            if r["status"] == "ok":
                outp = paths[-1]
                if name in ("umap_learn_default", "umap_learn_pca_init", "embedding_atlas_projection"):
                    r["nn10_preservation"] = preservation(np.load(outp), q, t["nn"])
                elif name == "bertopic_default":
                    lab = np.load(outp)
                    r.update({"topics": int(len(np.unique(lab))), "nmi_section": nmi(lab, section),
                              "outlier_share": float((lab < 0).mean())})
                elif name == "semhash":
                    r.update(flag_scores(np.load(outp)[q], t["dup"]))
            res["contenders"][name] = r
            print(f"[{n}] {name}: {json.dumps(r, default=str)[:400]}", flush=True)
    res["load_avg_end"] = os.getloadavg()
    res["ratios"] = ratios(res)
    return res


def ratios(res: dict) -> dict:
    """Baseline seconds / datamap seconds for the comparable step."""
    c = res["contenders"]
    dm = c.get("datamap", {})
    tm = dm.get("manifest_timings", {})
    out = {}
    layout = (tm.get("index", 0) + tm.get("project", 0)) or None
    for name, step in (("umap_learn_default", layout), ("umap_learn_pca_init", layout),
                       ("embedding_atlas_projection", layout),
                       ("bertopic_default", tm.get("topics")), ("semhash", tm.get("dedupe"))):
        b = c.get(name, {})
        if step and b.get("seconds"):
            out[name] = {"baseline_s": b["seconds"], "datamap_s": step, "speedup": b["seconds"] / step}
            if b.get("nn10_preservation") and dm.get("nn10_preservation"):   # layout quality, datamap's share
                out[name]["nn10_preservation_ratio"] = dm["nn10_preservation"] / b["nn10_preservation"]
            if step == layout and tm.get("project"):   # the layout stage alone: the index is also the search's
                out[name]["speedup_layout_stage"] = b["seconds"] / tm["project"]
            if name == "semhash" and tm.get("index"):   # SemHash builds its own index; ours is the index stage's
                out[name]["speedup_with_index"] = b["seconds"] / (step + tm["index"])
        if step and b.get("skipped") and b.get("estimate_s"):
            out[name] = {"baseline_s": f"≥ {b['estimate_s']:.0f} (linear estimate)", "datamap_s": step,
                         "speedup": f"≥ {b['estimate_s'] / step:.1f}"}
        if step and str(b.get("status", "")).startswith(">"):
            out[name] = {"baseline_s": f"> {res['cap_s']:.0f}", "datamap_s": step,
                         "speedup": f"> {res['cap_s'] / step:.1f}"}
    if dm.get("wall_s"):
        out["datamap_build_wall_s"] = dm["wall_s"]
    return out


def table() -> str:
    rows = []
    for p in sorted(glob.glob(str(OUT / "compare-*.json")), key=lambda p: json.load(open(p))["rows"]):
        r = json.load(open(p))
        c = r["contenders"]
        dm = c.get("datamap", {})

        def show(name, key, fmt="{:.0f}"):
            x = c.get(name, {})
            if "skipped" in x:
                return f"skipped (≥ {x['estimate_s']:.0f} s est.)" if x.get("estimate_s") else "skipped"
            if str(x.get("status", "")).startswith(">"):
                return x["status"]
            val = x.get(key)
            return fmt.format(val) if isinstance(val, (int, float)) else "–"

        topics = dm.get("topics") or []
        best = max(topics, key=lambda t: t["nmi_section"]) if topics else {}
        rows.append(
            f"| {r['rows']:,} | {dm.get('wall_s', float('nan')):.0f} | {dm.get('peak_rss_gb', float('nan')):.1f} "
            f"| {dm.get('nn10_preservation', float('nan')):.3f} | {show('umap_learn_default', 'seconds')} / "
            f"{show('umap_learn_default', 'nn10_preservation', '{:.3f}')} "
            f"| {show('embedding_atlas_projection', 'seconds')} / {show('embedding_atlas_projection', 'nn10_preservation', '{:.3f}')} "
            f"| {best.get('nmi_section', float('nan')):.3f} (d{best.get('depth', '?')}) / {best.get('outlier_share', float('nan')):.2f} "
            f"| {show('bertopic_default', 'seconds')} / {show('bertopic_default', 'nmi_section', '{:.3f}')} / "
            f"{show('bertopic_default', 'outlier_share', '{:.2f}')} "
            f"| {dm.get('dedupe', {}).get('precision', float('nan')):.3f} / {dm.get('dedupe', {}).get('recall', float('nan')):.3f} "
            f"| {show('semhash', 'seconds')} / {show('semhash', 'precision', '{:.3f}')} / {show('semhash', 'recall', '{:.3f}')} "
            f"| {dm.get('load_avg', [r['load_avg_start'][0], r['load_avg_end'][0]])[0]:.1f}–"
            f"{dm.get('load_avg', [r['load_avg_start'][0], r['load_avg_end'][0]])[1]:.1f} |")
    head = ("| rows | datamap build s | peak RSS GB | datamap 10-NN pres. | umap-learn s / pres. | "
            "embedding-atlas s / pres. | datamap topics NMI / outliers | BERTopic s / NMI / outliers | "
            "datamap dedupe P / R | SemHash s / P / R | load avg |\n|" + "---|" * 11)
    stages = ["| rows | " + " | ".join(["ingest", "embed", "index", "project", "topics", "dedupe", "outliers", "tiles",
                                        "publish"]) + " |", "|" + "---|" * 10]
    for p in sorted(glob.glob(str(OUT / "compare-*.json")), key=lambda p: json.load(open(p))["rows"]):
        r = json.load(open(p))
        tm = r["contenders"].get("datamap", {}).get("timings", {})
        stages.append(f"| {r['rows']:,} | " + " | ".join(
            f"{tm[k]:.1f}" if isinstance(tm.get(k), (int, float)) else "–"
            for k in ["ingest", "embed", "index", "project", "topics", "dedupe", "outliers", "tiles", "publish"]) + " |")
    return (head + "\n" + "\n".join(rows) + "\n\nStage seconds (datamap build):\n\n" + "\n".join(stages)
            + "\n\n" + growth() + "\n")


STAGES = ["ingest", "embed", "index", "project", "topics", "dedupe", "outliers", "tiles", "publish"]
# from 100k to 1M rows, N log N grows 10 × log(1e6)/log(1e5) = 12×: exponent log10(12) ≈ 1.08
NLOGN_EXPONENT = 1.08


def growth() -> str:
    """How each stage's cost grows with N, as the exponent b in t ∝ N^b between sizes, and
    the process's peak RSS after each stage (the first stage whose figure jumps sets it)."""
    runs = [json.load(open(p)) for p in glob.glob(str(OUT / "compare-*.json"))]
    runs = sorted((r for r in runs if r["contenders"].get("datamap", {}).get("timings")), key=lambda r: r["rows"])
    if not runs:
        return ""
    sizes = [r["rows"] for r in runs]
    head = ("| stage | " + " | ".join(f"s at {n:,}" for n in sizes) + " | "
            + " | ".join(f"b {a:,}→{b:,}" for a, b in zip(sizes, sizes[1:]))
            + " | " + " | ".join(f"peak RSS GB after, {n:,}" for n in sizes) + " |")
    lines = [head, "|" + "---|" * (1 + 3 * len(sizes) - 1)]
    for st in STAGES:
        t = [r["contenders"]["datamap"]["timings"].get(st) for r in runs]
        rss = [(r["contenders"]["datamap"].get("peak_rss_mb") or {}).get(st) for r in runs]
        exps = []
        for (n0, t0), (n1, t1) in zip(zip(sizes, t), zip(sizes[1:], t[1:])):
            if t0 and t1 and t0 > 0.5:   # below half a second the fixed costs dominate
                b = np.log(t1 / t0) / np.log(n1 / n0)
                exps.append(f"{b:.2f}" + (" ⚠" if b > NLOGN_EXPONENT + 0.1 else ""))
            else:
                exps.append("–")
        lines.append(f"| {st} | " + " | ".join(f"{x:.1f}" if isinstance(x, (int, float)) else "–" for x in t)
                     + " | " + " | ".join(exps) + " | "
                     + " | ".join(f"{x / 1024:.1f}" if isinstance(x, (int, float)) else "–" for x in rss) + " |")
    return ("Growth with N (b: exponent of t ∝ N^b; N log N ≈ 1.08 from 100k to 1M; ⚠ worse than that):\n\n"
            + "\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int)
    ap.add_argument("--cap", type=float, default=600.0, help="seconds per baseline")
    ap.add_argument("--queries", type=int, default=3000)
    ap.add_argument("--prev", help="compare-*.json of a smaller size: skip baselines that would pass the cap")
    ap.add_argument("--only", help="comma list of contenders")
    ap.add_argument("--table", action="store_true")
    ap.add_argument("--projection", type=json.loads, default=None,
                    help='datamap\'s projection options as JSON, e.g. \'{"refine_epochs": 100, "refine_alpha": 1.0}\'')
    ap.add_argument("--out", type=Path, default=None,
                    help="result file (default bench/out/compare-SIZE.json): an A/B trial written elsewhere "
                         "leaves the kept result alone (each run used to overwrite it, whichever code ran)")
    a = ap.parse_args()
    if a.table:
        print(table())
        return
    prev = json.load(open(a.prev)) if a.prev else None
    res = run(a.size, a.cap, a.queries, prev, set(a.only.split(",")) if a.only else None, a.projection)
    for c in res["contenders"].values():   # each contender keeps the CPU it ran on (bench/machine.py)
        c.setdefault("cpu", cpu_model())
    path = a.out or OUT / f"compare-{a.size}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    if a.only and path.exists():   # a partial rerun updates its contenders, keeps the others
        old = json.loads(path.read_text())
        for c in res["contenders"].values():   # each contender keeps the load it ran under
            c.setdefault("load_avg", [res["load_avg_start"][0], res["load_avg_end"][0]])
        old["contenders"].update(res["contenders"])
        old.setdefault("runs", []).append({k: res[k] for k in ("load_avg_start", "load_avg_end", "prepare_s")}
                                          | {"only": sorted(res["contenders"])})
        # the top-level loads and prepare_s are the latest run's (they were the first run's); each contender
        # carries the load it ran under, and "runs" the history
        res = {**old, **{k: res[k] for k in ("load_avg_start", "load_avg_end", "prepare_s")},
               "ratios": ratios(old)}
    path.write_text(json.dumps(res, indent=2, default=str))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
