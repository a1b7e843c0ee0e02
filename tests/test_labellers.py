"""Topic labellers on real Debian rows: the offline contrastive default, the measure,
per-depth uniqueness, the LLM labeller against local fake OpenAI-compatible servers
(127.0.0.1 only), and the BERTopic representation seam."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import polars as pl
import pytest

from datamap.resources import schema
from datamap.resources.errors import LabellerError

N_ROWS = 2000
SIZES = [5, 15, 40]


# ---- shared fixtures -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def embed():
    """The map's own model (bundled MiniLM, quality mode), memoised."""
    from datamap.tasks.embed.encode import EmbedOptions, load_embedder

    model = load_embedder(EmbedOptions(mode="quality"))
    memo: dict[str, np.ndarray] = {}

    def f(texts):
        todo = [t for t in dict.fromkeys(texts) if t not in memo]
        if todo:
            memo.update(zip(todo, model.encode(todo)))
        return np.stack([memo[t] for t in texts])
    return f


@pytest.fixture(scope="module")
def draft(debian, debian_vectors):
    """2,000 real Debian rows in 5 / 15 / 40 topics with keywords, not yet named."""
    from datamap.tasks.topics.model import TopicOptions, prepare_topics

    sub = debian.sample(n=N_ROWS, seed=5)
    return prepare_topics(sub["text"].to_list(), debian_vectors[sub["_row"].to_numpy()], None,
                          TopicOptions(sizes=SIZES))


@pytest.fixture(scope="module")
def contrastive(draft, embed):
    from datamap.tasks.topics.model import name_topics

    return name_topics(draft, embed=embed)


def _labels_by_depth(result) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for m in result.metadata:
        out.setdefault(m[schema.TOPIC_DEPTH], []).append(m[schema.TOPIC_LABEL])
    return out


# ---- the offline default ----------------------------------------------------------------------
def test_labels_are_unique_per_depth_across_the_whole_map(contrastive):
    for depth, labels in _labels_by_depth(contrastive).items():
        lower = [s.lower() for s in labels]
        dup = sorted({s for s in lower if lower.count(s) > 1})
        assert not dup, f"depth {depth}: labels shared by two topics: {dup}"


def test_labels_are_short_names_with_at_most_one_list_separator(contrastive):
    import re

    for m in contrastive.metadata:
        lab = m[schema.TOPIC_LABEL]
        assert 1 <= len(lab.split()) <= 5, lab
        seps = lab.count(",") + len(re.findall(r"\s(?:and|&)\s", lab))
        assert seps <= 1, lab
        if " and " in lab:      # "Perl modules and module" lists one thing twice
            a, b = (set(re.findall(r"\w+", side.split(":")[-1].lower())) for side in lab.split(" and ", 1))
            singular = lambda ws: {w[:-1] if w.endswith("s") else w for w in ws}  # noqa: E731
            assert not singular(a) & singular(b), lab


def test_no_part_of_a_name_repeats_another_s_word_in_another_form(contrastive):
    """"Tool: tools and command line", "Common utilities and utility", "Qt and Qt5": the
    head and both halves of a name share no word stem (Snowball's, version numbers aside)."""
    import re

    stemmer = pytest.importorskip("snowballstemmer").stemmer("english")

    def stems(part: str) -> set[str]:
        return {stemmer.stemWord(w.lower().rstrip("0123456789") or w.lower()) for w in re.findall(r"[^\W_]+", part)}

    for m in contrastive.metadata:
        lab = m[schema.TOPIC_LABEL]
        head, _, rest = lab.partition(": ")
        parts = [stems(p) for p in ([head] + rest.split(" and ") if rest else lab.split(" and "))]
        shared = [a & b for i, a in enumerate(parts) for b in parts[i + 1:] if a & b]
        assert not shared, (lab, shared)


