"""Draw the dedupe ground-truth pairs for hand labelling, and show them for reading.

    python bench/dedupe_labels.py sample            # writes tests/data/dedupe_labels/<corpus>.csv (label empty)
    python bench/dedupe_labels.py sample-checked    # + <corpus>-checked.csv: the text check's own candidates
    python bench/dedupe_labels.py sample-heldout2   # + <corpus>-heldout2.csv: after issue 25's "described" rule
    python bench/dedupe_labels.py sample-heldout3   # + <corpus>-heldout3.csv: after issue 25's "paragraph" rule
    python bench/dedupe_labels.py show debian 0 40  # pairs 0..39, both texts and their word diff

Strata per corpus (seed 25), all from today's dedupe (bare cosine cutoff 0.1, exact
all-pairs within 0.2, the leader clustering of ``resources.duplicate_clusters``):

- ``candidate``: 150 random deletion candidates, each paired with its retained point —
  exactly the list a curator deletes from;
- ``under``: 30 random near pairs with 0.085 < distance <= 0.1 (just inside the cutoff);
- ``over``: 30 random near pairs with 0.1 < distance <= 0.12 (just outside).

- ``checked`` (a second file, drawn after the text check was designed): 60 Debian and 40
  PyPI random deletion candidates of the default build *with* the check, each with its
  retained point, none already labelled — a held-out measure of the check's precision.
- ``heldout2`` (a third file, drawn after the ``described`` rule of issue 25 was fixed on
  the ``checked`` pairs): the same draw with seed 27 and the rule on, none in the files above.
- ``heldout3`` (a fourth file, drawn after the ``paragraph`` rule was fixed on the
  ``heldout2`` pairs): the same draw with seed 28 and both rules on, none in the files
  above; plus ``heldout3_texts_differ``: 30 random candidates of the same
  build whose two texts are not identical (seed 29) — where the text check decides, and
  where a random draw of mostly word-for-word copies has little power.

Labels are written by hand into the ``label`` column (duplicate | distinct) with a short
``note``; how they were judged is in tests/data/dedupe_labels/README.md.
"""
from __future__ import annotations

import csv
import difflib
import random
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dedupe_corpora  # noqa: E402

LABELS = dedupe_corpora.REPO / "tests" / "data" / "dedupe_labels"
FIELDS = ["corpus", "stratum", "row_a", "row_b", "id_a", "id_b", "distance", "label", "note", "text_a", "text_b"]
STRATA = {"candidate": 150, "under": 30, "over": 30}
SEED = 25
DIFFER = 30      # heldout3_texts_differ pairs


def near_pairs_and_clusters(c: dedupe_corpora.Corpus, cutoff: float = 0.1, radius: float = 0.2):
    from datamap.resources.duplicate_clusters import cluster_pairs
    from datamap.tasks.dedupe import exact_pairs

    a, b, d = exact_pairs(c.vectors, radius, block=1024)
    return a, b, d, cluster_pairs(len(c.ids), c.ids, a, b, d, cutoff)


def draw(c: dedupe_corpora.Corpus) -> list[dict]:
    """The three strata of one corpus, no pair twice."""
    from datamap.resources.duplicate_clusters import DELETION

    a, b, d, cl = near_pairs_and_clusters(c)
    rng = random.Random(SEED)
    cand = np.nonzero(cl.duplicate_class == DELETION)[0].tolist()
    picked = [(x, int(cl.retained[x]), "candidate") for x in rng.sample(cand, STRATA["candidate"])]
    seen = {frozenset(p[:2]) for p in picked}
    for name, lo, hi in (("under", 0.085, 0.1), ("over", 0.1, 0.12)):
        band = np.nonzero((d > np.float32(lo)) & (d <= np.float32(hi)))[0].tolist()
        rng.shuffle(band)
        got = 0
        for k in band:
            key = frozenset((int(a[k]), int(b[k])))
            if key in seen:
                continue
            seen.add(key)
            picked.append((int(a[k]), int(b[k]), name))
            got += 1
            if got == STRATA[name]:
                break
    u = c.vectors / np.linalg.norm(c.vectors, axis=1, keepdims=True)
    return [{"corpus": c.name, "stratum": s, "row_a": x, "row_b": y, "id_a": c.ids[x], "id_b": c.ids[y],
             "distance": f"{1.0 - float(u[x] @ u[y]):.4f}", "label": "", "note": "",
             "text_a": c.texts[x], "text_b": c.texts[y]} for x, y, s in picked]


CHECKED = {"debian": 60, "pypi": 40}


