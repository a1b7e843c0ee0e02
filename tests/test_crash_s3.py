"""The crash chain of tests/test_crash.py on S3 (moto's server): its own module so that
`make test`'s workers (pytest-xdist, one module per worker) run the two chains at once."""
from __future__ import annotations

import time

import pytest
from test_crash import _crash_chain, _report, code_snapshot, prefect_api  # noqa: F401  (module fixtures)

# exhaustive: `make test` runs 12 of the chain's 20 points on local disk and S3's kill-and-resume in
# tests/test_resume_elsewhere.py; this whole chain on S3 runs with `make test-all`
pytestmark = [pytest.mark.slow, pytest.mark.exhaustive]


def test_crash_chain_s3(debian, prefect_api, code_snapshot, moto_s3, tmp_path):
    t = time.perf_counter()
    store = f"s3://{moto_s3['bucket']}/crash"
    got = _crash_chain(store, moto_s3["storage_options"], tmp_path, debian, prefect_api, code_snapshot)
    got["total_s"] = round(time.perf_counter() - t, 1)
    _report("s3", got)
