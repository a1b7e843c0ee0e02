"""The workbench beside the web map, in a real browser (Debian's Chromium) on a real
Debian map: charts per column, cross-filtering, the table, export and the Python snippet.

Every expected number is computed here with polars straight from the Parquet the map
was built from (and the version's own topics.parquet), never taken from the server.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from webpage import coloured_pixels, needs_chromium, open_page, serve, settle

pytestmark = needs_chromium
XSS_COL = '<img src=x onerror="alert(1)">size'
XSS_VAL = "<script>alert(2)</script><b>bold</b>"
OUT = (Path(__file__).resolve().parents[1] / "bench" / "out" if os.environ.get("DATAMAP_SCREENSHOTS")
       else Path(tempfile.gettempdir()) / "datamap-screenshots")
XF_SEQ = "window.__datamap.xf ? window.__datamap.xf.seq : 0"


@pytest.fixture(scope="module")
def server(built_map):
    with serve(built_map["store"], allowed_hosts=["127.0.0.1", "localhost"]) as url:
        yield url


@pytest.fixture(scope="module")
def frame(built_map, debian_2k_path) -> pl.DataFrame:
    """The map's rows as polars sees them, with each row's depth-1 topic id beside it."""
    from datamap import open_map

    m = open_map("debian", store=built_map["store"], version=built_map["version"])
    df = pl.read_parquet(debian_2k_path).drop("embedding").with_row_index("row")
    assert df["id"].to_list() == m.data.tb.column("id").to_pylist()   # row positions agree
    topics = pl.from_arrow(m.read_parquet("topics.parquet")).select("id", pl.col("_topic_depth_1_id").alias("topic_1"))
    return df.join(topics, on="id", how="left").sort("row")


@pytest.fixture
def page(browser, server, built_map):
    ctx, pg = open_page(browser, f"{server}/#/map/debian/{built_map['version']}", timeout_ms=60_000)
    pg.wait_for_function("window.__datamap.xf && window.__datamap.xf.seq >= 1", timeout=30_000)
    yield pg
    assert not pg.errors, pg.errors
    ctx.close()


def wait_xf(pg, before: int) -> dict:
    pg.wait_for_function(f"({XF_SEQ}) > {before}", timeout=30_000)
    settle(pg)
    return pg.evaluate("window.__datamap.xf")


def brush(pg, column: str, frm: float, to: float) -> dict:
    """Drag across a histogram from one fraction of its width to another, as a user does."""
    svg = pg.locator(f'svg.hist[data-col="{column}"]')
    svg.scroll_into_view_if_needed()
    b = svg.bounding_box()
    before = pg.evaluate(XF_SEQ)
    y = b["y"] + b["height"] / 2
    pg.mouse.move(b["x"] + b["width"] * frm, y)
    pg.mouse.down()
    pg.mouse.move(b["x"] + b["width"] * to, y, steps=6)
    pg.mouse.up()
    return wait_xf(pg, before)


def bar_counts(pg, column: str) -> dict[str, tuple[int, int]]:
    """Every bar of a bar chart: value -> (filtered, unfiltered), read from the page's text."""
    more = pg.locator(f'.xchart[data-col="{column}"] .xmore')
    if more.count() and "more" in more.inner_text():
        more.click()
    rows = pg.eval_on_selector_all(f'.xchart[data-col="{column}"] .bar',
                                   "els => els.map(e => [e.dataset.value, e.querySelector('.num').textContent])")
    out = {}
    for value, num in rows:
        a, b = num.replace(",", "").split(" / ")
        out[value] = (int(a), int(b))
    return out


def map_pixels(pg) -> int:
    settle(pg)
    return coloured_pixels(pg.locator("#map canvas").first.screenshot())


def test_brushing_a_histogram_filters_the_map_and_the_other_charts(page, frame):
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / "workbench-overview.png"))
    before = map_pixels(page)
    xf = brush(page, "installed_size", 0.55, 0.95)
    lo, hi = xf["filter"]["ranges"]["installed_size"]
    kept = frame.filter((pl.col("installed_size") >= lo) & (pl.col("installed_size") < hi))
    assert 0 < len(kept) < len(frame) / 2, (lo, hi, len(kept))
    assert xf["count"] == len(kept)
    assert page.inner_text("#xf-summary").startswith(f"{len(kept):,} of {len(frame):,}")
    got = bar_counts(page, "section")
    want = dict(kept.group_by("section").len().iter_rows())
    total = dict(frame.group_by("section").len().iter_rows())
    named = {v: c for v, c in got.items() if not v.startswith("(")}
    assert len(named) >= 8
    for value, (f, t) in named.items():
        assert (f, t) == (want.get(value, 0), total[value]), value
    other = sum(c for v, c in want.items() if v not in named)
    assert got.get("(other)", (0, 0))[0] == other
    after = map_pixels(page)
    page.screenshot(path=str(OUT / "workbench-brushed.png"))
    assert after < before * 0.8, (before, after)


