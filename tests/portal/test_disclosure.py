"""Small counts cannot be worked out from what the figures page publishes (``portal.disclosure``).

Checked by brute force, independently of the algorithm: every table of whole numbers consistent with what is
published (the shown counts and totals, "fewer than 5" meaning 1 to 4, a hidden count meaning 5 or more, every row
and column adding up to its total) is listed, and each suppressed count must take at least two values among them.
"""

import random
from itertools import product

import pytest

from portal import disclosure
from portal.disclosure import HIDDEN, LOW, SHOWN

THRESHOLD = 5


def published(table):
    """The augmented grid as a reader sees it: cells are Cell objects, totals in the last column and row."""
    rows = [[*cells, total] for cells, total in zip(table.cells, table.row_totals, strict=True)]
    rows.append([*table.column_totals, table.total])
    return rows


def domain(cell, cap):
    """The values a reader allows a published cell, hidden ones searched up to ``cap``."""
    if cell.state == SHOWN:
        return [cell.value]
    if cell.state == LOW:
        return list(range(1, THRESHOLD))
    return list(range(THRESHOLD, cap + 1))


def allowed(value, cell):
    """Whether a reader allows ``value`` in ``cell`` (a derived total: no upper limit)."""
    if cell.state == SHOWN:
        return value == cell.value
    if cell.state == LOW:
        return 0 < value < THRESHOLD
    return value >= THRESHOLD


def row_choices(cells, total_cell, cap, fixed):
    """Every way of filling one row a reader allows (``fixed``: {column: value} forced); with its total shown, the
    last suppressed count is what is left over."""
    hidden = [c for c, cell in enumerate(cells) if not cell.shown]
    free = hidden[:-1] if total_cell.shown and hidden else hidden
    for values in product(*([fixed[c]] if c in fixed else domain(cells[c], cap) for c in free)):
        row = [cell.value if cell.shown else None for cell in cells]
        for c, value in zip(free, values, strict=True):
            row[c] = value
        if total_cell.shown and hidden:
            last = hidden[-1]
            row[last] = total_cell.value - sum(value for value in row if value is not None)
            if not allowed(row[last], cells[last]) or (last in fixed and row[last] != fixed[last]):
                continue
        if allowed(sum(row), total_cell):
            yield [*row, sum(row)]


def another_table_exists(table, position, value, cap):
    """Whether a table a reader cannot rule out has ``value`` at ``position`` (a depth-first search, counts up to
    ``cap``, stopping at the first found)."""
    grid = published(table)
    rows, columns = len(grid) - 1, len(grid[0]) - 1
    limits = [cell.value if cell.shown else None for cell in grid[rows][:columns]]
    target_r, target_c = position
    if not allowed(value, grid[target_r][target_c]):
        return False

    def fill(r, sums, row_totals):
        if r == rows:
            total_row = [*sums, sum(sums)]
            if target_r == rows and total_row[target_c] != value:
                return False
            return all(allowed(v, cell) for v, cell in zip(total_row, grid[rows], strict=True))
        fixed = {target_c: value} if target_r == r else {}
        for row in row_choices(grid[r][:columns], grid[r][columns], cap, fixed):
            if target_r == r and target_c == columns and row[columns] != value:
                continue
            new_sums = [a + b for a, b in zip(sums, row, strict=False)]
            within = all(limit is None or v <= limit for v, limit in zip(new_sums, limits, strict=True))
            if within and fill(r + 1, new_sums, row_totals):
                return True
        return False

    return fill(0, [0] * columns, [])


def transposed(table):
    return disclosure.Table(
        cells=[list(column) for column in zip(*table.cells, strict=True)],
        row_totals=table.column_totals,
        column_totals=table.row_totals,
        total=table.total,
    )


