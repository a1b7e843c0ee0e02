"""``datamap explore FILE``: one command builds the bundled sample and serves a web map
that Chromium draws (issue 18: like ``embedding-atlas data.parquet``)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import _free_port
from webpage import chromium, coloured_pixels, needs_chromium, open_page

SAMPLE = Path(__file__).resolve().parent.parent / "sample" / "debian-3k.parquet"


def test_dataset_name_from_the_file_name():
    from datamap.cli.explore import dataset_name

    assert dataset_name("data/My Notes.v2.csv") == "my-notes-v2"
    assert dataset_name(str(SAMPLE)) == "debian-3k"
    assert dataset_name("s3://bucket/x.jsonl") == "x"


@pytest.mark.slow
@needs_chromium
def test_explore_the_bundled_sample_serves_a_drawn_map(tmp_path):
    """The fast embedder keeps this test's build short; the quality embedder is tested
    on its own (test_embedders) and by the other built maps."""
    port = _free_port()
    env = {**os.environ, "DATAMAP_STORE": str(tmp_path / "store")}
    log = open(tmp_path / "explore.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "datamap.cli.main", "explore", str(SAMPLE), "--id", "id",
                             "--port", str(port), "--no-open",
                             "--embed-mode", "fast"], stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        url = None
        deadline = time.time() + 900
        while url is None and time.time() < deadline:
            assert proc.poll() is None, open(tmp_path / "explore.log").read()[-3000:]
            found = re.search(r"web map of debian-3k:\s+(\S+)", open(tmp_path / "explore.log").read())
            if found:
                url = found.group(1).replace("localhost", "127.0.0.1")
            time.sleep(2)
        assert url, "explore printed no URL in 15 minutes"
        for _ in range(60):      # the server starts just after the line is printed
            try:
                urllib.request.urlopen(url.split("#")[0], timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        with chromium() as browser:
            ctx, pg = open_page(browser, url)
            assert coloured_pixels(pg.screenshot()) > 2000 and not pg.errors
            ctx.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
