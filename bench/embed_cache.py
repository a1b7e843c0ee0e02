"""The embedding cache at PyPI scale: what the next build over the same store pays before
it embeds anything, for the cache code of two commits, side by side in one run.

    python bench/embed_cache.py [--rows 784692] [--old c589ca7] [--rounds 1] \
        [--out bench/out/embed_cache.json]

Each side runs in a fresh process on a fresh local store with the real PyPI summaries
(``../shared/data``), through that commit's ``embed_texts`` and cache, and a stand-in model
that returns random 256-d vectors at once (the fast mode's width; the model's own time is
not the question). Three builds per side:

1. ``first``: every distinct text embedded and cached (what the parts look like after);
2. ``again``: the same texts, everything cached (a rebuild, or a refresh's unchanged rows);
3. ``refresh``: the same texts plus 2 % new ones (a refresh when data lands).

The old side's ``tasks/embed/encode.py`` is read with ``git show`` and imported as a
module of its own; everything it imports comes from the installed package.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

from machine import cpu_model  # bench/machine.py

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("DATAMAP_SHARED_DATA", os.path.join(os.path.dirname(REPO), "shared", "data"))

CHILD = r"""
import importlib.util, json, os, sys, time
import numpy as np, polars as pl
side, module_path, rows, store_dir, pypi = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
spec = importlib.util.spec_from_file_location("encode_under_test", module_path)
enc = importlib.util.module_from_spec(spec); sys.modules[spec.name] = enc; spec.loader.exec_module(enc)
from datamap.resources.store import Store
texts = pl.read_parquet(pypi, columns=["text"])["text"].head(rows).fill_null("").to_list()
new = [t + " (new release)" for t in texts[: max(1, len(texts) // 50)]]

class Instant:   # the model's time is not the question: random 256-d rows at once
    model_id, dim = "bench/instant-256", 256
    def __init__(self): self.rng = np.random.default_rng(0)
    def encode(self, batch): return self.rng.standard_normal((len(batch), self.dim), dtype=np.float32)

store = Store(store_dir)
out = {"side": side, "rows": len(texts)}
for name, batch in (("first", texts), ("again", texts), ("refresh", texts + new)):
    cache = enc.EmbeddingCache(store, Instant.model_id)
    t = time.perf_counter()
    res = enc.embed_texts(batch, Instant(), cache)
    secs = time.perf_counter() - t
    d = cache.dir
    parts = [n for n in store.listdir(d) if n.endswith(".parquet")]
    size = sum(os.path.getsize(os.path.join(d, n)) for n in parts)
    out[name] = {"seconds": round(secs, 2), "embedded": res.embedded, "cached": res.cached,
                 "parts_after": len(parts), "cache_mb_after": round(size / 1e6, 1)}
    print(name, out[name], flush=True)
out["peak_rss_gb"] = round(next(int(l.split()[1]) for l in open("/proc/self/status")
                                if l.startswith("VmHWM")) / 1024 ** 2, 2)
out["load_avg"] = [round(x, 2) for x in os.getloadavg()]
print("RESULT " + json.dumps(out), flush=True)
"""


def run_side(side: str, module_path: str, rows: int, pypi: str) -> dict:
    """One side in a fresh process and a fresh store."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("DATAMAP_BENCH_TMP")) as d:
        p = subprocess.run([sys.executable, "-c", CHILD, side, module_path, str(rows), os.path.join(d, "store"), pypi],
                           cwd=REPO, capture_output=True, text=True)
    if p.returncode:
        raise SystemExit(f"{side} failed:\n{p.stderr[-3000:]}")
    res = json.loads(p.stdout.split("RESULT ", 1)[1])
    print(json.dumps(res), flush=True)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=784_692)
    ap.add_argument("--old", default="c589ca7", help="commit with the one-part-per-chunk cache")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(REPO, "bench", "out", "embed_cache.json"))
    a = ap.parse_args()
    pypi = os.path.join(SHARED, "pypi-summaries.parquet")
    tmp = tempfile.mkdtemp()
    old_path = os.path.join(tmp, "encode_old.py")
    with open(old_path, "w") as f:
        f.write(subprocess.run(["git", "-C", REPO, "show", f"{a.old}:tasks/embed/encode.py"],
                               capture_output=True, text=True, check=True).stdout)
    sides = {"old": old_path, "new": os.path.join(REPO, "tasks", "embed", "encode.py")}
    head = {"what": __doc__.split("\n\n")[0].replace("\n", " "), "rows": a.rows, "old_commit": a.old,
            "new_commit": subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                                         capture_output=True, text=True).stdout.strip(),
            "cpus": os.cpu_count(), "cpu": cpu_model(), "runs": {"old": [], "new": []}}
    for _ in range(a.rounds):
        for side, path in sides.items():
            head["runs"][side].append(run_side(side, path, a.rows, pypi))
            with open(a.out, "w") as f:   # after every side: a stopped bench keeps its data
                json.dump(head, f, indent=1)


if __name__ == "__main__":
    main()
