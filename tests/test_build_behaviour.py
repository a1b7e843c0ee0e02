"""Build behaviour: the embedding cache, crash safety, ingest formats and bad input."""
from __future__ import annotations

import os
import posixpath
import textwrap

import numpy as np
import polars as pl
import pytest
from conftest import debian_subset, run_killable

from datamap.flows.build_map import build_map
from datamap.resources import Store, open_map
from datamap.resources.errors import IngestError, StorageUnreachable, ValidationFailed

FAST = {"topics": None, "dedupe": None, "tiles": None, "projection": {"method": "umap"}}   # layout pinned: these tests are not about it


def _short_texts(debian: pl.DataFrame, n: int, seed: int = 3) -> pl.DataFrame:
    """Real rows with short descriptions, so the real model embeds them in seconds."""
    short = debian.filter(pl.col("text").str.len_chars() < 200).unique(subset="text", keep="first")
    return short.sample(n=n, seed=seed).sort("_row").drop("_row")


def test_rebuild_embeds_nothing_when_input_unchanged(debian, tmp_path, tmp_store):
    src = tmp_path / "short.parquet"
    _short_texts(debian, 120).write_parquet(src)
    opts = {"text_field": "text", "id_field": "id", **FAST}
    first = build_map(source=str(src), dataset="pkgs", store=tmp_store, options=opts)
    assert first["embedded"] == 120 and first["cached"] == 0
    second = build_map(source=str(src), dataset="pkgs", store=tmp_store, options=opts)
    assert second["embedded"] == 0 and second["cached"] == 120
    assert second["version"] != first["version"]
    m = open_map("pkgs", store=tmp_store)
    assert m.manifest["model"]["embedded_rows"] == 0
    assert m.manifest["model"]["id"].startswith("sentence-transformers/all-MiniLM-L6-v2")  # + "#onnx-int8" in quality mode
    assert m.manifest["parent"] == first["version"]
    # the cached vectors are the model's: unit length and close to the reference vectors
    v = m.embeddings.latent
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-3)
    # changing one row re-embeds exactly that row; ids of others are kept
    df = pl.read_parquet(src)
    df = df.with_columns(pl.when(pl.col("id") == df["id"][0]).then(pl.lit("A brand new description"))
                         .otherwise(pl.col("text")).alias("text"))
    df.write_parquet(src)
    third = build_map(source=str(src), dataset="pkgs", store=tmp_store, options=opts)
    assert third["embedded"] == 1 and third["cached"] == 119


def test_reference_vectors_match_bundled_model(debian, debian_vectors, tmp_path, tmp_store):
    """Our embed stage reproduces the shipped MiniLM vectors (same model, offline)."""
    sub = debian.filter(pl.col("text").str.len_chars() < 150).sample(n=20, seed=5)
    src = tmp_path / "s.parquet"
    sub.drop("_row").write_parquet(src)
    build_map(source=str(src), dataset="ref", store=tmp_store,
              options={"text_field": "text", "id_field": "id", **FAST})
    m = open_map("ref", store=tmp_store)
    ref = debian_vectors[sub["_row"].to_numpy()]
    cos = (m.embeddings.latent * ref).sum(1) / np.linalg.norm(ref, axis=1)
    assert cos.min() > 0.99


def _byo(debian, debian_vectors, tmp_path, n=300, seed=11, name="byo.parquet") -> str:
    p = tmp_path / name
    debian_subset(debian, debian_vectors, n, seed=seed).write_parquet(p)
    return str(p)


BYO = {"text_field": "text", "id_field": "id", "embedding_field": "embedding", **FAST}


# the crash chain (tests/test_crash.py) kills at every publish step, and `make test`'s
# quick chain at publish.before_manifest, before_latest and after; these single-point
# kills of an in-process build run with `make test-all`
@pytest.mark.parametrize("point", [pytest.param("publish.artifact:2", marks=pytest.mark.exhaustive),
                                   pytest.param("publish.before_manifest", marks=pytest.mark.exhaustive),
                                   pytest.param("publish.before_latest", marks=pytest.mark.exhaustive)])
