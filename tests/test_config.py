"""``datamap.toml``: every build option from a file, under the command line's flags.

The merge rules are checked on ``build_options`` (the function ``datamap build`` calls),
and one real ``datamap build`` in a folder holding a ``datamap.toml`` shows the file is
read without being named and that a flag given on the command line wins.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
import typer

from conftest import debian_subset
from datamap.cli.build_options import build_options
from datamap.cli.config import load_config

FLAG_DEFAULTS = dict(fields={"text_field": None, "embed_mode": "quality", "on_invalid": "fail"},
                     layout={"method": "auto", "seed": 42, "extra": []}, topics={}, dedupe={}, outliers={},
                     image_field=None)


def _write(tmp_path, text: str) -> str:
    p = tmp_path / "datamap.toml"
    p.write_text(textwrap.dedent(text))
    return str(p)


def _options(path: str, given: set[str] = frozenset(), settings: list[str] = (), **flags) -> dict:
    from_file, _ = load_config(path)
    args = {**FLAG_DEFAULTS, **flags}
    return build_options(args["fields"], args["layout"], args["topics"], args["dedupe"], args["outliers"],
                         args["image_field"], list(settings), from_file=from_file, given=set(given))


def test_the_file_fills_what_the_flags_leave_at_their_defaults(tmp_path):
    path = _write(tmp_path, """
        text_field = "body"
        embed_mode = "fast"
        outliers = false
        [projection]
        method = "umap"
        n_neighbors = 30
        [topics]
        depths = 2
        [tiles]
        capacity = 500
        """)
    opts = _options(path)
    assert opts["text_field"] == "body" and opts["embed_mode"] == "fast"
    assert opts["outliers"] is None                       # "stage = false" switches it off
    assert opts["projection"]["method"] == "umap" and opts["projection"]["n_neighbors"] == 30
    assert opts["topics"] == {"depths": 2} and opts["tiles"] == {"capacity": 500}


def test_flags_given_override_the_file_and_set_overrides_both(tmp_path):
    path = _write(tmp_path, """
        embed_mode = "fast"
        [projection]
        method = "umap"
        n_neighbors = 30
        [topics]
        depths = 2
        labeller = "keywords"
        """)
    opts = _options(path, given={"embed_mode", "projection", "labeller"},
                    fields={**FLAG_DEFAULTS["fields"], "embed_mode": "exact"},
                    layout={"method": "pca", "seed": 42, "extra": []}, settings=["topics.depths=3"])
    assert opts["embed_mode"] == "exact"
    # --projection pca on the command line: the file's UMAP key is dropped, not sent to PCA
    assert opts["projection"]["method"] == "pca" and "n_neighbors" not in opts["projection"]
    assert opts["topics"] == {"depths": 3}                 # --labeller contrastive given; --set wins
    off = _options(path, given={"topics"}, topics=None)
    assert off["topics"] is None                           # --no-topics beats the file's [topics]


def test_a_bad_file_is_a_usage_error_naming_it(tmp_path):
    with pytest.raises(typer.BadParameter, match="no config file at"):
        load_config(str(tmp_path / "missing.toml"))
    with pytest.raises(typer.BadParameter, match="not valid TOML"):
        load_config(_write(tmp_path, "text_field = \n"))
    with pytest.raises(typer.BadParameter, match=r"\[topics.x\] is nested too deep"):
        load_config(_write(tmp_path, "[topics.x]\ny = 1\n"))
    with pytest.raises(typer.BadParameter, match="projection.perplexity applies to method tsne or auto, not umap"):
        _options(_write(tmp_path, "[projection]\nmethod = 'umap'\nperplexity = 5\n"))


def test_datamap_build_reads_datamap_toml_in_the_working_directory(debian, debian_vectors, tmp_path):
    sub = debian_subset(debian, debian_vectors, 120, seed=4)
    sub.write_parquet(tmp_path / "in.parquet")
    _write(tmp_path, """
        text_field = "text"
        id_field = "id"
        embedding_field = "embedding"
        topics = false
        outliers = false
        [projection]
        method = "pca"
        [dedupe]
        duplicate_cutoff = 0.05
        [tiles]
        capacity = 50
        """)
    env = {**os.environ, "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"}
    cmd = [sys.executable, "-m", "datamap.cli.main", "build", "in.parquet", "-d", "cfg", "--store", "st"]
    p = subprocess.run([*cmd, "--duplicate-cutoff", "0.07"], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    from datamap import open_map

    m = open_map("cfg", store=str(tmp_path / "st"))
    params = m.manifest["build"]["params"]
    assert params["text_field"] == "text" and params["topics"] is None and params["outliers"] is None
    assert m.manifest["projection"]["method"] == "pca"
    assert params["dedupe"]["duplicate_cutoff"] == 0.07       # the flag, over the file's 0.05
    assert params["tiles"] == {"capacity": 50}                # a stage option no flag reaches
    # an unknown key in the file: refused before any work, with the valid ones listed
    (tmp_path / "bad.toml").write_text("colour = 'red'\n")
    p = subprocess.run([*cmd, "--config", "bad.toml"], cwd=tmp_path, env=env, capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 2 and "unknown build option(s) colour" in p.stderr, p.stderr
    assert "text_field" in p.stderr and "Traceback" not in p.stderr
    assert json.loads(json.dumps(params))   # the manifest keeps plain JSON
