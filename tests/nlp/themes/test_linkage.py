"""The numpy linkage, cuts and silhouette give scipy's and scikit-learn's results."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage, ward
from sklearn.metrics import silhouette_score

from nlp.themes.linkage import (
    average_cosine_linkage,
    fcluster_distance,
    fcluster_maxclust,
    silhouette_precomputed,
    ward_linkage,
)
from nlp.themes.tree import cut, ward_tree
from tests.nlp.themes.real_vectors import minilm_vectors


def blobs(seed: int, n: int, dim: int, *, repeats: bool) -> np.ndarray:
    """Unit vectors around a few centres; with ``repeats`` a third are one answer."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(int(rng.integers(1, 7)), dim))
    x = centres[rng.integers(0, len(centres), n)] + rng.normal(scale=0.4, size=(n, dim))
    if repeats:
        x[rng.integers(0, n, n // 3)] = x[0]
    x = x.astype(np.float32)
    return np.asarray(x / np.linalg.norm(x, axis=1, keepdims=True), dtype=np.float32)


def same_tree(ours: np.ndarray, theirs: np.ndarray) -> bool:
    """Same merges and sizes in the same order; heights equal up to rounding."""
    structure = [0, 1, 3]
    return bool(
        np.array_equal(ours[:, structure], theirs[:, structure])
        and np.allclose(ours[:, 2], theirs[:, 2], rtol=1e-9, atol=1e-12)
    )


CASES = [(1, 12, 3, False), (2, 90, 16, True), (3, 150, 24, False), (4, 120, 8, True)]


@pytest.mark.parametrize(("seed", "n", "dim", "repeats"), CASES)
def test_ward_and_its_cuts_match_scipy_on_random_vectors(
    seed: int, n: int, dim: int, repeats: bool
) -> None:
    x = blobs(seed, n, dim, repeats=repeats).astype(np.float64)
    theirs = ward(x)
    assert same_tree(ward_linkage(x), theirs)
    for k in (1, 2, 3, 7, n // 2, n - 1, n, n + 5):
        assert np.array_equal(fcluster_maxclust(theirs, k), fcluster(theirs, k, "maxclust")), k


@pytest.mark.parametrize(("seed", "n", "dim", "repeats"), CASES)
def test_average_cosine_linkage_and_distance_cuts_match_scipy(
    seed: int, n: int, dim: int, repeats: bool
) -> None:
    x = blobs(seed, n, dim, repeats=repeats)
    theirs = linkage(x.astype(np.float64), "average", metric="cosine")
    assert same_tree(average_cosine_linkage(x), theirs)
    for threshold in (0.0, 0.05, 0.3, 0.6, 1.5):
        assert np.array_equal(
            fcluster_distance(theirs, threshold), fcluster(theirs, threshold, "distance")
        )


def test_real_answers_get_scipys_ward_tree_average_tree_and_silhouettes() -> None:
    x = minilm_vectors()
    theirs = ward(x.astype(np.float64))
    assert same_tree(ward_linkage(x.astype(np.float64)), theirs)
    for k in (5, 20, 60, 150):
        assert np.array_equal(fcluster_maxclust(theirs, k), fcluster(theirs, k, "maxclust"))
    small = x[:59]
    tree = linkage(small.astype(np.float64), "average", metric="cosine")
    assert same_tree(average_cosine_linkage(small), tree)
    distances = np.clip(1.0 - small @ small.T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    for k in (2, 5, 12, 28):
        labels = fcluster(tree, k, "maxclust")
        expected = silhouette_score(distances, labels, metric="precomputed")
        assert silhouette_precomputed(distances, labels) == pytest.approx(expected, abs=1e-7)


def test_the_theme_tree_cut_matches_scipy_on_a_size_weighted_tree() -> None:
    rng = np.random.default_rng(5)
    centroids = blobs(5, 40, 12, repeats=False)
    tree = ward_tree(centroids, rng.integers(1, 900, 40).astype(np.float64))
    for n in (2, 5, 12, 39):
        groups = fcluster(tree, n, "maxclust") - 1
        ours = cut(tree, 40, n)
        # cut renumbers by first appearance; the partition must be scipy's.
        assert len(set(zip(groups.tolist(), ours.tolist(), strict=True))) == len(set(ours.tolist()))
        assert len(set(ours.tolist())) == len(set(groups.tolist()))


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_a_weighted_row_merges_as_that_many_answers_at_one_place(seed: int) -> None:
    # A micro-cluster of w answers (or a fine theme of w answers) must weigh what w copies
    # weigh in scipy's plain Ward: the copies first merge at height 0, then the tree over
    # the rows is the weighted tree, merge for merge and cut for cut.
    rng = np.random.default_rng(seed)
    points = blobs(seed, 30, 10, repeats=False).astype(np.float64)
    weights = rng.integers(1, 6, len(points))
    theirs = ward(np.repeat(points, weights, axis=0))
    ours = ward_linkage(points, weights.astype(np.float64))
    tail = theirs[int(weights.sum()) - len(points) :]
    assert np.allclose(ours[:, 2], tail[:, 2], rtol=1e-9, atol=1e-12)
    leaves = np.repeat(np.arange(len(points)), weights)
    for n in (2, 4, 9, 20):
        copies = fcluster(theirs, n, "maxclust")
        by_row = {int(leaf): int(group) for leaf, group in zip(leaves, copies, strict=True)}
        ours_cut = fcluster_maxclust(ours, n)
        pairs = {(by_row[i], int(ours_cut[i])) for i in range(len(points))}
        assert len(pairs) == len(set(ours_cut.tolist())) == len(set(copies.tolist()))


def test_weights_must_be_one_positive_number_per_point() -> None:
    points = np.eye(3)
    with pytest.raises(ValueError, match="one positive number per point"):
        ward_linkage(points, np.array([1.0, 0.0, 2.0]))
    with pytest.raises(ValueError, match="one positive number per point"):
        ward_linkage(points, np.array([1.0, 2.0]))


def test_degenerate_inputs_give_scipys_answers_or_a_clear_error() -> None:
    one = np.ones((1, 4))
    assert ward_linkage(one).shape == (0, 4)
    assert fcluster_distance(np.zeros((0, 4)), 0.5).tolist() == [1]
    same = np.ones((6, 4))  # six copies of one answer: every merge at height 0
    assert same_tree(ward_linkage(same), ward(same))
    assert np.array_equal(fcluster_maxclust(ward(same), 3), fcluster(ward(same), 3, "maxclust"))
    with pytest.raises(ValueError, match="2 to n - 1 labels"):
        silhouette_precomputed(np.zeros((4, 4)), np.ones(4, dtype=np.int64))
    with pytest.raises(ValueError, match="2 to n - 1 labels"):
        silhouette_precomputed(np.zeros((3, 3)), np.arange(3))
    infinite = np.ones((5, 3))
    infinite[2, 0] = np.inf
    with pytest.raises(ValueError, match="finite"):
        ward_linkage(infinite)
    with pytest.raises(ValueError, match="finite"):
        average_cosine_linkage(infinite)
