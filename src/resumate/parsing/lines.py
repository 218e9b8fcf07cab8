"""Layout analysis: a page's text items -> lines in reading order.

Primary rule: items whose vertical extents overlap by more than half the smaller height sit on
one line; a line's items are ordered left to right and kept as separate *cells* when the gap
between them is wider than about one em (a label column, a right-aligned date).

Columns: a page is split into a left and a right column when a vertical gutter runs through a
tall band of the page that no item crosses, and both sides carry real text (a column of dates
or a column of section labels is not a column: those stay on their lines as cells). Each column
is read top to bottom, the left one first; full-width rows (the name banner) stay in place.
Flow documents (DOCX, TXT) keep their own order. A section heading floated beside a row is
cut off onto a line of its own (see floated.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from resumate.document import Document, Page, TextItem
from resumate.parsing.dates import ANY_DAY, find_date_ranges
from resumate.parsing.floated import split_off_headings
from resumate.parsing.headings import match_section_title
from resumate.parsing.places import names_only_places

CELL_GAP_EM = 1.2  # a horizontal gap wider than this many font sizes starts a new cell
OVERLAP_SPACE_EM = 0.5  # an item reaching this far back over its left neighbour is another word
MIN_COLUMN_SHARE = 0.05  # each side of a gutter holds at least this share of the page's text
MIN_COLUMN_LINES = 4
SIDEBAR_MIN_ROWS = 20  # a right-hand column this long may be a list of short lines (a sidebar)
MAX_PLACE_CHARS = 40  # longer text is not just a place ("San Francisco, CA, United States")
GUTTER_MIN_WIDTH_PT = 6.0
GUTTER_HINT_TOLERANCE_PT = 20.0  # a gutter this close to the previous page's continues it
GUTTER_MIN_WIDTH_EM = 0.6
MAX_COLUMN_DEPTH = 3
BANNER_SHARE = 0.1  # a full-width row with less of a column's text above it is a banner
FLOW_PARAGRAPH_GAP_EM = 0.5
WRAP_GAP_EM = 0.35  # text wrapped onto the next line sits closer than this many font sizes
ALIGNED_PT = 2.0  # a wrapped table cell starts this close to the left edge of the cell above
WRAP_ROOM_EM = 8.0  # a cell ending further than this from the next cell had room to go on


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line: its cells (text items merged within a line), style and position.

    The text, box and style are derived from the cells once, when the line is made: every
    later stage reads them many times.
    """

    index: int
    page: int
    cells: tuple[TextItem, ...]
    gap_above: float
    column: int = 0
    measure: float = 0.0  # the width of its column's text on its page (0: not laid out)
    text: str = field(init=False, repr=False, compare=False)
    x1: float = field(init=False, repr=False, compare=False)
    y0: float = field(init=False, repr=False, compare=False)
    y1: float = field(init=False, repr=False, compare=False)
    font_size: float = field(init=False, repr=False, compare=False)
    is_bold: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        cells, store = self.cells, object.__setattr__
        if len(cells) == 1:  # most lines: the same values as below, without the loops
            (cell,) = cells
            store(self, "text", cell.text)
            store(self, "is_bold", bool(cell.bold) and len(cell.text) > 0)
            store(self, "x1", cell.x1)
            store(self, "y0", cell.y0)
            store(self, "y1", cell.y1)
            store(self, "font_size", cell.font_size)
            return
        lengths = [len(cell.text) for cell in cells]
        bold_chars = sum(n for n, cell in zip(lengths, cells, strict=True) if cell.bold)
        store(self, "text", " ".join(cell.text for cell in cells))
        store(self, "is_bold", bold_chars * 2 > sum(lengths))
        if cells:
            store(self, "x1", max(cell.x1 for cell in cells))
            store(self, "y0", min(cell.y0 for cell in cells))
            store(self, "y1", max(cell.y1 for cell in cells))
            # the size of most of the line's characters: the longest cell's (the first on a tie)
            store(self, "font_size", cells[lengths.index(max(lengths))].font_size)

    @property
    def x0(self) -> float:
        return self.cells[0].x0


