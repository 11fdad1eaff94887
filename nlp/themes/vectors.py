"""Small vector helpers shared by the theming stages and the store."""

from __future__ import annotations

import numpy as np


def normalise_rows(x: np.ndarray) -> np.ndarray:
    """L2-normalise each row; all-zero rows stay zero."""
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def group_sums(labels: np.ndarray, x: np.ndarray, k: int) -> np.ndarray:
    """Sum of the rows of ``x`` per label ``0..k-1`` (rows labelled ``-1`` are skipped).

    A sparse one-hot product: ``np.add.at`` is two orders of magnitude slower here.
    """
    from scipy.sparse import csr_matrix

    keep = labels >= 0
    rows = labels[keep]
    onehot = csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, np.flatnonzero(keep))),
        shape=(k, len(labels)),
    )
    return np.asarray(onehot @ x, dtype=np.float64)


def to_bytes(vector: np.ndarray) -> bytes:
    """Serialise a vector as little-endian float32 (the stored format)."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes, dim: int | None = None) -> np.ndarray:
    """Read a vector stored by :func:`to_bytes`."""
    vector = np.frombuffer(blob, dtype="<f4").astype(np.float32)
    if dim is not None and vector.shape[0] != dim:
        raise ValueError(f"stored vector has {vector.shape[0]} values, expected {dim}")
    return vector
