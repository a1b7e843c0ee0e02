"""The front end builds from source, and the bundle committed in viewer/static is that build.

Runs `npm ci && npm run build` in a copy of viewer/frontend (skipped without npm). Vite
names assets by content hash, so equal names mean the committed bundle is current.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FRONTEND = REPO / "viewer" / "frontend"
STATIC = REPO / "viewer" / "static"


@pytest.mark.skipif(shutil.which("npm") is None, reason="needs Node/npm to build the front end")
def test_frontend_builds_and_committed_bundle_is_current(tmp_path):
    src = tmp_path / "frontend"
    shutil.copytree(FRONTEND, src, ignore=shutil.ignore_patterns("node_modules", "dist"))
    out = tmp_path / "static"
    env = {**os.environ, "DATAMAP_VIEWER_OUT": str(out), "npm_config_audit": "false", "npm_config_fund": "false"}
    for cmd in (["npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"], ["npm", "run", "build"]):
        r = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, f"{' '.join(cmd)} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    built = sorted(p.name for p in (out / "assets").iterdir())
    committed = sorted(p.name for p in (STATIC / "assets").iterdir())
    assert (out / "index.html").exists() and any(n.endswith(".js") for n in built)
    assert built == committed, "viewer/static is stale: run `make viewer` and commit viewer/static"
