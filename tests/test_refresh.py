"""Incremental refresh on real Debian rows: only new text is embedded, the map keeps its
geography, new points join existing topics, and a big change or --full re-lays it out."""
from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest
from conftest import debian_subset
from typer.testing import CliRunner

from datamap.resources import open_map
from datamap.tasks.refresh import DRIFT_THRESHOLD, median_move

pytestmark = pytest.mark.slow

BYO = {"projection": {"method": "umap"}, "text_field": "text", "id_field": "id", "embedding_field": "embedding", "dedupe": None, "tiles": None}


def _xy(m):
    p = m.embeddings.projected
    return p["id"].tolist(), p[["x", "y"]].to_numpy()


def _evolve(base: pl.DataFrame, pool: pl.DataFrame, add_frac: float, drop_frac: float, seed: int):
    """Drop ``drop_frac`` of ``base`` and add ``add_frac`` new real rows from ``pool``."""
    n = base.height
    dropped = base.sample(n=max(1, round(n * drop_frac)), seed=seed)
    fresh = pool.filter(~pl.col("id").is_in(base["id"].implode())).sample(n=max(1, round(n * add_frac)), seed=seed)
    kept = base.filter(~pl.col("id").is_in(dropped["id"].implode()))
    return pl.concat([kept, fresh.select(base.columns)]), dropped, fresh


def test_refresh_embeds_only_new_text_and_keeps_points(debian, debian_vectors, tmp_path):
    """Text embedding (bundled MiniLM) on 400 real rows: +1% rows, -0.5% rows, 2 edited."""
    from datamap.flows.build_map import build_map

    store, src = str(tmp_path / "store"), str(tmp_path / "pkgs.parquet")
    opts = {"projection": {"method": "umap"}, "text_field": "text", "id_field": "id", "topics": None, "dedupe": None, "tiles": None}
    # real rows with short descriptions, so the bundled model embeds them in seconds
    short = debian.filter(pl.col("text").str.len_chars() < 200).unique(subset="text", keep="first")
    base = short.sample(n=400, seed=11).sort("_row").drop("_row")
    base.write_parquet(src)
    r1 = build_map(source=src, dataset="pkgs", store=store, options=opts)
    assert r1["embedded"] == base["text"].n_unique()

    pool = short.sample(n=3000, seed=12).drop("_row")
    new, dropped, fresh = _evolve(base, pool, 0.01, 0.005, seed=3)
    edited_ids = new["id"].head(2).to_list()
    new = new.with_columns(pl.when(pl.col("id").is_in(edited_ids))
                           .then(pl.col("text") + " (edited for a new release)")
                           .otherwise(pl.col("text")).alias("text"))
    new.write_parquet(src)
    r2 = build_map(source=src, dataset="pkgs", store=store, options=opts)

    # only rows whose text was never seen are embedded: the new ones and the two edited
    unseen = set(new["text"].to_list()) - set(base["text"].to_list())
    assert r2["embedded"] == len(unseen) == len(fresh) + 2
    ref = r2["refresh"]
    assert ref["mode"] == "incremental" and ref["parent"] == r1["version"]
    assert (ref["rows_added"], ref["rows_removed"], ref["rows_changed"]) == (len(fresh), len(dropped), 2)
    assert ref["rows_moved"] == 2 and ref["placed"] == len(fresh) + 2

    a, b = open_map("pkgs", store=store, version=r1["version"]), open_map("pkgs", store=store)
    assert b.manifest["parent"] == r1["version"] and b.manifest["refresh"]["rows_added"] == len(fresh)
    ids_a, xy_a = _xy(a)
    ids_b, xy_b = _xy(b)
    assert set(ids_b) == set(new["id"].to_list())          # removed rows are gone
    assert median_move(ids_a, xy_a, ids_b, xy_b) <= 0.01
    # unedited points kept exactly where they were
    pos_a = dict(zip(ids_a, map(tuple, xy_a)))
    same = [i for i, k in enumerate(ids_b) if k in pos_a and k not in edited_ids]
    assert np.array_equal(xy_b[same], np.array([pos_a[ids_b[i]] for i in same]))
    # new points lie inside the map, near their semantic neighbours' region
    assert ((xy_b >= 0) & (xy_b <= 1)).all()


