""""Find more like this tag" on real data: tag half of a Debian section in a 4,000-row map,
ask ``m.tags.suggest`` for 100 more, and count how many come from the other half."""
from __future__ import annotations

import numpy as np
import pytest
from conftest import debian_subset
from test_outliers import only_stages

N = 4000



@pytest.fixture(scope="module")
def section_map(debian, debian_vectors, tmp_path_factory) -> dict:
    from datamap.flows.build_map import build_map

    tmp = tmp_path_factory.mktemp("suggest")
    sub = debian_subset(debian, debian_vectors, N, seed=7)
    src = tmp / "debian-4k.parquet"
    sub.write_parquet(src)
    store = str(tmp / "store")
    res = build_map(source=str(src), dataset="debian", store=store,
                    options={"text_field": "text", "id_field": "id", "embedding_field": "embedding",
                             **only_stages(), "projection": {"n_epochs": 30}})
    return {"store": store, "version": res["version"], "section": dict(zip(sub["id"], sub["section"]))}


def _halves(section_of: dict, section: str, seed: int = 0) -> tuple[list[str], set[str]]:
    ids = sorted(i for i, s in section_of.items() if s == section)
    perm = np.random.default_rng(seed).permutation(len(ids))
    half = len(ids) // 2
    return [ids[i] for i in perm[:half]], {ids[i] for i in perm[half:]}


def _precision(section_map, section: str, k: int = 100) -> tuple[float, float, float]:
    """(classifier precision@k, centroid-baseline precision@k, random expectation)."""
    from datamap.resources.reader import open_map
    from datamap.resources.tag_suggest import centroid_suggest

    m = open_map("debian", section_map["store"])
    tagged, held = _halves(section_map["section"], section)
    name = f"sec-{section}"
    m.tags.add(name, tagged)
    got = m.tags.suggest(name, k=k)
    assert list(got.columns[:2]) == ["id", "score"] and len(got) == k
    assert not set(got["id"]) & set(tagged), "suggested points that are already in the tag"
    assert (np.diff(got["score"].to_numpy()) <= 1e-12).all(), "not best first"
    p = float(np.mean([i in held for i in got["id"]]))
    base_rows = centroid_suggest(m.embeddings.latent, m.data.positions(tagged), k)
    ids = m.data.ids
    p_base = float(np.mean([ids[r] in held for r in base_rows]))
    return p, p_base, len(held) / (m.row_count - len(tagged))


def test_suggest_finds_the_other_half_of_a_section(section_map):
    p, p_base, rnd = _precision(section_map, "python")
    print(f"\npython: precision@100 {p:.2f} (centroid {p_base:.2f}, random {rnd:.3f})")
    assert p >= 0.5, p          # random: ~0.04
    assert p >= p_base - 0.05


def test_suggest_beats_centroid_where_sections_overlap(section_map):
    """`doc` sits next to the libraries it documents: a centroid pulls in the libraries,
    the classifier learns what makes a description a documentation package."""
    p, p_base, rnd = _precision(section_map, "doc")
    print(f"\ndoc: precision@100 {p:.2f} (centroid {p_base:.2f}, random {rnd:.3f})")
    assert p >= 0.5 and p >= p_base + 0.2, (p, p_base)


def test_accept_adds_suggestions_to_the_tag(section_map):
    from datamap.resources.reader import open_map

    m = open_map("debian", section_map["store"])
    tagged, _ = _halves(section_map["section"], "perl")
    m.tags.add("perlish", tagged[:20])
    sug = m.tags.suggest("perlish", k=15)
    res = m.tags.accept("perlish", sug["id"])
    assert res["added"] == 15
    now = set(open_map("debian", section_map["store"]).tags.get_datums_in_tag("perlish"))
    assert now == set(tagged[:20]) | set(sug["id"])
    again = m.tags.suggest("perlish", k=15)
    assert not set(again["id"]) & now


def test_too_small_or_unknown_tag_is_named(section_map):
    from datamap.resources.errors import TagTooSmall, UnknownTag
    from datamap.resources.reader import open_map

    m = open_map("debian", section_map["store"])
    m.tags.add("lonely", [m.data.ids[0]])
    with pytest.raises(TagTooSmall, match="at least 2"):
        m.tags.suggest("lonely")
    with pytest.raises(UnknownTag):
        m.tags.suggest("no-such-tag")


def test_cli_tag_suggest_and_accept(section_map):
    import json

    from typer.testing import CliRunner

    from datamap.cli.main import app
    from datamap.resources.reader import open_map

    tagged, held = _halves(section_map["section"], "games")
    open_map("debian", section_map["store"]).tags.add("games-half", tagged)
    res = CliRunner().invoke(app, ["tag", "suggest", "debian", "games-half", "--k", "10", "--accept", "--json",
                                   "--store", section_map["store"]])
    assert res.exit_code == 0, res.output
    got = json.loads(res.output)
    assert len(got["suggestions"]) == 10 and got["accepted"]["added"] == 10
    assert {"id", "score", "text"} <= set(got["suggestions"][0])
    assert sum(s["id"] in held for s in got["suggestions"]) >= 5     # random: ~0.1 of 10
    now = set(open_map("debian", section_map["store"]).tags.get_datums_in_tag("games-half"))
    assert now == set(tagged) | {s["id"] for s in got["suggestions"]}
    res = CliRunner().invoke(app, ["tag", "suggest", "debian", "nope", "--store", section_map["store"]])
    assert res.exit_code != 0 and "no tag named 'nope'" in res.output
