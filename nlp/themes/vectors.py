"""Small vector helpers shared by the theming stages and the store."""

from __future__ import annotations

import numpy as np


def normalise_rows(x: np.ndarray) -> np.ndarray:
    """L2-normalise each row; all-zero rows stay zero."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def group_sums(labels: np.ndarray, x: np.ndarray, k: int) -> np.ndarray:
    """Sum of the rows of ``x`` per label ``0..k-1`` (rows labelled ``-1`` are skipped).

    Accumulated in ``x``'s precision (float32 stays float32), row after row in their
    order: bit for bit what the sparse one-hot product it replaces gave, without
    importing scipy.sparse (part of a cold command's start). The rows are grouped by
    a stable sort and each group reduced along its first axis, which numpy does row
    after row (``np.add.at`` gives the same sums ten times slower).
    """
    sums = np.zeros((k, x.shape[1]), dtype=np.result_type(np.float32, x.dtype))
    keep = np.flatnonzero(labels >= 0)
    if len(keep):
        order = keep[np.argsort(labels[keep], kind="stable")]
        grouped = np.ascontiguousarray(x[order], dtype=sums.dtype)
        present, starts = np.unique(labels[order], return_index=True)
        ends = np.append(starts[1:], len(order))
        for label, start, end in zip(present.tolist(), starts.tolist(), ends.tolist(), strict=True):
            np.add.reduce(grouped[start:end], axis=0, out=sums[label])
    return sums.astype(np.float64)


def to_bytes(vector: np.ndarray) -> bytes:
    """Serialise a vector as little-endian float32 (the stored format)."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes, dim: int | None = None) -> np.ndarray:
    """Read a vector stored by :func:`to_bytes`."""
    vector = np.frombuffer(blob, dtype="<f4").astype(np.float32)
    if dim is not None and vector.shape[0] != dim:
        raise ValueError(f"stored vector has {vector.shape[0]} values, expected {dim}")
    return vector
