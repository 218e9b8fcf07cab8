"""A synthetic page for flow formats (DOCX, DOC, ODT, RTF, TXT), which carry no geometry.

Each line of text goes at y = `FLOW_LINE_HEIGHT_PT` x line number, starting at its indentation;
a style change starts a new item right after the previous one, a tab starts one at least
`TAB_GAP_EM` further on (so "Title<tab>Date" splits into two items), and the cells of a table row
are laid side by side, each cell its own column of lines (a cell of more than
`MAX_SIDE_BY_SIDE_LINES` lines makes the row a layout table: its cells are read one after the
other, as columns). A line sits lower than the one above by its own height. Widths are estimated at
`CHAR_WIDTH_EM` per character.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from resumate.document import Document, Format, Page, TextItem
from resumate.extract.text import clean_text

FLOW_LINE_HEIGHT_PT = 14.0
FLOW_PAGE_WIDTH_PT = 612.0
FLOW_PAGE_MIN_HEIGHT_PT = 792.0
DEFAULT_FONT_SIZE_PT = 10.0
CHAR_WIDTH_EM = 0.5
TAB_GAP_EM = 2.0
CELL_GAP_EM = 2.0
LINE_SPACING = 1.2  # a line's height, in its largest font size
MAX_SIDE_BY_SIDE_LINES = 4  # a table cell with more lines is a column of the page's layout
BULLET = "• "


@dataclass(frozen=True, slots=True)
class Style:
    bold: bool = False
    italic: bool = False
    font_size: float = DEFAULT_FONT_SIZE_PT


@dataclass(frozen=True, slots=True)
class _Run:
    text: str
    x0: float
    x1: float
    style: Style


class FlowWriter:
    """Collects lines of styled runs; `document()` places them on one synthetic page."""

    def __init__(self) -> None:
        self.lines: list[list[_Run]] = []
        self._parts: list[str] = []
        self._style = Style()
        self._run_x0 = 0.0
        self._cursor = 0.0
        self._open = False

    def start_line(self, indent_pt: float = 0.0) -> None:
        """End the current line (if any) and start a new one at `indent_pt`."""
        self._flush()
        self.lines.append([])
        self._open = True
        self._cursor = self._run_x0 = max(0.0, indent_pt)

    def write(self, text: str, style: Style | None = None) -> None:
        """Append text; `\\n` starts a new line at the same indent, `\\t` moves to a new item."""
        style = style or Style()
        if not self._open:
            self.start_line()
        if "\n" not in text and "\t" not in text:  # most runs: one chunk
            self._write_chunk(text, style)
            return
        for number, line in enumerate(text.split("\n")):
            if number:
                self.start_line(self.lines[-1][0].x0 if self.lines[-1] else 0.0)
            for index, chunk in enumerate(line.split("\t")):
                if index:
                    self.tab()
                self._write_chunk(chunk, style)

    def tab(self) -> None:
        self._flush()
        gap = TAB_GAP_EM * self._style.font_size
        self._cursor = self._run_x0 = self._cursor + gap

    def add_row(self, cells: list[FlowWriter], widths: list[float | None]) -> None:
        """Lay `cells` side by side: line i of the row holds line i of every cell."""
        self._flush()
        x = 0.0
        offsets: list[float] = []
        for cell, width in zip(cells, widths, strict=True):
            cell._flush()
            offsets.append(x)
            content = max((run.x1 for line in cell.lines for run in line), default=0.0)
            x += max(width or 0.0, content + CELL_GAP_EM * DEFAULT_FONT_SIZE_PT)
        depth = max((len(cell.lines) for cell in cells), default=0)
        if depth > MAX_SIDE_BY_SIDE_LINES:  # a layout table: each cell is read as a column
            for cell, offset in zip(cells, offsets, strict=True):
                self.lines.extend(_shift(line, offset) for line in cell.lines)
            self._open = False
            return
        for row_line in range(depth):
            line: list[_Run] = []
            for cell, offset in zip(cells, offsets, strict=True):
                if row_line < len(cell.lines):
                    line.extend(_shift(cell.lines[row_line], offset))
            self.lines.append(line)
        self._open = False

    def document(self, format: Format, warnings: Iterable[str] = ()) -> Document:
        self._flush()
        items: list[TextItem] = []
        y0 = 0.0
        for line in self.lines:
            items.extend(
                TextItem(
                    text=run.text,
                    x0=round(run.x0, 2),
                    y0=y0,
                    x1=round(run.x1, 2),
                    y1=y0 + run.style.font_size,
                    font_size=run.style.font_size,
                    bold=run.style.bold,
                    italic=run.style.italic,
                )
                for run in line
            )
            # the next line starts below this one's height: a large title overlaps nothing
            y0 += max([FLOW_LINE_HEIGHT_PT, *(LINE_SPACING * run.style.font_size for run in line)])
        height = max(FLOW_PAGE_MIN_HEIGHT_PT, y0 + FLOW_LINE_HEIGHT_PT)
        width = max([FLOW_PAGE_WIDTH_PT] + [item.x1 for item in items])
        page = Page(number=0, width=width, height=height, items=tuple(items))
        return Document(format=format, pages=(page,), flow=True, warnings=tuple(warnings))

    def _write_chunk(self, chunk: str, style: Style) -> None:
        if not chunk:
            return
        if style != self._style:
            self._flush()
            self._style = style
        self._parts.append(chunk)
        self._cursor += len(chunk) * CHAR_WIDTH_EM * style.font_size

    def _flush(self) -> None:
        if self._parts:
            raw = clean_text("".join(self._parts))
            text = raw.strip()
            if text:
                if not self.lines:
                    self.lines.append([])
                # Keep the width of edge spaces so neighbouring runs stay apart as words.
                space = CHAR_WIDTH_EM * self._style.font_size
                x0 = self._run_x0 + (len(raw) - len(raw.lstrip())) * space
                x1 = self._cursor - (len(raw) - len(raw.rstrip())) * space
                self.lines[-1].append(_Run(text, x0, max(x0, x1), self._style))
            self._parts = []
        self._run_x0 = self._cursor


def _shift(runs: list[_Run], dx: float) -> list[_Run]:
    return [replace(run, x0=run.x0 + dx, x1=run.x1 + dx) for run in runs]
