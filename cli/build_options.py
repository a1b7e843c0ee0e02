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
                  outliers: dict | None, image_field: str | None, settings: list[str]) -> dict[str, Any]:
    """Everything ``build_map(options=…)`` takes, with ``--set`` applied last."""
    options = {**fields, "projection": layout_options(layout), "topics": topics, "dedupe": dedupe,
               "outliers": outliers, "thumbnails": {"image_field": image_field} if image_field else {}}
    return apply_settings(options, settings)
