"""Section headings floated beside a row: a heading set larger than the row's first cell,
later in the row, that shares the row's height only (a theme that floats its "Work" heading
beside the contact grid, or "Skills" beside the last education entry). `lines.py` cuts such a
row before the heading, so the heading starts a line of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from resumate.document import TextItem
from resumate.parsing.headings import match_section_title

HEADING_CELL_MIN_SIZE_RATIO = 1.2
ALIGNED_EDGE_PT = 3.0
COLUMN_LOOKAHEAD_ROWS = 3
SAME_SIZE_PT = 0.5


def split_off_headings(rows: Sequence[tuple[TextItem, ...]]) -> list[tuple[TextItem, ...]]:
    """Rows with a section title later in the row, set larger than the row's first cell, cut
    before it: the heading and what follows it go on lines of their own. Such a heading was
    floated beside the end of an entry and shares the row's height only. It stays a cell when
    it is the second line of a wrapped label ("Programming" / "Languages"), or when it heads a
    column, beside another, that the page was not split into."""
    out: list[tuple[TextItem, ...]] = []
    for number, cells in enumerate(rows):
        index = _larger_heading_cell(cells)
        if index is not None:
            heading = cells[index]
            above = rows[number - 1] if number else ()
            below = rows[number + 1 : number + 1 + COLUMN_LOOKAHEAD_ROWS]
            if not _wraps_label(heading, above) and not _beside_a_column(heading, cells[0], below):
                rest = cells[index + 1 :]
                out.extend([cells[:index], (heading,), *([rest] if rest else [])])
                continue
        out.append(cells)
    return out


def _larger_heading_cell(cells: tuple[TextItem, ...]) -> int | None:
    first_size = cells[0].font_size
    for index in range(1, len(cells)):
        cell = cells[index]
        if cell.font_size >= HEADING_CELL_MIN_SIZE_RATIO * first_size and (
            match_section_title(cell.text, strict=True) is not None
        ):
            return index
    return None


def _beside_a_column(
    heading: TextItem, first: TextItem, below: Sequence[tuple[TextItem, ...]]
) -> bool:
    """The heading's row is part of two columns that go on below it: the next row is more of
    the text the row starts with (its size and left edge), wholly left of the heading, or a
    row just below holds text left of the heading and text aligned with it."""
    if below and all(cell.x1 < heading.x0 for cell in below[0]):
        after = below[0][0]
        if (
            abs(after.x0 - first.x0) <= ALIGNED_EDGE_PT
            and abs(after.font_size - first.font_size) <= SAME_SIZE_PT
        ):
            return True
    return any(
        any(cell.x1 < heading.x0 for cell in row) and any(_aligned(cell, heading) for cell in row)
        for row in below
    )


def _aligned(cell: TextItem, other: TextItem) -> bool:
    return abs(cell.x0 - other.x0) <= ALIGNED_EDGE_PT or abs(cell.x1 - other.x1) <= ALIGNED_EDGE_PT


def _wraps_label(cell: TextItem, above: tuple[TextItem, ...]) -> bool:
    """`cell` continues a cell of the row above: the same size, aligned left or right."""
    return any(
        abs(other.font_size - cell.font_size) <= SAME_SIZE_PT and _aligned(other, cell)
        for other in above
    )
