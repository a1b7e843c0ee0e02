"""Prefect artifacts of a build run: the numbers of the published version, in the Prefect UI.

A table (one row per stage: seconds) and a markdown summary (rows, refresh counts,
validation, topics, duplicates) are attached to the flow run, keyed per dataset so the
UI's artifact page shows the history of each map. Failing to create them (an old
server, no API) never fails a build.
"""
from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)


def artifact_key(dataset: str, kind: str) -> str:
    # artifact keys: lowercase letters, digits and dashes only
    return re.sub(r"[^a-z0-9-]+", "-", f"datamap-{dataset}-{kind}".lower()).strip("-")


def summary_markdown(res: dict, manifest: dict) -> str:
    r = manifest.get("refresh") or {}
    v = manifest.get("validation") or {}
    lines = [f"## {res['dataset']} @ {res['version']}", "",
             f"* rows: **{res['rows']:,}** (embedded {res['embedded']:,}, from cache {res['cached']:,})",
             f"* store: `{res['store']}`",
             f"* parent: {manifest.get('parent') or '(first version)'}",
             f"* validation: {'passed' if v.get('success') else 'failed'}, "
             f"{v.get('rows_in')} rows in, {v.get('rows_out')} out"]
    if r:
        lines.append(f"* refresh: **{r.get('mode')}** — +{r.get('rows_added', 0):,} added, "
                     f"-{r.get('rows_removed', 0):,} removed, ~{r.get('rows_changed', 0):,} changed, "
                     f"drift {r.get('drift', 0):.1%}" + (f" ({r['reason']})" if r.get("reason") else ""))
    t = manifest.get("topics") or {}
    if t.get("n_topics"):
        lines.append(f"* topics per depth: {t['n_topics']}")
    d = manifest.get("dedupe") or {}
    if d:
        shown = {k: v for k, v in d.items() if isinstance(v, (int, float, str)) and k != "seconds"}
        lines.append(f"* duplicates: {shown}")
    return "\n".join(lines)


VIEWER_URL_ENV = "DATAMAP_VIEWER_URL"     # where `datamap serve` runs for this store, e.g. http://maps:8000


def map_links(res: dict, version_dir: str, data_docs: str | None = None) -> dict[str, str]:
    """Where the published version is: its folder in the store, its GX Data Docs page
    (``data_docs``: the artifact the manifest's validation names), and its web map page and
    Data Docs through the web map when ``$DATAMAP_VIEWER_URL`` says where it is served."""
    import os

    def in_store(name: str) -> str:
        path = f"{version_dir.rstrip('/')}/{name}" if name else version_dir
        return path if "://" in path else "file://" + os.path.abspath(path)

    links = {"version": in_store("")}
    if data_docs:
        links["data-docs"] = in_store(data_docs)
    viewer = os.environ.get(VIEWER_URL_ENV)
    if viewer:
        base = viewer.rstrip("/")
        links["map"] = f"{base}/#/map/{res['dataset']}/{res['version']}"
        if data_docs:
            page = data_docs.split("/", 1)[1]
            links["data-docs"] = f"{base}/api/maps/{res['dataset']}/{res['version']}/data-docs/{page}"
    return links


def publish_run_artifacts(res: dict, manifest: dict, version_dir: str | None = None) -> None:
    """Attach the table, markdown and links to the current flow run (no-op outside one)."""
    try:
        from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

        docs = (manifest.get("validation") or {}).get("data_docs")
        for kind, link in (map_links(res, version_dir, docs) if version_dir else {}).items():
            create_link_artifact(key=artifact_key(res["dataset"], kind), link=link,
                                 link_text=f"{res['dataset']}@{res['version']}",
                                 description=f"The published {kind} of {res['dataset']}")

        timings = res.get("timings", {})
        create_table_artifact(
            key=artifact_key(res["dataset"], "stages"),
            table=[{"stage": k, "seconds": round(float(s), 3)} for k, s in timings.items()],
            description=f"Stage seconds of {res['dataset']}@{res['version']}")
        create_markdown_artifact(key=artifact_key(res["dataset"], "summary"),
                                 markdown=summary_markdown(res, manifest),
                                 description=f"Build summary of {res['dataset']}@{res['version']}")
    except Exception as e:  # never fail a published build over its UI summary
        log.warning("could not create Prefect artifacts: %s", e)
