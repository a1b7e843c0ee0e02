"""The web server under attack: every route tried with path traversal, oversized and
malformed bodies, out-of-range numbers, and missing / wrong tokens when the server is bound
beyond loopback; plus bandit over the package (no high-severity finding, and no pickle,
eval, exec or unsafe YAML at any severity).

No route accepts Arrow input (tiles go out as Arrow; everything coming in is JSON or the
URL), so "malformed Arrow" has no entry point to try; malformed JSON is tried on every
route that takes a body.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from datamap.resources.errors import DatamapError

TRAVERSAL = ["..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
             "..%5c..%5cetc%5cpasswd", "....%2f%2f", "%2fetc%2fpasswd", "a%00b", "x" * 300,
             "%252e%252e%252f", ".hidden", "~root", "debian%2f..%2f..%2f_cache"]
INTS = ["-1", "99999999", str(2 ** 63), "1e3", "abc"]
OK_CODES = {400, 401, 403, 404, 405, 409, 413, 422}
SECRET_MARKERS = ("root:x:0:0", "sha256", "\"artifacts\"", "PRIVATE KEY")


def _app(built_map, **kw):
    from datamap.viewer.app import create_app

    return create_app(built_map["store"], **kw)


def _routes(app) -> list[tuple[str, str]]:
    out = []
    for r in app.routes:
        if isinstance(r, APIRoute):
            for m in sorted(r.methods - {"HEAD"}):
                out.append((m, r.path))
    return out


def _fill(path: str, built_map, int_value: str = "0") -> str:
    """A concrete URL for a route pattern, with the built map's real names."""
    real = {"dataset": built_map["dataset"], "version": built_map["version"], "name": "t"}
    out = path
    for p in ("dataset", "version", "name"):
        out = out.replace("{" + p + "}", real[p])
    for p in ("z", "x", "y", "row"):
        out = out.replace("{" + p + "}", int_value)
    return out


def _variants(path: str, built_map):
    """(url, slot) with each string slot in turn replaced by each traversal payload."""
    for slot in ("dataset", "version", "name"):
        if "{" + slot + "}" not in path:
            continue
        for bad in TRAVERSAL:
            url = path
            for p, v in (("dataset", built_map["dataset"]), ("version", built_map["version"]), ("name", "t")):
                url = url.replace("{" + p + "}", bad if p == slot else v)
            for p in ("z", "x", "y", "row"):
                url = url.replace("{" + p + "}", "0")
            yield url, slot
    for slot in ("z", "x", "y", "row"):
        if "{" + slot + "}" not in path:
            continue
        for bad in INTS:
            url = path
            for p, v in (("dataset", built_map["dataset"]), ("version", built_map["version"]), ("name", "t")):
                url = url.replace("{" + p + "}", v)
            for p in ("z", "x", "y", "row"):
                url = url.replace("{" + p + "}", bad if p == slot else "0")
            yield url, slot


def _check(resp, what: str) -> None:
    assert resp.status_code != 500, f"{what}: server error\n{resp.text[:500]}"
    body = resp.text
    for marker in ("root:x:0:0", "PRIVATE KEY"):
        assert marker not in body, f"{what}: leaked {marker!r}"


def test_every_route_refuses_traversal_and_bad_numbers(built_map):
    app = _app(built_map)
    c = TestClient(app, raise_server_exceptions=False)
    tried = 0
    for method, path in _routes(app):
        for url, slot in _variants(path, built_map):
            body = {"polygon": [[0, 0], [1, 0], [1, 1]]} if method == "POST" else None
            r = c.request(method, url, json=body, params={"q": "x"} if "search" in path else None,
                          headers={"Origin": "http://testserver"} if method == "POST" else {})
            _check(r, f"{method} {url}")
            if slot in ("dataset", "version", "name"):
                assert r.status_code in OK_CODES, f"{method} {url} ({slot}) -> {r.status_code}: {r.text[:300]}"
            tried += 1
    # the static mount: nothing outside viewer/static/assets
    for bad in ("..%2fapp.py", "%2e%2e%2f%2e%2e%2fapp.py", "..%2f..%2fresources%2fstore.py"):
        r = c.get(f"/assets/{bad}")
        assert r.status_code in (400, 404), (bad, r.status_code)
        assert "def create_app" not in r.text and "class Store" not in r.text
        tried += 1
    assert tried > 100
    print(f"{tried} hostile requests over {len(_routes(app))} routes: no 500, no leak")


def _post_routes(app) -> list[str]:
    return [p for m, p in _routes(app) if m == "POST"]


