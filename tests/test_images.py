"""Image maps on real images: scikit-learn's handwritten digits (1,797 8×8 scans with
labels, shipped with scikit-learn, so offline), written as PNG files, mapped with their
pixels as the vectors (bring-your-own vectors: no image model ships offline).
"""
from __future__ import annotations

import io

import numpy as np
import polars as pl
import pytest

K = 10
SEPARATION_FLOOR = 0.80   # random neighbours share a label ~10% of the time


def _digits_png_table(tmp_path, as_bytes: bool = False) -> tuple[pl.DataFrame, np.ndarray]:
    from PIL import Image
    from sklearn.datasets import load_digits

    d = load_digits()
    img_dir = tmp_path / "digits"
    img_dir.mkdir()
    refs = []
    for i, im in enumerate(d.images):
        a = (255 - im * (255 / 16)).clip(0, 255).astype(np.uint8)   # dark ink on white
        buf = io.BytesIO()
        Image.fromarray(a, mode="L").save(buf, format="PNG")
        if as_bytes:
            refs.append(buf.getvalue())
        else:
            p = img_dir / f"digit-{i:04d}.png"
            p.write_bytes(buf.getvalue())
            refs.append(str(p))
    df = pl.DataFrame({"id": [f"d{i}" for i in range(len(refs))], "image": refs,
                       "label": [str(t) for t in d.target],
                       "embedding": d.data.astype(np.float32).tolist()},
                      schema_overrides={"embedding": pl.List(pl.Float32)})
    return df, d.target


@pytest.fixture(scope="module")
def digits_map(tmp_path_factory) -> dict:
    from datamap.flows.build_map import build_map

    tmp = tmp_path_factory.mktemp("digits")
    df, labels = _digits_png_table(tmp)
    src = tmp / "digits.parquet"
    df.write_parquet(src)
    store = str(tmp / "store")
    res = build_map(source=str(src), dataset="digits", store=store,
                    options={"id_field": "id", "embedding_field": "embedding",
                             "projection": {"method": "umap", "extra": ["pca"]},
                             "topics": None, "dedupe": None})
    return {"store": store, "version": res["version"], "labels": labels, "df": df}


def test_digits_map_separates_the_digits(digits_map):
    from datamap.resources.reader import open_map
    from datamap.tasks.thumbnails import labels_neighbour_share

    m = open_map("digits", digits_map["store"])
    labels = digits_map["labels"]
    ids = m.data.ids
    assert ids[:3] == ["d0", "d1", "d2"]
    share = labels_neighbour_share(m.embeddings.projections.xy("umap"), labels, K)
    rand = labels_neighbour_share(np.random.default_rng(0).random((len(labels), 2)), labels, K)
    pca = labels_neighbour_share(m.embeddings.projections.xy("pca"), labels, K)
    print(f"digits: share of {K} map neighbours with the same digit: umap {share:.3f}, "
          f"pca {pca:.3f}, random layout {rand:.3f}")
    assert rand < 0.2
    assert share >= SEPARATION_FLOOR, share
    assert share > pca     # a linear layout separates digits far less: the metric can tell


def test_thumbnails_are_the_images(digits_map):
    from PIL import Image

    from datamap.resources.reader import open_map

    m = open_map("digits", digits_map["store"])
    assert m.manifest["thumbnails"]["images"] is True and m.manifest["thumbnails"]["field"] == "image"
    assert m.manifest["thumbnails"]["missing"] == 0
    idx = m.thumbnails.index
    assert idx["rows"] == 1797 and idx["atlases"] == (1797 + 255) // 256
    m.verify()                                   # atlases are checksummed artifacts
    # row 1000's thumbnail is its digit, enlarged 8× by whole pixels
    src = np.asarray(Image.open(digits_map["df"]["image"][1000]).convert("L"))
    th = np.asarray(m.thumbnails.image(1000).convert("RGBA"))
    assert th.shape == (64, 64, 4)
    assert (th[:, :, 3] == 255).all()
    assert np.array_equal(th[::8, ::8, 0], src)
    other = np.asarray(m.thumbnails.image(1001).convert("RGBA"))
    assert not np.array_equal(other, th)