def test_refresh_byo_topics_diff_and_full(debian, debian_vectors, tmp_path):
    """2,000 real rows with their MiniLM vectors and topics: +1%/-0.5% is incremental with
    new points in existing topics; dropping 30% or --full re-lays the map out."""
    from datamap.cli.main import app
    from datamap.flows.build_map import build_map

    store, src = str(tmp_path / "store"), str(tmp_path / "pkgs.parquet")
    base = debian_subset(debian, debian_vectors, 2000, seed=21)
    base.write_parquet(src)
    r1 = build_map(source=src, dataset="pkgs", store=store, options=BYO)
    pool = debian_subset(debian, debian_vectors, 6000, seed=22)
    new, dropped, fresh = _evolve(base, pool, 0.01, 0.005, seed=4)
    new.write_parquet(src)
    r2 = build_map(source=src, dataset="pkgs", store=store, options=BYO)
    assert r2["embedded"] == 0 and r2["refresh"]["mode"] == "incremental"
    assert r2["refresh"]["rows_added"] == len(fresh) and r2["refresh"]["rows_removed"] == len(dropped)

    a, b = open_map("pkgs", store=store, version=r1["version"]), open_map("pkgs", store=store)
    ids_a, xy_a = _xy(a)
    ids_b, xy_b = _xy(b)
    assert median_move(ids_a, xy_a, ids_b, xy_b) <= 0.01
    # topics: kept points keep theirs; new points join existing topics of the parent
    ta = pl.from_arrow(a.read_parquet("topics.parquet"))
    tb = pl.from_arrow(b.read_parquet("topics.parquet"))
    col = [c for c in tb.columns if c.startswith("_topic_depth_")][-1]
    joined = tb.join(ta.select("id", pl.col(col).alias("old")), on="id")
    assert (joined[col] == joined["old"]).all()
    new_topics = tb.filter(pl.col("id").is_in(fresh["id"].implode()))[col]
    assert set(new_topics.to_list()) <= set(ta[col].to_list())
    # the new point's topic is the one most of its nearest old neighbours have
    nb_ids, _ = b.embeddings.vector_search(ids=fresh["id"].to_list(), k=10)
    topic_of = dict(zip(tb["id"].to_list(), tb[col].to_list()))
    agree = np.mean([topic_of[f] in [topic_of[n] for n in nbs] for f, nbs in zip(fresh["id"].to_list(), nb_ids)])
    assert agree >= 0.9
    meta = pl.from_arrow(b.read_parquet("topic_metadata.parquet"))
    assert meta.filter(pl.col("depth") == meta["depth"].max())["count"].sum() == b.row_count

    # `datamap diff` reports the same counts
    out = CliRunner().invoke(app, ["diff", "pkgs", r1["version"], r2["version"], "--store", store, "--json"])
    assert out.exit_code == 0, out.output
    d = json.loads(out.output)
    assert (d["rows_added"], d["rows_removed"], d["rows_changed"]) == (len(fresh), len(dropped), 0)
    assert d["median_move"] == 0.0 and d["refresh"]["mode"] == "incremental"

    # a large change crosses the drift threshold → full re-layout (topics off to keep it short)
    shrunk = new.sample(fraction=1 - DRIFT_THRESHOLD - 0.1, seed=5)
    shrunk.write_parquet(src)
    r3 = build_map(source=src, dataset="pkgs", store=store, options={**BYO, "topics": None})
    assert r3["refresh"]["mode"] == "full" and "drift" in r3["refresh"]["reason"]
    c = open_map("pkgs", store=store)
    assert c.manifest["refresh"]["rows_removed"] == new.height - shrunk.height
    # and --full forces one whatever the drift
    r4 = build_map(source=src, dataset="pkgs", store=store, options={**BYO, "topics": None, "full": True})
    assert r4["refresh"] is None
    out = CliRunner().invoke(app, ["diff", "pkgs", r2["version"], r3["version"], "--store", store])
    assert out.exit_code == 0, out.output
    assert f"-{new.height - shrunk.height:,} removed" in out.output


