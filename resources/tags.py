"""``m.tags``: named selections of datums that belong to the dataset, not to one version.

Storage: an append-only log of small immutable JSON objects under
``<store>/<dataset>/tags/`` — one object per write, named ``<UTC time>-<uuid>.json``,
never rewritten. A write is a single PUT of a new name (S3) or an atomic rename (local
disk), so two writers at the same moment both land, and nobody does a
read-modify-write that could drop the other's update. Readers replay the log in name
(= time) order: ``add`` unions ids into a tag, ``remove`` takes them out, ``delete``
drops the tag. Objects already read are cached in the resource (they never change).

Tags are keyed by datum id, so they carry over to every later version; a tagged id
that a later version no longer has stays in the log but is not returned.

The ``duplicates`` tag is derived, not logged: when the version was built with the
dedupe option ``tag_duplicates`` (the default) it holds that version's deletion
candidates, so it always follows the version and never touches user tags.
"""
from __future__ import annotations

import datetime as _dt
import json
import posixpath
import uuid
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from datamap.resources import schema
from datamap.resources.data import UnknownIds
from datamap.resources.errors import DatamapError, ReservedTag, UnknownTag
from datamap.resources.store import storage_errors

if TYPE_CHECKING:
    from datamap.resources.reader import DataMap

_NS = uuid.UUID("6f0d1c52-7d0e-4a4e-9a53-3f6a2c1e9b10")
OPS = ("add", "remove", "delete")


def tag_id(name: str) -> str:
    """Stable id of a tag name: the same for every writer, with no coordination."""
    return str(uuid.uuid5(_NS, name))


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _tag_frame_class():
    """A pandas DataFrame that can also be called: ``tags.df`` and ``tags.df(overwrite=…)``
    both work (pandas is imported only when a frame is asked for)."""
    import pandas as pd

    class TagFrame(pd.DataFrame):
        _metadata = ["_tags"]

        @property
        def _constructor(self):     # frames derived from this one are plain DataFrames
            return pd.DataFrame

        def __call__(self, overwrite: bool = False):
            return self._tags._frame(overwrite=overwrite)

    return TagFrame


class _TagFrame:
    _cls = None

    @classmethod
    def make(cls, frame, tags: "TagsResource"):
        if cls._cls is None:
            cls._cls = _tag_frame_class()
        out = cls._cls(frame)
        out._tags = tags
        return out


