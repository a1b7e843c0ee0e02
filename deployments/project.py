"""A ``prefect.yaml`` for the registered sources: run datamap like any Prefect project.

``datamap deploy --prefect-yaml prefect.yaml`` writes the same deployments that
``datamap deploy`` serves from one process (``deployments.maps``: a nightly cron and a
``datamap.source.changed`` trigger per dataset, plus the source watcher), but bound to a
work pool, so the team's own workers run them: ``prefect deploy --all`` from the folder of
the file, then ``prefect worker start --pool datamap`` on as many machines as reach the
store. Entrypoints are module paths (``datamap.flows.build_map:build_map``), so a worker
needs the installed package, not a checkout; a ``docker`` pool takes the image built from
the repository's Dockerfile as its ``image`` job variable, and a Kubernetes or ECS pool
takes the same deployments with its own job variables.
"""
from __future__ import annotations

from typing import Any

from datamap.deployments.maps import NIGHTLY, WATCH_EVERY_S, refresh_specs, watch_spec
from datamap.resources.store import Store

BUILD_ENTRYPOINT = "datamap.flows.build_map:build_map"
WATCH_ENTRYPOINT = "datamap.flows.watch_sources:watch_sources"


def _pool(name: str, image: str | None) -> dict[str, Any]:
    return {"name": name, "work_queue_name": None, "job_variables": {"image": image} if image else {}}


def project_document(store: str | None = None, storage_options: dict | None = None, pool: str = "datamap",
                     image: str | None = None, cron: str | None = NIGHTLY,
                     watch_every_s: float | None = WATCH_EVERY_S, datasets: list[str] | None = None) -> dict:
    """The prefect.yaml content (a dict) for every registered source (+ the watcher)."""
    import prefect

    st = Store(store, storage_options)
    deployments = []
    for spec in refresh_specs(st, storage_options, cron, datasets):
        dataset = spec["parameters"]["dataset"]
        deployments.append({
            "name": spec["name"], "entrypoint": BUILD_ENTRYPOINT, "description": spec["description"],
            "tags": spec["tags"], "parameters": spec["parameters"], "concurrency_limit": spec["concurrency_limit"],
            "schedules": [{"cron": spec["cron"], "timezone": "UTC"}] if spec["cron"] else [],
            "triggers": [{"type": "event", "enabled": True, "name": f"{dataset} source changed",
                          **spec["trigger"]}],
            "work_pool": _pool(pool, image)})
    if watch_every_s:
        spec = watch_spec(st.uri, storage_options, watch_every_s)
        deployments.append({
            "name": spec["name"], "entrypoint": WATCH_ENTRYPOINT, "description": spec["description"],
            "tags": spec["tags"], "parameters": spec["parameters"],
            "schedules": [{"interval": float(watch_every_s)}], "work_pool": _pool(pool, image)})
    return {"name": "datamap", "prefect-version": prefect.__version__,
            "build": None, "push": None, "pull": None, "deployments": deployments}


def write_project(path: str, document: dict) -> None:
    """Write ``document`` as YAML (the header says how it was made and how to use it)."""
    import yaml

    head = ("# Made by `datamap deploy --prefect-yaml`. Deploy: `prefect deploy --all` from this folder;\n"
            f"# run: `prefect worker start --pool {document['deployments'][0]['work_pool']['name'] if document['deployments'] else 'datamap'}`.\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + yaml.safe_dump(document, sort_keys=False, width=100))
