"""Reducers and clusterers: the stages that turn vectors into groups.

The default clusterer, :class:`AdaptiveClusterer`, finds the number of themes itself:

1. **How many?** HDBSCAN on a fixed-size sample, after PCA, counts the dense groups that
   hold at least a handful of answers. HDBSCAN is a good *counter* (its cluster tree is
   multi-scale) but a poor *partitioner* for short texts: it leaves a quarter of the
   answers as noise. So only its count is kept.
2. **Which?** Ward linkage (on the answers, or on k-means micro-clusters beyond a few
   thousand answers so that memory stays linear) cut at that count gives a first
   partition, refined by spherical k-means on every answer. Ward then k-means beat
   k-means from random starts on every development set (see bench/RESULTS.md).

Every random choice takes ``random_state``: the same data gives the same themes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from nlp.themes.density import hdbscan_count
from nlp.themes.linkage import (
    average_cosine_linkage,
    fcluster_distance,
    fcluster_maxclust,
    silhouette_precomputed,
    ward_linkage,
)
from nlp.themes.pca import pca_fit_transform
from nlp.themes.vectors import group_sums, normalise_rows

FloatArray = np.ndarray


class Reducer(Protocol):
    """Maps embeddings to the space the clusterer works in (fit on the same data)."""

    def fit_transform(self, vectors: FloatArray) -> FloatArray: ...


class IdentityReducer:
    """Keeps the embeddings as they are (the default: centroids stay in model space)."""

    def fit_transform(self, vectors: FloatArray) -> FloatArray:
        return vectors


class PCAReducer:
    """Principal components, re-normalised (for experiments and large dimensions).

    Args:
        n_components: target dimension (clipped to what the data allows).
        random_state: seed for the randomized solver.
    """

    def __init__(self, n_components: int = 64, random_state: int = 0) -> None:
        self.n_components = n_components
        self.random_state = random_state

    def fit_transform(self, vectors: FloatArray) -> FloatArray:
        dims = min(self.n_components, vectors.shape[0] - 1, vectors.shape[1])
        if dims < 2:
            return vectors
        reduced = pca_fit_transform(vectors, dims, random_state=self.random_state)
        return normalise_rows(reduced.astype(np.float32))


@dataclass
class Anchor:
    """A theme that must exist after clustering (officer seed, renamed or split theme).

    Attributes:
        key: caller's identifier, returned in :attr:`Partition.anchor_keys`.
        vectors: example answers' embeddings (at least one row).
    """

    key: object
    vectors: FloatArray


@dataclass
class Partition:
    """A clusterer's output.

    Attributes:
        labels: cluster index per row (``-1`` for rows with no content).
        centroids: L2-normalised centroid per cluster.
        anchor_keys: for each cluster, the anchor key it came from, or ``None``.
    """

    labels: np.ndarray
    centroids: FloatArray
    anchor_keys: list[object | None] = field(default_factory=list)


class Clusterer(Protocol):
    """Partitions unit vectors; ``n_clusters`` overrides the clusterer's own choice."""

    def fit(
        self,
        vectors: FloatArray,
        *,
        n_clusters: int | None = None,
        anchors: list[Anchor] | None = None,
    ) -> Partition: ...


