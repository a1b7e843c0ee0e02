"""``datamap relabel DATASET``: name a map's topics again, published as a new version.

Nothing but the names is recomputed (``tasks/relabel.py``): seconds, where a rebuild
embeds and lays out again. The labeller name is checked by the parser (exit 2, the
valid names listed) before the map is opened.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Optional

import typer
from rich.console import Console

# names the parser accepts besides "module:attr" and "bertopic:<ReprName>" (tasks/topics/labellers)
NAMED_LABELLERS = ("contrastive", "keywords", "openai")


def check_labeller(value: str) -> str:
    """A labeller name, ``bertopic:<ReprName>`` or ``module:attr``; anything else is a usage error."""
    if value in NAMED_LABELLERS or (":" in value and all(value.partition(":")[::2])):
        return value
    raise typer.BadParameter(f"{value!r} is not a labeller: choose one of {', '.join(NAMED_LABELLERS)}, "
                             "bertopic:<ReprName> or module:attr")


def register(app: typer.Typer, store_opt: Any, console: Console, fail: Callable[[Exception], None]) -> None:
    """Add ``relabel`` to ``app``."""

    @app.command()
    def relabel(dataset: str = typer.Argument(..., help="Map name in the store"),
                store: Optional[str] = store_opt,
                labeller: str = typer.Option("contrastive", callback=check_labeller,
                                             help="Topic names: contrastive (offline, default) | keywords | openai "
                                                  "(needs --labeller-url) | bertopic:KeyBERTInspired | module:attr"),
                labeller_url: Optional[str] = typer.Option(None, help="OpenAI-compatible server for --labeller "
                                                           "openai, e.g. http://127.0.0.1:8080/v1"),
                labeller_model: Optional[str] = typer.Option(None, help="Model name the labeller server knows"),
                version: str = typer.Option("latest", help="Version whose topics to name again"),
                as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON instead of text"),
                ) -> None:
        """Name the topics again (another labeller) and publish a new version; the
        partition, vectors, layout and every other artifact are kept as they are."""
        from datamap.cli.extras import require
        from datamap.resources.errors import DatamapError

        require("build", "datamap relabel")
        from datamap.flows.relabel import relabel as relabel_recorded

        try:
            res = relabel_recorded(dataset, store, labeller=labeller, labeller_url=labeller_url,
                              labeller_model=labeller_model, version=version)
        except DatamapError as e:
            fail(e)
        if as_json:
            console.print_json(json.dumps(res))
            return
        console.print(f"[bold green]published[/] {res['dataset']}@{res['version']} (topics named by "
                      f"{res['labeller']}; from {res['parent']} in {res['seconds']:.1f} s, "
                      f"{len(res['rewritten'])} files rewritten, {len(res['copied'])} kept)")
