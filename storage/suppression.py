"""Small-cell suppression for published breakdowns (one- and two-way tables).

A count below the threshold (1 .. threshold-1) could single out a resident,
so it is hidden ("primary" suppression). Hiding it is not enough when totals
are shown: a total minus the visible cells gives it back. So more cells are
hidden ("complementary" suppression) until no hidden value can be worked out
from the shown cells and totals by any combination of row, column and total
differences. That last property is checked exactly, by Gaussian elimination
over the table's sum constraints, not just by the usual "two per line"
heuristic, which can leave a hidden cell determined.

Zero counts are shown: a zero singles out nobody. Pure functions, no project
imports, so every breakdown (console, exports, API) can use them.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Generic, TypeVar

R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)

DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class OneWay(Generic[R]):
    """A suppressed one-way breakdown: None marks a hidden count."""

    cells: dict[R, int | None]
    total: int | None


@dataclass(frozen=True)
class TwoWay(Generic[R, C]):
    """A suppressed two-way breakdown with its margins; None marks a hidden count."""

    cells: dict[R, dict[C, int | None]]
    row_totals: dict[R, int | None]
    column_totals: dict[C, int | None]
    total: int | None


# A variable of the linear system: ("cell", i, j), ("row", i), ("col", j) or ("total",).
_Var = tuple[object, ...]


def _is_primary(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def _determined(
    values: Mapping[_Var, int], equations: Sequence[Sequence[_Var]], hidden: set[_Var]
) -> set[_Var]:
    """Hidden variables whose value follows from the visible ones.

    Each equation says sum(+1 for the parts) - whole = 0, written as the
    variables with the whole last. Moving visible values to the right-hand
    side leaves a system over the hidden ones; a hidden variable is fixed
    exactly when its unit vector lies in that system's row space, i.e. when
    some row of the reduced row echelon form has it as its only entry.
    """
    order = sorted(hidden, key=repr)
    index = {var: k for k, var in enumerate(order)}
    # Sparse rows (column -> coefficient): tables are mostly zeros once the
    # visible values are moved to the right-hand side.
    rows: list[dict[int, Fraction]] = []
    for equation in equations:
        row: dict[int, Fraction] = {}
        for position, var in enumerate(equation):
            if var in index:
                k = index[var]
                row[k] = row.get(k, Fraction(0)) + (-1 if position == len(equation) - 1 else 1)
        row = {k: v for k, v in row.items() if v}
        if row:
            rows.append(row)
    reduced: list[dict[int, Fraction]] = []
    for column in range(len(order)):
        found = next((r for r in rows if r.get(column)), None)
        if found is None:
            continue
        rows.remove(found)
        pivot = found[column]
        found = {k: v / pivot for k, v in found.items()}
        for other in (*rows, *reduced):
            factor = other.get(column)
            if factor:
                for k, v in found.items():
                    value = other.get(k, Fraction(0)) - factor * v
                    if value:
                        other[k] = value
                    else:
                        other.pop(k, None)
        reduced.append(found)
    return {order[next(iter(row))] for row in reduced if len(row) == 1}


def _rank(values: Mapping[_Var, int], var: _Var, is_whole: bool) -> tuple[int, int, int, str]:
    # Parts before totals, non-zero before zero, then the smallest value.
    return (int(is_whole), int(values[var] == 0), values[var], repr(var))


def _two_per_line(
    values: Mapping[_Var, int], equations: Sequence[Sequence[_Var]], hidden: set[_Var]
) -> set[_Var]:
    """The classic cheap rule first: no line may have exactly one hidden member.

    It settles most tables, so the exact (and costlier) check that follows
    rarely has more than a few rounds to do.
    """
    changed = True
    while changed:
        changed = False
        for equation in equations:
            if sum(var in hidden for var in equation) != 1:
                continue
            visible = [
                (_rank(values, var, position == len(equation) - 1), var)
                for position, var in enumerate(equation)
                if var not in hidden
            ]
            if visible:
                hidden.add(min(visible)[1])
                changed = True
    return hidden


def _protect(
    values: Mapping[_Var, int],
    equations: Sequence[Sequence[_Var]],
    hidden: set[_Var],
) -> set[_Var]:
    """Hide more variables until no hidden one is determined by the visible ones.

    While some hidden variable is determined, hide the smallest visible member
    of an equation a determined variable takes part in (parts before totals,
    non-zero values before zeros, since a hidden zero is easily guessed).
    Each round hides one more value, so this ends, at worst with everything
    hidden.
    """
    hidden = _two_per_line(values, equations, set(hidden))
    while hidden:
        fixed = _determined(values, equations, hidden)
        if not fixed:
            break
        candidates: list[tuple[int, int, str, _Var]] = []
        for equation in equations:
            if fixed.isdisjoint(equation):
                continue
            for position, var in enumerate(equation):
                if var not in hidden:
                    is_whole = position == len(equation) - 1
                    candidates.append((int(is_whole), int(values[var] == 0), repr(var), var))
        if not candidates:
            # Fixed through a longer chain of equations: widen to every visible value.
            candidates = [(1, int(values[v] == 0), repr(v), v) for v in values if v not in hidden]
        if not candidates:
            break  # everything is hidden already
        # Prefer parts over wholes, non-zero over zero, then the smallest value.
        candidates.sort(key=lambda c: (c[0], c[1], values[c[3]], c[2]))
        hidden.add(candidates[0][3])
    return hidden


def suppress_one_way(counts: Mapping[R, int], *, threshold: int = DEFAULT_THRESHOLD) -> OneWay[R]:
    """Suppress a one-way breakdown (e.g. answers by ward) and its total.

    Args:
        counts: category -> non-negative count.
        threshold: counts from 1 to threshold - 1 are hidden.

    Returns:
        The cells and total with hidden values as None.
    """
    table = suppress_two_way({"all": dict(counts)}, threshold=threshold)
    return OneWay(cells=table.cells["all"], total=table.total)


def suppress_two_way(
    table: Mapping[R, Mapping[C, int]], *, threshold: int = DEFAULT_THRESHOLD
) -> TwoWay[R, C]:
    """Suppress a two-way breakdown (e.g. theme x ward) with row, column and grand totals.

    Args:
        table: row -> column -> non-negative count; a missing cell counts as 0.
        threshold: counts (cells or totals) from 1 to threshold - 1 are hidden.

    Returns:
        Cells and margins with hidden values as None, such that no hidden value
        can be recovered by differencing the visible cells and totals.

    Raises:
        ValueError: for a negative count or a threshold below 1.
    """
    if threshold < 1:
        raise ValueError("the suppression threshold must be at least 1")
    rows = list(table)
    columns: list[C] = []
    for row in rows:
        for column in table[row]:
            if column not in columns:
                columns.append(column)
    values: dict[_Var, int] = {}
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            value = int(table[row].get(column, 0))
            if value < 0:
                raise ValueError(f"negative count {value} for {row!r} x {column!r}")
            values[("cell", i, j)] = value
    for i in range(len(rows)):
        values[("row", i)] = sum(values[("cell", i, j)] for j in range(len(columns)))
    for j in range(len(columns)):
        values[("col", j)] = sum(values[("cell", i, j)] for i in range(len(rows)))
    values[("total",)] = sum(values[("row", i)] for i in range(len(rows)))

    # Each equation lists its parts, then the whole they add up to.
    equations: list[list[_Var]] = []
    for i in range(len(rows)):
        equations.append([("cell", i, j) for j in range(len(columns))] + [("row", i)])
    for j in range(len(columns)):
        equations.append([("cell", i, j) for i in range(len(rows))] + [("col", j)])
    equations.append([("row", i) for i in range(len(rows))] + [("total",)])
    equations.append([("col", j) for j in range(len(columns))] + [("total",)])

    primary = {var for var, value in values.items() if _is_primary(value, threshold)}
    hidden = _protect(values, equations, primary)

    def shown(var: _Var) -> int | None:
        return None if var in hidden else values[var]

    return TwoWay(
        cells={
            row: {column: shown(("cell", i, j)) for j, column in enumerate(columns)}
            for i, row in enumerate(rows)
        },
        row_totals={row: shown(("row", i)) for i, row in enumerate(rows)},
        column_totals={column: shown(("col", j)) for j, column in enumerate(columns)},
        total=shown(("total",)),
    )
