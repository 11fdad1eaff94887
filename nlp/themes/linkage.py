"""Agglomerative clustering in numpy: Ward and average linkage, flat cuts, silhouette.

These replace ``scipy.cluster.hierarchy`` (``ward``, ``linkage(..., "average",
metric="cosine")``, ``fcluster``) and ``sklearn.metrics.silhouette_score`` on the
theming path, whose imports cost a cold ``themes discover`` about two seconds of CPU.
They follow scipy's algorithms step by step (the nearest-neighbour chain, its tie
rules, its relabelling, its cluster numbering), so they give the same trees and
the same partitions; tests/nlp/themes/test_linkage.py compares them with scipy and
scikit-learn. Only the pairwise distances are computed differently (one matrix
product instead of a loop per pair), which can move a distance by a rounding error.
"""

from __future__ import annotations

import numpy as np


def euclidean_matrix(points: np.ndarray) -> np.ndarray:
    """Square float64 matrix of Euclidean distances between the rows.

    Computed on the distinct rows and spread back, so identical rows (answers repeat:
    "no", "nothing") are exactly 0 apart and exactly as far from every other row, as
    with a difference per pair: their ties are the ties scipy sees.
    """
    unique, where = _distinct(points)
    # u @ u.T is one symmetric product (numpy calls BLAS syrk): exactly symmetric. The
    # norms are added as one sum n_i + n_j, which is the same both ways round, so the
    # distances stay exactly symmetric and a tie seen from either point is still a tie.
    squared = unique @ unique.T
    norms = squared.diagonal().copy()
    for start in range(0, len(norms), 512):
        block = squared[start : start + 512]
        block *= -2.0
        block += norms[start : start + 512, None] + norms[None, :]
    np.maximum(squared, 0.0, out=squared)
    np.fill_diagonal(squared, 0.0)
    return _spread(np.sqrt(squared, out=squared), where)


def cosine_matrix(points: np.ndarray) -> np.ndarray:
    """Square float64 matrix of cosine distances (``1 - cos``) between the rows."""
    unique, where = _distinct(points)
    dots = unique @ unique.T
    norms = np.sqrt(dots.diagonal().copy())
    norms[norms == 0] = 1.0
    # One product per pair, so (i, j) and (j, i) are the same float: a tie is a tie
    # from either side, as in scipy's condensed matrix.
    cosine = np.clip(dots / np.outer(norms, norms), -1.0, 1.0)
    distances = 1.0 - cosine
    np.fill_diagonal(distances, 0.0)
    return _spread(distances, where)


