"""Every ```python block of README.md and docs/*.md runs against the map the README's
first command (`make demo`) builds: dataset ``debian-sample`` from sample/debian-3k.parquet
in ``./datamap-store``. So the examples a newcomer copies cannot drift from the demo.

The demo-like map here carries the shared corpus's MiniLM vectors for the same 3,000 ids
instead of embedding them again (minutes on 2 cores): the same model, the same ids and
columns. A block that cannot run against it (a build, S3, an LLM, images) is marked with
``<!-- doc-test: skip (reason) -->`` on the line above its fence, and must give a reason.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import polars as pl
import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```python[^\n]*\n(.*?)^```", re.S | re.M)
SKIP = re.compile(r"<!-- doc-test: skip \((?P<why>[^)]+)\) -->\s*$")


def blocks(path: Path) -> list[tuple[int, str, str | None]]:
    """(line, code, skip reason or None) for each python block of ``path``."""
    text = path.read_text(encoding="utf-8")
    out = []
    for mt in FENCE.finditer(text):
        line = text.count("\n", 0, mt.start()) + 1
        before = text[:mt.start()].rstrip("\n").rsplit("\n", 1)[-1]
        why = SKIP.search(before)
        out.append((line, mt.group(1), why.group("why") if why else None))
    return out


@pytest.fixture(scope="module")
def demo_dir(debian, debian_vectors, tmp_path_factory) -> Path:
    """A folder holding ``datamap-store`` with ``debian-sample`` built as `make demo` does."""
    from datamap.flows.build_map import build_map

    sample = pl.read_parquet(ROOT / "sample" / "debian-3k.parquet")
    rows = dict(zip(debian["id"].to_list(), debian["_row"].to_list()))
    vec = np.asarray(debian_vectors[[rows[i] for i in sample["id"].to_list()]], dtype=np.float32)
    sample = sample.with_columns(pl.Series("embedding", vec.tolist(), dtype=pl.List(pl.Float32)))
    d = tmp_path_factory.mktemp("demo")
    sample.write_parquet(d / "debian-3k.parquet")
    build_map(source=str(d / "debian-3k.parquet"), dataset="debian-sample", store=str(d / "datamap-store"),
              options={"text_field": "text", "id_field": "id", "embedding_field": "embedding"})
    return d


def test_the_readme_names_the_demo_dataset():
    readme = (ROOT / "README.md").read_text()
    make = (ROOT / "Makefile").read_text()
    demo = re.search(r"--dataset (\S+)", make.split("\ndemo:", 1)[1]).group(1)
    assert demo == "debian-sample" and f"open_map(\"{demo}\")" in readme


def test_every_skipped_block_says_why():
    for path in DOCS:
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if text.startswith("<!-- doc-test:"):
                assert SKIP.search(text), f"{path.name}:{n}: write <!-- doc-test: skip (reason) -->"
        for line, _, why in blocks(path):
            assert why is None or len(why.strip()) > 5, f"{path.name}:{line}"
    ran = sum(why is None for p in DOCS for _, _, why in blocks(p))
    assert ran >= 7, f"only {ran} runnable blocks: the docs lost their examples"


@pytest.mark.parametrize("path", [p for p in DOCS if any(w is None for _, _, w in blocks(p))],
                         ids=lambda p: p.name)
def test_doc_examples_run_against_the_demo_map(path, demo_dir, monkeypatch):
    """The runnable blocks of one file, in order, in one namespace, from the folder the
    demo was built in (so ``open_map("debian-sample")`` finds ./datamap-store)."""
    monkeypatch.chdir(demo_dir)
    monkeypatch.delenv("DATAMAP_STORE", raising=False)
    ns: dict = {"__name__": "__doc_example__"}
    for line, code, why in blocks(path):
        if why is not None:
            continue
        try:
            exec(compile(code, f"{path.name}:{line}", "exec"), ns)   # noqa: S102 - our own docs
        except Exception as e:      # noqa: BLE001 - report which block broke
            pytest.fail(f"{path.name} block at line {line} raised {type(e).__name__}: {e}")


def test_open_map_from_another_directory_says_where_it_looked(tmp_path, monkeypatch):
    """Run from the wrong folder, the default relative store is empty: the error gives the
    absolute path it looked in and how to point elsewhere, not a bare "(none)"."""
    from datamap import DatasetNotFound, open_map

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATAMAP_STORE", raising=False)
    with pytest.raises(DatasetNotFound) as e:
        open_map("debian-sample")
    msg = str(e.value)
    assert str(tmp_path / "datamap-store") in msg and "DATAMAP_STORE" in msg and "store=" in msg
    with pytest.raises(DatasetNotFound) as e:       # an absolute store needs no such hint
        open_map("debian-sample", store=str(tmp_path / "elsewhere"))
    assert "working directory" not in str(e.value)
