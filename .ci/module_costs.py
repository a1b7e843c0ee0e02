"""Per-module test seconds from a ``pytest --durations=0`` log, for scheduling.

`make test` spreads whole modules over pytest-xdist workers. By default xdist hands out
the modules with the most tests first, so the slowest ones (a crash chain, the Dask
cluster, the browser fixtures: one or two long tests each) started last and ran alone at
the end of the run. tests/conftest.py orders the modules by these costs instead, longest
first. Regenerate after a full run:

    python -m pytest -n 3 --dist loadfile --durations=0 | tee run.log
    python .ci/module_costs.py run.log > tests/module_costs.json
"""
from __future__ import annotations

import collections
import json
import re
import sys


def module_costs(lines) -> dict[str, int]:
    """Module file name → summed call/setup/teardown seconds, rounded."""
    costs: collections.Counter = collections.Counter()
    for line in lines:
        m = re.match(r"\s*([\d.]+)s (?:call|setup|teardown)\s+(\S+)", line)
        if m:
            costs[m.group(2).split("::")[0].rsplit("/", 1)[-1]] += float(m.group(1))
    return {name: round(sec) for name, sec in costs.most_common() if sec >= 1}


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        json.dump(module_costs(f), sys.stdout, indent=1)
    print()