class TagsResource:
    def __init__(self, m: "DataMap"):
        self._m = m
        self._events: dict[str, dict] = {}

    def __repr__(self) -> str:
        return f"<tags of {self._m.dataset}: {', '.join(self._names()) or '(none)'}>"

    # ---- the log ---------------------------------------------------------------------------------
    @property
    def log_dir(self) -> str:
        return self._m.dataset_path(schema.TAGS_DIR)

    def _refresh(self) -> list[dict]:
        """Every event in the log, oldest first (new objects fetched, old ones cached)."""
        st = self._m.store
        with storage_errors(st.uri):
            try:
                st.fs.invalidate_cache(self.log_dir)   # s3fs caches listings; others must show
            except Exception:  # noqa: BLE001 - filesystems without a listing cache
                pass
        names = [n for n in st.listdir(self.log_dir) if n.endswith(".json") and not n.startswith(".")]
        new = [n for n in names if n not in self._events]
        if new:
            paths = [posixpath.join(self.log_dir, n) for n in new]
            with storage_errors(st.uri):
                got = st.fs.cat(paths, on_error="raise") if len(paths) > 1 else {paths[0]: st.read_bytes(paths[0])}
            by_base = {posixpath.basename(k.rstrip("/")): v for k, v in got.items()}
            for n in new:
                self._events[n] = json.loads(by_base[n])
        return [self._events[n] for n in sorted(names)]

    def _state(self) -> dict[str, dict[str, Any]]:
        """tag name → {ids (set), created_at, updated_at}, replayed from the log."""
        tags: dict[str, dict[str, Any]] = {}
        for ev in self._refresh():
            name, op, at = ev["tag"], ev["op"], ev["at"]
            if op == "delete":
                tags.pop(name, None)
                continue
            t = tags.get(name)
            if t is None:
                if op != "add":
                    continue
                t = tags[name] = {"ids": set(), "created_at": at, "updated_at": at}
            if op == "add":
                t["ids"].update(ev["ids"])
            elif op == "remove":
                t["ids"].difference_update(ev["ids"])
            t["updated_at"] = at
        return tags

    def _append(self, op: str, name: str, ids: list[str]) -> None:
        at = _now()
        obj = {"v": 1, "op": op, "tag": name, "tag_id": tag_id(name), "ids": ids, "at": at,
               "version": self._m.version}
        fname = f"{at.replace(':', '')}-{uuid.uuid4().hex}.json"
        self._m.store.write_bytes(posixpath.join(self.log_dir, fname), json.dumps(obj).encode())

    # ---- the derived duplicates tag -----------------------------------------------------------
    def _derived(self) -> dict[str, dict[str, Any]]:
        m = self._m
        info = m.manifest.get("dedupe") or {}
        if not (info.get("tag_duplicates") and m.has(schema.DUPLICATES)):
            return {}
        at = m.manifest.get("created_at")
        return {schema.DUPLICATES_TAG: {"ids": None, "created_at": at, "updated_at": at, "derived": True}}

    def _derived_ids(self) -> list[str]:
        return self._m.duplicates.deletion_candidates()

    # ---- reading -------------------------------------------------------------------------------
    def _names(self) -> list[str]:
        return sorted({**self._state(), **self._derived()})

    def _ids_col(self) -> pa.ChunkedArray:
        return self._m.data.tb.column(schema.ID)

    def _mask(self, ids: Iterable[str]) -> pa.Array:
        return pc.is_in(self._ids_col(), value_set=pa.array(list(ids), type=pa.string()))

    def _lookup(self, name: str, state: dict | None = None) -> dict:
        state = self._state() if state is None else state
        derived = self._derived()
        if name in derived:
            return derived[name]
        if name not in state:
            known = sorted({**state, **derived})
            raise UnknownTag(f"no tag named {name!r} in dataset {self._m.dataset!r}. "
                             f"Tags: {', '.join(known) if known else '(none yet: create one with tags.add)'}")
        return state[name]

    def get_tags(self) -> list[dict]:
        """One dict per tag: tag_name, tag_id, count (ids present in this version),
        created_at, updated_at, derived (True for the ``duplicates`` tag)."""
        state = self._state()
        out = []
        for name in sorted({**state, **self._derived()}):
            t = self._lookup(name, state)
            count = len(self._derived_ids()) if t.get("derived") else \
                int(pc.sum(self._mask(t["ids"])).as_py() or 0)
            out.append({"tag_name": name, "tag_id": tag_id(name), "count": count,
                        "created_at": t["created_at"], "updated_at": t["updated_at"],
                        "derived": bool(t.get("derived"))})
        return out

    def reload(self) -> None:
        """Forget every log object read so far; the next read fetches all of them again
        from storage (``overwrite=True`` in the Atlas-style calls)."""
        self._events.clear()

    def get_datums_in_tag(self, name: str, overwrite: bool = False) -> list[str]:
        """Ids in the tag that this version has, in map order. ``overwrite=True`` re-reads
        the whole tag log from storage instead of reusing the objects already read."""
        if overwrite:
            self.reload()
        t = self._lookup(name)
        if t.get("derived"):
            return self._derived_ids()
        col = self._ids_col()
        return col.filter(self._mask(t["ids"])).to_pylist()

    @property
    def df(self):
        """pandas DataFrame: id plus one bool column per tag (Atlas ``m.tags.df``). Also
        callable as Atlas documents it, ``m.tags.df(overwrite=True)``: a frame re-read from
        storage."""
        return _TagFrame.make(self._frame(), self)

    def _frame(self, overwrite: bool = False):
        if overwrite:
            self.reload()
        state = self._state()
        cols: dict[str, Any] = {schema.ID: self._ids_col()}
        for name in sorted({**state, **self._derived()}):
            t = self._lookup(name, state)
            ids = self._derived_ids() if t.get("derived") else t["ids"]
            cols[name] = self._mask(ids)
        return pa.table(cols).to_pandas()

    # ---- writing -------------------------------------------------------------------------------
    def _check_writable(self, name: str) -> str:
        schema.check_name(name, "tag")
        if name == schema.DUPLICATES_TAG:
            raise ReservedTag(
                f"the tag {name!r} is derived from each version's duplicate detection and cannot be "
                "edited; copy it under another name (tags.add('my-dups', tags.get_datums_in_tag("
                f"{name!r}))) or change the cutoff with m.duplicates.rethreshold")
        return name

    def _known_ids(self, ids, strict: bool, what: str) -> tuple[list[str], int]:
        if isinstance(ids, (str, bytes)):
            raise DatamapError(f"{what} takes a list of ids, not a single string: use [{ids!r}]")
        ids = list(dict.fromkeys(self._m.data.coerce_ids(ids)))
        pos = self._m.data.position
        missing = [i for i in ids if i not in pos]
        if missing and strict:
            raise UnknownIds(
                f"{len(missing)} id(s) not in {self._m.dataset}@{self._m.version}: {missing[:10]}"
                f"{' …' if len(missing) > 10 else ''}. Pass strict=False (CLI: --no-strict) to skip them.")
        if missing:
            warnings.warn(f"skipped {len(missing)} id(s) not in {self._m.dataset}@{self._m.version}",
                          stacklevel=3)
        return [i for i in ids if i in pos], len(missing)

    def add(self, name: str, ids, strict: bool = True) -> dict:
        """Add ``ids`` to tag ``name`` (created if new). Returns {tag, added, skipped}."""
        self._check_writable(name)
        good, skipped = self._known_ids(ids, strict, "add")
        if good:
            self._append("add", name, good)
        return {"tag": name, "added": len(good), "skipped": skipped}

    def remove(self, name: str, ids, strict: bool = True) -> dict:
        """Take ``ids`` out of tag ``name``. Returns {tag, removed, skipped}."""
        self._check_writable(name)
        self._lookup(name)
        good, skipped = self._known_ids(ids, strict, "remove")
        if good:
            self._append("remove", name, good)
        return {"tag": name, "removed": len(good), "skipped": skipped}

    def delete(self, name: str) -> None:
        """Drop tag ``name`` for the whole dataset (its history stays in the log)."""
        self._check_writable(name)
        self._lookup(name)
        self._append("delete", name, [])

    # ---- find more like this tag (resources/tag_suggest.py) ------------------------------------
    def suggest(self, name: str, k: int = 100, seed: int = 0, **fit_options):
        """pandas DataFrame (id, score, row) of the ``k`` untagged points a linear classifier,
        trained on this tag's vectors against sampled untagged ones, finds most likely to
        belong; best first. Accept them with ``accept(name, df.id)``. Needs scikit-learn."""
        from datamap.resources.tag_suggest import suggest

        return suggest(self._m, self.get_datums_in_tag(name), k=k, seed=seed, **fit_options)

    def accept(self, name: str, ids, strict: bool = True) -> dict:
        """Add suggested ``ids`` to tag ``name`` (the same log write as ``add``)."""
        return self.add(name, list(ids), strict=strict)
