"""Storage faults: a flaky or failing S3 (fault proxy in front of moto), a full disk and a
read-only folder. Either the configured retries carry the operation through, or it fails
with a named error; in no case does a partial version become visible or a tag write go
missing.

Retries are configuration, not loops of ours: botocore's "standard" retry mode with
``DATAMAP_S3_MAX_ATTEMPTS`` (resources/store.py) and Prefect's task retries on publish
(flows/build_map.py).
"""
from __future__ import annotations

import os
import posixpath
import subprocess
import time

import polars as pl
import pytest
from conftest import debian_subset
from faultproxy import FaultProxy
from test_concurrency import publish_rows

from datamap.resources import Store, open_map
from datamap.resources.errors import StoreError

FAST = {"text_field": "text", "id_field": "id", "embedding_field": "embedding",
        "topics": None, "dedupe": None, "tiles": None, "projection": {"method": "pca"}}


def _so(endpoint: str) -> dict:
    return {"endpoint_url": endpoint, "key": "testing", "secret": "testing"}


@pytest.fixture
def proxy(moto_s3):
    with FaultProxy(moto_s3["endpoint"], seed=7) as px:
        yield px


def test_tag_writes_survive_drops_and_5xx(proxy, moto_s3, debian, debian_vectors, tmp_path, monkeypatch):
    monkeypatch.setenv("DATAMAP_S3_MAX_ATTEMPTS", "10")
    uri = f"s3://{moto_s3['bucket']}/flaky-tags"
    df = debian_subset(debian, debian_vectors, 200, seed=3, with_vectors=False)
    publish_rows(Store(uri, moto_s3["storage_options"]), "t", df, tmp_path)
    proxy.set(drop=0.1, error=0.15)
    m = open_map("t", store=Store(uri, _so(proxy.endpoint)))
    ids = df["id"].to_list()[:60]
    for i in ids:
        m.tags.add("flaky", [i])
    proxy.set(drop=0, error=0)
    direct = open_map("t", store=Store(uri, moto_s3["storage_options"]))
    assert sorted(direct.tags.get_datums_in_tag("flaky")) == sorted(ids)
    faults = proxy.counts["dropped"] + proxy.counts["dropped_after_apply"] + \
        proxy.counts["http_500"] + proxy.counts["http_503"]
    assert faults >= 10, dict(proxy.counts)      # the faults really happened
    print("tag writes through faults:", dict(proxy.counts))


def _byo(debian, debian_vectors, tmp_path, seed: int, n: int = 300) -> str:
    p = tmp_path / f"byo-{seed}.parquet"
    debian_subset(debian, debian_vectors, n, seed=seed).write_parquet(p)
    return str(p)


@pytest.mark.slow
def test_build_through_flaky_s3_succeeds_then_outage_fails_cleanly(proxy, moto_s3, debian, debian_vectors,
                                                                     tmp_path, monkeypatch):
    from datamap.flows.build_map import build_map

    uri = f"s3://{moto_s3['bucket']}/flaky-build"
    direct = Store(uri, moto_s3["storage_options"])
    # 1) 5% dropped connections + 10% 500/503: the retries carry the build through
    monkeypatch.setenv("DATAMAP_S3_MAX_ATTEMPTS", "10")
    proxy.set(drop=0.05, error=0.10)
    before = proxy.counts["requests"]
    v1 = build_map(source=_byo(debian, debian_vectors, tmp_path, 51), dataset="f", store=uri,
                   options=FAST, storage_options=_so(proxy.endpoint))["version"]
    requests = proxy.counts["requests"] - before
    faults = {k: v for k, v in proxy.counts.items() if k not in ("requests", "passed")}
    assert sum(faults.values()) >= 3, dict(proxy.counts)
    m = open_map("f", store=direct)
    assert m.version == v1
    m.verify()
    print(f"flaky build: {requests} requests, faults {faults}")
    # 2) an outage that starts near the end of the next build (inside publish): the build
    # fails with a StoreError naming the store, and nothing of it is visible
    monkeypatch.setenv("DATAMAP_S3_MAX_ATTEMPTS", "2")
    proxy.set(drop=0, error=0, fail_after=max(1, requests - 8))
    src2 = _byo(debian, debian_vectors, tmp_path, 52)
    t = time.perf_counter()
    with pytest.raises(StoreError) as e:
        build_map(source=src2, dataset="f", store=uri, options=FAST, storage_options=_so(proxy.endpoint))
    assert uri in str(e.value) or "127.0.0.1" in str(e.value)
    print(f"outage: failed after {time.perf_counter() - t:.1f} s with {type(e.value).__name__}: {e.value}")
    direct.fs.invalidate_cache()
    assert direct.latest("f") == v1
    # a version is listed only if its manifest was written: then it is whole (it verifies),
    # merely not promoted when the outage hit the LATEST write; otherwise nothing is listed
    for v in direct.list_versions("f"):
        open_map("f", store=direct, version=v).verify()
    print("versions listed after the outage:", len(direct.list_versions("f")))
    open_map("f", store=direct).verify()
    # 3) the outage ends: the next build publishes
    proxy.set(fail_after=None)
    monkeypatch.setenv("DATAMAP_S3_MAX_ATTEMPTS", "5")
    v2 = build_map(source=src2, dataset="f", store=uri, options=FAST,
                   storage_options=_so(proxy.endpoint))["version"]
    direct.fs.invalidate_cache()
    assert direct.latest("f") == v2
    open_map("f", store=direct).verify()


