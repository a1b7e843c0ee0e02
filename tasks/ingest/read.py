"""Ingest: read a table from any fsspec URL into polars, keeping every column's type.

The only reshaping done here is what every later stage relies on: a string ``id`` column
first (the user's id field, or a stable content-derived id), and embeddings brought by
the user split off as a numpy array so the data table stays light.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import polars as pl

from datamap.resources import schema
from datamap.resources.errors import IngestError
from datamap.resources.store import filesystem_for, storage_errors
from datamap.tasks.ingest.diagnose import (
    cr_only_line_ends,
    csv_problem,
    duplicate_columns,
    header_names,
    jsonl_problem,
    nested_value_lines,
    utf8_problem,
)

FORMATS = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet", ".arrow": "arrow",
    ".feather": "arrow", ".ipc": "arrow",
}


@dataclass
class IngestOptions:
    text_field: str | None = None
    id_field: str | None = None
    embedding_field: str | None = None
    embeddings_uri: str | None = None      # separate .npy / .parquet aligned by id
    format: str | None = None
    storage_options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Ingested:
    table: pl.DataFrame                    # id first, then the input's columns
    vectors: np.ndarray | None             # (N, d) when the user brought embeddings
    fingerprint: dict[str, Any]


def detect_format(uri: str, explicit: str | None = None) -> str:
    if explicit:
        if explicit not in set(FORMATS.values()):
            raise IngestError(f"unknown format {explicit!r}; use one of {sorted(set(FORMATS.values()))}")
        return explicit
    path = uri.split("?", 1)[0].lower()
    for ext, fmt in FORMATS.items():
        if path.endswith(ext):
            return fmt
    raise IngestError(
        f"cannot tell the format of {uri!r} from its extension; pass --format "
        f"({', '.join(sorted(set(FORMATS.values())))})"
    )


def source_fingerprint(uri: str, storage_options: dict | None = None) -> dict[str, Any]:
    """What identifies this input's content cheaply: size plus ETag or mtime."""
    fs, path = filesystem_for(uri, storage_options)
    with storage_errors(uri):
        try:
            info = fs.info(path)
        except FileNotFoundError:
            raise IngestError(f"input not found: {uri!r}") from None
    if info.get("type") == "directory":
        raise IngestError(f"input {uri!r} is a directory; point at a file")
    return {
        "uri": uri,
        "size": info.get("size"),
        "etag": str(info.get("ETag") or info.get("etag") or "") or None,
        "mtime": str(info.get("mtime") or info.get("LastModified") or info.get("created") or ""),
    }


def read_table(uri: str, fmt: str | None = None, storage_options: dict | None = None) -> pl.DataFrame:
    """Read the whole file with polars through fsspec (local paths, s3://, …)."""
    return parse_table(read_raw(uri, storage_options), uri, fmt)


def read_raw(uri: str, storage_options: dict | None = None) -> bytes:
    fs, path = filesystem_for(uri, storage_options)
    with storage_errors(uri):
        try:
            raw = fs.cat_file(path)
        except FileNotFoundError:
            raise IngestError(f"input not found: {uri!r}") from None
        except IsADirectoryError:
            raise IngestError(f"input {uri!r} is a directory; point at a file") from None
    if not raw:
        raise IngestError(f"input {uri!r} is empty (0 bytes)")
    return raw


def parse_table(raw: bytes, uri: str, fmt: str | None = None,
                as_text: tuple[str | None, ...] = ()) -> pl.DataFrame:
    """Parse with polars; on failure name the offending line, never a bare parser error.

    ``as_text`` columns are read as strings from CSV/TSV, so an id "007" or a text "42"
    arrives exactly as written instead of as the number type inference would make it.
    """
    fmt = detect_format(uri, fmt)
    if fmt in ("csv", "tsv", "jsonl"):
        bad = utf8_problem(raw)
        if bad:
            raise IngestError(f"cannot read {uri!r}: {bad}")
    if fmt in ("csv", "tsv"):
        sep = "\t" if fmt == "tsv" else ","
        if cr_only_line_ends(raw):
            raw = raw.replace(b"\r", b"\n")    # bare CR line ends read as LF (README: inputs)
        dup = duplicate_columns(raw, sep)
        if dup:
            raise IngestError(f"cannot read {uri!r}: duplicate column name(s) {dup} in the header")
        header = header_names(raw, sep)
        text_cols = {c: pl.String for c in as_text if c and c in header}
        df = _parse(lambda: _read_csv(raw, sep, True, text_cols), uri, fmt, lambda: csv_problem(raw, sep),
                    retry=lambda: _read_csv(raw, sep, False, text_cols))
    elif fmt == "jsonl":
        raw = raw.removeprefix(b"\xef\xbb\xbf")    # a UTF-8 BOM, as CSV readers skip it
        if raw.lstrip()[:1] == b"[":  # a JSON array of objects, not JSON Lines
            df = _parse(lambda: pl.read_json(io.BytesIO(raw), infer_schema_length=10_000), uri, "json")
        else:
            df = _read_jsonl(raw, uri, as_text)
    elif fmt == "parquet":
        df = _parse(lambda: pl.read_parquet(io.BytesIO(raw)), uri, fmt)
    else:
        df = _parse(lambda: pl.read_ipc(io.BytesIO(raw)), uri, fmt)
    if df.width == 0:
        raise IngestError(f"input {uri!r} has no columns")
    return df


