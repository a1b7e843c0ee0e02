"""Validate: the data contract every map obeys, checked with Great Expectations.

Checked before any expensive work so a bad input costs seconds. The contract (ids unique
and non-null; the indexed text non-null and not blank; embeddings of one width, finite
and non-zero) is generated from the build options as the dataset's Expectation Suite,
the user's own expectations (``tasks/ingest/suite.py``) are added to it, and the suite
runs once per build through a GX Validation Definition and Checkpoint. GX's own result
document and Data Docs are kept with the version, so a data team sees in its usual GX
tools what was checked and why rows were dropped.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import polars as pl

from datamap.resources import schema
from datamap.resources.errors import InvalidOption, ValidationFailed
from datamap.tasks.ingest import suite as suite_mod
from datamap.tasks.ingest.data_docs import docs_context, prune_site

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

OnInvalid = Literal["fail", "skip"]
EXAMPLES = 5
MAX_ID_CHARS = 1024   # ids travel in URLs, tags and tooltips; longer ones are a mistake
_ROW_CHUNK = 65_536  # rows per block of the vector checks (``_row_checks``)
SUMMARY = {"result_format": "SUMMARY", "partial_unexpected_count": 20}   # bounded, whatever the row count


@dataclass
class Validated:
    table: pl.DataFrame
    vectors: np.ndarray | None
    report: dict[str, Any]                 # the project's summary (the manifest keeps its totals)
    document: dict[str, Any] = field(default_factory=dict)   # GX's validation result (validation.json)
    suite: dict[str, Any] = field(default_factory=dict)      # the suite that ran (expectation_suite.json)


def _contract(has_text: bool, has_vectors: bool, width: int | None, labels: dict[str, str]) -> list[dict]:
    """The contract as suite entries; ``meta.datamap`` says which field and check each is."""
    def e(column: str, check: str, etype: str, **kw) -> dict:
        return {"type": etype, "kwargs": {"column": column, **kw},
                "meta": {"datamap": {"field": labels.get(column, column), "check": check}}}

    out = [e(schema.ID, "not null", "expect_column_values_to_not_be_null"),
           e(schema.ID, "unique", "expect_column_values_to_be_unique"),
           e(schema.ID, f"length <= {MAX_ID_CHARS}", "expect_column_value_lengths_to_be_between",
             min_value=1, max_value=MAX_ID_CHARS)]
    if has_text:
        out += [e("_text_present", "not null", "expect_column_values_to_be_in_set", value_set=[True]),
                e("_text_not_blank", "not blank", "expect_column_values_to_be_in_set", value_set=[True])]
    if has_vectors:
        out += [e("_vector_present", "not null", "expect_column_values_to_be_in_set", value_set=[True]),
                e("_vector_width", f"width == {width}", "expect_column_values_to_be_in_set", value_set=[width]),
                e("_vector_finite", "finite", "expect_column_values_to_be_in_set", value_set=[True]),
                # a zero vector has no direction: cosine distance to it is undefined
                e("_vector_nonzero", "non-zero", "expect_column_values_to_be_in_set", value_set=[True])]
    return out


def _user(items: list[dict]) -> list[dict]:
    """The user's expectations, marked as theirs and named by the column they read."""
    out = []
    for it in items:
        cols = suite_mod.columns_of([it])
        meta = {**it.get("meta", {}), "datamap": {"field": ", ".join(cols) or "(table)", "check": it["type"],
                                                   "user": True}}
        out.append({**it, "meta": meta})
    return out


def validate(
    table: pl.DataFrame,
    vectors: np.ndarray | None,
    text_field: str | None,
    widths: np.ndarray | None = None,
    embedding_label: str = "embeddings",
    on_invalid: OnInvalid = "fail",
    user_expectations: list[dict] | None = None,
    suite_name: str = "datamap",
    docs_dir: str | None = None,
) -> Validated:
    """Run the suite; raise ``ValidationFailed`` (fail) or drop offending rows (skip).

    ``widths`` gives each row's original vector width when the user's vectors were
    ragged (ingest pads them); the expected width is the most common one. ``docs_dir``:
    render GX's Data Docs there (also when the input is rejected: the error points to them).
    """
    import great_expectations as gx
    import pandas as pd

    n = table.height
    if n == 0:
        raise ValidationFailed("the input has no rows", [{"field": "(table)", "check": "rows > 0", "count": 0}])
    user = _user(user_expectations or [])
    cols, width = _contract_columns(table, vectors, text_field, widths)
    cols.update(_user_columns(table, user))
    labels = {**{c: text_field or "text" for c in ("_text_present", "_text_not_blank")},
              **{c: embedding_label for c in ("_vector_width", "_vector_finite", "_vector_nonzero",
                                               "_vector_present")}}
    entries = _contract(bool(text_field), vectors is not None, width, labels) + user
    pdf = pd.DataFrame(cols)    # only the columns the suite reads, not the whole table
    run = _run_checkpoint(pdf, entries, suite_name, docs_dir)
    results = _results(run["result"], pdf)
    report: dict[str, Any] = {"engine": f"great_expectations {gx.__version__}", "suite": suite_name,
                              "rows_in": n, "checks": results, "dropped": {},
                              "success": all(r["success"] for r in results)}
    out = Validated(table, vectors, report, run["document"], run["suite"])
    if report["success"]:
        report["rows_out"] = n
        return out
    if on_invalid == "fail":
        _reject(results, docs_dir)
    bad_positions = _failing_positions(run["batch"](), entries, results)
    dropped = _drop_invalid(table, vectors, width, bad_positions, results, report)
    return Validated(dropped.table, dropped.vectors, dropped.report, run["document"], run["suite"])


