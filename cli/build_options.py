"""The build options dict from ``datamap build``'s flags, checked before any work.

Kept apart from cli/main.py so the command there only declares its flags. Layout flags
that the chosen method would ignore (``--perplexity`` with UMAP, ``--n-neighbors`` with
t-SNE) are a usage error instead of being sent and silently dropped.
"""
from __future__ import annotations

from typing import Any

import typer

from datamap.cli.settings import apply_settings

# which --projection methods read each layout flag ("auto" may run any of them)
LAYOUT_FLAGS: dict[str, tuple[str, ...]] = {
    "n_neighbors": ("umap", "auto"), "min_dist": ("umap", "auto"), "n_epochs": ("umap", "auto"),
    "perplexity": ("tsne", "auto"), "learning_rate": ("tsne", "auto"),
}
# the UMAP values a plain build has always recorded (kept so its options and cache keys do not change)
UMAP_DEFAULTS: dict[str, Any] = {"n_neighbors": 15, "min_dist": 0.1}


def layout_options(layout: dict[str, Any]) -> dict[str, Any]:
    """The projection stage dict: only flags that were given, refused where the method ignores them."""
    method = layout["method"]
    out = {k: v for k, v in layout.items() if v is not None}
    for flag, methods in LAYOUT_FLAGS.items():
        if flag in out and method not in methods:
            raise typer.BadParameter(f"--{flag.replace('_', '-')} applies to --projection "
                                     f"{' or '.join(methods)}, not {method}", param_hint="'--projection'")
    if method in ("umap", "auto"):
        out = {**UMAP_DEFAULTS, **out}
    return out


def build_options(fields: dict[str, Any], layout: dict[str, Any], topics: dict | None, dedupe: dict | None,
                  outliers: dict | None, image_field: str | None, settings: list[str],
                  from_file: dict[str, Any] | None = None, given: set[str] | None = None) -> dict[str, Any]:
    """Everything ``build_map(options=…)`` takes: the config file's options (``datamap.toml``,
    cli/config.py) under the flags ``given`` on the command line, ``--set`` applied last."""
    from datamap.cli.config import merge_config

    options = {**fields, "projection": {k: v for k, v in layout.items() if v is not None}, "topics": topics,
               "dedupe": dedupe, "outliers": outliers,
               "thumbnails": {"image_field": image_field} if image_field else {}}
    given = given or set()
    options = merge_config(from_file or {}, options, given)
    proj = _file_layout_keys(dict(options["projection"]), given)
    layout_all = {**{k: None for k in LAYOUT_FLAGS}, **proj}
    options["projection"] = layout_options(layout_all)
    return apply_settings(options, settings)


def _file_layout_keys(proj: dict[str, Any], given: set[str]) -> dict[str, Any]:
    """Layout keys from the config file that the method does not read: dropped when the
    method was chosen on the command line (``--projection pca`` over a file tuned for
    UMAP), refused when the file itself asks for both."""
    method = proj.get("method", "auto")
    for key, methods in LAYOUT_FLAGS.items():
        if key not in proj or key in given or method in methods:
            continue
        if "projection" in given:
            del proj[key]
        else:
            raise typer.BadParameter(f"projection.{key} applies to method {' or '.join(methods)}, not {method}",
                                     param_hint="'--config'")
    return proj