def can_differ(table, truth, position, cap):
    """Whether the count at ``position`` can be one more or one less; a column total is searched as a row total of
    the transposed table, which the search checks row by row."""
    r, c = position
    if r == len(truth) - 1 and c < len(truth[0]) - 1:
        table, truth, position = transposed(table), [list(row) for row in zip(*truth, strict=True)], (c, r)
    r, c = position
    return any(another_table_exists(table, position, truth[r][c] + step, cap) for step in (1, -1))


def recoverable(table, truth, cap):
    """The suppressed positions for which no table a reader allows has a value one more or one less than the
    truth (if any other value were possible, one of these would be: the totals' equations are a network)."""
    grid = published(table)
    return [
        (r, c)
        for r, row in enumerate(grid)
        for c, cell in enumerate(row)
        if not cell.shown and not can_differ(table, truth, (r, c), cap)
    ]


def cap_for(values):
    return max(THRESHOLD, sum(map(sum, values)))


def check(values):
    table = disclosure.protect(values, THRESHOLD)
    if not table.withheld:
        assert recoverable(table, disclosure._augmented(values), cap_for(values)) == []
    grid = published(table)
    truth = disclosure._augmented(values)
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell.state == SHOWN:
                assert cell.value == truth[r][c]
            elif cell.state == LOW:
                assert 0 < truth[r][c] < THRESHOLD
            else:
                assert truth[r][c] >= THRESHOLD or table.withheld
    return table


def test_primary_suppression_alone_would_give_the_small_count_away():
    """The checker can fail: with the row total shown, one "fewer than 5" in a row is the total minus the rest."""
    values = [[3, 10, 12], [8, 9, 11], [7, 15, 6]]
    naive = disclosure.Table(
        cells=[[disclosure.Cell(LOW) if v < THRESHOLD else disclosure.Cell(SHOWN, v) for v in row] for row in values],
        row_totals=[disclosure.Cell(SHOWN, sum(row)) for row in values],
        column_totals=[disclosure.Cell(SHOWN, sum(col)) for col in zip(*values, strict=True)],
        total=disclosure.Cell(SHOWN, sum(map(sum, values))),
    )
    assert recoverable(naive, disclosure._augmented(values), cap_for(values)) == [(0, 0)]


def test_one_small_count_gets_partners_in_its_row_and_column():
    table = check([[3, 10, 12], [8, 9, 11]])
    assert table.cells[0][0].state == LOW
    states = [cell.state for cell in table.cells[0]] + [table.row_totals[0].state]
    assert states.count(HIDDEN) >= 1
    assert sum(row[0].state == HIDDEN for row in table.cells) + (table.column_totals[0].state == HIDDEN) >= 1
    assert table.total.shown and table.total.value == 53


def test_two_small_counts_that_the_bounds_would_pin_are_protected():
    """1 + 1 = 2 with both at least 1 pins both: the audit hides more."""
    check([[1, 1, 9], [6, 7, 5]])
    check([[4, 4, 9], [6, 7, 5]])


def test_zeros_are_shown_and_sparse_tables_are_still_protected():
    table = check([[0, 2, 0], [0, 0, 0], [5, 6, 7]])
    assert table.cells[1][0].shown and table.cells[1][0].value == 0
    check([[0, 0, 1], [0, 0, 0]])


def test_a_table_too_small_to_protect_is_withheld():
    table = disclosure.protect([[2]], THRESHOLD)
    assert table.withheld or recoverable(table, [[2, 2], [2, 2]], 10) == []
    assert all(not cell.shown for row in table.cells for cell in row) or not table.withheld


def test_large_counts_are_all_shown():
    table = check([[15, 20], [30, 40]])
    assert all(cell.shown for row in table.cells for cell in row)
    assert table.total.value == 105


@pytest.mark.parametrize("seed", range(40))
def test_random_small_tables_never_give_a_suppressed_count_away(seed):
    generator = random.Random(seed)
    rows, columns = generator.choice([(2, 2), (2, 3), (3, 2), (3, 3)])
    values = [[generator.choice([0, 1, 2, 3, 4, 5, 6, 8, 11]) for _c in range(columns)] for _r in range(rows)]
    check(values)
