"""DOCX: the WordprocessingML package read with zipfile + a hardened lxml parser.

Reading order: headers, then the body (paragraphs, tables, text boxes after the paragraph that
anchors them), then footers. Table rows are laid out side by side (see flow.py), nested tables
included. `mc:AlternateContent` contributes its first `mc:Choice` only, so a text box and its VML
fallback are not read twice. Tabs split items, `w:br` starts a new line, list paragraphs get a
"• " prefix. Hyperlinks keep their visible text; their targets go to `Document.links`.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from typing import Any

from resumate.document import Document
from resumate.extract.docx_styles import (
    StyleInfo,
    StyleSheet,
    attr,
    child,
    children_by_name,
    indent_value,
    is_numbering,
    local_name,
    set_aside_table_styles,
    size_value,
    toggle_value,
    without_table_style_parts,
)
from resumate.extract.flow import BULLET, FlowWriter, Style
from resumate.extract.package import Package, parse_xml
from resumate.options import ParseOptions

TWIPS_PER_PT = 20.0
MAX_NESTING = 40
_HEADER_TYPE = "/header"
_FOOTER_TYPE = "/footer"
_HYPERLINK_TYPE = "/hyperlink"
# containers whose children are read as if they were in the parent
_TRANSPARENT = frozenset({"hyperlink", "ins", "smartTag", "customXml", "fldSimple", "dir", "bdo"})
_SKIPPED = frozenset({"del", "moveFrom", "Fallback", "rPr", "pPr", "proofErr", "bookmarkStart"})


def extract(data: bytes, options: ParseOptions) -> Document:
    """Extract the text of a DOCX file onto a synthetic flow page."""
    package = Package(data, kind="Word")
    body_root = package.read_xml("word/document.xml")
    if body_root is None:
        raise package.damaged()
    reader = _Reader(_style_sheet(package))
    rels = package.read_xml("word/_rels/document.xml.rels")
    headers, footers = _header_footer_parts(package, body_root, rels)
    for part in headers:
        reader.blocks(package.read_xml(part), reader.writer)
    reader.blocks(child(body_root, "body"), reader.writer)
    for part in footers:
        reader.blocks(package.read_xml(part), reader.writer)
    return replace(reader.writer.document("docx"), links=_hyperlink_targets(rels))


def _hyperlink_targets(rels: Any) -> tuple[str, ...]:
    """External hyperlink targets (web and mail addresses) of the main document part."""
    targets = (
        (attr(rel, "Target") or "").strip()
        for rel in (rels if rels is not None else ())
        if (attr(rel, "Type") or "").endswith(_HYPERLINK_TYPE)
        and attr(rel, "TargetMode") == "External"
    )
    return tuple(
        dict.fromkeys(
            t for t in targets if t.lower().startswith(("http://", "https://", "mailto:"))
        )
    )


def _style_sheet(package: Package) -> StyleSheet:
    """word/styles.xml, parsed without what StyleSheet does not read, table styles set aside."""
    if "word/styles.xml" not in package.names:
        return StyleSheet(None)
    data, set_aside = set_aside_table_styles(package.read("word/styles.xml"))
    root = parse_xml(without_table_style_parts(data), damaged=package.damaged)
    return StyleSheet(root, set_aside, damaged=package.damaged)


def _header_footer_parts(
    package: Package, body_root: Any, rels: Any
) -> tuple[list[str], list[str]]:
    """Header and footer part names: those the sections reference, else every one related."""
    targets: dict[str, tuple[str, str]] = {}
    for rel in rels if rels is not None else ():
        rel_type, target = attr(rel, "Type") or "", attr(rel, "Target") or ""
        if rel_type.endswith((_HEADER_TYPE, _FOOTER_TYPE)) and attr(rel, "TargetMode") is None:
            part = posixpath.normpath(posixpath.join("word", target.lstrip("/")))
            targets[attr(rel, "Id") or ""] = (rel_type.rpartition("/")[2], part)
    referenced = [
        attr(ref, "id") for ref in body_root.iter("{*}headerReference", "{*}footerReference")
    ]
    order = [rid for rid in dict.fromkeys(referenced) if rid in targets] or list(targets)
    parts = [targets[rid] for rid in order]
    headers = list(dict.fromkeys(p for kind, p in parts if kind == "header" and p in package.names))
    footers = list(dict.fromkeys(p for kind, p in parts if kind == "footer" and p in package.names))
    return headers, footers


class _Reader:
    def __init__(self, styles: StyleSheet) -> None:
        self.styles = styles
        self.writer = FlowWriter()
        self._depth = 0

    def blocks(self, container: Any, writer: FlowWriter) -> None:
        """Paragraphs and tables of a body, cell, header, footer or text box, in order."""
        if container is None or self._depth > MAX_NESTING:
            return
        self._depth += 1
        for element in container:
            name = local_name(element)
            if name == "p":
                self.paragraph(element, writer)
            elif name == "tbl":
                self.table(element, writer)
            elif name in ("sdt", "sdtContent", "customXml", "ins", "txbxContent"):
                self.blocks(element if name != "sdt" else child(element, "sdtContent"), writer)
            elif name == "AlternateContent":
                self.blocks(child(element, "Choice"), writer)
        self._depth -= 1

    def table(self, table: Any, writer: FlowWriter) -> None:
        for row in _children_through_sdt(table, "tr"):
            cells = list(_children_through_sdt(row, "tc"))
            cell_writers = []
            for cell in cells:
                cell_writer = FlowWriter()
                self.blocks(cell, cell_writer)
                cell_writers.append(cell_writer)
            writer.add_row(cell_writers, [_cell_width_pt(cell) for cell in cells])

    def paragraph(self, paragraph: Any, writer: FlowWriter) -> None:
        props = children_by_name(child(paragraph, "pPr"))
        style = self.styles.resolve(
            attr(props.get("pStyle"), "val") or self.styles.default_paragraph_style
        )
        indent = indent_value(props.get("ind"))
        writer.start_line(indent if indent is not None else (style.indent_pt or 0.0))
        if is_numbering(props.get("numPr")) or style.numbered:
            writer.write(BULLET, self._run_style(None, style))
        text_boxes: list[Any] = []
        self._inline(paragraph, writer, style, text_boxes)
        for box in text_boxes:
            self.blocks(box, writer)

    def _inline(self, element: Any, writer: FlowWriter, para: StyleInfo, boxes: list[Any]) -> None:
        if element is None:
            return
        for sub in element:
            name = local_name(sub)
            if name == "r":
                self._run(sub, writer, para, boxes)
            elif name in _TRANSPARENT:
                self._inline(sub, writer, para, boxes)
            elif name == "sdt":
                self._inline(child(sub, "sdtContent"), writer, para, boxes)
            elif name == "AlternateContent":
                self._inline(child(sub, "Choice"), writer, para, boxes)

    def _run(self, run: Any, writer: FlowWriter, para: StyleInfo, boxes: list[Any]) -> None:
        style = self._run_style(child(run, "rPr"), para)
        for sub in run:
            name = local_name(sub)
            if name == "t":
                writer.write(sub.text or "", style)
            elif name == "tab" or name == "ptab":
                writer.tab()
            elif name in ("br", "cr"):
                writer.write("\n", style)
            elif name == "noBreakHyphen":
                writer.write("-", style)
            elif name in ("drawing", "pict", "AlternateContent", "object"):
                boxes.extend(_text_boxes(sub))

    def _run_style(self, run_props: Any, para: StyleInfo) -> Style:
        props = children_by_name(run_props)
        char_style = self.styles.resolve(attr(props.get("rStyle"), "val"))
        bold = _first(toggle_value(props.get("b")), char_style.bold, para.bold, False)
        italic = _first(toggle_value(props.get("i")), char_style.italic, para.italic, False)
        size = (
            size_value(props.get("sz")) or char_style.size or para.size or self.styles.default_size
        )
        if para.heading:
            bold = True
            size = max(size, self.styles.default_size + 2.0)
        return Style(bold=bool(bold), italic=bool(italic), font_size=size)


def _text_boxes(element: Any) -> list[Any]:
    """w:txbxContent elements under a drawing, skipping mc:Fallback copies."""
    found: list[Any] = []
    stack = [element]
    while stack:
        current = stack.pop()
        for sub in current:
            name = local_name(sub)
            if name == "txbxContent":
                found.append(sub)
            elif name == "AlternateContent":
                choice = child(sub, "Choice")
                if choice is not None:
                    stack.append(choice)
            elif name not in _SKIPPED:
                stack.append(sub)
    return found


def _children_through_sdt(element: Any, name: str) -> list[Any]:
    found = []
    for sub in element:
        sub_name = local_name(sub)
        if sub_name == name:
            found.append(sub)
        elif sub_name in ("sdt", "customXml"):
            content = child(sub, "sdtContent") if sub_name == "sdt" else sub
            if content is not None:
                found.extend(_children_through_sdt(content, name))
    return found


def _cell_width_pt(cell: Any) -> float | None:
    width = child(child(cell, "tcPr"), "tcW")
    if attr(width, "type") not in ("dxa", None):
        return None
    try:
        value = float(attr(width, "w") or 0) / TWIPS_PER_PT
    except ValueError:
        return None
    return value if value > 0 else None


def _first(*values: bool | None) -> bool | None:
    for value in values:
        if value is not None:
            return value
    return None
