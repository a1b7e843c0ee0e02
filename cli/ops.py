"""Operations commands of the ``datamap`` CLI: sources, deploy, diff.

Mounted by ``flows/cli.py`` (``source`` sub-command group, ``deploy``, ``diff``); kept
here so the operations code has one home.
"""
from __future__ import annotations

import json
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from datamap.cli.exits import fail

console = Console()
err = Console(stderr=True)

StoreOpt = typer.Option(None, "--store", envvar="DATAMAP_STORE",
                        help="Store URI (local folder or s3://bucket/prefix). Default ./datamap-store")

source_app = typer.Typer(add_completion=False, no_args_is_help=True,
                         help="Register the input behind a dataset for scheduled / event refreshes.")


_fail = fail


@source_app.command("add")
def source_add(
    dataset: str = typer.Argument(..., help="Map name in the store"),
    source: str = typer.Argument(..., help="Input file (path or fsspec URL) that feeds it"),
    store: Optional[str] = StoreOpt,
    options: str = typer.Option("{}", help="Build options as JSON, e.g. '{\"text_field\": \"text\"}'"),
    schedule: Optional[str] = typer.Option(None, help="Cron (UTC) of its refresh, e.g. '0 3 * * *'; the ops "
                                           "dashboard calls the map late when a scheduled run is overdue "
                                           "(default: the --cron of `datamap deploy`)"),
) -> None:
    """Register (or replace) the source of DATASET; its current fingerprint is the baseline."""
    from datamap.resources.errors import DatamapError
    from datamap.resources.store import Store
    from datamap.tasks.sources import register_source

    try:
        opts = json.loads(options)
        entry = register_source(Store(store), dataset, source, opts, schedule=schedule)
    except (DatamapError, json.JSONDecodeError) as e:
        _fail(e)
    console.print(f"registered {dataset} ← {entry['source']} (size {entry['fingerprint']['size']})")


@source_app.command("list")
def source_list(store: Optional[str] = StoreOpt) -> None:
    """Show registered sources and when they were last checked."""
    from datamap.resources.store import Store
    from datamap.tasks.sources import load_registry

    tb = Table("dataset", "source", "size", "checked at", "schedule (UTC)")
    for d, e in sorted(load_registry(Store(store)).items()):
        fp = e.get("fingerprint") or {}
        tb.add_row(d, e["source"], str(fp.get("size")), str(e.get("checked_at"))[:19], e.get("schedule") or "")
    console.print(tb)


@source_app.command("remove")
def source_remove(dataset: str = typer.Argument(..., help="Map name in the store"), store: Optional[str] = StoreOpt) -> None:
    """Forget the source of DATASET (its versions stay)."""
    from datamap.resources.store import Store
    from datamap.tasks.sources import unregister_source

    if not unregister_source(Store(store), dataset):
        _fail(LookupError(f"no source registered for {dataset!r}"))
    console.print(f"removed source of {dataset}")