def draw_checked(c: dedupe_corpora.Corpus, seen: set, seed: int = SEED + 1, stratum: str = "checked",
                 k: int | None = None) -> list[dict]:
    """Random deletion candidates of the default dedupe (text check on), not yet labelled."""
    from datamap.resources.duplicate_clusters import DELETION
    from datamap.tasks.dedupe import DuplicateOptions, find_duplicates

    res = find_duplicates(c.ids, c.vectors, DuplicateOptions(exact_below=10**9), texts=c.texts)
    cl = res.clusters
    cand = [x for x in np.nonzero(cl.duplicate_class == DELETION)[0].tolist()
            if frozenset((x, int(cl.retained[x]))) not in seen]
    u = c.vectors / np.linalg.norm(c.vectors, axis=1, keepdims=True)
    picked = random.Random(seed).sample(cand, min(k or CHECKED[c.name], len(cand)))
    return [{"corpus": c.name, "stratum": stratum, "row_a": x, "row_b": int(cl.retained[x]), "id_a": c.ids[x],
             "id_b": c.ids[int(cl.retained[x])], "distance": f"{1.0 - float(u[x] @ u[cl.retained[x]]):.4f}",
             "label": "", "note": "", "text_a": c.texts[x], "text_b": c.texts[int(cl.retained[x])]}
            for x in picked]


def draw_heldout2(c: dedupe_corpora.Corpus, seen: set) -> list[dict]:
    """Issue 25's second held-out sample, drawn after the ``described`` rule was fixed:
    random deletion candidates of the default build (text check on, with that rule), none
    in any earlier file, seed 27."""
    return draw_checked(c, seen, seed=SEED + 2, stratum="heldout2")


def draw_heldout3(c: dedupe_corpora.Corpus, seen: set) -> list[dict]:
    """Issue 25's third held-out sample, drawn after the ``paragraph`` rule was fixed:
    random deletion candidates of the default build, none in any earlier file (seed 28),
    and 30 more whose texts differ (seed 29)."""
    rows = draw_checked(c, seen, seed=SEED + 3, stratum="heldout3")
    seen = seen | {frozenset((r["row_a"], r["row_b"])) for r in rows}
    differ = [r for r in draw_checked(c, seen, seed=SEED + 4, stratum="heldout3_texts_differ", k=10**9)
              if r["text_a"] != r["text_b"]]
    return rows + differ[:DIFFER]


def read(corpus: str) -> list[dict]:
    with open(LABELS / f"{corpus}.csv", newline="") as f:
        return list(csv.DictReader(f))


def write(corpus: str, rows: list[dict]) -> None:
    LABELS.mkdir(parents=True, exist_ok=True)
    with open(LABELS / f"{corpus}.csv", "w", newline="") as f:
        w = csv.DictWriter(f, FIELDS)
        w.writeheader()
        w.writerows(rows)


def word_diff(x: str, y: str) -> str:
    """Compact word-level diff, for reading (not used by any decision)."""
    a, b = re.findall(r"\S+", x), re.findall(r"\S+", y)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append(f"[{' '.join(a[i1:i2])} → {' '.join(b[j1:j2])}]")
    return " ".join(out)


def show(corpus: str, start: int, stop: int) -> None:
    for i, r in enumerate(read(corpus)[start:stop], start):
        same = r["text_a"] == r["text_b"]
        print(f"#{i} {r['stratum']} d={r['distance']} {r['id_a']} | {r['id_b']}{'  IDENTICAL' if same else ''}")
        if not same:
            print("  A:", r["text_a"].replace("\n", " / "))
            print("  B:", r["text_b"].replace("\n", " / "))
            print("  diff:", word_diff(r["text_a"], r["text_b"])[:600])


def main(argv: list[str]) -> None:
    if argv[:1] == ["sample"]:
        for name in dedupe_corpora.CORPORA:
            rows = draw(dedupe_corpora.load(name))
            write(name, rows)
            print(name, len(rows))
    elif argv[:1] == ["sample-checked"]:
        for name in dedupe_corpora.CORPORA:
            seen = {frozenset((int(r["row_a"]), int(r["row_b"]))) for r in read(name)}
            rows = draw_checked(dedupe_corpora.load(name), seen)
            write(f"{name}-checked", rows)
            print(name, len(rows))
    elif argv[:1] == ["sample-heldout2"]:
        for name in dedupe_corpora.CORPORA:
            seen = {frozenset((int(r["row_a"]), int(r["row_b"])))
                    for f in (name, f"{name}-checked") for r in read(f)}
            rows = draw_heldout2(dedupe_corpora.load(name), seen)
            write(f"{name}-heldout2", rows)
            print(name, len(rows))
    elif argv[:1] == ["sample-heldout3"]:
        for name in dedupe_corpora.CORPORA:
            seen = {frozenset((int(r["row_a"]), int(r["row_b"])))
                    for f in (name, f"{name}-checked", f"{name}-heldout2") for r in read(f)}
            rows = draw_heldout3(dedupe_corpora.load(name), seen)
            write(f"{name}-heldout3", rows)
            print(name, len(rows))
    elif argv[:1] == ["show"]:
        show(argv[1], int(argv[2]), int(argv[3]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