def test_kill_during_publish_keeps_previous_version(point, debian, debian_vectors, tmp_path, tmp_store):
    src = _byo(debian, debian_vectors, tmp_path)
    v1 = build_map(source=src, dataset="d", store=tmp_store, options=BYO)["version"]
    src2 = _byo(debian, debian_vectors, tmp_path, seed=12, name="byo2.parquet")
    code = textwrap.dedent(f"""
        from datamap.flows.build_map import build_map
        build_map(source={src2!r}, dataset="d", store={tmp_store!r}, options={BYO!r})
    """)
    rc, out = run_killable(code, {"DATAMAP_FAILPOINT": point})
    assert rc == -9, f"the build was not killed at {point}: rc={rc}\n{out[-2000:]}"
    st = Store(tmp_store)
    # LATEST still names the previous complete version, which reads and verifies
    m = open_map("d", store=tmp_store)
    assert m.version == v1
    m.verify()
    assert m.data.tb.num_rows == 300
    vdirs = st.listdir(posixpath.join(st.dataset_dir("d"), "versions"))
    assert len(vdirs) == 2
    if point == "publish.before_latest":
        # manifest written: a complete version that simply never became LATEST
        assert len(st.list_versions("d")) == 2
        open_map("d", store=tmp_store, version=vdirs[1]).verify()
    else:
        # a folder without a manifest: invisible to readers
        assert st.list_versions("d") == [v1]
    # the next build succeeds and becomes LATEST
    v3 = build_map(source=src2, dataset="d", store=tmp_store, options=BYO)["version"]
    assert open_map("d", store=tmp_store).version == v3
    assert set(open_map("d", store=tmp_store).data.ids) == set(pl.read_parquet(src2)["id"])


def test_kill_mid_build_resumes_from_finished_stages(debian, debian_vectors, tmp_path, tmp_store):
    """Killed inside the layout stage: the rerun takes ingest/embed/index from the cache."""
    src = _byo(debian, debian_vectors, tmp_path, n=400)
    code = textwrap.dedent(f"""
        from datamap.flows.build_map import build_map
        build_map(source={src!r}, dataset="r", store={tmp_store!r}, options={BYO!r})
    """)
    rc, out = run_killable(code, {"DATAMAP_FAILPOINT": "project.after_write"})
    assert rc == -9, out[-2000:]
    assert Store(tmp_store).list_versions("r") == []
    res = build_map(source=src, dataset="r", store=tmp_store, options=BYO)
    # project was killed inside its task, so it alone runs again
    assert res["resumed_stages"] == ["ingest", "embed", "index"], (
        f"resumed {res['resumed_stages']}; killed build's output:\n{out[-3000:]}")
    assert open_map("r", store=tmp_store).manifest["build"]["resumed_stages"] == res["resumed_stages"]
    assert len(Store(tmp_store).list_versions("r")) == 1


# ---- ingest formats ----------------------------------------------------------------------

def test_every_format_reads_the_same_rows(debian, tmp_path):
    from datamap.tasks.ingest.read import IngestOptions, ingest

    sub = debian.head(50).drop("_row", "tags").with_columns(
        pl.lit("").alias("empty_note"), pl.lit(True).alias("flag"),
        pl.datetime(2024, 1, 2).alias("seen_at"))
    paths = {
        "parquet": tmp_path / "d.parquet", "csv": tmp_path / "d.csv", "tsv": tmp_path / "d.tsv",
        "jsonl": tmp_path / "d.jsonl", "arrow": tmp_path / "d.arrow",
    }
    sub.write_parquet(paths["parquet"]); sub.write_csv(paths["csv"])
    sub.write_csv(paths["tsv"], separator="\t"); sub.write_ndjson(paths["jsonl"]); sub.write_ipc(paths["arrow"])
    tables = {k: ingest(str(p), IngestOptions(text_field="text")).table for k, p in paths.items()}
    ref = tables["parquet"]
    assert ref.columns[0] == "id" and ref["id"].n_unique() == 50
    for fmt, t in tables.items():
        assert t["id"].to_list() == ref["id"].to_list(), f"{fmt}: ids differ (content-derived ids must be stable)"
        assert t["text"].to_list() == ref["text"].to_list(), fmt
        assert t["installed_size"].dtype == pl.Int64, fmt
        assert t["flag"].dtype == pl.Boolean, fmt
        # empty strings stay empty strings, never "null"
        assert t["empty_note"].to_list() == [""] * 50, fmt
    assert tables["csv"]["seen_at"].dtype.is_temporal()


