"""group_sums, which every k-means step of theming runs, against what it replaced."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from nlp.themes.vectors import group_sums


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_group_sums_equal_the_sparse_one_hot_product_bit_for_bit(dtype: type) -> None:
    rng = np.random.default_rng(5)
    x: np.ndarray = rng.normal(size=(5000, 384)).astype(dtype)
    labels = rng.integers(-1, 40, size=5000)  # -1: rows left out ("no content")
    k = 42  # the last two groups are empty
    keep = labels >= 0
    one_hot = csr_matrix(
        (np.ones(int(keep.sum()), dtype=dtype), (labels[keep], np.flatnonzero(keep))),
        shape=(k, len(x)),
    )
    expected = np.asarray(one_hot @ x).astype(np.float64)
    assert np.array_equal(group_sums(labels, x, k), expected)
