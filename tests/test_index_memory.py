"""A big index's memory on huge pages (tasks/index_memory.py): the advice reaches the
memory that grew during an add and nothing older, and the index still answers."""
from __future__ import annotations

import mmap

import numpy as np
import pytest

from datamap.tasks import index_memory as M


def _flags(addr: int) -> set[str]:
    """The VmFlags of the mapping that holds ``addr`` (/proc/self/smaps): the kernel may
    have merged a new mapping with a neighbour, so it is found by address, not start."""
    found = False
    with open("/proc/self/smaps") as f:
        for line in f:
            head = line.split()[0]
            if "-" in head and not head.endswith(":"):
                lo, hi = (int(x, 16) for x in head.split("-"))
                found = lo <= addr < hi
            elif found and head == "VmFlags:":
                return set(line.split()[1:])
    raise AssertionError(f"no mapping holds {addr:#x}")


def _advised(memory: M.GrowingMemory, addr: int) -> bool:
    return any(s <= addr < s + n for s, n in memory.advised.items())


def _private(size: int) -> mmap.mmap:
    """New private anonymous memory, as an allocator maps it (Python's default is shared)."""
    return mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)


def _start_of(buf: mmap.mmap) -> int:
    import ctypes

    return ctypes.addressof(ctypes.c_char.from_buffer(buf))


needs_madvise_mode = pytest.mark.skipif(M._setting() != "madvise",
                                        reason="the kernel's transparent_hugepage mode is not 'madvise'")


@needs_madvise_mode
def test_only_memory_that_appeared_between_before_and_after_is_advised():
    old = _private(16 << 20)          # there before: not the index's, left alone
    old.madvise(mmap.MADV_NOHUGEPAGE)      # (its own flags keep the kernel from merging it with the next)
    old[:1] = b"x"
    memory = M.GrowingMemory()
    memory.before()
    new = _private(32 << 20)          # appears "during the add"
    new[::4096] = b"y" * (len(new) // 4096)
    memory.after()
    assert _advised(memory, _start_of(new)) and "hg" in _flags(_start_of(new))
    assert not _advised(memory, _start_of(old)) and "hg" not in _flags(_start_of(old))
    assert memory.collapse() >= len(new)
    del old, new


@needs_madvise_mode
def test_a_big_index_built_on_huge_pages_answers_like_one_without():
    from datamap.tasks import index as I

    rng = np.random.default_rng(3)
    v = rng.normal(size=(20_000, 32)).astype(np.float32)
    opts = I.IndexOptions(dtype="f32")
    plain = I.build_index(v, opts, huge_pages=False)
    huge = I.build_index(v, opts, huge_pages=True)
    q = v[:500]
    a = np.asarray(plain.search(q, 5).keys)
    b = np.asarray(huge.search(q, 5).keys)
    truth = I.exact_search(v, q, 5)[0]
    recall = [np.mean([len(set(x) & set(t)) / 5 for x, t in zip(found, truth)]) for found in (a, b)]
    assert recall[0] > 0.9 and abs(recall[1] - recall[0]) < 0.03, recall


def test_nothing_is_advised_where_the_kernel_is_not_in_madvise_mode(monkeypatch):
    monkeypatch.setattr(M, "_setting", lambda: "always")
    memory = M.GrowingMemory()
    memory.before()
    buf = _private(8 << 20)
    buf[:1] = b"z"
    memory.after()
    assert not memory.active and memory.advised == {} and memory.collapse() == 0
    del buf
