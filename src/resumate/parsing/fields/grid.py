"""Lists set as a grid of columns (a skills sidebar with two groups side by side), read column
by column.

Primary rule: when most rows of a section hold two or more cells (a bullet is not one), and
those cells line up on a few shared edges (all left edges, or all right edges for right-aligned
text), each edge is a column; the section is read down the first column, then the next. Lines
in a column whose text is larger than the column's smallest text and that follow each other
are one line (a group name wrapped in a narrow column: "Programming" / "Language").
Fallback: the lines as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from resumate.document import TextItem
from resumate.parsing.fields.common import strip_bullet
from resumate.parsing.lines import Line, join_wrapped_line

EDGE_TOLERANCE_PT = 4.0
MIN_GRID_ROWS = 3


def read_grid_columns(lines: Sequence[Line]) -> list[Line]:
    """The section's lines, column by column when they form a grid, else unchanged."""
    rows = [line for line in lines if sum(map(_has_content, line.cells)) > 1]
    if len(rows) < MIN_GRID_ROWS or len(rows) * 2 < len(lines):
        return list(lines)
    for edge in (_left, _right):
        anchors = _shared_edges([edge(cell) for row in rows for cell in row.cells])
        if len(anchors) >= 2 and all(
            _column_of(edge(cell), anchors) is not None for row in rows for cell in row.cells
        ):
            return _by_column(lines, anchors, edge)
    return list(lines)


def _has_content(cell: TextItem) -> bool:
    """Not just a bullet mark set apart from its text ("-" | "Kotlin")."""
    return bool(strip_bullet(f"{cell.text} "))


def _left(cell: TextItem) -> float:
    return cell.x0


def _right(cell: TextItem) -> float:
    return cell.x1


def _shared_edges(edges: list[float]) -> list[tuple[float, float]]:
    """(from, to) ranges of edges, each gap inside a range at most EDGE_TOLERANCE_PT, that at
    least MIN_GRID_ROWS cells share, left to right (OCR boxes wander by a few points)."""
    clusters: list[list[float]] = []
    for x in sorted(edges):
        if clusters and x - clusters[-1][-1] <= EDGE_TOLERANCE_PT:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [(c[0], c[-1]) for c in clusters if len(c) >= MIN_GRID_ROWS]


def _column_of(x: float, anchors: list[tuple[float, float]]) -> int | None:
    for i, (low, high) in enumerate(anchors):
        if low - EDGE_TOLERANCE_PT <= x <= high + EDGE_TOLERANCE_PT:
            return i
    return None


def _nearest_column(x: float, anchors: list[tuple[float, float]]) -> int:
    return min(
        range(len(anchors)), key=lambda i: min(abs(anchors[i][0] - x), abs(anchors[i][1] - x))
    )


def _by_column(
    lines: Sequence[Line], anchors: list[tuple[float, float]], edge: Callable[[TextItem], float]
) -> list[Line]:
    columns: list[list[Line]] = [[] for _ in anchors]
    for line in lines:
        for cell in line.cells:
            x = edge(cell)
            column = _column_of(x, anchors)
            if column is None:  # a cell off the grid: the nearest column
                column = _nearest_column(x, anchors)
            columns[column].append(replace(line, cells=(cell,)))
    return [line for column in columns for line in _join_wrapped_names(column)]


def _join_wrapped_names(column: list[Line]) -> list[Line]:
    if not column:
        return column
    smallest = min(line.font_size for line in column)
    out: list[Line] = []
    for line in column:
        before = out[-1] if out else None
        if (
            before is not None
            and line.font_size > smallest + 0.5
            and abs(before.font_size - line.font_size) < 0.5
        ):
            out[-1] = join_wrapped_line(before, line)
        else:
            out.append(line)
    return out
