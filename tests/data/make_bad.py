"""Write the bad-input corpus in tests/data/bad/ (deterministic; rerun to regenerate).

Each file is one way real inputs break. tests/test_bad_inputs.py says, for each, the
error a user must get (or the documented clean handling).
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

OUT = Path(__file__).with_name("bad")


def vec_table(ids, vectors, text=None) -> pa.Table:
    cols = {"id": pa.array(ids), "text": pa.array(text or [f"row {i}" for i in ids])}
    cols["embedding"] = pa.array(vectors, type=pa.list_(pa.float32()))
    return pa.table(cols)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    w = lambda name, data: (OUT / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    rng = np.random.default_rng(0)
    good = lambda n=4, d=8: rng.normal(size=(n, d)).astype(np.float32).tolist()

    w("ragged.csv", "id,text\na,hello\nb,world,extra\nc,ok\n")
    w("bad_quoting.csv", 'id,text\na,"an unclosed quote\nb,world\n')
    w("latin1.csv", "id,text\na,caf\xe9 au lait\nb,cr\xe8me\n".encode("latin-1"))
    w("mixed_encoding.csv", "id,text\na,café\n".encode() + "b,cr\xe8me\n".encode("latin-1"))
    w("bom.csv", b"\xef\xbb\xbfid,text\na,hello\nb,world\n")
    w("nul_bytes.csv", b"id,text\na,hel\x00lo\nb,world\n")
    w("empty.csv", b"")
    w("header_only.csv", "id,text\n")
    w("duplicate_columns.csv", "id,text,text\na,hello,again\n")
    w("float_ids.csv", "id,text\n1.5,hello\n2.5,world\n")
    w("unicode_ids.csv", "id,text\nпакет-α,hello\n包-β,world\n🙂,smile\n")
    w("long_ids.csv", f"id,text\n{'x' * 5000},hello\nb,world\n")
    w("slash_ids.csv", "id,text\na/b,hello\n../c,world\n/etc/passwd,third\n")
    w("broken_line.jsonl", '{"id": "a", "text": "x"}\n{"id": "b", "text": \n{"id": "c", "text": "z"}\n')
    w("empty.jsonl", b"")
    w("json_array.json", '[{"id": "a", "text": "hello"}, {"id": "b", "text": "world"}]')
    w("garbage.csv", bytes(rng.integers(0, 256, size=2048, dtype=np.uint8)))
    w("spreadsheet.xlsx", b"PK\x03\x04 not really a spreadsheet")
    w("whitespace_text.csv", 'id,text\na,hello\nb,"   "\nc,"\t\n"\n')
    w("numeric_text.csv", "id,text\na,3.14\nb,42\n")
    w("mixed_timestamps.csv", "id,text,seen\na,hello,2024-01-02\nb,world,02/03/2024 10:00\nc,x,yesterday\n")
    w("empty_ids.csv", 'id,text\na,hello\n"",world\n')
    w("no_text_column.csv", "id,body\na,hello\n")
    w("duplicate_ids.csv", "id,text\na,hello\nb,world\na,again\n")
    w("crlf.csv", b"id,text\r\na,hello\r\nb,world\r\n")

    t = vec_table(["a", "b", "c", "d"], good())
    buf = io.BytesIO(); pq.write_table(t, buf); raw = buf.getvalue()
    w("truncated.parquet", raw[: len(raw) // 2])
    sink = io.BytesIO()
    with pa.ipc.new_file(sink, t.schema) as f:
        f.write_table(t)
    w("truncated.arrow", sink.getvalue()[:200])
    nested = pa.table({"id": ["a", "b"], "text": ["hello", "world"],
                       "meta": pa.array([{"k": 1, "tags": ["x"]}, {"k": 2, "tags": []}]),
                       "scores": pa.array([[1.0, 2.0], []])})
    pq.write_table(nested, OUT / "nested_columns.parquet")
    v = good(); v[2] = v[2][:5]
    pq.write_table(vec_table(["a", "b", "c", "d"], v), OUT / "wrong_width.parquet")
    v = good(); v[1][0] = float("nan"); v[3][2] = float("inf")
    pq.write_table(vec_table(["a", "b", "c", "d"], v), OUT / "nan_inf_vectors.parquet")
    v = good(); v[0] = [0.0] * 8
    pq.write_table(vec_table(["a", "b", "c", "d"], v), OUT / "zero_vector.parquet")
    pq.write_table(pa.table({"id": ["a", "b"], "text": ["x", "y"], "embedding": [["0.1", "0.2"], ["0.3", "0.4"]]}),
                   OUT / "string_vectors.parquet")
    ft = vec_table(["a", "b"], good(2)).set_column(0, "id", pa.array([1.5, 2.5]))
    pq.write_table(ft, OUT / "float_ids.parquet")
    pq.write_table(pa.table({"id": ["a", "b"], "text": [["a", "list"], ["not", "text"]]}), OUT / "list_text.parquet")
    pq.write_table(pa.table({"id": ["a", "b"], "text": ["x", "y"],
                             "embedding": pa.array([None, None], type=pa.list_(pa.float32()))}),
                   OUT / "null_vectors.parquet")
    hardening(w)


def hardening(w) -> None:
    """Issue 19: inputs a careless user brings (each was a traceback or uneven handling)."""
    w("cr_only.csv", b"id,text\ra,hello\rb,world\r")                  # classic Mac line ends
    w("id_and_id_original.csv", "key,id,id_original,text\nk1,a,b,hello\nk2,c,d,world\n")
    w("bom.jsonl", b'\xef\xbb\xbf{"id": "a", "text": "hello"}\n{"id": "b", "text": "world"}\n')
    w("mixed_object_text.jsonl", '{"id": "a", "text": "hello"}\n{"id": "b", "text": {"k": 1}}\n')
    w("object_text.jsonl", '{"id": "a", "text": {"k": 1}}\n{"id": "b", "text": {"k": 2}}\n')
    w("int_float_text.jsonl", '{"id": "a", "text": 1}\n{"id": "b", "text": 2.5}\n')
    cat = pa.table({"id": ["a", "b", "c"], "text": pa.array(["hello", "world", "hello"]).dictionary_encode()})
    pq.write_table(cat, OUT / "categorical_text.parquet")


if __name__ == "__main__":
    main()
