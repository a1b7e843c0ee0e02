"""Every stage's options checked at the start of a build, before ingest reads a byte.

Each stage parses its own dict when it runs; a typo in one found there costs the stages
before it (26 s of embedding and layout for an unknown projection key). This module runs
the same parsers up front, so an unknown key or method fails at once with the valid
ones listed (``InvalidOption``, ``UnknownProjection``).
"""
from __future__ import annotations

import numbers
from typing import Any

from datamap.resources.options import options_from_dict


def check_stage_options(opts: Any) -> None:
    """Parse each stage dict of ``opts`` (a ``BuildOptions``) the way its stage will."""
    from datamap.tasks import index as index_mod
    from datamap.tasks.project import check_method
    from datamap.tasks.project.umap import ProjectionOptions

    proj = options_from_dict(ProjectionOptions, opts.projection, "projection")
    check_projection_values(proj)
    check_method(proj.method)
    for m in proj.extra or []:
        check_method(m, "extra projection")
    options_from_dict(index_mod.IndexOptions, opts.index, "index")
    parsers = _stage_parsers()
    for name, parse in parsers.items():
        d = getattr(opts, name)
        if d is not None:
            parsed = parse(d)
            if name == "topics":     # a labeller that cannot load failed after embedding and layout
                from datamap.tasks.topics.labels import check_labeller

                check_labeller(parsed.labeller, parsed.labeller_url)


# projection option → (test, what it must be); None passes where the option allows it
_NUM = numbers.Real
_PROJECTION_VALUES: dict[str, tuple[Any, str]] = {
    "n_neighbors": (lambda v: _int(v) and v >= 2, "an integer >= 2"),
    "min_dist": (lambda v: _num(v) and v >= 0, "a number >= 0"),
    "n_epochs": (lambda v: v is None or (_int(v) and v >= 1), "a positive integer or null"),
    "seed": (lambda v: v is None or _int(v), "an integer or null"),
    "metric": (lambda v: isinstance(v, str) and v != "", "a metric name such as cosine"),
    "perplexity": (lambda v: _num(v) and v > 0, "a number > 0"),
    "learning_rate": (lambda v: v == "auto" or (_num(v) and v > 0), "a number > 0 or auto"),
    "sample_size": (lambda v: v is None or (_int(v) and v >= 0), "an integer >= 0 or null"),
    "refine_epochs": (lambda v: v is None or (_int(v) and v >= 0), "an integer >= 0 or null"),
    "refine_alpha": (lambda v: v is None or (_num(v) and 0 < v <= 1), "a number > 0 and <= 1, or null"),
    "place_jitter": (lambda v: _num(v) and v >= 0, "a number >= 0"),
    "extra": (lambda v: isinstance(v, (list, tuple, str)), "a list of methods"),
}


def _int(v: Any) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def _num(v: Any) -> bool:
    return isinstance(v, _NUM) and not isinstance(v, bool)


def check_projection_values(proj: Any) -> None:
    """Each projection value of the right kind (a text where a number belongs fails
    here, not minutes later inside UMAP or openTSNE, or never when auto picks t-SNE)."""
    from datamap.resources.errors import InvalidOption

    for name, (ok, what) in _PROJECTION_VALUES.items():
        value = getattr(proj, name)
        if not ok(value):
            raise InvalidOption(f"projection option {name} must be {what}, got {value!r}")


def _stage_parsers() -> dict[str, Any]:
    """Stage name → its ``Options.from_dict`` (imported here: the flow loads them anyway)."""
    from datamap.tasks import dedupe, outliers, thumbnails, tiles
    from datamap.tasks.topics.model import TopicOptions

    return {"topics": TopicOptions.from_dict, "dedupe": dedupe.DuplicateOptions.from_dict,
            "outliers": outliers.OutlierOptions.from_dict, "tiles": tiles.TileOptions.from_dict,
            "thumbnails": thumbnails.ThumbnailOptions.from_dict}
