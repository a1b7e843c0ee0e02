"""``datamap.toml``: build options kept in a file beside the data, under the command line.

The file has the shape of ``build_map(options=…)`` (and of ``--set``): top-level keys
are build options, tables are stages::

    text_field = "body"
    embed_mode = "fast"
    outliers = false            # a stage switched off

    [projection]
    method = "umap"
    n_neighbors = 30

    [topics]
    depths = 2
    labeller = "keywords"

``datamap build`` reads ``./datamap.toml`` when it exists, or the file ``--config``
names. Flags given on the command line override the file, and ``--set`` overrides
both; a flag left at its default does not. Unknown keys are refused by the build's
own option checks, before any work, with the valid ones listed.
"""
from __future__ import annotations

import os
import tomllib
from typing import Any

import typer

DEFAULT_FILE = "datamap.toml"

# where each ``datamap build`` flag lands in the options dict (stage, key); (name,) for a
# top-level option or a whole stage switched on or off
FLAG_PATHS: dict[str, tuple[str, ...]] = {
    **{f: (f,) for f in ("text_field", "id_field", "embedding_field", "embeddings", "model", "embed_mode",
                        "on_invalid", "latent_dtype", "full", "topics", "dedupe", "outliers")},
    "input_format": ("input_format",), "fast_fit_sample": ("embed_fit_sample",),
    "projection": ("projection", "method"), "extra_projection": ("projection", "extra"),
    **{f: ("projection", f) for f in ("seed", "n_neighbors", "min_dist", "n_epochs", "perplexity",
                                      "learning_rate", "metric")},
    **{f: ("topics", f) for f in ("labeller", "labeller_url", "labeller_model")},
    "duplicate_cutoff": ("dedupe", "duplicate_cutoff"), "tag_duplicates": ("dedupe", "tag_duplicates"),
    "image_field": ("thumbnails", "image_field"),
}


def load_config(path: str | None) -> tuple[dict[str, Any], str | None]:
    """(options from the file, its path) — ``path``, else ./datamap.toml if present,
    else ({}, None). A named file that is missing or not TOML is a usage error."""
    if path is None:
        if not os.path.isfile(DEFAULT_FILE):
            return {}, None
        path = DEFAULT_FILE
    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except FileNotFoundError:
        raise typer.BadParameter(f"no config file at {path}", param_hint="'--config'") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, IsADirectoryError) as e:
        raise typer.BadParameter(f"{path} is not valid TOML: {e}", param_hint="'--config'") from None
    return _options(raw, path), path


def _options(raw: dict[str, Any], path: str) -> dict[str, Any]:
    """The file's dict as build options: ``stage = false`` switches a stage off; a table
    inside a stage table is refused (stage options are one level deep)."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            deep = [k for k, v in value.items() if isinstance(v, dict)]
            if deep:
                raise typer.BadParameter(f"{path}: [{key}.{deep[0]}] is nested too deep; stage options are "
                                         f"keys of [{key}]", param_hint="'--config'")
            out[key] = dict(value)
        else:
            out[key] = None if value is False and key in STAGE_SWITCHES else value
    return out


STAGE_SWITCHES = ("topics", "dedupe", "outliers", "tiles", "projections", "thumbnails")


def merge_config(from_file: dict[str, Any], from_flags: dict[str, Any], given: set[str]) -> dict[str, Any]:
    """Options from the file under those from the flags: a value of the file stands unless
    the flag for the same option was ``given`` on the command line (parameter names)."""
    explicit = {FLAG_PATHS[g] for g in given if g in FLAG_PATHS}
    out = dict(from_flags)
    for key, value in from_file.items():
        if not isinstance(value, dict):
            if (key,) not in explicit:
                out[key] = value
            continue
        if (key,) in explicit and out.get(key) is None:
            continue                  # --no-<stage> on the command line beats the file's table
        stage = dict(out.get(key) or {})
        stage.update({k: v for k, v in value.items() if (key, k) not in explicit})
        out[key] = stage
    return out
