"""Load run of the web map server on loopback: browsing users fetch tiles, searching users
search, for a fixed time; latency percentiles, error rate and server memory over time.

    python bench/load.py                    # 50 browsing + 10 searching users, 60 s
    python bench/load.py --store S --dataset D   # an existing map instead of building one

Writes bench/out/load.json. The server is `viewer.app.serve` (uvicorn, one process) in a
subprocess; its RSS is read from /proc every second. Clients are asyncio + aiohttp in this
process (aiohttp: the client shares the cores, so it must be cheap), each user a closed loop: a browsing user "pans" (fetches a 2x2 block of tiles at
a random zoom, like the front end on a pan), thinks 0.3-1 s, pans again; a searching user
sends a semantic or keyword query, thinks 1-3 s. With no --store, a map of --rows real
Debian rows (their MiniLM vectors for the layout, `fast` embed mode so queries embed in
the map's space) is built first.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from machine import facts as machine_facts  # noqa: E402  (bench/machine.py)

THINK_PAN = (0.3, 1.0)       # seconds between two pans of one browsing user
THINK_SEARCH = (1.0, 3.0)    # seconds between two queries of one searching user
QUERIES = ["python library", "web server", "image processing", "font", "database client",
           "audio player", "haskell", "perl module", "network monitoring", "compiler"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_map(rows: int, store: str, tile_capacity: int) -> tuple[str, str]:
    import polars as pl

    shared = Path(os.environ.get("DATAMAP_SHARED_DATA", REPO.parent / "shared" / "data"))
    df = pl.read_parquet(shared / "debian-packages.parquet").sample(n=rows, seed=0)
    src = Path(store).parent / f"load-{rows}.parquet"
    df.select("id", "text", "section").write_parquet(src)
    from datamap.flows.build_map import build_map as build

    res = build(source=str(src), dataset="load", store=store,
                options={"text_field": "text", "id_field": "id", "embed_mode": "fast",
                         "tiles": {"capacity": tile_capacity}})
    return "load", res["version"]


def rss_mb(pid: int) -> float:
    """Resident memory of the server and its children (uvicorn runs in one process)."""
    total = 0
    for p in [pid] + _children(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """user + system CPU time of the server process (and its children), from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for p in [pid] + _children(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            pass
    return total


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


class Stats:
    def __init__(self):
        self.lat: dict[str, list[float]] = {"tile": [], "search": []}
        self.errors: dict[str, int] = {"tile": 0, "search": 0}
        self.codes: dict[str, int] = {}

    def add(self, kind: str, secs: float, status: int | None) -> None:
        self.lat[kind].append(secs)
        self.codes[str(status)] = self.codes.get(str(status), 0) + 1
        if status != 200:
            self.errors[kind] += 1

    def summary(self, kind: str, duration: float) -> dict:
        xs = sorted(self.lat[kind])
        if not xs:
            return {"requests": 0}

        def q(p):
            return round(1000 * xs[min(len(xs) - 1, int(p * len(xs)))], 2)

        return {"requests": len(xs), "per_s": round(len(xs) / duration, 1), "p50_ms": q(0.50),
                "p90_ms": q(0.90), "p99_ms": q(0.99), "max_ms": round(1000 * xs[-1], 2),
                "mean_ms": round(1000 * statistics.fmean(xs), 2),
                "errors": self.errors[kind], "error_rate": round(self.errors[kind] / len(xs), 5)}


async def browse(client, base: str, tiles_by_zoom: dict, stats: Stats,
                 stop: float, rng: random.Random) -> None:
    zooms = sorted(tiles_by_zoom)
    while time.perf_counter() < stop:
        z = rng.choice(zooms)
        x, y = rng.choice(tiles_by_zoom[z])
        block = [(a, b) for (a, b) in ((x, y), (x + 1, y), (x, y + 1), (x + 1, y + 1))
                 if (a, b) in tiles_by_zoom[z]]

        async def one(a: int, b: int) -> None:
            t = time.perf_counter()
            try:
                async with client.get(f"{base}/tiles/{z}/{a}/{b}.arrow", headers={"Accept-Encoding": "gzip"},
                                      auto_decompress=False) as r:
                    await r.read()
                    status = r.status
            except Exception:  # noqa: BLE001 - any failure counts as an error
                status = None
            stats.add("tile", time.perf_counter() - t, status)

        await asyncio.gather(*(one(a, b) for a, b in block))
        await asyncio.sleep(rng.uniform(*THINK_PAN))


async def search(client, base: str, stats: Stats, stop: float, rng: random.Random, semantic: bool) -> None:
    while time.perf_counter() < stop:
        q = rng.choice(QUERIES)
        mode = "semantic" if semantic and rng.random() < 0.5 else "keyword"
        t = time.perf_counter()
        try:
            async with client.get(f"{base}/search", params={"q": q, "mode": mode, "k": "50"}) as r:
                await r.read()
                status = r.status
        except Exception:  # noqa: BLE001
            status = None
        stats.add("search", time.perf_counter() - t, status)
        await asyncio.sleep(rng.uniform(*THINK_SEARCH))


async def run_load(port: int, dataset: str, version: str, users: int, searchers: int, seconds: float,
                   server_pid: int) -> dict:
    import aiohttp

    base = f"http://127.0.0.1:{port}/api/maps/{dataset}/{version}"
    conn = aiohttp.TCPConnector(limit=users * 4 + searchers + 10)
    async with aiohttp.ClientSession(connector=conn, timeout=aiohttp.ClientTimeout(total=30)) as client:
        async with client.get(f"{base}/info") as r:
            info = await r.json()
        semantic = bool(info.get("semantic_search"))
        tiles: dict[int, set] = {}
        for name in (info.get("tiles") or {}).get("tiles", {}):
            z, x, y = (int(v) for v in name.split("/"))
            tiles.setdefault(z, set()).add((x, y))
        by_zoom = {z: sorted(v) for z, v in tiles.items()}
        lookup = {z: set(v) for z, v in tiles.items()}
        stats = Stats()
        rss: list[tuple[float, float]] = []
        t0 = time.perf_counter()
        stop = t0 + seconds

        async def sample_rss() -> None:
            while time.perf_counter() < stop:
                rss.append((round(time.perf_counter() - t0, 1), round(rss_mb(server_pid), 1)))
                await asyncio.sleep(1.0)

        tz = {z: _Tiles(by_zoom[z], lookup[z]) for z in by_zoom}
        rngs = [random.Random(i) for i in range(users + searchers)]
        jobs = [browse(client, base, tz, stats, stop, rngs[i]) for i in range(users)]
        jobs += [search(client, base, stats, stop, rngs[users + i], semantic) for i in range(searchers)]
        cpu0 = cpu_seconds(server_pid)
        await asyncio.gather(sample_rss(), *jobs)
        duration = time.perf_counter() - t0
        cpu = cpu_seconds(server_pid) - cpu0
    mem = [m for _, m in rss]
    half = len(mem) // 2
    return {"users_browsing": users, "users_searching": searchers, "seconds": round(duration, 1),
            "semantic_search": semantic, "tile_zooms": sorted(by_zoom), "tiles": sum(len(v) for v in by_zoom.values()),
            "tile": stats.summary("tile", duration), "search": stats.summary("search", duration),
            "status_codes": stats.codes,
            # load-independent: server CPU per request (user+sys of the server process)
            "server_cpu_ms_per_request": round(1000 * cpu / max(1, sum(len(v) for v in stats.lat.values())), 2),
            "server_cpu_share_of_one_core": round(cpu / duration, 2),
            "server_rss_mb": {"start": mem[0] if mem else None, "end": mem[-1] if mem else None,
                              "max": max(mem) if mem else None,
                              "first_half_max": max(mem[:half]) if half else None,
                              "second_half_max": max(mem[half:]) if half else None,
                              "series": rss}}


class _Tiles(list):
    """Tiles of one zoom: a list to pick from and a set to test block neighbours."""

    def __init__(self, items, present):
        super().__init__(items)
        self.present = present

    def __contains__(self, item) -> bool:
        return item in self.present


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store")
    ap.add_argument("--dataset")
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--tile-capacity", type=int, default=1000,
                    help="points per tile of the built map (the default 20,000 would make one tile)")
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--searchers", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--warmup", type=float, default=20, help="seconds of load before measuring")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "load.json"))
    a = ap.parse_args()
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    tmp = tempfile.mkdtemp(prefix="datamap-load-")
    t_build = None
    if a.store:
        store, dataset = a.store, a.dataset or "debian"
        from datamap.resources import Store

        version = Store(store).resolve_version(dataset)
    else:
        store = os.path.join(tmp, "store")
        t = time.perf_counter()
        dataset, version = build_map(a.rows, store, a.tile_capacity)
        t_build = round(time.perf_counter() - t, 1)
    port = _free_port()
    code = f"from datamap.viewer.app import serve; serve({store!r}, host='127.0.0.1', port={port})"
    server = subprocess.Popen([sys.executable, "-c", code], cwd=str(REPO))
    try:
        import httpx

        deadline = time.time() + 120
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/catalog", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise SystemExit("server did not start")
            time.sleep(0.3)
        rss_idle = rss_mb(server.pid)
        if a.warmup:
            asyncio.run(run_load(port, dataset, version, a.users, a.searchers, a.warmup, server.pid))
        got = asyncio.run(run_load(port, dataset, version, a.users, a.searchers, a.seconds, server.pid))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    load = os.getloadavg()
    out = {"tile_capacity": None if a.store else a.tile_capacity, "think_seconds": {"pan": THINK_PAN, "search": THINK_SEARCH}, "map": {"rows": a.rows if not a.store else None, "dataset": dataset, "version": version,
                   "build_seconds": t_build},
           "server_rss_idle_mb": round(rss_idle, 1), "warmup_seconds": a.warmup, **got,
           "machine": {**machine_facts(), "loadavg_after": [round(x, 2) for x in load],
                       "note": "client and server share the machine's cores"}}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=2))
    show = {k: out[k] for k in ("tile", "search")}
    print(json.dumps(show, indent=2))
    r = out["server_rss_mb"]
    print(f"server RSS MB: idle {out['server_rss_idle_mb']}, start {r['start']}, max {r['max']}, end {r['end']}")


if __name__ == "__main__":
    main()
