"""The numpy linear sum assignment picks scipy's assignment, ties included."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment as scipy_assignment

from nlp.themes.assignment import linear_sum_assignment
from nlp.themes.matching import match_themes


def same_as_scipy(cost: np.ndarray) -> bool:
    rows, cols = linear_sum_assignment(cost)
    expected_rows, expected_cols = scipy_assignment(cost)
    return bool(np.array_equal(rows, expected_rows) and np.array_equal(cols, expected_cols))


@pytest.mark.parametrize("seed", range(4))
def test_random_square_and_rectangular_costs_get_scipys_assignment(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for rows, cols in ((1, 1), (7, 7), (12, 5), (5, 12), (25, 25)):
        assert same_as_scipy(rng.normal(size=(rows, cols)))


@pytest.mark.parametrize("seed", range(4))
def test_costs_full_of_ties_get_the_assignment_scipy_picks(seed: int) -> None:
    rng = np.random.default_rng(100 + seed)
    for rows, cols in ((6, 6), (9, 4), (4, 9), (15, 15)):
        assert same_as_scipy(rng.integers(0, 3, size=(rows, cols)).astype(np.float64))
    assert same_as_scipy(np.ones((8, 8)))  # every assignment is best: the identity
    assert same_as_scipy(np.ones((8, 3)))


def test_theme_matching_pairs_shuffled_themes_with_their_old_selves() -> None:
    rng = np.random.default_rng(7)
    old = rng.normal(size=(40, 32))
    old /= np.linalg.norm(old, axis=1, keepdims=True)
    order = rng.permutation(40)
    new = old[order] + rng.normal(scale=0.02, size=old.shape)
    new /= np.linalg.norm(new, axis=1, keepdims=True)
    assert match_themes(old, new) == {i: int(order[i]) for i in range(40)}


def test_bad_matrices_fail_clearly_and_empty_ones_match_nothing() -> None:
    assert [len(side) for side in linear_sum_assignment(np.zeros((0, 3)))] == [0, 0]
    with pytest.raises(ValueError, match="invalid numeric entries"):
        linear_sum_assignment(np.array([[0.0, np.nan]]))
    with pytest.raises(ValueError, match="invalid numeric entries"):
        linear_sum_assignment(np.array([[0.0, -np.inf]]))
    with pytest.raises(ValueError, match="infeasible"):
        linear_sum_assignment(np.array([[np.inf, np.inf], [0.0, 1.0]]))
    with pytest.raises(ValueError, match="matrix"):
        linear_sum_assignment(np.zeros(3))
