"""How well topic labels name their topics, per depth, on the two shared corpora.

    python bench/labels.py                         # debian + pypi, baseline / contrastive
    python bench/labels.py --labeller gguf         # + the bundled small LLM (labels_gguf.py)
    python bench/labels.py --corpus debian --labeller contrastive bertopic:KeyBERTInspired
    python bench/labels.py --kmeans-starts 1 --seed 7 --out /tmp/l.json   # other partitions

The measure of issue 17 (``tasks/labellers/measure.py``), per depth over all documents:
agreement (the document's own label is the one of its topic and the topic's siblings
with the highest cosine to the document's vector; labels embedded with the map's model,
MiniLM in quality mode) with its chance level, and mention (share of documents writing
a content word of their label). "baseline" labels each topic "kw1, kw2, kw3" (its top
three c-TF-IDF keywords, BERTopic's default name: the "keywords" labeller); "contrastive"
is the default. "old-rules" in labels.json is the hand-written keyword labeller that was
the default before issue 17, measured before it was deleted. The topics are built once per corpus with
``tasks.topics.prepare_topics`` (default options, seed 42) and named by each labeller.
Writes bench/out/labels.json and prints a table and some labels per depth.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
OUT = REPO / "bench" / "out"

from datamap.resources import schema  # noqa: E402


def cached_embed(emb):
    """The embedder's encode with a memo: labels and candidates repeat across labellers."""
    memo: dict[str, np.ndarray] = {}

    def embed(texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in memo]
        if todo:
            memo.update(zip(todo, np.asarray(emb.encode(todo), dtype=np.float32)))
        return np.stack([memo[t] for t in texts])
    return embed


def make_labeller(name: str, stop, embed):
    if name == "baseline":         # "kw1, kw2, kw3", the keywords labeller
        name = "keywords"
    if name == "gguf":             # the bundled-LLM experiment (labels_gguf.py)
        import labels_gguf

        return labels_gguf.make(stop, embed)
    from datamap.tasks.topics.labellers import resolve_labeller

    return resolve_labeller(name, stop, embed=embed)


def score(draft, result, embed, doc_words, stop) -> list[dict]:
    """Agreement / chance / mention per depth of one labeller's names."""
    from datamap.tasks.topics.labellers.measure import score_depth

    label_of = {m[schema.TOPIC_ID]: m[schema.TOPIC_LABEL] for m in result.metadata}
    rows = []
    for d in range(draft.ids.shape[1]):
        topic = draft.ids[:, d]
        parent = draft.ids[:, d - 1] if d else None
        labels = {int(t): label_of[int(t)] for t in np.unique(topic)}
        rows.append({"depth": d + 1, "topics": len(labels),
                     **score_depth(draft.vectors, doc_words, topic, parent, labels, embed, stop)})
    return rows


