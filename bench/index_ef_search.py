"""A big map's index searched at several ``expansion_search`` values: does the recall that
``expansion_add`` 80 bought leave room for a cheaper 33-NN search?

One index per vectors file, built as the build builds it from 200k rows (i8, M 12,
``expansion_add`` 80, inserted in locality order); then every row's 33-NN searched in
locality order at each value, twice, alternating. Recall@10 / @32 on 2,000 rows against
exact cosine neighbours, as ``bench/index_order.py`` scores it (``r10t``: ties counted).
Prints one JSON line per search.

    .venv/bin/python bench/index_ef_search.py NAME=PATH.npy 48,40,36

Results: bench/out/index_ef_search.json (the printed lines, collected); docs/scale.md
("2026-12-05").
"""
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import index_order as B  # noqa: E402
from datamap.tasks import index as I  # noqa: E402
from datamap.tasks.locality import insertion_order, locality_order  # noqa: E402

name, v = B.load(sys.argv[1])
efs = [int(x) for x in sys.argv[2].split(',')]
n = len(v)
q = np.sort(np.random.default_rng(3).choice(n, B.QUERIES, replace=False))
truth = B.exact_truth(v, q, B.K - 1)
order = locality_order(v)
opts = I.IndexOptions(large_above=0)
idx, t_add = B.build(v, opts, insertion_order(order))
print(json.dumps({"add_s": round(t_add, 2), "settings": opts.resolved(n).__dict__}), flush=True)
for r in range(2):
    for ef in efs:
        idx.expansion_search = ef
        keys, t_s = B.search(idx, v, order)
        print(json.dumps({"round": r, "ef_search": ef, "search_s": round(t_s, 2),
                          "r10": round(B.recall(keys, q, truth, 10), 4),
                          "r10t": round(B.recall_ties(v, keys, q, truth, 10), 4),
                          "r32": round(B.recall(keys, q, truth, 32), 4)}), flush=True)
