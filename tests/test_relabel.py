"""``datamap relabel``: new topic names as a new version, nothing else recomputed.

On a copy of the shared 2,000-row Debian map (every stage): relabelling with the build's
own labeller reproduces every artifact byte for byte (so the stored partition, keyword
fit and naming are rebuilt faithfully); ``--labeller keywords`` changes the names, and
only the files that hold names; the manifest shows no embedding or layout ran; a crash
before the manifest leaves the last good version in force.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from datamap import open_map
from datamap.resources import schema
from datamap.resources.errors import LabellerError, ResourceMissing

NAME_FILES = {schema.TOPICS, schema.TOPIC_METADATA, f"{schema.TILES}/{schema.FOLDER_INDEX}"}


@pytest.fixture
def store_copy(built_map, tmp_path) -> str:
    dst = str(tmp_path / "store")
    shutil.copytree(built_map["store"], dst)
    return dst


@pytest.mark.parametrize("ahead", [False, True], ids=["reading-in-turn", "reading-ahead"])
def test_relabel_with_the_build_labeller_reproduces_every_artifact(store_copy, ahead, monkeypatch):
    """Also when the labeller reads its samples in a worker while the keywords are fitted,
    as a big map's relabel does (forced here on the 2,000-row map); the labeller relabel
    made is kept to check that the worker's readings were the ones used."""
    from datamap.tasks.relabel import relabel_map
    from datamap.tasks.topics import model
    from datamap.tasks.topics.labellers import contrastive

    made = []
    real = model.labeller_for
    monkeypatch.setattr(model, "labeller_for", lambda *a, **k: made.append(real(*a, **k)) or made[-1])
    monkeypatch.setattr(contrastive, "READ_AHEAD_DOCS", 0 if ahead else 10**9)
    old = open_map("debian", store_copy)
    res = relabel_map("debian", store_copy, labeller=old.manifest["topics"]["options"]["labeller"])
    new = open_map("debian", store_copy)
    assert new.version == res["version"] != old.version
    assert new.manifest["artifacts"] == old.manifest["artifacts"]
    assert new.verify()    # the sha256 in the manifest are the files' own
    assert len(made) == 1 and (made[0]._ahead is not None) == ahead
    if ahead:
        assert len(made[0]._ahead._got) == len(new.manifest["topics"]["n_topics"]), "every depth read ahead"


def test_relabel_keywords_changes_names_and_only_names(store_copy):
    from datamap.tasks.relabel import relabel_map

    old = open_map("debian", store_copy)
    res = relabel_map("debian", store_copy, labeller="keywords")
    new = open_map("debian", store_copy)
    assert (new.version, new.manifest["parent"], res["parent"]) == (res["version"], old.version, old.version)
    # names: kw1, kw2, kw3 of each topic's own keywords, and not the build's names
    meta = new.topics.metadata
    as_keywords = [lab == ", ".join(list(dict.fromkeys(kw))[:3])
                   for lab, kw in zip(meta[schema.TOPIC_LABEL], meta[schema.TOPIC_KEYWORDS])]
    assert sum(as_keywords) >= 0.9 * len(meta), meta[[schema.TOPIC_LABEL, schema.TOPIC_KEYWORDS]].head()
    old_meta = old.topics.metadata
    assert (old_meta[schema.TOPIC_LABEL].values != meta[schema.TOPIC_LABEL].values).mean() > 0.9
    # the partition and everything else: same ids, same keywords, same files
    for c in [schema.ID] + [schema.topic_id_column(d + 1) for d in range(old.topics.depth)]:
        assert new.topics.tb.column(c).equals(old.topics.tb.column(c))
    assert list(meta[schema.TOPIC_KEYWORDS].map(list)) == list(old_meta[schema.TOPIC_KEYWORDS].map(list))
    changed = {n for n, e in new.manifest["artifacts"].items() if old.manifest["artifacts"].get(n) != e}
    assert NAME_FILES <= changed
    assert all(n in NAME_FILES or n.startswith(schema.TOPIC_MODEL + "/") for n in changed), changed
    assert set(new.manifest["artifacts"]) == set(old.manifest["artifacts"])
    new.verify()
    # the web map's tiles name topics as the metadata does; the tile files themselves are shared
    index = json.loads(new.store.read_bytes(new.artifact_path(f"{schema.TILES}/{schema.FOLDER_INDEX}")))
    label_of = dict(zip(meta[schema.TOPIC_ID].astype(str), meta[schema.TOPIC_LABEL]))
    topic_cols = [c for c in index["columns"] if c["source"] == "topics"]
    assert len(topic_cols) == old.topics.depth
    for col in topic_cols:
        assert col["labels"] == {code: label_of[code] for code in col["labels"]}
    # no embedding, no layout: the manifest records the relabel alone
    assert set(new.manifest["build"]["timings"]) == {"relabel"}
    assert new.manifest["model"]["embedded_rows"] == 0
    assert new.manifest["topics"]["named_by"] == "keywords"
    assert new.manifest["build"]["params"]["topics"]["labeller"] == "keywords"
    # and the reader works on it as on any version
    assert len(new.vector_search(ids=[new.data.df[schema.ID][0]], k=3)[0][0]) == 3


