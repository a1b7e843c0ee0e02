"""A big index's memory on transparent huge pages.

An HNSW insert or search is a walk of random hops through the whole index: at 1M rows
usearch's nodes and vectors take ~0.5 GB, so with 4 KB pages nearly every hop also
misses the TLB, and in a VM each miss walks two page tables. Where the kernel offers
huge pages only on request (``transparent_hugepage/enabled = madvise``, the common
default and this project's VM), usearch never asks, so it gets 4 KB pages.

So the memory usearch maps while it adds rows is found (the anonymous mappings that
appeared or grew during the ``add`` call, read from ``/proc/self/maps``) and marked
``MADV_HUGEPAGE``: what it faults in later comes as 2 MB pages. Once every row is in,
``MADV_COLLAPSE`` turns the pages already touched into huge ones too, so the searches
that follow (the k-NN graph, its repair) walk huge pages throughout. Measured in
bench/index_huge_pages.py. Only the index's memory is marked (with whatever the kernel
merged into the same mappings): numpy's arrays stay on 4 KB pages
(``flows/runtime/memory.numpy_huge_pages_off`` says why).

Linux only; elsewhere, or where the kernel has huge pages off ("never") or on for
everything ("always"), every call here does nothing.
"""
from __future__ import annotations

import ctypes
import functools
import sys

THP_SETTING = "/sys/kernel/mm/transparent_hugepage/enabled"
MADV_HUGEPAGE = 14
MADV_COLLAPSE = 25            # Linux 6.1+; refused (EINVAL) before, which is harmless
HUGE_PAGE = 2 << 20


def _setting() -> str | None:
    """The kernel's huge-page mode ("always", "madvise", "never"), None off Linux."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        with open(THP_SETTING) as f:
            text = f.read()
    except OSError:
        return None
    return text.split("[", 1)[1].split("]", 1)[0] if "[" in text else None


def _anonymous() -> dict[int, int]:
    """Start → length of this process's private anonymous mappings (no file, no name)."""
    out: dict[int, int] = {}
    with open("/proc/self/maps") as f:
        for line in f:
            fields = line.split()
            if len(fields) == 5 and fields[1] == "rw-p":   # private, writable, no file or name
                start, end = (int(x, 16) for x in fields[0].split("-"))
                out[start] = end - start
    return out


@functools.lru_cache(maxsize=1)
def _libc_madvise():
    fn = ctypes.CDLL(None).madvise
    fn.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    return fn


def _madvise(start: int, length: int, advice: int) -> bool:
    """Whether the kernel took the advice (it refuses what it does not know: harmless)."""
    return _libc_madvise()(start, length, advice) == 0


class GrowingMemory:
    """The mappings that appear or grow between ``before()`` and ``after()`` (around each
    ``add`` call), advised as they come; ``collapse()`` once the index is complete."""

    def __init__(self, wanted: bool = True) -> None:
        self.active = wanted and _setting() == "madvise"
        self._seen: dict[int, int] = {}
        self.advised: dict[int, int] = {}     # start → length advised, for collapse()

    def before(self) -> None:
        if self.active:
            self._seen = _anonymous()

    def after(self) -> None:
        if not self.active:
            return
        for start, length in _anonymous().items():
            if length >= HUGE_PAGE and self._seen.get(start) != length and self.advised.get(start) != length:
                if _madvise(start, length, MADV_HUGEPAGE):
                    self.advised[start] = length

    def collapse(self) -> int:
        """Huge pages for what the advised mappings already hold; bytes asked for."""
        if not self.active:
            return 0
        now = _anonymous()
        total = 0
        for start, length in self.advised.items():
            if now.get(start) == length:     # still mapped as advised (not freed or moved)
                _madvise(start, length, MADV_COLLAPSE)
                total += length
        return total
