"""MiniLM's encoder layers as an ONNX graph for onnxruntime, built from the same weights.

The numpy forward pass (nlp.embeddings.minilm) spends a third of its time in GELU and
the rest in separate matrix products and element-wise passes. onnxruntime runs the same
arithmetic with fused float32 kernels (attention, bias + GELU, residual + layer norm)
about twice as fast, and its vectors match the numpy pass to within 1e-6. The graph is
built here, in memory, from the checked safetensors weights; nothing is downloaded or
stored. It is written as ONNX protobuf bytes directly (a few message types), so the
``onnx`` package is not needed.

Operators: ``Attention``, ``SkipLayerNormalization`` and ``BiasGelu`` are
onnxruntime's ``com.microsoft`` operators (exact erf GELU), ``MatMul`` is standard.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import Any

import numpy as np

# ONNX protobuf: TensorProto.DataType and AttributeProto.AttributeType values.
_FLOAT, _UINT8, _INT8, _INT32, _INT64 = 1, 2, 3, 6, 7
_DATA_TYPES = {
    np.dtype("<f4"): _FLOAT,
    np.dtype("u1"): _UINT8,
    np.dtype("i1"): _INT8,
    np.dtype("<i8"): _INT64,
}
_ATTR_FLOAT, _ATTR_INT, _ATTR_INTS = 1, 2, 7
#: onnxruntime 1.17+ reads IR 8 / opset 17 graphs.
_IR_VERSION, _OPSET = 8, 17
_MS = "com.microsoft"


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _key(field: int, wire: int) -> bytes:
    return _varint(field << 3 | wire)


def _int(field: int, value: int) -> bytes:
    return _key(field, 0) + _varint(value)


def _bytes(field: int, value: bytes) -> bytes:
    return _key(field, 2) + _varint(len(value)) + value


def _str(field: int, value: str) -> bytes:
    return _bytes(field, value.encode())


def _attribute(name: str, value: int | float | list[int]) -> bytes:
    if isinstance(value, list):
        # Negative ints are varints of their 64-bit two's complement.
        ints = b"".join(_int(8, v & 0xFFFFFFFFFFFFFFFF) for v in value)
        return _str(1, name) + ints + _int(20, _ATTR_INTS)
    if isinstance(value, float):
        body = _str(1, name) + _key(2, 5) + struct.pack("<f", value) + _int(20, _ATTR_FLOAT)
    else:
        body = _str(1, name) + _int(3, value) + _int(20, _ATTR_INT)
    return body


def _node(
    op: str,
    inputs: Sequence[str],
    output: str | Sequence[str],
    domain: str = "",
    **attributes: int | float | list[int],
) -> bytes:
    outputs = [output] if isinstance(output, str) else output
    body = b"".join(_str(1, name) for name in inputs)
    body += b"".join(_str(2, name) for name in outputs) + _str(4, op)
    body += b"".join(_bytes(5, _attribute(k, v)) for k, v in attributes.items())
    return _bytes(1, body + (_str(7, domain) if domain else b""))


def _tensor(name: str, array: np.ndarray) -> list[bytes]:
    """An initializer as parts to join once: the weights are ~42 MB, each copy costs."""
    dtype = array.dtype.newbyteorder("<") if array.dtype.kind in "iu" else np.dtype("<f4")
    contiguous = np.ascontiguousarray(array, dtype=dtype)
    data = contiguous.tobytes()
    head = b"".join(_int(1, d) for d in contiguous.shape) + _int(2, _DATA_TYPES[dtype])
    head += _str(8, name)
    data_key = _key(9, 2) + _varint(len(data))
    length = len(head) + len(data_key) + len(data)
    return [_key(5, 2) + _varint(length) + head + data_key, data]


def _value_info(field: int, name: str, elem_type: int, dims: Sequence[int | str]) -> bytes:
    shape = b"".join(_bytes(1, _int(1, d) if isinstance(d, int) else _str(2, d)) for d in dims)
    tensor_type = _int(1, elem_type) + _bytes(2, shape)
    return _bytes(field, _str(1, name) + _bytes(2, _bytes(1, tensor_type)))


def quantize_columns(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 weights with one scale per output column (``x @ W`` layout).

    Returns:
        ``(q, scale)`` with ``W ~= q * scale``; ``q`` int8 in [-127, 127], ``scale``
        float32 of length ``W.shape[1]``.
    """
    peak = np.abs(weight).max(axis=0)
    scale = (np.where(peak > 0, peak, 1.0) / 127.0).astype(np.float32)
    q = np.clip(np.rint(weight / scale), -127, 127).astype(np.int8)
    return q, scale