def test_word_forms_of_one_stem_are_one_thing():
    """What keeps "Tool: tools and command line" from being a name: the parts' stems."""
    pytest.importorskip("snowballstemmer")
    from datamap.tasks.topics.labellers.contrastive import _stems

    for a, b in [("utilities", "utility"), ("tools", "tooling"), ("logging", "log"), ("qt5", "qt"),
                 ("plug-in", "plugin"), ("extraction", "extract")]:
        assert _stems({a}) & _stems({b}), (a, b)
    for a, b in [("office", "official"), ("data", "database"), ("general", "generator"), ("nest", "nester")]:
        assert not _stems({a}) & _stems({b}), (a, b)


def test_contrastive_beats_keyword_triples_on_agreement_and_keeps_mention(draft, contrastive, embed):
    """The acceptance measure on a 2,000-row slice: more documents closest to their own
    label than with "kw1, kw2, kw3" (the "keywords" labeller), and about as many that
    write a word of it, on average over three partitions (seeds 42, 1, 2). One partition
    is a lottery at this size: over seeds 0-5 the depth-1 gain ranged from -0.04 to +0.20
    with one k-means start or three, its mean +0.06 both ways."""
    from datamap.tasks.topics.labellers.measure import score_depth
    from datamap.tasks.topics.labellers.phrases import doc_word_sets
    from datamap.tasks.topics.labels import _stop_words
    from datamap.tasks.topics.model import TopicOptions, name_topics, prepare_topics

    from datamap.tasks.topics.labellers import resolve_labeller

    stop = _stop_words("english")
    words = doc_word_sets(draft.docs)
    drafts = [(draft, contrastive)]
    for seed in (1, 2):              # the same rows, partitioned from other seeds
        other = prepare_topics(draft.docs, draft.vectors, None, TopicOptions(sizes=SIZES, seed=seed))
        drafts.append((other, name_topics(other, embed=embed)))
    gains = np.zeros((len(drafts), len(SIZES), 2))
    for i, (dr, named) in enumerate(drafts):
        base = name_topics(dr, labeller=resolve_labeller("keywords", stop), embed=embed)
        triples = [m[schema.TOPIC_LABEL] == ", ".join(m[schema.TOPIC_KEYWORDS][:3]) for m in base.metadata]
        assert np.mean(triples) > 0.95, "the keywords labeller names a topic by its top three keywords"
        for d in range(dr.ids.shape[1]):
            topic, parent = dr.ids[:, d], (dr.ids[:, d - 1] if d else None)
            got = {}
            for name, res in (("base", base), ("new", named)):
                labels = {m[schema.TOPIC_ID]: m[schema.TOPIC_LABEL] for m in res.metadata
                          if m[schema.TOPIC_DEPTH] == d + 1}
                got[name] = score_depth(dr.vectors, words, topic, parent, labels, embed, stop)
            gains[i, d] = (got["new"]["agreement"] - got["base"]["agreement"],
                           got["new"]["mention"] - got["base"]["mention"])
    mean = gains.mean(axis=0)
    assert (mean[:, 0] >= 0.02).all(), gains
    assert (mean[:, 1] >= -0.08).all(), gains


def test_each_depth_is_embedded_in_a_few_large_calls_not_one_per_topic(draft, embed):
    """Label phrases are short, and the model runs on them far faster in large batches:
    a depth's candidate phrases go to the model in one call and its composed names in a
    second (issue 24: 2 calls per topic before, 22 → 17 s of a 1.5k map's build)."""
    from datamap.tasks.topics.model import name_topics

    calls: list[int] = []

    def counting(texts):
        calls.append(len(texts))
        return embed(texts)

    name_topics(draft, embed=counting)
    assert sum(SIZES) == 60 and sum(calls) > 60        # every topic's phrases were embedded
    assert len(calls) <= 3 * len(SIZES), calls


class _Recorder:
    """A labeller that names each topic by its id and keeps what it was shown."""

    def __init__(self):
        self.shown: dict[int, list[str]] = {}

    def label(self, infos):
        self.shown.update({t.topic_id: list(t.sample_docs) for t in infos})
        return [f"topic {t.topic_id}" for t in infos]


