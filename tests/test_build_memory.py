"""A big build's memory: what one stage freed is given back before the next one runs."""
from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

CHILD = r"""
import ctypes, ctypes.util
import numpy as np
from datamap.flows.runtime.memory import release_free_memory

def anon_mb():
    return int(next(l for l in open('/proc/self/status') if l.startswith('RssAnon')).split()[1]) // 1024

# 4 MB arrays come from glibc's heap, not from mmap, once the mmap threshold is above them.
# Set it here (M_MMAP_THRESHOLD = -3) rather than relying on glibc raising it by itself after
# a big free: that once did not happen on a CI host, the chunks were mmapped and freed at once,
# and there was nothing left to give back.
assert ctypes.CDLL(ctypes.util.find_library("c")).mallopt(-3, 64 * 2**20) == 1
chunks = [np.ones(4 * 2**20 // 8) for _ in range(60)]   # 240 MB in 4 MB chunks, as a stage's loop makes
del chunks[:-1]                     # freed, but below the last one: the heap cannot shrink past it
before = anon_mb()
release_free_memory()
print(before, anon_mb())
"""


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
                    reason="glibc's heaps and /proc are what this measures")
def test_freed_heap_memory_is_given_back_between_stages():
    """Without the release, the 240 MB a stage's chunks freed stay in the process (the 1M
    build carried ~2 GB of them into dedupe); with it, they go back to the system."""
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    before, after = map(int, out.stdout.split())
    assert before >= 200, f"the freed chunks should still be held before the release ({before} MB)"
    assert after <= before - 180, f"{before} MB -> {after} MB: the freed chunks were not given back"


ARROW_CHILD = r"""
import pyarrow as pa
from datamap.flows.runtime.memory import release_free_memory

def anon_mb():
    return int(next(l for l in open('/proc/self/status') if l.startswith('RssAnon')).split()[1]) // 1024

base = anon_mb()
texts = pa.array(["a package description of about sixty characters, give or take"] * 4_000_000)
big = pa.concat_arrays([texts, texts])      # ~550 MB of string data in Arrow's own pool
del texts, big
before = anon_mb()
release_free_memory()
print(base, before, anon_mb())
"""


@pytest.mark.skipif(platform.system() != "Linux", reason="/proc is what this measures")
def test_memory_arrow_freed_is_given_back_between_stages():
    """Arrow's pool keeps freed memory for reuse: a stage that read the 1M map's texts as
    a table left ~700 MB resident after it was dropped. The release between stages must
    give it back too, not only glibc's heaps."""
    out = subprocess.run([sys.executable, "-c", ARROW_CHILD], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    base, before, after = map(int, out.stdout.split())
    assert after <= base + 100, f"{base} MB at start, {before} MB after the drop, {after} MB after the release"


def test_the_peak_falls_back_to_getrusage_without_proc(monkeypatch):
    """Where /proc cannot be read (macOS, a locked-down container) the peak comes from
    getrusage rather than failing the stage that records it."""
    import builtins

    from datamap.flows.runtime import memory

    real_open = builtins.open

    def no_proc(path, *a, **k):
        if str(path).startswith("/proc/"):
            raise OSError("no /proc here")
        return real_open(path, *a, **k)

    monkeypatch.setattr(builtins, "open", no_proc)
    assert memory.peak_rss_mb() > 10



def _numpy_switch(name: str):
    """numpy's ``_get_madvise_hugepage`` / ``_set_madvise_hugepage`` (numpy 2: in _core)."""
    import importlib
    for module in ("numpy._core.multiarray", "numpy.core.multiarray"):
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    pytest.skip("this numpy has no huge-page switch")


HUGE_CHILD = """
import importlib
for m in ("numpy._core.multiarray", "numpy.core.multiarray"):
    try:
        print(importlib.import_module(m)._get_madvise_hugepage()); break
    except (ImportError, AttributeError):
        pass
"""


@pytest.fixture()
def huge_pages_on(monkeypatch):
    """numpy asking for huge pages (its default), whatever the test changes, restored after."""
    from datamap.flows.runtime.memory import HUGE_PAGES_ENV

    monkeypatch.delenv(HUGE_PAGES_ENV, raising=False)
    previous = _numpy_switch("_set_madvise_hugepage")(True)
    yield _numpy_switch("_get_madvise_hugepage")
    _numpy_switch("_set_madvise_hugepage")(previous)


def test_a_build_asks_numpy_for_ordinary_pages_and_restores_its_setting_after(huge_pages_on):
    """Inside ``numpy_huge_pages_off`` numpy stops marking big arrays for huge pages, in
    this process and in children started meanwhile; after it, numpy's setting again."""
    from datamap.flows.runtime.memory import HUGE_PAGES_ENV, numpy_huge_pages_off

    with numpy_huge_pages_off():
        assert not huge_pages_on()
        child = subprocess.run([sys.executable, "-c", HUGE_CHILD], capture_output=True, text=True, timeout=60)
        assert child.stdout.strip() == "False", child.stderr
    assert huge_pages_on() and HUGE_PAGES_ENV not in os.environ


def test_builds_side_by_side_keep_ordinary_pages_until_the_last_one_ends(huge_pages_on):
    """Two builds in threads of one process: the first to end must not switch huge pages
    back on under the other."""
    from datamap.flows.runtime.memory import numpy_huge_pages_off

    first, second = numpy_huge_pages_off(), numpy_huge_pages_off()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not huge_pages_on()
    second.__exit__(None, None, None)
    assert huge_pages_on()


def test_a_users_own_huge_page_choice_is_kept(huge_pages_on, monkeypatch):
    from datamap.flows.runtime.memory import HUGE_PAGES_ENV, numpy_huge_pages_off

    monkeypatch.setenv(HUGE_PAGES_ENV, "1")
    with numpy_huge_pages_off():
        assert huge_pages_on()
    assert huge_pages_on()
