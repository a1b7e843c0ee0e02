"""The schemathesis fuzz of the web map API (tests/apifuzz.py) with many examples per route.

CI runs a few examples per route (tests/test_hardening.py); this runs as many as asked
against a map of a store you point it at, pinned to that map and with free path
parameters, and writes the answers per status and the time taken.

    .venv/bin/python bench/fuzz_api.py --store ./datamap-store --dataset debian --examples 200
Writes bench/out/fuzz_api.json. A failed check stops the run with schemathesis' report
(the request as a curl command).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--dataset", required=True)
    ap.add_argument("--examples", type=int, default=200, help="valid and as many invalid requests per route")
    args = ap.parse_args()

    from apifuzz import fuzz, pinned

    from datamap.resources import Store
    from datamap.resources.reader import list_versions
    from datamap.viewer.app import create_app

    version = list_versions(args.dataset, Store(args.store))[-1]["version"]
    app = create_app(args.store)
    spec = app.openapi()
    out: dict = {"store": args.store, "dataset": args.dataset, "version": version, "examples": args.examples,
                 "routes": len(spec["paths"])}
    for label, s in (("pinned", pinned(spec, {"dataset": args.dataset, "version": version})), ("free", spec)):
        t = time.perf_counter()
        out[label] = {"statuses": fuzz(app, s, args.examples), "seconds": round(time.perf_counter() - t, 1)}
        print(label, out[label], flush=True)
    dest = REPO / "bench" / "out" / "fuzz_api.json"
    dest.parent.mkdir(exist_ok=True)
    dest.write_text(json.dumps(out, indent=2))
    print(f"wrote {dest}")


if __name__ == "__main__":
    main()
