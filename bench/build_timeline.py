"""Where a build's two cores wait: one build, its stages' ends, and the machine's busy
cores second by second.

    .venv/bin/python bench/build_timeline.py [--source /tmp/cmp/1000000/input.parquet]
        [--embeddings /tmp/cmp/1000000/input.npy] [--store /tmp/timeline-store]
        [--out bench/out/build_timeline.json]

Runs ``datamap.build_map`` in this process (the inputs of bench/compare.py's 1M run by
default) while a thread reads the machine's CPU times once a second (psutil). A stage ends when Prefect logs
its task run finished; it begins where the one before it ended (the first at the flow
run's start). Per stage: seconds, CPU-seconds of the whole machine, and idle
core-seconds (two cores less the busy ones, summed over its seconds): the time another
process could have used. Nothing else should run beside it.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from machine import facts  # noqa: E402


def busy_seconds() -> float:
    """CPU-seconds the whole machine has spent busy since boot (psutil's ``cpu_times``)."""
    import psutil

    t = psutil.cpu_times()
    return t.user + t.nice + t.system


def sample(out: list, stop: threading.Event) -> None:
    """(time, busy cores over the second before it), once a second until ``stop``."""
    prev, t_prev = busy_seconds(), time.time()
    while not stop.wait(1.0):
        cur, t = busy_seconds(), time.time()
        out.append((t, (cur - prev) / (t - t_prev)))
        prev, t_prev = cur, t


class Ends(logging.Handler):
    """The time each Prefect task run (and the flow run) logged its start or finish."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[float, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        msg = record.getMessage()
        name = getattr(record, "task_run_name", None) or getattr(record, "flow_run_name", None) or ""
        if "Finished in state" in msg or "Beginning flow run" in msg:
            self.marks.append((record.created, re.sub(r"-[0-9a-f]{3}$", "", name) if "Finished" in msg else "start"))


def per_stage(marks: list, cores: list, ncores: int) -> list[dict]:
    out, begin = [], None
    for t, name in marks:
        if name == "start":
            begin = t
            continue
        if begin is None:
            continue
        inside = [c for s, c in cores if begin < s <= t]
        out.append({"stage": name, "from_s": round(begin - marks[0][0], 1), "seconds": round(t - begin, 1),
                    "cpu_s": round(sum(inside), 1), "idle_core_s": round(sum(max(0.0, ncores - c) for c in inside), 1)})
        begin = t
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default="/tmp/cmp/1000000/input.parquet")
    ap.add_argument("--embeddings", default="/tmp/cmp/1000000/input.npy")
    ap.add_argument("--store", default="/tmp/timeline-store")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "build_timeline.json"))
    a = ap.parse_args()
    cores: list = []
    stop = threading.Event()
    threading.Thread(target=sample, args=(cores, stop), daemon=True).start()
    t0 = time.time()
    import datamap

    ends = Ends()
    # Prefect configures its loggers again when a flow starts, dropping handlers added to
    # them before: every record is shown to ``ends`` on its way to the loggers' own
    call_handlers = logging.Logger.callHandlers

    def shown(logger: logging.Logger, record: logging.LogRecord) -> None:
        ends.handle(record)
        call_handlers(logger, record)
    logging.Logger.callHandlers = shown
    res = datamap.build_map(a.source, "timeline", store=a.store,
                            options={"text_field": "text", "id_field": "id", "embeddings": a.embeddings})
    wall = time.time() - t0
    stop.set()
    ncores = os.cpu_count() or 1
    stages = per_stage(ends.marks, cores, ncores)
    before = [c for s, c in cores if s <= (ends.marks[0][0] if ends.marks else t0)]
    doc = {"machine": facts(), "source": a.source, "wall_s": round(wall, 1), "timings": res["timings"],
           "before_flow": {"seconds": round((ends.marks[0][0] if ends.marks else t0) - t0, 1),
                           "idle_core_s": round(sum(max(0.0, ncores - c) for c in before), 1)},
           "stages": stages, "idle_core_s_total": round(sum(max(0.0, ncores - c) for _, c in cores), 1),
           "cores_per_second": [round(c, 2) for _, c in cores],
           "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    Path(a.out).write_text(json.dumps(doc, indent=1))
    for s in stages:
        print(s)
    print("wall", doc["wall_s"], "idle core-s", doc["idle_core_s_total"], "wrote", a.out)


if __name__ == "__main__":
    main()