def test_a_topic_bar_filters_the_table_and_a_row_opens_its_record(page, frame):
    page.click("#xf-table")
    page.wait_for_function("window.__datamap.table && window.__datamap.table.count > 0")
    bar = page.locator('.xchart[data-col="topic_1"] .bar').nth(1)
    topic = int(bar.get_attribute("data-value"))
    before = page.evaluate(XF_SEQ)
    bar.click()
    xf = wait_xf(page, before)
    want = frame.filter(pl.col("topic_1") == topic)
    assert xf["count"] == len(want) > 0
    page.wait_for_function(f"window.__datamap.table && window.__datamap.table.count === {len(want)}")
    ids = page.eval_on_selector_all("#table .tr[data-row] .td:first-child", "els => els.map(e => e.textContent)")
    assert ids and set(ids) <= set(want["id"].to_list())
    page.screenshot(path=str(OUT / "workbench-table.png"))
    # hovering a point on the map lights up its row in the table
    first, x, y = page.evaluate("""() => {
      const v = window.__datamap.view, t = [...v.tiles.values()][0];
      const inside = (r, x, y) => x > r.left + 4 && x < r.right - 4 && y > r.top + 4 && y < r.bottom - 4;
      const map = document.getElementById('map').getBoundingClientRect();
      const legend = document.getElementById('legend').getBoundingClientRect();
      for (const tr of document.querySelectorAll('#table .tr[data-row]')) {
        const i = [...t.rows].indexOf(+tr.dataset.row);
        const [x, y] = v.screenOf(t.positions[2 * i] / 1000, 1 - t.positions[2 * i + 1] / 1000);
        if (inside(map, x, y) && !inside(legend, x, y)) return [+tr.dataset.row, x, y];
      }
      return [null, 0, 0];
    }""")
    assert first is not None, "no table row's point is on screen"
    page.mouse.move(round(x), round(y))
    page.wait_for_function("window.__datamap.view.wb.table.hlRow !== null")
    hl = page.evaluate("window.__datamap.view.wb.table.hlRow")
    assert hl in set(want["row"].to_list())                 # only kept points can be hovered
    lit = page.eval_on_selector_all("#table .tr.hl", "els => els.map(e => +e.dataset.row)")
    shown_rows = page.eval_on_selector_all("#table .tr[data-row]", "els => els.map(e => +e.dataset.row)")
    assert lit == ([hl] if hl in shown_rows else []) and (hl != first or lit == [first])
    row = page.locator("#table .tr[data-row]").nth(2)
    rid, rnum = row.locator(".td").first.inner_text(), int(row.get_attribute("data-row"))
    row.click()
    page.wait_for_function(f"window.__datamap.tableClick === {rnum}")
    page.wait_for_selector("#panel dl.rec")
    assert page.inner_text("#panel h3") == rid == frame["id"][rnum]
    # sorting on a column: the first page is the largest installed sizes of the topic
    page.click('#table .th[data-col="installed_size"]')
    page.click('#table .th[data-col="installed_size"]')
    biggest = want.sort("installed_size", descending=True)["id"].head(5).to_list()
    page.wait_for_function(
        "document.querySelector('#table .th[data-col=installed_size]').dataset.dir === 'desc' && "
        "document.querySelectorAll('#table .tr[data-row]').length >= 5")
    shown = page.eval_on_selector_all("#table .tr[data-row] .td:first-child", "els => els.map(e => e.textContent)")
    sizes = dict(want.select("id", "installed_size").iter_rows())
    assert [sizes[i] for i in shown[:5]] == [sizes[i] for i in biggest]


def test_the_url_restores_the_filter_in_a_fresh_page(page, browser, frame):
    brush(page, "installed_size", 0.3, 0.7)
    bar = page.locator('.xchart[data-col="architecture"] .bar').first
    before = page.evaluate(XF_SEQ)
    bar.click()
    xf = wait_xf(page, before)
    value = bar.get_attribute("data-value")
    page.wait_for_function(f"decodeURIComponent(location.hash).includes('{value}')")   # saved (debounced)
    url = page.url
    sections = bar_counts(page, "section")
    ctx, fresh = open_page(browser, url, timeout_ms=60_000)
    try:
        fresh.wait_for_function("window.__datamap.xf && window.__datamap.xf.seq >= 1", timeout=30_000)
        again = fresh.evaluate("window.__datamap.xf")
        assert (again["count"], again["filter"]) == (xf["count"], xf["filter"])
        assert bar_counts(fresh, "section") == sections
        assert fresh.locator(".xchart[data-col=architecture] .bar.on").count() == 1
        assert not fresh.errors
    finally:
        ctx.close()
    # and one click clears it
    before = page.evaluate(XF_SEQ)
    page.click("#xf-clear")
    assert wait_xf(page, before)["count"] == len(frame)


