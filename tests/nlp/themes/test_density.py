"""HDBSCAN's cluster count and PCA in numpy agree with scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.cluster import HDBSCAN
from sklearn.decomposition import PCA

from nlp.themes.density import hdbscan_count
from nlp.themes.linkage import euclidean_matrix
from nlp.themes.pca import pca_fit_transform
from nlp.themes.vectors import normalise_rows
from tests.nlp.themes.real_vectors import hashing_vectors, minilm_vectors


def sklearn_count(x: np.ndarray, min_cluster_size: int = 7, min_samples: int = 3) -> int:
    model = HDBSCAN(min_cluster_size=min_cluster_size, min_samples=min_samples, copy=True)
    return int(model.fit(x).labels_.max()) + 1


@pytest.mark.parametrize("seed", range(8))
def test_count_equals_sklearns_on_random_blobs_of_varied_sizes(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, dim, k = int(rng.integers(15, 400)), int(rng.integers(2, 30)), int(rng.integers(1, 12))
    centres = rng.normal(size=(k, dim)) * rng.uniform(1, 6)
    sizes = rng.dirichlet(np.ones(k))  # groups of very different sizes
    x = centres[rng.choice(k, n, p=sizes)] + rng.normal(size=(n, dim))
    if seed % 2:
        x[rng.integers(0, n, n // 5)] = x[1]  # one answer repeated
    min_cluster_size, min_samples = int(rng.integers(2, 12)), int(rng.integers(1, 6))
    assert hdbscan_count(
        x, min_cluster_size=min_cluster_size, min_samples=min_samples
    ) == sklearn_count(x, min_cluster_size, min_samples)


def reduced_both_ways(x: np.ndarray, dims: int) -> tuple[np.ndarray, np.ndarray]:
    theirs = PCA(dims, random_state=0).fit_transform(x)
    return pca_fit_transform(x, dims, random_state=0), theirs


@pytest.mark.parametrize("rows", [80, 220])
def test_real_answers_pca_and_count_as_the_clusterer_uses_them(rows: int) -> None:
    x = minilm_vectors()[:rows]  # below 500 rows: scikit-learn's exact solver
    ours, theirs = reduced_both_ways(x, 30)
    np.testing.assert_allclose(ours, theirs, atol=1e-4)
    reduced = normalise_rows(ours.astype(np.float32))
    assert hdbscan_count(reduced, min_cluster_size=7, min_samples=3) == sklearn_count(
        normalise_rows(theirs.astype(np.float32))
    )


def test_randomized_pca_above_500_rows_gives_sklearns_components_and_count() -> None:
    x = hashing_vectors()  # 800 x 384: scikit-learn switches to its randomized solver
    ours, theirs = reduced_both_ways(x, 30)
    np.testing.assert_allclose(ours, theirs, atol=1e-3)
    reduced = normalise_rows(ours.astype(np.float32))
    assert hdbscan_count(reduced, min_cluster_size=7, min_samples=3) == sklearn_count(
        normalise_rows(theirs.astype(np.float32))
    )


def test_randomized_pca_on_synthetic_data_gives_sklearns_components() -> None:
    """The solver theming uses for 500-3,000 answers, without the development data."""
    x = np.random.default_rng(3).normal(size=(800, 384)).astype(np.float32)
    ours, theirs = reduced_both_ways(x, 30)
    np.testing.assert_allclose(ours, theirs, atol=1e-3)


def test_tall_and_square_shapes_take_sklearns_other_solvers() -> None:
    rng = np.random.default_rng(9)
    tall = rng.normal(size=(200, 8)) @ rng.normal(size=(8, 8))  # covariance_eigh
    ours, theirs = reduced_both_ways(tall, 3)
    np.testing.assert_allclose(ours, theirs, atol=1e-8)
    square = rng.normal(size=(600, 100)).astype(np.float32)  # 90 of 100: full SVD
    ours, theirs = reduced_both_ways(square, 90)
    np.testing.assert_allclose(ours, theirs, atol=1e-3)


def test_degenerate_inputs_count_like_sklearn_or_fail_clearly() -> None:
    same = np.ones((30, 5))  # thirty copies of one answer: no split, no cluster
    assert hdbscan_count(same, min_cluster_size=7, min_samples=3) == sklearn_count(same) == 0
    with pytest.raises(ValueError, match="at least two points"):
        hdbscan_count(np.ones((1, 5)), min_cluster_size=7, min_samples=1)
    with pytest.raises(ValueError, match="min_samples"):
        hdbscan_count(np.eye(3), min_cluster_size=2, min_samples=4)
    with pytest.raises(ValueError, match="n_components"):
        pca_fit_transform(np.eye(3), 4)
    hostile = np.ones((20, 4))
    hostile[3, 1] = np.nan
    with pytest.raises(ValueError, match="finite"):
        hdbscan_count(hostile, min_cluster_size=5, min_samples=3)
    with pytest.raises(ValueError, match="finite"):
        pca_fit_transform(hostile, 2)


def test_ties_between_a_core_distance_and_a_pair_distance_break_as_in_sklearn() -> None:
    # 351 points in 3-D, a fifth of them one repeated answer: many mutual-reachability
    # distances equal a core distance exactly. The distances must be exactly symmetric
    # for those ties to be ties from both ends (they once differed in the last bit, and
    # the count came out 18 where scikit-learn found 17).
    rng = np.random.default_rng(11)
    centres = rng.normal(size=(6, 3)) * 3.0
    x = centres[rng.integers(0, 6, 351)] + rng.normal(size=(351, 3))
    x[rng.integers(0, 351, 70)] = x[1]
    distances = euclidean_matrix(x)
    assert np.array_equal(distances, distances.T)
    for min_cluster_size in (3, 4, 6):
        assert hdbscan_count(x, min_cluster_size=min_cluster_size, min_samples=3) == sklearn_count(
            x, min_cluster_size, 3
        )
