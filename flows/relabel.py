"""``datamap relabel`` with a run-log record, like every build: the ops dashboard lists a
relabel beside the builds of its dataset (what ran, when, which version it published).

The work itself is ``tasks.relabel.relabel_map`` (no Prefect: nothing to schedule or
resume in a few seconds of naming).
"""
from __future__ import annotations

from datamap.flows.runtime.runlog import recorded_run
from datamap.tasks.relabel import relabel_map


def relabel(dataset: str, store: str | None = None, labeller: str | None = "contrastive",
            labeller_url: str | None = None, labeller_model: str | None = None,
            version: str | None = "latest", storage_options: dict | None = None) -> dict:
    """``relabel_map`` recorded in the store's run log (source ``relabel:<labeller>``)."""
    with recorded_run(store, storage_options, dataset, f"relabel:{labeller}") as run_log:
        res = relabel_map(dataset, store, labeller=labeller, labeller_url=labeller_url,
                          labeller_model=labeller_model, version=version, storage_options=storage_options)
        run_log["result"] = {**res, "timings": {"relabel": res["seconds"]}, "refresh": {"parent": res["parent"]}}
    return res