def test_relabel_refuses_bad_requests(store_copy, tmp_path):
    from datamap.tasks.relabel import relabel_map

    with pytest.raises(LabellerError, match="contrastive"):
        relabel_map("debian", store_copy, labeller="bogus")
    with pytest.raises(LabellerError, match="no module 'nosuchmod'"):
        relabel_map("debian", store_copy, labeller="nosuchmod:thing")
    p = subprocess.run([sys.executable, "-m", "datamap.cli.main", "relabel", "debian", "--store", store_copy,
                        "--labeller", "bogus"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "--labeller" in p.stderr and "keywords" in p.stderr, p.stderr
    assert "Traceback" not in p.stderr
    # a map built without topics has nothing to name
    m = open_map("debian", store_copy)
    bare = str(tmp_path / "bare")
    vdir = os.path.join(bare, "debian", schema.VERSIONS_DIR, m.version)
    os.makedirs(vdir)
    man = {**m.manifest, "artifacts": {k: v for k, v in m.manifest["artifacts"].items()
                                       if not k.startswith("topic")}}
    for name in man["artifacts"]:
        os.makedirs(os.path.dirname(os.path.join(vdir, name)), exist_ok=True)
        shutil.copyfile(m.artifact_path(name), os.path.join(vdir, name))
    with open(os.path.join(vdir, schema.MANIFEST), "w") as f:
        json.dump(man, f)
    with open(os.path.join(bare, "debian", schema.LATEST), "w") as f:
        f.write(m.version)
    with pytest.raises(ResourceMissing, match="topics"):
        relabel_map("debian", bare, labeller="keywords")


def test_relabel_killed_before_its_manifest_leaves_the_last_version(store_copy, tmp_path):
    before = open_map("debian", store_copy)
    scratch = tmp_path / "scratch"     # a killed process keeps its temporary folder: keep it out of /tmp
    scratch.mkdir()
    env = {**os.environ, "DATAMAP_FAILPOINT": "publish.before_manifest", "TMPDIR": str(scratch)}
    p = subprocess.run([sys.executable, "-m", "datamap.cli.main", "relabel", "debian", "--store", store_copy,
                        "--labeller", "keywords"], capture_output=True, text=True, timeout=300, env=env)
    assert p.returncode == -9, (p.returncode, p.stderr[-2000:])
    after = open_map("debian", store_copy)
    assert after.version == before.version
    assert after.topics.tb.equals(before.topics.tb)
    folders = os.listdir(os.path.join(store_copy, "debian", schema.VERSIONS_DIR))
    assert len(folders) == 2     # the unfinished one, without a manifest: gc's to remove
    from datamap.resources.store import Store
    from datamap.tasks.publish import collect_garbage

    assert len(collect_garbage(Store(store_copy), "debian", min_age_s=0)) == 1
    # the run log shows the relabel as a build is shown: started, never finished
    runs = os.path.join(store_copy, schema.RUN_LOG_DIR, "debian")
    records = [json.load(open(os.path.join(runs, f))) for f in sorted(os.listdir(runs))]
    mine = [r for r in records if r["source"] == "relabel:keywords"]
    assert len(mine) == 1 and mine[0]["outcome"] == schema.RUN_RUNNING, records
    assert pq.read_table(after.artifact_path(schema.TOPICS)).num_rows == after.row_count