class AdaptiveClusterer:
    """Count with HDBSCAN, partition with Ward, refine with spherical k-means.

    Args:
        min_theme_size: smallest group (in the sample) counted as a theme by HDBSCAN.
            7 on a 3,000-answer sample: 5 over-split Banking77 (1.8x its labels),
            9-12 under-split CLINC150 (development subsets, bench/RESULTS.md).
        sample_size: answers used to count themes (bounds time on large sets).
        count_dims: PCA dimensions for counting (HDBSCAN degrades in high dimensions).
        ward_limit: above this many answers, Ward runs on k-means micro-clusters.
        small_threshold: cosine distance for the average-linkage cut used below ten
            answers (and when a small set shows no structure).
        min_answers_to_count: below this many answers density estimates mean nothing;
            a silhouette-chosen average-linkage cut counts the themes instead.
        max_themes: hard cap on the number of themes (officers read every one).
        refine_iterations: spherical k-means iterations after Ward.
        anchor_merge: an emergent group this similar to an anchor joins the anchor.
        themes_per_root: at least this many fine themes per square root of the answers
            (0.5: 16 for 1,000 answers, 50 for 10,000).
        random_state: seed for every random step.
    """

    def __init__(
        self,
        *,
        min_theme_size: int = 7,
        sample_size: int = 3000,
        count_dims: int = 30,
        ward_limit: int = 4000,
        small_threshold: float = 0.6,
        min_answers_to_count: int = 60,
        max_themes: int = 300,
        refine_iterations: int = 15,
        anchor_merge: float = 0.8,
        themes_per_root: float = 0.5,
        random_state: int = 0,
    ) -> None:
        self.min_theme_size = min_theme_size
        self.sample_size = sample_size
        self.count_dims = count_dims
        self.ward_limit = ward_limit
        self.small_threshold = small_threshold
        self.min_answers_to_count = min_answers_to_count
        self.max_themes = max_themes
        self.refine_iterations = refine_iterations
        self.anchor_merge = anchor_merge
        self.themes_per_root = themes_per_root
        self.random_state = random_state

    # -- counting -----------------------------------------------------------------
    def count_themes(self, vectors: FloatArray) -> int:
        """Estimate how many themes the vectors hold (at least 1)."""
        n = len(vectors)
        if n < 2:
            return n
        if n < self.min_answers_to_count:
            return _small_set_count(vectors, self.small_threshold)
        rng = np.random.default_rng(self.random_state)
        sample = (
            vectors
            if n <= self.sample_size
            else vectors[np.sort(rng.choice(n, self.sample_size, replace=False))]
        )
        dims = min(self.count_dims, len(sample) - 1, sample.shape[1])
        reduced = pca_fit_transform(sample, dims, random_state=self.random_state)
        reduced = normalise_rows(reduced.astype(np.float32))
        found = hdbscan_count(reduced, min_cluster_size=self.min_theme_size, min_samples=3)
        # On real answers without dense intent-like groups HDBSCAN's count collapses
        # (2 themes for 5,000 complaint tweets) or jumps with the sample. A floor that
        # grows with the square root of the answers keeps the fine level usable; the
        # broad level above it is chosen separately (nlp.themes.tree).
        floor = round(self.themes_per_root * float(np.sqrt(n)))
        return max(1, min(max(found, floor), self.max_themes))

    # -- partitioning -----------------------------------------------------------------
    def fit(
        self,
        vectors: FloatArray,
        *,
        n_clusters: int | None = None,
        anchors: list[Anchor] | None = None,
    ) -> Partition:
        """Partition unit vectors (zero rows are left out with label ``-1``).

        Args:
            vectors: ``(n, d)`` L2-normalised rows; all-zero rows mean "no content".
            n_clusters: use this many clusters instead of estimating ("about N").
            anchors: themes that must survive; they take their members first.

        Returns:
            The :class:`Partition`.
        """
        anchors = anchors or []
        n, dim = vectors.shape
        labels = np.full(n, -1, dtype=np.int64)
        live = np.flatnonzero(np.abs(vectors).sum(axis=1) > 0)
        anchor_centroids = (
            np.stack([normalise_rows(a.vectors.mean(axis=0, keepdims=True))[0] for a in anchors])
            if anchors
            else np.zeros((0, dim), dtype=np.float32)
        )
        if len(live) == 0:
            return Partition(labels, anchor_centroids, [a.key for a in anchors])
        x = vectors[live]
        k = n_clusters if n_clusters is not None else self.count_themes(x)
        # 10,000 copies of one answer are one theme, not fifty identical ones.
        # (return_index: without it np.unique imports numpy.ma, 0.1 s of a cold command.)
        distinct = len(np.unique(np.round(x, 5), axis=0, return_index=True)[0])
        k = int(max(1, min(k, distinct, self.max_themes)))
        initial = self._ward_centroids(x, k)
        if len(anchor_centroids):
            # Drop emergent groups that restate an anchor; the anchor takes them.
            near = (initial @ anchor_centroids.T).max(axis=1) >= self.anchor_merge
            initial = np.concatenate([anchor_centroids, initial[~near]])
        centroids, assigned = spherical_kmeans(
            x,
            initial,
            iterations=self.refine_iterations,
            fixed=len(anchor_centroids),
            anchor_vectors=[a.vectors for a in anchors],
        )
        labels[live] = assigned
        keys: list[object | None] = [a.key for a in anchors]
        keys += [None] * (len(centroids) - len(anchors))
        return _compact(labels, centroids, keys, keep=len(anchors))

    def _ward_centroids(self, x: FloatArray, k: int) -> FloatArray:
        if k >= len(x):
            return x.copy()
        if k == 1:
            return normalise_rows(x.mean(axis=0, keepdims=True))
        if len(x) <= self.ward_limit:
            points, weights = x, np.ones(len(x))
        else:
            points, weights = micro_clusters(
                x, min(len(x), max(4 * k, 600)), random_state=self.random_state
            )
        if len(points) <= k:
            return normalise_rows(points.astype(np.float32))
        tree = ward_linkage(points.astype(np.float64))
        groups = fcluster_maxclust(tree, k) - 1
        sums = group_sums(groups, points * weights[:, None].astype(np.float32), groups.max() + 1)
        return normalise_rows(sums.astype(np.float32))


