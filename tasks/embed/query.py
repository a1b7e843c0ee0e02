"""Embed new texts in a map's own vector space: ``datamap.embed_query(m, texts)``.

The question "which topic does this new text belong to?" needs the query embedded by the
same model and path (int8 ONNX, fp32, static, torch) that embedded the map, or distances
mean nothing. The manifest records the model id the build's embedder gave itself; the
options here are the ones that resolve to that same id, so a query never lands in another
space. Maps of your own vectors have no such model: ``NoQueryModel`` says what to do.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Sequence

import numpy as np

from datamap.resources import schema
from datamap.resources.errors import DatamapError, NoQueryModel
from datamap.tasks.embed import encode as E

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap

USER_VECTORS = schema.USER_VECTORS_MODEL

_lock = threading.Lock()
_models: dict[str, E.Embedder] = {}


def query_options(m: "DataMap") -> E.EmbedOptions | None:
    """EmbedOptions that reproduce the map's own embedder, or None if none does."""
    mid = (m.manifest.get("model") or {}).get("id")
    params = (m.manifest.get("build") or {}).get("params") or {}
    if not mid or mid == USER_VECTORS:
        return None
    if (m.manifest.get("model") or {}).get("fit"):   # the fast mode fitted to this corpus: its fit is a file of the version
        opts = E.EmbedOptions(model=params.get("model"), batch_size=8, mode="fast",
                              fitted=m.local_file(schema.FAST_MODEL))
        try:
            return opts if E.resolve_embedder(opts)[1] == mid else None
        except DatamapError:
            return None
    modes = [params["embed_mode"]] if params.get("embed_mode") else []
    modes += [x for x in E.EMBED_MODES if x not in modes]
    for mode in modes:
        opts = E.EmbedOptions(model=params.get("model"), batch_size=8, mode=mode)
        try:
            if E.resolve_embedder(opts)[1] == mid:
                return opts
        except DatamapError:
            continue
    return None


def embed_query(m: "DataMap", texts: str | Sequence[str]) -> np.ndarray:
    """(n, d) float32 vectors of ``texts`` in map ``m``'s space, ready for
    ``m.vector_search(queries=…)`` and ``m.topics.vector_search_topics(…)``. The model is
    loaded once per process and kept."""
    if isinstance(texts, str):
        texts = [texts]
    texts = list(texts)
    if not texts or not all(isinstance(t, str) for t in texts):
        raise DatamapError("embed_query takes a text or a non-empty list of texts")
    opts = query_options(m)
    mid = (m.manifest.get("model") or {}).get("id")
    if opts is None:
        what = "your own vectors" if mid in (None, USER_VECTORS) else f"the model {mid!r}, which cannot be loaded here"
        raise NoQueryModel(f"{m.dataset}@{m.version} was built from {what}, so datamap cannot embed a "
                           "query in its space: embed the text with the model that made the vectors and "
                           "call m.vector_search(queries=vectors) or m.topics.vector_search_topics(vectors)")
    with _lock:
        model = _models.get(mid)
        if model is None:
            model = _models[mid] = E.load_embedder(opts)
    vec = np.asarray(model.encode(texts), dtype=np.float32)
    if vec.shape[1] != m.embeddings.latent.shape[1]:
        raise NoQueryModel(f"the model {mid!r} gives {vec.shape[1]}-d vectors, the map holds "
                           f"{m.embeddings.latent.shape[1]}-d ones")
    return vec
