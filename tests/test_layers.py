"""The import-layer contract (``.importlinter``) holds, and it can fail.

import-linter reads the package from disk. The editable install maps each top-level
folder to ``datamap.<folder>``, which grimp cannot walk, so the test lays the Python
files out as the wheel installs them (``<tmp>/datamap/<folder>/…``) and lints that copy;
the second test plants a violation in such a copy to show the contract catches it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO

FOLDERS = ("cli", "flows", "tasks", "resources", "viewer", "deployments")


def _package_copy(dest: Path) -> Path:
    """The .py files of the package under ``dest/datamap``, as a wheel installs them."""
    root = dest / "datamap"
    root.mkdir(parents=True)
    shutil.copy(REPO / "datamap" / "__init__.py", root / "__init__.py")
    for folder in FOLDERS:
        for src in (REPO / folder).rglob("*.py"):
            if "node_modules" in src.parts:
                continue
            out = root / folder / src.relative_to(REPO / folder)
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, out)
    return dest


def _lint(tree: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([str(exe), "--no-cache", str(REPO / ".importlinter")], cwd=tree, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_import_contract_holds(tmp_path):
    got = _lint(_package_copy(tmp_path))
    assert got.returncode == 0, got.stdout[-4000:] + got.stderr[-2000:]
    kept = [line for line in got.stdout.splitlines() if "KEPT" in line]
    assert len(kept) == 6, got.stdout      # every contract in .importlinter was checked


def test_a_planted_violation_breaks_the_contract(tmp_path):
    tree = _package_copy(tmp_path)
    schema = tree / "datamap" / "resources" / "schema.py"
    schema.write_text(schema.read_text() + "\nfrom datamap.flows import build_map  # planted\n")
    got = _lint(tree)
    assert got.returncode != 0
    assert "BROKEN" in got.stdout and "datamap.resources.schema -> datamap.flows" in got.stdout, got.stdout[-3000:]
