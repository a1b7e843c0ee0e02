"""The fast mode fitted to the corpus being built (``embed_fit_sample``, tasks/embed/fast_fit.py).

A real build of Debian rows: the fit must keep more of MiniLM's 10-NN than the distilled
model on rows it was not fitted on, live in the version so queries land in the map's
space, be reused by a refresh, and be refused with the option named where it makes no
sense.
"""
from __future__ import annotations

import os

import numpy as np
import polars as pl
import pytest
from conftest import knn_kept

from datamap.resources.errors import InvalidOption
from datamap.tasks.embed.cache import text_keys
from datamap.tasks.embed.fast_fit import sample_rows

pytestmark = pytest.mark.slow


def test_bottom_k_sample_is_distinct_and_mostly_kept_when_rows_are_added():
    texts = [f"text {i % 700}" for i in range(1000)]          # 300 repeats
    keys = text_keys(texts)
    rows = sample_rows(keys, 200)
    assert len(rows) == 200 and len({texts[i] for i in rows}) == 200
    more = texts + [f"new text {i}" for i in range(70)]       # 10 % more distinct texts
    again = sample_rows(text_keys(more), 200)
    shared = len({texts[i] for i in rows} & {more[i] for i in again})
    assert shared >= 160, shared                              # ~1/1.1 of the sample stays
    assert len(sample_rows(keys, 5000)) == 700                # never more than the distinct texts


@pytest.fixture(scope="module")
def fitted_map(debian, debian_vectors, tmp_path_factory):
    from datamap.flows.build_map import build_map
    from datamap.resources.store import Store
    from datamap.tasks.embed.cache import EmbeddingCache
    from datamap.tasks.embed.encode import EmbedOptions, resolve_embedder

    d = tmp_path_factory.mktemp("fastfit")
    rows = debian.unique(subset="text", keep="first", maintain_order=True).sample(n=2600, seed=11)
    first, added = rows[:2500], rows[2500:]
    src = d / "pkgs.parquet"
    first.drop("_row").write_parquet(src)
    store = str(d / "store")
    # the fit's targets come through the store's cache of quality vectors: seeded with the
    # corpus's own MiniLM vectors (within 0.99 cosine of quality's, test_embedders), so the
    # fixture skips embedding 1,500 full texts (~15 CPU-s) and fits to the very vectors
    # the neighbour test below measures against
    _, q_id, _ = resolve_embedder(EmbedOptions(mode="quality"))
    texts = first["text"].to_list()
    EmbeddingCache(Store(store), q_id).put(text_keys(texts),
                                           np.asarray(debian_vectors[first["_row"].to_numpy()], np.float32))
    opts = {"text_field": "text", "id_field": "id", "embed_mode": "fast", "embed_fit_sample": 1500,
            "dedupe": None, "tiles": None, "outliers": None}
    res = build_map(source=str(src), dataset="pkgs", store=store, options=opts)
    return {"store": store, "src": src, "first": first, "added": added, "opts": opts, "res": res}


def test_fitted_build_keeps_more_neighbours_than_the_distilled_model_off_its_sample(fitted_map, debian_vectors):
    from datamap.resources import open_map
    from datamap.tasks.embed.encode import EmbedOptions, load_embedder

    m = open_map("pkgs", store=fitted_map["store"])
    fit = m.manifest["model"]["fit"]
    assert fit["sample"] == 1500 and fit["stats"]["tokens_seen"] > 1000
    assert fit["recipe"] == "static-fit-v2" and fit["residuals"]["texts"] == 1500 and fit["residuals"]["folds"] == 2
    assert m.manifest["model"]["id"].endswith(f"+fit-{fit['fit_id']}")
    assert m.embeddings.latent.shape == (2500, 256)            # the fit, on its 256 principal directions
    first = fitted_map["first"]
    texts = first["text"].to_list()
    in_sample = set(sample_rows(text_keys(texts), 1500).tolist())
    off = np.array([i for i in range(len(texts)) if i not in in_sample])
    ref = debian_vectors[first["_row"].to_numpy()[off]]
    latent = np.asarray(m.embeddings.latent)[m.data.positions([str(i) for i in first["id"].to_list()])]
    fitted = latent[off]
    plain = load_embedder(EmbedOptions(mode="fast")).encode([texts[i] for i in off])
    k_fit, k_plain = knn_kept(ref, fitted), knn_kept(ref, plain)
    assert k_fit > k_plain + 0.05, (k_fit, k_plain)


