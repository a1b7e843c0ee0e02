"""The contrastive labeller's own cost: ``name_topics`` on a fixed draft, with the
candidate phrases' vectors memoised from a first pass, so the model's time is left out
and what is timed is the labeller's tokenising, counting and scoring.

    python bench/label_speed.py sample     # the bundled 3,000 Debian rows
    python bench/label_speed.py pypi       # 6,000 PyPI summaries (seed 3)

Prints CPU and wall seconds and writes the names and the labelling report to
``--out``, so two checkouts' outputs can be compared byte for byte (bench/out/label_speed.json
holds such a comparison). The first run of a corpus embeds its rows and phrases and keeps
them in bench/out/cache/ and times nothing.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "bench" / "out" / "cache"


def texts(corpus: str) -> list[str]:
    if corpus == "sample":
        return pl.read_parquet(REPO / "sample" / "debian-3k.parquet")["text"].to_list()
    df = pl.read_parquet(REPO.parent / "shared" / "data" / "pypi-summaries.parquet").sample(n=6000, seed=3)
    return df["text"].to_list()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("corpus", choices=["sample", "pypi"])
    p.add_argument("--out", default=None, help="where to write the names and the report (JSON)")
    a = p.parse_args()
    from datamap.resources import schema
    from datamap.tasks.embed.encode import EmbedOptions, load_embedder
    from datamap.tasks.topics.model import TopicOptions, name_topics, prepare_topics

    CACHE.mkdir(parents=True, exist_ok=True)
    memo_path = CACHE / f"label_speed_{a.corpus}.pkl"
    memo: dict[str, np.ndarray] = pickle.loads(memo_path.read_bytes()) if memo_path.exists() else {}
    model = None

    def embed(batch: list[str]) -> np.ndarray:
        nonlocal model
        todo = [t for t in dict.fromkeys(batch) if t not in memo]
        if todo:
            model = model or load_embedder(EmbedOptions(mode="quality"))
            memo.update(zip(todo, model.encode(todo)))
        return np.stack([memo[t] for t in batch])

    docs = texts(a.corpus)
    draft = prepare_topics(docs, embed(docs), None, TopicOptions())
    if model is not None:                 # first run: fill the memo with every phrase, time nothing
        name_topics(draft, embed=embed)
        memo_path.write_bytes(pickle.dumps(memo))
        print(f"{a.corpus}: vectors kept in {memo_path}; run again to time the labeller")
        return
    cpu, wall = time.process_time(), time.perf_counter()
    res = name_topics(draft, embed=embed)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{a.corpus}: name_topics {cpu:.2f} CPU-s, {wall:.2f} s wall, {len(res.metadata)} topics")
    if a.out:
        Path(a.out).write_text(json.dumps({"labels": [m[schema.TOPIC_LABEL] for m in res.metadata],
                                           "labelling": res.labelling}, default=str))


if __name__ == "__main__":
    sys.exit(main())