def fills_its_room(cell: TextItem, row: Line) -> bool:
    """`cell` ends close to the next cell of its row (or has none beside it): text that goes
    on below it ran out of room."""
    following = [c for c in row.cells if c.x0 > cell.x1]
    if not following:
        return True  # nothing beside it to measure the room by
    room = min(c.x0 for c in following) - cell.x1
    return room < WRAP_ROOM_EM * cell.font_size


def ran_out_of_room(line: Line, below: Line, widest: float) -> bool:
    """The first word of `below` (its width estimated from its share of the characters) would
    have taken `line` past `widest`: `below` goes on `line`'s text, wrapped for lack of room."""
    text = below.text.strip()
    first_word = text.split(maxsplit=1)[0] if text else ""
    word_width = (below.x1 - below.x0) * (len(first_word) + 1) / max(len(text), 1)
    return (line.x1 - line.x0) + word_width > widest


def join_wrapped_line(upper: Line, lower: Line) -> Line:
    """One-cell `upper` with the one-cell `lower` set under it as one cell: a cell's text that
    ran on to the next line."""
    (cell,), (below,) = upper.cells, lower.cells
    joined = replace(
        cell,
        text=f"{cell.text} {below.text.strip()}",
        x0=min(cell.x0, below.x0),
        x1=max(cell.x1, below.x1),
        y1=below.y1,
    )
    return replace(upper, cells=(joined,))


def document_lines(document: Document) -> list[Line]:
    """Every page's lines in reading order, numbered from 0."""
    lines: list[Line] = []
    gutter: float | None = None  # the previous page's, for pages that continue its layout
    for page in document.pages:
        groups, gutter = _page_line_groups(page, flow=document.flow, gutter_hint=gutter)
        for column, group in groups:
            previous_bottom: float | None = None
            measure = 0.0 if document.flow and document.format != "txt" else _measure(group)
            for cells in split_off_headings(group):
                y0 = min(c.y0 for c in cells)
                gap = 0.0 if previous_bottom is None else max(0.0, y0 - previous_bottom)
                if document.flow and document.format != "txt":
                    gap = FLOW_PARAGRAPH_GAP_EM * cells[0].font_size  # every line a paragraph
                previous_bottom = max(c.y1 for c in cells)
                lines.append(Line(len(lines), page.number, cells, gap, column, measure))
    return lines


def _measure(rows: Sequence[tuple[TextItem, ...]]) -> float:
    """The width a column's text is set in: from its leftmost to its rightmost character."""
    return max(c.x1 for cells in rows for c in cells) - min(c.x0 for cells in rows for c in cells)


LineGroups = list[tuple[int, list[tuple[TextItem, ...]]]]


def _page_line_groups(
    page: Page, *, flow: bool, gutter_hint: float | None
) -> tuple[LineGroups, float | None]:
    """(column, rows of cells) groups in reading order, and the page's main gutter."""
    items = [item for item in page.items if item.text.strip()]
    if not items:
        return [], None
    rows = group_items_into_rows(items)
    if flow:
        return [(0, [merge_cells(row) for row in rows])], None
    gutter = find_gutter(rows, page.width, hint=gutter_hint)
    return _read_columns(rows, page.width, depth=0, column=0, gutter=gutter), gutter


def _read_columns(
    rows: list[list[TextItem]],
    width: float,
    *,
    depth: int,
    column: int,
    gutter: float | None = None,
) -> LineGroups:
    """Split at the best gutter, then split each side again (three-column pages, sidebars).
    At depth 0 the caller passes the page's gutter (found with the previous page's as a hint)."""
    if depth and depth < MAX_COLUMN_DEPTH:
        gutter = find_gutter(rows, width)
    if gutter is None:
        return [(column, [merge_cells(row) for row in rows])]
    groups: list[tuple[int, list[tuple[TextItem, ...]]]] = []
    for side, part in _split_columns(rows, gutter):
        if side == 0:
            groups.append((column, [merge_cells(r) for r in part]))
        else:
            groups += _read_columns(part, width, depth=depth + 1, column=column * 2 + side)
    return groups


