"""The closed sets of values a build option may take, owned in one place.

The CLI turns each into an ``Enum`` so the parser itself refuses a wrong value (exit 2,
one line naming the valid ones) before anything heavy is imported; the flow and the
stages import the same tuples to check options passed from Python.
"""
from __future__ import annotations

from enum import Enum

from datamap.resources.projections import METHOD_NAMES
from datamap.resources.schema import LATENT_DTYPES

EMBED_MODES: tuple[str, ...] = ("quality", "exact", "fast", "torch")
ON_INVALID: tuple[str, ...] = ("fail", "skip")
PROJECTIONS: tuple[str, ...] = (*METHOD_NAMES, "auto")
RUNNERS: tuple[str, ...] = ("local", "dask")
# embed_fit_sample: 0 (off) or at least this many texts. The fit's 256->384 linear map alone has
# 98k weights: on 400 texts it lost to the distilled model on held-out rows (10-NN kept Debian
# 0.27 vs 0.27, PyPI 0.18 vs 0.24), on 800 it won on both (0.35, 0.28), on 1,500 clearly (0.41, 0.34)
FIT_SAMPLE_MIN = 1000


def choice_enum(name: str, values: tuple[str, ...]) -> type[Enum]:
    """A ``str`` Enum whose members are ``values`` (Typer shows and checks them as choices)."""
    return Enum(name, {v: v for v in values}, type=str)   # type: ignore[return-value]


EmbedMode = choice_enum("EmbedMode", EMBED_MODES)
OnInvalid = choice_enum("OnInvalid", ON_INVALID)
Projection = choice_enum("Projection", PROJECTIONS)
LatentDtype = choice_enum("LatentDtype", LATENT_DTYPES)
Runner = choice_enum("Runner", RUNNERS)