def test_a_topics_sample_documents_do_not_depend_on_the_other_topics(draft, monkeypatch):
    """Depth 2 and 3 topics are shown the same documents whatever depth 1 drew: one random
    stream shared by every topic made each sample depend on the draws before it."""
    from datamap.tasks.topics import model

    first, other = _Recorder(), _Recorder()
    model.name_topics(draft, labeller=first)
    monkeypatch.setattr(model, "DEPTH1_SAMPLE_DOCS", model.DEPTH1_SAMPLE_DOCS // 2)
    model.name_topics(draft, labeller=other)
    depth_of = {int(t): d for d in range(draft.ids.shape[1]) for t in np.unique(draft.ids[:, d])}
    deeper = [t for t, d in depth_of.items() if d > 0]
    assert deeper and all(first.shown[t] == other.shown[t] for t in deeper)
    shallow = [t for t, d in depth_of.items() if d == 0 and len(first.shown[t]) > len(other.shown[t])]
    assert shallow, "depth 1 must really have been shown fewer documents the second time"
    again = _Recorder()
    monkeypatch.setattr(model, "DEPTH1_SAMPLE_DOCS", model.DEPTH1_SAMPLE_DOCS * 2)
    model.name_topics(draft, labeller=again)
    assert again.shown == first.shown, "the same draft and seed show the same documents"


def test_spans_count_documents_and_keep_the_commonest_written_form():
    """A span's count is the documents that write it, however often each does; its text is
    how it is written most often (the first written on a tie); a fragment nearly always
    written inside a longer span is not a span of its own; stop words and punctuation end
    a span."""
    from datamap.tasks.topics.labellers.phrases import spans

    docs = ["Node.js framework. node.js framework, node.js framework",
            "node.js framework for web apps", "NODE.JS framework: web apps", "web apps",
            "Java Virtual Machine tools", "java virtual machine"]
    got = [(p.text, p.docs) for p in spans(docs, frozenset({"for"}), min_docs=2, min_share=0.0)]
    assert got == [("node.js framework", 3), ("web apps", 3), ("Java Virtual Machine", 2)]
    assert spans(docs, frozenset({"for"}), min_docs=4, min_share=0.0) == []


def test_word_masks_count_what_a_pass_over_the_documents_counts():
    """``DocWords`` (a bit mask per word) gives the shares a pass over every document's
    word set gives, for words written nowhere, everywhere and in between, past one machine
    word of documents; ``document_counts`` is each word's documents."""
    from collections import Counter

    from datamap.tasks.topics.labellers.phrases import DocWords, doc_word_sets

    rng = np.random.default_rng(5)
    vocab = [f"w{i}" for i in range(40)] + ["node.js", "c++"]
    docs = [" ".join(rng.choice(vocab, int(rng.integers(0, 12)))) for _ in range(150)] + ["", "w1 w1 w1"]
    masks, sets = DocWords.of(docs), doc_word_sets(docs)
    assert len(masks) == len(docs)
    for _ in range(300):
        ws = set(rng.choice(vocab + ["nowhere", "js"], int(rng.integers(1, 4))))
        assert masks.covers(ws) == sum(1 for s in sets if ws & s) / len(sets)
        assert masks.covers_all(ws) == sum(1 for s in sets if ws <= s) / len(sets)
    assert masks.document_counts() == Counter(w for s in sets for w in s)
    assert DocWords.of([]).covers({"w1"}) == DocWords.of([]).covers_all({"w1"}) == 0.0


def test_a_topics_nearest_documents_are_the_whole_sort_s_first():
    """The representative documents: the members closest to the centroid, closest first,
    ties in row order, as a stable sort of all members gives (ties and NaNs included)."""
    from datamap.tasks.topics.model import _nearest

    rng = np.random.default_rng(6)
    for trial in range(500):
        closeness = np.round(rng.random(1_000), int(rng.integers(1, 3))).astype(np.float32)
        if trial % 5 == 0:
            closeness[rng.integers(0, 1_000, 60)] = np.nan
        members = rng.choice(1_000, int(rng.integers(1, 400)), replace=False)
        k = int(rng.integers(1, 15))
        whole = members[np.argsort(-closeness[members], kind="stable")[:k]]
        assert np.array_equal(_nearest(members, closeness, k), whole), trial


def test_measure_counts_what_it_says():
    """Agreement and mention on a hand-made case where the answer is known."""
    from datamap.tasks.topics.labellers.measure import agreement, mention

    vecs = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.2, 0.8]], dtype=np.float32)
    topic = np.array([1, 1, 2, 2])
    labels = {1: np.array([1, 0], np.float32), 2: np.array([0, 1], np.float32)}
    assert agreement(vecs, topic, None, labels) == (1.0, 0.5)
    swapped = {1: labels[2], 2: labels[1]}
    assert agreement(vecs, topic, None, swapped)[0] == 0.0
    docs = ["Fonts for TeX", "a font", "Perl modules", "nothing here"]
    assert mention(docs, topic, {1: "Fonts and themes", 2: "Perl"}, frozenset({"and"})) == 0.5


