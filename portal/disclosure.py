"""Small counts published without giving anyone away: primary and secondary cell suppression for a table of
counts with its row, column and grand totals.

**What a reader knows.** Every shown count; that a cell shown as "fewer than N" (``LOW``) holds 1 to N-1; that a
cell hidden to protect another (``HIDDEN``) holds at least N (only cells of N or more are ever hidden that way);
that every row and column adds up to its total, shown or not; and this algorithm.

**Primary suppression.** A cell or total from 1 to N-1 is shown as "fewer than N". A zero is shown: it tells
nobody anything about a person.

**Secondary suppression.** Totals are computed from the true values, so a single suppressed cell in a row could be
worked out as the total minus the others. Two passes, each to a fixed point:

1. Any row or column (its total counted as one of its members) with exactly one suppressed member gets its
   smallest shown member of N or more hidden too.
2. Then an exact audit. The totals' equations form a network (each cell is an edge between its row and its
   column; a total sits in the margin row or column), so a suppressed cell can take another value exactly when a
   cycle of suppressed cells through it can move by one, every cell in the cycle staying within what the reader
   knows of it (the usual transportation-table argument: the difference of two solutions splits into such cycles).
   ``pinned`` looks for that cycle in both directions with a breadth-first search. A pinned cell gets the
   smallest shown member of N or more of its row or column hidden, preferring one that frees it, and the audit
   runs again. (When its row and column have nothing left to hide, the smallest shown count of N or more
   anywhere is hidden.)

If nothing is left to hide and a cell is still pinned (a table too small to protect), the whole table is hidden.
The tests check the result by brute force on crafted tables: every suppressed cell has at least two values
consistent with everything published.
"""

from collections import deque
from dataclasses import dataclass

SHOWN, LOW, HIDDEN = "shown", "low", "hidden"


@dataclass(frozen=True)
class Cell:
    """One published figure: ``value`` is None unless ``state`` is SHOWN."""

    state: str
    value: int | None = None

    @property
    def shown(self):
        return self.state == SHOWN


@dataclass
class Table:
    """A protected table: ``cells[r][c]``, ``row_totals[r]``, ``column_totals[c]``, ``total``; ``withheld`` when
    the table could not be protected and nothing in it is published."""

    cells: list
    row_totals: list
    column_totals: list
    total: Cell
    withheld: bool = False


def protect(values, threshold=5):
    """Protect ``values`` (a list of rows of non-negative whole counts, every row the same length) with its
    totals. Returns a ``Table``."""
    grid = _augmented(values)
    rows, columns = len(grid), len(grid[0])
    state = {(r, c): LOW if 0 < grid[r][c] < threshold else SHOWN for r in range(rows) for c in range(columns)}
    _complete_lines(grid, state, threshold)
    withheld = not _audit(grid, state, threshold)
    if withheld:
        state = dict.fromkeys(state, HIDDEN)

    def cell(r, c):
        kind = state[(r, c)]
        return Cell(kind, grid[r][c] if kind == SHOWN else None)

    last_row, last_column = rows - 1, columns - 1
    return Table(
        cells=[[cell(r, c) for c in range(last_column)] for r in range(last_row)],
        row_totals=[cell(r, last_column) for r in range(last_row)],
        column_totals=[cell(last_row, c) for c in range(last_column)],
        total=cell(last_row, last_column),
        withheld=withheld,
    )


def _augmented(values):
    """The table with a total column on the right and a total row at the bottom."""
    rows = [list(row) + [sum(row)] for row in values]
    width = len(rows[0]) if rows else 1
    rows.append([sum(row[c] for row in rows) for c in range(width)])
    return rows


def lines(rows, columns):
    """Every row and every column of the augmented table, as lists of (r, c)."""
    return [[(r, c) for c in range(columns)] for r in range(rows)] + [
        [(r, c) for r in range(rows)] for c in range(columns)
    ]


def _hideable(grid, state, members, threshold):
    """Shown members that may be hidden (N or more, so "hidden" tells the reader no more than the truth)."""
    return sorted((grid[r][c], (r, c)) for r, c in members if state[(r, c)] == SHOWN and grid[r][c] >= threshold)


def _complete_lines(grid, state, threshold):
    changed = True
    while changed:
        changed = False
        for line in lines(len(grid), len(grid[0])):
            if sum(state[key] != SHOWN for key in line) == 1:
                candidates = _hideable(grid, state, line, threshold)
                if candidates:
                    state[candidates[0][1]] = HIDDEN
                    changed = True


def _audit(grid, state, threshold):
    """Hide more until no suppressed cell is pinned; False if that cannot be done."""
    while True:
        stuck = next(
            (key for key in sorted(state) if state[key] != SHOWN and pinned(grid, state, key, threshold)), None
        )
        if stuck is None:
            return True
        r, c = stuck
        members = [(r, other) for other in range(len(grid[0]))] + [(other, c) for other in range(len(grid))]
        candidates = _hideable(grid, state, members, threshold) or _hideable(grid, state, list(state), threshold)
        if not candidates:
            return False
        chosen = candidates[0][1]
        for _value, key in candidates:
            trial = {**state, key: HIDDEN}
            if not pinned(grid, trial, stuck, threshold):
                chosen = key
                break
        state[chosen] = HIDDEN


def _room(grid, state, key, step, threshold):
    """Whether the suppressed cell ``key`` can move by ``step`` (+1 or -1) within what the reader knows of it."""
    value = grid[key[0]][key[1]] + step
    low, high = (1, threshold - 1) if state[key] == LOW else (threshold, None)
    return value >= low and (high is None or value <= high)


def _z_sign(grid, key):
    """In the augmented table a row's cells add up to its total: give totals the opposite sign and every line adds
    up to zero, so a move is a cycle alternating +1 and -1."""
    last_row, last_column = len(grid) - 1, len(grid[0]) - 1
    return -1 if (key[0] == last_row) != (key[1] == last_column) else 1


def pinned(grid, state, key, threshold):
    """Whether the suppressed cell ``key`` has only one value consistent with what is published."""
    return not any(_can_move(grid, state, key, direction, threshold) for direction in (1, -1))


def _can_move(grid, state, key, direction, threshold):
    """Whether ``key`` can move by ``direction`` along a cycle of suppressed cells: a path from its column back to
    its row, leaving a column node with the opposite move and a row node with the same move (in z-space)."""
    z = direction * _z_sign(grid, key)
    if not _room(grid, state, key, direction, threshold):
        return False
    start, goal = ("c", key[1]), ("r", key[0])
    seen, queue = {start}, deque([start])
    while queue:
        side, index = queue.popleft()
        move = -z if side == "c" else z
        for edge in _suppressed_edges(state, side, index):
            if edge == key:
                continue
            step = move * _z_sign(grid, edge)
            if not _room(grid, state, edge, step, threshold):
                continue
            target = ("r", edge[0]) if side == "c" else ("c", edge[1])
            if target == goal:
                return True
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return False


def _suppressed_edges(state, side, index):
    position = 1 if side == "c" else 0
    return [key for key, kind in state.items() if kind != SHOWN and key[position] == index]