def test_unreachable_s3_fails_fast_with_named_error(moto_s3, monkeypatch):
    """Every request cut: StorageUnreachable/StoreError within the configured retries."""
    monkeypatch.setenv("DATAMAP_S3_MAX_ATTEMPTS", "2")
    with FaultProxy(moto_s3["endpoint"], drop=1.0, seed=1) as px:
        st = Store(f"s3://{moto_s3['bucket']}/gone", _so(px.endpoint))
        before = dict(px.counts)
        t = time.perf_counter()
        with pytest.raises(StoreError):
            st.write_bytes(st.path("x"), b"1")
        secs = time.perf_counter() - t
        tried = px.counts["requests"] - before.get("requests", 0)
        dropped = px.counts["dropped"] - before.get("dropped", 0)
    # botocore's 2 attempts run inside s3fs's own retry loop (5 tries per call): measured 30
    # requests for this write, every one cut. Bounded, but not "2 attempts" (RELIABILITY.md)
    cut = dropped + px.counts["dropped_after_apply"] - before.get("dropped_after_apply", 0)
    assert tried == cut, dict(px.counts)
    assert 2 <= tried <= 30, dict(px.counts)
    assert secs < 60
    print(f"unreachable S3: StoreError after {tried} requests, {secs:.1f} s")


# ---- local disk: full and read-only ------------------------------------------------------------

def _mount(args: list[str]) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MiB tmpfs (a real ENOSPC). Needs mount rights (root in the CI container)."""
    d = tmp_path / "small"
    d.mkdir()
    if not _mount(["-t", "tmpfs", "-o", "size=3m", "tmpfs", str(d)]):
        pytest.skip("cannot mount a tmpfs here (no CAP_SYS_ADMIN)")
    try:
        yield d
    finally:
        subprocess.run(["umount", "-l", str(d)], check=False)


def _fill(d, leave: int) -> None:
    st = os.statvfs(d)
    free = st.f_bavail * st.f_frsize
    with open(d / "filler", "wb") as f:
        f.write(b"\0" * max(0, free - leave))


def test_full_disk_gives_named_error_and_keeps_what_was_there(small_disk, debian, debian_vectors, tmp_path):
    store = str(small_disk / "store")
    st = Store(store)
    df = debian_subset(debian, debian_vectors, 300, seed=9, with_vectors=False)
    v1 = publish_rows(st, "full", df.head(100), tmp_path)
    m = open_map("full", store=st)
    m.tags.add("kept", df["id"].to_list()[:5])
    _fill(small_disk, 20_000)
    p = tmp_path / "big.parquet"        # ~1 MB of real texts: more than the disk has left
    pl.concat([df] * 20).with_columns(pl.arange(0, 6000).cast(pl.Utf8).alias("id")) \
        .select("id", "text").write_parquet(p, compression="uncompressed")
    from datamap.tasks.publish import publish

    with pytest.raises(StoreError, match="no space left"):
        publish(st, "full", {"data.parquet": str(p)}, {"rows": 6000})
    with pytest.raises(StoreError, match="no space left"):
        for i in range(2000):   # tag log objects until the last bytes are gone
            m.tags.add(f"more{i % 3}", df["id"].to_list()[i % 300:i % 300 + 1])
    # nothing half-written is visible; what was there reads and verifies
    assert st.latest("full") == v1 and st.list_versions("full") == [v1]
    m2 = open_map("full", store=st)
    m2.verify()
    assert sorted(m2.tags.get_datums_in_tag("kept")) == sorted(df["id"].to_list()[:5])
    tmp_left = [f for _, _, fs in os.walk(small_disk) for f in fs if ".tmp-" in f]
    assert tmp_left == [], f"temp files left behind: {tmp_left}"


@pytest.fixture
def read_only(tmp_path):
    """Makes a folder read-only for this process: a read-only bind mount when root (root
    ignores permission bits), else chmod."""
    made: list = []

    def _ro(path):
        path = str(path)
        if os.geteuid() == 0:
            if not (_mount(["--bind", path, path]) and _mount(["-o", "remount,bind,ro", path, path])):
                subprocess.run(["umount", "-l", path], check=False)
                pytest.skip("cannot make a read-only bind mount here")
            made.append(("mount", path))
        else:
            for root, dirs, files in os.walk(path):
                for n in dirs + files:
                    os.chmod(os.path.join(root, n), 0o555)
            os.chmod(path, 0o555)
            made.append(("chmod", path))

    yield _ro
    for kind, path in made:
        if kind == "mount":
            subprocess.run(["umount", "-l", path], check=False)
        else:
            for root, dirs, files in os.walk(path):
                os.chmod(root, 0o755)


def test_read_only_store_serves_but_refuses_writes_by_name(read_only, debian, debian_vectors, tmp_path):
    store = tmp_path / "ro-store"
    st = Store(str(store))
    df = debian_subset(debian, debian_vectors, 100, seed=4, with_vectors=False)
    v1 = publish_rows(st, "ro", df, tmp_path)
    read_only(store)
    m = open_map("ro", store=st)
    m.verify()                                  # reading a read-only store works
    from datamap.tasks.publish import publish

    p = tmp_path / "again.parquet"
    df.select("id", "text").write_parquet(p)
    with pytest.raises(StoreError, match="read-only|permission"):
        publish(st, "ro", {"data.parquet": str(p)}, {"rows": 100})
    with pytest.raises(StoreError, match="read-only|permission"):
        m.tags.add("x", df["id"].to_list()[:2])
    assert st.latest("ro") == v1 and st.list_versions("ro") == [v1]
    open_map("ro", store=st).verify()
    assert not posixpath.exists(posixpath.join(str(store), "ro", "tags"))
