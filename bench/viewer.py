"""Web map benchmark: synthetic maps of 100k, 1M and 10M points.

For each size: tile build time (``tasks.tiles``), then a published version served by a
real server process on 127.0.0.1, and
- the first view in headless Chromium (Debian's package): time until the first points
  are drawn, and bytes fetched (page, bundle, catalog, tiles);
- the workbench's cross-filter: brush to repainted map and charts, median and p95 over
  24 brushes (``--crossfilter-only`` skips the load test);
- server latency p50/p99 for tile and search (keyword; vector neighbours where the
  map has an index) requests from 50 concurrent clients, a bounded number of requests.

The synthetic maps skip embedding/UMAP (not what is measured here): points are a mixture
of 50 Gaussian blobs in the [0,1] box with a category, a number and a short text per
point; maps up to ``--index-max`` rows (default 100k) also get 16-d vectors and a usearch
index, so the neighbours endpoint is measured there.

    .venv/bin/python bench/viewer.py                      # 100k, 1M, 10M
    .venv/bin/python bench/viewer.py --sizes 100000       # one size
Writes bench/out/viewer.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from machine import facts as machine_facts  # noqa: E402  (bench/machine.py)

from datamap.resources import schema  # noqa: E402
from datamap.resources.store import Store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
K_BLOBS = 50


def synth(n: int, seed: int = 0) -> tuple[pa.Table, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0.1, 0.9, size=(K_BLOBS, 2))
    scales = rng.uniform(0.01, 0.06, size=K_BLOBS)
    weights = rng.dirichlet(np.full(K_BLOBS, 2.0))
    blob = rng.choice(K_BLOBS, size=n, p=weights)
    xy = centres[blob] + rng.normal(size=(n, 2)) * scales[blob, None]
    xy = np.clip(xy, 0.0, 1.0).astype(np.float32)
    word = rng.integers(0, 10, size=n)
    vocab = np.array([f"w{b}_{w}" for b in range(K_BLOBS) for w in range(10)])
    text = pa.array(vocab[blob * 10 + word]).cast(pa.string())
    text = pa.compute.binary_join_element_wise(text, pa.array(np.char.mod("item%d", np.arange(n))), " ")
    # a date (ISO strings) and a list column (two of 30 labels) for the workbench's charts
    day = (np.datetime64("2024-01-01") + rng.integers(0, 730, size=n).astype("timedelta64[D]")).astype(str)
    labels = np.char.mod("label-%02d", rng.integers(0, 30, size=2 * n))
    tags = pa.ListArray.from_arrays(np.arange(0, 2 * n + 1, 2, dtype=np.int32), pa.array(labels))
    table = pa.table({schema.ID: pa.array(np.char.mod("p%d", np.arange(n))), "text": text,
                      "blob": pa.array(np.char.mod("blob-%02d", blob)),
                      "value": pa.array(rng.gamma(2.0, 10.0, size=n).astype(np.float32)),
                      "day": pa.array(day), "tags": tags})
    return table, xy, blob


def build_version(store: str, dataset: str, n: int, index_max: int, work: Path) -> dict:
    from datamap.tasks import tiles as T
    from datamap.tasks.publish import publish

    t0 = time.perf_counter()
    table, xy, blob = synth(n)
    t_synth = time.perf_counter() - t0
    work.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, work / schema.DATA)
    pq.write_table(pa.table({schema.ID: table.column(schema.ID), schema.X: xy[:, 0], schema.Y: xy[:, 1]}),
                   work / schema.PROJECTION)
    files = {schema.DATA: str(work / schema.DATA), schema.PROJECTION: str(work / schema.PROJECTION)}
    # tile build: exactly what the tiles stage does after reading the work area
    t1 = time.perf_counter()
    opts = T.TileOptions()
    cols = T.field_columns(table.select(["blob", "value"]), {schema.ID, "text"}, opts)
    index = T.write_tiles(str(work / schema.TILES), xy[:, 0], xy[:, 1], cols, opts)
    t_tiles = time.perf_counter() - t1
    files[schema.TILES] = str(work / schema.TILES)
    has_index = n <= index_max
    t_index = None
    if has_index:
        from datamap.resources.vectors import table_bytes, vectors_table
        from datamap.tasks.index import IndexOptions, build_index, save_index

        rng = np.random.default_rng(1)
        centres = rng.normal(size=(K_BLOBS, 16))
        vec = (centres[blob] + 0.3 * rng.normal(size=(n, 16))).astype(np.float32)
        vec /= np.linalg.norm(vec, axis=1, keepdims=True)
        t2 = time.perf_counter()
        save_index(build_index(vec, IndexOptions()), str(work / schema.INDEX))
        t_index = time.perf_counter() - t2
        (work / schema.EMBEDDINGS).write_bytes(table_bytes(vectors_table(table.column(schema.ID), vec)))
        files[schema.INDEX] = str(work / schema.INDEX)
        files[schema.EMBEDDINGS] = str(work / schema.EMBEDDINGS)
    manifest = {"rows": n, "text_field": "text", "model": {"id": "synthetic", "dim": 16},
                "validation": {"success": True}, "build": {"seconds": None}}
    t3 = time.perf_counter()
    version = publish(Store(store), dataset, files, manifest)
    shutil.rmtree(work, ignore_errors=True)
    sizes = [v[1] for v in index["tiles"].values()]
    return {"version": version, "synth_s": round(t_synth, 2), "tile_build_s": round(t_tiles, 2),
            "index_build_s": round(t_index, 2) if t_index else None, "publish_s": round(time.perf_counter() - t3, 2),
            "tiles": len(index["tiles"]), "tile_depth": index["max_depth"], "tiles_bytes": int(sum(sizes)),
            "root_tile_bytes": index["tiles"]["0/0/0"][1], "has_index": has_index,
            "tile_keys": list(index["tiles"])}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    code = ("import uvicorn; from datamap.viewer.app import create_app; "
            f"uvicorn.run(create_app({store!r}), host='127.0.0.1', port={port}, log_level='warning', "
            "timeout_keep_alive=30)")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=str(REPO))
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start")


def first_view(url: str, dataset: str, version: str, repeats: int = 2) -> dict:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for _ in range(repeats):
            ctx = b.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
            pg = ctx.new_page()
            t0 = time.perf_counter()
            pg.goto(f"{url}/#/map/{dataset}/{version}")
            pg.wait_for_function("window.__datamap && window.__datamap.firstPointsMs !== null", timeout=120_000)
            wall = time.perf_counter() - t0
            pg.wait_for_timeout(1500)   # let the rest of the first view settle, then count bytes
            r = pg.evaluate("""() => {
              const es = performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'));
              let all = 0, tiles = 0, n = 0;
              for (const e of es) { all += e.transferSize || e.encodedBodySize || 0;
                if (e.name.includes('/tiles/')) { tiles += e.transferSize || e.encodedBodySize || 0; n++; } }
              return {first_points_ms: window.__datamap.firstPointsMs, points: window.__datamap.pointsLoaded,
                      bytes_total: all, bytes_tiles: tiles, tile_requests: n};
            }""")
            r["wall_s"] = round(wall, 3)
            out.append(r)
            ctx.close()
        b.close()
    return {"cold": out[0], "runs": out}


def cross_filter(url: str, dataset: str, version: str, brushes: int = 24) -> dict:
    """Brush the ``value`` histogram ``brushes`` times (a different range each time) and
    time, in the page, from the brush to the map repainted with every chart updated
    (``hooks.xf.ms``: the request, the bitmap applied to the loaded points, the charts
    redrawn, and deck.gl's next frame drawn)."""
    from playwright.sync_api import sync_playwright

    rng = random.Random(1)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        ctx = b.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
        pg = ctx.new_page()
        pg.goto(f"{url}/#/map/{dataset}/{version}")
        pg.wait_for_function("window.__datamap && window.__datamap.ready && window.__datamap.xf", timeout=300_000)
        edges = pg.evaluate("window.__datamap.view.wb.byName.get('value').edges")
        times, counts, parts = [], [], []
        for _ in range(brushes):
            i = rng.randrange(0, len(edges) - 6)
            j = i + rng.randrange(1, 6)
            seq = pg.evaluate("window.__datamap.xf.seq")
            pg.evaluate(f"window.__datamap.view.wb.brush('value', {edges[i]!r}, {edges[j]!r})")
            pg.wait_for_function(f"window.__datamap.xf.seq > {seq}", timeout=120_000)
            xf = pg.evaluate("window.__datamap.xf")
            times.append(xf["ms"])
            counts.append(xf["count"])
            parts.append([xf["fetchMs"], xf["applyMs"], xf["frameMs"]])
        density = pg.evaluate("!!window.__datamap.view.wb.density")
        pg.wait_for_timeout(1000)
        pg.screenshot(path=str(REPO / "bench" / "out" / f"workbench-{dataset}-brushed.png"))
        ctx.close()
        b.close()
    a = np.asarray(times)
    return {"brushes": len(times), "median_ms": round(float(np.median(a)), 1),
            "p95_ms": round(float(np.percentile(a, 95)), 1), "max_ms": round(float(a.max()), 1),
            "filtered_rows": [int(min(counts)), int(max(counts))], "density_layer": density,
            "all_ms": [[round(t, 1), c] for t, c in zip(times, counts)],
            # where the time goes (medians): request + server + parse, bitmap + repaint + charts, next frame
            "median_parts_ms": dict(zip(("request", "apply", "frame"), np.median(np.asarray(parts), axis=0).round(1).tolist()))}


async def load(url: str, paths: list[str], clients: int = 50) -> dict:
    import httpx

    q: asyncio.Queue = asyncio.Queue()
    for p in paths:
        q.put_nowait(p)
    lat: list[float] = []
    errors = 0

    async def worker(client):
        nonlocal errors
        while True:
            try:
                p = q.get_nowait()
            except asyncio.QueueEmpty:
                return
            t = time.perf_counter()
            # raw bytes, as a browser receives them: the client does not spend the shared
            # CPU on decompressing what it only times
            try:
                async with client.stream("GET", url + p, headers={"Accept-Encoding": "gzip"}) as r:
                    async for _ in r.aiter_raw():
                        pass
                ok = r.status_code == 200
            except httpx.TransportError:
                ok = False
            lat.append(time.perf_counter() - t)
            errors += not ok

    t0 = time.perf_counter()
    async with httpx.AsyncClient(timeout=120, limits=httpx.Limits(max_connections=clients)) as c:
        await asyncio.gather(*(worker(c) for _ in range(clients)))
    wall = time.perf_counter() - t0
    a = np.asarray(lat) * 1000
    return {"requests": len(lat), "errors": errors, "clients": clients, "p50_ms": round(float(np.percentile(a, 50)), 1),
            "p99_ms": round(float(np.percentile(a, 99)), 1), "rps": round(len(lat) / wall, 1)}


def server_latency(url: str, dataset: str, version: str, keys: list[str], has_index: bool, n: int,
                   tile_requests: int, search_requests: int) -> dict:
    rng = random.Random(0)
    base = f"/api/maps/{dataset}/{version}"
    # what browsing asks for: mostly shallow tiles, some deep
    shallow = [k for k in keys if int(k.split("/")[0]) <= 3]
    tiles = [f"{base}/tiles/{rng.choice(shallow if rng.random() < 0.7 else keys)}.arrow" for _ in range(tile_requests)]
    words = [f"w{b}_{w}" for b in range(K_BLOBS) for w in range(10)]
    kw = [f"{base}/search?mode=keyword&k=50&q={rng.choice(words)}" for _ in range(search_requests)]
    out = {"tiles": asyncio.run(load(url, tiles)), "keyword_search": asyncio.run(load(url, kw))}
    if has_index:
        nb = [f"{base}/neighbors/{rng.randrange(n)}?k=10" for _ in range(search_requests)]
        out["neighbors"] = asyncio.run(load(url, nb))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000,10000000")
    # HNSW for 1M points takes >15 min on 2 busy cores; the index is not what this measures
    ap.add_argument("--index-max", type=int, default=100_000, help="largest map that gets a vector index")
    ap.add_argument("--tile-requests", type=int, default=2000)
    ap.add_argument("--search-requests", type=int, default=200)
    ap.add_argument("--out", default=None, help="default bench/out/viewer.json (viewer-crossfilter.json "
                    "with --crossfilter-only)")
    ap.add_argument("--crossfilter-only", action="store_true",
                    help="first view and the cross-filter benchmark only (no load test)")
    ap.add_argument("--brushes", type=int, default=24)
    args = ap.parse_args()
    args.out = args.out or str(REPO / "bench" / "out" / ("viewer-crossfilter.json" if args.crossfilter_only
                                                         else "viewer.json"))
    tmp = Path(tempfile.mkdtemp(prefix="datamap-bench-viewer-"))
    store = str(tmp / "store")
    results = {"machine": machine_facts(), "sizes": {}}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            ds = f"synth-{n}"
            print(f"== {n:,} points", flush=True)
            b = build_version(store, ds, n, args.index_max, tmp / "work")
            print(f"   tiles {b['tile_build_s']} s ({b['tiles']} tiles, depth {b['tile_depth']})", flush=True)
            proc, url = start_server(store)
            try:
                fv = first_view(url, ds, b["version"])
                print(f"   first points {fv['cold']['first_points_ms']:.0f} ms, "
                      f"{fv['cold']['bytes_total'] / 1e6:.2f} MB fetched", flush=True)
                xf = cross_filter(url, ds, b["version"], args.brushes)
                print(f"   cross-filter {json.dumps(xf)}", flush=True)
                lat = None if args.crossfilter_only else server_latency(
                    url, ds, b["version"], b["tile_keys"], b["has_index"], n, args.tile_requests, args.search_requests)
                print(f"   latency {json.dumps(lat)}", flush=True)
            finally:
                proc.terminate()
                proc.wait(timeout=20)
            b.pop("tile_keys")
            results["sizes"][str(n)] = {"build": b, "first_view": fv, "cross_filter": xf, "server": lat}
            out.write_text(json.dumps(results, indent=2))
            shutil.rmtree(os.path.join(store, ds), ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