def test_export_and_python_give_exactly_the_filtered_rows(page, frame):
    xf = brush(page, "installed_size", 0.1, 0.5)
    lo, hi = xf["filter"]["ranges"]["installed_size"]
    tag = bar_counts(page, "tags")
    item = next(v for v in tag if not v.startswith("("))
    before = page.evaluate(XF_SEQ)
    page.locator(f'.xchart[data-col="tags"] .bar[data-value="{item}"]').click()
    xf = wait_xf(page, before)
    want = frame.filter((pl.col("installed_size") >= lo) & (pl.col("installed_size") < hi)
                        & pl.col("tags").list.contains(item))
    assert xf["count"] == len(want) > 0
    page.click("#xf-csv")
    page.wait_for_function("window.__datamap.lastExport && window.__datamap.lastExport.text")
    text = page.evaluate("window.__datamap.lastExport.text")
    ids = [r["id"] for r in csv.DictReader(io.StringIO(text))]
    assert ids == want["id"].to_list()
    page.click("#xf-python")
    page.wait_for_selector("#xf-code")
    code = page.inner_text("#xf-code")
    ns: dict = {}
    exec(compile(code, "<snippet>", "exec"), ns)   # noqa: S102  (the code a user would paste)
    assert ns["df"]["id"].to_list() == want["id"].to_list()


def test_lasso_and_search_act_as_filters(page):
    sel = page.evaluate("""async () => {
      const v = window.__datamap.view;
      await v.selectPolygon([[0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8]]);
      return v.panelState.selection.count;
    }""")
    before = page.evaluate(XF_SEQ)
    page.check("#xf-sel")
    assert wait_xf(page, before)["count"] == sel
    page.fill("#q", "python")
    page.select_option("#mode", "keyword")
    before = page.evaluate(XF_SEQ)
    page.press("#q", "Enter")
    page.wait_for_function("window.__datamap.lastSearch")
    page.check("#xf-search")
    # (the search itself recounts the lasso-only filter first: wait for the answer with the hits in)
    page.wait_for_function("window.__datamap.xf.seq > %d && !!window.__datamap.xf.filter.rows" % before)
    xf = page.evaluate("window.__datamap.xf")
    hits = page.evaluate("window.__datamap.view.hits.map(h => h.row)")
    inside = page.evaluate("""async () => {
      const v = window.__datamap.view;
      const r = await fetch(`${v.api.base}/select`, {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({polygon: v.selection, limit: 200000})});
      return (await r.json()).rows;
    }""")
    assert xf["count"] == len(set(hits) & set(inside))


# ---- hostile input: markup in column names and values is text -----------------------------------
@pytest.fixture(scope="module")
def hostile_map(debian, debian_vectors, tmp_path_factory) -> dict:
    from conftest import debian_subset

    from datamap.flows.build_map import build_map

    tmp = tmp_path_factory.mktemp("hostile")
    df = debian_subset(debian, debian_vectors, 300, seed=3)
    df = df.select("id", "text", "embedding", pl.col("installed_size").alias(XSS_COL),
                   pl.when(pl.int_range(pl.len()) % 3 == 0).then(pl.lit(XSS_VAL)).otherwise(pl.col("section"))
                   .alias("section"))
    src = tmp / "hostile.parquet"
    df.write_parquet(src)
    store = str(tmp / "store")
    res = build_map(source=str(src), dataset="hostile", store=store,
                    options={"text_field": "text", "id_field": "id", "embedding_field": "embedding",
                             "topics": None, "dedupe": None})
    return {"store": store, "version": res["version"]}