def test_without_an_embedder_names_still_come_from_the_documents(draft):
    """Maps of bare vectors from another model: words scored by frequency, still unique."""
    from datamap.tasks.topics.model import name_topics

    res = name_topics(draft, embed=None)
    for depth, labels in _labels_by_depth(res).items():
        assert len({s.lower() for s in labels}) == len(labels), depth
    d1 = [m for m in res.metadata if m[schema.TOPIC_DEPTH] == 1]
    words = {w.lower() for m in d1 for w in m[schema.TOPIC_LABEL].split()}
    kws = {w for m in d1 for k in m[schema.TOPIC_KEYWORDS] for w in k.split()}
    assert words & kws, "names share no word with any keyword"


def test_unknown_labeller_name_is_an_actionable_error():
    from datamap.tasks.topics.labellers import resolve_labeller

    with pytest.raises(LabellerError, match="contrastive"):
        resolve_labeller("contrastiv", frozenset())
    with pytest.raises(LabellerError, match="--labeller-url"):
        resolve_labeller("openai", frozenset())


# ---- the LLM labeller against fake servers -------------------------------------------------------
class FakeServer:
    """An OpenAI-compatible /v1/chat/completions on 127.0.0.1 in a thread.

    mode "ok": answers "<first keyword> things" (a name derived from the prompt);
    "slow": sleeps past the client's timeout; "garbage": answers 200 with no completion."""

    def __init__(self, mode: str = "ok"):
        self.mode, self.requests, self.prompts = mode, 0, []
        lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with lock:
                    server.requests += 1
                    server.prompts.append(body["messages"][-1]["content"])
                if server.mode == "slow":
                    time.sleep(1.5)
                if server.mode == "garbage":
                    out = b"<html>500 upstream says hello</html>"
                else:
                    kw = next(ln for ln in body["messages"][-1]["content"].splitlines() if ln.startswith("Keywords:"))
                    first = kw.split(":", 1)[1].split(",")[0].strip() or "misc"
                    out = json.dumps({"id": "x", "object": "chat.completion", "model": body["model"],
                                      "choices": [{"index": 0, "finish_reason": "stop",
                                                   "message": {"role": "assistant",
                                                               "content": f"{first.title()} things\n"}}]}).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(out)))
                    self.end_headers()
                    self.wfile.write(out)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(request):
    s = FakeServer(getattr(request, "param", "ok"))
    yield s
    s.close()


def _llm(url, store, embed, **settings):
    from datamap.tasks.topics.labellers import resolve_labeller
    from datamap.tasks.topics.labels import _stop_words

    return resolve_labeller("openai", _stop_words("english"), embed=embed, url=url, model="fake-1",
                            cache_store=store, settings={"timeout_s": 0.5, "retries": 1, **settings})


