"""The whole PyPI corpus (784,692 real one-line summaries) from raw text to a served map.

    .venv/bin/python bench/pypi.py --rows 5000                 # smoke run
    .venv/bin/python bench/pypi.py --mode fast --viewer        # all rows, fast mode, served
    .venv/bin/python bench/pypi.py --mode quality --rows 100000
    .venv/bin/python bench/pypi.py --fit-sample 75000           # fast mode fitted to 75k of the texts

Each run builds through the CLI (``datamap build … --embed-mode MODE``) in a fresh store
under /tmp (a fresh store: no embedding cache hit flatters the time), wrapped in
``/usr/bin/time -v`` (peak RSS of the build process itself) and polled with psutil (the
whole process tree: the build plus Prefect's temporary API server). Per-stage seconds
and the per-stage high-water marks come from the version's manifest. Then the map's
quality, read back from the store:

- topic sizes per depth and the outlier share;
- duplicate share (rows in a duplicate cluster; deletion candidates);
- 10-NN preservation of the layout on a 5,000-row sample (``bench/compare.py``'s
  measure: each sample row's 10 nearest map points against its exact 10 nearest by
  cosine in the map's own vectors, over all rows), and the true duplicate share there;
- label agreement / mention per depth (``bench/labels.py``'s ``score``, labels embedded
  with the map's own model, all rows);
- fast mode only: how much of the quality mode's 10-NN the map's vectors keep, on 3,000
  random rows (and the distilled model's on the same rows, for a fitted map's baseline).

``--viewer`` serves the map with ``datamap serve`` and measures the first view in
headless Chromium (``bench/viewer.py``'s ``first_view``, /usr/bin/chromium), and saves
``bench/out/pypi-overview.png`` and ``pypi-zoomed.png``. Results are merged into
``bench/out/pypi.json`` under ``<mode>-<rows>``.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from machine import facts as machine_facts, host_times, host_times_between, speed_probe  # noqa: E402
SHARED = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
OUT = REPO / "bench" / "out"
DATAMAP = str(REPO / ".venv" / "bin" / "datamap")
DATASET = "pypi"
TOTAL = 784_692

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap


def prepare(rows: int, seed: int, path: Path) -> int:
    """Write the build input: ``rows`` random summaries (all of them by default) in file
    order, with ``month`` parsed to a date (the map's time field). Returns the row count."""
    import polars as pl

    df = pl.read_parquet(SHARED / "pypi-summaries.parquet")
    if rows < df.height:
        keep = np.sort(np.random.default_rng(seed).choice(df.height, rows, replace=False))
        df = df[keep]
    df = df.with_columns((pl.col("month") + "-01").str.to_date("%Y-%m-%d").alias("month"))
    path.parent.mkdir(parents=True, exist_ok=True)
    df.write_parquet(path)
    return df.height


class TreePeak:
    """Poll a process tree's summed RSS (psutil) every ``every`` seconds, in a thread:
    the build plus the Prefect server it starts, which /usr/bin/time does not see."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        self.pid, self.every, self.peak, self.stop = pid, every, 0, False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop:
            total = 0
            try:
                for p in [root, *root.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            self.peak = max(self.peak, total)
            time.sleep(self.every)

    def done(self) -> float:
        self.stop = True
        self.thread.join(timeout=5)
        return self.peak / 1024 ** 3


def build_command(src: Path, store: Path, mode: str, fit_sample: int = 0) -> list[str]:
    """The CLI call this benchmark measures (fresh store, text and id columns named)."""
    return [DATAMAP, "build", str(src), "--dataset", DATASET, "--store", str(store), "--text-field", "text",
            "--id-field", "id", "--embed-mode", mode, *(["--fast-fit-sample", str(fit_sample)] if fit_sample else [])]


def time_v_facts(text: str) -> dict:
    """Peak RSS (GB) and CPU seconds of the build process from /usr/bin/time -v's report:
    CPU seconds / cores is the wall a build would need on idle cores, whatever the load."""
    def num(label: str) -> float | None:
        m = re.search(re.escape(label) + r": ([\d.]+)", text)
        return float(m.group(1)) if m else None

    rss = num("Maximum resident set size (kbytes)")
    user, system = num("User time (seconds)"), num("System time (seconds)")
    return {"peak_rss_gb_build_process": round(rss / 1024 ** 2, 2) if rss else None,
            "cpu_s": round(user + system, 1) if user is not None and system is not None else None}


def run_build(src: Path, store: Path, mode: str, log: Path, fit_sample: int = 0) -> dict:
    """Run the CLI build under /usr/bin/time -v; wall seconds, peak RSS (GB) of the build
    process (time's max RSS) and of its whole tree (psutil), exit status."""
    cmd = build_command(src, store, mode, fit_sample)
    env = {**os.environ, "DATAMAP_WORK_DIR": str(store.parent / f"{store.name}-work"),
           "PREFECT_LOGGING_LEVEL": "WARNING"}
    probe = speed_probe()         # the host's speed beside the build (bench/machine.py)
    times = host_times()
    t0 = time.perf_counter()
    with open(log, "w") as f:
        p = subprocess.Popen(["/usr/bin/time", "-v", *cmd], stdout=f, stderr=subprocess.STDOUT, env=env,
                             cwd=str(REPO))
        tree = TreePeak(p.pid)
        rc = p.wait()
    wall = time.perf_counter() - t0
    text = log.read_text()
    out = {"command": " ".join(cmd), "exit_status": rc, "wall_s": round(wall, 1), **time_v_facts(text),
           "peak_rss_gb_process_tree": round(tree.done(), 2),
           "host_times": host_times_between(times, host_times())}
    out["host_probe"] = {"before": probe, "after": speed_probe()}
    if rc:
        out["log_tail"] = text[-3000:]
    return out


def manifest_facts(m: "DataMap", rows: int) -> dict:
    """Per-stage seconds, per-stage high-water marks and the embedder, from the manifest."""
    b = m.manifest["build"]
    t = {k: round(v, 1) for k, v in b["timings"].items()}
    embed_s = b["timings"].get("embed") or float("nan")
    return {"version": m.version, "rows": m.manifest.get("rows", rows), "stages_s": t,
            "stages_total_s": round(sum(b["timings"].values()), 1),
            "peak_rss_mb_after_stage": {k: round(v) for k, v in (b.get("peak_rss_mb") or {}).items()},
            "model": m.manifest.get("model"), "embed_docs_per_s": round(rows / embed_s, 1),
            # the stage encodes each distinct text once: this is the model's own rate
            "embed_unique_texts_per_s": round((m.manifest.get("model") or {}).get("embedded_rows", 0) / embed_s, 1)}


def topic_facts(m: "DataMap") -> tuple[dict, np.ndarray | None]:
    """Per depth: topic count, size quantiles, largest topic's share, outlier share;
    and the (N, depths) topic-id matrix the label measure reads (None without topics)."""
    from datamap.resources import schema

    if not m.has(schema.TOPICS):
        return {}, None
    tp = m.read_parquet(schema.TOPICS)
    depths = [d for d in range(1, 10) if schema.topic_id_column(d) in tp.column_names]
    ids = np.column_stack([tp.column(schema.topic_id_column(d)).to_numpy() for d in depths])
    out = {}
    for j, d in enumerate(depths):
        lab = ids[:, j]
        _, sizes = np.unique(lab[lab >= 0], return_counts=True)
        out[str(d)] = {"topics": int(len(sizes)), "outlier_share": round(float((lab < 0).mean()), 4),
                       "size_min": int(sizes.min()), "size_median": int(np.median(sizes)),
                       "size_max": int(sizes.max()), "largest_share": round(float(sizes.max() / len(lab)), 4),
                       "sizes_desc": sorted(sizes.tolist(), reverse=True)[:30]}
    return out, ids


def duplicate_facts(m: "DataMap") -> dict:
    """Share of rows in a duplicate cluster, and of rows a dedupe would delete."""
    import pyarrow.compute as pc

    from datamap.resources import schema

    if not m.has(schema.DUPLICATES):
        return {}
    cls = m.read_parquet(schema.DUPLICATES).column(schema.DUP_CLASS)
    counts = {str(r["values"]): int(r["counts"]) for r in pc.value_counts(cls).to_pylist()}
    n = len(cls)
    return {"classes": counts, "in_duplicate_cluster_share": round(1 - counts.get("singleton", 0) / n, 4),
            "deletion_candidate_share": round(counts.get("deletion candidate", 0) / n, 4),
            "method": m.manifest.get("dedupe", {}).get("method")}


def layout_facts(m: "DataMap", sample: int, seed: int = 1) -> dict:
    """10-NN preservation of the map on ``sample`` rows (compare.py's truth/preservation:
    exact cosine neighbours in the map's vectors over all rows), with a random-layout
    baseline, and the true near-duplicate share (another row within cosine 0.1) there."""
    import compare

    from datamap.resources import schema

    v = np.array(m.embeddings.latent, dtype=np.float32)   # a copy: the stored array is read-only
    v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
    proj = m.read_parquet(schema.PROJECTION)
    xy = np.column_stack([proj.column(schema.X).to_numpy(), proj.column(schema.Y).to_numpy()])
    q = np.sort(np.random.default_rng(seed).choice(len(v), min(sample, len(v)), replace=False))
    t0 = time.perf_counter()
    truth = compare.truth(v, q)
    rand = np.random.default_rng(seed).random((len(v), 2))
    return {"sample": int(len(q)), "knn10_preserved": round(compare.preservation(xy, q, truth["nn"]), 4),
            "random_layout_knn10": round(compare.preservation(rand, q, truth["nn"]), 4),
            # ties counted: a 2-D neighbour as near in the vectors as the 10th nearest is a hit
            "knn10_preserved_ties": round(compare.preservation_ties(xy, q, v, truth["kth"]), 4),
            "random_layout_knn10_ties": round(compare.preservation_ties(rand, q, v, truth["kth"]), 4),
            "true_duplicate_share_sample": round(float(truth["dup"].mean()), 4),
            "truth_seconds": round(time.perf_counter() - t0, 1)}


def label_facts(m: "DataMap", ids: np.ndarray, mode: str) -> list[dict]:
    """Agreement / chance / mention per depth over all rows, by ``bench/labels.py``'s
    ``score`` on the stored topics, labels embedded with the map's own embedder."""
    import labels

    from datamap.resources import schema
    from datamap.tasks.embed.encode import load_embedder
    from datamap.tasks.embed.query import query_options
    from datamap.tasks.topics.labellers.phrases import doc_word_sets
    from datamap.tasks.topics.labels import _stop_words

    docs = [d or "" for d in m.read_parquet(schema.DATA).column("text").to_pylist()]
    meta = m.read_parquet(schema.TOPIC_METADATA).to_pylist()
    draft = SimpleNamespace(ids=ids, vectors=np.asarray(m.embeddings.latent, dtype=np.float32))
    stop = _stop_words("english")
    embed = labels.cached_embed(load_embedder(query_options(m)))   # the map's own embedder (a fit too)
    return labels.score(draft, SimpleNamespace(metadata=meta), embed, doc_word_sets(docs), stop)


def embedding_facts(m: "DataMap", sample: int = 3000, seed: int = 2) -> dict:
    """How much of MiniLM's neighbourhood a fast-mode map's vectors keep: each of
    ``sample`` random rows' 10 nearest among the sample, in the map's vectors against the
    ``quality`` mode's (bench/fast_mode.py's measure; embedded here, ~20 s)."""
    from embed_speed import recovery

    from datamap.resources import schema
    from datamap.tasks.embed.encode import EmbedOptions, load_embedder

    rows = np.sort(np.random.default_rng(seed).choice(m.row_count, min(sample, m.row_count), replace=False))
    texts = m.read_parquet(schema.DATA).column("text").take(rows).to_pylist()
    t0 = time.perf_counter()
    ref = load_embedder(EmbedOptions(mode="quality")).encode([t or "" for t in texts])
    got = np.asarray(m.embeddings.latent, dtype=np.float32)[rows]
    got /= np.maximum(np.linalg.norm(got, axis=1, keepdims=True), 1e-12)
    plain = load_embedder(EmbedOptions(mode="fast")).encode([t or "" for t in texts])   # the distilled model
    return {"sample": int(len(rows)), "knn10_kept_vs_quality": round(recovery(ref, got), 4),
            "knn10_kept_distilled_same_rows": round(recovery(ref, plain), 4),
            "fit": (m.manifest.get("model") or {}).get("fit"), "seconds": round(time.perf_counter() - t0, 1)}


def quality(store: Path, sample: int, mode: str) -> dict:
    """Everything the brief asks of the map itself, each part timed."""
    from datamap.resources import open_map

    m = open_map(DATASET, store=str(store))
    t = time.perf_counter()
    topics, ids = topic_facts(m)
    out = {"topics": topics, "duplicates": duplicate_facts(m), "layout": layout_facts(m, sample)}
    if mode == "fast":
        out["embedding"] = embedding_facts(m)
    if ids is not None:
        out["labels"] = label_facts(m, ids, mode)
        out["labels_examples"] = examples(m)
    out["quality_seconds"] = round(time.perf_counter() - t, 1)
    return out


def examples(m: "DataMap", per_depth: int = 12) -> dict:
    """The biggest topics' labels per depth, to read what the map says."""
    from datamap.resources import schema

    meta = m.read_parquet(schema.TOPIC_METADATA).to_pylist()
    out = {}
    for d in sorted({r[schema.TOPIC_DEPTH] for r in meta}):
        rows = sorted((r for r in meta if r[schema.TOPIC_DEPTH] == d), key=lambda r: -r[schema.TOPIC_COUNT])
        out[str(d)] = [f"{r[schema.TOPIC_LABEL]} ({r[schema.TOPIC_COUNT]})" for r in rows[:per_depth]]
    return out


def serve(store: Path, port: int) -> subprocess.Popen:
    """``datamap serve`` on 127.0.0.1:port, returned once it accepts connections."""
    import socket

    p = subprocess.Popen([DATAMAP, "serve", "--store", str(store), "--port", str(port)], cwd=str(REPO),
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return p
        except OSError:
            time.sleep(0.3)
    p.kill()
    raise RuntimeError("datamap serve did not start")


QUIET = "() => { const v = window.__datamap && window.__datamap.view; return !!v && v.loading.size === 0; }"
FLY_TO_BIGGEST = """() => { const v = window.__datamap.view, t = (v.info.topics || []).filter(t => t.depth === 1)
  .sort((a, b) => b.count - a.count)[0]; if (t) v.flyTo(t.x, t.y); else v.flyTo(0.5, 0.5); }"""
SHOWN = "() => window.__datamap.view.labels().map(t => [t.depth, t.topic_short_description, t.minor])"


def screenshots(url: str, version: str, prefix: str = "pypi") -> dict:
    """<prefix>-overview.png, then zoomed on the biggest broad topic: <prefix>-zoomed.png;
    the labels shown in each (what a reader can read there)."""
    from playwright.sync_api import sync_playwright
    from viewer import ARGS, CHROMIUM

    out = {}
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        ctx = b.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
        pg = ctx.new_page()
        pg.goto(f"{url}/#/map/{DATASET}/{version}")
        pg.wait_for_function("window.__datamap && window.__datamap.ready && window.__datamap.firstPointsMs !== null",
                             timeout=300_000)
        pg.wait_for_function(QUIET, timeout=120_000)
        pg.wait_for_timeout(2000)
        pg.screenshot(path=str(OUT / f"{prefix}-overview.png"))
        out["overview_labels"] = pg.evaluate(SHOWN)
        # the viewer's own fly-to (as a click on a search hit does): wheel steps over the
        # biggest topic's label went to the legend when it covered that spot (quality map)
        pg.evaluate(FLY_TO_BIGGEST)
        pg.wait_for_timeout(700)
        pg.wait_for_function(QUIET, timeout=120_000)
        pg.mouse.move(1275, 795)        # off the map: no hover card over the labels
        pg.wait_for_timeout(2000)
        pg.screenshot(path=str(OUT / f"{prefix}-zoomed.png"))
        out["zoomed_labels"] = pg.evaluate(SHOWN)
        out["zoomed_hash"] = pg.evaluate("location.hash")
        out["screenshots"] = [f"bench/out/{prefix}-overview.png", f"bench/out/{prefix}-zoomed.png"]
        ctx.close()
        b.close()
    return out


def shot_prefix(key: str) -> str:
    """Screenshot names: the first run (all rows, plain fast) kept ``pypi-*.png``; every
    other run's carry its key, so one run's pictures never overwrite another's."""
    return "pypi" if key == f"fast-{TOTAL}" else f"pypi-{key}"


def need_browser() -> None:
    """Stop before a build of several minutes when the viewer part could not run at the end."""
    from viewer import CHROMIUM

    if not os.access(CHROMIUM, os.X_OK):
        raise SystemExit(f"--viewer needs Debian's chromium at {CHROMIUM}: run `make browser` first "
                         "(or leave out --viewer)")


def viewer_facts(store: Path, version: str, port: int, prefix: str = "pypi") -> dict:
    """First view (bench/viewer.py's measure: cold and warm) and the two screenshots."""
    import viewer

    p = serve(store, port)
    try:
        url = f"http://127.0.0.1:{port}"
        fv = viewer.first_view(url, DATASET, version)
        shots = screenshots(url, version, prefix)
    finally:
        p.terminate()
        p.wait(timeout=30)
    return {"serve_command": f"{DATAMAP} serve --store {store} --port {port}", "first_view": fv, **shots}


def save(key: str, result: dict, path: Path) -> None:
    """Merge one run into the JSON file (other runs' entries kept). A new run of the same
    key moves the one it replaces to ``earlier[key]``: a rerun must not erase the number
    it is compared with (one did, 2026-12-07). The same run saved again (``viewer_again``)
    replaces itself."""
    data = json.loads(path.read_text()) if path.exists() else {}
    old = data.setdefault("runs", {}).get(key)
    if old is not None and old.get("started_utc") != result.get("started_utc"):
        data.setdefault("earlier", {}).setdefault(key, []).append(old)
    data["runs"][key] = result
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, default=str))


def viewer_again(key: str, store: Path, port: int, path: Path) -> None:
    """Redo the viewer part of run ``key`` (first view, screenshots), keeping the rest."""
    from datamap.resources import open_map

    res = json.loads(path.read_text())["runs"][key]
    res["viewer"] = viewer_facts(store, open_map(DATASET, store=str(store)).version, port, shot_prefix(key))
    res["viewer"]["measured_utc"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    save(key, res, path)
    print(json.dumps(res["viewer"]["first_view"]["cold"]), flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=TOTAL, help="random sample size (default: every row)")
    ap.add_argument("--mode", default="fast", choices=["fast", "quality", "exact", "torch"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fit-sample", type=int, default=0, help="fast mode: --fast-fit-sample N (0: off)")
    ap.add_argument("--sample", type=int, default=5000, help="rows for 10-NN preservation")
    ap.add_argument("--tmp", default="/tmp/pypi-bench", help="input, store and work area")
    ap.add_argument("--viewer", action="store_true", help="serve the map, first view, screenshots")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--reuse", action="store_true", help="skip the build: measure the store a run left")
    ap.add_argument("--viewer-only", action="store_true",
                    help="only the viewer part, on the store and entry an earlier run left")
    ap.add_argument("--out", default=str(OUT / "pypi.json"))
    a = ap.parse_args(argv)
    key = f"{a.mode}-{a.rows}" + (f"-fit{a.fit_sample}" if a.fit_sample else "")
    tmp = Path(a.tmp)
    store = tmp / f"store-{key}"
    res: dict = {"machine": machine_facts(), "load_avg_start": os.getloadavg(),
                 "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "bench_command": "python bench/pypi.py " + " ".join(argv if argv is not None else sys.argv[1:])}
    if a.viewer or a.viewer_only:
        need_browser()
    if a.viewer_only:
        viewer_again(key, store, a.port, Path(a.out))
        return
    if not a.reuse:
        import shutil

        src = tmp / f"input-{a.rows}.parquet"
        t0 = time.perf_counter()
        res["rows"] = prepare(a.rows, a.seed, src)
        res["prepare_s"] = round(time.perf_counter() - t0, 1)
        shutil.rmtree(store, ignore_errors=True)
        shutil.rmtree(tmp / f"{store.name}-work", ignore_errors=True)
        res["build"] = run_build(src, store, a.mode, tmp / f"build-{key}.log", a.fit_sample)
        res["load_avg_after_build"] = os.getloadavg()
        print(json.dumps(res["build"]), flush=True)
        if res["build"]["exit_status"]:
            save(key, res, Path(a.out))
            raise SystemExit("build failed: see log_tail in " + a.out)
    from datamap.resources import open_map

    m = open_map(DATASET, store=str(store))
    res["manifest"] = manifest_facts(m, m.manifest.get("rows") or a.rows)
    print(json.dumps(res["manifest"]), flush=True)
    res["quality"] = quality(store, a.sample, a.mode)
    print(json.dumps({k: v for k, v in res["quality"].items() if k != "topics"}), flush=True)
    save(key, res, Path(a.out))
    if a.viewer:
        res["viewer"] = viewer_facts(store, m.version, a.port, shot_prefix(key))
        print(json.dumps(res["viewer"]["first_view"]["cold"]), flush=True)
    res["load_avg_end"] = os.getloadavg()
    save(key, res, Path(a.out))
    print(f"wrote {a.out} [{key}]")


if __name__ == "__main__":
    main()
