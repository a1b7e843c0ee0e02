"""Great Expectations as a data team uses it: the dataset's suite, the user's own
expectations, GX's result document and Data Docs in the version, opened in Chromium.

Real Debian rows; a user suite restricts ``section`` to the sections of the first rows,
so the offending rows (and their ids, in input order) are known from polars directly.
"""
from __future__ import annotations

import json

import polars as pl
import pytest
from webpage import serve

from datamap.flows.build_map import build_map
from datamap.resources import open_map
from datamap.resources.errors import InvalidOption, ValidationFailed

pytestmark = pytest.mark.slow

OPTS = {"text_field": "text", "id_field": "id", "embed_mode": "fast", "projection": {"method": "pca"},
        "topics": None, "dedupe": None, "outliers": None, "tiles": None}
ROWS = 300


@pytest.fixture(scope="module")
def rows(debian) -> pl.DataFrame:
    return debian.filter(pl.col("text").str.len_chars() < 600).head(ROWS).select("id", "text", "section")


@pytest.fixture(scope="module")
def source(rows, tmp_path_factory) -> str:
    p = tmp_path_factory.mktemp("gx-src") / "in.parquet"
    rows.write_parquet(p)
    return str(p)


def _suite(path, allowed: list[str]) -> str:
    """A suite file as a data team writes it, with one expectation on a metadata column."""
    path.write_text(json.dumps({"name": "team-suite", "expectations": [
        {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "section", "value_set": allowed}}]}))
    return str(path)


def _allowed(rows: pl.DataFrame) -> list[str]:
    """The sections of the first 100 rows: some later rows are outside them."""
    return sorted(set(rows.head(100)["section"].to_list()))


def test_a_user_expectation_stops_the_build_naming_it(rows, source, tmp_path):
    allowed = _allowed(rows)
    bad = rows.filter(~pl.col("section").is_in(allowed))
    assert 0 < bad.height < rows.height
    store = str(tmp_path / "store")
    with pytest.raises(ValidationFailed) as e:
        build_map(source=source, dataset="gx", store=store,
                  options={**OPTS, "expectations": _suite(tmp_path / "s.json", allowed)})
    msg = str(e.value)
    assert "expect_column_values_to_be_in_set" in msg and "'section'" in msg, msg
    assert f"{bad.height} row(s)" in msg, msg
    assert str(bad["id"].head(5).to_list()) in msg, msg          # the first offending ids, in input order
    assert "Data Docs" in msg                                     # where GX's page on the failure is
    assert not (tmp_path / "store" / "gx" / "LATEST").exists()     # nothing published


def test_skip_drops_exactly_the_rows_the_user_expectation_refuses(rows, source, tmp_path):
    allowed = _allowed(rows)
    res = build_map(source=source, dataset="gx", store=str(tmp_path / "store"),
                    options={**OPTS, "on_invalid": "skip", "expectations": _suite(tmp_path / "s.json", allowed)})
    m = open_map("gx", store=str(tmp_path / "store"), version=res["version"])
    want = rows.filter(pl.col("section").is_in(allowed))["id"].to_list()
    assert sorted(m.data.ids) == sorted(want)
    val = m.manifest["validation"]
    assert val["dropped"] == {"section: expect_column_values_to_be_in_set": rows.height - len(want)}
    assert val["success"] is False and val["rows_out"] == len(want)


def test_the_version_keeps_gx_documents_and_data_docs_that_open_in_chromium(rows, source, tmp_path, browser):
    store = str(tmp_path / "store")
    allowed = sorted(set(rows["section"].to_list()))
    res = build_map(source=source, dataset="gx", store=store,
                    options={**OPTS, "expectations": _suite(tmp_path / "s.json", allowed)})
    m = open_map("gx", store=store, version=res["version"])
    doc = json.loads(m.store.read_bytes(m.artifact_path("validation.json")))
    suite = json.loads(m.store.read_bytes(m.artifact_path("expectation_suite.json")))
    # GX's own documents: the validation result and the suite that ran (contract + the user's)
    assert doc["success"] is True and doc["suite_name"] == "datamap.gx"
    types = [r["expectation_config"]["type"] for r in doc["results"]]
    assert "expect_column_values_to_be_in_set" in types and "expect_column_values_to_be_unique" in types
    assert [e["type"] for e in suite["expectations"]] == types
    assert m.manifest["validation"]["expectations"] == len(types)
    pages = [a for a in m.manifest["artifacts"] if a.startswith("data_docs/validations/")]
    assert len(pages) == 1 and m.manifest["validation"]["data_docs"] == pages[0]
    docs = f"/api/maps/gx/{res['version']}/data-docs/"
    with serve(store) as base:
        ctx = browser.new_context()
        pg = ctx.new_page()
        r = pg.goto(base + docs + pages[0].removeprefix("data_docs/"))
        assert r.status == 200 and "script-src 'none'" in r.headers["content-security-policy"]
        body = pg.inner_text("body")
        # GX renders each expectation in words: the user's value set and the contract's uniqueness
        assert "section" in body and "unique" in body.lower() and "datamap.gx" in body, body[:2000]
        assert pg.locator("table").count() >= 1
        # the suite's own page opens too
        (suite_page,) = [a for a in m.manifest["artifacts"] if a.startswith("data_docs/expectations/")]
        assert pg.goto(base + docs + suite_page.removeprefix("data_docs/")).status == 200
        assert "section" in pg.inner_text("body")
        assert pg.goto(base + docs + "../manifest.json").status == 404
        assert pg.goto(base + docs + "nosuch.html").status == 404
        ctx.close()


def test_a_bad_suite_is_refused_before_the_source_is_read(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"expectations": [{"type": "expect_nonsense", "kwargs": {}}]}))
    with pytest.raises(InvalidOption, match="expectation 0.*expect_nonsense"):
        build_map(source=str(tmp_path / "no-such-input.parquet"), dataset="gx", store=str(tmp_path / "s"),
                  options={**OPTS, "expectations": str(bad)})
    with pytest.raises(InvalidOption, match="file not found"):
        build_map(source=str(tmp_path / "no-such-input.parquet"), dataset="gx", store=str(tmp_path / "s"),
                  options={**OPTS, "expectations": str(tmp_path / "missing.json")})


def test_an_expectation_on_a_missing_column_names_it(source, tmp_path):
    with pytest.raises(InvalidOption, match="'maintainer'.*columns: id, text, section"):
        build_map(source=source, dataset="gx", store=str(tmp_path / "s"),
                  options={**OPTS, "expectations": _suite_on(tmp_path / "s.json", "maintainer")})


def _suite_on(path, column: str) -> str:
    path.write_text(json.dumps({"expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": column}}]}))
    return str(path)