def group_items_into_rows(items: Sequence[TextItem]) -> list[list[TextItem]]:
    """Cluster items into rows by vertical overlap, top to bottom; each row sorted by x."""
    ordered = sorted(items, key=lambda i: (i.y0 + i.y1) / 2)
    rows: list[list[TextItem]] = []
    row_top = row_bottom = 0.0
    for item in ordered:
        if rows and _overlaps(item.y0, item.y1, row_top, row_bottom):
            rows[-1].append(item)
            row_top, row_bottom = min(row_top, item.y0), max(row_bottom, item.y1)
        else:
            rows.append([item])
            row_top, row_bottom = item.y0, item.y1
    return [sorted(row, key=lambda i: i.x0) for row in rows]


def _overlaps(top: float, bottom: float, row_top: float, row_bottom: float) -> bool:
    overlap = min(bottom, row_bottom) - max(top, row_top)
    smaller = max(min(bottom - top, row_bottom - row_top), 0.1)
    return overlap > 0.5 * smaller


def merge_cells(row: Iterable[TextItem]) -> tuple[TextItem, ...]:
    """Join neighbouring items of a row into cells; a wide gap starts a new cell."""
    cells: list[TextItem] = []
    for item in row:
        if cells:
            last = cells[-1]
            em = min(last.font_size, item.font_size)
            same_size = abs(last.font_size - item.font_size) <= 0.2 * max(em, 1.0)
            if same_size and item.x0 - last.x1 <= CELL_GAP_EM * max(em, 1.0):
                cells[-1] = _join(last, item)
                continue
        cells.append(item)
    return tuple(cells)


def _join(left: TextItem, right: TextItem) -> TextItem:
    """Two items as one; no space between them when they touch (a style change inside a word),
    but one when the right item starts well back over the left one (a label wider than its
    column, running into the next cell)."""
    gap = right.x0 - left.x1
    touching = -OVERLAP_SPACE_EM * left.font_size <= gap < 0.15 * left.font_size
    glue = "" if touching or left.text.endswith(" ") else " "
    text = f"{left.text}{glue}{right.text}"
    bold_chars = len(left.text) * left.bold + len(right.text) * right.bold
    return TextItem(
        text=text,
        x0=min(left.x0, right.x0),
        y0=min(left.y0, right.y0),
        x1=max(left.x1, right.x1),
        y1=max(left.y1, right.y1),
        page=left.page,
        font_size=max(left.font_size, right.font_size),
        bold=bold_chars * 2 > len(text),
        italic=left.italic and right.italic,
    )


def find_gutter(
    rows: Sequence[Sequence[TextItem]], page_width: float, *, hint: float | None = None
) -> float | None:
    """The x of a vertical gutter splitting the page into two real text columns, if any.

    `hint`: the previous page's gutter. A page that keeps it (the sidebar goes on with a few
    short lines: "Links", "github.com/jane") needs no more than some text on each side.
    """
    items = [item for row in rows for item in row]
    total_chars = sum(len(i.text) for i in items) or 1
    best: tuple[float, float] | None = None
    for x in _candidate_gutters(rows, page_width):
        left = [i for i in items if i.x1 <= x]
        right = [i for i in items if i.x0 >= x]
        if hint is not None and abs(x - hint) <= GUTTER_HINT_TOLERANCE_PT:
            if not left or not right:
                continue
        elif not _are_columns(left, right, total_chars):
            continue
        crossing = sum(
            len(i.text)
            for i in items
            if i.x0 < x - 1 < x + 1 < i.x1 and _is_beside_columns(i, left, right)
        )
        if crossing > 0.1 * total_chars:
            continue
        balance = min(_chars(left), _chars(right)) - 2 * crossing
        if best is None or balance > best[1]:
            best = (x, balance)
    return best[0] if best else None


