"""Topic names from any OpenAI-compatible chat server (llama.cpp's llama-server, Ollama,
vLLM, LM Studio, a hosted API), with the offline labeller behind every topic.

Top-down, as Toponymy does: depth 1 is named first and each deeper prompt carries its
parent's final name, the topic's keywords, the documents nearest its centroid
(truncated) and its siblings' keywords, asking for a short name that sets it apart.

Why the machinery around the requests: a map build must never fail or hang because a
server is slow, down or talks nonsense, and a rebuild must not pay again. So:
- answers are cached in the store under ``_cache/labels/<model>/<prompt sha>.json``: a
  rebuild asks nothing, a refresh asks only for topics whose prompt changed;
- each request has a timeout and a few retries with backoff, at most ``concurrency`` run
  at once, and at most ``budget`` are sent per build;
- any failure (unreachable, timeout, HTTP error, an answer that is no usable name, the
  budget spent) gives that topic the offline label, and ``report`` says which and why
  (the topics stage puts it in the manifest).
The API key, if the server wants one, comes from ``$DATAMAP_LABELLER_API_KEY``.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Sequence

from datamap.resources.errors import LabellerError

from datamap.tasks.topics.labels import TopicInfo, TopicLabeller, is_bad_label

API_KEY_ENV = "DATAMAP_LABELLER_API_KEY"
DOC_CHARS = 240          # each representative document is cut to this many characters
MAX_WORDS = 5

SYSTEM = ("You name topics found in a collection of documents. Reply with the name only: "
          "1 to 5 words that a person would write as a heading, saying what the documents are "
          "about. Use the documents' own terms. No quotes, no explanation, no list of keywords; "
          "at most one 'and'.")


class _Failed(Exception):
    """One topic's request failed; the message is the reason recorded in the report."""


def chat_url(url: str) -> str:
    """The chat-completions endpoint of a server given as its root, its /v1 or the endpoint."""
    u = url.rstrip("/")
    if u.endswith("/chat/completions"):
        return u
    return u + ("/chat/completions" if u.endswith("/v1") else "/v1/chat/completions")


def build_prompt(t: TopicInfo, siblings: Sequence[TopicInfo]) -> str:
    """The user message for one topic (its siblings are the other topics of its parent)."""
    lines = [f"Parent topic: {t.parent_label}" if t.parent_label else "This is a top-level topic.",
             "Keywords: " + ", ".join(t.keywords[:10]),
             "Representative documents:"]
    for d in (t.representative_docs or t.sample_docs)[:10]:
        d = " ".join(d.split())
        lines.append("- " + (d[:DOC_CHARS] + "…" if len(d) > DOC_CHARS else d))
    others = [s for s in siblings if s.topic_id != t.topic_id][:12]
    if others:
        lines.append("Other topics beside it (name this one so it is distinct from them):")
        lines += ["- " + ", ".join(s.keywords[:5]) for s in others]
    lines.append("Name of this topic:")
    return "\n".join(lines)


# the first words of our own prompt's lines: a reply starting so echoes the prompt (small models do)
PROMPT_HEADS = ("parent topic:", "this is a top-level topic", "keywords:", "representative documents",
                "other topics beside it", "name of this topic")


def clean_answer(text: str, stop_words: frozenset[str] = frozenset()) -> str | None:
    """The name in a model's reply, or None when it is no usable name (empty, too long,
    a list, a bare stop word, an echo of the prompt)."""
    text = re.sub(r"<think>.*?</think>", " ", text or "", flags=re.S)
    line = next((s.strip() for s in text.splitlines() if s.strip()), "")
    if line.lower().lstrip("-*• ").startswith(PROMPT_HEADS):
        return None
    line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line)     # a list bullet or number
    line = re.sub(r"^(?:topic\s+)?(?:name|label|title)\s*:\s*", "", line, flags=re.I)
    line = line.strip(" \t*_#`'\"“”‘’.").strip()
    line = " ".join(line.split())
    if not line or len(line.split()) > MAX_WORDS or is_bad_label(line, stop_words):
        return None
    separators = line.count(",") + len(re.findall(r"\s(?:and|&)\s", line, flags=re.I)) + line.count(";")
    return line if separators <= 1 else None


