"""Issue 25: is the dedupe stage at 1M rows slower than before the issue's text check?

The 1M build's dedupe stage took 276 s on 2026-11-23 (commit 9976162, idle machine) and
600 s on 2026-12-01 (6aadf6f, load 9-10, the index stage 3.5x slower than on the 23rd): two
days, two loads, no answer. This runs both codes on the *same* inputs on the same machine,
alternating, each in its own process: the vectors, k-NN graph, HNSW index and texts of a
1M map that ``bench/compare.py`` built (``--version-dir``), given to ``find_duplicates``
exactly as the stage gives them (``flows/stages/dedupe.py``; the old code had no texts).

    python bench/dedupe_1m_ab.py --version-dir /tmp/cmp/1000000/store/cmp/versions/<v> \
        [--old 9976162] [--rounds 2] [--out bench/out/dedupe_1m_ab.json] [--question TEXT]

Any two commits compare the same way (``--old``: the earlier one; the new side is the
working tree): issue 24's widening and threaded recheck were measured with it too.

The old code is checked out in a temporary git worktree and imported from there
(``tasks.dedupe``, the layout before the package move), the new from the installed package.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from machine import cpu_model  # bench/machine.py

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CHILD = r"""
import json, os, sys, time, resource
import numpy as np, pyarrow as pa, pyarrow.ipc as ipc, pyarrow.parquet as pq
side, vdir, text_field = sys.argv[1], sys.argv[2], sys.argv[3]
opts = json.loads(sys.argv[5]) if len(sys.argv) > 5 else {}
t_load = time.perf_counter()
tb = ipc.open_file(pa.memory_map(os.path.join(vdir, "embeddings.arrow"), "r")).read_all()
col = tb.column("latent") if "latent" in tb.column_names else tb.column(tb.column_names[-1])
vectors = col.combine_chunks().values.to_numpy(zero_copy_only=False).reshape(len(tb), -1)
knn_idx = np.load(os.path.join(vdir, "knn_idx.npy"))
knn_dist = np.load(os.path.join(vdir, "knn_dist.npy"))
from usearch.index import Index
index = Index.restore(os.path.join(vdir, "index.usearch"), view=True)
data = pq.read_table(os.path.join(vdir, "data.parquet"), columns=["id", text_field])
ids = data.column("id").combine_chunks().to_pylist()
texts = data.column(text_field).combine_chunks()
load_s = time.perf_counter() - t_load
c0 = time.process_time(); t0 = time.perf_counter()
if side == "old":
    import inspect
    if os.path.isdir(os.path.join(sys.argv[4], "datamap")):   # after the package move: via the shim
        from datamap.tasks.dedupe import find_duplicates, DuplicateOptions
        import datamap.tasks.dedupe as _m
        assert os.path.realpath(_m.__file__).startswith(sys.argv[4]), (_m.__file__, sys.argv[4])
    else:
        from tasks.dedupe import find_duplicates, DuplicateOptions
    extra = {"texts": texts} if "texts" in inspect.signature(find_duplicates).parameters else {}  # 9976162: none
    res = find_duplicates(ids, vectors, DuplicateOptions(**opts), knn_idx=knn_idx, knn_dist=knn_dist, index=index, **extra)
else:
    from datamap.tasks.dedupe import find_duplicates, DuplicateOptions
    res = find_duplicates(ids, vectors, DuplicateOptions(**opts), knn_idx=knn_idx, knn_dist=knn_dist, index=index,
                          texts=texts)
wall = time.perf_counter() - t0; cpu = time.process_time() - c0
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024 ** 2
# flagged (not a singleton) against the truth bench/compare.py uses: another row within
# cosine distance 0.1, exact, on the same 3,000 random rows (rng(1))
n = len(vectors)
q = np.sort(np.random.default_rng(1).choice(n, min(3000, n), replace=False))
u = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
truth = np.zeros(len(q), bool)
for s in range(0, len(q), 500):
    sim = u[q[s:s + 500]] @ u.T
    sim[np.arange(len(sim)), q[s:s + 500]] = -1
    truth[s:s + 500] = sim.max(1) >= 0.9
