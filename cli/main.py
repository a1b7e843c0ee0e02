"""The ``datamap`` command line: build, list and inspect maps (serve/export join later)."""
from __future__ import annotations

import json
import logging
import os
import sys
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Self-hosted, versioned data maps.")
console = Console()
err = Console(stderr=True)

StoreOpt = typer.Option(None, "--store", envvar="DATAMAP_STORE",
                        help="Store URI (local folder or s3://bucket/prefix). Default ./datamap-store")


def _quiet_prefect(verbose: bool) -> None:
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        for name in ("prefect", "prefect.flow_runs", "prefect.task_runs", "httpx", "uvicorn"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def _fail(e: Exception) -> None:
    err.print(f"[bold red]error:[/] {type(e).__name__}: {e}")
    raise typer.Exit(2)


@app.command()
def build(
    source: str = typer.Argument(..., help="Input file: CSV, TSV, JSONL, Parquet or Arrow; path or fsspec URL"),
    dataset: str = typer.Option(..., "--dataset", "-d", help="Map name in the store"),
    store: Optional[str] = StoreOpt,
    text_field: Optional[str] = typer.Option(None, help="Column with the text to embed"),
    id_field: Optional[str] = typer.Option(None, help="Column with unique ids (else stable ids from content)"),
    embedding_field: Optional[str] = typer.Option(None, help="Column holding your own vectors"),
    embeddings: Optional[str] = typer.Option(None, help="Separate vectors: .npy (row order) or parquet with id"),
    input_format: Optional[str] = typer.Option(None, "--format", help="Override format detection"),
    model: Optional[str] = typer.Option(None, help="sentence-transformers model folder (default: bundled MiniLM)"),
    embed_mode: str = typer.Option("quality", help="quality (ONNX int8) | exact (ONNX fp32) | fast (static, "
                                   "lossy) | torch; see docs/embedding-modes.md"),
    on_invalid: str = typer.Option("fail", help="fail | skip: what to do with rows that break the contract"),
    latent_dtype: str = typer.Option("float32", help="float32 | float16 for stored vectors"),
    n_neighbors: int = typer.Option(15, help="UMAP n_neighbors"),
    min_dist: float = typer.Option(0.1, help="UMAP min_dist"),
    seed: int = typer.Option(42, help="Layout seed (same input → same map)"),
    projection: str = typer.Option("umap", help="umap | tsne | pca | auto (by size); see "
                                   "docs/projections-and-images.md"),
    extra_projection: Optional[list[str]] = typer.Option(None, help="Another layout stored beside the main "
                                                         "one (repeat: --extra-projection tsne --extra-projection pca)"),
    image_field: Optional[str] = typer.Option(None, help="Column with image paths, URLs or bytes (image maps; "
                                              "default: detected)"),
    no_topics: bool = typer.Option(False, help="Skip the topic model"),
    labeller: str = typer.Option("contrastive", help="Topic names: contrastive (offline, default) | keywords | "
                                 "openai (needs --labeller-url) | bertopic:KeyBERTInspired | module:attr"),
    labeller_url: Optional[str] = typer.Option(None, help="OpenAI-compatible server for --labeller openai, "
                                               "e.g. http://127.0.0.1:8080/v1 (key: $DATAMAP_LABELLER_API_KEY)"),
    labeller_model: Optional[str] = typer.Option(None, help="Model name the labeller server knows"),
    no_dedupe: bool = typer.Option(False, help="Skip duplicate detection"),
    no_outliers: bool = typer.Option(False, help="Skip outlier scores"),
    duplicate_cutoff: Optional[float] = typer.Option(None, help="Cosine distance under which points are "
                                                     "duplicates (default 0.1)"),
    runner: str = typer.Option("local", help="local | dask: where the stages run"),
    dask_address: Optional[str] = typer.Option(None, help="Dask scheduler (tcp://host:8786); "
                                               "default with --runner dask: a local cluster"),
    full: bool = typer.Option(False, "--full", help="Full re-layout even if the dataset has a version "
                              "(default: incremental refresh below the drift threshold)"),
    skip_unchanged: bool = typer.Option(False, "--skip-unchanged", help="Publish nothing when the source's "
                                        "bytes and these options equal the latest version's"),
    verbose: bool = typer.Option(False, "--verbose", "-v"),
) -> None:
    """Build a map and publish it as a new version."""
    _quiet_prefect(verbose)
    options = {"text_field": text_field, "id_field": id_field, "embedding_field": embedding_field,
               "embeddings": embeddings, "input_format": input_format, "model": model, "embed_mode": embed_mode,
               "on_invalid": on_invalid, "latent_dtype": latent_dtype,
               "projection": {"n_neighbors": n_neighbors, "min_dist": min_dist, "seed": seed,
                              "method": projection, "extra": list(extra_projection or [])},
               "topics": None if no_topics else _topic_options(labeller, labeller_url, labeller_model), "dedupe": None if no_dedupe else
               ({} if duplicate_cutoff is None else {"duplicate_cutoff": duplicate_cutoff}), "full": full,
               "outliers": None if no_outliers else {},
               "thumbnails": {"image_field": image_field} if image_field else {}}
    res = _run_build(source, dataset, store, options, runner, dask_address, skip_unchanged, verbose)
    _report_build(res)


def _run_build(source: str, dataset: str, store: Optional[str], options: dict, runner: str,
               dask_address: Optional[str], skip_unchanged: bool, verbose: bool) -> dict:
    """Run the build flow with the progress display; a ``DatamapError`` becomes one error
    line and exit code 2 (Prefect's own traceback is silenced unless ``--verbose``)."""
    from datamap.cli.progress import RichReporter
    from datamap.flows.build_map import build_map
    from datamap.resources.errors import DatamapError
    from datamap.tasks.progress import set_reporter

    if not verbose:
        # Prefect logs a failed run's traceback at ERROR; the user gets our one-line error
        logging.disable(logging.ERROR)
    try:
        from datamap.flows.build_map import check_options
        from datamap.flows.runtime.api_server import local_api
        from datamap.resources.store import Store

        check_options(options, dataset)             # bad options and stores: refused before the
        Store(store).check_publishable()            # API server starts (10-20 s on a busy machine)
        with local_api(), RichReporter(err) as rep:     # the API server dies with this process
            set_reporter(rep)
            from datamap.flows.runtime.runners import with_runner

            res = with_runner(build_map, runner, dask_address)(source=source, dataset=dataset, store=store,
                                                               options=options, skip_unchanged=skip_unchanged)
    except DatamapError as e:
        _fail(e)
    finally:
        set_reporter(None)
        logging.disable(logging.NOTSET)
    return res


def _report_build(res: dict) -> None:
    """What was published (or that nothing was), stage times, and how to open the map."""
    t = res["timings"]
    if res.get("unchanged"):
        console.print(f"[bold]unchanged[/]: {res['dataset']}@{res['version']} already holds this source "
                      "and these options; nothing published (--full forces a rebuild)")
        return
    console.print(f"[bold green]published[/] {res['dataset']}@{res['version']} "
                  f"({res['rows']:,} rows; embedded {res['embedded']:,}, from cache {res['cached']:,})")
    console.print("stage seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in t.items()))
    from datamap.resources.store import Store

    st = Store(res["store"])
    where = st.root if st.local else st.uri
    console.print(f"map: {where}/{res['dataset']}/versions/{res['version']}")
    console.print(f"open it: python -c \"from datamap import open_map; "
                  f"m = open_map('{res['dataset']}', store='{where}'); print(m.data.df)\"")


def _topic_options(labeller: str, url: str | None, model: str | None) -> dict:
    """Topics stage options from the CLI: only what differs from the defaults, so a plain
    build keeps the options (and cache keys) it always had."""
    out: dict = {}
    if labeller != "contrastive":
        out["labeller"] = labeller
    if url:
        out["labeller_url"] = url
    if model:
        out["labeller_model"] = model
    return out


@app.command()
def versions(dataset: str, store: Optional[str] = StoreOpt,
             as_json: bool = typer.Option(False, "--json")) -> None:
    """List the complete versions of a dataset (newest last)."""
    from datamap.resources import list_versions
    from datamap.resources.errors import DatamapError

    try:
        rows = list_versions(dataset, store)
    except DatamapError as e:
        _fail(e)
    if not rows:
        _fail(LookupError(f"no versions of {dataset!r}"))
    if as_json:
        console.print_json(json.dumps(rows))
        return
    tb = Table("version", "rows", "built at", "build s", "valid", "latest")
    for r in rows:
        tb.add_row(r["version"], f"{r['rows']:,}", str(r["created_at"])[:19],
                   f"{r['build_seconds']:.1f}" if r["build_seconds"] else "", str(r["validation"]),
                   "★" if r["latest"] else "")
    console.print(tb)


@app.command()
def datasets(store: Optional[str] = StoreOpt) -> None:
    """List the datasets in a store."""
    from datamap.resources import list_datasets
    from datamap.resources.errors import DatamapError

    try:
        names = list_datasets(store)
    except DatamapError as e:       # an unknown protocol, an unreachable store
        _fail(e)
    for d in names:
        console.print(d)


@app.command()
def gc(dataset: str, store: Optional[str] = StoreOpt,
       min_age: float = typer.Option(3600, help="Only folders older than this many seconds")) -> None:
    """Remove leftovers of crashed publishes (version folders without a manifest)."""
    from datamap.resources.store import Store
    from datamap.tasks.publish import collect_garbage

    removed = collect_garbage(Store(store), dataset, min_age)
    console.print(f"removed {len(removed)} incomplete version folder(s)")


@app.command()
def serve(store: Optional[str] = StoreOpt,
          host: str = typer.Option("127.0.0.1", help="Address to listen on (loopback by default)"),
          port: int = typer.Option(8000, help="Port to listen on"),
          token: Optional[str] = typer.Option(None, envvar="DATAMAP_TOKEN",
                                              help="Token every request must carry when listening beyond "
                                                   "loopback (required there); on loopback, guards writes")) -> None:
    """Serve the web map of every dataset in the store."""
    from datamap.resources.errors import DatamapError
    from datamap.resources.store import Store
    from datamap.viewer.app import LOOPBACK
    from datamap.viewer.app import serve as run_server

    try:
        st = Store(store)
    except DatamapError as e:       # an unknown protocol, an unreachable ftp/sftp store
        _fail(e)
    shown = "localhost" if host in LOOPBACK else host
    console.print(f"datamap web map for {st.root if st.local else st.uri}: http://{shown}:{port}/")
    if host not in LOOPBACK and not token:
        err.print(f"[red]refusing to listen on {host} without a token: anyone reaching it could read "
                  "the maps. Pass --token or set DATAMAP_TOKEN; browsers then open /?token=<token> once.[/]")
        raise typer.Exit(2)
    run_server(st.uri, host=host, port=port, token=token)


from datamap.cli.ops import deploy as _deploy  # noqa: E402
from datamap.cli.ops import diff as _diff
from datamap.cli.ops import source_app as _source_app

app.add_typer(_source_app, name="source")   # operations: flows/cli_ops.py
app.command("deploy")(_deploy)
app.command("diff")(_diff)


from datamap.cli.curate import register as _register_curate  # noqa: E402  (export, tag add/list/…)

_register_curate(app, StoreOpt, console, _fail)

from datamap.cli.outliers import register as _register_outliers  # noqa: E402  (outliers, tag suggest)

_register_outliers(app, StoreOpt, console, _fail)


def main() -> None:
    """The ``datamap`` entry point: a command whose optional extra is not installed ends
    with one line naming the pip command, not a traceback from deep inside a stage."""
    from datamap.cli.extras import extra_for_missing
    from datamap.resources.errors import MissingExtra

    try:
        app()
    except MissingExtra as e:
        typer.echo(f"error: {e}", err=True)     # plain text: "[build]" is no markup
        sys.exit(1)
    except ModuleNotFoundError as e:
        hint = extra_for_missing(e.name or "")
        if hint is None:
            raise
        typer.echo(f"error: this command needs the '{hint}' extra (missing module {e.name}): "
                   f"pip install 'datamap[{hint}]'", err=True)
        sys.exit(1)


if __name__ == "__main__":
    sys.exit(main())