def layer_output(k: int) -> str:
    """The graph's name for encoder layer ``k``'s output (1-based; the last is ``y``)."""
    return f"l{k - 1}.out"


def encoder_graph(
    layers: Sequence[Any], *, heads: int, hidden: int, eps: float, int8: bool = False
) -> bytes:
    """A serialized ONNX model: the encoder layers, hidden states in, hidden states out.

    Args:
        layers: objects with the attributes of ``nlp.embeddings.minilm_layers.EncoderLayer``
            (``qkv_w``/``qkv_b``, ``out_w``/``out_b``, ``ln1_g``/``ln1_b``,
            ``ff1_w``/``ff1_b``, ``ff2_w``/``ff2_b``, ``ln2_g``/``ln2_b``; weights as
            ``x @ W``).
        heads: attention heads.
        hidden: hidden size.
        eps: layer-norm epsilon.
        int8: run the four matrix products of each layer in int8: weights quantized
            per column here; the feed-forward inputs per token; the attention and
            attention-output inputs with one scale per pass (QAttention takes no
            per-token scale, and the CPU MultiHeadAttention that would was far slower).
            The vectors differ from the float32 ones (cosine 0.996 on average), so they
            need their own embedder name. onnxruntime picks int8 kernels by CPU
            (AVX-512 VNNI / AMX here); the project's machines are all of one kind.

    Returns:
        The model bytes; inputs ``x`` (float32, batch x length x hidden, after the
        embedding layer norm) and ``mask`` (int32, batch x length, 1 for real tokens),
        output ``y`` (the last layer's hidden states) and, for each earlier layer k (1-based),
        ``layer_output(k)``.
    """
    nodes: list[bytes] = []
    weights: list[bytes] = []

    def weight(name: str, array: np.ndarray) -> str:
        weights.extend(_tensor(name, array))
        return name

    def matmul(
        a: str, name: str, w: np.ndarray, out: str, per_token: bool = False, gelu: bool = False
    ) -> None:
        if not int8:
            nodes.append(_node("MatMul", [a, weight(name, w)], out))
            return
        q, scale = quantize_columns(w)
        if not per_token:
            inputs = [a, weight(name, q), weight(name + "_scale", scale)]
            nodes.append(_node("DynamicQuantizeMatMul", inputs, out, _MS))
            return
        # One scale per token: a few tokens ([CLS], [SEP], punctuation) carry values
        # far larger than the rest, and one scale per pass would flatten every other
        # token's values to a handful of levels.
        n = name + "."
        if gelu:
            # GELU is never below -0.17, so the largest |value| is the largest value
            # once that is 0.17 or more: one pass over the widest input instead of two.
            nodes.append(_node("ReduceMax", [a], n + "peak", axes=[-1], keepdims=1))
            nodes.append(_node("Max", [n + "peak", "gelu_floor"], n + "peak1"))
        else:
            nodes.append(_node("Abs", [a], n + "abs"))
            nodes.append(_node("ReduceMax", [n + "abs"], n + "peak", axes=[-1], keepdims=1))
            nodes.append(_node("Max", [n + "peak", "tiny"], n + "peak1"))
        nodes.append(_node("Div", [n + "peak1", "c127"], n + "s"))
        nodes.append(_node("Div", [a, n + "s"], n + "d"))
        nodes.append(_node("QuantizeLinear", [n + "d", "one", "zp128"], n + "q"))
        inputs = [n + "q", weight(name, q), "one", weight(name + "_scale", scale), "zp128"]
        nodes.append(_node("MatMulIntegerToFloat", inputs, n + "f", _MS))
        nodes.append(_node("Mul", [n + "f", n + "s"], out))

    if int8:
        weight("tiny", np.array(1e-6, dtype=np.float32))
        weight("gelu_floor", np.array(0.17, dtype=np.float32))
        weight("c127", np.array(127.0, dtype=np.float32))
        weight("one", np.array(1.0, dtype=np.float32))
        weight("zp128", np.array(128, dtype=np.uint8))
    x = "x"
    for i, layer in enumerate(layers):
        p = f"l{i}."
        out = "y" if i == len(layers) - 1 else layer_output(i + 1)
        if int8:
            xq = [p + "xq", p + "xq_scale", p + "xq_zero"]
            nodes.append(_node("DynamicQuantizeLinear", [x], xq))
            q, scale = quantize_columns(layer.qkv_w)
            qkv = [weight(p + "qkv_w", q), weight(p + "qkv_b", layer.qkv_b)]
            inputs = [xq[0], *qkv, xq[1], weight(p + "qkv_scale", scale), "mask", xq[2]]
            nodes.append(_node("QAttention", inputs, p + "ctx", _MS, num_heads=heads))
        else:
            qkv = [weight(p + "qkv_w", layer.qkv_w), weight(p + "qkv_b", layer.qkv_b)]
            nodes.append(_node("Attention", [x, *qkv, "mask"], p + "ctx", _MS, num_heads=heads))
        matmul(p + "ctx", p + "out_w", layer.out_w, p + "ao")
        ln1 = [weight(p + "ln1_g", layer.ln1_g), weight(p + "ln1_b", layer.ln1_b)]
        out_b = weight(p + "out_b", layer.out_b)
        nodes.append(
            _node("SkipLayerNormalization", [p + "ao", x, *ln1, out_b], p + "a", _MS, epsilon=eps)
        )
        matmul(p + "a", p + "ff1_w", layer.ff1_w, p + "f1", per_token=True)
        nodes.append(_node("BiasGelu", [p + "f1", weight(p + "ff1_b", layer.ff1_b)], p + "g", _MS))
        matmul(p + "g", p + "ff2_w", layer.ff2_w, p + "f2", per_token=True, gelu=True)
        ln2 = [weight(p + "ln2_g", layer.ln2_g), weight(p + "ln2_b", layer.ln2_b)]
        ff2_b = weight(p + "ff2_b", layer.ff2_b)
        nodes.append(
            _node("SkipLayerNormalization", [p + "f2", p + "a", *ln2, ff2_b], out, _MS, epsilon=eps)
        )
        x = out
    graph = [
        *nodes,
        _str(2, "minilm_encoder"),
        *weights,
        _value_info(11, "x", _FLOAT, ["batch", "length", hidden]),
        _value_info(11, "mask", _INT32, ["batch", "length"]),
        _value_info(12, "y", _FLOAT, ["batch", "length", hidden]),
        # The middle layers' outputs too, for the name finder (MiniLMEmbedder.token_states):
        # asked for by name, they cost a copy; the sentence vectors ask only for "y".
        *(
            _value_info(12, layer_output(k), _FLOAT, ["batch", "length", hidden])
            for k in range(1, len(layers))
        ),
    ]
    opsets = _bytes(8, _int(2, _OPSET)) + _bytes(8, _str(1, _MS) + _int(2, 1))
    graph_key = _key(7, 2) + _varint(sum(map(len, graph)))
    head = _int(1, _IR_VERSION) + _str(2, "whatmatters") + graph_key
    # One join: concatenating the graph step by step copied the weights eight times.
    return b"".join([head, *graph, opsets])


def make_session(model: bytes) -> Any:
    """An onnxruntime session for ``model`` that runs on the calling thread only.

    The embedder already runs batches side by side on its own threads (one per core),
    so each call uses one thread and never spin-waits for others: on a shared machine a
    spinning pool burns the cores other work needs.
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3  # warnings about unused initialisers are noise here
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
