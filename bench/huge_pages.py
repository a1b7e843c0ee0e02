"""What numpy's huge-page requests cost this machine: new memory with and without them.

    .venv/bin/python bench/huge_pages.py [--gib 2] [--rounds 3] [--out bench/out/huge_pages.json]
    .venv/bin/python bench/huge_pages.py --embed-stage pypi --fit-sample 10000 --out ...

numpy marks every array of 4 MB or more ``MADV_HUGEPAGE``, and a build allocates and
frees arrays of hundreds of MB in every stage. On the VM this was written on, new
huge-page memory faulted in 6-10x slower than ordinary pages (2026-12-07,
``bench/out/huge_pages.json``), with no compaction stall counted. Each round starts two
fresh processes, one after the other, one with numpy's default and one with
``NUMPY_MADVISE_HUGEPAGE=0`` (the order alternates), each filling ``--gib`` GiB of new
numpy memory three times (the second and third may reuse what the first freed). Reported
per fill: seconds, and the kernel's ``compact_stall`` count over it (/proc/vmstat:
faults that waited for compaction), to tell compaction from other fault costs.
``flows/runtime/memory.numpy_huge_pages_off`` is what a build does about it.

``--embed-stage CORPUS`` (``pypi``, ``debian``: ``../shared/data``) times the fast embed
stage itself instead, all of the corpus' rows and a ``--fit-sample`` fit, in fresh
processes with and without huge pages, alternating. The store keeps the ``quality``
vectors of the fit's sample (computed once, by a first run not counted) and nothing
else, so each run fits, encodes and writes its cache anew.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from machine import facts  # noqa: E402

CHILD = r"""
import json, sys, time
import numpy as np

def stalls():
    with open("/proc/vmstat") as f:
        return next((int(l.split()[1]) for l in f if l.startswith("compact_stall ")), -1)

n = int(float(sys.argv[1]) * 2**30) // 8
out = []
for _ in range(3):
    s, t = stalls(), time.perf_counter()
    a = np.ones(n)
    out.append({"seconds": round(time.perf_counter() - t, 3), "compact_stalls": stalls() - s})
    del a
print(json.dumps(out))
"""


def _sysfs(path: str) -> str | None:
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return None


def fill(gib: float, huge: bool) -> list[dict]:
    env = {**os.environ, "NUMPY_MADVISE_HUGEPAGE": "1" if huge else "0"}
    out = subprocess.run([sys.executable, "-c", CHILD, str(gib)], env=env, capture_output=True,
                         text=True, timeout=600, check=True)
    return json.loads(out.stdout)


STAGE_CHILD = r"""
import json, os, shutil, sys, time
from datamap.flows.stages.embed import embed
from datamap.tasks.embed.cache import model_slug
from datamap.tasks.embed.encode import resolve_embedder, EmbedOptions

work, store, fit = sys.argv[1], sys.argv[2], int(sys.argv[3])
shutil.rmtree(os.path.join(work, "k"), ignore_errors=True)
cache = os.path.join(store, "_cache", "embeddings")
keep = model_slug(resolve_embedder(EmbedOptions(mode="quality"))[1])   # the fit's targets only
for d in (os.listdir(cache) if os.path.isdir(cache) else []):
    if d != keep:
        shutil.rmtree(os.path.join(cache, d))
for n in os.listdir(work):
    if n != "data.parquet":
        p = os.path.join(work, n)
        shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
t = time.perf_counter()
out = embed.fn("k", work, store, {}, "text", False, {"mode": "fast", "fit_sample": fit})
print(json.dumps({"stage_s": round(time.perf_counter() - t, 2), "fit_s": out["fit"]["fit_seconds"],
                  "half_fits_s": out["fit"]["residuals"]["seconds"], "targets_s": out["fit"]["target_seconds"],
                  "embedded": out.get("embedded")}))
