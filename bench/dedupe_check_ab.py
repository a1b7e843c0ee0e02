"""Issue 25: is the dedupe stage slower with the ``described`` rule? Old and new text
check side by side on the whole Debian corpus, alternating, in one process (the shared
2-core box's load moves single runs by ±40 %).

    python bench/dedupe_check_ab.py [OLD_COMMIT]   # default d94914a: the check before the rule

Prints (and the issue-25 numbers in bench/out/dedupe.json ``issue25_debian_stage_time``
came from) ``bench.dedupe.bench_debian`` — ``find_duplicates`` on the index path with the
texts, as the stage runs it — with each check, and ``check_pairs`` alone on every pair
within 0.2.
"""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
sys.path.insert(0, os.path.join(REPO, "bench"))
NAME = "datamap.tasks.dedupe_check"


def old_check(commit: str):
    """The text check module as it was at ``commit``, loaded under a private name."""
    src = subprocess.run(["git", "-C", REPO, "show", f"{commit}:tasks/dedupe_check.py"],
                         capture_output=True, text=True, check=True).stdout
    path = os.path.join(tempfile.mkdtemp(), "dedupe_check_old.py")
    with open(path, "w") as f:
        f.write(src)
    spec = importlib.util.spec_from_file_location("dedupe_check_old", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["dedupe_check_old"] = mod
    spec.loader.exec_module(mod)
    return mod


def main(commit: str = "d94914a", rounds: int = 2) -> None:
    import dedupe as B
    import dedupe_corpora

    import datamap.tasks.dedupe_check as new
    from datamap.tasks.dedupe import exact_pairs
    from datamap.tasks.dedupe_groups import copy_groups, expand

    checks = {"before": old_check(commit), "after": new}
    out = {"stage": {k: [] for k in checks}, "check_alone": {k: [] for k in checks}}
    c = dedupe_corpora.load("debian")
    g = copy_groups(c.vectors, c.ids, c.texts)
    a, b, _ = expand(g, *exact_pairs(c.vectors[g.rep], 0.2, block=1024))
    for _ in range(rounds):
        for name, mod in checks.items():
            sys.modules[NAME] = mod          # run_text_check imports it at call time
            out["stage"][name].append(B.bench_debian()["default"])
            t = time.perf_counter()
            mod.check_pairs(c.texts, a, b)
            out["check_alone"][name].append(round(time.perf_counter() - t, 2))
    sys.modules[NAME] = new
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(*sys.argv[1:2])