def test_invalid_source_keeps_previous_latest(debian, debian_vectors, tmp_path):
    """A refresh from a source that turned invalid fails with the contract error and
    LATEST still names the previous version."""
    from datamap.flows.build_map import build_map
    from datamap.resources.errors import ValidationFailed

    store, src = str(tmp_path / "store"), str(tmp_path / "pkgs.parquet")
    opts = {**BYO, "topics": None}
    base = debian_subset(debian, debian_vectors, 300, seed=31)
    base.write_parquet(src)
    r1 = build_map(source=src, dataset="pkgs", store=store, options=opts)
    pl.concat([base, base.head(3)]).write_parquet(src)   # duplicate ids break the contract
    with pytest.raises(ValidationFailed):
        build_map(source=src, dataset="pkgs", store=store, options=opts)
    m = open_map("pkgs", store=store)
    assert m.version == r1["version"] and m.row_count == 300


def _exact_topk(vectors: np.ndarray, rows: np.ndarray, k: int) -> np.ndarray:
    u = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    sim = u[rows] @ u.T
    sim[np.arange(len(rows)), rows] = -np.inf             # leave the query out
    return np.argsort(-sim, axis=1, kind="stable")[:, :k]


def test_refresh_reuses_parent_index_and_searches_only_new_points(debian, debian_vectors, tmp_path):
    """2,000 real rows, +1% / -0.5% / 2 vectors edited: the refresh patches the parent's
    usearch index and k-NN graph instead of rebuilding them; search by id returns the
    true neighbours' ids; duplicates equal a from-scratch build's."""
    from datamap.flows.build_map import build_map

    store, src = str(tmp_path / "store"), str(tmp_path / "pkgs.parquet")
    opts = {**BYO, "topics": None, "dedupe": {}}
    base = debian_subset(debian, debian_vectors, 2000, seed=61)
    base.write_parquet(src)
    r1 = build_map(source=src, dataset="pkgs", store=store, options=opts)
    pool = debian_subset(debian, debian_vectors, 6000, seed=62)
    new, dropped, fresh = _evolve(base, pool, 0.01, 0.005, seed=6)
    # two kept rows get another row's vector (an edited text, re-embedded upstream)
    edited = new["id"][:2].to_list()
    emb = new["embedding"].to_list()
    emb[0] = emb[1] = emb[100]
    new = new.with_columns(pl.Series("embedding", emb, dtype=new["embedding"].dtype))
    new.write_parquet(src)
    r2 = build_map(source=src, dataset="pkgs", store=store, options=opts)
    ref = r2["refresh"]
    assert ref["mode"] == "incremental" and ref["rows_moved"] == 2
    assert ref["index"]["reused"] is True
    assert ref["index"]["removed"] == len(dropped) + 2 and ref["index"]["added"] == len(fresh) + 2
    # only the new points and the rows that had a gone neighbour were searched again
    assert ref["index"]["knn_rows_searched"] < 0.5 * new.height

    m = open_map("pkgs", store=store)
    assert m.version == r2["version"] and len(m.embeddings.index) == new.height
    vec = m.embeddings.latent
    # search by id (new, edited and kept points) returns the exact nearest neighbours' ids
    ids = m.data.ids
    probe = fresh["id"].to_list() + edited + new["id"][500:520].to_list()
    got, _ = m.embeddings.vector_search(ids=probe, k=10)
    truth = _exact_topk(vec, m.data.positions(probe), 10)
    recall = np.mean([len(set(g) & {ids[t] for t in tr}) / 10 for g, tr in zip(got, truth)])
    assert recall >= 0.95, recall
    # the patched k-NN graph agrees with the exact one
    knn = np.load(m.local_file("knn_idx.npy"))
    assert knn.shape == (new.height, 33) and (knn[:, 0] == np.arange(new.height)).all()
    rows = np.arange(0, new.height, 7)
    exact = _exact_topk(vec, rows, 32)
    agree = np.mean([len(set(a[1:]) & set(b)) / 32 for a, b in zip(knn[rows], exact)])
    assert agree >= 0.95, agree

    # duplicates: the same pairs and classes as a build from scratch of the same rows
    assert m.manifest["dedupe"]["method"] == "refresh"
    r3 = build_map(source=src, dataset="scratch", store=store, options=opts)
    s = open_map("scratch", store=store)
    assert s.manifest["dedupe"]["method"] != "refresh" and r3["refresh"] is None
    pairs = lambda mm: {tuple(sorted(p)) for p in zip(*[mm.read_parquet("duplicate_neighbors.parquet")  # noqa: E731
                                                      .column(c).to_pylist() for c in ("id", "neighbor_id")])}
    assert pairs(m) == pairs(s) and len(pairs(s)) > 0
    cls = lambda mm: dict(zip(mm.data.ids, mm.read_parquet("duplicates.parquet")  # noqa: E731
                              .column("duplicate_class").to_pylist()))
    assert cls(m) == cls(s)