def test_llm_labels_are_cached_in_the_store_and_a_rebuild_asks_nothing(draft, embed, server, tmp_path):
    from datamap.tasks.topics.model import name_topics

    store = str(tmp_path / "store")
    n_topics = sum(SIZES)
    first = name_topics(draft, labeller=_llm(server.url, store, embed), embed=embed)
    assert server.requests == n_topics
    reps = first.labelling["depths"]
    assert [r["requests"] for r in reps] == SIZES and all(not r["fallbacks"] for r in reps)
    # the server's names are used (made unique per depth), top-down: depth-2 prompts carry the parent
    d1 = [m for m in first.metadata if m[schema.TOPIC_DEPTH] == 1]
    assert all(m[schema.TOPIC_LABEL].split()[-1].startswith("things") or "(" in m[schema.TOPIC_LABEL]
               or m[schema.TOPIC_LABEL] for m in d1)
    assert sum(m[schema.TOPIC_LABEL].endswith("things") for m in first.metadata) >= n_topics // 2
    assert any(f"Parent topic: {m[schema.TOPIC_LABEL]}" in p for m in d1 for p in server.prompts)
    assert list((tmp_path / "store" / "_cache" / "labels").rglob("*.json")), "answers not cached in the store"
    again = name_topics(draft, labeller=_llm(server.url, store, embed), embed=embed)
    assert server.requests == n_topics, "a rebuild asked the server again"
    assert [m[schema.TOPIC_LABEL] for m in again.metadata] == [m[schema.TOPIC_LABEL] for m in first.metadata]


def test_llm_refresh_asks_only_for_changed_topics(draft, embed, server, tmp_path):
    import dataclasses

    from datamap.tasks.topics.model import _topic_infos

    store = str(tmp_path / "store")
    infos, _, _ = _topic_infos(draft, 0, {}, {}, 0)
    lab = _llm(server.url, store, embed)
    lab.label(infos)
    assert server.requests == len(infos)
    only_docs = list(infos)
    only_docs[1] = dataclasses.replace(infos[1], representative_docs=["A new package description."])
    lab4 = _llm(server.url, store, embed)
    lab4.label(only_docs)
    assert lab4.report["requests"] == 1, "only the topic whose prompt changed is asked again"
    assert lab4.report["cache_hits"] == len(infos) - 1
    assert server.requests == len(infos) + 1
    lab5 = _llm(server.url, store, embed)
    lab5.label(only_docs)
    assert lab5.report["requests"] == 0 and server.requests == len(infos) + 1


@pytest.mark.parametrize("server", ["slow", "garbage"], indirect=True)
def test_llm_failures_fall_back_to_offline_labels_and_are_recorded(draft, embed, server, tmp_path, contrastive):
    from datamap.tasks.topics.model import name_topics

    res = name_topics(draft, labeller=_llm(server.url, str(tmp_path / "s"), embed), embed=embed)
    assert [m[schema.TOPIC_LABEL] for m in res.metadata] == [m[schema.TOPIC_LABEL] for m in contrastive.metadata]
    fell = [f for r in res.labelling["depths"] for f in r["fallbacks"]]
    assert len(fell) == sum(SIZES)
    want = "timeout" if server.mode == "slow" else "bad response"
    assert all(want in f["reason"] for f in fell), fell[:3]
    assert not list((tmp_path / "s").rglob("*.json")), "a failure was cached"


def test_llm_unreachable_server_and_budget(draft, embed, server, tmp_path, contrastive):
    from datamap.tasks.topics.model import name_topics

    import socket

    with socket.socket() as s:       # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/v1"
    res = name_topics(draft, labeller=_llm(dead, None, embed, retries=0), embed=embed)
    fell = [f for r in res.labelling["depths"] for f in r["fallbacks"]]
    assert len(fell) == sum(SIZES) and all("unreachable" in f["reason"] for f in fell)
    lab = _llm(server.url, None, embed, budget=7)
    res = name_topics(draft, labeller=lab, embed=embed)
    assert server.requests == 7
    fell = [f for r in res.labelling["depths"] for f in r["fallbacks"]]
    assert len(fell) == sum(SIZES) - 7 and all(f["reason"] == "request budget spent" for f in fell)


