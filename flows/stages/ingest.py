"""The ``ingest`` stage: read the source, validate it, and write the validated table
(plus the user's own vectors, if any) to the work area. Nothing after it reads the
source again."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from datamap.flows.runtime.stagekit import cached_stage, write_vectors
from datamap.resources import schema
from datamap.resources.failpoints import failpoint
from datamap.tasks.ingest import read as ingest_mod
from datamap.tasks.ingest import validate as validate_mod
from datamap.tasks.ingest.data_docs import validation_page


def preload_ingest() -> None:
    """Import Great Expectations (~3–8 s of CPU here), which this stage validates with.
    A build calls it while Prefect's API server starts in its own process (~5–9 s idle;
    ``flows.runtime.api_server.local_api``): a 400-row build from the CLI took 35 -> 28 s
    (three runs each). An import that fails here is left for the stage to report."""
    with contextlib.suppress(Exception):
        import great_expectations  # noqa: F401


@cached_stage("ingest")
def ingest(key: str, work_dir: str, source: str, options: dict, on_invalid: str,
           expectations: list | None = None, suite_name: str = "datamap") -> dict:
    t0 = time.perf_counter()
    opts = ingest_mod.IngestOptions(**options)
    got = ingest_mod.ingest(source, opts)
    failpoint("ingest.after_read")
    widths = None
    if opts.embedding_field is not None and not np.isfinite(got.vectors).all():
        # rows of another width were padded with NaN: read again to name them (rare path)
        raw = ingest_mod.read_table(source, opts.format, opts.storage_options)
        widths = ingest_mod.ragged_rows(raw, opts.embedding_field)
    label = opts.embedding_field or opts.embeddings_uri or "embeddings"
    docs_dir = os.path.join(work_dir, schema.DATA_DOCS)
    shutil.rmtree(docs_dir, ignore_errors=True)      # a rerun renders its own
    byo = os.path.join(work_dir, schema.WORK_BYO_VECTORS)
    with ThreadPoolExecutor(1) as pool:
        # the vectors go to the work area while they are validated (a 1M x 384 map: ~4.5 s
        # of writing beside ~4 s of checks); written again only if rows were dropped
        early = None if got.vectors is None else pool.submit(
            write_vectors, byo, got.table[schema.ID].to_arrow(), got.vectors)
        try:
            v = validate_mod.validate(got.table, got.vectors, opts.text_field, widths=widths,
                                      embedding_label=label, on_invalid=on_invalid, user_expectations=expectations,
                                      suite_name=suite_name, docs_dir=docs_dir)
        finally:
            if early is not None:
                early.result()
    v.table.write_parquet(os.path.join(work_dir, schema.DATA), compression="zstd", statistics=True)
    if v.vectors is not None and (v.vectors is not got.vectors or v.table is not got.table):
        write_vectors(byo, v.table[schema.ID].to_arrow(), v.vectors)
    for name, doc in ((schema.VALIDATION, v.document), (schema.EXPECTATION_SUITE, v.suite)):
        with open(os.path.join(work_dir, name), "w") as f:
            json.dump(doc, f, indent=2, default=str)
    v.report["expectations"] = len(v.suite.get("expectations", []))
    page = validation_page(docs_dir)
    v.report["data_docs"] = f"{schema.DATA_DOCS}/{page}" if page else None
    return {"rows": v.table.height, "fingerprint": got.fingerprint, "validation": v.report,
            "byo": v.vectors is not None, "seconds": time.perf_counter() - t0}