def _read_csv(raw: bytes, sep: str, dates: bool, overrides: dict) -> pl.DataFrame:
    return pl.read_csv(io.BytesIO(raw), separator=sep, infer_schema_length=10_000, try_parse_dates=dates,
                       empty_string_is_null=False, schema_overrides=overrides or None)



def _read_jsonl(raw: bytes, uri: str, as_text: tuple[str | None, ...]) -> pl.DataFrame:
    """JSON Lines, with the ``as_text`` columns as written, as for CSV: numbers become
    their JSON text ("1", "2.5"; not "1.0" because another row held a float). A JSON
    object or array there is refused wherever it is, not JSON-encoded into the text (mixed
    with strings, polars encodes it; alone, it would be a struct: now both are refused)."""
    def read(overrides: dict) -> pl.DataFrame:
        return _parse(lambda: pl.read_ndjson(io.BytesIO(raw), infer_schema_length=10_000,
                                             schema_overrides=overrides or None),
                      uri, "jsonl", lambda: jsonl_problem(raw))

    df = read({})
    retype = {c: pl.String for c in as_text if c and c in df.columns and df[c].dtype != pl.String}
    if retype:
        df = read(retype)
    for c in as_text:
        if c and c in df.columns and df[c].str.strip_chars_start().str.contains(r"^[\[{]").any():
            lines = nested_value_lines(raw, c)
            if lines:
                raise IngestError(f"cannot read {uri!r}: field {c!r} holds a JSON object or array on "
                                  f"line(s) {lines[:5]}; it must be text, a number or null")
    return df


def _parse(read, uri: str, fmt: str, diagnose=None, retry=None) -> pl.DataFrame:
    try:
        return read()
    except Exception as e:  # polars raises a zoo of ComputeError/SchemaError/OSError
        where = diagnose() if diagnose else None
        if where is None and retry is not None:
            try:
                return retry()  # e.g. a column of mixed date formats: keep it as text
            except Exception:
                pass
        msg = where or (str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__)
        raise IngestError(f"cannot read {uri!r} as {fmt}: {msg}") from e


def stable_ids(df: pl.DataFrame, basis: list[str]) -> pl.Series:
    """Ids derived from row content, identical on every rebuild of the same rows.

    Identical rows are told apart by their occurrence number, so ids stay unique and a
    row keeps its id when unrelated rows are added or removed.
    """
    encoded = df.select(pl.struct([pl.col(c) for c in sorted(basis)]).struct.json_encode().alias("_j"))["_j"]
    digests = [hashlib.blake2b(s.encode(), digest_size=8).hexdigest() for s in encoded.to_list()]
    h = pl.DataFrame({"_h": digests})
    occ = h.select(pl.int_range(pl.len()).over("_h").alias("_k"))["_k"]
    return pl.Series(schema.ID, [f"r{d}" if k == 0 else f"r{d}-{k}" for d, k in zip(digests, occ.to_list())])


