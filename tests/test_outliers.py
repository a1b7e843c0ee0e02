"""Outlier scores on real data: off-topic paragraphs (scikit-learn dataset descriptions and
licence texts) planted among 3,000 real Debian package descriptions must rank near the
top of ``m.outliers``, in a fresh build and for the new points of a refresh."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import polars as pl
import pytest
from conftest import REPO
from planted import embed_minilm, planted_texts

N_DEBIAN, N_PLANTED, N_NEW_PLANTED = 3000, 30, 5


def only_stages(*keep: str) -> dict:
    """Build options that skip every optional stage but ``keep`` (fast, and independent of
    stages other work adds to the checkout)."""
    from datamap.flows.build_map import OPTIONAL_STAGES

    return {name: None for name in OPTIONAL_STAGES if name not in keep}


def _rows(ids: list[str], texts: list[str], vecs: np.ndarray) -> pl.DataFrame:
    return pl.DataFrame({"id": ids, "text": texts,
                         "embedding": pl.Series(np.asarray(vecs, np.float32).tolist(), dtype=pl.List(pl.Float32))})


@pytest.fixture(scope="module")
def planted(debian, debian_vectors, tmp_path_factory) -> dict:
    """A map of 3,000 Debian rows + 30 planted ones, and a second source for a refresh
    (+40 Debian rows, +5 planted) — all with MiniLM vectors (the corpus's own for Debian)."""
    from datamap.flows.build_map import build_map

    tmp = tmp_path_factory.mktemp("outliers")
    sub = debian.sample(n=N_DEBIAN + 40, seed=3).sort("_row")
    base, extra = sub.head(N_DEBIAN), sub.tail(40)
    pt = planted_texts(N_PLANTED + N_NEW_PLANTED)
    pv = embed_minilm([t for _, t in pt])
    deb = lambda d: _rows(d["id"].to_list(), d["text"].to_list(), debian_vectors[d["_row"].to_numpy()])  # noqa: E731
    plant = lambda a, b: _rows([i for i, _ in pt[a:b]], [t for _, t in pt[a:b]], pv[a:b])  # noqa: E731
    v1 = pl.concat([deb(base), plant(0, N_PLANTED)])
    v2 = pl.concat([v1, deb(extra), plant(N_PLANTED, N_PLANTED + N_NEW_PLANTED)])
    p1, p2 = tmp / "v1.parquet", tmp / "v2.parquet"
    v1.write_parquet(p1)
    v2.write_parquet(p2)
    store = str(tmp / "store")
    opts = {"text_field": "text", "id_field": "id", "embedding_field": "embedding",
            **only_stages("outliers"), "projection": {"n_epochs": 30}}
    r1 = build_map(source=str(p1), dataset="planted", store=store, options=opts)
    return {"store": store, "opts": opts, "v1": r1["version"], "v2_path": str(p2),
            "planted": [i for i, _ in pt[:N_PLANTED]], "new_planted": [i for i, _ in pt[N_PLANTED:]]}


def _ranks_of(m, ids: list[str]) -> np.ndarray:
    df = m.outliers.df.set_index("id")
    return df.loc[ids, "rank"].to_numpy()


def test_planted_rows_rank_near_the_top(planted):
    from datamap.resources.reader import open_map

    m = open_map("planted", planted["store"], version=planted["v1"])
    n = m.row_count
    assert n == N_DEBIAN + N_PLANTED
    r = _ranks_of(m, planted["planted"])
    p_at_30 = float((r <= N_PLANTED).mean())
    median = float(np.median(r))
    print(f"\nplanted {N_PLANTED} in {n}: precision@30 {p_at_30:.2f}, median rank {median:.0f}, "
          f"ranks {sorted(r.tolist())}")
    # a random score: precision@30 ≈ 30/3030 = 1%, median rank ≈ 1,515
    assert p_at_30 >= 0.25, f"precision@30 {p_at_30:.2f}"
    assert median <= 150, f"median rank {median}"
    top = m.outliers.top(10)
    assert list(top.columns[:3]) == ["id", "outlier_score", "rank"] and "text" in top.columns
    assert top["rank"].tolist() == list(range(1, 11))
    assert (np.diff(top["outlier_score"].to_numpy()) <= 0).all()
    assert sorted(m.outliers.df["rank"]) == list(range(1, n + 1))
    assert m.manifest["outliers"]["method"] == "knn_distance"


def test_cli_lists_the_top_outliers(planted):
    from typer.testing import CliRunner

    from datamap.cli.main import app

    res = CliRunner().invoke(app, ["outliers", "planted", "--top", "30", "--json", "--store", planted["store"]])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert [r["rank"] for r in rows] == list(range(1, 31)) and {"id", "score", "text"} <= set(rows[0])
    assert sum(r["id"] in set(planted["planted"]) for r in rows) >= 8


def test_refresh_scores_new_points(planted):
    """A refresh (incremental layout) scores every point of the new version; the planted
    rows that arrive with it rank as high as the first ones did."""
    from datamap.flows.build_map import build_map
    from datamap.resources.reader import open_map

    r2 = build_map(source=planted["v2_path"], dataset="planted", store=planted["store"], options=planted["opts"])
    assert r2["refresh"]["mode"] == "incremental", r2["refresh"]
    m = open_map("planted", planted["store"], version=r2["version"])
    df = m.outliers.df
    assert len(df) == m.row_count == N_DEBIAN + N_PLANTED + 40 + N_NEW_PLANTED
    assert df["id"].tolist() == m.data.ids
    assert np.isfinite(df["outlier_score"]).all()
    new = _ranks_of(m, planted["new_planted"])
    old = _ranks_of(m, planted["planted"])
    print(f"\nrefresh: new planted ranks {sorted(new.tolist())}, old planted median {np.median(old):.0f}")
    assert np.median(new) <= 200, new
    assert np.median(old) <= 150
    # the refresh's patched k-NN graph gives the scores a build from scratch gives
    full = build_map(source=planted["v2_path"], dataset="planted-full", store=planted["store"],
                     options=planted["opts"])
    f = open_map("planted-full", planted["store"], version=full["version"]).outliers.df.set_index("id")
    mine = df.set_index("id").loc[f.index]
    corr = float(np.corrcoef(mine["outlier_score"], f["outlier_score"])[0, 1])
    top = len(set(mine.index[mine["rank"] <= 50]) & set(f.index[f["rank"] <= 50]))
    print(f"refresh vs full build: score correlation {corr:.4f}, top-50 overlap {top}/50")
    assert corr > 0.99 and top >= 45


def test_lof_matches_scikit_learn(debian, debian_vectors):
    """Our graph-based LOF equals scikit-learn's on the same (exact) neighbours."""
    from sklearn.neighbors import LocalOutlierFactor

    from datamap.tasks.outliers import lof

    rows = debian.sample(n=1500, seed=11)["_row"].to_numpy()
    v = np.unique(np.asarray(debian_vectors[rows], np.float64), axis=0)   # no ties from exact duplicates
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    k = 20
    d = np.clip(1.0 - v @ v.T, 0.0, None)
    np.fill_diagonal(d, -1.0)                      # self first
    idx = np.argsort(d, axis=1)[:, :k + 1]
    dist = np.take_along_axis(d, idx, axis=1)
    dist[:, 0] = 0.0
    ours = lof(idx, dist.astype(np.float32), k)
    ref = -LocalOutlierFactor(n_neighbors=k, metric="cosine", algorithm="brute").fit(v).negative_outlier_factor_
    np.testing.assert_allclose(ours, ref, rtol=2e-4)


def test_built_map_has_outliers_and_reader_stays_light(built_map):
    code = f"""
import sys, json
from datamap.resources.reader import open_map
m = open_map({built_map['dataset']!r}, {built_map['store']!r})
top = m.outliers.top(5)
print(json.dumps({{"top": top["rank"].tolist(), "n": len(m.outliers.df),
                  "heavy": sorted(x for x in ("sklearn", "prefect", "torch", "umap") if x in sys.modules)}}))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=str(REPO), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["top"] == [1, 2, 3, 4, 5] and got["n"] == built_map["rows"]
    assert got["heavy"] == []


def test_bad_options_are_named():
    from datamap.resources.errors import InvalidOutlierOptions
    from datamap.tasks.outliers import OutlierOptions

    with pytest.raises(InvalidOutlierOptions, match="knn_distance"):
        OutlierOptions.from_dict({"method": "isolation-forest"})
    with pytest.raises(InvalidOutlierOptions, match="unknown outliers option"):
        OutlierOptions.from_dict({"k": 5})
