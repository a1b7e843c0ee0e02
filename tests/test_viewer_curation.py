"""Curation in the web map, end to end in headless Chromium (Debian's package): the
"outlier score" colour mode recolours the map, and "similar" on a tag highlights
suggestions that "accept" adds to the tag. The map holds 1,500 real Debian rows plus 30
off-topic paragraphs (tests/planted.py), all with MiniLM vectors."""
from __future__ import annotations

import io

import numpy as np
import polars as pl
import pytest
from planted import embed_minilm, planted_texts
from test_outliers import only_stages
from webpage import needs_chromium, open_page, serve, settle

TAG = "python-half"


@pytest.fixture(scope="module")
def curation_map(debian, debian_vectors, tmp_path_factory) -> dict:
    from datamap.flows.build_map import build_map

    tmp = tmp_path_factory.mktemp("curation")
    sub = debian.sample(n=1500, seed=21).sort("_row")
    pt = planted_texts(30)
    pv = embed_minilm([t for _, t in pt])
    vecs = np.vstack([np.asarray(debian_vectors[sub["_row"].to_numpy()], np.float32), pv])
    table = pl.DataFrame({"id": sub["id"].to_list() + [i for i, _ in pt],
                          "text": sub["text"].to_list() + [t for _, t in pt],
                          "section": sub["section"].to_list() + ["planted"] * len(pt),
                          "embedding": pl.Series(vecs.tolist(), dtype=pl.List(pl.Float32))})
    src = tmp / "curation.parquet"
    table.write_parquet(src)
    store = str(tmp / "store")
    res = build_map(source=str(src), dataset="curation", store=store,
                    options={"text_field": "text", "id_field": "id", "embedding_field": "embedding",
                             **only_stages("outliers", "tiles"), "projection": {"n_epochs": 60}})
    python = [i for i, s in zip(sub["id"], sub["section"]) if s == "python"]
    return {"store": store, "version": res["version"], "planted": [i for i, _ in pt], "python": python}


@pytest.fixture(scope="module")
def server(curation_map):
    with serve(curation_map["store"], allowed_hosts=["127.0.0.1", "localhost"]) as url:
        yield url


def _open(browser, server, curation_map, query: str = ""):
    return open_page(browser, f"{server}/#/map/curation/{curation_map['version']}{query}")


def _pixels(png: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def _near(im: np.ndarray, rgb, tol: int = 40) -> int:
    return int((np.abs(im - np.asarray(rgb)).max(axis=2) < tol).sum())


def test_server_serves_outlier_percentiles(server, curation_map):
    import httpx

    base = f"{server}/api/maps/curation/{curation_map['version']}"
    info = httpx.get(f"{base}/info").json()
    assert info["outliers"] is True
    pct = np.frombuffer(httpx.get(f"{base}/outliers/percentile.bin").content, dtype=np.uint8)
    assert len(pct) == info["rows"] == 1530 and pct.max() == 100 and pct.min() == 0
    top = httpx.get(f"{base}/outliers/top", params={"n": 30}).json()["hits"]
    assert [h["score"] for h in top] == sorted((h["score"] for h in top), reverse=True)
    planted_in_top = sum(h["id"] in set(curation_map["planted"]) for h in top)
    assert planted_in_top >= 8, planted_in_top          # random: ~0.6 of 30


@needs_chromium
def test_outlier_colour_mode_recolours_the_map(browser, server, curation_map):
    ctx, pg = _open(browser, server, curation_map, "?colour=none")
    try:
        canvas = pg.locator("#map canvas").first
        before = _pixels(canvas.screenshot())
        labels = pg.eval_on_selector_all("#colour option", "os => os.map(o => [o.value, o.textContent])")
        assert ["outlier_score", "outlier score (number)"] in labels, labels
        pg.select_option("#colour", "outlier_score")
        pg.wait_for_function("document.querySelector('#legend').innerText.includes('outlier score')")
        settle(pg)
        after = _pixels(canvas.screenshot())
        # default colour is one blue; the ramp runs from dark purple to yellow
        yellow, purple = (253, 231, 37), (68, 1, 84)
        assert _near(before, yellow) < 20 and _near(before, purple) < 20
        assert _near(after, yellow) > 30, _near(after, yellow)
        assert _near(after, purple) > 200, _near(after, purple)
        assert "outlier score" in pg.inner_text("#legend")
        # the side panel lists the most outlying points: mostly the planted paragraphs
        pg.wait_for_selector("#top-outliers .item", timeout=20_000)
        top = pg.evaluate("window.__datamap.topOutliers")
        assert len(top) == 20 and sum(i in set(curation_map["planted"]) for i in top) >= 5, top
        assert len(pg.locator("#top-outliers .item").all()) == 20
        assert "colour=outlier_score" in pg.evaluate("location.hash")
        assert pg.errors == []
    finally:
        ctx.close()


@needs_chromium
def test_show_similar_then_accept(browser, server, curation_map):
    import httpx

    base = f"{server}/api/maps/curation/{curation_map['version']}"
    python = curation_map["python"]
    seed = python[: len(python) // 2]
    r = httpx.post(f"{base}/tags/{TAG}", json={"ids": seed, "op": "add"})
    assert r.status_code == 200, r.text
    ctx, pg = _open(browser, server, curation_map)
    try:
        btn = pg.locator(f'.suggest-btn[data-tag="{TAG}"]')
        btn.wait_for(timeout=20_000)
        canvas = pg.locator("#map canvas").first
        green = (0, 200, 120)
        assert _near(_pixels(canvas.screenshot()), green, 30) < 20
        btn.click()
        pg.wait_for_function("window.__datamap.suggestions && (window.__datamap.suggestions.count > 0 "
                             "|| window.__datamap.suggestions.error)", timeout=60_000)
        sug = pg.evaluate("window.__datamap.suggestions")
        assert sug["tag"] == TAG and sug["count"] == 100, sug
        pg.wait_for_selector("#suggestions")
        assert "100 suggestions" in pg.inner_text("#suggestions")
        settle(pg)
        assert _near(_pixels(canvas.screenshot()), green, 30) > 100, "suggestions not highlighted"
        # the other half of the section is what the suggestions should find
        rows = sug["rows"]
        ids = [httpx.get(f"{base}/records/{row}").json()["id"] for row in rows[:30]]
        held = set(python) - set(seed)
        assert sum(i in held for i in ids) >= 10, ids     # random: ~1 of 30
        pg.click("#suggest-accept")
        pg.wait_for_function("window.__datamap.accepted", timeout=60_000)
        acc = pg.evaluate("window.__datamap.accepted")
        assert acc["count"] == len(seed) + 100, acc
        got = httpx.get(f"{base}/tags/{TAG}").json()
        assert set(got["rows"]) >= set(rows) and got["count"] == len(seed) + 100
        pg.wait_for_function(f"document.querySelector('#panel').innerText.includes('{TAG} ({len(seed) + 100})')",
                             timeout=30_000)
        assert pg.locator("#suggestions").count() == 0
        assert pg.errors == []
    finally:
        ctx.close()