def vectors_from_column(df: pl.DataFrame, field_name: str) -> np.ndarray:
    """(N, d) float32 from a list/array column; ragged widths and nulls are reported
    later by validation, so here they become NaN rows padded to the widest width."""
    col = df[field_name]
    if not isinstance(col.dtype, (pl.List, pl.Array)):
        raise IngestError(
            f"embedding field {field_name!r} has type {col.dtype}; expected a list or array of numbers"
        )
    inner = col.dtype.inner
    if not inner.is_numeric():
        raise IngestError(f"embedding field {field_name!r} holds {inner}, not numbers")
    lengths = col.list.len() if isinstance(col.dtype, pl.List) else pl.Series([col.dtype.size] * len(col))
    lengths = lengths.fill_null(0).to_numpy()
    d = int(lengths.max()) if len(lengths) else 0
    if d and (lengths == d).all() and col.null_count() == 0:
        flat = col.explode() if isinstance(col.dtype, pl.List) else col.arr.explode()
        return np.asarray(flat.cast(pl.Float32).to_numpy(), dtype=np.float32).reshape(len(col), d)
    out = np.full((len(col), max(d, 1)), np.nan, dtype=np.float32)
    for i, v in enumerate(col.to_list()):
        if v is not None and len(v) == d:
            out[i] = np.asarray([np.nan if x is None else x for x in v], dtype=np.float32)
    return out


def ragged_rows(df: pl.DataFrame, field_name: str) -> np.ndarray:
    """Per-row vector width (0 for null) of a list column, to name rows of the wrong width."""
    col = df[field_name]
    if isinstance(col.dtype, pl.Array):
        return np.full(len(col), col.dtype.size)
    return col.list.len().fill_null(0).to_numpy()


def vectors_from_file(uri: str, ids: pl.Series, storage_options: dict | None = None) -> np.ndarray:
    """Separate embeddings: .npy in row order, or .parquet/.arrow with id + one list column."""
    if uri.lower().endswith(".npy"):
        arr = _load_npy(uri, storage_options)
        if arr.ndim != 2:
            raise IngestError(f"embeddings in {uri!r} have shape {arr.shape}; expected (rows, dims)")
        if arr.shape[0] != len(ids):
            raise IngestError(
                f"embeddings in {uri!r} have {arr.shape[0]} rows but the input has {len(ids)}; "
                "a .npy must be aligned row for row (or use a parquet file with an id column)"
            )
        return arr.astype(np.float32, copy=False)   # a float32 .npy is used as read, not copied
    vt = parse_table(read_raw(uri, storage_options), uri)
    if schema.ID not in vt.columns:
        raise IngestError(f"embeddings table {uri!r} needs an {schema.ID!r} column to align by")
    vec_cols = [c for c in vt.columns if isinstance(vt[c].dtype, (pl.List, pl.Array))]
    if len(vec_cols) != 1:
        raise IngestError(f"embeddings table {uri!r} must have exactly one list column, found {vec_cols}")
    vt = vt.with_columns(pl.col(schema.ID).cast(pl.String))
    order = pl.DataFrame({schema.ID: ids}).join(vt, on=schema.ID, how="left", maintain_order="left")
    missing = order.filter(pl.col(vec_cols[0]).is_null())[schema.ID].head(5).to_list()
    if missing:
        raise IngestError(f"embeddings table {uri!r} lacks vectors for ids such as {missing}")
    return vectors_from_column(order, vec_cols[0])


def _load_npy(uri: str, storage_options: dict | None) -> np.ndarray:
    """A .npy read straight into its array. Why not ``read_raw``: the file's bytes and
    then the array made two 1.5 GB copies of a 1M × 384 map (3.4 s more, measured); a
    local file is read by numpy in one call, a remote one streamed in blocks."""
    fs, path = filesystem_for(uri, storage_options)
    with storage_errors(uri):
        try:
            with fs.open(path, "rb") as f:
                if fs.size(path) == 0:
                    raise IngestError(f"input {uri!r} is empty (0 bytes)")
                try:   # fsspec's local file wraps a real one, which numpy reads without a buffer
                    return np.load(getattr(f, "f", f), allow_pickle=False)
                except (ValueError, EOFError) as e:
                    raise IngestError(f"cannot read {uri!r} as .npy: {e}") from e
        except FileNotFoundError:
            raise IngestError(f"input not found: {uri!r}") from None
        except IsADirectoryError:
            raise IngestError(f"input {uri!r} is a directory; point at a file") from None


def _free_name(base: str, taken: list[str]) -> str:
    """``base``, or ``base_2``, ``base_3``… : the first not in ``taken``."""
    name, k = base, 1
    while name in taken:
        k += 1
        name = f"{base}_{k}"
    return name