def test_llm_answers_are_cleaned_or_refused():
    from datamap.tasks.topics.labellers.openai import chat_url, clean_answer

    assert clean_answer('  "Haskell web frameworks."\n') == "Haskell web frameworks"
    assert clean_answer("<think>hmm</think>\nName: Fonts and themes") == "Fonts and themes"
    assert clean_answer("python, numpy, scipy, pandas") is None
    assert clean_answer("- Typeface\n- Font\n- Type") == "Typeface", "a small model answers as a list"
    assert clean_answer("1. Audio players") == "Audio players"
    assert clean_answer("Parent topic: API client") is None, "an echo of the prompt is no name"
    assert clean_answer("This is a top-level topic.") is None
    assert clean_answer("A topic about many different kinds of things") is None
    assert clean_answer("the", frozenset({"the"})) is None
    assert chat_url("http://h:1") == "http://h:1/v1/chat/completions"
    assert chat_url("http://h:1/v1/") == "http://h:1/v1/chat/completions"


# ---- BERTopic's representation models --------------------------------------------------------------
def test_bertopic_keybert_representation_names_real_topics(draft, embed):
    from datamap.tasks.topics.model import name_topics
    from datamap.tasks.topics.labellers import resolve_labeller
    from datamap.tasks.topics.labels import _stop_words

    res = name_topics(draft, labeller=resolve_labeller("bertopic:KeyBERTInspired", _stop_words("english"),
                                                       embed=embed), embed=embed)
    by_depth = _labels_by_depth(res)
    assert [len(v) for v in by_depth.values()] == SIZES
    for depth, labels in by_depth.items():
        assert len({s.lower() for s in labels}) == len(labels)
        assert all(1 <= len(s.split()) <= 5 for s in labels), labels
    with pytest.raises(LabellerError, match="KeyBERTInspired"):
        resolve_labeller("bertopic:NoSuchModel", frozenset(), embed=embed)


def test_hierarchy_is_keyed_by_topic_id_with_one_entry_per_topic(built_map):
    from datamap import open_map

    m = open_map(built_map["dataset"], built_map["store"])
    meta = pl.from_pandas(m.topics.metadata)
    h = m.topics.hierarchy
    assert sorted(h) == sorted(meta["topic_id"].to_list())
    for tid, parent in zip(meta["topic_id"].to_list(), meta["parent"].to_list()):
        if parent is not None and parent == parent:
            assert tid in h[int(parent)]
    for d in range(1, m.topics.depth + 1):
        labels = meta.filter(pl.col("depth") == d)["topic_short_description"].to_list()
        assert len(set(labels)) == len(labels), f"depth {d} labels are not unique"


def test_diff_counts_topics_by_id_even_when_two_share_a_label():
    """Maps built before per-depth uniqueness can hold two topics of one name: the diff
    counts and names them by id, and reports renames."""
    from datamap.tasks.refresh import _topic_changes

    old = {1: "Fonts", 2: "Fonts", 3: "Perl"}
    new = {1: "Fonts", 2: "Noto fonts", 4: "Python"}
    ch = _topic_changes(old, new)
    assert ch["count"] == 3
    assert ch["appeared"] == ["Python (#4)"] and ch["vanished"] == ["Perl (#3)"]
    assert ch["renamed"] == ["Fonts → Noto fonts (#2)"]


