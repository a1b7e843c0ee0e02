"""Named crash points for fault tests: ``DATAMAP_FAILPOINT=name`` SIGKILLs the process there.

A real kill at a chosen moment (not a raised exception), so crash-consistency tests
exercise exactly what a power cut or OOM kill would leave behind. ``name:N`` fires on
the N-th time the point is passed. Unset in normal use: then this is a dict lookup.
"""
from __future__ import annotations

import os
import signal

_hits: dict[str, int] = {}


def failpoint(name: str) -> None:
    want = os.environ.get("DATAMAP_FAILPOINT")
    if not want:
        return
    target, _, nth = want.partition(":")
    if target != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