class OpenAILabeller:
    """``TopicLabeller`` over ``POST <url>/v1/chat/completions``; see the module doc."""

    def __init__(self, url: str | None, model: str | None, fallback: TopicLabeller, store_uri: str | None = None,
                 timeout_s: float = 30.0, retries: int = 2, concurrency: int = 4, budget: int = 2000,
                 max_tokens: int = 24, temperature: float = 0.0, stop_words: frozenset[str] = frozenset()):
        if not url:
            raise LabellerError("the 'openai' labeller needs the server's URL: --labeller-url "
                                "http://127.0.0.1:8080/v1 (or topics option labeller_url)")
        self.url = chat_url(url)
        self.model = model or "default"
        self.fallback = fallback
        self.store_uri = store_uri
        self.timeout_s, self.retries, self.concurrency = float(timeout_s), int(retries), max(1, int(concurrency))
        self.budget = int(budget)
        self.max_tokens, self.temperature = int(max_tokens), float(temperature)
        self.stop_words = stop_words
        self.alternatives: dict[int, list[str]] = {}
        self.report: dict = {}
        self.requests = 0            # sent over the whole build (all depths)
        self._memory: dict[str, str] = {}

    # ---- cache -------------------------------------------------------------------------------
    def _key(self, messages: list[dict]) -> str:
        body = json.dumps({"model": self.model, "messages": messages, "temperature": self.temperature},
                          sort_keys=True)
        return hashlib.sha256(body.encode()).hexdigest()

    def _cache_path(self, key: str):
        if not self.store_uri:
            return None, None
        from datamap.resources.store import Store

        st = Store(self.store_uri)
        slug = re.sub(r"[^\w.-]+", "_", self.model)[:80] or "model"
        return st, st.path("_cache", "labels", slug, f"{key}.json")

    def _cached(self, key: str) -> str | None:
        if key in self._memory:
            return self._memory[key]
        st, path = self._cache_path(key)
        try:
            if st is not None and st.exists(path):
                return st.read_json(path).get("label")
        except Exception:            # an unreadable cache entry is asked again
            return None
        return None

    def _remember(self, key: str, label: str, answer: str) -> None:
        self._memory[key] = label
        st, path = self._cache_path(key)
        if st is not None:
            try:
                st.write_json(path, {"model": self.model, "label": label, "answer": answer})
            except Exception:        # a read-only store costs a re-ask later, nothing else
                pass

    # ---- one request ------------------------------------------------------------------------------
    def _post(self, messages: list[dict]) -> str:
        body = json.dumps({"model": self.model, "messages": messages, "temperature": self.temperature,
                           "max_tokens": self.max_tokens, "stream": False}).encode()
        headers = {"Content-Type": "application/json"}
        key = os.environ.get(API_KEY_ENV)
        if key:
            headers["Authorization"] = f"Bearer {key}"
        req = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        with urllib.request.urlopen(req, timeout=self.timeout_s) as r:
            raw = r.read()
        try:
            return json.loads(raw)["choices"][0]["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError) as e:
            raise _Failed(f"bad response: not an OpenAI chat completion ({type(e).__name__})") from None

    def _ask(self, messages: list[dict]) -> tuple[str, str]:
        """(label, raw answer) or _Failed after the retries."""
        reason = "no attempt"
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(min(4.0, 0.25 * 2 ** attempt))
            try:
                answer = self._post(messages)
            except urllib.error.HTTPError as e:
                reason = f"HTTP {e.code}"
                if e.code < 500 and e.code != 429:
                    break            # the server will say the same again
                continue
            except (socket.timeout, TimeoutError):
                reason = f"timeout after {self.timeout_s:g} s"
                continue
            except (urllib.error.URLError, ConnectionError, OSError) as e:
                reason = f"unreachable: {getattr(e, 'reason', e)}"
                continue
            except _Failed as e:
                reason = str(e)
                continue
            label = clean_answer(answer, self.stop_words)
            if label is None:
                reason = f"unusable answer {answer[:60]!r}"
                continue
            return label, answer
        raise _Failed(reason)

    # ---- a depth ------------------------------------------------------------------------------------
    def label(self, topics: Sequence[TopicInfo]) -> list[str]:
        offline = [str(s) for s in self.fallback.label(topics)]
        self.alternatives = dict(getattr(self.fallback, "alternatives", {}) or {})
        by_parent: dict[object, list[TopicInfo]] = {}
        for t in topics:
            by_parent.setdefault(t.parent_id if t.depth > 1 else None, []).append(t)
        messages = [[{"role": "system", "content": SYSTEM},
                     {"role": "user", "content": build_prompt(t, by_parent[t.parent_id if t.depth > 1 else None])}]
                    for t in topics]
        keys = [self._key(m) for m in messages]
        names: list[str | None] = [self._cached(k) for k in keys]
        hits = sum(n is not None for n in names)
        todo = [i for i, n in enumerate(names) if n is None]
        room = max(0, self.budget - self.requests)
        send, over = todo[:room], todo[room:]
        self.requests += len(send)
        fallbacks = [{"topic_id": topics[i].topic_id, "reason": "request budget spent"} for i in over]
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            futures = {i: pool.submit(self._ask, messages[i]) for i in send}
            for i, f in futures.items():
                try:
                    names[i], answer = f.result()
                    self._remember(keys[i], names[i], answer)
                except _Failed as e:
                    fallbacks.append({"topic_id": topics[i].topic_id, "reason": str(e)})
        out = []
        for i, t in enumerate(topics):
            if names[i] is None:
                out.append(offline[i])
            else:
                out.append(names[i])
                self.alternatives[t.topic_id] = [offline[i], *self.alternatives.get(t.topic_id, [])]
        self.report = {"labeller": "openai", "model": self.model, "url": self.url, "topics": len(topics),
                       "cache_hits": hits, "requests": len(send), "fallbacks": sorted(fallbacks, key=lambda f: f["topic_id"])}
        return out