def test_markup_in_column_names_and_values_is_shown_as_text(browser, hostile_map):
    with serve(hostile_map["store"], allowed_hosts=["127.0.0.1", "localhost"]) as url:
        ctx, pg = open_page(browser, f"{url}/#/map/hostile/{hostile_map['version']}", timeout_ms=60_000)
        try:
            pg.wait_for_function("window.__datamap.xf && window.__datamap.xf.seq >= 1", timeout=30_000)
            labels = pg.eval_on_selector_all(".xchart .xhead b", "els => els.map(e => e.textContent)")
            assert XSS_COL in labels
            assert XSS_VAL in bar_counts(pg, "section")
            pg.click("#xf-table")
            pg.wait_for_function("document.querySelectorAll('#table .tr[data-row]').length > 3")
            if XSS_COL not in pg.eval_on_selector_all("#table .th", "els => els.map(e => e.dataset.col)"):
                pg.select_option("#table-add", XSS_COL)
            heads = pg.eval_on_selector_all("#table .th", "els => els.map(e => e.firstChild.textContent)")
            assert XSS_COL in heads
            cells = pg.eval_on_selector_all("#table .td", "els => els.map(e => e.textContent)")
            assert XSS_VAL in cells
            # the markup stayed text: no element was made from it, nothing ran
            assert pg.evaluate("document.querySelectorAll('#charts img, #table img, #charts script, "
                               "#table script, #charts b b, #table b').length") == 0
            before = pg.evaluate(XF_SEQ)
            pg.locator(".xchart[data-col=section] .bar", has_text="alert(2)").click()
            assert wait_xf(pg, before)["count"] == 100
            assert not pg.dialogs and not pg.errors, (pg.dialogs, pg.errors)
        finally:
            ctx.close()


def test_add_the_filtered_rows_to_a_tag(hostile_map):
    from fastapi.testclient import TestClient

    from datamap import open_map
    from datamap.viewer.app import create_app

    c = TestClient(create_app(hostile_map["store"]))
    base = f"/api/maps/hostile/{hostile_map['version']}"
    f = {"values": {"section": [XSS_VAL]}}
    r = c.post(f"{base}/tags/picked", json={"filter": f, "op": "add"})
    assert r.status_code == 200, r.text
    m = open_map("hostile", store=hostile_map["store"])
    want = pl.from_arrow(m.data.tb).filter(pl.col("section") == XSS_VAL)["id"].to_list()
    assert r.json()["count"] == len(want) == 100
    assert sorted(m.tags.get_datums_in_tag("picked")) == sorted(want)


# ---- the server checks every filter before any work ---------------------------------------------
BAD_FILTERS = [  # (body, status)
    ({"filter": {"ranges": {"nosuchcolumn": [0, 1]}}}, 400),
    ({"filter": {"ranges": {"section": [0, 1]}}}, 400),              # a range on a category
    ({"filter": {"values": {"installed_size": ["1"]}}}, 400),         # values on a number
    ({"filter": {"values": {"section": ["no such bar"]}}}, 400),
    ({"filter": {"ranges": {"installed_size": [0, "NaN"]}}}, 422),
    ({"filter": {"ranges": {"installed_size": [0, 1, 2]}}}, 422),
    ({"filter": {"values": {"section": []}}}, 422),
    ({"filter": {"values": {"section": ["x"] * 1001}}}, 422),
    ({"filter": {"tag": "../../etc"}}, 422),
    ({"filter": {"rows": list(range(1001))}}, 422),
    ({"filter": {"sql": "drop table"}}, 422),                         # unknown keys are refused
    ({"filter": {"ranges": {"x" * 257: [0, 1]}}}, 422),
]


@pytest.mark.parametrize("body,status", BAD_FILTERS, ids=[str(i) for i in range(len(BAD_FILTERS))])
def test_filters_are_validated_by_the_server(built_map, body, status):
    from fastapi.testclient import TestClient

    from datamap.viewer.app import create_app

    c = TestClient(create_app(built_map["store"]))
    base = f"/api/maps/debian/{built_map['version']}"
    for route in ("aggregate", "rows", "export", "python"):
        r = c.post(f"{base}/{route}", json=body)
        assert r.status_code == status, (route, body, r.status_code, r.text[:200])


def test_unfiltered_charts_are_the_data_own_counts(built_map, frame):
    """Every chart's bars, unfiltered, are polars' counts of the column (histograms: of its bins)."""
    from fastapi.testclient import TestClient

    from datamap.viewer.app import create_app

    c = TestClient(create_app(built_map["store"]))
    cols = {m["name"]: m for m in c.get(f"/api/maps/debian/{built_map['version']}/columns").json()["columns"]}
    assert {"section", "installed_size", "tags", "topic_1"} <= set(cols)
    assert cols["tags"]["kind"] == "list" and cols["topic_1"]["kind"] == "topic"
    assert not cols.get("maintainer", {"shown": False})["shown"]       # near-unique text: not by default
    edges = np.array(cols["installed_size"]["edges"])
    hist, _ = np.histogram(frame["installed_size"].to_numpy(), bins=edges)
    assert cols["installed_size"]["total"][:-1] == hist.tolist()
    items = frame.explode("tags").drop_nulls("tags").group_by("tags").len()
    counts = dict(items.iter_rows())
    for value, n in zip(cols["tags"]["categories"], cols["tags"]["total"]):
        if not value.startswith("("):
            assert counts[value] == n, value
