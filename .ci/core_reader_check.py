"""Run in a venv with only the core wheel: read a map the full install published.

Checks the Atlas-style reader API works (open_map, vector_search, topics, duplicates,
tags) and that nothing heavy was imported or is installed. Exits non-zero on failure."""
from __future__ import annotations

import importlib.metadata as md
import importlib.util
import sys

HEAVY_MODULES = ("torch", "prefect", "umap", "bertopic", "sklearn", "numba", "onnxruntime",
                 "great_expectations", "sentence_transformers", "polars", "fastapi")
HEAVY_DISTS = ("torch", "prefect", "umap-learn", "bertopic", "scikit-learn")


def main(store: str, dataset: str) -> None:
    from datamap import open_map

    m = open_map(dataset, store=store)
    ids = m.data.tb.column("id").to_pylist()
    assert len(ids) == m.row_count > 0, "no rows"
    neighbours, dists = m.embeddings.vector_search(ids=ids[:3], k=5)
    assert len(neighbours) == 3 and all(len(n) == 5 for n in neighbours), neighbours
    assert m.topics.depth >= 1 and len(m.topics.metadata) > 0
    assert len(m.topics.df) == len(ids)
    assert len(m.duplicates.df) == len(ids)
    m.tags.add("core-check", ids[:4])
    assert sorted(m.tags.get_datums_in_tag("core-check")) == sorted(ids[:4])
    m.tags.delete("core-check")
    loaded = sorted(name for name in HEAVY_MODULES if name in sys.modules)
    assert not loaded, f"the reader imported heavy modules: {loaded}"
    installed = []
    for dist in HEAVY_DISTS:
        try:
            md.version(dist)
            installed.append(dist)
        except md.PackageNotFoundError:
            pass
    assert not installed, f"the core install pulled in: {installed}"
    for name in ("flows", "tasks", "resources", "viewer", "deployments", "cli"):
        assert importlib.util.find_spec(name) is None, f"top-level '{name}' is importable: only datamap may be"
    print(f"core reader ok: {len(ids)} rows, {len(m.topics.metadata)} topics, search and tags work, "
          "nothing heavy imported or installed")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
