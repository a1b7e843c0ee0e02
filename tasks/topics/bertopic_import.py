"""Import BERTopic without the deep-learning stack it loads but the topic stage never uses.

``import bertopic`` imports sentence-transformers, transformers and torch at module
level, for its embedding backends, its multimodal and LLM representations and its
legacy pytorch save format. The topic stage fits BERTopic on vectors it already has
(no embedding model), saves with safetensors and names topics itself, so those imports
buy nothing there, yet they are most of BERTopic's import time: measured here 14.5 s
for ``import bertopic`` against 6.4 s with them hidden (idle), paid by every build
process that reaches the topic stage.

BERTopic guards each of those imports with ``try/except ModuleNotFoundError`` and puts
a placeholder in its place, so hiding the three packages while it loads is a path it
supports. They are hidden only if this process has not loaded them already, and only
for that one import: anything imported later gets the real packages.

A user's own representation (``bertopic:module:attr``, e.g. BERTopic's
``TextGeneration``) needs the parts that were left out: ``with_backends`` reloads
BERTopic's two optional-part modules with nothing hidden.
"""
from __future__ import annotations

import importlib
import importlib.abc
import sys
import threading
from types import ModuleType

HIDDEN = ("torch", "transformers", "sentence_transformers")
# the BERTopic modules whose names depend on the hidden packages (placeholders if absent)
OPTIONAL_PARTS = ("bertopic.backend", "bertopic.representation")

_lock = threading.Lock()
_light = False      # True once BERTopic was imported with HIDDEN left out


class _Hide(importlib.abc.MetaPathFinder):
    """Answers "not installed" for the given top-level packages."""

    def __init__(self, names: tuple[str, ...]):
        self.names = names

    def find_spec(self, fullname, path=None, target=None):   # noqa: D102 - importlib's protocol
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"{fullname} left out while BERTopic loads", name=fullname)
        return None


def bertopic() -> ModuleType:
    """The ``bertopic`` package, imported (once) without torch and transformers where
    this process has not loaded them."""
    global _light
    with _lock:
        if "bertopic" in sys.modules:
            return sys.modules["bertopic"]
        hide = tuple(n for n in HIDDEN if n not in sys.modules)
        finder = _Hide(hide)
        sys.meta_path.insert(0, finder)
        try:
            mod = importlib.import_module("bertopic")
            for part in OPTIONAL_PARTS + ("bertopic.cluster", "bertopic.dimensionality", "bertopic.vectorizers"):
                importlib.import_module(part)
        finally:
            sys.meta_path.remove(finder)
        _light = bool(hide)
        return mod


def with_backends() -> ModuleType:
    """The ``bertopic`` package with every optional part it can load here (its LLM and
    transformers representations, its embedding backends): reloads the parts that
    ``bertopic()`` imported with those packages left out."""
    global _light
    mod = bertopic()
    with _lock:
        if _light:
            for part in OPTIONAL_PARTS:
                importlib.reload(sys.modules[part])
            _light = False
    return mod
