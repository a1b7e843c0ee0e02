"""Derived model folders (tasks/embed/model_files.py): built once per machine, whole or not
at all, and once even when several processes ask at the same moment."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import REPO

from datamap.tasks.embed.model_files import ensure_built

# each process: wait for the go file, then ask for the folder; the build is slow enough
# (1.5 s) that without a lock every process would find it missing and build it too
_ASK = textwrap.dedent("""
    import os, sys, time
    from datamap.tasks.embed.model_files import ensure_built
    root, log, go = sys.argv[1:4]
    def build(d):
        with open(log, "a") as f:
            f.write(f"{os.getpid()}\\n")
        time.sleep(1.5)
        with open(os.path.join(d, "weights.bin"), "w") as f:
            f.write("w")
    open(log + f".ready-{os.getpid()}", "w").close()
    while not os.path.exists(go):
        time.sleep(0.01)
    print(ensure_built("onnx", "k1", build, root))
""")


def test_processes_asking_at_once_build_the_folder_once(tmp_path):
    root, log, go = str(tmp_path / "models"), str(tmp_path / "builds.log"), str(tmp_path / "go")
    procs = [subprocess.Popen([sys.executable, "-c", _ASK, root, log, go], cwd=str(REPO),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(3)]
    deadline = time.time() + 120
    while len([f for f in os.listdir(tmp_path) if ".ready-" in f]) < 3:
        assert time.time() < deadline and all(p.poll() is None for p in procs), \
            [p.communicate()[0] for p in procs if p.poll() is not None]
        time.sleep(0.05)
    open(go, "w").close()
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert {o.strip().splitlines()[-1] for o in outs} == {os.path.join(root, "onnx-k1")}
    assert len(open(log).read().split()) == 1, "the folder was built more than once"
    assert sorted(os.listdir(root)) == [".onnx-k1.lock", "onnx-k1"]     # no temp folder left


def test_a_failed_build_leaves_nothing_and_the_next_ask_builds(tmp_path):
    root = str(tmp_path / "models")

    def broken(d):
        open(os.path.join(d, "half.bin"), "w").close()
        raise RuntimeError("export failed")

    with pytest.raises(RuntimeError, match="export failed"):
        ensure_built("static", "k2", broken, root)
    assert [n for n in os.listdir(root) if not n.endswith(".lock")] == []
    got = ensure_built("static", "k2", lambda d: open(os.path.join(d, "ok.bin"), "w").close(), root)
    assert sorted(os.listdir(got)) == ["COMPLETE", "ok.bin"]
