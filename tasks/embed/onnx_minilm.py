"""MiniLM (or any BERT-style mean-pooling model) through ONNX Runtime, built offline.

Why: sentence-transformers on torch spends much of its time in eager-mode overhead and
unfused attention. The same weights exported once to ONNX, with ONNX Runtime's BERT
fusions (one Attention, SkipLayerNorm and BiasGelu kernel per layer) and, in ``quality``
mode, int8 weights for the dense layers, give the same vectors faster on a small CPU.

The graph computes exactly what the sentence-transformers pipeline does for this model:
WordPiece tokens truncated to ``max_seq_length`` (256), BERT, mean pooling over the
attention mask, L2 normalisation. Texts are tokenised with the model's own fast
tokenizer (``tokenizer.json``) and batched by token length so little padding is computed.

Int8 recipe (chosen by measurement, see docs/embedding-modes.md): every dense MatMul
(attention output, FFN up and down projections) int8, weights per output channel and
activations **per token** (``tasks.embed.int8_per_token``); the fused attention's QKV
projection stays fp32. Recipe v2 used ONNX Runtime's dynamic quantisation, which scales
activations per batch tensor: vectors depended on the batch (two batchings agreed to
cosine 0.980 at the worst), PyPI summaries fell to 0.982 of torch's, and the six FFN
down-projections had to stay fp32. Per token: batch-independent, min 0.994 on the same
PyPI sample and 0.997 on Debian (bench/out/int8_batch_invariance.json).
"""
from __future__ import annotations

import json
import os
import warnings

import numpy as np

from datamap.resources.errors import EmbeddingError
from datamap.tasks.embed.int8_per_token import per_token_int8
from datamap.tasks.embed.load_order import check_onnxruntime_loadable
from datamap.tasks.embed.model_files import ensure_built, recipe_key

RECIPE = "onnx-minilm-v4"          # bump when the export recipe changes: rebuilds the files
# Padded tokens per ONNX call. Smaller calls keep each layer's activations in the CPU's
# caches: 1,024 ran ~1.07x (PyPI) and ~1.10x (Debian) the docs/s of 4,096, and no other
# size was better on both (bench/embed_batch_shape.py). It also bounds memory and padding.
TOKEN_BUDGET = 1024
MAX_BATCH = 64
# int8 vectors differ from the fp32 ones by up to ~0.006 cosine, so they get their own
# embedding-cache key; fp32 ONNX vectors match torch to ~1e-4 and share its key. The
# suffix names the quantisation (v3: per-token activations, every dense MatMul int8);
# recipe v4 computes the same numbers with fewer ops (cosine >= 0.9992 to v3's vectors),
# so vectors cached under v3 stay valid.
INT8_ID_SUFFIX = "#onnx-int8-v3"


def _max_seq_length(model_dir: str) -> int:
    try:
        with open(os.path.join(model_dir, "sentence_bert_config.json")) as f:
            return int(json.load(f).get("max_seq_length") or 512)
    except FileNotFoundError:
        return 512


def check_supported(model_dir: str) -> None:
    """Raise EmbeddingError unless the folder is a BERT-style mean-pooling model we can export."""
    try:
        with open(os.path.join(model_dir, "config.json")) as f:
            cfg = json.load(f)
    except FileNotFoundError as e:
        raise EmbeddingError(f"{model_dir!r} has no config.json; use --embed-mode torch for this model") from e
    pool = {}
    p = os.path.join(model_dir, "1_Pooling", "config.json")
    if os.path.exists(p):
        with open(p) as f:
            pool = json.load(f)
    if cfg.get("model_type") != "bert" or not os.path.exists(os.path.join(model_dir, "tokenizer.json")) \
            or (pool and not pool.get("pooling_mode_mean_tokens")):
        raise EmbeddingError(
            f"the ONNX embedder handles BERT-style mean-pooling models with a tokenizer.json; "
            f"{model_dir!r} is not one (model_type={cfg.get('model_type')!r}); use --embed-mode torch")


