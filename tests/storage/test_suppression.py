"""Small-cell suppression: nothing hidden can be recovered by differencing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.suppression import OneWay, TwoWay, suppress_one_way, suppress_two_way


def _recoverable(table: Mapping[Any, Mapping[Any, int]], result: TwoWay[Any, Any]) -> list[str]:
    """Hidden entries fixed by the visible ones (an independent rank test).

    Unknowns are the hidden cells and totals; the constraints are every row,
    column and grand-total sum. An unknown is fixed exactly when dropping its
    column from the constraint matrix lowers the rank (no null-space vector
    can move it).
    """
    rows = list(table)
    cols = sorted({c for r in rows for c in table[r]})
    unknowns: list[tuple[str, ...]] = []
    for r in rows:
        unknowns += [("cell", str(r), str(c)) for c in cols if result.cells[r][c] is None]
        if result.row_totals[r] is None:
            unknowns.append(("row", str(r)))
    unknowns += [("col", str(c)) for c in cols if result.column_totals[c] is None]
    if result.total is None:
        unknowns.append(("total",))
    if not unknowns:
        return []
    idx = {u: k for k, u in enumerate(unknowns)}
    equations: list[dict[tuple[str, ...], int]] = []
    for r in rows:
        equations.append({("cell", str(r), str(c)): 1 for c in cols} | {("row", str(r)): -1})
    for c in cols:
        equations.append({("cell", str(r), str(c)): 1 for r in rows} | {("col", str(c)): -1})
    equations.append({("row", str(r)): 1 for r in rows} | {("total",): -1})
    equations.append({("col", str(c)): 1 for c in cols} | {("total",): -1})
    matrix = np.zeros((len(equations), len(unknowns)))
    for e, equation in enumerate(equations):
        for var, coefficient in equation.items():
            if var in idx:
                matrix[e, idx[var]] = coefficient
    full = np.linalg.matrix_rank(matrix)
    return [
        "/".join(u)
        for u, k in idx.items()
        if np.linalg.matrix_rank(np.delete(matrix, k, axis=1)) < full
    ]


counts = st.integers(min_value=0, max_value=40)
tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda n_rows: st.integers(min_value=1, max_value=5).flatmap(
        lambda n_cols: st.lists(
            st.lists(counts, min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows
        )
    )
)


def as_table(grid: list[list[int]]) -> dict[int, dict[int, int]]:
    return {r: dict(enumerate(row)) for r, row in enumerate(grid)}


@settings(max_examples=300, deadline=None)
@given(grid=tables, threshold=st.integers(min_value=1, max_value=10))
def test_two_way_hides_small_cells_and_nothing_can_be_recovered(
    grid: list[list[int]], threshold: int
) -> None:
    table = as_table(grid)
    result = suppress_two_way(table, threshold=threshold)
    for r, row in table.items():
        for c, value in row.items():
            shown = result.cells[r][c]
            if 0 < value < threshold:
                assert shown is None, f"small cell {value} shown"
            assert shown is None or shown == value
        row_total = sum(row.values())
        if 0 < row_total < threshold:
            assert result.row_totals[r] is None
    assert _recoverable(table, result) == []


@settings(max_examples=300, deadline=None)
@given(values=st.lists(counts, min_size=1, max_size=12), threshold=st.integers(1, 10))
def test_one_way_total_minus_shown_never_reveals_a_hidden_cell(
    values: list[int], threshold: int
) -> None:
    result = suppress_one_way(dict(enumerate(values)), threshold=threshold)
    hidden = [k for k, v in result.cells.items() if v is None]
    for k, v in enumerate(values):
        if 0 < v < threshold:
            assert result.cells[k] is None
    if result.total is not None:
        # One hidden cell under a visible total is exactly the leak to prevent.
        assert len(hidden) != 1
        if hidden:
            shown_sum = sum(v for v in result.cells.values() if v is not None)
            assert result.total - shown_sum == sum(values[k] for k in hidden)
    if 0 < sum(values) < threshold:
        assert result.total is None


def test_one_way_example_hides_the_next_smallest_cell() -> None:
    result = suppress_one_way({"Acton": 40, "Borras": 3, "Caia Park": 12, "Gresford": 9})
    assert result.cells == {"Acton": 40, "Borras": None, "Caia Park": 12, "Gresford": None}
    assert result.total == 64


def test_nothing_small_means_nothing_hidden() -> None:
    result = suppress_one_way({"sms": 10, "telegram": 0, "web": 7})
    assert result.cells == {"sms": 10, "telegram": 0, "web": 7}
    assert result.total == 17


def test_two_way_example_protects_rows_and_columns() -> None:
    table = {
        "buses": {"Acton": 20, "Borras": 2, "Gresford": 15},
        "parks": {"Acton": 11, "Borras": 9, "Gresford": 30},
    }
    result = suppress_two_way(table)
    assert result.cells["buses"]["Borras"] is None
    # Borras column would otherwise give 2 = column total - 9.
    assert result.cells["parks"]["Borras"] is None or result.column_totals["Borras"] is None
    # And the buses row would otherwise give it as row total - 20 - 15.
    hidden_in_buses = [c for c, v in result.cells["buses"].items() if v is None]
    assert len(hidden_in_buses) >= 2 or result.row_totals["buses"] is None
    assert _recoverable(table, result) == []


def test_small_total_hides_the_whole_breakdown() -> None:
    result = suppress_one_way({"a": 2, "b": 1, "c": 0})
    assert result.total is None
    assert result.cells["a"] is None and result.cells["b"] is None


@pytest.mark.parametrize("bad", [{"a": -1}, {"a": 3, "b": -7}])
def test_negative_counts_are_refused(bad: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="negative"):
        suppress_one_way(bad)


def test_threshold_must_be_positive() -> None:
    with pytest.raises(ValueError, match="threshold"):
        suppress_one_way({"a": 3}, threshold=0)


def test_empty_breakdown() -> None:
    result: OneWay[str] = suppress_one_way({})
    assert result.cells == {} and result.total == 0
