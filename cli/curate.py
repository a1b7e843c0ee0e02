"""Curation commands: ``datamap export`` (curated copy by tags) and ``datamap tag …``.

Kept apart from ``cli/main.py`` so that file only registers them; all logic lives in
``resources.tags`` and ``resources.export``.
"""
from __future__ import annotations

import json
import sys
import warnings
from typing import Any, Callable, List, Optional

import typer
from rich.console import Console
from rich.table import Table


def _open(dataset: str, store: Optional[str], version: str):
    """Open a map lazily, so ``datamap --help`` does not import the reader."""
    from datamap.resources import open_map

    return open_map(dataset, store, version)


def _read_ids(ids: List[str], ids_file: Optional[str]) -> List[str]:
    """Ids from the command line plus, with ``--ids-file``, one per line (``-``: stdin)."""
    got = list(ids)
    if ids_file:
        src = sys.stdin if ids_file == "-" else open(ids_file, encoding="utf-8")
        with src:
            got += [line.strip() for line in src if line.strip()]
    return got


def _check_with(value: Optional[str]) -> list[str]:
    """``--with x,y,neighbors`` as a list, refused by the parser (exit 2) when a name is unknown."""
    from datamap.resources.export_columns import EXTRAS

    names = [v.strip() for v in (value or "").split(",") if v.strip()]
    bad = [n for n in names if n not in EXTRAS]
    if bad:
        raise typer.BadParameter(f"unknown column(s) {', '.join(repr(b) for b in bad)}: choose from "
                                 f"{', '.join(repr(e) for e in EXTRAS)}")
    return names


def register(app: typer.Typer, store_opt: Any, console: Console, fail: Callable[[Exception], None]) -> None:
    """Add ``export`` and the ``tag`` group to the CLI. ``store_opt``, ``console`` and
    ``fail`` are the main CLI's, so every command shares its store option and error style."""
    tag_app = typer.Typer(no_args_is_help=True, help="Dataset-level tags: add, remove, list, delete.")
    app.add_typer(tag_app, name="tag")
    _register_export(app, store_opt, console, fail)
    _register_tag_list(tag_app, store_opt, console, fail)
    _register_tag_edits(tag_app, store_opt, console, fail)


def _register_export(app: typer.Typer, store_opt: Any, console: Console,
                     fail: Callable[[Exception], None]) -> None:
    """``datamap export``: a curated copy of a map's data, filtered by tags."""

    @app.command()
    def export(dataset: str = typer.Argument(..., help="Map name in the store"),
               out: str = typer.Option(..., "--out", "-o", help="Parquet file to write (path or fsspec URL)"),
               with_tag: List[str] = typer.Option([], "--with-tag", help="Keep only rows in this tag (repeatable)"),
               without_tag: List[str] = typer.Option([], "--without-tag", help="Drop rows in this tag (repeatable)"),
               columns: Optional[str] = typer.Option(
                   None, "--with", callback=_check_with, metavar="x,y,topics,neighbors,outlier",
                   help="Map columns to add (comma-separated): a wide file Embedding Atlas opens as it is "
                        "(embedding-atlas out.parquet --x x --y y --neighbors neighbors)"),
               neighbors_k: int = typer.Option(15, min=1, help="Neighbours per row for --with neighbors"),
               version: str = typer.Option("latest", help="Version to export"),
               store: Optional[str] = store_opt) -> None:
        """Write a curated copy of a map's data, e.g. --without-tag duplicates."""
        from datamap.resources.errors import DatamapError
        from datamap.resources.export import export as do_export

        try:
            res = do_export(_open(dataset, store, version), out, with_tags=with_tag, without_tags=without_tag,
                            extras=columns or [], neighbors_k=neighbors_k)
        except DatamapError as e:
            fail(e)
        console.print(f"wrote {res['rows_out']:,} of {res['rows_in']:,} rows "
                      f"({res['dropped']:,} dropped) from {dataset}@{res['version']} to {out}")


def _register_tag_list(tag_app: typer.Typer, store_opt: Any, console: Console,
                       fail: Callable[[Exception], None]) -> None:
    """``datamap tag list``: the read-only tag command."""

    @tag_app.command("list")
    def tag_list(dataset: str, store: Optional[str] = store_opt,
                 version: str = typer.Option("latest", help="Version whose ids are counted"),
                 as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON")) -> None:
        """List the dataset's tags with their counts in a version."""
        from datamap.resources.errors import DatamapError

        try:
            rows = _open(dataset, store, version).tags.get_tags()
        except DatamapError as e:
            fail(e)
        if as_json:
            console.print_json(json.dumps(rows))
            return
        tb = Table("tag", "count", "created", "updated", "derived")
        for r in rows:
            tb.add_row(r["tag_name"], f"{r['count']:,}", str(r["created_at"])[:19], str(r["updated_at"])[:19],
                       "yes" if r["derived"] else "")
        console.print(tb)


def _register_tag_edits(tag_app: typer.Typer, store_opt: Any, console: Console,
                        fail: Callable[[Exception], None]) -> None:
    """``datamap tag add|remove|delete``: the writes, always on the latest version."""

    def _edit(op: str, dataset, name, ids, ids_file, store, strict) -> None:
        from datamap.resources.errors import DatamapError

        try:
            t = _open(dataset, store, "latest").tags
            with warnings.catch_warnings():     # the skipped count is printed below
                warnings.simplefilter("ignore", UserWarning)
                res = getattr(t, op)(name, _read_ids(ids, ids_file), strict=strict)
        except DatamapError as e:
            fail(e)
        done = res.get("added", res.get("removed"))
        console.print(f"{op}: {done:,} id(s) in tag {name!r}"
                      + (f"; skipped {res['skipped']:,} id(s) not in the map" if res["skipped"] else ""))

    @tag_app.command("add")
    def tag_add(dataset: str, name: str, ids: List[str] = typer.Argument(None, help="Datum ids"),
                ids_file: Optional[str] = typer.Option(None, help="File with one id per line ('-': stdin)"),
                strict: bool = typer.Option(True, "--strict/--no-strict", help="--no-strict skips ids not in the map"),
                store: Optional[str] = store_opt) -> None:
        """Add ids to a tag (created if new)."""
        _edit("add", dataset, name, ids or [], ids_file, store, strict)

    @tag_app.command("remove")
    def tag_remove(dataset: str, name: str, ids: List[str] = typer.Argument(None, help="Datum ids"),
                   ids_file: Optional[str] = typer.Option(None, help="File with one id per line ('-': stdin)"),
                   strict: bool = typer.Option(True, "--strict/--no-strict", help="--no-strict skips ids not in the map"),
                   store: Optional[str] = store_opt) -> None:
        """Take ids out of a tag."""
        _edit("remove", dataset, name, ids or [], ids_file, store, strict)

    @tag_app.command("delete")
    def tag_delete(dataset: str, name: str, store: Optional[str] = store_opt) -> None:
        """Delete a tag from the dataset."""
        from datamap.resources.errors import DatamapError

        try:
            _open(dataset, store, "latest").tags.delete(name)
        except DatamapError as e:
            fail(e)
        console.print(f"deleted tag {name!r}")
