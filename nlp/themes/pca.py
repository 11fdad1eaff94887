"""Principal components in numpy, as ``sklearn.decomposition.PCA(k, random_state=s)``.

``fit_transform`` of scikit-learn's PCA with its default ``svd_solver="auto"``,
without importing scikit-learn (over a second of a cold command's start). The same
solver is chosen for the same shape:

* ``covariance_eigh`` for tall data (at most 1,000 columns and ten times as many rows);
* ``full`` (an exact SVD) when neither side exceeds 500;
* ``randomized`` when fewer components than 80 % of the smaller side are kept
  (the 3,000-answer sample that counts themes: 3,000 × 384, 30 components);
* ``full`` otherwise.

The randomized solver draws the same Gaussian matrix (``RandomState(seed)``) and makes
the same power iterations, re-normalised by the same LU factorisation with partial
pivoting (scipy's ``lu(permute_l=True)``; written here in numpy, so rounding may
differ): the result is the same truncated SVD up to rounding. Signs follow
scikit-learn's ``svd_flip`` (largest loading of each component positive). Like
scikit-learn, float32 data is worked on in float32.
"""

from __future__ import annotations

import numpy as np

from nlp.themes.linkage import require_finite


def pca_fit_transform(x: np.ndarray, n_components: int, *, random_state: int = 0) -> np.ndarray:
    """The data projected on its first ``n_components`` principal components.

    Raises:
        ValueError: ``n_components`` outside ``1 .. min(x.shape)``, or a NaN or infinite
            value (as scikit-learn refuses them).
    """
    data = require_finite(x)
    if data.dtype not in (np.float32, np.float64):
        data = data.astype(np.float64)
    rows, cols = data.shape
    if not 1 <= n_components <= min(rows, cols):
        raise ValueError(f"n_components={n_components} must be in 1..{min(rows, cols)}")
    mean = data.mean(axis=0)
    centred = data - mean
    if cols <= 1_000 and rows >= 10 * cols:
        return _covariance_eigh(data, mean, centred, n_components)
    if max(rows, cols) <= 500 or n_components >= 0.8 * min(rows, cols):
        u, s, vt = np.linalg.svd(centred, full_matrices=False)
        u, vt = _flip(u, vt)
        return np.asarray(u[:, :n_components] * s[:n_components])
    return _randomized(centred, n_components, random_state)


def _flip(u: np.ndarray, vt: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's ``svd_flip(u, vt, u_based_decision=False)``."""
    largest = np.argmax(np.abs(vt), axis=1)
    signs = np.sign(vt[np.arange(len(vt)), largest])
    return u * signs[np.newaxis, :], vt * signs[:, np.newaxis]


def _covariance_eigh(
    data: np.ndarray, mean: np.ndarray, centred: np.ndarray, n_components: int
) -> np.ndarray:
    rows = len(data)
    covariance = data.T @ data
    covariance -= rows * mean.reshape(-1, 1) * mean.reshape(1, -1)
    covariance /= rows - 1
    values, vectors = np.linalg.eigh(covariance)
    vectors = np.flip(vectors, axis=1)
    _, vt = _flip(np.zeros((1, vectors.shape[1]), dtype=data.dtype), vectors.T)
    return np.asarray(centred @ vt[:n_components].T)


def _randomized(centred: np.ndarray, n_components: int, random_state: int) -> np.ndarray:
    """scikit-learn's ``_randomized_svd`` (10 oversamples, its automatic iteration count)."""
    rows, cols = centred.shape
    iterations = 7 if n_components < 0.1 * min(rows, cols) else 4
    transpose = rows < cols
    m = centred.T if transpose else centred
    q = np.random.RandomState(random_state).normal(size=(m.shape[1], n_components + 10))
    q = q.astype(m.dtype, copy=False)
    normalise = iterations > 2
    for _ in range(iterations):
        q = m @ q
        if normalise:
            q = _permuted_lower(q)
        q = m.T @ q
        if normalise:
            q = _permuted_lower(q)
    q = np.linalg.qr(m @ q)[0]
    u_hat, s, vt = np.linalg.svd(q.T @ m, full_matrices=False)
    u = q @ u_hat
    if transpose:
        u, s, vt = vt[:n_components].T, s[:n_components], u[:, :n_components].T
    else:
        u, s, vt = u[:, :n_components], s[:n_components], vt[:n_components]
    u, vt = _flip(u, vt)
    return np.asarray(u * s)


def _permuted_lower(a: np.ndarray) -> np.ndarray:
    """``P @ L`` of ``a = P L U`` (partial pivoting), as ``scipy.linalg.lu(a, permute_l=True)[0]``.

    A column at a time with whole-array updates: a few milliseconds for 3,000 x 40, where
    a LAPACK QR per power iteration on a busy machine's BLAS threads took 0.1 s each.
    """
    work = a.copy()
    rows, cols = work.shape
    order = np.arange(rows)
    for j in range(min(rows, cols)):
        pivot = j + int(np.argmax(np.abs(work[j:, j])))
        if pivot != j:
            work[[j, pivot]] = work[[pivot, j]]
            order[[j, pivot]] = order[[pivot, j]]
        if work[j, j] != 0:
            work[j + 1 :, j] /= work[j, j]
        work[j + 1 :, j + 1 :] -= np.outer(work[j + 1 :, j], work[j, j + 1 :])
    lower = np.tril(work[:, :cols], -1)
    lower[np.arange(min(rows, cols)), np.arange(min(rows, cols))] = 1
    permuted = np.empty_like(lower)
    permuted[order] = lower
    return permuted