def peek_columns(uri: str, fmt: str | None = None) -> list[str] | None:
    """A local input's column names from its Parquet/Arrow schema or CSV/TSV header alone,
    without reading its rows; None whenever that is not certain (JSON, remote files, an
    unreadable or odd file): the ingest stage then reads it all and says what is wrong."""
    if "://" in uri and not uri.startswith("file://"):
        return None
    path = uri.removeprefix("file://")
    try:
        fmt = detect_format(uri, fmt)
        if fmt == "parquet":
            import pyarrow.parquet as pq

            return list(pq.read_schema(path).names)
        if fmt == "arrow":
            import pyarrow as pa

            with pa.memory_map(path) as src:
                return list(pa.ipc.open_file(src).schema.names)
        if fmt in ("csv", "tsv"):
            with open(path, "rb") as f:
                head = f.read(1 << 16)
            if cr_only_line_ends(head):
                head = head.replace(b"\r", b"\n")
            if b"\n" not in head and len(head) == 1 << 16:     # the header goes on: not certain
                return None
            head.split(b"\n", 1)[0].decode("utf-8")    # not UTF-8: the stage names the line
            return header_names(head, "\t" if fmt == "tsv" else ",") or None
    except Exception:    # noqa: BLE001 - anything odd is the ingest stage's to name
        return None
    return None


def check_fields(uri: str, fields: dict[str, str | None], fmt: str | None = None) -> None:
    """Refuse a field the input does not have, from its header alone (``peek_columns``):
    the CLI calls this before Prefect's API server starts, so a typo in ``--id-field``
    costs a second, not a server start. ``fields``: label ("text field") -> column name."""
    columns = peek_columns(uri, fmt)
    if columns is not None:
        _require_fields(uri, fields, columns)


def _require_fields(uri: str, fields: dict[str, str | None], columns: list[str]) -> None:
    for label, name in fields.items():
        if name is not None and name not in columns:
            raise IngestError(f"{label} {name!r} not found in {uri!r}; columns are: {', '.join(columns)}")


def ingest(uri: str, options: IngestOptions) -> Ingested:
    """Read, check requested fields exist, attach ``id``, split off user embeddings."""
    detect_format(uri, options.format)
    fp = source_fingerprint(uri, options.storage_options)
    raw = read_raw(uri, options.storage_options)
    fp["sha256"] = hashlib.sha256(raw).hexdigest()
    df = parse_table(raw, uri, options.format, as_text=(options.text_field, options.id_field))
    del raw
    _require_fields(uri, {"text field": options.text_field, "id field": options.id_field,
                          "embedding field": options.embedding_field}, df.columns)
    if options.text_field is None and options.embedding_field is None and options.embeddings_uri is None:
        raise IngestError("nothing to map: give --text-field, --embedding-field or --embeddings")
    if options.text_field is not None:
        tdt = df[options.text_field].dtype
        if tdt != pl.String:
            # numbers, booleans, nulls and dictionary-encoded (categorical) text read as text
            if tdt.is_numeric() or tdt in (pl.Boolean, pl.Null, pl.Categorical) or isinstance(tdt, pl.Enum):
                df = df.with_columns(pl.col(options.text_field).cast(pl.String))
            else:
                raise IngestError(
                    f"text field {options.text_field!r} has type {tdt}; expected text"
                )
    vectors = None
    if options.embedding_field is not None:
        vectors = vectors_from_column(df, options.embedding_field)
        df_meta = df.drop(options.embedding_field)
    else:
        df_meta = df
    if options.id_field is not None:
        ids = df[options.id_field]
        if ids.dtype not in (pl.String, pl.Categorical) and not ids.dtype.is_integer():
            raise IngestError(
                f"id field {options.id_field!r} has type {ids.dtype}; ids must be text or integers"
            )
        ids = ids.cast(pl.String).alias(schema.ID)
    else:
        basis = [options.text_field] if options.text_field else df_meta.columns
        ids = stable_ids(df_meta, basis)
    if schema.ID in df_meta.columns and options.id_field != schema.ID:
        # the input's own ``id`` column is kept under a name no other column has
        df_meta = df_meta.rename({schema.ID: _free_name(schema.ID_ORIGINAL, df_meta.columns)})
    elif options.id_field == schema.ID:
        df_meta = df_meta.drop(schema.ID)
    table = df_meta.insert_column(0, ids)
    if options.embeddings_uri is not None:
        vectors = vectors_from_file(options.embeddings_uri, table[schema.ID], options.storage_options)
    return Ingested(table=table, vectors=vectors, fingerprint=fp)