def test_derived_ids_are_stable_and_unique(tmp_path):
    from datamap.tasks.ingest.read import IngestOptions, ingest

    df = pl.DataFrame({"text": ["a", "b", "a", "c"], "n": [1, 2, 3, 4]})
    df.write_parquet(tmp_path / "a.parquet")
    ids1 = ingest(str(tmp_path / "a.parquet"), IngestOptions(text_field="text")).table["id"].to_list()
    assert len(set(ids1)) == 4
    # reorder + add a row: each text keeps its id
    df2 = pl.DataFrame({"text": ["c", "x", "a", "b", "a"], "n": [4, 9, 1, 2, 3]})
    df2.write_parquet(tmp_path / "b.parquet")
    ids2 = ingest(str(tmp_path / "b.parquet"), IngestOptions(text_field="text")).table["id"].to_list()
    assert ids2[0] == ids1[3] and ids2[3] == ids1[1] and {ids2[2], ids2[4]} == {ids1[0], ids1[2]}


# ---- bad input: a clear error naming the field, nothing published --------------------------

def _assert_nothing_published(store: str, dataset: str = "bad") -> None:
    assert not os.path.exists(os.path.join(store, dataset, "versions")) or \
        Store(store).list_versions(dataset) == []


def test_missing_text_field(debian, debian_vectors, tmp_path, tmp_store):
    src = _byo(debian, debian_vectors, tmp_path, n=50)
    with pytest.raises(IngestError, match=r"text field 'body' not found.*columns are: id, text"):
        build_map(source=src, dataset="bad", store=tmp_store, options={"text_field": "body", **FAST})
    _assert_nothing_published(tmp_store)


def test_all_null_text(tmp_path, tmp_store):
    p = tmp_path / "n.parquet"
    pl.DataFrame({"id": ["a", "b"], "text": [None, None]}, schema={"id": pl.String, "text": pl.String}).write_parquet(p)
    with pytest.raises(ValidationFailed, match=r"'text': 2 row\(s\) fail 'not null'.*\['a', 'b'\]"):
        build_map(source=str(p), dataset="bad", store=tmp_store,
                  options={"text_field": "text", "id_field": "id", **FAST})
    _assert_nothing_published(tmp_store)


def test_duplicate_ids(debian, tmp_path, tmp_store):
    df = debian.head(30).drop("_row")
    df = pl.concat([df, df.head(2)])
    p = tmp_path / "dup.parquet"
    df.write_parquet(p)
    first = df["id"][0]
    with pytest.raises(ValidationFailed, match=rf"'id': 4 row\(s\) fail 'unique'.*{first}") as e:
        build_map(source=str(p), dataset="bad", store=tmp_store,
                  options={"text_field": "text", "id_field": "id", **FAST})
    assert e.value.failures[0]["field"] == "id"
    _assert_nothing_published(tmp_store)


