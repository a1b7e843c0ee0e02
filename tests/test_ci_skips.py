"""Under ``CI=true`` a skip is a failure (tests/conftest.py), so a machine without Chromium,
npm or bandit cannot turn a red suite green. Each case runs a tiny suite in a fresh pytest
process with this folder's conftest as a plugin, and reads its exit status and summary.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from conftest import REPO

DEMO = '''
import pytest
from webpage import needs_chromium

def test_plain():
    pass

def test_skips_at_run_time():
    pytest.skip("tool missing")

@needs_chromium
def test_in_a_browser():
    pass

@pytest.mark.xfail(strict=True, reason="known defect")
def test_known_defect():
    assert False
'''


def _run_demo(tmp_path, env_extra: dict[str, str], path: str | None = None,
              source: str = DEMO) -> tuple[int, str]:
    """Exit status and output of pytest over ``source``, with only ``env_extra`` deciding CI."""
    (tmp_path / "test_demo.py").write_text(textwrap.dedent(source))
    env = {k: v for k, v in os.environ.items()
           if k not in ("CI", "DATAMAP_CI_ALLOW_SKIPS", "DATAMAP_CHROMIUM") and not k.startswith("PYTEST_XDIST")}
    # a private folder: the plugin removes its folder when its session ends
    env["DATAMAP_TESTS_TMP"] = str(tmp_path / "inner-tmp")
    os.makedirs(env["DATAMAP_TESTS_TMP"])
    env["PYTHONPATH"] = str(REPO / "tests")
    if path is not None:
        env["PATH"] = path
    env.update(env_extra)
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "conftest", "-p", "no:cacheprovider",
                           "--rootdir", str(tmp_path), str(tmp_path / "test_demo.py")],
                          cwd=str(tmp_path), env=env, capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


NO_CHROMIUM = os.path.dirname(sys.executable)     # this venv's bin: python, no chromium


def test_without_ci_a_skip_still_passes(tmp_path):
    rc, out = _run_demo(tmp_path, {}, path=NO_CHROMIUM)
    assert rc == 0, out
    assert "2 skipped" in out and "1 xfailed" in out, out


def test_under_ci_a_missing_chromium_fails_the_run(tmp_path):
    """The acceptance case: PATH has no chromium, CI=true, and the run is red."""
    rc, out = _run_demo(tmp_path, {"CI": "true"}, path=NO_CHROMIUM)
    assert rc == 1, out
    assert "FAILED" in out and "test_in_a_browser" in out and "test_skips_at_run_time" in out, out
    assert "skipped under CI=true" in out and "chromium" in out, out
    # a skip in setup (the marker) reads as an error, one in the body as a failure: both red
    assert "1 failed" in out and "1 error" in out and "1 passed" in out and "1 xfailed" in out, out


def test_under_ci_a_named_exception_may_skip(tmp_path):
    rc, out = _run_demo(tmp_path, {"CI": "true", "DATAMAP_CI_ALLOW_SKIPS": "in_a_browser,at_run_time"},
                        path=NO_CHROMIUM)
    assert rc == 0, out
    assert "2 skipped" in out, out


def test_a_module_skipped_at_import_fails_under_ci(tmp_path):
    rc, out = _run_demo(tmp_path, {"CI": "true"},
                        source="import pytest\npytest.importorskip('no_such_module_xyz')\n")
    assert rc != 0, out
    assert "no_such_module_xyz" in out and "skipped under CI=true" in out, out