def test_queries_and_topic_labels_use_the_fitted_model(fitted_map):
    import datamap
    from datamap.resources import open_map, schema

    m = open_map("pkgs", store=fitted_map["store"])
    assert schema.FAST_MODEL in m.manifest["artifacts"]
    texts = fitted_map["first"]["text"].to_list()[:30]
    q = datamap.embed_query(m, texts)
    own = np.asarray(m.embeddings.latent)[m.data.positions([str(i) for i in fitted_map["first"]["id"][:30]])]
    assert (q * own).sum(1).min() > 0.9999                    # each query is its row's own vector
    _, dist = m.vector_search(queries=q, k=1)
    assert max(d[0] for d in dist) < 1e-4                      # … and search finds it (or its twin)
    # topic labels were scored by the fitted model: the topics stage was handed the fit
    label = m.manifest["topics"]["options"]["label_embedder"]
    assert label["mode"] == "fast" and label["fitted"] == schema.FAST_MODEL   # the version file, not a work path
    assert len(m.topics.metadata) > 1


def test_a_refresh_reuses_its_parents_fit_and_embeds_only_new_texts(fitted_map):
    from datamap.flows.build_map import build_map
    from datamap.resources import open_map
    from datamap.resources.store import Store

    store = fitted_map["store"]
    parent = open_map("pkgs", store=store)
    both = pl.concat([fitted_map["first"], fitted_map["added"]]).drop("_row")
    src = fitted_map["src"].with_name("pkgs2.parquet")
    both.write_parquet(src)
    res = build_map(source=str(src), dataset="pkgs", store=store, options=fitted_map["opts"])
    child = open_map("pkgs", store=store)
    assert child.version != parent.version
    assert child.manifest["model"]["id"] == parent.manifest["model"]["id"]
    assert child.manifest["model"]["fit"]["reused"] == Store(store).artifact_path(
        "pkgs", parent.version, "fast_model.npz")
    assert res["embedded"] == 100 and res["cached"] == 2500
    assert os.path.basename(child.manifest["model"]["fit"]["reused"]) == "fast_model.npz"


def test_only_a_build_fitting_the_same_way_takes_the_parents_fit(fitted_map):
    from datamap.flows.build_map import _parent_fit
    from datamap.flows.options import BuildOptions
    from datamap.resources.store import Store

    st = Store(fitted_map["store"])
    same = {k: v for k, v in fitted_map["opts"].items() if k in ("text_field", "embed_mode", "embed_fit_sample")}
    assert os.path.basename(_parent_fit(st, "pkgs", BuildOptions(**same))) == "fast_model.npz"
    for change in ({"text_field": "summary"}, {"embed_fit_sample": 2000}, {"full": True}):
        assert _parent_fit(st, "pkgs", BuildOptions(**{**same, **change})) is None, change