def _is_beside_columns(item: TextItem, left: Sequence[TextItem], right: Sequence[TextItem]) -> bool:
    """Whether text crossing a gutter runs beside the columns rather than above them: a banner
    or summary (less than BANNER_SHARE of either column's text above it) stays in place and does
    not argue against the gutter."""
    return all(
        _chars(i for i in side if i.y1 <= item.y0) > BANNER_SHARE * _chars(side)
        for side in (left, right)
    )


def _candidate_gutters(rows: Sequence[Sequence[TextItem]], page_width: float) -> list[float]:
    """Midpoints of the empty x-intervals in the page's horizontal text coverage, less the cells
    set across the page (a summary line pdfium reads as two items hides no gutter)."""
    items = [item for row in rows for item in row]
    spans = sorted(
        (cell.x0, cell.x1)
        for row in rows
        for cell in merge_cells(row)
        if cell.x1 - cell.x0 < 0.6 * page_width
    )
    sizes = sorted(i.font_size for i in items)
    min_width = (
        min(GUTTER_MIN_WIDTH_PT, GUTTER_MIN_WIDTH_EM * sizes[len(sizes) // 2]) if sizes else 0
    )
    gutters: list[float] = []
    reach = spans[0][1] if spans else 0.0
    for x0, x1 in spans[1:]:
        if x0 - reach >= min_width:
            gutters.append((x0 + reach) / 2)
        reach = max(reach, x1)
    return [g for g in gutters if 0.15 * page_width < g < 0.85 * page_width]


def _is_text_column(items: Sequence[TextItem], total_chars: int, *, right: bool = False) -> bool:
    if _chars(items) < MIN_COLUMN_SHARE * total_chars:
        return False
    rows = group_items_into_rows(items)
    if len(rows) < MIN_COLUMN_LINES:
        return False
    prose = [r for r in rows if not _is_entry_detail(" ".join(i.text for i in r))]
    wordy = [r for r in prose if len(" ".join(i.text for i in r).split()) >= 2]
    # a long run of short lines at the right is a sidebar list (skills, links); at the left,
    # or only a few, they are labels beside the content
    wordy_share = 0.25 if right and len(rows) >= SIDEBAR_MIN_ROWS else 0.4
    return len(prose) >= 0.6 * len(rows) and len(wordy) >= wordy_share * len(rows)


def _are_columns(left: Sequence[TextItem], right: Sequence[TextItem], total_chars: int) -> bool:
    """Both sides read as text columns, or both hold sections of their own (a sidebar of short
    lines beside the main column). Headings on one side only are labels beside the content."""
    if _is_text_column(left, total_chars) and _is_text_column(right, total_chars, right=True):
        return True
    return _has_own_headings(left) and _has_own_headings(right)


MIN_OWN_HEADINGS = 2
MIN_LINES_PER_HEADING = 3  # a heading and at least two lines of its section


def _has_own_headings(items: Sequence[TextItem]) -> bool:
    """A sidebar of short lines (skills, languages, links) is still a column of its own when
    it holds sections of its own: headings ("CONTACT", "SKILLS", "LANGUAGES") each over
    lines of content. A column of labels beside the content holds headings and dates."""
    rows = [" ".join(item.text for item in row) for row in group_items_into_rows(items)]
    if len(rows) < MIN_COLUMN_LINES:
        return False
    titled = sum(match_section_title(text, strict=True) is not None for text in rows)
    content = sum(not _is_entry_detail(text) for text in rows) - titled
    return titled >= MIN_OWN_HEADINGS and content >= (MIN_LINES_PER_HEADING - 1) * titled


def _is_entry_detail(text: str) -> bool:
    """Dates and places: what a right-aligned column beside entry headings holds."""
    if _is_mostly_date(text):
        return True
    return len(text) <= MAX_PLACE_CHARS and names_only_places(text)


def _is_mostly_date(text: str) -> bool:
    covered = sum(r.span[1] - r.span[0] for r in find_date_ranges(text, today=ANY_DAY))
    return covered >= 0.5 * len(text.strip())


def _chars(items: Iterable[TextItem]) -> int:
    return sum(len(i.text) for i in items)


def _split_columns(
    rows: Sequence[Sequence[TextItem]], gutter: float
) -> list[tuple[int, list[list[TextItem]]]]:
    """Full-width rows stay in place (side 0); between them, left (1) then right (2)."""
    parts: list[tuple[int, list[list[TextItem]]]] = []
    left: list[list[TextItem]] = []
    right: list[list[TextItem]] = []

    def flush() -> None:
        if left:
            parts.append((1, list(left)))
        if right:
            parts.append((2, list(right)))
        left.clear()
        right.clear()

    for row in rows:
        if any(i.x0 < gutter - 1 < gutter + 1 < i.x1 for i in row):
            flush()
            parts.append((0, [list(row)]))
            continue
        lefts = [i for i in row if i.x1 <= gutter]
        rights = [i for i in row if i.x0 >= gutter]
        if lefts:
            left.append(lefts)
        if rights:
            right.append(rights)
    flush()
    return parts


_PAGE_WORD = r"(?:page|seite|página|pagina)"
_OF_PAGES = r"\s*(?:of|/|von|de|sur)\s*\d{1,3}"
_PAGE_NUMBER = re.compile(rf"^\W*{_PAGE_WORD}?\s*\d{{1,3}}(?:{_OF_PAGES})?\W*$", re.I)
# a line that is only a labelled page number ("Page 2", "Page 3 of 4")
_PAGE_LABEL = re.compile(rf"^\W*{_PAGE_WORD}\s*\d{{1,3}}(?:{_OF_PAGES})?\W*$", re.I)
# a footer that ends in the page count ("Jane Roe - Page 1 of 3")
_PAGE_COUNT_TAIL = re.compile(rf"{_PAGE_WORD}\s*\d{{1,3}}{_OF_PAGES}\W*$", re.I)
FURNITURE_MARGIN = 0.08  # running headers and footers sit in the top or bottom 8% of a page


def drop_page_furniture(lines: Sequence[Line], page_heights: dict[int, float]) -> list[Line]:
    """Remove page numbers and running headers/footers (the same text near the top or bottom
    of two or more pages), renumbering the rest."""

    def in_margin(line: Line) -> bool:
        height = page_heights.get(line.page, 0.0)
        return height > 0 and (
            line.y0 < FURNITURE_MARGIN * height or line.y1 > (1 - FURNITURE_MARGIN) * height
        )

    repeated: dict[str, set[int]] = {}
    for line in lines:
        if in_margin(line):
            key = re.sub(r"\d+", "#", line.text.strip().lower())
            repeated.setdefault(key, set()).add(line.page)
    kept = [
        line
        for line in lines
        if not (
            in_margin(line)
            and (
                _PAGE_NUMBER.match(line.text.strip())
                or _PAGE_COUNT_TAIL.search(line.text)
                or len(repeated.get(re.sub(r"\d+", "#", line.text.strip().lower()), ())) >= 2
            )
        )
    ]
    return [line if line.index == i else replace(line, index=i) for i, line in enumerate(kept)]


MAX_FOOTER_WORDS = 10


def drop_page_labels(lines: Sequence[Line]) -> list[Line]:
    """Text without pages (TXT, DOCX) may still carry a printed page's label ("Page 3 of 4",
    "Jane Roe - Page 3 of 4"): a short line that is or ends in one goes, renumbering the rest."""
    kept = [
        line
        for line in lines
        if not (
            _PAGE_LABEL.match(line.text.strip())
            or (_PAGE_COUNT_TAIL.search(line.text) and len(line.text.split()) <= MAX_FOOTER_WORDS)
        )
    ]
    return [line if line.index == i else replace(line, index=i) for i, line in enumerate(kept)]


def body_font_size(lines: Sequence[Line]) -> float:
    """The most common font size, weighted by characters (the first seen on a tie)."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.font_size * 2) / 2] += len(line.text) // 10 + 1
    return weights.most_common(1)[0][0] if weights else 10.0
