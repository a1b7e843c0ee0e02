"""Curation commands for outliers and tag suggestions: ``datamap outliers`` and
``datamap tag suggest``. Registered by ``flows/cli.py`` after the tag commands; all
logic lives in ``resources.outliers`` and ``resources.tag_suggest``.
"""
from __future__ import annotations

import json
from typing import Optional

import typer
from rich.table import Table


def _snippet(v, n: int = 90) -> str:
    return "" if v is None else " ".join(str(v).split())[:n]


def register(app: typer.Typer, store_opt, console, fail) -> None:
    def _open(dataset: str, store: Optional[str], version: str):
        from datamap.resources import open_map

        return open_map(dataset, store, version)

    @app.command()
    def outliers(dataset: str = typer.Argument(..., help="Map name in the store"),
                 top: int = typer.Option(20, "--top", "-n", help="How many of the most outlying points"),
                 version: str = typer.Option("latest", help="Version to read"),
                 store: Optional[str] = store_opt,
                 as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON")) -> None:
        """The most outlying points of a map (outlier score from the k-NN graph)."""
        from datamap.resources.errors import DatamapError

        try:
            m = _open(dataset, store, version)
            df = m.outliers.top(top)
        except DatamapError as e:
            fail(e)
        tf = m.manifest.get("text_field")
        rows = [{"rank": int(r["rank"]), "id": r["id"], "score": float(r["outlier_score"]),
                 **({"text": r[tf]} if tf and tf in df.columns else {})} for _, r in df.iterrows()]
        if as_json:
            console.print_json(json.dumps(rows))
            return
        tb = Table("rank", "id", "score", "text", title=f"{dataset}@{m.version}: method {m.outliers.method}")
        for r in rows:
            tb.add_row(str(r["rank"]), str(r["id"]), f"{r['score']:.3f}", _snippet(r.get("text")))
        console.print(tb)

    tag_app = next((g.typer_instance for g in app.registered_groups if g.name == "tag"), None)
    if tag_app is None:     # tag commands not in this build of datamap
        return

    @tag_app.command("suggest")
    def tag_suggest(dataset: str, name: str,
                    k: int = typer.Option(20, "--k", "-k", help="How many suggestions"),
                    accept: bool = typer.Option(False, "--accept", help="Add the suggestions to the tag"),
                    store: Optional[str] = store_opt,
                    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON")) -> None:
        """Untagged points most like tag NAME (a classifier on its vectors); --accept adds them."""
        from datamap.resources.errors import DatamapError

        try:
            m = _open(dataset, store, "latest")
            df = m.tags.suggest(name, k=k)
            added = m.tags.accept(name, df["id"]) if accept and len(df) else None
        except DatamapError as e:
            fail(e)
        tf = m.manifest.get("text_field")
        texts = m.data.tb.column(tf).take(df["row"].to_numpy()).to_pylist() if tf else [None] * len(df)
        rows = [{"id": i, "score": float(s), **({"text": t} if tf else {})}
                for i, s, t in zip(df["id"], df["score"], texts)]
        if as_json:
            console.print_json(json.dumps({"suggestions": rows, "accepted": added}))
            return
        tb = Table("id", "score", "text", title=f"like {name!r} in {dataset}@{m.version}")
        for r in rows:
            tb.add_row(str(r["id"]), f"{r['score']:.3f}", _snippet(r.get("text")))
        console.print(tb)
        if added is not None:
            console.print(f"added {added['added']:,} to tag {name!r}")
