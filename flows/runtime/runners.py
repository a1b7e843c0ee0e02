"""Where a build's stages run: in this process (default) or on a Dask cluster.

``with_runner(build_map, "dask", address)`` gives the flow a ``prefect_dask``
DaskTaskRunner; the flow then submits each stage to it (``stage_on_runner``), so stages
execute on the cluster's workers. The workers read and write the build's work area (in
the store for a local/shared-folder store; the local scratch copy, ``DATAMAP_WORK_DIR``,
for S3), so with an S3 store on several machines that folder must be a shared mount (NFS,
a cluster file system); every worker needs this package installed. Without an address, a local cluster of ``n_workers`` processes is started.
"""
from __future__ import annotations

from datamap.resources.choices import RUNNERS


def task_runner(runner: str = "local", address: str | None = None, n_workers: int | None = None):
    """A Prefect task runner for ``runner`` (None = the flow's default)."""
    if runner not in RUNNERS:
        raise ValueError(f"runner must be one of {RUNNERS}, got {runner!r}")
    if runner == "local":
        if address:
            raise ValueError("--dask-address needs --runner dask")
        return None
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as e:  # pragma: no cover - depends on the install
        raise RuntimeError("--runner dask needs prefect-dask: pip install prefect-dask") from e
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": n_workers or 2, "threads_per_worker": 1})


def with_runner(flow_obj, runner: str = "local", address: str | None = None, n_workers: int | None = None):
    tr = task_runner(runner, address, n_workers)
    return flow_obj if tr is None else flow_obj.with_options(task_runner=tr)


def on_dask() -> bool:
    """True inside a flow run whose task runner is a Dask one."""
    from prefect.context import FlowRunContext

    ctx = FlowRunContext.get()
    return ctx is not None and type(ctx.task_runner).__name__ == "DaskTaskRunner"


def stage_on_runner(stage_fn, **kw):
    """Run a stage task and return its final state: submitted to the flow's Dask runner,
    or called in this process (keeps the in-process progress display)."""
    if on_dask():
        fut = stage_fn.submit(**kw)
        fut.wait()
        return fut.state
    return stage_fn(return_state=True, **kw)