flag = (np.asarray(res.clusters.duplicate_class) != "singleton")[q]
tp = int((flag & truth).sum())
print(json.dumps({"side": side, "find_duplicates_s": round(wall, 1), "cpu_s": round(cpu, 1),
                  "load_inputs_s": round(load_s, 1), "peak_rss_gb": round(hwm, 2),
                  "seconds": {k: round(v, 1) for k, v in res.seconds.items()},
                  "near_pairs": int(len(res.a)), "clusters": int(res.clusters.n_clusters),
                  "deletion_candidates": int(res.clusters.n_deletion), "method": res.method,
                  "flagged_recall": round(tp / max(int(truth.sum()), 1), 4),
                  "flagged_precision": round(tp / max(int(flag.sum()), 1), 4),
                  "load_avg": [round(x, 2) for x in os.getloadavg()]}))
"""


def package_shim(tree: str) -> str:
    """A folder holding ``datamap/`` built from ``tree`` (its ``datamap/__init__.py`` and
    links to its stage folders), for commits after the package move: the editable install
    maps ``datamap.*`` to the working tree, and an old ``tasks/dedupe.py`` imported alone
    would still import the working tree's ``datamap.resources`` (the new clustering rule)."""
    shim = os.path.join(os.path.dirname(tree), "shim")
    pkg = os.path.join(shim, "datamap")
    if not os.path.isfile(os.path.join(tree, "datamap", "__init__.py")) or os.path.isdir(pkg):
        return shim
    os.makedirs(pkg)
    with open(os.path.join(tree, "datamap", "__init__.py")) as src, open(os.path.join(pkg, "__init__.py"), "w") as dst:
        dst.write(src.read())
    for sub in ("cli", "deployments", "flows", "resources", "tasks", "viewer"):
        if os.path.isdir(os.path.join(tree, sub)):
            os.symlink(os.path.realpath(os.path.join(tree, sub)), os.path.join(pkg, sub))
    return shim


def run_side(side: str, vdir: str, text_field: str, old_tree: str, options: str = "{}") -> dict:
    """One ``find_duplicates`` in a fresh process; the old side imports from the worktree."""
    env = dict(os.environ)
    cwd = REPO
    if side == "old":     # run from the shim: a working folder holding datamap/ would come first
        cwd = package_shim(old_tree)
        env["PYTHONPATH"] = os.pathsep.join([cwd, old_tree])
    p = subprocess.run([sys.executable, "-c", CHILD, side, vdir, text_field, os.path.realpath(old_tree), options],
                       cwd=cwd, env=env, capture_output=True, text=True)
    if p.returncode:
        raise SystemExit(f"{side} run failed:\n{p.stderr[-3000:]}")
    out = json.loads(p.stdout.strip().splitlines()[-1])
    print(json.dumps(out), flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--version-dir", required=True, help="a 1M map's version folder (bench/compare.py's store)")
    ap.add_argument("--old", default="9976162", help="commit of the code before issue 25 (the 276 s build)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(REPO, "bench", "out", "dedupe_1m_ab.json"))
    ap.add_argument("--options", default="{}", help="dedupe options (JSON) for both sides, e.g. '{\"text_check\": false}'")
    ap.add_argument("--question", help="what this run asks, recorded in the output (default: issue 25's question above)")
    args = ap.parse_args()
    manifest = json.load(open(os.path.join(args.version_dir, "manifest.json")))
    tree = os.path.join(tempfile.mkdtemp(), "old")
    subprocess.run(["git", "-C", REPO, "worktree", "add", "--detach", tree, args.old], check=True,
                   capture_output=True)
    runs: dict[str, list] = {"old": [], "new": []}
    head = {"what": args.question or __doc__.split("\n\n")[1].replace("\n", " "), "version_dir": args.version_dir,
            "rows": manifest["rows"], "old_commit": args.old, "cpus": os.cpu_count(), "cpu": cpu_model(),
            "options": json.loads(args.options),
            "new_commit": subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                                         capture_output=True, text=True).stdout.strip()}
    try:
        for _ in range(args.rounds):
            for side in ("old", "new"):
                runs[side].append(run_side(side, args.version_dir, manifest["text_field"], tree, args.options))
                write(args.out, head, runs)      # after every run: a stopped bench keeps its data
    finally:
        subprocess.run(["git", "-C", REPO, "worktree", "remove", "--force", tree], capture_output=True)


def write(path: str, head: dict, runs: dict) -> None:
    """The result so far, with the ratio of the median walls once both sides have run."""
    result = {**head, "runs": runs}
    if runs["old"] and runs["new"]:
        med = {s: sorted(r["find_duplicates_s"] for r in v)[len(v) // 2] for s, v in runs.items()}
        result["new_over_old_wall"] = round(med["new"] / med["old"], 3)
    with open(path, "w") as f:
        json.dump(result, f, indent=1)

if __name__ == "__main__":
    main()