def export(model_dir: str, out_dir: str) -> None:
    """Write model.onnx (fused fp32) and model.int8.onnx (dense MatMuls int8, per token)."""
    import torch
    from onnxruntime.transformers import optimizer
    from transformers import AutoModel

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # eager attention exports the plain MatMul/Softmax pattern that ORT fuses into Attention
    bert = AutoModel.from_pretrained(model_dir, local_files_only=True, attn_implementation="eager").eval()

    class MeanPooled(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            h = self.m(input_ids=input_ids, attention_mask=attention_mask,
                       token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(h.dtype)
            v = (h * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(v, p=2, dim=1)

    raw = os.path.join(out_dir, "raw.onnx")
    ids = torch.ones(2, 16, dtype=torch.long)
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(MeanPooled(bert), (ids, torch.ones_like(ids)), raw, dynamo=False,
                          input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                          dynamic_axes={"input_ids": {0: "b", 1: "s"}, "attention_mask": {0: "b", 1: "s"},
                                        "embedding": {0: "b"}}, opset_version=17)
    cfg = bert.config
    opt = optimizer.optimize_model(raw, model_type="bert", num_heads=cfg.num_attention_heads,
                                   hidden_size=cfg.hidden_size, opt_level=1)
    fp32 = os.path.join(out_dir, "model.onnx")
    opt.save_model_to_file(fp32)
    os.remove(raw)
    per_token_int8(fp32, os.path.join(out_dir, "model.int8.onnx"))
    with open(os.path.join(out_dir, "export.json"), "w") as f:
        json.dump({"recipe": RECIPE, "source": model_dir, "torch": torch.__version__,
                   "fusions": opt.get_fused_operator_statistics()}, f, indent=2)


def ensure_exported(model_dir: str, model_id: str, root: str | None = None) -> str:
    """Folder holding the exported graphs for this model, exported at first use."""
    check_onnxruntime_loadable()
    import onnxruntime

    check_supported(model_dir)
    key = recipe_key(RECIPE, model_id, onnxruntime.__version__)
    try:
        return ensure_built("onnx", key, lambda d: export(model_dir, d), root)
    except EmbeddingError:
        raise
    except Exception as e:
        raise EmbeddingError(f"exporting {model_id!r} to ONNX failed: {e}; use --embed-mode torch") from e


class OnnxEmbedder:
    """Embedder protocol on ONNX Runtime (CPU); ``int8`` picks the quantised graph."""

    def __init__(self, model_dir: str, model_id: str, int8: bool = True, threads: int | None = None,
                 root: str | None = None):
        check_onnxruntime_loadable()
        import onnxruntime as ort
        from tokenizers import Tokenizer

        folder = ensure_exported(model_dir, model_id, root)
        path = os.path.join(folder, "model.int8.onnx" if int8 else "model.onnx")
        so = ort.SessionOptions()
        so.intra_op_num_threads = threads or max(1, os.cpu_count() or 1)
        so.inter_op_num_threads = 1
        # ORT's workers spin after each run by default: in the web server one 10 ms query
        # then burnt both cores for ~200 ms and tile requests waited (tile p99 202 ms with
        # searchers, 60 ms without; bench/load.py). Batch encoding barely notices.
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self.session = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
        except Exception as e:
            raise EmbeddingError(f"cannot load ONNX model {path!r}: {e}; delete the folder to re-export") from e
        self.tokenizer = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
        self.tokenizer.no_padding()
        self.max_seq_length = _max_seq_length(model_dir)
        self.tokenizer.enable_truncation(self.max_seq_length)
        self.model_id = model_id + (INT8_ID_SUFFIX if int8 else "")
        self.dim = int(self.session.get_outputs()[0].shape[1] or self.session.run(
            None, self._feed([[101, 102]]))[0].shape[1])
        self.path = path

    @staticmethod
    def _feed(rows: list[list[int]]) -> dict[str, np.ndarray]:
        n, width = len(rows), max(len(r) for r in rows)
        ids = np.zeros((n, width), dtype=np.int64)
        mask = np.zeros((n, width), dtype=np.int64)
        for j, r in enumerate(rows):
            ids[j, :len(r)] = r
            mask[j, :len(r)] = 1
        return {"input_ids": ids, "attention_mask": mask}

    def encode(self, texts: list[str]) -> np.ndarray:
        # sentence-transformers strips the text before tokenising; so do we
        enc = self.tokenizer.encode_batch([t.strip() for t in texts])
        rows = [e.ids for e in enc]
        out = np.empty((len(rows), self.dim), dtype=np.float32)
        lens = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        order = np.argsort(-lens, kind="stable")        # longest first: similar lengths per batch
        i = 0
        while i < len(order):
            b = max(1, min(MAX_BATCH, TOKEN_BUDGET // max(1, int(lens[order[i]]))))
            sel = order[i:i + b]
            out[sel] = self.session.run(None, self._feed([rows[k] for k in sel]))[0]
            i += b
        return out
