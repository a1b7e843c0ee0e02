"""Dedupe on real boilerplate: the whole PyPI corpus's identical-summary groups.

    python bench/dedupe_boilerplate.py                   # every row in an identical group + others: 200k
    python bench/dedupe_boilerplate.py --total 0         # all 784,692 summaries

PyPI holds 32,989 summaries shared by 114,584 rows ("Add your description here" 4,909
times, "A small example package" 3,993, ...). Each group of identical texts must come
out of ``tasks.dedupe.find_duplicates`` as (part of) one cluster with one retained
point, in memory and time that grow with the rows, not with the groups' squares.

By default the input is every row in such a group plus random other rows up to 200,000
(the size from which the index and the widening search take their large-map settings);
``--total 0`` runs the whole corpus (its index had not finished after 14 minutes on the
shared box under load ~11, so the default keeps to the part that tests the groups).
The run is the build's own path at this size: vectors from ``embed_texts`` (identical
texts are embedded once, so they share a vector), the usearch index with the large-map
settings, the 33-NN graph, then dedupe with its defaults (widening capped at 128 on maps
of 200k rows or more, text check on). Vectors are the fast mode's (the quality mode
would take over an hour on two cores): what is measured is the handling of identical
texts, which is the same in any vector space; the cutoff's meaning differs (see
docs/embedding-modes.md). Peak RSS is this process's VmHWM after each step.
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


def vm_hwm_mb() -> float:
    """This process's peak resident set so far (MB), from /proc."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def load(total: int, seed: int = 0) -> tuple[list[str], list[str]]:
    """Every row whose summary another row shares, plus a seeded random sample of the
    other rows up to ``total`` rows (file order kept); ``total`` 0: the whole corpus."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    t = pq.read_table(SHARED / "pypi-summaries.parquet", columns=["id", "text"])
    if total:
        text = pc.fill_null(t.column("text"), "")
        counts = pc.value_counts(text)
        shared = pc.filter(counts.field("values"), pc.greater(counts.field("counts"), 1))
        in_group = pc.is_in(text, value_set=shared).to_numpy(zero_copy_only=False)
        others = np.nonzero(~in_group)[0]
        fill = max(0, total - int(in_group.sum()))
        pick = np.random.default_rng(seed).choice(others, min(fill, len(others)), replace=False)
        t = t.take(np.sort(np.concatenate([np.nonzero(in_group)[0], pick])))
    return t.column("id").to_pylist(), [s or "" for s in t.column("text").to_pylist()]


def group_report(texts: list[str], cl, top: int = 12) -> dict:
    """Per identical-summary group: how many clusters its rows span and how many retained
    points its cluster has (1 each is right)."""
    from datamap.resources.duplicate_clusters import RETENTION

    code = {}
    g = np.fromiter((code.setdefault(t, len(code)) for t in texts), dtype=np.int64, count=len(texts))
    size = np.bincount(g)
    multi = np.nonzero(size > 1)[0]
    rows = np.nonzero(size[g] > 1)[0]
    order = rows[np.argsort(g[rows], kind="stable")]
    starts = np.searchsorted(g[order], multi)
    ends = np.searchsorted(g[order], multi, side="right")
    cid = cl.cluster_id
    retained_per_cluster = np.bincount(cid, weights=(cl.duplicate_class == RETENTION), minlength=cid.max() + 1)
    size_per_cluster = np.bincount(cid)
    split, bad_retained, biggest = 0, 0, []
    inv = {v: k for k, v in code.items()}
    for j, grp in enumerate(multi.tolist()):
        mem = order[starts[j]:ends[j]]
        cs = np.unique(cid[mem])
        split += int(len(cs) > 1)
        bad_retained += int(any(retained_per_cluster[c] != 1 for c in cs))
    for grp in multi[np.argsort(-size[multi])][:top].tolist():
        mem = order[starts[np.searchsorted(multi, grp)]:ends[np.searchsorted(multi, grp)]]
        cs = np.unique(cid[mem])
        biggest.append({"text": inv[grp][:80], "copies": int(size[grp]), "clusters": len(cs),
                        "cluster_size": int(size_per_cluster[cs].sum()),
                        "retained_in_cluster": int(retained_per_cluster[cs].sum())})
    return {"groups": len(multi), "rows_in_groups": int(size[multi].sum()),
            "groups_split": split, "groups_without_exactly_one_retained": bad_retained,
            "largest": biggest}


def run(total: int, mode: str) -> dict:
    from datamap.tasks import index as I
    from datamap.tasks.dedupe import DuplicateOptions, find_duplicates
    from datamap.tasks.embed.encode import EmbedOptions, embed_texts, load_embedder

    out: dict = {"load_avg_start": os.getloadavg(), "mode": mode, "seconds": {}, "peak_rss_mb": {}}
    t = time.perf_counter()

    def step(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        out["seconds"][name] = round(now - t, 2)
        out["peak_rss_mb"][name] = round(vm_hwm_mb())
        print(name, out["seconds"][name], "s", out["peak_rss_mb"][name], "MB", flush=True)
        t = now

    ids, texts = load(total)
    out["rows"] = len(ids)
    step("load")
    opts = EmbedOptions(mode=mode)
    res = embed_texts(texts, load_embedder(opts), None, opts)
    v = res.vectors
    out["embedded_distinct_texts"] = res.embedded
    step("embed")
    idx = I.build_index(v)
    step("index")
    knn_idx, knn_dist = I.knn_graph(idx, v, 33)
    step("knn_graph")
    d = find_duplicates(ids, v, DuplicateOptions(), knn_idx, knn_dist, idx, texts=texts)
    step("dedupe")
    out["dedupe"] = {"method": d.method, "pairs": len(d.a), "clusters": d.clusters.n_clusters,
                     "deletion_candidates": d.clusters.n_deletion,
                     "steps_s": {k: round(x, 2) for k, x in d.seconds.items()},
                     "text_pairs_compared": d.text_check.get("text_pairs_compared"),
                     "rejected_at_cutoff": d.text_check.get("rejected_at_cutoff")}
    out["identical_groups"] = group_report(texts, d.clusters)
    out["load_avg_end"] = os.getloadavg()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--total", type=int, default=200_000,
                    help="rows: all in identical groups + random others (200k: the big-map path); 0: all")
    ap.add_argument("--mode", default="fast")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "dedupe_boilerplate.json"))
    a = ap.parse_args()
    res = run(a.total, a.mode)
    res["when_utc"] = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
    Path(a.out).write_text(json.dumps(res, indent=2) + "\n")
    print(json.dumps({k: res[k] for k in ("seconds", "peak_rss_mb", "dedupe")}, indent=1))
    print(json.dumps(res["identical_groups"], indent=1)[:3000])


if __name__ == "__main__":
    main()