def _user_columns(table: pl.DataFrame, user: list[dict]) -> dict[str, Any]:
    """The input columns the user's expectations read, refused by name if missing."""
    out: dict[str, Any] = {}
    for i, it in enumerate(user):
        for c in suite_mod.columns_of([it]):
            if c not in table.columns:
                raise InvalidOption(f"expectation {i} ({it['type']}) reads column {c!r}, which the input does "
                                    f"not have; columns: {', '.join(table.columns)}")
            if c not in out and c != schema.ID:
                out[c] = table[c].to_pandas()
    return out


def _run_checkpoint(pdf: Any, entries: list[dict], suite_name: str, docs_dir: str | None) -> dict[str, Any]:
    """One Validation Definition and Checkpoint over ``pdf``; Data Docs into ``docs_dir``."""
    import great_expectations as gx

    ctx = docs_context(docs_dir)
    _quiet(ctx)
    bd = ctx.data_sources.add_pandas("datamap").add_dataframe_asset("rows") \
        .add_batch_definition_whole_dataframe("all")
    suite = ctx.suites.add(gx.ExpectationSuite(name=suite_name))
    for entry in entries:
        suite.add_expectation(suite_mod.to_expectation(entry))
    vd = ctx.validation_definitions.add(gx.ValidationDefinition(name=suite_name, data=bd, suite=suite))
    actions = [gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=["datamap"])] if docs_dir else []
    cp = ctx.checkpoints.add(gx.Checkpoint(name=suite_name, validation_definitions=[vd], actions=actions,
                                           result_format=SUMMARY))
    result = cp.run(batch_parameters={"dataframe": pdf})
    if docs_dir:
        prune_site(docs_dir)
    (vr,) = result.run_results.values()
    return {"result": vr, "document": vr.to_json_dict(), "suite": suite.to_json_dict(),
            # the batch again, only for a failing input's rows: GX fingerprints every row
            # of a batch (0.8 s for a million), so a passing input should not pay twice
            "batch": lambda: bd.get_batch(batch_parameters={"dataframe": pdf})}


def _results(vr: Any, pdf: Any) -> list[dict[str, Any]]:
    """Each expectation's result as the report shows it (under the user's field names)."""
    out = []
    for er in vr.results:
        cfg = er.expectation_config
        tag = (cfg.meta or {}).get("datamap", {})
        res = er.result or {}
        positions = [int(p) for p in (res.get("partial_unexpected_index_list") or [])
                     if isinstance(p, (int, np.integer))]
        examples = [_show_id(pdf[schema.ID].iloc[p], p) for p in positions[:EXAMPLES]]
        if not examples and res.get("partial_unexpected_list"):
            examples = [str(v) for v in res["partial_unexpected_list"][:EXAMPLES]]
        if er.exception_info and er.exception_info.get("raised_exception"):
            examples = [str(er.exception_info.get("exception_message"))[:200]]
        out.append({"field": tag.get("field", cfg.kwargs.get("column", "(table)")),
                    "check": tag.get("check", cfg.type), "success": bool(er.success),
                    "count": int(res.get("unexpected_count") or 0), "examples": examples,
                    "expectation": cfg.type, "user": bool(tag.get("user"))})
    return out


def _failing_positions(batch: Any, entries: list[dict], results: list[dict]) -> dict[tuple[str, str], list[int]]:
    """Every failing row of each failed expectation (skip mode): the checkpoint kept only
    the first 20, so the failed ones run again with GX's COMPLETE result format."""
    out: dict[tuple[str, str], list[int]] = {}
    for entry, r in zip(entries, results):
        if r["success"]:
            continue
        got = batch.validate(suite_mod.to_expectation(entry), result_format={"result_format": "COMPLETE"})
        positions = (got.result or {}).get("unexpected_index_list")
        if positions is None:
            raise ValidationFailed(f"{r['field']!r} fails {r['expectation']}, a check on the whole table: "
                                   "--on-invalid skip cannot drop rows to fix it", [r])
        out[(r["field"], r["check"])] = sorted(int(p) for p in positions)
    return out