def test_a_failed_build_keeps_its_work_area_but_not_its_lock(debian, tmp_path, tmp_store):
    """A build that fails in a long-lived process (a notebook, a worker) must not keep
    other processes' builds of the same input waiting: its area stays (for a resume), its
    lock goes. Another process takes each lock without waiting."""
    import subprocess
    import sys

    df = debian.head(30).drop("_row")
    p = tmp_path / "dup.parquet"
    pl.concat([df, df.head(2)]).write_parquet(p)
    with pytest.raises(ValidationFailed):
        build_map(source=str(p), dataset="bad", store=tmp_store,
                  options={"text_field": "text", "id_field": "id", **FAST})
    work = posixpath.join(tmp_store, "bad", "_work")
    locks = [os.path.join(work, f) for f in os.listdir(work) if f.endswith(".lock")]
    assert len(locks) == 1 and os.path.isdir(locks[0][:-len(".lock")])
    probe = ("import fcntl, sys; f = open(sys.argv[1], 'a+'); "
             "fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB); print('free')")
    out = subprocess.run([sys.executable, "-c", probe, locks[0]], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "free", out.stderr


def test_nan_embeddings(debian, debian_vectors, tmp_path, tmp_store):
    df = debian_subset(debian, debian_vectors, 40, seed=2)
    vecs = np.array(df["embedding"].to_list(), dtype=np.float32)
    vecs[7, 3] = np.nan
    vecs[9, 0] = np.inf
    df = df.with_columns(pl.Series("embedding", vecs.tolist()))
    p = tmp_path / "nan.parquet"; df.write_parquet(p)
    bad = [df["id"][7], df["id"][9]]
    with pytest.raises(ValidationFailed, match=rf"'embedding': 2 row\(s\) fail 'finite'.*{bad[0]}.*{bad[1]}"):
        build_map(source=str(p), dataset="bad", store=tmp_store, options=BYO)
    _assert_nothing_published(tmp_store)
    # --on-invalid skip drops them and says so
    res = build_map(source=str(p), dataset="ok", store=tmp_store, options={**BYO, "on_invalid": "skip"})
    assert res["rows"] == 38 and res["validation"]["dropped"] == {"embedding: finite": 2}
    m = open_map("ok", store=tmp_store)
    assert not set(bad) & set(m.data.ids)
    assert m.manifest["validation"]["rows_in"] == 40
    # each kept row keeps its own vector (the ingest writes the vectors while it validates
    # them, and again without the dropped rows)
    row_of = {i: k for k, i in enumerate(df["id"].to_list())}
    want = vecs[[row_of[i] for i in m.data.ids]]
    got = np.asarray(m.embeddings.latent, dtype=np.float32)
    cos = (got * want).sum(1) / np.linalg.norm(got, axis=1) / np.linalg.norm(want, axis=1)
    assert got.shape == (38, vecs.shape[1]) and cos.min() > 0.9999


def test_mixed_width_embeddings(debian, debian_vectors, tmp_path, tmp_store):
    df = debian_subset(debian, debian_vectors, 30, seed=4)
    rows = df["embedding"].to_list()
    rows[5] = rows[5][:100]
    df = df.with_columns(pl.Series("embedding", rows))
    p = tmp_path / "w.parquet"; df.write_parquet(p)
    with pytest.raises(ValidationFailed, match=rf"'embedding': 1 row\(s\) fail 'width == 384'.*{df['id'][5]}"):
        build_map(source=str(p), dataset="bad", store=tmp_store, options=BYO)
    _assert_nothing_published(tmp_store)


def test_unreadable_and_missing_files(tmp_path, tmp_store):
    p = tmp_path / "broken.parquet"
    p.write_bytes(b"PAR1 this is not really parquet")
    with pytest.raises(IngestError, match=r"cannot read .*broken.parquet.* as parquet"):
        build_map(source=str(p), dataset="bad", store=tmp_store, options={"text_field": "text", **FAST})
    with pytest.raises(IngestError, match=r"input not found: .*nowhere.csv"):
        build_map(source=str(tmp_path / "nowhere.csv"), dataset="bad", store=tmp_store,
                  options={"text_field": "text", **FAST})
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(IngestError, match="empty"):
        build_map(source=str(tmp_path / "empty.csv"), dataset="bad", store=tmp_store,
                  options={"text_field": "text", **FAST})
    _assert_nothing_published(tmp_store)


def test_unreachable_s3(tmp_path, monkeypatch):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
    monkeypatch.setenv("DATAMAP_S3_CONNECT_TIMEOUT", "1")
    monkeypatch.setenv("DATAMAP_S3_MAX_ATTEMPTS", "1")
    opts = {"endpoint_url": f"http://127.0.0.1:{port}", "key": "k", "secret": "s"}
    p = tmp_path / "x.csv"; p.write_text("id,text\na,hello\n")
    with pytest.raises(StorageUnreachable, match=rf"127.0.0.1:{port}|s3://maps/prod"):
        build_map(source=str(p), dataset="bad", store="s3://maps/prod", storage_options=opts,
                  options={"text_field": "text", **FAST})


def test_bad_dataset_name_is_refused(tmp_path, tmp_store):
    from datamap.resources.errors import InvalidName

    p = tmp_path / "x.csv"; p.write_text("id,text\na,hello\n")
    with pytest.raises(InvalidName):
        build_map(source=str(p), dataset="../escape", store=tmp_store, options={"text_field": "text", **FAST})
    assert not os.path.exists(os.path.join(os.path.dirname(tmp_store), "escape"))


def test_cli_reports_errors_without_traceback(tmp_path, tmp_store):
    from typer.testing import CliRunner

    from datamap.cli.main import app

    p = tmp_path / "x.csv"; p.write_text("id,text\na,hello\n")
    r = CliRunner().invoke(app, ["build", str(p), "--dataset", "cli", "--store", tmp_store,
                                 "--text-field", "body"])
    assert r.exit_code == 1     # an input error; 2 is for usage errors (docs/cli.md)
    out = r.output + (r.stderr if hasattr(r, "stderr") else "")
    assert "text field 'body' not found" in out and "Traceback" not in out


def test_separate_embedding_files(debian, debian_vectors, tmp_path, tmp_store):
    """Vectors beside the data: a .npy in row order, or a parquet aligned by id (any order)."""
    sub = debian_subset(debian, debian_vectors, 200, seed=21)
    vecs = np.array(sub["embedding"].to_list(), dtype=np.float32)
    data = sub.drop("embedding")
    data.write_parquet(tmp_path / "d.parquet")
    np.save(tmp_path / "v.npy", vecs)
    shuffled = pl.DataFrame({"id": sub["id"], "vector": sub["embedding"]}).sample(fraction=1.0, seed=1, shuffle=True)
    shuffled.write_parquet(tmp_path / "v.parquet")
    for name, vf in (("npy", "v.npy"), ("pq", "v.parquet")):
        build_map(source=str(tmp_path / "d.parquet"), dataset=name, store=tmp_store,
                  options={"text_field": "text", "id_field": "id", "embeddings": str(tmp_path / vf), **FAST})
        m = open_map(name, store=tmp_store)
        assert m.manifest["model"]["id"] == "user-provided"
        np.testing.assert_allclose(m.embeddings.latent, vecs, atol=1e-6)
    np.save(tmp_path / "short.npy", vecs[:150])
    with pytest.raises(IngestError, match="150 rows but the input has 200"):
        build_map(source=str(tmp_path / "d.parquet"), dataset="bad", store=tmp_store,
                  options={"text_field": "text", "id_field": "id", "embeddings": str(tmp_path / "short.npy"), **FAST})


def test_float16_latents(debian, debian_vectors, tmp_path, tmp_store):
    src = _byo(debian, debian_vectors, tmp_path, n=200, seed=8)
    build_map(source=src, dataset="h", store=tmp_store, options={**BYO, "latent_dtype": "float16"})
    m = open_map("h", store=tmp_store)
    assert m.embeddings.latent.dtype == np.float16
    ref = np.array(pl.read_parquet(src)["embedding"].to_list(), dtype=np.float32)
    assert np.abs(m.embeddings.latent.astype(np.float32) - ref).max() < 1e-3
    neigh, _ = m.embeddings.vector_search(ids=[m.data.ids[0]], k=5)
    assert len(neigh[0]) == 5


def test_cli_build_and_versions(debian, debian_vectors, tmp_path, tmp_store):
    from typer.testing import CliRunner

    from datamap.cli.main import app

    src = _byo(debian, debian_vectors, tmp_path, n=150, seed=9)
    r = CliRunner().invoke(app, ["build", src, "--dataset", "cli", "--store", tmp_store, "--text-field", "text",
                                 "--id-field", "id", "--embedding-field", "embedding", "--no-topics", "--no-dedupe"])
    assert r.exit_code == 0, r.output
    v = open_map("cli", store=tmp_store).version
    assert f"cli@{v}" in r.output and "150 rows" in r.output
    r2 = CliRunner().invoke(app, ["versions", "cli", "--store", tmp_store, "--json"])
    assert r2.exit_code == 0 and v in r2.output