def test_oversized_and_malformed_bodies_are_refused(built_map):
    from datamap.viewer.app import MAX_BODY

    app = _app(built_map)
    c = TestClient(app, raise_server_exceptions=False)
    hdr = {"Origin": "http://testserver", "Content-Type": "application/json"}
    posts = _post_routes(app)
    assert posts, "no POST routes found"
    big = b'{"polygon": [' + b"[0.5, 0.5]," * (MAX_BODY // 10) + b'[0,0]]}'
    for path in posts:
        url = _fill(path, built_map)
        r = c.post(url, content=big, headers=hdr)
        assert r.status_code == 413, (url, r.status_code, r.text[:200])
        # no Content-Length (chunked): counted as it arrives

        def chunks():
            for _ in range(MAX_BODY // (1 << 20) + 2):
                yield b" " * (1 << 20)

        r = c.post(url, content=chunks(), headers=hdr)
        assert r.status_code == 413, (url, "chunked", r.status_code)
        for bad in (b"{not json", b"", b"[]", b'{"polygon": "x"}', b'{"polygon": [[1e999, 0]]}',
                    b"[" * 50_000 + b"]" * 50_000, b'{"rows": [1, "a"]}', b'{"op": "drop"}',
                    b'{"polygon": [[0, 0]], "limit": -5}', "{\"ids\": [\"\udcff\"]}".encode("utf-8", "surrogatepass"),
                    json.dumps({"polygon": [[0, 0]] * 20_000}).encode()):
            r = c.post(url, content=bad, headers=hdr)
            _check(r, f"POST {url} {bad[:40]!r}")
            assert r.status_code in OK_CODES, (url, bad[:40], r.status_code, r.text[:300])


def test_query_parameters_are_bounded(built_map):
    app = _app(built_map)
    c = TestClient(app, raise_server_exceptions=False)
    base = f"/api/maps/{built_map['dataset']}/{built_map['version']}"
    for params in ({"q": "x" * 5000}, {"q": ""}, {"q": "x", "k": 10 ** 9}, {"q": "x", "k": -1},
                   {"q": "x", "mode": "sql"}, {"q": "\x00\u202e\ufffe"}):
        r = c.get(base + "/search", params=params)
        assert r.status_code in OK_CODES, (params, r.status_code)
    for params in ({"k": 10 ** 6}, {"k": 0}):
        r = c.get(base + "/neighbors/0", params=params)
        assert r.status_code == 422, (params, r.status_code)


def test_beyond_loopback_every_route_needs_the_token(built_map):
    app = _app(built_map, token="s3cret-token", require_token=True)
    c = TestClient(app, raise_server_exceptions=False)
    urls = [(m, _fill(p, built_map)) for m, p in _routes(app)] + [("GET", "/"), ("GET", "/assets/x.js")]
    for method, url in urls:
        for headers in ({}, {"X-Datamap-Token": "wrong"}, {"Authorization": "Bearer wrong"},
                        {"Cookie": "datamap_token=wrong"}, {"X-Datamap-Token": ""}):
            r = c.request(method, url, headers=headers, json={} if method == "POST" else None)
            assert r.status_code == 401, (method, url, headers, r.status_code)
            assert "s3cret" not in r.text
    ok = TestClient(app, raise_server_exceptions=False)
    r = ok.get("/api/catalog", headers={"X-Datamap-Token": "s3cret-token"})
    assert r.status_code == 200
    # a browser signs in once; the token leaves the URL and lives in an HttpOnly cookie
    r = ok.get("/?token=s3cret-token", follow_redirects=False)
    assert r.status_code == 303 and "token" not in r.headers["location"]
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert ok.get("/api/catalog").status_code == 200
    tag_url = f"/api/maps/{built_map['dataset']}/{built_map['version']}/tags/sec-test"
    assert ok.post(tag_url, json={"rows": [1]}, headers={"Origin": "http://testserver"}).status_code == 200
    # another web site cannot use the cookie to write
    assert ok.post(tag_url, json={"rows": [2]}, headers={"Origin": "http://evil.example"}).status_code == 403
    assert TestClient(app).get("/?token=nope", follow_redirects=False).status_code == 401


def test_serve_refuses_to_listen_beyond_loopback_without_a_token(built_map):
    from typer.testing import CliRunner

    from datamap.cli.main import app as cli
    from datamap.viewer.app import serve

    with pytest.raises(DatamapError, match="token"):
        serve(built_map["store"], host="0.0.0.0", port=1)
    res = CliRunner().invoke(cli, ["serve", "--store", built_map["store"], "--host", "0.0.0.0", "--port", "1"],
                             env={"DATAMAP_TOKEN": ""})
    assert res.exit_code == 2, res.output


# bandit test ids that must not appear at any severity: pickle/marshal, eval/exec, yaml.load,
# shell=True, and imports of pickle-like modules
BANNED = {"B301", "B302", "B307", "B102", "B506", "B602", "B604", "B605", "B403"}


def test_bandit_finds_nothing_high_and_no_pickle_eval_or_yaml():
    pytest.importorskip("bandit")
    proc = subprocess.run([sys.executable, "-m", "bandit", "-q", "-r", "datamap", "cli", "resources", "tasks", "flows", "viewer",
                           "deployments", "-x", "viewer/frontend,viewer/static", "-f", "json"],
                          cwd=str(REPO), capture_output=True, text=True, timeout=300)
    report = json.loads(proc.stdout)
    high = [f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
            for r in report["results"] if r["issue_severity"] == "HIGH"]
    banned = [f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
              for r in report["results"] if r["test_id"] in BANNED]
    assert not high, high
    assert not banned, banned
    assert report["metrics"]["_totals"]["loc"] > 3000    # it really scanned the package
