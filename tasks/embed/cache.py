"""The store's embedding cache: vectors by (model, hash of text), as parquet parts.

A build writes a part whenever ``FLUSH_SECONDS`` of embedding or ``FLUSH_ROWS`` vectors
are waiting (``embed_texts``), so a crash mid-embed loses at most that much work, and at
its end folds the small parts (its last one, any an earlier run left) into one. Why: one
part per 512-text chunk, as before, left 1,374 parts for the whole PyPI corpus (785k
texts), and every later build opened each one and matched its keys in a Python loop
before embedding anything (on S3: a request per part). Lookups read the key column of
every part, match all of them against the wanted keys in one Arrow hash join, and read
vectors only from parts that hold a hit. Measured (``bench/embed_cache.py``, all PyPI
texts, a stand-in model, idle): a rebuild's embed step 12.9 → 6.4 s, a refresh with 2 %
new texts 12.8 → 6.8 s, parts 1,374 → 3; the first build 13.1 → 16.1 s (its parts are
written whole, 270 MB each) and peak RSS 3.51 → 3.86 GB.

Nothing here is ever wrong, only slower: a key in several parts is taken from the first,
and a part another build removes while this one reads is a miss (its texts are embedded
again), never an error.
"""
from __future__ import annotations

import hashlib
import posixpath
import uuid
import warnings

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from datamap.resources import schema
from datamap.resources.store import Store

KEY_BYTES = 16
FLUSH_SECONDS = 30.0      # embedding work a crash may lose (the slow modes: ~6k texts)
FLUSH_ROWS = 262_144      # vectors per part at most (the fast mode: ~15 s of work, 270 MB)
MERGE_BELOW = 4_096       # parts with fewer rows are folded together at a build's end


def text_keys(texts: list[str]) -> list[bytes]:
    """Each text's cache key: its content's hash, so a row keeps its vector under any id."""
    return [hashlib.blake2b(t.encode("utf-8", "surrogatepass"), digest_size=KEY_BYTES).digest() for t in texts]


def model_slug(model_id: str) -> str:
    return hashlib.sha256(model_id.encode()).hexdigest()[:24]