def deploy(
    store: Optional[str] = StoreOpt,
    cron: str = typer.Option("0 3 * * *", help="Cron schedule of the refresh (server time zone: UTC)"),
    watch_every: float = typer.Option(300, help="Seconds between source checks (0: no watcher)"),
    dataset: Optional[list[str]] = typer.Option(None, "--dataset", "-d", help="Only these datasets"),
    limit: Optional[int] = typer.Option(None, help="Most flow runs at once in this process"),
    prefect_yaml: Optional[str] = typer.Option(None, "--prefect-yaml", help="Write these deployments to a "
                                               "prefect.yaml for work pools (`prefect deploy --all`) instead of serving"),
    pool: str = typer.Option("datamap", help="With --prefect-yaml: the work pool that runs them"),
    image: Optional[str] = typer.Option(None, help="With --prefect-yaml: the image job variable (docker pools)"),
) -> None:
    """Serve the refresh deployments (cron + source-changed trigger) and the watcher.

    Needs a Prefect server: set PREFECT_API_URL (e.g. http://127.0.0.1:4200/api after
    `prefect server start --host 127.0.0.1`). Blocks until interrupted. With
    --prefect-yaml, writes the same deployments bound to a work pool and returns.
    """
    import os

    if prefect_yaml:
        _write_prefect_yaml(prefect_yaml, store, cron, watch_every, dataset, pool, image)
        return

    from datamap.deployments.maps import map_deployments, serve_all
    from datamap.resources.errors import DatamapError
    from datamap.resources.store import Store
    from datamap.tasks.sources import record_default_schedule

    if not os.environ.get("PREFECT_API_URL"):
        from prefect.settings import PREFECT_API_URL

        if not PREFECT_API_URL.value():
            _fail(RuntimeError("PREFECT_API_URL is not set: start `prefect server start --host 127.0.0.1` "
                               "and export PREFECT_API_URL=http://127.0.0.1:4200/api"))
    try:
        deps = map_deployments(store, cron=cron, watch_every_s=watch_every or None, datasets=dataset)
        record_default_schedule(Store(store), cron, dataset)   # what "late" means on the ops dashboard
    except DatamapError as e:
        _fail(e)
    if not deps:
        _fail(LookupError("nothing to deploy: register a source first (datamap source add DATASET SOURCE)"))
    err.print(f"serving {len(deps)} deployment(s): " + ", ".join(d.name for d in deps))
    serve_all(deps, limit=limit)


def diff(
    dataset: str = typer.Argument(..., help="Map name in the store"),
    v1: str = typer.Argument(..., help="Older version id"),
    v2: str = typer.Argument("latest", help="Newer version id (default: latest)"),
    store: Optional[str] = StoreOpt,
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON"),
) -> None:
    """What changed between two versions: rows added/removed/changed, moves, topics."""
    from datamap.resources import open_map
    from datamap.resources.errors import DatamapError
    from datamap.tasks.refresh import compare_versions

    try:
        res = compare_versions(open_map(dataset, store=store, version=v1),
                               open_map(dataset, store=store, version=v2))
    except DatamapError as e:
        _fail(e)
    if as_json:
        console.print_json(json.dumps(res, default=str))
        return
    console.print(f"[bold]{dataset}[/] {res['from']} → {res['to']}")
    console.print(f"rows {res['rows']['from']:,} → {res['rows']['to']:,}: "
                  f"+{res['rows_added']:,} added, -{res['rows_removed']:,} removed, "
                  f"~{res['rows_changed']:,} changed")
    console.print(f"median move of kept points: {res['median_move']:.4%} of the map's extent")
    r = res.get("refresh") or {}
    if r:
        console.print(f"built as: {r.get('mode')} refresh of {r.get('parent')}"
                      + (f" ({r['reason']})" if r.get("reason") else ""))
    for depth, t in res["topics"].items():
        console.print(f"topics depth {depth}: {t['count']} now; appeared {len(t['appeared'])}"
                      + (f" ({', '.join(t['appeared'][:8])})" if t["appeared"] else "")
                      + f"; vanished {len(t['vanished'])}"
                      + (f" ({', '.join(t['vanished'][:8])})" if t["vanished"] else "")
                      + (f"; renamed {len(t.get('renamed', []))}" if t.get("renamed") else ""))


def _write_prefect_yaml(path: str, store: Optional[str], cron: str, watch_every: float,
                        datasets: Optional[list[str]], pool: str, image: Optional[str]) -> None:
    from datamap.deployments.project import project_document, write_project
    from datamap.resources.errors import DatamapError

    try:
        doc = project_document(store, cron=cron, watch_every_s=watch_every or None, datasets=datasets,
                               pool=pool, image=image)
    except DatamapError as e:
        _fail(e)
    if not any(d["entrypoint"].endswith(":build_map") for d in doc["deployments"]):
        _fail(LookupError("nothing to deploy: register a source first (datamap source add DATASET SOURCE)"))
    write_project(path, doc)
    err.print(f"wrote {len(doc['deployments'])} deployment(s) to {path}: `prefect deploy --all` there, "
              f"then `prefect worker start --pool {pool}`")
