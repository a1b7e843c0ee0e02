"""Every stage's options checked at the start of a build, before ingest reads a byte.

Each stage parses its own dict when it runs; a typo in one found there costs the stages
before it (26 s of embedding and layout for an unknown projection key). This module runs
the same parsers up front, so an unknown key or method fails at once with the valid
ones listed (``InvalidOption``, ``UnknownProjection``).
"""
from __future__ import annotations

from typing import Any

from datamap.resources.options import options_from_dict


def check_stage_options(opts: Any) -> None:
    """Parse each stage dict of ``opts`` (a ``BuildOptions``) the way its stage will."""
    from datamap.tasks import index as index_mod
    from datamap.tasks.project import check_method
    from datamap.tasks.project.umap import ProjectionOptions

    proj = options_from_dict(ProjectionOptions, opts.projection, "projection")
    check_method(proj.method)
    for m in proj.extra or []:
        check_method(m, "extra projection")
    options_from_dict(index_mod.IndexOptions, opts.index, "index")
    parsers = _stage_parsers()
    for name, parse in parsers.items():
        d = getattr(opts, name)
        if d is not None:
            parse(d)


def _stage_parsers() -> dict[str, Any]:
    """Stage name → its ``Options.from_dict`` (imported here: the flow loads them anyway)."""
    from datamap.tasks import dedupe, outliers, thumbnails, tiles
    from datamap.tasks.topics.model import TopicOptions

    return {"topics": TopicOptions.from_dict, "dedupe": dedupe.DuplicateOptions.from_dict,
            "outliers": outliers.OutlierOptions.from_dict, "tiles": tiles.TileOptions.from_dict,
            "thumbnails": thumbnails.ThumbnailOptions.from_dict}