class EmbeddingCache:
    """Append-only parquet parts of (key, vector) per model in the store."""

    def __init__(self, store: Store, model_id: str):
        self.store = store
        self.model_id = model_id
        self.dir = store.path(schema.EMBED_CACHE_DIR, model_slug(model_id))
        self.sizes: dict[str, int] = {}   # part → rows, as the last fetch/has read them

    def parts(self) -> list[str]:
        """Part file names, sorted (a key held twice has the same vector in both)."""
        return [n for n in self.store.listdir(self.dir) if n.endswith(".parquet")]

    def fetch(self, keys: list[bytes]) -> tuple[np.ndarray, np.ndarray | None]:
        """``(found, vectors)`` for distinct ``keys``: a bool per key, and the vectors of
        the found ones in key order (None when none is found)."""
        want = pa.array(keys, type=pa.binary(KEY_BYTES))
        found = np.zeros(len(keys), bool)
        if not len(keys):
            return found, None
        listing, part, rows, pos = self._match(want)
        out: np.ndarray | None = None
        order = np.argsort(part, kind="stable")
        bounds = np.searchsorted(part[order], np.arange(len(listing) + 1))
        for p in np.nonzero(np.diff(bounds))[0]:
            sel = order[bounds[p]:bounds[p + 1]]
            vec = self._read_vectors(listing[p], rows[sel])
            if vec is None:
                continue
            if out is None:
                out = np.empty((len(keys), vec.shape[1]), np.float32)
            out[pos[sel]] = vec
            found[pos[sel]] = True
        return found, (None if out is None else out[found])

    def has(self, keys: list[bytes]) -> np.ndarray:
        """Which of the distinct ``keys`` the cache holds (reads keys only)."""
        found = np.zeros(len(keys), bool)
        if len(keys):
            pos = self._match(pa.array(keys, type=pa.binary(KEY_BYTES)))[3]
            found[pos] = True
        return found

    def _match(self, want: pa.Array) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        """The part listing, and for every wanted key some part holds: (that part's number
        in the listing, its row there, its position in ``want``); the first part holding
        a key wins. Fills ``sizes``, which ``fold_small`` reads to find the small parts."""
        listing = self.parts()
        self.sizes = {}
        key_cols, part_of, read = [], [], []
        for i, name in enumerate(listing):
            col = self._read_keys(name)
            if col is None:
                continue
            self.sizes[name] = len(col)
            key_cols.append(col)
            part_of.append(np.full(len(col), i, np.int32))
            read.append(i)
        if not key_cols:
            return listing, np.zeros(0, np.int32), np.zeros(0, np.int64), np.zeros(0, np.int64)
        at = pc.index_in(pa.chunked_array(key_cols, type=pa.binary(KEY_BYTES)), value_set=want)
        at = pc.fill_null(at, -1).to_numpy()
        held = np.nonzero(at >= 0)[0]
        pos, first = np.unique(at[held], return_index=True)
        cached_row = held[first]
        part = np.concatenate(part_of)[cached_row]
        first_row = np.zeros(len(listing), np.int64)   # each part's first row in the joined keys
        first_row[read] = np.concatenate([[0], np.cumsum([len(c) for c in key_cols])[:-1]])
        return listing, part, cached_row - first_row[part], pos.astype(np.int64)

    def _read(self, name: str, columns: list[str]) -> pa.Table | None:
        """Columns of one part; None when it is gone (another build's merge removed it
        since the listing) or unreadable (with a warning: the cache is only a cache)."""
        try:
            with self.store.open(posixpath.join(self.dir, name)) as f:
                return pq.read_table(f, columns=columns)
        except FileNotFoundError:
            return None
        except (pa.ArrowInvalid, OSError) as e:
            warnings.warn(f"embedding cache part {name} is unreadable and is skipped: {e}", stacklevel=4)
            return None

    def _read_keys(self, name: str) -> pa.Array | None:
        t = self._read(name, ["key"])
        return None if t is None else t.column("key").combine_chunks()

    def _read_vectors(self, name: str, rows: np.ndarray) -> np.ndarray | None:
        t = self._read(name, ["vector"])
        return None if t is None else _decode_vectors(t.column("vector").combine_chunks())[rows]

    def put(self, keys: list[bytes], vectors: np.ndarray) -> str | None:
        """Write one part; its name (None when there was nothing to write).

        Vectors are stored as raw float32 bytes, uncompressed: as a parquet list of
        floats every value carries its own nesting levels, and 703k fast-mode vectors took
        6.6 s to write and 3.7 s to read that way (zstd), 0.5 s and 0.1 s this way, for
        10 % more bytes (float noise hardly compresses)."""
        if not len(keys):
            return None
        v = np.ascontiguousarray(vectors, dtype="<f4")
        t = pa.table({
            "key": pa.array(keys, type=pa.binary(KEY_BYTES)),
            "vector": pa.FixedSizeBinaryArray.from_buffers(pa.binary(4 * v.shape[1]), len(v),
                                                           [None, pa.py_buffer(v)]),
        })
        name = f"part-{uuid.uuid4().hex}.parquet"
        self.store.write_parquet(posixpath.join(self.dir, name), t, compression="none", use_dictionary=False)
        self.sizes[name] = len(keys)
        return name

    def fold_small(self) -> None:
        """Replace the small parts (under ``MERGE_BELOW`` rows: the last lookup saw them,
        or this run wrote them) with parts of up to ``FLUSH_ROWS`` rows, when there are two
        or more: a cache the older one-part-per-chunk code left is folded on the next build.
        Each new part is complete before the parts it replaces are removed, so a crash
        between leaves duplicates, never a loss."""
        small = [n for n, r in self.sizes.items() if r < MERGE_BELOW]
        if len(small) < 2:
            return
        batch: list[tuple[str, list[bytes], np.ndarray]] = []
        for i, name in enumerate(small):
            t = self._read(name, ["key", "vector"])
            if t is not None:
                vectors = _decode_vectors(t.column("vector").combine_chunks())
                batch.append((name, t.column("key").to_pylist(), vectors))
            if batch and (i == len(small) - 1 or sum(len(k) for _, k, _ in batch) >= FLUSH_ROWS):
                self._replace(batch)
                batch = []

    def _replace(self, batch: list[tuple[str, list[bytes], np.ndarray]]) -> None:
        """One part for the parts in ``batch`` (name, keys, vectors), then remove those."""
        if len(batch) < 2:
            return
        self.put([k for _, keys, _ in batch for k in keys], np.concatenate([v for _, _, v in batch]))
        self.store.remove([posixpath.join(self.dir, name) for name, _, _ in batch])
        for name, _, _ in batch:
            self.sizes.pop(name, None)


def _decode_vectors(col: pa.Array) -> np.ndarray:
    """A part's vector column as a float32 matrix (a view where the layout allows)."""
    if pa.types.is_fixed_size_binary(col.type):   # float32 little-endian bytes
        width = col.type.byte_width
        raw = np.frombuffer(col.buffers()[1], np.uint8)[col.offset * width:(col.offset + len(col)) * width]
        flat = raw.view("<f4").reshape(len(col), width // 4)
    else:   # parts written before 2026-12-02: a fixed-size list of float32
        flat = col.values.to_numpy(zero_copy_only=False).reshape(len(col), col.type.list_size)
    return np.asarray(flat, dtype=np.float32)