def test_bytes_column_and_unreadable_images(tmp_path):
    """Images as a bytes column; a broken one is a blank cell counted in the manifest,
    or a named error with on_missing='fail'."""
    from datamap.flows.build_map import build_map
    from datamap.resources.errors import ImageUnreadable
    from datamap.resources.reader import open_map

    df, _ = _digits_png_table(tmp_path, as_bytes=True)
    df = df.head(300).with_columns(
        pl.when(pl.col("id") == "d7").then(pl.lit(b"not an image")).otherwise(pl.col("image")).alias("image"))
    src = tmp_path / "digits-bytes.parquet"
    df.write_parquet(src)
    store = str(tmp_path / "store")
    opts = {"id_field": "id", "embedding_field": "embedding", "topics": None, "dedupe": None,
            "projection": {"method": "pca"}, "thumbnails": {"image_field": "image"}}
    build_map(source=str(src), dataset="bytes", store=store, options=opts)
    m = open_map("bytes", store)
    assert m.manifest["thumbnails"]["missing"] == 1 and m.thumbnails.index["missing_rows"] == [7]
    assert np.asarray(m.thumbnails.image(7).convert("RGBA"))[:, :, 3].max() == 0
    assert np.asarray(m.thumbnails.image(8).convert("RGBA"))[:, :, 3].max() == 255
    with pytest.raises(ImageUnreadable, match="cannot read image"):
        build_map(source=str(src), dataset="bytes2", store=store,
                  options={**opts, "thumbnails": {"image_field": "image", "on_missing": "fail"}})


def test_text_map_has_no_thumbnails(built_map):
    from datamap.resources.errors import ResourceMissing
    from datamap.resources.reader import open_map

    m = open_map(built_map["dataset"], built_map["store"])
    assert m.manifest["thumbnails"] == {"images": False}
    with pytest.raises(ResourceMissing, match="thumbnails"):
        m.thumbnails.index


# ---- the web map in real Chromium ---------------------------------------------------------------
@pytest.fixture(scope="module")
def image_page(digits_map, browser):
    from webpage import open_page, serve

    with serve(digits_map["store"]) as url:
        ctx, pg = open_page(browser, f"{url}/#/map/digits/{digits_map['version']}", timeout_ms=30_000)
        yield pg
        ctx.close()


def test_image_map_hover_shows_the_thumbnail_and_zoom_draws_them(image_page, digits_map):
    from webpage import settle

    pg = image_page
    # hover the point nearest the middle of the map: the tooltip shows that row's image
    p = pg.evaluate("""() => {
      const v = window.__datamap.view, t = v.tiles.get('0/0/0');
      let best = null;
      for (let i = 0; i < t.n; i++) {
        const [sx, sy] = v.screenOf(t.positions[2*i] / 1000, 1 - t.positions[2*i+1] / 1000);
        const d = Math.hypot(sx - 500, sy - 420);
        if (!best || d < best.d) best = {row: t.rows[i], sx, sy, d};
      }
      return best;
    }""")
    pg.mouse.move(p["sx"], p["sy"])
    pg.wait_for_selector("#tooltip:not([hidden]) img.thumb", timeout=10_000)
    pg.wait_for_function("document.querySelector('#tooltip img.thumb').complete", timeout=10_000)
    size = pg.evaluate("[document.querySelector('#tooltip img.thumb').naturalWidth, "
                       "document.querySelector('#tooltip img.thumb').naturalHeight]")
    assert size == [64, 64]
    shown_id = pg.inner_text("#tooltip .tid").strip()
    row = int(pg.evaluate("document.querySelector('#tooltip img.thumb').src").rsplit("/", 1)[1].split(".")[0])
    assert shown_id == digits_map["df"]["id"][row]          # the image is the hovered record's
    assert pg.evaluate("window.__datamap.thumbnailsDrawn || 0") == 0   # overview: dots
    # zoom in far: thumbnails replace the dots
    for _ in range(14):
        pg.mouse.wheel(0, -200)
        settle(pg)
        if pg.evaluate("window.__datamap.thumbnailsDrawn > 0"):
            break
    pg.mouse.wheel(0, -200)        # one step further: fewer, larger thumbnails
    pg.mouse.move(5, 5)            # off the map: no tooltip over the canvas
    pg.wait_for_function("window.__datamap.thumbnailsDrawn > 0", timeout=15_000)
    settle(pg)                     # tiles in, atlas PNGs loaded (each IconLayer isLoaded), drawn
    layers = pg.evaluate("window.__datamap.view.deck.props.layers.map(l => l.id)")
    assert any(x.startswith("thumbs-") for x in layers) and not any(x.startswith("tile-") for x in layers)
    import io

    from PIL import Image

    shot = np.asarray(Image.open(io.BytesIO(pg.locator("#map canvas").first.screenshot())).convert("L"))
    # digits are dark ink on white cells: many dark pixels once the thumbnails are drawn
    assert (shot < 80).sum() > 500
