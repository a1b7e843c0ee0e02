"""What a build process pays before and around its real work: the README's demo build
(``datamap build sample/debian-3k.parquet``), with and without this change's two savings,
side by side in one run.

- ``before``: umap-learn's kernels that ship without ``cache=True`` compile in every process
  (``UNCACHED_KERNEL_MODULES`` emptied) and BERTopic is imported whole, torch and
  transformers included (imported before the build, so the stage's light import finds it);
- ``after``: the code as it is.

Each build runs in its own fresh process, into its own fresh store, alternating before /
after; every store starts with the same embedding cache (one warm-up build), so both sides
embed nothing and the difference is start-up, layout and topics, not the model. Prefect's
temporary server starts in every process on both sides (about 15 s here).

    python bench/build_startup_ab.py [--rounds 2] [--out bench/out/build_startup_ab.json]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(REPO, "sample", "debian-3k.parquet")

CHILD = r"""
import sys
side, store = sys.argv[1], sys.argv[2]
if side == "before":
    import datamap.tasks.project.umap as P
    P.UNCACHED_KERNEL_MODULES = ()
    import bertopic, bertopic.representation, bertopic.backend  # noqa: F401  (whole, torch included)
from datamap.cli.main import main
sys.argv = ["datamap", "build", sys.argv[3], "--dataset", "debian-sample", "--text-field", "text",
            "--id-field", "id", "--store", store]
main()
"""


def _build(side: str, store: str) -> dict:
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", CHILD, side, store, SAMPLE], capture_output=True, text=True,
                       env={**os.environ, "COLUMNS": "200"})
    wall = time.perf_counter() - t
    if r.returncode != 0 and "published" not in r.stdout:
        raise SystemExit(f"{side} build failed:\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    out = r.stdout + r.stderr
    stages = dict((k, float(v)) for k, v in re.findall(r"(\w+) ([\d.]+)", out.split("stage seconds:", 1)[1]
                                                         .split("map:", 1)[0])) if "stage seconds:" in out else {}
    embedded = re.search(r"embedded ([\d,]+)", out)
    return {"side": side, "wall_s": round(wall, 1), "stage_s": stages,
            "embedded": int(embedded.group(1).replace(",", "")) if embedded else None,
            "load_avg": [round(x, 2) for x in os.getloadavg()]}


def _fresh_store(root: str, name: str, cache_from: str | None) -> str:
    store = os.path.join(root, name)
    if cache_from:
        shutil.copytree(os.path.join(cache_from, "_cache"), os.path.join(store, "_cache"))
    return store


def summarise(runs: list[dict]) -> dict:
    """Median wall per side, and after / before."""
    summary: dict = {}
    for side in ("before", "after"):
        walls = sorted(r["wall_s"] for r in runs if r["side"] == side)
        summary[side] = {"wall_s_median": round(statistics.median(walls), 1), "walls": walls}
    summary["after_over_before"] = round(summary["after"]["wall_s_median"] / summary["before"]["wall_s_median"], 3)
    return summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(REPO, "bench", "out", "build_startup_ab.json"))
    args = ap.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as root:
        warm = _fresh_store(root, "warm", None)
        print("warm-up:", _build("after", warm), flush=True)    # fills the embedding cache
        for i in range(args.rounds):
            for side in ("before", "after"):
                got = _build(side, _fresh_store(root, f"{side}-{i}", warm))
                got["round"] = i
                runs.append(got)
                print(got, flush=True)
    summary = summarise(runs)
    res = {"what": "README demo build (sample/debian-3k.parquet, quality mode, every stage), embedding cache "
                   "warm on both sides, each build a fresh process and store",
           "runs": runs, "summary": summary}
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(res, f, indent=2)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
