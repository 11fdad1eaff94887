"""The linear sum assignment (Hungarian matching) in numpy.

``scipy.optimize.linear_sum_assignment`` for refits that carry theme identities
(nlp.themes.matching), without importing scipy on the theming path. Same algorithm
as scipy's: the shortest augmenting path of Crouse (2016), with scipy's scan order
and tie rules (its column list filled in reverse, a tie going to a free column), so
a matrix with several best assignments gets the one scipy picks.
tests/nlp/themes/test_assignment.py compares the two.
"""

from __future__ import annotations

import numpy as np


def linear_sum_assignment(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows and their columns minimising the total cost (one column per row at most).

    Raises:
        ValueError: the matrix is not 2-D, or holds NaN or -inf, or allows no full
            assignment (a row whose every cost is +inf).
    """
    matrix = np.asarray(cost, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError(f"expected a matrix, got {matrix.ndim} dimensions")
    if np.isnan(matrix).any() or np.isneginf(matrix).any():
        raise ValueError("matrix contains invalid numeric entries")
    rows, cols = matrix.shape
    if rows == 0 or cols == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy()
    transpose = cols < rows
    if transpose:
        matrix = matrix.T
    col4row = _solve(np.ascontiguousarray(matrix))
    if transpose:
        order = np.argsort(col4row, kind="stable")
        return col4row[order], order.astype(np.int64)
    return np.arange(len(col4row), dtype=np.int64), col4row


def _solve(cost: np.ndarray) -> np.ndarray:
    nr, nc = cost.shape
    u, v = np.zeros(nr), np.zeros(nc)
    shortest = np.full(nc, np.inf)
    path = np.full(nc, -1, dtype=np.int64)
    col4row = np.full(nr, -1, dtype=np.int64)
    row4col = np.full(nc, -1, dtype=np.int64)
    for current in range(nr):
        sink, min_val, seen_rows, seen_cols = _augmenting_path(
            cost, u, v, path, row4col, shortest, current
        )
        u[current] += min_val
        others = seen_rows.copy()
        others[current] = False
        u[others] += min_val - shortest[col4row[others]]
        v[seen_cols] -= min_val - shortest[seen_cols]
        j = sink
        while True:
            i = int(path[j])
            row4col[j] = i
            col4row[i], j = j, int(col4row[i])
            if i == current:
                break
    return col4row


def _augmenting_path(
    cost: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    path: np.ndarray,
    row4col: np.ndarray,
    shortest: np.ndarray,
    i: int,
) -> tuple[int, float, np.ndarray, np.ndarray]:
    nr, nc = cost.shape
    min_val = 0.0
    # scipy fills the list in reverse (a constant matrix gives the identity) and
    # removes a column by moving the last one into its place: the scan order matters
    # for ties, so it is kept.
    remaining = np.arange(nc - 1, -1, -1, dtype=np.int64)
    left = nc
    seen_rows = np.zeros(nr, dtype=bool)
    seen_cols = np.zeros(nc, dtype=bool)
    shortest.fill(np.inf)
    while True:
        seen_rows[i] = True
        columns = remaining[:left]
        reduced = min_val + cost[i, columns] - u[i] - v[columns]
        better = reduced < shortest[columns]
        path[columns[better]] = i
        shortest[columns[better]] = reduced[better]
        values = shortest[columns]
        lowest = float(values.min())
        if lowest == np.inf:
            raise ValueError("cost matrix is infeasible")
        ties = np.flatnonzero(values == lowest)
        free = ties[row4col[columns[ties]] == -1]
        # Scanning in order, scipy moves to a tied column only when it is free.
        index = int(free[-1]) if len(free) else int(ties[0])
        min_val = lowest
        j = int(columns[index])
        seen_cols[j] = True
        left -= 1
        remaining[index] = remaining[left]
        if row4col[j] == -1:
            return j, min_val, seen_rows, seen_cols
        i = int(row4col[j])
