"""One way to turn a plain dict (a flow parameter, a CLI ``--set``, a manifest entry)
into a stage's options dataclass, refusing unknown keys with the valid ones listed."""
from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from datamap.resources.errors import InvalidOption

T = TypeVar("T")


def options_from_dict(cls: type[T], d: dict[str, Any] | None, what: str,
                      error: type[InvalidOption] = InvalidOption) -> T:
    """``cls(**d)`` after checking every key is a field of ``cls``; ``what`` names the
    options in the message ("dedupe", "tiles", …) so a user knows where the typo is."""
    d = dict(d or {})
    known = sorted(f.name for f in dataclasses.fields(cls))
    unknown = sorted(set(d) - set(known))
    if unknown:
        raise error(f"unknown {what} option(s) {', '.join(unknown)}: valid {what} options are "
                    f"{', '.join(known)}")
    return cls(**d)
