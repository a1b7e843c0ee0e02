"""``BuildOptions`` and the check every build runs first, apart from the flow module.

Kept free of Prefect (and of anything heavy) so ``datamap build`` and ``datamap.build_map``
refuse a wrong option in well under a second, before the flow, its API server or any
stage is imported (flows/build_map.py re-exports both names).
"""
from __future__ import annotations

import dataclasses

from datamap.flows.stage_options import check_stage_options
from datamap.resources import schema
from datamap.resources.choices import FIT_SAMPLE_MIN, ON_INVALID
from datamap.resources.errors import InvalidOption


@dataclasses.dataclass
class BuildOptions:
    """Everything that shapes a build. Plain data so it is a flow parameter and manifest entry."""
    text_field: str | None = None
    id_field: str | None = None
    embedding_field: str | None = None
    embeddings: str | None = None
    input_format: str | None = None
    model: str | None = None
    on_invalid: str = "fail"
    latent_dtype: str = "float32"
    batch_size: int = 32
    projection: dict = dataclasses.field(default_factory=dict)
    embed_mode: str = "quality"     # quality | exact | fast | torch (tasks/embed.py EMBED_MODES)
    embed_fit_sample: int = 0       # fast mode: fit it to this many of the corpus' texts (0: off)
    expectations: str | None = None  # a GX Expectation Suite JSON file: checks added to the contract
    index: dict = dataclasses.field(default_factory=dict)
    topics: dict | None = dataclasses.field(default_factory=dict)     # None: skip the stage
    dedupe: dict | None = dataclasses.field(default_factory=dict)     # None: skip the stage
    outliers: dict | None = dataclasses.field(default_factory=dict)   # None: skip the stage
    tiles: dict | None = dataclasses.field(default_factory=dict)      # None: skip the stage
    projections: dict | None = dataclasses.field(default_factory=dict)  # extra layouts (projection["extra"]); None: skip
    thumbnails: dict | None = dataclasses.field(default_factory=dict)   # image maps: thumbnails; None: skip
    full: bool = False                 # True: full re-layout even when a parent version exists
    refresh_threshold: float = 0.2     # drift (share of rows added/removed/changed) forcing a full layout


def check_options(options: dict | None, dataset: str) -> BuildOptions:
    """Build options from a dict, refused before any work with the option named."""
    known = {f.name for f in dataclasses.fields(BuildOptions)}
    unknown = sorted(set(options or {}) - known)
    if unknown:
        raise InvalidOption(f"unknown build option(s) {', '.join(unknown)}: "
                            f"valid options are {', '.join(sorted(known))}")
    opts = BuildOptions(**(options or {}))
    if opts.on_invalid not in ON_INVALID:
        raise InvalidOption(f"on_invalid must be one of {', '.join(ON_INVALID)}, got {opts.on_invalid!r}")
    if opts.latent_dtype not in schema.LATENT_DTYPES:
        raise InvalidOption(f"latent_dtype must be one of {', '.join(schema.LATENT_DTYPES)}, "
                            f"got {opts.latent_dtype!r}")
    schema.check_name(dataset, "dataset")
    _check_fit_sample(opts)
    check_stage_options(opts)
    return opts


def _check_fit_sample(opts: BuildOptions) -> None:
    """``embed_fit_sample`` asks the fast mode to fit itself; other modes have nothing to fit."""
    n = opts.embed_fit_sample
    if isinstance(n, bool) or not isinstance(n, int) or (n != 0 and n < FIT_SAMPLE_MIN):
        raise InvalidOption(f"embed_fit_sample must be 0 (off) or an integer >= {FIT_SAMPLE_MIN}, got {n!r}")
    if n and opts.embed_mode != "fast":
        raise InvalidOption(f"embed_fit_sample fits the fast mode's static model; it needs "
                            f"embed_mode 'fast', got {opts.embed_mode!r}")
    if n and (opts.embeddings or opts.embedding_field):
        raise InvalidOption("embed_fit_sample fits a text embedder; this build uses your own vectors "
                            "(embeddings / embedding_field), so there is nothing to fit")