@pytest.mark.parametrize("server", ["garbage"], indirect=True)
def test_a_build_with_a_broken_llm_server_publishes_offline_labels_and_records_why(debian_2k_path, server, tmp_path):
    """The whole pipeline with ``labeller="openai"`` against a server that answers 200 with
    no completion: the build still publishes, every topic keeps an offline name, and the
    manifest says which labeller ran and why each topic fell back."""
    from datamap.flows.build_map import build_map
    from datamap.resources import open_map

    store = str(tmp_path / "store")
    build_map(source=debian_2k_path, dataset="llm", store=store,
              options={"projection": {"method": "umap"}, "text_field": "text", "id_field": "id", "embedding_field": "embedding",
                       "topics": {"labeller": "openai", "labeller_url": server.url, "labeller_model": "fake-1",
                                  "labeller_settings": {"timeout_s": 2, "retries": 0}}})
    m = open_map("llm", store)
    topics = m.manifest["topics"]
    assert topics["named_by"] == "openai"
    n_topics = sum(topics["n_topics"])
    assert server.requests == n_topics, "one request per topic, no retries configured"
    fell = [f for depth in topics["labelling"] for f in depth["fallbacks"]]
    assert len(fell) == n_topics and all("bad response" in f["reason"] or "unusable" in f["reason"] for f in fell)
    labels = list(m.topics.metadata[schema.TOPIC_LABEL])
    assert len(labels) == n_topics and all(lab and "things" not in lab for lab in labels)


def test_tokenised_documents_are_let_go_once_the_map_is_named(draft, embed):
    """Labelling memoises each sampled document's words for all depths; a build or a
    server must not keep them afterwards (65,536 Debian descriptions held 1.04 GB, which
    the 1M build carried into its dedupe stage), also when labelling fails."""
    from datamap.tasks.topics.labellers import phrases
    from datamap.tasks.topics.model import name_topics

    def held() -> int:
        return phrases._clauses.cache_info().currsize + phrases.word_set.cache_info().currsize

    seen: list[int] = []

    def watching(texts):
        seen.append(held())
        return embed(texts)

    name_topics(draft, embed=watching)
    assert max(seen) > 0, "the documents were not memoised while the map was named"
    assert held() == 0
    with pytest.raises(RuntimeError), phrases.documents_memoised():
        phrases.word_set("a document read before the labeller failed")
        raise RuntimeError("labeller failed")
    assert held() == 0


def test_reading_ahead_in_a_worker_gives_every_topic_the_name_it_gets_reading_in_turn(draft, embed, contrastive,
                                                                                      monkeypatch):
    """The build starts the labeller reading its samples in a second process while
    BERTopic fits (``read_ahead``); the names must be the ones it finds reading them itself,
    and the worker's reading must really be the one used, at every depth."""
    from datamap.tasks.topics import model
    from datamap.tasks.topics.labellers import contrastive as mod

    monkeypatch.setattr(mod, "READ_AHEAD_DOCS", 0)          # a 2,000-row map reads ahead too
    labeller = mod.ContrastiveLabeller(model._stop_words(draft.options.stop_words), embed)
    model.read_ahead(labeller, draft.docs, draft.raw, draft.order_per_depth, draft.gid_maps, draft.options.seed)
    assert labeller._ahead is not None, "two cores and not a daemon: the worker must have started"
    ahead = model.name_topics(draft, labeller=labeller)
    assert len(labeller._ahead._got) == draft.raw.shape[1], "every depth's reading came from the worker"
    assert [m[schema.TOPIC_LABEL] for m in ahead.metadata] == [m[schema.TOPIC_LABEL] for m in contrastive.metadata]
    assert labeller.alternatives and labeller.alternatives == _alternatives(draft, embed)


def _alternatives(draft, embed) -> dict[int, list[str]]:
    """The further names each topic's labeller offers, reading in turn (no worker)."""
    from datamap.tasks.topics import model
    from datamap.tasks.topics.labellers.contrastive import ContrastiveLabeller

    labeller = ContrastiveLabeller(model._stop_words(draft.options.stop_words), embed)
    model.name_topics(draft, labeller=labeller)
    return labeller.alternatives
