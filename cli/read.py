"""Read commands: ask a published map from the shell, as the Python reader does.

``datamap search`` (a text, embedded with the map's own model), ``neighbors`` (of an id),
``topics`` (the topic table), ``duplicates`` (clusters at the build's or another cutoff)
and ``tag show`` (a tag's ids, one per line: pipe them into ``tag add --ids-file -``).
All logic lives in the reader and ``datamap.embed_query``; each command prints a table or,
with ``--json``, the same rows for scripts.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Optional

import typer
from rich.console import Console
from rich.table import Table

JSON_HELP = "Print machine-readable JSON instead of a table"


def _snippet(v: Any, n: int = 90) -> str:
    return "" if v is None else " ".join(str(v).split())[:n]


def _open(dataset: str, store: Optional[str], version: str):
    from datamap.resources import open_map

    return open_map(dataset, store, version)


def _hits(m, ids: list[str], dists: list[float]) -> list[dict]:
    """Rows for printing: rank, id, distance and the text snippet when the map has one."""
    tf = m.manifest.get("text_field")
    texts = [r.get(tf) for r in m.get_data(ids)] if tf and ids else [None] * len(ids)
    return [{"rank": i + 1, "id": k, "distance": round(float(d), 6), **({"text": t} if tf else {})}
            for i, (k, d, t) in enumerate(zip(ids, dists, texts))]


def _print_hits(console: Console, rows: list[dict], title: str, as_json: bool) -> None:
    if as_json:
        console.print_json(json.dumps(rows))
        return
    tb = Table("rank", "id", "distance", "text", title=title)
    for r in rows:
        tb.add_row(str(r["rank"]), str(r["id"]), f"{r['distance']:.4f}", _snippet(r.get("text")))
    console.print(tb)


def register(app: typer.Typer, store_opt: Any, console: Console, fail: Callable[[Exception], None]) -> None:
    """Add the read commands to the CLI (``tag show`` joins the ``tag`` group)."""
    version_opt = typer.Option("latest", help="Version to read")
    json_opt = typer.Option(False, "--json", help=JSON_HELP)

    @app.command()
    def search(dataset: str = typer.Argument(..., help="Map name in the store"),
               query: str = typer.Argument(..., help="Text to look for (embedded with the map's own model)"),
               k: int = typer.Option(10, "--k", "-k", min=1, help="How many results"),
               version: str = version_opt, store: Optional[str] = store_opt, as_json: bool = json_opt) -> None:
        """Semantic search: the points nearest to a text."""
        from datamap.resources.errors import DatamapError

        try:
            m = _open(dataset, store, version)
            from datamap.tasks.embed.query import embed_query

            ids, dists = m.vector_search(queries=embed_query(m, [query]), k=k)
            rows = _hits(m, ids[0], dists[0])
        except DatamapError as e:
            fail(e)
        _print_hits(console, rows, f"{query!r} in {dataset}@{m.version}", as_json)

    @app.command()
    def neighbors(dataset: str = typer.Argument(..., help="Map name in the store"),
                  datum_id: str = typer.Argument(..., metavar="ID", help="Datum id whose neighbours to list"),
                  k: int = typer.Option(10, "--k", "-k", min=1, help="How many neighbours"),
                  version: str = version_opt, store: Optional[str] = store_opt, as_json: bool = json_opt) -> None:
        """The nearest neighbours of a point (the point itself left out)."""
        from datamap.resources.errors import DatamapError

        try:
            m = _open(dataset, store, version)
            ids, dists = m.vector_search(ids=[datum_id], k=k)
            rows = _hits(m, ids[0], dists[0])
        except DatamapError as e:
            fail(e)
        _print_hits(console, rows, f"neighbours of {datum_id!r} in {dataset}@{m.version}", as_json)

    _register_topics_duplicates(app, store_opt, console, fail, version_opt, json_opt)
    tag_app = next((g.typer_instance for g in app.registered_groups if g.name == "tag"), None)
    if tag_app is not None:
        _register_tag_show(tag_app, store_opt, console, fail, version_opt, json_opt)


def _register_topics_duplicates(app, store_opt, console, fail, version_opt, json_opt) -> None:
    @app.command()
    def topics(dataset: str = typer.Argument(..., help="Map name in the store"),
               depth: Optional[int] = typer.Option(None, help="Only this depth (1 = broadest; default: all)"),
               version: str = version_opt, store: Optional[str] = store_opt, as_json: bool = json_opt) -> None:
        """The topic table: id, depth, parent, label and size of every topic."""
        from datamap.resources.errors import DatamapError, InvalidTopicDepth

        try:
            m = _open(dataset, store, version)
            meta = m.topics.metadata
            if depth is not None:
                if not 1 <= depth <= m.topics.depth:
                    raise InvalidTopicDepth(f"--depth must be from 1 to {m.topics.depth}, got {depth}")
                meta = meta[meta["depth"] == depth]
        except DatamapError as e:
            fail(e)
        rows = [{"topic_id": int(r.topic_id), "depth": int(r.depth),
                 "parent": None if r.parent != r.parent or r.parent is None else int(r.parent),
                 "label": r.topic_short_description, "count": int(r["count"])} for _, r in meta.iterrows()]
        if as_json:
            console.print_json(json.dumps(rows))
            return
        tb = Table("topic", "depth", "parent", "label", "count", title=f"topics of {dataset}@{m.version}")
        for r in rows:
            tb.add_row(str(r["topic_id"]), str(r["depth"]), "" if r["parent"] is None else str(r["parent"]),
                       r["label"], f"{r['count']:,}")
        console.print(tb)

    @app.command()
    def duplicates(dataset: str = typer.Argument(..., help="Map name in the store"),
                   cutoff: Optional[float] = typer.Option(None, help="Another cosine-distance cutoff "
                                                          "(default: the build's); no rebuild"),
                   version: str = version_opt, store: Optional[str] = store_opt, as_json: bool = json_opt) -> None:
        """Duplicate clusters: the retained id first, then its duplicates with their distance."""
        from datamap.resources.errors import DatamapError

        try:
            m = _open(dataset, store, version)
            view = m.duplicates if cutoff is None else m.duplicates.rethreshold(cutoff)
            clusters = view.clusters()
        except DatamapError as e:
            fail(e)
        rows = [{"cluster_id": int(c), "members": [{"id": i, "distance": float(d)} for i, d in members]}
                for c, members in clusters.items()]
        if as_json:
            console.print_json(json.dumps(rows))
            return
        tb = Table("cluster", "retained", "duplicates (distance)", title=f"duplicates in {dataset}@{m.version}")
        for r in rows:
            first, rest = r["members"][0], r["members"][1:]
            tb.add_row(str(r["cluster_id"]), str(first["id"]),
                       ", ".join(f"{x['id']} ({x['distance']:.3f})" for x in rest))
        console.print(tb)


def _register_tag_show(tag_app, store_opt, console, fail, version_opt, json_opt) -> None:
    @tag_app.command("show")
    def tag_show(dataset: str = typer.Argument(..., help="Map name in the store"),
                 name: str = typer.Argument(..., help="Tag name"),
                 version: str = version_opt, store: Optional[str] = store_opt, as_json: bool = json_opt) -> None:
        """The ids in a tag that the version has, one per line (map order)."""
        from datamap.resources.errors import DatamapError

        try:
            ids = _open(dataset, store, version).tags.get_datums_in_tag(name)
        except DatamapError as e:
            fail(e)
        if as_json:
            console.print_json(json.dumps(ids))
            return
        typer.echo("\n".join(ids))