def _distinct(points: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    x = np.asarray(points, dtype=np.float64)
    unique, first, where = np.unique(x, axis=0, return_index=True, return_inverse=True)
    if len(unique) == len(x):
        return x, None
    # Keep the rows in their first-seen order (np.unique sorts them).
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return unique[order], rank[where.reshape(-1)]


def _spread(distances: np.ndarray, where: np.ndarray | None) -> np.ndarray:
    return distances if where is None else distances[np.ix_(where, where)]


def ward_linkage(points: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """``scipy.cluster.hierarchy.ward(points)``: Ward linkage, scipy's ``(n - 1, 4)`` format.

    With ``weights``, row i stands for ``weights[i]`` answers at one place (a fine theme's
    centroid): merging costs what merging those answers would,
    ``sqrt(2 w_a w_b / (w_a + w_b)) * |a - b|`` for two rows, and the Lance-Williams update
    carries the weights on, as it carries scipy's sizes. Without weights every row counts
    once, as in scipy. The fourth column counts rows, not weights, in both cases.

    Raises:
        ValueError: a value is NaN or infinite (as scipy refuses them), or a weight is
            not positive.
    """
    distances = euclidean_matrix(require_finite(points))
    if weights is None:
        return _nn_chain(distances, "ward")
    w = require_finite(weights).astype(np.float64).reshape(-1)
    if len(w) != len(distances) or (w <= 0).any():
        raise ValueError("weights must be one positive number per point")
    distances *= np.sqrt(2.0 * np.outer(w, w) / (w[:, None] + w[None, :]))
    return _nn_chain(distances, "ward", sizes=w)


def average_cosine_linkage(points: np.ndarray) -> np.ndarray:
    """``scipy.cluster.hierarchy.linkage(points, "average", metric="cosine")``.

    Raises:
        ValueError: a value is NaN or infinite.
    """
    return _nn_chain(cosine_matrix(require_finite(points)), "average")


def require_finite(points: np.ndarray) -> np.ndarray:
    """``points`` as an array, or a ValueError if any value is NaN or infinite."""
    array = np.asarray(points)
    if not np.isfinite(array).all():
        raise ValueError("points must be finite (no NaN or infinite values)")
    return array


def _nn_chain(distances: np.ndarray, method: str, sizes: np.ndarray | None = None) -> np.ndarray:
    """The nearest-neighbour chain of scipy's ``_hierarchy.nn_chain``, one row at a time.

    Each step reads one row of the matrix with numpy, so a Python loop runs about
    3n steps of O(n) vector work: under two seconds at n = 4,000. ``distances`` (a
    fresh float64 matrix) is overwritten: at 4,000 points a copy would be 128 MB more.
    """
    n = len(distances)
    z = np.empty((max(n - 1, 0), 4))
    if n < 2:
        return z
    d = distances
    np.fill_diagonal(d, np.inf)
    # Ones (scipy's sizes) unless the rows carry weights; a merged-away row's size is 0.
    size = np.ones(n) if sizes is None else sizes.astype(np.float64).copy()
    chain: list[int] = []
    y = 0
    for k in range(n - 1):
        if not chain:
            chain.append(int(np.flatnonzero(size)[0]))
        while True:
            x = chain[-1]
            if len(chain) > 1:
                y = chain[-2]
                current_min = float(d[x, y])
            else:
                current_min = np.inf
            row = d[x]
            nearest = int(np.argmin(row))
            # scipy keeps the previous element unless another is strictly closer.
            if row[nearest] < current_min:
                current_min = float(row[nearest])
                y = nearest
            if len(chain) > 1 and y == chain[-2]:
                break
            chain.append(y)
        del chain[-2:]
        if x > y:
            x, y = y, x
        nx, ny = float(size[x]), float(size[y])
        z[k] = (x, y, current_min, nx + ny)  # the 4th column becomes row counts in _relabel
        size[x] = 0
        size[y] = nx + ny
        d_xi, d_yi = d[x].copy(), d[y].copy()
        if method == "ward":
            ni = size
            t = 1.0 / (nx + ny + ni)
            with np.errstate(invalid="ignore"):
                new = np.sqrt(
                    (ni + nx) * t * d_xi * d_xi
                    + (ni + ny) * t * d_yi * d_yi
                    - ni * t * current_min * current_min
                )
        else:
            new = (nx * d_xi + ny * d_yi) / (nx + ny)
        new[size == 0] = np.inf
        new[y] = np.inf
        d[y], d[:, y] = new, new
        d[x], d[:, x] = np.inf, np.inf
    order = np.argsort(z[:, 2], kind="mergesort")
    z = z[order]
    _relabel(z, n)
    return z


def label_merges(pairs: list[tuple[int, int]], n: int) -> list[tuple[int, int, int]]:
    """scipy's ``label``: each merge of two points, as the clusters it joins and its size.

    ``pairs`` are point (or cluster) ids merged in order; cluster ``n + i`` is the result
    of merge ``i``, so a later pair naming a point names the cluster now holding it.
    Shared by the linkage trees here and HDBSCAN's single-linkage tree (nlp.themes.density).
    """
    parent = np.arange(2 * n - 1)
    sizes = np.ones(2 * n - 1, dtype=np.int64)

    def find(node: int) -> int:
        root = node
        while parent[root] != root:
            root = int(parent[root])
        while parent[node] != root:
            node, parent[node] = int(parent[node]), root
        return root

    merges = []
    for i, (left, right) in enumerate(pairs):
        a, b = find(left), find(right)
        new = n + i
        parent[a] = parent[b] = new
        sizes[new] = sizes[a] + sizes[b]
        merges.append((a, b, int(sizes[new])))
    return merges


def _relabel(z: np.ndarray, n: int) -> None:
    """Name each merge of ``z`` (in height order) by the clusters it joins, smaller first."""
    pairs = [(int(left), int(right)) for left, right in z[: n - 1, :2]]
    for i, (a, b, size) in enumerate(label_merges(pairs, n)):
        z[i, 0], z[i, 1], z[i, 3] = min(a, b), max(a, b), size


def _max_heights(z: np.ndarray, n: int) -> np.ndarray:
    """Largest merge height inside each cluster (scipy's ``get_max_dist_for_each_cluster``)."""
    heights = z[:, 2].astype(np.float64).copy()
    for i in range(n - 1):
        for child in (int(z[i, 0]), int(z[i, 1])):
            if child >= n and heights[child - n] > heights[i]:
                heights[i] = heights[child - n]
    return heights


def _cut(z: np.ndarray, criterion: np.ndarray, cutoff: float, n: int) -> np.ndarray:
    """scipy's ``cluster_monocrit``: flat clusters numbered in its depth-first order."""
    labels = np.zeros(n, dtype=np.int32)
    visited = np.zeros(2 * n - 1, dtype=bool)
    stack = [2 * n - 2]
    clusters, leader = 0, -1
    while stack:
        root = stack[-1] - n
        left, right = int(z[root, 0]), int(z[root, 1])
        if leader == -1 and criterion[root] <= cutoff:
            leader = root
            clusters += 1
        if left >= n and not visited[left]:
            visited[left] = True
            stack.append(left)
            continue
        if right >= n and not visited[right]:
            visited[right] = True
            stack.append(right)
            continue
        for leaf in (left, right):
            if leaf < n:
                if leader == -1:
                    clusters += 1
                labels[leaf] = clusters
        if leader == root:
            leader = -1
        stack.pop()
    return labels


def fcluster_maxclust(z: np.ndarray, max_clusters: int) -> np.ndarray:
    """``fcluster(z, max_clusters, criterion="maxclust")``: labels 1..k (k ≤ max_clusters)."""
    n = len(z) + 1
    if max_clusters >= n:
        return np.arange(1, n + 1, dtype=np.int32)
    heights = _max_heights(z, n)
    # scipy's bisection over the rows' heights; heights never fall going up the tree,
    # so a threshold t leaves n - #{heights <= t} clusters.
    lower, upper = -1, n - 1
    while upper - lower > 1:
        middle = (lower + upper) >> 1
        found = n - int(np.count_nonzero(heights <= heights[middle]))
        if found > max_clusters:
            lower = middle
        else:
            upper = middle
    return _cut(z, heights, float(heights[upper]), n)


def fcluster_distance(z: np.ndarray, threshold: float) -> np.ndarray:
    """``fcluster(z, threshold, criterion="distance")``: labels 1..k."""
    n = len(z) + 1
    if n < 2:
        return np.ones(n, dtype=np.int32)
    return _cut(z, _max_heights(z, n), threshold, n)


def silhouette_precomputed(distances: np.ndarray, labels: np.ndarray) -> float:
    """``sklearn.metrics.silhouette_score(distances, labels, metric="precomputed")``.

    Needs 2 to n - 1 distinct labels; a sample alone in its cluster scores 0.
    """
    _, encoded = np.unique(labels, return_inverse=True)
    encoded = encoded.reshape(-1)
    freqs = np.bincount(encoded)
    if not 2 <= len(freqs) <= len(encoded) - 1:
        raise ValueError(f"silhouette needs 2 to n - 1 labels, got {len(freqs)}")
    n = len(encoded)
    sums = np.zeros((n, len(freqs)), dtype=distances.dtype)
    for i in range(n):
        sums[i] += np.bincount(encoded, weights=distances[i], minlength=len(freqs))
    rows = np.arange(n)
    intra = sums[rows, encoded]
    sums[rows, encoded] = np.inf
    sums /= freqs
    inter = sums.min(axis=1)
    # In place, as scikit-learn does, so float32 distances stay float32 throughout.
    with np.errstate(divide="ignore", invalid="ignore"):
        intra /= (freqs - 1).take(encoded, mode="clip")
        samples = inter - intra
        samples /= np.maximum(intra, inter)
    return float(np.mean(np.nan_to_num(samples)))