"""


def embed_stage(corpus: str, fit_sample: int, rounds: int) -> dict:
    """The fast embed stage on all of ``corpus`` with and without huge pages (see above)."""
    import tempfile

    import pyarrow.parquet as pq

    shared = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
    source = {"pypi": "pypi-summaries.parquet", "debian": "debian-packages.parquet"}[corpus]
    root = Path(tempfile.mkdtemp(prefix=f"huge-pages-{corpus}-"))
    work, store = root / "work", root / "store"
    work.mkdir()
    pq.write_table(pq.read_table(shared / source, columns=["id", "text"]), work / "data.parquet")

    def stage(huge: bool) -> dict:
        env = {**os.environ, "NUMPY_MADVISE_HUGEPAGE": "1" if huge else "0"}
        out = subprocess.run([sys.executable, "-c", STAGE_CHILD, str(work), str(store), str(fit_sample)],
                             env=env, capture_output=True, text=True, timeout=1800, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    warm = stage(False)            # computes the sample's quality vectors once
    result = {"corpus": corpus, "fit_sample": fit_sample, "warm_up": warm, "rounds": []}
    for r in range(rounds):
        order = [True, False] if r % 2 == 0 else [False, True]
        row = {("huge_pages" if huge else "ordinary_pages"): stage(huge) for huge in order}
        result["rounds"].append(row)
        print(json.dumps(row), flush=True)
    for kind in ("huge_pages", "ordinary_pages"):
        result[kind] = {"stage_s": [row[kind]["stage_s"] for row in result["rounds"]],
                        "fit_s": [row[kind]["fit_s"] for row in result["rounds"]]}
    result["stage_ratio"] = round(sum(result["huge_pages"]["stage_s"]) / sum(result["ordinary_pages"]["stage_s"]), 2)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gib", type=float, default=2.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "huge_pages.json"))
    ap.add_argument("--embed-stage", choices=["pypi", "debian"], help="time the fast embed stage on this corpus")
    ap.add_argument("--fit-sample", type=int, default=10000)
    args = ap.parse_args()
    if args.embed_stage:
        result = {"machine": facts(), "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                  "thp_enabled": _sysfs("/sys/kernel/mm/transparent_hugepage/enabled"),
                  "load_avg_start": os.getloadavg(), **embed_stage(args.embed_stage, args.fit_sample, args.rounds),
                  "load_avg_end": os.getloadavg()}
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
        print(json.dumps({k: result[k] for k in ("huge_pages", "ordinary_pages", "stage_ratio")}))
        return
    result = {"machine": facts(), "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "gib": args.gib, "thp_enabled": _sysfs("/sys/kernel/mm/transparent_hugepage/enabled"),
              "thp_defrag": _sysfs("/sys/kernel/mm/transparent_hugepage/defrag"),
              "load_avg_start": os.getloadavg(), "rounds": []}
    for r in range(args.rounds):
        order = [True, False] if r % 2 == 0 else [False, True]
        row = {("huge_pages" if huge else "ordinary_pages"): fill(args.gib, huge) for huge in order}
        result["rounds"].append(row)
        print(json.dumps(row), flush=True)
    for kind in ("huge_pages", "ordinary_pages"):
        first = [row[kind][0]["seconds"] for row in result["rounds"]]
        again = [f["seconds"] for row in result["rounds"] for f in row[kind][1:]]
        result[kind] = {"first_fill_s": first, "refill_s_max": max(again),
                        "compact_stalls": sum(f["compact_stalls"] for row in result["rounds"] for f in row[kind])}
    result["first_fill_ratio"] = round(sum(result["huge_pages"]["first_fill_s"])
                                       / sum(result["ordinary_pages"]["first_fill_s"]), 2)
    result["load_avg_end"] = os.getloadavg()
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: result[k] for k in ("huge_pages", "ordinary_pages", "first_fill_ratio")}))


if __name__ == "__main__":
    main()
