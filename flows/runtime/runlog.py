"""The run-log hook of ``build_map``: a record in the store at the start and end of every build.

The same flow runs from ``datamap build`` (no Prefect server needed) and from the
refresh deployments, so recording here is what makes CLI builds visible on the ops
dashboard beside scheduled ones. Writing the record never fails or hides the build's own
outcome: a store that cannot take it (the build's own error may be that very store)
only logs a warning.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import time
import uuid
from collections.abc import Iterator

from datamap.resources import runlog, schema
from datamap.resources.store import Store

log = logging.getLogger(__name__)


def _datamap_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("datamap")
    except PackageNotFoundError:
        return "unknown"


def _prefect_context() -> dict:
    """Flow run id and deployment name when running under Prefect (both None otherwise)."""
    try:
        from prefect.runtime import deployment, flow_run

        return {"prefect_flow_run_id": flow_run.get_id(), "deployment": deployment.get_name()}
    except Exception:  # noqa: BLE001  (no flow-run context: a plain call of the function)
        return {"prefect_flow_run_id": None, "deployment": None}


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat()


class RunRecorder:
    """The record of one build; ``finish`` stores its end (``result`` from build_map)."""

    def __init__(self, store: Store, dataset: str, source: str):
        self.store = store
        ctx = _prefect_context()
        self.t0 = time.perf_counter()
        self.record: schema.RunRecord = {
            "run_id": ctx["prefect_flow_run_id"] or uuid.uuid4().hex, "dataset": dataset,
            "source": source, "started_at": _now(), "ended_at": None, "seconds": None,
            "outcome": schema.RUN_RUNNING, "version": None, "parent": None, "rows": None,
            "stage_seconds": {}, "error_class": None, "error_message": None,
            "trigger": "deployment" if ctx["deployment"] else "direct", **ctx,
            "datamap_version": _datamap_version()}

    def write(self) -> None:
        try:
            runlog.write_record(self.store, self.record)
        except Exception as e:  # noqa: BLE001  (the build's outcome matters more than its log)
            log.warning("could not write the run log of %s to %s: %s", self.record["dataset"], self.store.uri, e)

    def finish(self, result: dict | None, error: BaseException | None) -> None:
        r = self.record
        r["ended_at"], r["seconds"] = _now(), time.perf_counter() - self.t0
        if error is not None:
            r["outcome"] = schema.RUN_FAILED
            r["error_class"], r["error_message"] = type(error).__name__, str(error)[:2000]
        else:
            res = result or {}
            r["outcome"] = schema.RUN_UNCHANGED if res.get("unchanged") else schema.RUN_PUBLISHED
            r["version"], r["rows"] = res.get("version"), res.get("rows")
            r["parent"] = (res.get("refresh") or {}).get("parent")
            r["stage_seconds"] = {k: float(v) for k, v in (res.get("timings") or {}).items()}
        self.write()


@contextlib.contextmanager
def recorded_run(store_uri: str | None, storage_options: dict | None, dataset: str,
                 source: str) -> Iterator[dict]:
    """Record the build in the store's run log; the body puts build_map's result in
    the yielded dict under ``"result"``. A dataset name or store that cannot be used
    (invalid, unreachable) is left to the build to refuse: nothing is recorded then."""
    holder: dict = {}
    try:
        schema.check_name(dataset, "dataset")
        st = Store(store_uri, storage_options)
        st.check_reachable()   # one listing; an unreachable store must fail in seconds, not retry writes
        rec = RunRecorder(st, dataset, source)
    except Exception:  # noqa: BLE001  (the build itself reports the bad name / store)
        rec = None
    if rec is not None:
        rec.write()
    try:
        yield holder
    except BaseException as e:
        if rec is not None:
            rec.finish(None, e)
        raise
    if rec is not None:
        rec.finish(holder.get("result"), None)