class FixedKClusterer:
    """Spherical k-means with a given k (the "told the true k" baseline).

    Args:
        n_clusters: number of clusters when :meth:`fit` is not told one.
        random_state: seed for the k-means++ start.
    """

    def __init__(self, n_clusters: int = 10, random_state: int = 0) -> None:
        self.n_clusters = n_clusters
        self.random_state = random_state

    def fit(
        self,
        vectors: FloatArray,
        *,
        n_clusters: int | None = None,
        anchors: list[Anchor] | None = None,
    ) -> Partition:
        from sklearn.cluster import KMeans

        del anchors
        k = min(n_clusters or self.n_clusters, len(vectors))
        km = KMeans(k, n_init=3, random_state=self.random_state).fit(vectors)
        return Partition(
            km.labels_.astype(np.int64),
            normalise_rows(km.cluster_centers_.astype(np.float32)),
            [None] * k,
        )


def micro_clusters(
    x: FloatArray, m: int, *, random_state: int = 0, iterations: int = 6
) -> tuple[FloatArray, np.ndarray]:
    """Summarise many vectors by ``m`` spherical k-means centres and their sizes.

    Starts from random answers (k-means++ seeding of hundreds of centres costs more
    than the whole fit) and runs a few float32 Lloyd steps: the centres only need to
    cover the data finely, Ward does the real grouping on top of them.
    """
    rng = np.random.default_rng(random_state)
    start = x[np.sort(rng.choice(len(x), m, replace=False))]
    centres, labels = spherical_kmeans(x, start, iterations=iterations)
    sizes = np.bincount(labels, minlength=len(centres)).astype(np.float64)
    keep = sizes > 0
    return centres[keep], sizes[keep]


def spherical_kmeans(
    x: FloatArray,
    initial: FloatArray,
    *,
    iterations: int = 15,
    fixed: int = 0,
    anchor_vectors: list[FloatArray] | None = None,
) -> tuple[FloatArray, np.ndarray]:
    """Lloyd iterations on the unit sphere from given centres.

    The first ``fixed`` centres are anchors: their examples always count as members
    (weighted as strongly as the members found), so an anchor cannot drift away from
    what the officer meant.
    """
    centroids = initial.astype(np.float32).copy()
    anchor_vectors = anchor_vectors or []
    labels = np.zeros(len(x), dtype=np.int64)
    for step in range(max(1, iterations)):
        new_labels = _nearest(x, centroids)
        if step > 0 and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        sums = group_sums(labels, x, len(centroids))
        counts = np.bincount(labels, minlength=len(centroids))
        for i, examples in enumerate(anchor_vectors[:fixed]):
            weight = max(1.0, float(counts[i])) / len(examples)
            sums[i] += examples.sum(axis=0) * weight
        empty = np.abs(sums).sum(axis=1) == 0
        sums[empty] = centroids[empty]
        centroids = normalise_rows(sums.astype(np.float32))
    return centroids, _nearest(x, centroids)


def _nearest(x: FloatArray, centroids: FloatArray, chunk: int = 8192) -> np.ndarray:
    out = np.empty(len(x), dtype=np.int64)
    for start in range(0, len(x), chunk):
        out[start : start + chunk] = (x[start : start + chunk] @ centroids.T).argmax(axis=1)
    return out


def _small_set_count(x: FloatArray, threshold: float) -> int:
    """Themes in a small set: the average-linkage cut with the best silhouette.

    Below ten answers a silhouette says little, so a fixed cosine distance cuts the
    tree instead. From ten answers up the silhouette picks the cut, which adapts to
    how alike an embedder makes answers on one topic; a best silhouette under 0.1
    means no real structure, and the fixed cut decides.
    """
    tree = average_cosine_linkage(x)
    by_threshold = int(fcluster_distance(tree, threshold).max())
    n = len(x)
    if n < 10:
        return by_threshold
    distances = np.clip(1.0 - x @ x.T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    best_k, best_score = by_threshold, 0.1
    for k in range(2, max(3, n // 2)):
        labels = fcluster_maxclust(tree, k)
        if len(set(labels.tolist())) < 2:
            continue
        score = silhouette_precomputed(distances, labels)
        if score > best_score + 1e-9:
            best_k, best_score = k, score
    return best_k


def _compact(
    labels: np.ndarray, centroids: FloatArray, keys: list[object | None], *, keep: int
) -> Partition:
    """Drop empty emergent clusters (anchors stay even when empty) and renumber."""
    counts = np.bincount(labels[labels >= 0], minlength=len(centroids))
    kept = [i for i in range(len(centroids)) if i < keep or counts[i] > 0]
    remap = np.full(len(centroids), -1, dtype=np.int64)
    remap[kept] = np.arange(len(kept))
    new_labels = np.where(labels >= 0, remap[np.maximum(labels, 0)], -1)
    return Partition(new_labels, centroids[kept], [keys[i] for i in kept])
