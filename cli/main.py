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

from datamap.cli import exits
from datamap.cli.exits import fail
from datamap.resources.choices import EmbedMode, LatentDtype, OnInvalid, Projection, Runner

CONTEXT = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(add_completion=False, no_args_is_help=True, context_settings=CONTEXT)
console = Console()
err = Console(stderr=True)

StoreOpt = typer.Option(None, "--store", envvar="DATAMAP_STORE",
                        help="Store URI (local folder or s3://bucket/prefix). Default ./datamap-store")
JsonOpt = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table")


def _show_version(value: bool) -> None:
    if value:
        from datamap import __version__

        typer.echo(f"datamap {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                       help="Print the installed datamap version and exit")) -> None:
    """Self-hosted, versioned data maps. Exit codes: 0 ok, 1 input/data error, 2 usage error,
    3 storage unreachable (docs/cli.md)."""


def _quiet_prefect(verbose: bool) -> None:
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        for name in ("prefect", "prefect.flow_runs", "prefect.task_runs", "httpx", "uvicorn"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


_fail = fail


@app.command()
def build(
    ctx: typer.Context,
    source: str = typer.Argument(..., help="Input file: CSV, TSV, JSONL, Parquet or Arrow; path or fsspec URL"),
    dataset: str = typer.Option(..., "--dataset", "-d", help="Map name in the store"),
    store: Optional[str] = StoreOpt,
    text_field: Optional[str] = typer.Option(None, help="Column with the text to embed"),
    id_field: Optional[str] = typer.Option(None, help="Column with unique ids (else stable ids from content)"),
    embedding_field: Optional[str] = typer.Option(None, help="Column holding your own vectors"),
    embeddings: Optional[str] = typer.Option(None, help="Separate vectors: .npy (row order) or parquet with id"),
    input_format: Optional[str] = typer.Option(None, "--format", help="Override format detection"),
    model: Optional[str] = typer.Option(None, help="sentence-transformers model folder (default: bundled MiniLM)"),
    embed_mode: EmbedMode = typer.Option("quality", help="quality (ONNX int8), exact (ONNX fp32), fast (static, "
                                         "lossy) or torch; see docs/embedding-modes.md"),
    fast_fit_sample: int = typer.Option(0, "--fast-fit-sample", help="fast mode: fit its static model to "
                                        "this many of your texts, embedded in quality mode first (keeps "
                                        "more of each text's neighbours; 0: off; docs/embedding-modes.md)"),
    on_invalid: OnInvalid = typer.Option("fail", help="What to do with rows that break the contract"),
    expectations: Optional[str] = typer.Option(None, help="A Great Expectations suite JSON file whose "
                                               "expectations are checked with the contract (docs/operations.md)"),
    latent_dtype: LatentDtype = typer.Option("float32", help="Dtype of the stored vectors"),
    projection: Projection = typer.Option("auto", help="Main layout; auto (default) picks by size: PCA "
                                          "under 50 rows, t-SNE up to 20,000, UMAP above "
                                          "(docs/projections-and-images.md)"),
    n_neighbors: Optional[int] = typer.Option(None, help="UMAP n_neighbors (default 15; umap/auto only)"),
    min_dist: Optional[float] = typer.Option(None, help="UMAP min_dist (default 0.1; umap/auto only)"),
    n_epochs: Optional[int] = typer.Option(None, help="UMAP epochs (default: umap-learn's; umap/auto only)"),
    perplexity: Optional[float] = typer.Option(None, help="t-SNE perplexity (default 30; tsne/auto only)"),
    learning_rate: Optional[float] = typer.Option(None, help="t-SNE learning rate (default: openTSNE's auto, "
                                                  "max(N/12, 200); tsne/auto only)"),
    metric: Optional[str] = typer.Option(None, help="Layout distance metric (default cosine)"),
    seed: int = typer.Option(42, help="Layout seed (same input → same map)"),
    extra_projection: Optional[list[Projection]] = typer.Option(
        None, help="Another layout stored beside the main one (repeat: --extra-projection tsne "
                   "--extra-projection pca)"),
    image_field: Optional[str] = typer.Option(None, help="Column with image paths, URLs or bytes (image maps; "
                                              "default: detected)"),
    topics: bool = typer.Option(True, "--topics/--no-topics", help="Build the topic model"),
    labeller: str = typer.Option("contrastive", help="Topic names: contrastive (offline, default) | keywords | "
                                 "openai (needs --labeller-url) | bertopic:KeyBERTInspired | module:attr"),
    labeller_url: Optional[str] = typer.Option(None, help="OpenAI-compatible server for --labeller openai, "
                                               "e.g. http://127.0.0.1:8080/v1 (key: $DATAMAP_LABELLER_API_KEY)"),
    labeller_model: Optional[str] = typer.Option(None, help="Model name the labeller server knows"),
    dedupe: bool = typer.Option(True, "--dedupe/--no-dedupe", help="Detect semantic duplicates"),
    outliers: bool = typer.Option(True, "--outliers/--no-outliers", help="Compute outlier scores"),
    duplicate_cutoff: Optional[float] = typer.Option(None, help="Cosine distance under which points are "
                                                     "duplicates (default 0.1)"),
    tag_duplicates: bool = typer.Option(True, "--tag-duplicates/--no-tag-duplicates",
                                        help="Expose deletion candidates as the 'duplicates' tag"),
    settings: Optional[list[str]] = typer.Option(None, "--set", metavar="STAGE.KEY=VALUE",
                                                 help="Any stage option, e.g. --set topics.depths=2 "
                                                      "--set index.connectivity=32 (repeatable; docs/cli.md)"),
    runner: Runner = typer.Option("local", help="Where the stages run"),
    dask_address: Optional[str] = typer.Option(None, help="Dask scheduler (tcp://host:8786); "
                                               "default with --runner dask: a local cluster"),
    full: bool = typer.Option(False, "--full", help="Full re-layout even if the dataset has a version "
                              "(default: incremental refresh below the drift threshold)"),
    skip_unchanged: bool = typer.Option(False, "--skip-unchanged", help="Publish nothing when the source's "
                                        "bytes and these options equal the latest version's"),
    config: Optional[str] = typer.Option(None, "--config", metavar="FILE",
                                         help="Build options from a TOML file (default: ./datamap.toml if "
                                              "present); flags given here override it (docs/cli.md)"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's logs and full tracebacks"),
) -> None:
    """Build a map and publish it as a new version."""
    from datamap.cli.build_options import build_options
    from datamap.cli.config import load_config

    from_file, _ = load_config(config)
    given = {name for name in ctx.params if ctx.get_parameter_source(name).name not in ("DEFAULT", "DEFAULT_MAP")}

    layout = {"method": projection.value, "seed": seed, "n_neighbors": n_neighbors, "min_dist": min_dist,
              "n_epochs": n_epochs, "perplexity": perplexity, "learning_rate": learning_rate, "metric": metric,
              "extra": [p.value for p in extra_projection or []]}
    options = build_options(
        fields={"text_field": text_field, "id_field": id_field, "embedding_field": embedding_field,
                "embeddings": embeddings, "input_format": input_format, "model": model,
                "embed_mode": embed_mode.value, "on_invalid": on_invalid.value, "latent_dtype": latent_dtype.value,
                "expectations": expectations, "embed_fit_sample": fast_fit_sample,
                "full": full},
        layout=layout, topics=_topic_options(labeller, labeller_url, labeller_model) if topics else None,
        dedupe=_dedupe_options(duplicate_cutoff, tag_duplicates) if dedupe else None,
        outliers={} if outliers else None, image_field=image_field, settings=settings or [],
        from_file=from_file, given=given)
    _quiet_prefect(verbose)
    res = _run_build(source, dataset, store, options, runner.value, dask_address, skip_unchanged, verbose)
    _report_build(res)


def _dedupe_options(cutoff: float | None, tag_duplicates: bool) -> dict:
    """Dedupe options from the CLI: only what differs from the defaults (stable cache keys)."""
    out: dict = {} if cutoff is None else {"duplicate_cutoff": cutoff}
    if not tag_duplicates:
        out["tag_duplicates"] = False
    return out


def _run_build(source: str, dataset: str, store: Optional[str], options: dict, runner: str,
               dask_address: Optional[str], skip_unchanged: bool, verbose: bool) -> dict:
    """Run the build flow with the progress display; a ``DatamapError`` becomes one error
    line and its exit code (cli/exits.py; Prefect's traceback is silenced unless ``--verbose``)."""
    from datamap.flows.options import check_options
    from datamap.resources.errors import DatamapError
    from datamap.resources.store import Store

    try:
        check_options(options, dataset)             # bad options and stores: refused before Prefect is
        Store(store).check_publishable()            # imported and its API server starts (10-30 s when busy)
        from datamap.tasks.ingest.read import check_fields     # (polars: after the options passed)

        check_fields(source, {"text field": options.get("text_field"), "id field": options.get("id_field"),
                              "embedding field": options.get("embedding_field")}, options.get("input_format"))
    except DatamapError as e:
        _fail(e)
    from datamap.cli.progress import RichReporter
    from datamap.flows.build_map import build_map
    from datamap.tasks.progress import set_reporter

    if not verbose:
        # Prefect logs a failed run's traceback at ERROR; the user gets our one-line error
        logging.disable(logging.ERROR)
    try:
        from datamap.flows.runtime.api_server import local_api
        from datamap.flows.preload import preload_for

        with local_api(preload_for(options)), RichReporter(err) as rep:     # the API server dies with this process
            set_reporter(rep)
            from prefect import tags

            from datamap.flows.events import run_tags
            from datamap.flows.runtime.runners import with_runner

            with tags(*run_tags(dataset)):      # found by dataset in Prefect's UI and the ops dashboard
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


DatasetArg = typer.Argument(..., help="Map name in the store")


@app.command()
def versions(dataset: str = DatasetArg, store: Optional[str] = StoreOpt, as_json: bool = JsonOpt) -> None:
    """List the complete versions of a dataset (newest last)."""
    from datamap.resources import list_versions
    from datamap.resources.errors import DatamapError
    from datamap.resources.store import Store

    try:
        rows = list_versions(dataset, store)
        if not rows:
            Store(store).resolve_version(dataset)     # raises DatasetNotFound naming those that exist
    except DatamapError as e:
        _fail(e)
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
def datasets(store: Optional[str] = StoreOpt, as_json: bool = JsonOpt) -> None:
    """List the datasets in a store."""
    from datamap.resources import list_datasets
    from datamap.resources.errors import DatamapError

    try:
        names = list_datasets(store)
    except DatamapError as e:       # an unknown protocol, an unreachable store
        _fail(e)
    if as_json:
        console.print_json(json.dumps(names))
        return
    for d in names:
        console.print(d)


@app.command()
def gc(dataset: str = DatasetArg, store: Optional[str] = StoreOpt,
       min_age: float = typer.Option(3600, help="Only folders older than this many seconds"),
       work_min_age: float = typer.Option(86400, help="Only work areas of dead builds untouched for "
                                                      "this many seconds")) -> None:
    """Remove leftovers of crashed builds: version folders without a manifest, and the work
    areas (<dataset>/_work) of builds that died and were never re-run."""
    from datamap.resources.errors import DatamapError
    from datamap.resources.store import Store

    try:
        st = Store(store)
        if not st.exists(st.dataset_dir(dataset)):
            st.resolve_version(dataset)               # raises DatasetNotFound naming those that exist
        from datamap.tasks.publish import collect_garbage, collect_work_areas

        removed = collect_garbage(st, dataset, min_age)
        areas = collect_work_areas(st, dataset, work_min_age)
    except DatamapError as e:
        _fail(e)
    console.print(f"removed {len(removed)} incomplete version folder(s) and {len(areas)} abandoned work area(s)")


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
        raise typer.Exit(exits.USAGE_ERROR)
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


from datamap.cli.read import register as _register_read  # noqa: E402  (search, neighbors, topics, duplicates, tag show)

_register_read(app, StoreOpt, console, _fail)


from datamap.cli.explore import register as _register_explore  # noqa: E402  (build + serve in one command)

_register_explore(app, StoreOpt, console, _fail, _run_build, _report_build)


from datamap.cli.relabel import register as _register_relabel  # noqa: E402  (new topic names, new version)

_register_relabel(app, StoreOpt, console, _fail)


def main() -> None:
    """The ``datamap`` entry point. Usage errors (a wrong option or choice) end as two plain
    lines and exit 2, found by the parser before anything heavy is imported; a command
    whose optional extra is not installed ends with one line naming the pip command."""
    from datamap.cli.extras import extra_for_missing
    from datamap.resources.errors import MissingExtra

    try:
        sys.exit(_invoke(sys.argv[1:]))
    except MissingExtra as e:
        typer.echo(f"error: {e}", err=True)     # plain text: "[build]" is no markup
        sys.exit(exits.DATA_ERROR)
    except ModuleNotFoundError as e:
        hint = extra_for_missing(e.name or "")
        if hint is None:
            raise
        typer.echo(f"error: this command needs the '{hint}' extra (missing module {e.name}): "
                   f"pip install 'datamap[{hint}]'", err=True)
        sys.exit(exits.DATA_ERROR)


def _invoke(args: list[str]) -> int:
    """Run the command line; a usage error prints ``Usage: …`` and ``error: …`` (one line,
    naming the valid choices for a choice) without Typer's boxed panel, which wraps lines."""
    ex = _click_exceptions()
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=args, prog_name="datamap", standalone_mode=False)
    except ex.UsageError as e:
        if e.ctx is not None:
            typer.echo(e.ctx.get_usage(), err=True)
            typer.echo(f"Try '{e.ctx.command_path} -h' for help.", err=True)
        # recent Typer checks choices through pydantic, which prefixes "Value error, "
        typer.echo(f"error: {e.format_message().replace('Value error, ', '')}", err=True)
        return exits.USAGE_ERROR
    except ex.ClickException as e:
        typer.echo(f"error: {e.format_message()}", err=True)
        return e.exit_code
    except typer.Abort:
        typer.echo("aborted", err=True)
        return 130
    return rv if isinstance(rv, int) else exits.OK


def _click_exceptions():
    """Click's exception classes as this Typer raises them (recent Typer vendors Click)."""
    try:
        from typer._click import exceptions
    except ImportError:      # Typer that uses the click package itself
        from click import exceptions
    return exceptions


if __name__ == "__main__":
    sys.exit(main())
