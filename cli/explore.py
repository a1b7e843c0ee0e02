"""``datamap explore FILE``: build a map of a file and open its web map in one command,
as Embedding Atlas does (``embedding-atlas data.parquet --text text``).

The map goes into the usual store (``--store``, ``$DATAMAP_STORE`` or ./datamap-store)
under a dataset named after the file, so a second ``explore`` of the same file reuses
the embedding cache and ``open_map`` finds it afterwards. Defaults favour a first look:
the layout is picked by size (``auto``), every stage on.
"""
from __future__ import annotations

import os
import re
from typing import Any, Callable, Optional

import typer
from rich.console import Console

from datamap.resources.choices import EmbedMode


def dataset_name(source: str) -> str:
    """A valid dataset name from a file name: ``data/My Notes.v2.csv`` → ``my-notes-v2``."""
    stem = os.path.splitext(os.path.basename(source.rstrip("/")))[0]
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_").lower()[:100]
    return name or "map"


def register(app: typer.Typer, store_opt: Any, console: Console, fail: Callable[[Exception], None],
             run_build: Callable[..., dict], report: Callable[[dict], None]) -> None:
    """Add ``explore``; ``run_build``/``report`` are ``datamap build``'s own, so both share
    the progress display, error handling and summary."""

    @app.command()
    def explore(source: str = typer.Argument(..., help="Input file: CSV, TSV, JSONL, Parquet or Arrow"),
                text: str = typer.Option("text", "--text", help="Column with the text to embed"),
                id_field: Optional[str] = typer.Option(None, "--id", help="Column with unique ids "
                                                       "(else stable ids from content)"),
                dataset: Optional[str] = typer.Option(None, "--dataset", "-d",
                                                      help="Map name (default: from the file name)"),
                store: Optional[str] = store_opt,
                port: int = typer.Option(8000, help="Port of the web map (loopback only)"),
                open_browser: bool = typer.Option(True, "--open/--no-open", help="Open the map in a browser"),
                serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve the web map after the build"),
                embed_mode: EmbedMode = typer.Option("quality", help="quality (ONNX int8), exact (ONNX fp32) "
                                                     "or fast (static, ~100× faster, coarser neighbourhoods)"),
                verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's logs")) -> None:
        """Build a map of FILE and open its web map, in one command."""
        from datamap.cli.build_options import build_options
        from datamap.resources.errors import DatamapError
        from datamap.resources.schema import check_name

        name = dataset or dataset_name(source)
        try:
            check_name(name, "dataset")
        except DatamapError as e:
            fail(e)
        options = build_options({"text_field": text, "id_field": id_field, "embed_mode": embed_mode.value},
                                {"method": "auto", "seed": 42},
                                topics={}, dedupe={}, outliers={}, image_field=None, settings=[])
        res = run_build(source, name, store, options, "local", None, False, verbose)
        report(res)
        if serve:
            _serve(console, store, name, res["version"], port, open_browser)


def _serve(console: Console, store: Optional[str], name: str, version: str, port: int, open_browser: bool) -> None:
    from datamap.resources.store import Store
    from datamap.viewer.app import serve as run_server

    st = Store(store)
    url = f"http://localhost:{port}/#/map/{name}/{version}"
    typer.echo(f"web map of {name}: {url}  (Ctrl-C stops it)")    # plain: a wrapped URL cannot be copied
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.5, lambda: webbrowser.open(url)).start()
    run_server(st.uri, host="127.0.0.1", port=port)
