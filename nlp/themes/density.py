"""How many dense groups a set of points holds: HDBSCAN's cluster count, in numpy.

The theming path keeps only HDBSCAN's *count* (see nlp.themes.clustering), so this
computes exactly that, the way ``sklearn.cluster.HDBSCAN`` does with its defaults
(Euclidean metric, ``allow_single_cluster=False``, ``cluster_selection_epsilon=0``,
excess-of-mass selection), without importing scikit-learn (over a second of a cold
command's start):

1. core distance: the distance to the ``min_samples``-th nearest point, the point
   itself counted first, as scikit-learn counts it;
2. a minimum spanning tree of the mutual-reachability distances, by Prim's algorithm
   on the dense matrix from point 0 with scikit-learn's tie rules (fine up to a few
   thousand points: the clusterer samples 3,000);
3. the single-linkage tree of its edges, condensed with ``min_cluster_size``;
4. excess-of-mass selection of the condensed tree's clusters.

tests/nlp/themes/test_density.py checks the count against scikit-learn's.
"""

from __future__ import annotations

import numpy as np

from nlp.themes.linkage import euclidean_matrix, label_merges, require_finite


def hdbscan_count(points: np.ndarray, *, min_cluster_size: int, min_samples: int) -> int:
    """Clusters ``HDBSCAN(min_cluster_size, min_samples).fit(points)`` finds (0 if none).

    Raises:
        ValueError: fewer than two points, fewer points than ``min_samples``, or a NaN
            or infinite value (scikit-learn sets such rows aside; theming never has them).
    """
    points = require_finite(points)
    n = len(points)
    if n < 2:
        raise ValueError("HDBSCAN needs at least two points")
    if min_samples > n:
        raise ValueError(f"min_samples ({min_samples}) must be at most the points ({n})")
    distances = euclidean_matrix(points)
    core = np.concatenate(
        [
            # In slices of rows: a partitioned copy of the whole matrix is 72 MB at 3,000.
            np.partition(distances[start : start + 512], min_samples - 1, axis=1)[
                :, min_samples - 1
            ]
            for start in range(0, n, 512)
        ]
    )
    edges = _prim_mst(distances, core)
    order = np.argsort(edges["distance"])
    condensed = _condense(_single_linkage(edges[order], n), n, min_cluster_size)
    return _count_eom(condensed)


_EDGE = np.dtype([("current", np.int64), ("next", np.int64), ("distance", np.float64)])


def _prim_mst(distances: np.ndarray, core: np.ndarray) -> np.ndarray:
    """scikit-learn's ``mst_from_data_matrix`` (alpha 1), one numpy pass per tree node."""
    n = len(distances)
    edges = np.empty(n - 1, dtype=_EDGE)
    in_tree = np.zeros(n, dtype=bool)
    reach = np.full(n, np.inf)
    source = np.ones(n, dtype=np.int64)
    current = 0
    for i in range(n - 1):
        in_tree[current] = True
        mutual = np.maximum(np.maximum(distances[current], core), core[current])
        closer = (mutual < reach) & ~in_tree
        reach[closer] = mutual[closer]
        source[closer] = current
        # The first point (lowest index) at the smallest reach joins next.
        candidates = np.where(in_tree, np.inf, reach)
        new = int(np.argmin(candidates))
        edges[i] = (source[new], new, candidates[new])
        current = new
    return edges


def _single_linkage(edges: np.ndarray, n: int) -> list[tuple[int, int, float, int]]:
    """The single-linkage tree of sorted MST edges (left, right, distance, size)."""
    pairs = list(zip(edges["current"].tolist(), edges["next"].tolist(), strict=True))
    merges = label_merges(pairs, n)
    return [
        (a, b, distance, size)
        for (a, b, size), distance in zip(merges, edges["distance"].tolist(), strict=True)
    ]


def _bfs(tree: list[tuple[int, int, float, int]], root: int, n: int) -> list[int]:
    result, queue = [], [root]
    while queue:
        result.extend(queue)
        queue = [child for node in queue if node >= n for child in tree[node - n][:2]]
    return result


def _condense(
    tree: list[tuple[int, int, float, int]], n: int, min_cluster_size: int
) -> list[tuple[int, int, float, int]]:
    """scikit-learn's ``_condense_tree``: (parent, child, lambda, size) rows."""
    root = 2 * (n - 1)
    relabel = np.empty(root + 1, dtype=np.int64)
    relabel[root] = n
    next_label = n + 1
    ignore = np.zeros(root + 1, dtype=bool)
    rows: list[tuple[int, int, float, int]] = []
    for node in _bfs(tree, root, n):
        if ignore[node] or node < n:
            continue
        left, right, distance, _ = tree[node - n]
        lam = 1.0 / distance if distance > 0.0 else np.inf
        left_count = tree[left - n][3] if left >= n else 1
        right_count = tree[right - n][3] if right >= n else 1
        here = int(relabel[node])
        if left_count >= min_cluster_size and right_count >= min_cluster_size:
            relabel[left] = next_label
            rows.append((here, next_label, lam, left_count))
            relabel[right] = next_label + 1
            rows.append((here, next_label + 1, lam, right_count))
            next_label += 2
            continue
        falling = []
        if left_count < min_cluster_size:
            falling.append(left)
        else:
            relabel[left] = here
        if right_count < min_cluster_size:
            falling.append(right)
        else:
            relabel[right] = here
        for side in falling:
            for sub in _bfs(tree, side, n):
                if sub < n:
                    rows.append((here, sub, lam, 1))
                ignore[sub] = True
    return rows


def _count_eom(rows: list[tuple[int, int, float, int]]) -> int:
    """Clusters chosen by excess of mass, the root never one of them."""
    if not rows:
        return 0
    parents = [r[0] for r in rows]
    smallest, largest = min(parents), max(parents)
    births = dict.fromkeys(range(smallest, max(largest, max(r[1] for r in rows)) + 1), np.nan)
    for _, child, lam, _ in rows:
        births[child] = lam
    births[smallest] = 0.0
    stability = dict.fromkeys(range(smallest, largest + 1), 0.0)
    for parent, _, lam, size in rows:
        stability[parent] += (lam - births[parent]) * size
    children: dict[int, list[int]] = {}
    for parent, child, _, size in rows:
        if size > 1:
            children.setdefault(parent, []).append(child)
    nodes = sorted(stability, reverse=True)[:-1]
    chosen = dict.fromkeys(nodes, True)
    for node in nodes:
        below = children.get(node, [])
        subtree = float(np.sum([stability[c] for c in below]))
        if subtree > stability[node]:
            chosen[node] = False
            stability[node] = subtree
        else:
            queue = list(below)
            while queue:
                sub = queue.pop()
                chosen[sub] = False
                queue.extend(children.get(sub, []))
    return sum(chosen.values())
