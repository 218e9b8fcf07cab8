"""ODT: content.xml (and the master page headers/footers in styles.xml) with the hardened parser.

Headers first, body, footers last. `text:h` is bold and `HEADING_EXTRA_PT` larger; a span or
paragraph whose (automatic) style has fo:font-weight bold is bold; list items get "• "; table rows
are laid side by side; text boxes (draw:text-box) follow the paragraph that anchors them.
"""

from __future__ import annotations

from typing import Any

from resumate.document import Document
from resumate.extract.docx_styles import attr, local_name
from resumate.extract.flow import BULLET, DEFAULT_FONT_SIZE_PT, FlowWriter, Style
from resumate.extract.package import Package
from resumate.options import ParseOptions

HEADING_EXTRA_PT = 2.0
MAX_NESTING = 40
_BLOCK_CONTAINERS = frozenset({"section", "text-box", "frame", "header", "footer", "list-header"})


def extract(data: bytes, options: ParseOptions) -> Document:
    """Extract the text of an ODT file onto a synthetic flow page."""
    package = Package(data, kind="OpenDocument")
    content = package.read_xml("content.xml")
    if content is None:
        raise package.damaged()
    styles_root = package.read_xml("styles.xml")
    reader = _Reader(_bold_styles(content) | _bold_styles(styles_root))
    headers, footers = _master_parts(styles_root)
    for part in headers:
        reader.blocks(part, reader.writer, bullet=False)
    for element in content.iter():
        if local_name(element) == "text" and local_name(element.getparent()) == "body":
            reader.blocks(element, reader.writer, bullet=False)
    for part in footers:
        reader.blocks(part, reader.writer, bullet=False)
    return reader.writer.document("odt")


def _bold_styles(root: Any) -> set[str]:
    bold: set[str] = set()
    if root is None:
        return bold
    for element in root.iter():
        if local_name(element) == "style":
            for props in element:
                if local_name(props) == "text-properties" and attr(props, "font-weight") in (
                    "bold", "600", "700", "800", "900",
                ):  # fmt: skip
                    bold.add(attr(element, "name") or "")
    return bold


def _master_parts(root: Any) -> tuple[list[Any], list[Any]]:
    headers: list[Any] = []
    footers: list[Any] = []
    if root is None:
        return headers, footers
    for element in root.iter():
        if local_name(element) == "master-page":
            for part in element:
                if local_name(part) == "header":
                    headers.append(part)
                elif local_name(part) == "footer":
                    footers.append(part)
    return headers, footers


class _Reader:
    def __init__(self, bold_styles: set[str]) -> None:
        self.bold_styles = bold_styles
        self.writer = FlowWriter()
        self._depth = 0

    def blocks(self, container: Any, writer: FlowWriter, *, bullet: bool) -> None:
        if self._depth > MAX_NESTING:
            return
        self._depth += 1
        for element in container:
            name = local_name(element)
            if name in ("p", "h"):
                self.paragraph(element, writer, heading=name == "h", bullet=bullet)
                bullet = False
            elif name in ("list", "list-item"):
                self.blocks(element, writer, bullet=name == "list-item")
            elif name == "table":
                self.table(element, writer)
            elif name in _BLOCK_CONTAINERS or name in ("table-rows", "table-header-rows"):
                self.blocks(element, writer, bullet=False)
        self._depth -= 1

    def table(self, table: Any, writer: FlowWriter) -> None:
        for row in table.iter():
            if local_name(row) != "table-row" or _owning_table(row) is not table:
                continue
            cells = [cell for cell in row if local_name(cell) == "table-cell"]
            cell_writers = []
            for cell in cells:
                cell_writer = FlowWriter()
                self.blocks(cell, cell_writer, bullet=False)
                cell_writers.append(cell_writer)
            writer.add_row(cell_writers, [None] * len(cells))

    def paragraph(self, paragraph: Any, writer: FlowWriter, *, heading: bool, bullet: bool) -> None:
        writer.start_line()
        size = DEFAULT_FONT_SIZE_PT + (HEADING_EXTRA_PT if heading else 0.0)
        base = Style(bold=heading or self._is_bold(paragraph), font_size=size)
        if bullet:
            writer.write(BULLET, base)
        boxes: list[Any] = []
        self._inline(paragraph, writer, base, boxes)
        for box in boxes:
            self.blocks(box, writer, bullet=False)

    def _inline(self, element: Any, writer: FlowWriter, style: Style, boxes: list[Any]) -> None:
        if element.text:
            writer.write(element.text, style)
        for sub in element:
            name = local_name(sub)
            if name in ("span", "a"):
                inner = Style(bold=style.bold or self._is_bold(sub), font_size=style.font_size)
                self._inline(sub, writer, inner, boxes)
            elif name == "s":
                writer.write(" ", style)
            elif name == "tab":
                writer.tab()
            elif name == "line-break":
                writer.write("\n", style)
            elif name == "frame":
                boxes.extend(box for box in sub if local_name(box) == "text-box")
            if sub.tail:
                writer.write(sub.tail, style)

    def _is_bold(self, element: Any) -> bool:
        return (attr(element, "style-name") or "") in self.bold_styles


def _owning_table(row: Any) -> Any:
    parent = row.getparent()
    while parent is not None and local_name(parent) != "table":
        parent = parent.getparent()
    return parent