def examples(result, n2: int = 10) -> dict:
    meta = result.metadata
    d1 = [m[schema.TOPIC_LABEL] for m in meta if m[schema.TOPIC_DEPTH] == 1]
    d2 = [m[schema.TOPIC_LABEL] for m in meta if m[schema.TOPIC_DEPTH] == 2]
    d3 = [m[schema.TOPIC_LABEL] for m in meta if m[schema.TOPIC_DEPTH] == 3]
    step2, step3 = max(1, len(d2) // n2), max(1, len(d3) // n2)
    return {"1": d1, "2": d2[::step2][:n2], "3": d3[::step3][:n2]}


def run_corpus(name: str, labellers: list[str], emb, starts: int | None = None, seed: int = 42) -> dict:
    import label_corpora

    from datamap.tasks.topics.labellers.phrases import doc_word_sets
    from datamap.tasks.topics.labels import _stop_words
    from datamap.tasks.topics.model import TopicOptions, name_topics, prepare_topics

    docs, vecs = label_corpora.load(name, emb)
    t0 = time.perf_counter()
    opts = TopicOptions(seed=seed) if starts is None else TopicOptions(seed=seed, kmeans_starts=starts)
    draft = prepare_topics(docs, vecs, None, opts)
    prep = time.perf_counter() - t0
    embed = cached_embed(emb)
    stop = _stop_words("english")
    doc_words = doc_word_sets(docs)
    out = {"rows": len(docs), "topics": [len(m) for m in draft.gid_maps], "prepare_seconds": round(prep, 1),
           "partition": hashlib.sha256(np.ascontiguousarray(draft.ids).tobytes()).hexdigest()[:16],
           "labellers": {}}
    for lab in labellers:
        t1 = time.perf_counter()
        labeller = make_labeller(lab, stop, embed)
        res = name_topics(draft, labeller=labeller, embed=embed)
        secs = time.perf_counter() - t1
        out["labellers"][lab] = {"seconds": round(secs, 1), "depths": score(draft, res, embed, doc_words, stop),
                                 "examples": examples(res),
                                 "max_words": max(len(m[schema.TOPIC_LABEL].split()) for m in res.metadata)}
        if getattr(labeller, "requests", 0):     # an LLM labeller: what it asked and what it cost
            out["labellers"][lab]["llm"] = {"requests": labeller.requests,
                                            "seconds_per_topic": round(getattr(labeller, "seconds", 0.0)
                                                                       / labeller.requests, 2)}
        print(f"  {name} {lab}: {secs:.1f} s", flush=True)
    return out


def table(results: dict) -> str:
    lines = ["| corpus | depth | topics | chance | labeller | agreement | mention | Δ agreement | Δ mention |",
             "|---|---|---|---|---|---|---|---|---|"]
    for corpus, r in results.items():
        base = {row["depth"]: row for row in r["labellers"].get("baseline", {}).get("depths", [])}
        for d in range(len(r["topics"])):
            for lab, v in r["labellers"].items():
                row = v["depths"][d]
                b = base.get(row["depth"])
                da = f"{row['agreement'] - b['agreement']:+.3f}" if b and lab != "baseline" else ""
                dm = f"{row['mention'] - b['mention']:+.3f}" if b and lab != "baseline" else ""
                lines.append(f"| {corpus} | {row['depth']} | {row['topics']} | {row['chance']:.3f} | {lab} | "
                             f"{row['agreement']:.3f} | {row['mention']:.3f} | {da} | {dm} |")
    return "\n".join(lines)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", nargs="+", default=["debian", "pypi"])
    p.add_argument("--labeller", nargs="+", default=["baseline", "contrastive"])
    p.add_argument("--out", default=str(OUT / "labels.json"))
    p.add_argument("--kmeans-starts", type=int, help="topics option kmeans_starts (default: the build's)")
    p.add_argument("--seed", type=int, default=42, help="topics option seed")
    a = p.parse_args(argv)
    import label_corpora

    emb = label_corpora.embedder()
    results = {}
    path = Path(a.out)
    if path.exists():
        results = json.loads(path.read_text()).get("corpora", {})
    for c in a.corpus:
        fresh = run_corpus(c, a.labeller, emb, a.kmeans_starts, a.seed)
        prev = results.get(c, {})
        # other labellers' scores are kept only when they named this very partition (the
        # same topic sizes are not enough: k-means changes moved rows between topics)
        same = prev.get("partition") == fresh["partition"]
        fresh["labellers"] = {**(prev.get("labellers", {}) if same else {}), **fresh["labellers"]}
        if not same and prev.get("labellers"):
            fresh["earlier_partition"] = {k: v for k, v in prev.items() if k != "earlier_partition"}
        elif same and "earlier_partition" in prev:
            fresh["earlier_partition"] = prev["earlier_partition"]
        results[c] = fresh
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"command": "python bench/labels.py " + " ".join(argv or sys.argv[1:]),
                                "corpora": results}, indent=1))
    print(table(results))
    for c, r in results.items():
        for lab, v in r["labellers"].items():
            print(f"\n{c} / {lab} ({v['seconds']} s, longest label {v['max_words']} words)")
            for d, labs in v["examples"].items():
                print(f"  depth {d}: " + " | ".join(labs))


if __name__ == "__main__":
    main()
