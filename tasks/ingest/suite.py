"""The dataset's Expectation Suite: the data contract, plus the user's own expectations.

A data team keeps its expectations where it keeps the rest of its Great Expectations
work: a suite JSON file as GX writes it (``suite.to_json_dict()``, or by hand:
``{"expectations": [{"type": "expect_column_values_to_be_in_set", "kwargs":
{"column": "section", "value_set": [...]}}]}``). ``--expectations FILE`` adds those to the
contract datamap generates from the build options. The file is read and every entry
checked when the build starts, before a byte of the source is read.
"""
from __future__ import annotations

import json
from typing import Any

from datamap.resources.errors import InvalidOption

# kwargs naming the columns an expectation reads (GX's column, column-pair, multicolumn forms)
COLUMN_KWARGS = ("column", "column_A", "column_B")
COLUMN_LIST_KWARGS = ("column_list",)


def load_user_suite(uri: str, storage_options: dict | None = None) -> list[dict[str, Any]]:
    """The expectations of the suite file at ``uri`` (path or fsspec URL), each checked
    against GX's registry; ``InvalidOption`` names the file and entry otherwise."""
    import fsspec

    try:
        with fsspec.open(uri, "rb", **(storage_options or {})) as f:
            doc = json.loads(f.read())
    except FileNotFoundError as e:
        raise InvalidOption(f"--expectations {uri!r}: file not found") from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InvalidOption(f"--expectations {uri!r}: not a JSON Expectation Suite ({e})") from e
    items = doc.get("expectations") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise InvalidOption(f"--expectations {uri!r}: expected a JSON object with an 'expectations' list "
                            "(an Expectation Suite as Great Expectations writes it)")
    return [_checked(uri, i, e) for i, e in enumerate(items)]


def _checked(uri: str, i: int, item: Any) -> dict[str, Any]:
    """One entry as ``{"type", "kwargs", "meta"}``, built once through GX to reject unknown
    types and bad arguments now, not after the source has been read."""
    where = f"--expectations {uri!r}, expectation {i}"
    if not isinstance(item, dict) or not isinstance(item.get("type") or item.get("expectation_type"), str):
        raise InvalidOption(f"{where}: needs a 'type' such as 'expect_column_values_to_be_in_set'")
    etype = item.get("type") or item.get("expectation_type")
    kwargs = item.get("kwargs") or {}
    if not isinstance(kwargs, dict):
        raise InvalidOption(f"{where} ({etype}): 'kwargs' must be an object")
    out = {"type": etype, "kwargs": kwargs, "meta": item.get("meta") or {}}
    try:
        to_expectation(out)
    except Exception as e:   # GX raises its own classes for an unknown type or bad kwargs
        raise InvalidOption(f"{where} ({etype}): {e}") from e
    return out


def to_expectation(item: dict[str, Any]):
    """A GX expectation object from ``{"type", "kwargs", "meta"}``."""
    from great_expectations.expectations.registry import get_expectation_impl

    cls = get_expectation_impl(item["type"])
    return cls(**item["kwargs"], meta=item.get("meta") or {})


def columns_of(items: list[dict[str, Any]]) -> list[str]:
    """Every column the expectations read, in first-seen order."""
    out: list[str] = []
    for item in items:
        kw = item["kwargs"]
        names = [kw[k] for k in COLUMN_KWARGS if isinstance(kw.get(k), str)]
        names += [c for k in COLUMN_LIST_KWARGS for c in (kw.get(k) or []) if isinstance(c, str)]
        out += [n for n in names if n not in out]
    return out