@pytest.mark.parametrize("options, named", [
    ({"embed_mode": "quality", "embed_fit_sample": 4000}, "embed_mode 'fast'"),
    ({"embed_mode": "fast", "embed_fit_sample": 500}, ">= 1000"),
    ({"embed_mode": "fast", "embed_fit_sample": "4000"}, "integer"),
    ({"embed_mode": "fast", "embed_fit_sample": 4000, "embedding_field": "embedding"}, "your own vectors"),
])
def test_wrong_fit_options_are_refused_before_any_work(options, named, tmp_path):
    from datamap.flows.build_map import build_map

    store = tmp_path / "store"
    with pytest.raises(InvalidOption, match="embed_fit_sample") as e:
        build_map(source=str(tmp_path / "missing.parquet"), dataset="x", store=str(store),
                  options={"text_field": "text", **options})
    assert e.match(named)
    # only the run log's record of the refused build: no work area, no cache, no version
    assert sorted(os.listdir(store)) == ["_ops"] if store.exists() else True


def test_the_cli_flag_reaches_the_check_and_exits_as_a_usage_error(tmp_path):
    from typer.testing import CliRunner

    from datamap.cli.main import app

    src = tmp_path / "t.parquet"
    pl.DataFrame({"text": ["a b", "c d"]}).write_parquet(src)
    r = CliRunner().invoke(app, ["build", str(src), "--dataset", "t", "--store", str(tmp_path / "store"),
                                 "--text-field", "text", "--fast-fit-sample", "5000"])     # mode left at quality
    assert r.exit_code == 2, r.output
    assert "embed_fit_sample" in " ".join(r.output.split()) and "embed_mode 'fast'" in " ".join(r.output.split())


def test_a_fit_file_is_refused_for_another_model_or_mode(tmp_path):
    from datamap.resources.errors import EmbeddingError
    from datamap.tasks.embed import fast_fit
    from datamap.tasks.embed.encode import EmbedOptions, resolve_embedder
    from datamap.tasks.embed.static_fit import FitStats, FittedStatic

    fit = FittedStatic(np.eye(4), np.array([0]), np.zeros((1, 4), np.float32), FitStats(2, 1, 0.3, 0.1, 0.9))
    other = tmp_path / "other.npz"
    fast_fit.save_fit(str(other), fit, "abc", "some/other-model#static-distill-v1-pca256+fit-abc", {})
    with pytest.raises(EmbeddingError, match="was made for 'some/other-model"):
        resolve_embedder(EmbedOptions(mode="fast", fitted=str(other)))
    with pytest.raises(EmbeddingError, match="fast-mode model; got mode 'quality'"):
        resolve_embedder(EmbedOptions(mode="quality", fitted=str(other)))
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(EmbeddingError, match="is not a fitted fast model"):
        resolve_embedder(EmbedOptions(mode="fast", fitted=str(tmp_path / "junk.npz")))


def test_a_fit_of_recipe_v1_still_loads_and_embeds_without_residuals(fitted_map, tmp_path):
    """Maps built before the residuals (recipe v1) keep their space: their queries and
    refreshes load the old file as it is."""
    import json

    from datamap.resources import open_map, schema
    from datamap.tasks.embed import fast_fit
    from datamap.tasks.embed.encode import EmbedOptions, load_embedder

    m = open_map("pkgs", store=fitted_map["store"])
    new = m.local_file(schema.FAST_MODEL)
    with np.load(new, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        arrays = {k: z[k] for k in ("a", "seen", "corrections")}
    meta["recipe"] = "static-fit-v1"
    meta.pop("residuals")
    old = tmp_path / "v1.npz"
    np.savez(old, **arrays, meta=np.array(json.dumps(meta)))
    fit, _ = fast_fit.load_fit(str(old))
    assert fit.residuals is None
    texts = fitted_map["first"]["text"].to_list()[:200]
    v1 = load_embedder(EmbedOptions(mode="fast", fitted=str(old))).encode(texts)
    v2 = load_embedder(EmbedOptions(mode="fast", fitted=new)).encode(texts)
    assert np.allclose(np.linalg.norm(v1, axis=1), 1.0, atol=1e-5)
    moved = (v1 * v2).sum(1)                      # the residuals move every vector, none by much
    assert moved.max() < 0.99999 and moved.min() > 0.5, (moved.min(), moved.max())
