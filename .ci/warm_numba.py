"""Compile umap-learn's and pynndescent's numba functions once into the tests' kept cache.

`make test` runs pytest on three workers; on a fresh machine each worker would otherwise
JIT-compile the same functions at the same time (numba's cache is per function and file,
~1 CPU-minute each here), all three on the critical path. The folder is the one
tests/conftest.py gives NUMBA_CACHE_DIR by default.
"""
import os
from pathlib import Path

os.environ.setdefault("NUMBA_CACHE_DIR", str(Path.home() / ".cache" / "datamap" / "numba"))

import numpy as np  # noqa: E402
import umap  # noqa: E402

from datamap.tasks.project.umap import ensure_numba_cache  # noqa: E402

ensure_numba_cache()     # caching on for umap-learn's kernels that lack it, as builds do

x = np.random.default_rng(0).normal(size=(300, 16)).astype(np.float32)
umap.UMAP(n_neighbors=10, metric="cosine", n_epochs=20, random_state=0).fit(x)
umap.UMAP(n_neighbors=10, metric="euclidean", n_epochs=20, random_state=0).fit(x)

from datamap.tasks.index import exact_knn  # noqa: E402
from datamap.tasks.project import epochs, sample_fit  # noqa: E402

x /= np.linalg.norm(x, axis=1, keepdims=True)     # and our own layout epochs (tasks/project/epochs.py)
epochs.optimize(x[:, :2], sample_fit.fuzzy_graph(exact_knn(x, np.arange(len(x)), 11), 10, np.random.RandomState(0)),
                2, 1.58, 0.9, 1.0, 0)
print(f"numba cache warm in {os.environ['NUMBA_CACHE_DIR']}")
