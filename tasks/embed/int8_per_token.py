"""Per-token int8 MatMuls: an ONNX graph rewrite for the quality mode.

Why not ONNX Runtime's own dynamic quantisation: it scales each MatMul input with *one*
range for the whole batch tensor (every token of every text, padding included). A text's
vector then depends on which texts share its batch (two batchings of 1,500 PyPI summaries
agreed only to cosine 0.980 at the worst), a few large activations set the range for
everybody (after GELU, the FFN down-projections had to stay fp32), and on short texts some
vectors fell to 0.982 of torch's (bench/out/int8_batch_invariance.json).

Here each token's activation row gets its own symmetric int8 scale (its max |x| / 127):

    s = max(|x|, axis=-1) / 127          per token
    q = clip(round(x / s) + 128, 1, 255)  uint8, zero point 128
    y = (q · Wq) · w_scale · s            one int8 MatMul (MatMulIntegerToFloat), then × s

with the weights int8 per output channel. A token's result depends on that token alone,
so a text's vector is the same in any batch, and an outlier token no longer costs the
others their precision — every dense MatMul, the down-projections included, can be int8.
ONNX Runtime has no per-row dynamic quantiser, so the scale is computed in standard ops
(Abs, ReduceMax, Mul, Max) and the rounding is one per-axis ``QuantizeLinear`` over the
rows of the flattened (tokens, features) activation, whose scale (and zero point) may be
a tensor computed at run time. Recipe v3 spelled the rounding out as six element-wise
ops (Mul, Round, Add, Clip, Cast): the same numbers (cosine ≥ 0.9992 between the two per
document on PyPI and Debian), ~1.2× slower (bench/out/embed_batch_shape.json). The
MatMul is the contrib op ONNX Runtime's own dynamic quantisation runs on.
"""
from __future__ import annotations

import numpy as np

# shared constants of the rewritten graph (names unlikely to clash with an exported BERT)
_CONSTS = {"pt8_inv127": np.array(1 / 127.0, np.float32), "pt8_eps": np.array(1e-12, np.float32),
           "pt8_zp": np.array(128, np.uint8), "pt8_one": np.array(1.0, np.float32),
           "pt8_flat": np.array([-1], np.int64)}


def quantize_weight(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(int8 weights, fp32 scale per output column): symmetric, per channel."""
    scale = np.abs(w).max(axis=0) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    return np.clip(np.round(w / scale), -127, 127).astype(np.int8), scale


def token_scale_nodes(p: str, x: str) -> list:
    """Ops computing ``p + "s"`` = max(|x|) / 127 per token (last axis kept, size 1);
    an all-zero row gets a tiny scale instead of 0. Needs ``_CONSTS``' pt8_inv127, pt8_eps."""
    from onnx import helper

    mk = helper.make_node
    return [
        mk("Abs", [x], [p + "abs"], name=p + "abs"),
        mk("ReduceMax", [p + "abs"], [p + "max"], name=p + "max", axes=[-1], keepdims=1),
        mk("Mul", [p + "max", "pt8_inv127"], [p + "s0"], name=p + "s0"),
        mk("Max", [p + "s0", "pt8_eps"], [p + "s"], name=p + "s"),
    ]


def _nodes(p: str, x: str, y: str, wq: str, ws: str) -> list:
    """The ops replacing ``y = MatMul(x, W)`` for an ``x`` of any rank (tokens on the
    leading axes, features last); ``p`` prefixes every name they create."""
    from onnx import helper

    mk = helper.make_node
    return token_scale_nodes(p, x) + [
        # per-axis QuantizeLinear over the rows of (tokens, features): zero point 128 per row
        mk("Flatten", [x], [p + "x2"], name=p + "x2", axis=-1),
        mk("Reshape", [p + "s", "pt8_flat"], [p + "s1"], name=p + "s1"),
        mk("Shape", [p + "s1"], [p + "n"], name=p + "n"),
        mk("Expand", ["pt8_zp", p + "n"], [p + "zps"], name=p + "zps"),
        mk("QuantizeLinear", [p + "x2", p + "s1", p + "zps"], [p + "q"], name=p + "q", axis=0),
        mk("MatMulIntegerToFloat", [p + "q", wq, "pt8_one", ws, "pt8_zp"], [p + "yw"], name=p + "mm",
           domain="com.microsoft"),
        # back to x's leading shape, times each token's scale
        mk("Shape", [x], [p + "lead"], name=p + "lead", end=-1),
        mk("Concat", [p + "lead", "pt8_flat"], [p + "shape"], name=p + "shape", axis=0),
        mk("Reshape", [p + "yw", p + "shape"], [p + "y3"], name=p + "y3"),
        mk("Mul", [p + "y3", p + "s"], [y], name=p + "y"),
    ]


def per_token_int8(src: str, dst: str, node_names: list[str] | None = None) -> int:
    """Rewrite the MatMuls of the ONNX model at ``src`` whose second input is a constant
    weight (all of them, or those named in ``node_names``) as per-token int8 MatMuls; save
    the model to ``dst``. Returns how many were rewritten."""
    return rewrite_matmuls(src, dst, lambda p, x, y, wq, ws: (_nodes(p, x, y, wq, ws), {}),
                           node_names, _CONSTS, tag="pt8")


def rewrite_matmuls(src: str, dst: str, build, node_names: list[str] | None = None,
                    consts: dict[str, np.ndarray] | None = None, tag: str = "q8") -> int:
    """Replace each constant-weight MatMul of the model at ``src`` (or those named in
    ``node_names``) with the nodes ``build(prefix, x, y, wq, ws)`` returns, given the names
    of its input, output and int8 weights / per-column scales (``quantize_weight``), as
    ``(nodes, extra initializers by name)``; ``consts`` are initializers the new nodes
    share. Saves to ``dst`` and returns how many MatMuls were replaced. One int8 recipe is
    one ``build``: per token here, two-pass in bench/int8_two_pass.py."""
    import onnx
    from onnx import helper, numpy_helper

    m = onnx.load(src)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    wanted = None if node_names is None else set(node_names)
    nodes, weights, done = [], set(), 0
    for node in g.node:
        if (node.op_type != "MatMul" or node.input[1] not in inits
                or (wanted is not None and node.name not in wanted)):
            nodes.append(node)
            continue
        wq, ws = quantize_weight(numpy_helper.to_array(inits[node.input[1]]).astype(np.float32))
        p = f"{node.name.strip('/').replace('/', '_')}_{tag}_"
        new, extra = build(p, node.input[0], node.output[0], p + "wq", p + "ws")
        g.initializer.extend(numpy_helper.from_array(v, k) for k, v in {p + "wq": wq, p + "ws": ws, **extra}.items())
        nodes += new
        weights.add(node.input[1])
        done += 1
    if done and consts:
        g.initializer.extend(numpy_helper.from_array(v, k) for k, v in consts.items())
    del g.node[:]
    g.node.extend(nodes)
    used = {i for n in g.node for i in n.input}
    keep = [i for i in g.initializer if i.name not in weights or i.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    if not any(o.domain == "com.microsoft" for o in m.opset_import):
        m.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(m, dst)
    return done
