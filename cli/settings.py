"""``--set stage.key=value``: reach every stage option from the command line.

A build's options are a dict of stage dicts (``BuildOptions`` in flows/build_map.py);
the named flags cover the common ones and ``--set`` the rest, e.g. ``--set
topics.depths=2 --set dedupe.tag_duplicates=false --set index.connectivity=32``. Values
are read as JSON when they parse (numbers, booleans, lists, null) and as text otherwise.
Unknown stages and keys are refused by the flow's own option checks, before any work.
"""
from __future__ import annotations

import json
from typing import Any

import typer


def parse_setting(text: str) -> tuple[str, str | None, Any]:
    """``"topics.depths=2"`` → ``("topics", "depths", 2)``; ``"batch_size=64"`` → ``("batch_size", None, 64)``.

    Raises ``typer.BadParameter`` (a usage error, exit 2) when there is no ``=`` or no key."""
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not key or key.startswith(".") or key.endswith("."):
        raise typer.BadParameter(f"{text!r} is not STAGE.KEY=VALUE (e.g. topics.depths=2)", param_hint="'--set'")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    stage, dot, name = key.partition(".")
    return (stage, name, value) if dot else (stage, None, value)


def apply_settings(options: dict[str, Any], settings: list[str]) -> dict[str, Any]:
    """``options`` with every ``--set`` applied (later ones win); a stage switched off by
    its ``--no-…`` flag cannot also be given options."""
    out = dict(options)
    for text in settings:
        stage, name, value = parse_setting(text)
        if name is None:
            out[stage] = value
            continue
        if stage in out and out[stage] is None:
            raise typer.BadParameter(f"{text!r} sets an option of {stage}, which --no-{stage} switches off",
                                     param_hint="'--set'")
        current = out.get(stage)
        if current is not None and not isinstance(current, dict):
            raise typer.BadParameter(f"{stage!r} is a single option, not a stage: write --set {stage}=VALUE",
                                     param_hint="'--set'")
        out[stage] = {**(current or {}), name: value}
    return out
