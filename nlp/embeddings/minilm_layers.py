"""MiniLM's encoder layer in numpy: the reference forward pass (no torch).

The float32 pass every other backend is checked against (nlp.embeddings.onnx_graph builds
its graph from these layers' weights). Split from nlp.embeddings.minilm, which loads the
weights and tokenises.
"""

from __future__ import annotations

import numpy as np

#: BERT's layer-norm epsilon and MiniLM-L6's attention heads.
LN_EPS = 1e-12
HEADS = 12


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    normed: np.ndarray = (centred / np.sqrt(var + LN_EPS)) * gamma + beta
    return normed


# Abramowitz & Stegun 7.1.26: erf(z) = 1 - t(a1 + t(a2 + ...)) exp(-z^2), t = 1/(1 + p|z|),
# absolute error <= 1.5e-7, i.e. float32 rounding. scipy's erf works in float64 one element
# at a time; these dozen in-place float32 passes take about a third of its time, and GELU
# is the largest element-wise step of the pass (batch tokens x 1536).
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(
    np.float32(a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)
)
_INV_SQRT2 = np.float32(1.0 / np.sqrt(2.0))


def erf(z: np.ndarray) -> np.ndarray:
    """erf of a float32 array, within 5e-7 of the exact value; overwrites nothing in ``z``."""
    a: np.ndarray = np.abs(z)
    t: np.ndarray = a * _ERF_P
    t += 1.0
    np.reciprocal(t, out=t)
    poly: np.ndarray = t * _ERF_A[0]
    for coefficient in _ERF_A[1:]:
        poly += coefficient
        poly *= t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a  # 1 - erf(|z|)
    np.subtract(1.0, poly, out=poly)
    np.copysign(poly, z, out=poly)
    return poly


def gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact erf GELU (not the tanh approximation), in place where it can be.
    out = erf(x * _INV_SQRT2)
    out += 1.0
    out *= x
    out *= 0.5
    return out


class EncoderLayer:
    """One encoder layer's weights, transposed once so the hot path is ``x @ W``."""

    def __init__(self, w: dict[str, np.ndarray], prefix: str) -> None:
        def t(name: str) -> np.ndarray:
            return np.ascontiguousarray(w[f"{prefix}.{name}.weight"].T, dtype=np.float32)

        def b(name: str) -> np.ndarray:
            return w[f"{prefix}.{name}.bias"].astype(np.float32)

        # One fused QKV matmul instead of three: fewer, larger BLAS calls.
        self.qkv_w = np.concatenate(
            [t("attention.self.query"), t("attention.self.key"), t("attention.self.value")],
            axis=1,
        )
        self.qkv_b = np.concatenate(
            [b("attention.self.query"), b("attention.self.key"), b("attention.self.value")]
        )
        self.out_w, self.out_b = t("attention.output.dense"), b("attention.output.dense")
        self.ln1_g = w[f"{prefix}.attention.output.LayerNorm.weight"]
        self.ln1_b = w[f"{prefix}.attention.output.LayerNorm.bias"]
        self.ff1_w, self.ff1_b = t("intermediate.dense"), b("intermediate.dense")
        self.ff2_w, self.ff2_b = t("output.dense"), b("output.dense")
        self.ln2_g = w[f"{prefix}.output.LayerNorm.weight"]
        self.ln2_b = w[f"{prefix}.output.LayerNorm.bias"]

    def __call__(self, x: np.ndarray, mask_bias: np.ndarray) -> np.ndarray:
        batch, length, hidden = x.shape
        head = hidden // HEADS
        flat = x.reshape(batch * length, hidden)
        qkv = flat @ self.qkv_w + self.qkv_b
        qkv = qkv.reshape(batch, length, 3, HEADS, head).transpose(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1.0 / np.sqrt(head))
        scores += mask_bias
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, hidden)
        attn = layer_norm(ctx @ self.out_w + self.out_b + flat, self.ln1_g, self.ln1_b)
        ff = gelu(attn @ self.ff1_w + self.ff1_b) @ self.ff2_w + self.ff2_b
        out = layer_norm(ff + attn, self.ln2_g, self.ln2_b)
        return out.reshape(batch, length, hidden)
