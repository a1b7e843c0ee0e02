"""A local store's publish links the work area's files into the version instead of
copying them; nothing written into the area afterwards may reach the version."""
from __future__ import annotations

import os

import numpy as np

from datamap.flows.runtime.stagekit import cached_stage
from datamap.flows.runtime.workarea import unshare
from datamap.resources.store import Store
from datamap.tasks.publish import publish, sha256_file, sha256_files


def _area(store_dir) -> str:
    """A work area where a local store keeps one: inside the store."""
    d = os.path.join(store_dir, "d", "_work", "k")
    os.makedirs(os.path.join(d, "tiles"), exist_ok=True)
    return d


@cached_stage("write-values")
def _write_values(key: str, work_dir: str, value: int) -> dict:
    """A stage that writes its output in place, as the real stages' np.save does."""
    with open(os.path.join(work_dir, "values.npy"), "r+b" if os.path.exists(
            os.path.join(work_dir, "values.npy")) else "wb") as f:
        np.save(f, np.full(1000, value, np.int64))
    return {"seconds": 0.0}


def _verify(st: Store, version: str, manifest: dict) -> None:
    for name, entry in manifest.items():
        path = os.path.join(st.version_dir("d", version), name)
        assert os.path.getsize(path) == entry["bytes"], name
        assert sha256_file(path) == entry["sha256"], f"{name} changed after its version was published"


def test_publish_links_on_a_local_store_and_a_stage_run_again_leaves_the_version_alone(tmp_path):
    store_dir = str(tmp_path / "store")
    st = Store(store_dir)
    area = _area(store_dir)
    _write_values.fn(key="a", work_dir=area, value=1)
    with open(os.path.join(area, "tiles", "0.bin"), "wb") as f:
        f.write(os.urandom(5000))
    files = {"values.npy": os.path.join(area, "values.npy"), "tiles": os.path.join(area, "tiles")}
    v1 = publish(st, "d", files, {"rows": 1000})
    man = st.read_manifest("d", v1)["artifacts"]
    assert set(man) == {"values.npy", "tiles/0.bin"}
    linked = os.path.join(st.version_dir("d", v1), "values.npy")
    assert os.stat(linked).st_ino == os.stat(files["values.npy"]).st_ino    # no bytes copied
    _verify(st, v1, man)
    # the build is resumed in the same area and the stage runs again, writing in place
    _write_values.fn(key="a", work_dir=area, value=2)
    assert np.load(files["values.npy"])[0] == 2
    assert np.load(linked)[0] == 1
    _verify(st, v1, man)
    assert os.stat(linked).st_nlink == 1 and os.stat(files["values.npy"]).st_nlink == 1


def test_unshare_gives_back_only_the_shared_files(tmp_path):
    area = _area(str(tmp_path))
    for name in ("a.bin", "b.bin", "tiles/c.bin"):
        with open(os.path.join(area, name), "wb") as f:
            f.write(name.encode() * 100)
    os.link(os.path.join(area, "tiles", "c.bin"), str(tmp_path / "published-c.bin"))
    ino_a = os.stat(os.path.join(area, "a.bin")).st_ino
    assert unshare(area) == [os.path.join("tiles", "c.bin")]
    assert os.stat(os.path.join(area, "a.bin")).st_ino == ino_a          # private files stay put
    with open(os.path.join(area, "tiles", "c.bin"), "r+b") as f:
        f.write(b"XXXX")
    assert (tmp_path / "published-c.bin").read_bytes() == b"tiles/c.bin" * 100
    assert unshare(area) == [] and unshare(str(tmp_path / "missing")) == []


def test_sha256_files_hashes_each_file_once_whatever_the_order(tmp_path):
    paths = []
    for i, size in enumerate((10, 3_000_000, 0, 70_000)):
        p = tmp_path / f"f{i}"
        p.write_bytes(os.urandom(size))
        paths.append(str(p))
    got = sha256_files(paths + paths[:1])
    assert got == {p: sha256_file(p) for p in paths}