def _contract_columns(table: pl.DataFrame, vectors: np.ndarray | None, text_field: str | None,
                      widths: np.ndarray | None) -> tuple[dict[str, Any], int | None]:
    """The columns the expectations look at, and the expected vector width.

    GX checks columns, not a matrix, so each vector property becomes one boolean (or
    width) column per row. The text's two properties do too, computed by polars: handing
    GX the texts themselves made every one a Python string for pandas only to test each
    for null and for white space (a million ~400-character texts: 0.4 GB more, 0.2 s
    alone but 4.9 s in one 1M build's ingest under py-spy, where Polars' copy out to
    Arrow met fresh memory), and then ran a Python regex over each. A report names the
    failing rows by id either way."""
    n = table.height
    cols: dict[str, Any] = {schema.ID: table[schema.ID].to_pandas()}
    if text_field:
        present, not_blank = _text_checks(table[text_field])
        cols["_text_present"] = present
        cols["_text_not_blank"] = not_blank
    width = None
    if vectors is not None:
        if widths is None:
            widths = np.full(n, vectors.shape[1])
        vals, counts = np.unique(widths[widths > 0], return_counts=True)
        width = int(vals[np.argmax(counts)]) if len(vals) else 0
        present = widths > 0
        # each row is reported for its first problem only: missing, then width, then values
        all_finite, nonzero = _row_checks(vectors)
        finite = all_finite | (widths != width) | ~present
        cols["_vector_present"] = present
        cols["_vector_width"] = np.where(present, widths, width).astype(np.int64)
        cols["_vector_finite"] = finite
        cols["_vector_nonzero"] = nonzero | (widths != width) | ~present
    return cols, width


def _text_checks(texts: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the text is not null; it is not blank (empty, or white space only: what
    Python's ``str.isspace`` calls white space, as the regex ``^\\s*$`` that GX ran on
    the texts did; polars' ``\\s`` lacks the four separators U+001C–U+001F). A null
    text is reported as null only, so it passes the blank check."""
    present = texts.is_not_null()
    blank = texts.str.contains(r"^[\s\x1c-\x1f]*$").fill_null(False)
    return present.to_numpy(), (~blank).to_numpy()


def _row_checks(vectors: np.ndarray, chunk: int = _ROW_CHUNK) -> tuple[np.ndarray, np.ndarray]:
    """Per row: every value finite; the row not all zero once non-finite values count as 1.

    In blocks of rows: on the whole matrix, the masks, the cleaned copy and its squares
    were each as large as the vectors (a million 384-d rows: 4.5 GB on top of the 1.5 GB
    read, the ingest stage's peak). Each row's sum of squares answers both questions for
    almost every row: finite only when every value is, and then > 0 exactly when the old
    cleaned-copy test was. Only rows whose sum is not finite (a NaN or an infinity, or
    finite values whose squares overflow) are looked at value by value: 300k of the 1M
    map's rows in 0.06 s instead of 1.1 s (``nan_to_num`` and ``isfinite`` over every value)."""
    n = len(vectors)
    finite = np.empty(n, bool)
    nonzero = np.empty(n, bool)
    for s in range(0, n, chunk):
        block = np.asarray(vectors[s:s + chunk])
        with np.errstate(over="ignore", invalid="ignore"):
            sq = np.einsum("ij,ij->i", block, block)
        ok = np.isfinite(sq)
        fin = ok.copy()
        odd = np.nonzero(~ok)[0]
        if len(odd):
            fin[odd] = np.isfinite(block[odd]).all(axis=1)
        finite[s:s + len(block)] = fin
        nonzero[s:s + len(block)] = ~ok | (sq > 0)   # non-finite values count as 1: never zero
    return finite, nonzero


def _reject(results: list[dict[str, Any]], docs_dir: str | None) -> None:
    """``on_invalid="fail"``: one line per failed expectation (field, check, GX expectation,
    first offending ids), so the user can find the rows without reading a report file."""
    failures = [r for r in results if not r["success"]]
    lines = [f"{f['field']!r}: {f['count']} row(s) fail '{f['check']}' (first ids: {f['examples']}) "
             f"[{f['expectation']}]" if f["check"] != f["expectation"] else
             f"{f['field']!r}: {f['count']} row(s) fail {f['expectation']} (first ids: {f['examples']})"
             for f in failures]
    docs = f"\nGreat Expectations Data Docs: {os.path.join(docs_dir, 'index.html')}" if docs_dir else ""
    raise ValidationFailed("input rejected, nothing published:\n  " + "\n  ".join(lines)
                           + "\n(use --on-invalid skip to drop these rows instead)" + docs, failures)


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
