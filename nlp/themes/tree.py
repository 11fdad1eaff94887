"""The theme tree: broad themes over the fine themes (sub-themes), like a human codebook.

The fine themes come from the clusterer. Over their centres a size-weighted Ward
agglomeration builds one tree; the broad level is a cut of that tree. Cutting again
("about N") is instant and needs no answer vectors: the tree is all it reads.

The default cut has to be stable: the same kind of answers, sampled twice as large,
must give about as many broad themes. Merge heights of a Ward tree grow with the
number of answers, so a rule on raw heights drifts; the *shape* of the top of the
tree does not. The rule reads the share of the spread between fine themes that a
cut keeps (R², 0 = one theme, 1 = every fine theme) and takes the smallest cut that
keeps ``explained`` of it, held between ``min_broad`` and ``max_broad``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nlp.themes.linkage import fcluster_maxclust, ward_linkage

#: Fewer answers than this get a flat list (no broad level above the fine themes).
MIN_ANSWERS_FOR_TREE = 30


@dataclass
class ThemeTree:
    """A cut of the Ward tree over the fine themes.

    Attributes:
        linkage: scipy-style linkage matrix over the fine themes (``(k - 1, 4)``).
        parent_of: broad theme index per fine theme.
        n_broad: broad themes at this cut.
        default_n: the count the stable rule chose (kept for "back to default").
        labels: one label per broad theme (filled by the model).
    """

    linkage: np.ndarray
    parent_of: np.ndarray
    n_broad: int
    default_n: int
    labels: list[str] = field(default_factory=list)

    def recut(self, about_n: int) -> np.ndarray:
        """Broad theme per fine theme when the officer asks for about ``about_n``."""
        return cut(self.linkage, len(self.parent_of), about_n)


def ward_tree(centroids: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Size-weighted Ward linkage over unit centroids, in scipy's linkage format.

    scipy's own Ward treats every row as one observation; a fine theme of 900 answers
    must weigh 900 times one of a single answer, so the merge cost here is
    ``n_a n_b / (n_a + n_b) * |c_a - c_b|²`` on the (un-normalised) mean vectors
    (``ward_linkage`` with weights; an empty theme counts as one answer).
    """
    if len(centroids) < 2:
        return np.zeros((0, 4))
    weights = np.maximum(np.asarray(sizes, dtype=np.float64), 1.0)
    return ward_linkage(centroids.astype(np.float64), weights)


def cut(linkage: np.ndarray, k: int, n: int) -> np.ndarray:
    """Cluster index (0..n-1) per leaf for a cut into ``n`` groups."""
    if k < 2 or n <= 1:
        return np.zeros(k, dtype=np.int64)
    if n >= k:
        return np.arange(k, dtype=np.int64)
    groups = fcluster_maxclust(linkage, n) - 1
    # Renumber by first appearance so that the same tree gives the same numbers.
    _, first = np.unique(groups, return_index=True)
    order = np.argsort(first)
    remap = np.empty_like(order)
    remap[order] = np.arange(len(order))
    return np.asarray(remap[groups], dtype=np.int64)


def default_broad_count(
    centroids: np.ndarray,
    sizes: np.ndarray,
    linkage: np.ndarray,
    *,
    explained: float = 0.5,
    min_broad: int = 5,
    max_broad: int = 12,
) -> int:
    """The stable default number of broad themes (see the module docstring)."""
    k = len(centroids)
    if k <= min_broad:
        return k
    weights = np.maximum(sizes.astype(np.float64), 1.0)
    mean = (centroids * weights[:, None]).sum(axis=0) / weights.sum()
    total = float((weights * ((centroids - mean) ** 2).sum(axis=1)).sum())
    if total <= 0:
        return 1
    # Merging from k leaves to j groups loses the spread of the last k - j merges.
    losses = linkage[:, 2] ** 2 / 2.0
    lost_to = np.concatenate([[0.0], np.cumsum(losses)])  # lost_to[m] = after m merges
    for groups in range(1, k + 1):
        kept = 1.0 - lost_to[k - groups] / total
        if kept >= explained:
            return int(min(max(groups, min_broad), max_broad, k))
    return int(min(max_broad, k))
