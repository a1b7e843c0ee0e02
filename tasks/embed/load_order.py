"""Refuse to load ONNX Runtime where it would crash the interpreter.

usearch 2.26's compiled module carries its own static copy of the C++ runtime, locale
facets included (107 ``STB_GNU_UNIQUE`` symbols). When it is imported before any library
that starts the shared C++ runtime's locale machinery, ONNX Runtime's import later dies
with a segmentation fault (docs/scale.md, "2026-12-07, session three"). datamap imports
pyarrow first, so its own processes are safe; a user's script that says ``import usearch``
before ``import datamap`` and then embeds a text query was not: the interpreter died
without a word.

Which earlier imports make it safe was measured, not derived (usearch 2.26.6, onnxruntime
1.32, glibc Linux): pyarrow or torch imported before usearch, yes; numpy, polars,
scikit-learn or tokenizers, no (numpy loads ``libstdc++`` but does not start its
locales); pyarrow imported *after* usearch, no. So the rule read here is the order of
``sys.modules`` (CPython keeps modules in the order their imports began): usearch's
compiled module before both pyarrow's and torch's means a crash. A false alarm costs the
user one reordered import line; a miss costs the process, so the rule leans to refusing.
"""
from __future__ import annotations

import sys

from datamap.resources.errors import ImportOrderError

USEARCH_MODULE = "usearch.compiled"
# imports that, made before usearch's, start the shared C++ runtime's locales
SAFE_BEFORE = ("pyarrow.lib", "torch._C")


def usearch_loaded_first(modules: list[str] | None = None) -> bool:
    """Whether usearch's compiled module was imported before every module of ``SAFE_BEFORE``."""
    names = list(sys.modules) if modules is None else modules
    if USEARCH_MODULE not in names:
        return False
    at = names.index(USEARCH_MODULE)
    return not any(m in names[:at] for m in SAFE_BEFORE)


def check_onnxruntime_loadable() -> None:
    """Raise ``ImportOrderError`` where importing ONNX Runtime now would kill the process."""
    if "onnxruntime" in sys.modules or not usearch_loaded_first():
        return
    raise ImportOrderError(
        "usearch was imported before datamap in this process, and loading ONNX Runtime (the default "
        "embedder's engine) after it would crash the interpreter (usearch 2.26 carries its own C++ "
        "runtime). Put `import datamap` (or `import pyarrow`) above `import usearch` in your script, "
        "or embed the text in another process and pass its vector instead.")
