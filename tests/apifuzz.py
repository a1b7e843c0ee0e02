"""Drive every route of the web map API from its own OpenAPI schema with schemathesis.

Shared by tests/test_hardening.py (a few examples per route, for CI) and bench/fuzz_api.py
(many). Two schemas are fuzzed: the app's own, where every path parameter is free text
(so most requests end at a 400/404 for an unknown map), and a copy with ``dataset`` and
``version`` pinned to a real map, so the bodies and numbers reach the code behind them.
Checks: no 5xx, and every response matches the schema (status-code documentation is
not checked: FastAPI documents 200 and 422 only, and our 400/401/403/404/409/413 are the
named refusals the other tests pin).
"""
from __future__ import annotations

import copy
from typing import Any

import schemathesis
from schemathesis import GenerationMode
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def pinned(spec: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """A copy of ``spec`` whose path parameters named in ``values`` can only be those values."""
    out = copy.deepcopy(spec)
    for ops in out["paths"].values():
        for op in ops.values():
            for p in op.get("parameters", []):
                if p.get("in") == "path" and p["name"] in values:
                    p["schema"] = {"type": "string", "enum": [values[p["name"]]]}
    return out


def fuzz(app: Any, spec: dict[str, Any], examples: int, headers: dict[str, str] | None = None,
         negative: bool = True) -> dict[str, int]:
    """Fuzz every operation of ``spec`` against ``app``: ``examples`` valid requests per
    route, and as many invalid ones (wrong types, missing fields, out of range) with
    ``negative``. Returns the count of answers per status; raises (hypothesis' shrunk
    example) on the first failed check."""
    schema = schemathesis.openapi.from_dict(spec)
    schema.app = app
    statuses: dict[str, int] = {}
    modes = [GenerationMode.POSITIVE] + ([GenerationMode.NEGATIVE] if negative else [])
    for result in schema.get_all_operations():
        op = result.ok()
        for mode in modes:
            _fuzz_one(op.as_strategy(generation_mode=mode), examples, headers, statuses)
    return statuses


def _fuzz_one(strategy: Any, examples: int, headers: dict[str, str] | None, statuses: dict[str, int]) -> None:
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @given(case=strategy)
    def one(case) -> None:
        resp = case.call(headers=headers)
        key = f"{resp.status_code}"
        statuses[key] = statuses.get(key, 0) + 1
        case.validate_response(resp, checks=CHECKS)

    try:
        one()
    except Unsatisfiable:       # nothing can be made invalid on a route without inputs
        pass
