"""Validate: the data contract every map obeys, checked with Great Expectations.

Checked before any expensive work so a bad input costs seconds, and stored in the version
so a reader can see what was checked. Contract: ids unique and non-null; the indexed text
non-null and not blank; embeddings of one width and finite.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import polars as pl

from datamap.resources import schema
from datamap.resources.errors import ValidationFailed

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

OnInvalid = Literal["fail", "skip"]
EXAMPLES = 5
MAX_ID_CHARS = 1024   # ids travel in URLs, tags and tooltips; longer ones are a mistake


@dataclass
class Validated:
    table: pl.DataFrame
    vectors: np.ndarray | None
    report: dict[str, Any]


def _checks(has_text: bool, has_vectors: bool, width: int | None):
    import great_expectations as gx

    E = gx.expectations
    checks = [
        (schema.ID, "not null", E.ExpectColumnValuesToNotBeNull(column=schema.ID)),
        (schema.ID, "unique", E.ExpectColumnValuesToBeUnique(column=schema.ID)),
        (schema.ID, f"length <= {MAX_ID_CHARS}",
         E.ExpectColumnValueLengthsToBeBetween(column=schema.ID, min_value=1, max_value=MAX_ID_CHARS)),
    ]
    if has_text:
        checks += [
            ("_text", "not null", E.ExpectColumnValuesToNotBeNull(column="_text")),
            ("_text", "not blank", E.ExpectColumnValuesToNotMatchRegex(column="_text", regex=r"^\s*$")),
        ]
    if has_vectors:
        checks += [
            ("_vector_present", "not null",
             E.ExpectColumnValuesToBeInSet(column="_vector_present", value_set=[True])),
            ("_vector_width", f"width == {width}",
             E.ExpectColumnValuesToBeInSet(column="_vector_width", value_set=[width])),
            ("_vector_finite", "finite", E.ExpectColumnValuesToBeInSet(column="_vector_finite", value_set=[True])),
            # a zero vector has no direction: cosine distance to it is undefined
            ("_vector_nonzero", "non-zero", E.ExpectColumnValuesToBeInSet(column="_vector_nonzero", value_set=[True])),
        ]
    return checks


def validate(
    table: pl.DataFrame,
    vectors: np.ndarray | None,
    text_field: str | None,
    widths: np.ndarray | None = None,
    embedding_label: str = "embeddings",
    on_invalid: OnInvalid = "fail",
) -> Validated:
    """Run the contract; raise ``ValidationFailed`` (fail) or drop offending rows (skip).

    ``widths`` gives each row's original vector width when the user's vectors were
    ragged (ingest pads them); the expected width is the most common one.
    """
    import great_expectations as gx

    n = table.height
    if n == 0:
        raise ValidationFailed("the input has no rows", [{"field": "(table)", "check": "rows > 0", "count": 0}])
    cols, width = _contract_columns(table, vectors, text_field, widths)
    import pandas as pd

    pdf = pd.DataFrame(cols)
    results, bad_positions = _run_checks(pdf, text_field, vectors is not None, width, embedding_label)
    report: dict[str, Any] = {"engine": f"great_expectations {gx.__version__}", "rows_in": n,
                              "checks": results, "success": not bad_positions, "dropped": {}}
    if not bad_positions:
        report["rows_out"] = n
        return Validated(table, vectors, report)
    if on_invalid == "fail":
        _reject(results)
    return _drop_invalid(table, vectors, width, bad_positions, results, report)


def _contract_columns(table: pl.DataFrame, vectors: np.ndarray | None, text_field: str | None,
                      widths: np.ndarray | None) -> tuple[dict[str, Any], int | None]:
    """The columns the expectations look at, and the expected vector width.

    GX checks columns, not a matrix, so each vector property becomes one boolean (or
    width) column per row."""
    n = table.height
    cols: dict[str, Any] = {schema.ID: table[schema.ID].to_pandas()}
    if text_field:
        cols["_text"] = table[text_field].to_pandas()
    width = None
    if vectors is not None:
        if widths is None:
            widths = np.full(n, vectors.shape[1])
        vals, counts = np.unique(widths[widths > 0], return_counts=True)
        width = int(vals[np.argmax(counts)]) if len(vals) else 0
        present = widths > 0
        # each row is reported for its first problem only: missing, then width, then values
        finite = np.isfinite(vectors).all(axis=1) | (widths != width) | ~present
        cols["_vector_present"] = present
        cols["_vector_width"] = np.where(present, widths, width).astype(np.int64)
        cols["_vector_finite"] = finite
        with np.errstate(invalid="ignore"):
            norms = np.linalg.norm(np.nan_to_num(vectors, nan=1.0, posinf=1.0, neginf=1.0), axis=1)
        cols["_vector_nonzero"] = (norms > 0) | (widths != width) | ~present
    return cols, width


def _run_checks(pdf: Any, text_field: str | None, has_vectors: bool, width: int | None,
                embedding_label: str) -> tuple[list[dict[str, Any]], dict[tuple[str, str], list[int]]]:
    """Each expectation's result as the report shows it (under the user's field names),
    and the failing row positions of each failed check (what ``skip`` drops)."""
    import great_expectations as gx

    ctx = gx.get_context(mode="ephemeral")
    batch = (
        ctx.data_sources.add_pandas("datamap")
        .add_dataframe_asset("rows")
        .add_batch_definition_whole_dataframe("all")
        .get_batch(batch_parameters={"dataframe": pdf})
    )
    _quiet(ctx)
    fmt = {"result_format": "COMPLETE"}
    results, bad_positions = [], {}
    for field_name, check, expectation in _checks(bool(text_field), has_vectors, width):
        r = batch.validate(expectation, result_format=fmt)
        res = r.result or {}
        # a RangeIndex, so GX's unexpected index values are row positions
        positions = sorted(int(i) for i in (res.get("unexpected_index_list") or []))
        count = int(res.get("unexpected_count") or 0)
        shown = {"_text": text_field or "text", "_vector_width": embedding_label,
                 "_vector_finite": embedding_label, "_vector_nonzero": embedding_label,
                 "_vector_present": embedding_label}.get(field_name, field_name)
        examples = [_show_id(pdf[schema.ID].iloc[p], p) for p in positions[:EXAMPLES]]
        results.append({"field": shown, "check": check, "success": bool(r.success),
                        "count": count, "examples": examples,
                        "expectation": type(expectation).__name__})
        if not r.success:
            bad_positions[(shown, check)] = positions
    return results, bad_positions


def _reject(results: list[dict[str, Any]]) -> None:
    """``on_invalid="fail"``: one line per failed check, with the first offending ids, so
    the user can find the rows without reading a report file."""
    failures = [r for r in results if not r["success"]]
    lines = [f"{f['field']!r}: {f['count']} row(s) fail '{f['check']}' (first ids: {f['examples']})"
             for f in failures]
    raise ValidationFailed("input rejected, nothing published:\n  " + "\n  ".join(lines)
                           + "\n(use --on-invalid skip to drop these rows instead)", failures)


def _drop_invalid(table: pl.DataFrame, vectors: np.ndarray | None, width: int | None,
                  bad_positions: dict[tuple[str, str], list[int]], results: list[dict[str, Any]],
                  report: dict[str, Any]) -> Validated:
    """``on_invalid="skip"``: drop every failing row (the first of duplicated ids is kept),
    count the drops per check in ``report``, and cut padded vectors back to the width."""
    n = table.height
    drop = np.zeros(n, dtype=bool)
    for (field_name, check), positions in bad_positions.items():
        if check == "unique":
            # keep the first occurrence of each duplicated id, drop the rest
            dup = table.select(pl.col(schema.ID).is_first_distinct().not_())[schema.ID].to_numpy()
            report["dropped"][f"{field_name}: {check}"] = int(dup.sum())
            drop |= dup
        else:
            drop[positions] = True
            report["dropped"][f"{field_name}: {check}"] = len(positions)
    keep = ~drop
    report["rows_out"] = int(keep.sum())
    if report["rows_out"] == 0:
        raise ValidationFailed("every row failed validation; nothing to map",
                               [r for r in results if not r["success"]])
    table = table.filter(pl.Series(keep))
    if vectors is not None:
        vectors = vectors[keep]
        if vectors.shape[1] != width:
            vectors = vectors[:, :width]
    return Validated(table, vectors, report)


def _show_id(value, position: int) -> str:
    return f"(null id, row {position})" if value is None or value != value else str(value)


def _quiet(ctx) -> None:
    """GX draws tqdm bars per expectation; our CLI has its own progress display."""
    try:
        from great_expectations.data_context.types.base import ProgressBarsConfig

        ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    except Exception:  # older/newer GX: bars are cosmetic, never fail validation for them
        pass
