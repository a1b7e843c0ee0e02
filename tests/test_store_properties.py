"""Property test: random sequences of publish / crash / tag / gc against the store's invariants.

A hypothesis ``RuleBasedStateMachine`` at the store level (the real publisher, store and
reader; no Prefect), so hundreds of steps run in seconds. A "crash" raises out of a
failpoint in the middle of a publish (after some artifact, before the manifest, during
the manifest write, before or after LATEST) and the machine carries on from whatever was
left on disk, as a restarted process would. (Real SIGKILLs at the same points are in
tests/test_crash.py; an exception also runs ``finally`` blocks, a kill does not.)

Invariants after every step:
- the versions a reader lists are exactly the publishes whose manifest was written, and
  each one verifies and holds exactly the rows published under it;
- LATEST names the most recent publish that got past its LATEST update (or is absent);
- every tag equals a model replayed from the writes that returned;
- after gc no folder without a manifest is left, and no complete version is touched.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile

import polars as pl
import pytest
from conftest import CORPUS
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import datamap.resources.store as store_mod
import datamap.tasks.publish as publish_mod
from datamap.resources import Store, open_map
from datamap.resources.errors import UnknownTag

DATASET = "p"
POINTS = ["publish.artifact", "publish.before_manifest", "store.write", "publish.before_latest",
          "publish.after_latest"]


class Crash(BaseException):
    """Stands for the process dying at a failpoint (not an Exception: nothing catches it)."""


_ROWS: pl.DataFrame | None = None


def rows() -> pl.DataFrame:
    global _ROWS
    if _ROWS is None:
        _ROWS = pl.read_parquet(CORPUS, columns=["id", "text", "section"]).head(400)
    return _ROWS


@contextlib.contextmanager
def crash_at(point: str | None, nth: int = 1):
    """Patch the failpoints seen by the publisher and the store to raise Crash at ``point``."""
    hits = {"n": 0}

    def fp(name: str) -> None:
        if name == point:
            hits["n"] += 1
            if hits["n"] >= nth:
                raise Crash(name)

    old_pub, old_store = publish_mod.failpoint, store_mod._failpoint
    publish_mod.failpoint, store_mod._failpoint = fp, fp
    try:
        yield hits
    finally:
        publish_mod.failpoint, store_mod._failpoint = old_pub, old_store


class StoreMachine(RuleBasedStateMachine):
    @initialize()
    def setup(self):
        self.dir = tempfile.mkdtemp(prefix="datamap-props-")
        self.store = Store(os.path.join(self.dir, "store"))
        self.complete: dict[str, list[str]] = {}      # version → ids published
        self.latest: str | None = None
        self.tags: dict[str, set[str]] = {}
        self.n = 0

    def teardown(self):
        shutil.rmtree(getattr(self, "dir", ""), ignore_errors=True)

    def _publish(self, start: int, count: int, point: str | None, nth: int) -> None:
        df = pl.concat([rows().head(30), rows().slice(30 + start, count)])   # tag ids in every version
        self.n += 1
        src = os.path.join(self.dir, f"in-{self.n}")
        os.makedirs(src)
        df.write_parquet(os.path.join(src, "data.parquet"))
        with open(os.path.join(src, "notes.txt"), "w") as f:
            f.write("\n".join(df["section"].to_list()))
        files = {"data.parquet": os.path.join(src, "data.parquet"), "notes.txt": os.path.join(src, "notes.txt")}
        before = set(self.store.list_versions(DATASET))
        try:
            with crash_at(point, nth):
                v = publish_mod.publish(self.store, DATASET, files, {"rows": df.height})
        except Crash as c:
            new = set(self.store.list_versions(DATASET)) - before
            manifest_written = c.args[0] in ("publish.before_latest", "publish.after_latest") or \
                (c.args[0] == "store.write" and nth == 2)     # 1st write: manifest, 2nd: LATEST
            if manifest_written:
                assert len(new) == 1      # manifest written: a complete version
                v = new.pop()
                self.complete[v] = df["id"].to_list()
                if c.args[0] == "publish.after_latest":
                    self.latest = v
            else:
                assert not new, f"crash at {c.args[0]} left a complete version {new}"
            return
        self.complete[v] = df["id"].to_list()
        self.latest = v

    @rule(start=st.integers(0, 100), count=st.integers(30, 120))
    def publish(self, start, count):
        self._publish(start, count, None, 1)

    @rule(start=st.integers(0, 100), count=st.integers(30, 120), point=st.sampled_from(POINTS),
          nth=st.integers(1, 2))
    def publish_and_crash(self, start, count, point, nth):
        self._publish(start, count, point, nth)

    # tags: ids among the first 30 rows are in every version
    @precondition(lambda self: self.latest is not None)
    @rule(tag=st.sampled_from(["a", "b", "c"]), ids=st.lists(st.integers(0, 29), min_size=1, max_size=5),
          op=st.sampled_from(["add", "add", "remove", "delete"]))
    def tag(self, tag, ids, op):
        m = open_map(DATASET, store=self.store)
        names = [rows()["id"][i] for i in ids]
        if op == "add":
            m.tags.add(tag, names)
            self.tags.setdefault(tag, set()).update(names)
        elif tag not in self.tags:
            with pytest.raises(UnknownTag):
                getattr(m.tags, op)(tag, names) if op == "remove" else m.tags.delete(tag)
        elif op == "remove":
            m.tags.remove(tag, names)
            self.tags[tag].difference_update(names)
        else:
            m.tags.delete(tag)
            del self.tags[tag]

    @rule()
    def gc(self):
        publish_mod.collect_garbage(self.store, DATASET, min_age_s=0)
        vroot = os.path.join(self.store.dataset_dir(DATASET), "versions")
        left = set(os.listdir(vroot)) if os.path.isdir(vroot) else set()
        assert left == set(self.complete), f"gc left {left - set(self.complete)}"

    @invariant()
    def versions_are_exactly_the_committed_ones(self):
        if not hasattr(self, "store"):
            return
        assert set(self.store.list_versions(DATASET)) == set(self.complete)
        for v, ids in self.complete.items():
            m = open_map(DATASET, store=self.store, version=v)
            m.verify()
            assert list(m.data.ids) == ids

    @invariant()
    def latest_is_the_last_committed_pointer(self):
        if not hasattr(self, "store"):
            return
        assert self.store.latest(DATASET) == self.latest
        if self.latest is not None:
            open_map(DATASET, store=self.store).verify()

    @invariant()
    def tags_match_the_model(self):
        if not hasattr(self, "store") or self.latest is None:
            return
        m = open_map(DATASET, store=self.store)
        got = {t["tag_name"]: set(m.tags.get_datums_in_tag(t["tag_name"])) for t in m.tags.get_tags()
               if not t["derived"]}
        assert got == {k: v for k, v in self.tags.items()}


StoreMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=12, deadline=None,
                                          suppress_health_check=[HealthCheck.too_slow])
TestStoreProperties = StoreMachine.TestCase