def test_unchanged_source_publishes_nothing(debian, debian_vectors, tmp_path):
    """A scheduled refresh (skip_unchanged) over a source rewritten with the same bytes
    returns the latest version as "unchanged"; changed options or bytes build again."""
    import os

    from datamap.flows.build_map import build_map
    from datamap.resources.store import Store

    store, src = str(tmp_path / "store"), str(tmp_path / "pkgs.parquet")
    opts = {**BYO, "topics": None}
    base = debian_subset(debian, debian_vectors, 300, seed=71)
    base.write_parquet(src)
    r1 = build_map(source=src, dataset="pkgs", store=store, options=opts, skip_unchanged=True)
    assert not r1.get("unchanged")
    r2 = build_map(source=src, dataset="pkgs", store=store, options=opts, skip_unchanged=True)
    assert r2["unchanged"] and r2["version"] == r1["version"] and r2["refresh"]["mode"] == "unchanged"
    base.write_parquet(src)                                   # same bytes, new mtime
    os.utime(src, (1, 1))
    r3 = build_map(source=src, dataset="pkgs", store=store, options=opts, skip_unchanged=True)
    assert r3["unchanged"] and r3["version"] == r1["version"]
    assert Store(store).list_versions("pkgs") == [r1["version"]]
    # other options, or other bytes, or no skip_unchanged: a new version
    r4 = build_map(source=src, dataset="pkgs", store=store, options={**opts, "latent_dtype": "float16"},
                   skip_unchanged=True)
    assert not r4.get("unchanged") and r4["version"] != r1["version"]
    base.head(299).write_parquet(src)
    r5 = build_map(source=src, dataset="pkgs", store=store, options={**opts, "latent_dtype": "float16"},
                   skip_unchanged=True)
    assert not r5.get("unchanged") and r5["refresh"]["rows_removed"] == 1
    r6 = build_map(source=src, dataset="pkgs", store=store, options={**opts, "latent_dtype": "float16"})
    assert not r6.get("unchanged") and len(Store(store).list_versions("pkgs")) == 4


def test_refresh_on_s3_store(moto_s3, debian, debian_vectors, tmp_path):
    """On an S3 store (moto server): an untouched source is skipped by its ETag, a changed
    one refreshes with the parent's index fetched from the bucket, and search by id on
    the refreshed map returns the exact nearest neighbours."""
    from datamap.flows.build_map import build_map

    fs, so = moto_s3["fs"], moto_s3["storage_options"]
    local = tmp_path / "s.parquet"
    base = debian_subset(debian, debian_vectors, 400, seed=81)
    base.write_parquet(local)
    fs.put(str(local), "corpora/refresh-event.parquet")
    kw = {"source": "s3://corpora/refresh-event.parquet", "dataset": "pkgs", "store": "s3://maps/refresh-event", "storage_options": so,
          "options": {**BYO, "topics": None}, "skip_unchanged": True}
    r1 = build_map(**kw)
    r2 = build_map(**kw)
    assert r2["unchanged"] and r2["version"] == r1["version"]
    new, _dropped, fresh = _evolve(base, debian_subset(debian, debian_vectors, 1500, seed=82), 0.02, 0.01, seed=8)
    new.write_parquet(local)
    fs.put(str(local), "corpora/refresh-event.parquet")
    r3 = build_map(**kw)
    assert r3["refresh"]["mode"] == "incremental" and r3["refresh"]["index"]["reused"]
    m = open_map("pkgs", store="s3://maps/refresh-event", storage_options=so)
    assert m.version == r3["version"] and m.manifest["parent"] == r1["version"]
    got, _ = m.embeddings.vector_search(ids=fresh["id"].to_list(), k=5)
    truth = _exact_topk(m.embeddings.latent, m.data.positions(fresh["id"].to_list()), 5)
    ids = m.data.ids
    assert np.mean([len(set(g) & {ids[t] for t in tr}) / 5 for g, tr in zip(got, truth)]) >= 0.95
