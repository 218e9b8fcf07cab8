"""Word styles (styles.xml): what bold/size/indent/list a paragraph or run inherits.

Primary rule: direct run properties, then the run's character style, then the paragraph style
chain (`w:basedOn`), then the document defaults. Heading and Title styles count as bold and at
least `HEADING_MIN_EXTRA_PT` larger than body text, even when the style only sets a colour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from resumate.extract.flow import DEFAULT_FONT_SIZE_PT

HEADING_MIN_EXTRA_PT = 2.0
TWIPS_PER_PT = 20.0
_MAX_STYLE_DEPTH = 20
_FALSE_VALUES = frozenset({"0", "false", "off", "none"})


_MAX_NAMED_TAGS = 4096


class _LocalNames(dict[Any, str]):
    """Local name by tag or attribute key; a tag that is not a string (an entity) names ""."""

    def __missing__(self, tag: Any) -> str:
        name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        if len(self) < _MAX_NAMED_TAGS:
            self[tag] = name
        return name


_LOCAL_NAMES = _LocalNames()


def local_name(element: Any) -> str:
    return _LOCAL_NAMES[element.tag]


def child(element: Any, name: str) -> Any:
    """The first child with local name `name` (any namespace), or None."""
    if element is None:
        return None
    names = _LOCAL_NAMES
    for sub in element:
        if names[sub.tag] == name:
            return sub
    return None


def children_by_name(element: Any) -> dict[str, Any]:
    """The first child of each local name: `child(element, name)` for every name at once."""
    found: dict[str, Any] = {}
    if element is not None:
        names = _LOCAL_NAMES
        for sub in element:
            found.setdefault(names[sub.tag], sub)
    return found


def attr(element: Any, name: str) -> str | None:
    """An attribute by local name (w:val, w:w, ...), whatever its namespace."""
    if element is None:
        return None
    names = _LOCAL_NAMES
    for key, value in element.items():
        if names[key] == name:
            return str(value)
    return None


def toggle(props: Any, name: str) -> bool | None:
    """A Word on/off property (`<w:b/>`, `<w:b w:val="0"/>`) or None when unset."""
    return toggle_value(child(props, name))


def toggle_value(element: Any) -> bool | None:
    """The value of an on/off property element (None when the element is absent)."""
    if element is None:
        return None
    return (attr(element, "val") or "true").lower() not in _FALSE_VALUES


def half_points(props: Any) -> float | None:
    return size_value(child(props, "sz"))


def size_value(size: Any) -> float | None:
    """Points from a `w:sz` element (half-points), or None."""
    value = attr(size, "val")
    try:
        return float(value) / 2 if value else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class StyleInfo:
    bold: bool | None = None
    italic: bool | None = None
    size: float | None = None
    indent_pt: float | None = None
    numbered: bool = False
    heading: bool = False
    based_on: str | None = None


class StyleSheet:
    """Resolved style properties by style id.

    A style is read from its element on first use, and each id is resolved once: a Word
    template defines a few hundred styles (most of them table styles) and a document uses a
    handful, for every paragraph and run.
    """

    def __init__(self, root: Any) -> None:
        self._elements: dict[str, Any] = {}
        self._read: dict[str, StyleInfo] = {}
        self._resolved: dict[str | None, StyleInfo] = {}
        self.default_size = DEFAULT_FONT_SIZE_PT
        self.default_paragraph_style: str | None = None
        if root is None:
            return
        defaults = child(child(child(root, "docDefaults"), "rPrDefault"), "rPr")
        self.default_size = half_points(defaults) or DEFAULT_FONT_SIZE_PT
        for style in root:
            if local_name(style) == "style" and (style_id := attr(style, "styleId")):
                self._elements[style_id] = style
                if attr(style, "type") == "paragraph" and attr(style, "default") in ("1", "true"):
                    self.default_paragraph_style = style_id

    def resolve(self, style_id: str | None) -> StyleInfo:
        """The style's properties merged along its basedOn chain."""
        merged = self._resolved.get(style_id)
        if merged is None:
            merged = self._resolved[style_id] = self._merge_chain(style_id)
        return merged

    def _merge_chain(self, style_id: str | None) -> StyleInfo:
        merged = StyleInfo()
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < _MAX_STYLE_DEPTH:
            seen.add(style_id)
            info = self._style(style_id)
            if info is None:
                break
            merged = StyleInfo(
                bold=merged.bold if merged.bold is not None else info.bold,
                italic=merged.italic if merged.italic is not None else info.italic,
                size=merged.size or info.size,
                indent_pt=merged.indent_pt if merged.indent_pt is not None else info.indent_pt,
                numbered=merged.numbered or info.numbered,
                heading=merged.heading or info.heading,
            )
            style_id = info.based_on
        return merged

    def _style(self, style_id: str) -> StyleInfo | None:
        info = self._read.get(style_id)
        if info is None:
            element = self._elements.get(style_id)
            if element is None:
                return None
            info = self._read[style_id] = _read_style(element)
        return info


def _read_style(style: Any) -> StyleInfo:
    name = (attr(child(style, "name"), "val") or "").lower()
    run_props = child(style, "rPr")
    para_props = child(style, "pPr")
    heading = name.startswith("heading") or name in ("title", "subtitle")
    return StyleInfo(
        bold=toggle(run_props, "b"),
        italic=toggle(run_props, "i"),
        size=half_points(run_props),
        indent_pt=indent_pt(para_props),
        numbered=has_numbering(para_props),
        heading=heading and name != "subtitle",
        based_on=attr(child(style, "basedOn"), "val"),
    )


def indent_pt(para_props: Any) -> float | None:
    return indent_value(child(para_props, "ind"))


def indent_value(ind: Any) -> float | None:
    """Points from a `w:ind` element's left (or start) indent, or None."""
    value = attr(ind, "left") or attr(ind, "start")
    try:
        return max(0.0, float(value) / TWIPS_PER_PT) if value else None
    except ValueError:
        return None


def has_numbering(para_props: Any) -> bool:
    return is_numbering(child(para_props, "numPr"))


def is_numbering(num: Any) -> bool:
    """Whether a `w:numPr` element puts its paragraph in a list."""
    if num is None:
        return False
    return attr(child(num, "numId"), "val") not in ("0", None)


_TABLE_PART_START = re.compile(
    rb"<w:tblStylePr(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*\s*(/?)>"
)
_TABLE_PART_END = b"</w:tblStylePr>"


def without_table_style_parts(data: bytes) -> bytes:
    """styles.xml without its `w:tblStylePr` elements (table-style conditional formats).

    StyleSheet never reads them, and in a Word template they are most of the part (about
    200 KB of 350 KB), so leaving them out makes parsing several times faster. The cut is
    made only when it is unambiguous: no comments, CDATA, DOCTYPE or processing instructions
    (but the XML declaration), every start tag well-formed, no nested element of the same name.
    Otherwise the part is returned whole (and a DOCTYPE is refused by parse_xml as before).
    """
    if b"<!" in data or data.find(b"<?", 1) >= 0:
        return data
    kept: list[bytes] = []
    position = 0
    while (start := data.find(b"<w:tblStylePr", position)) >= 0:
        tag = _TABLE_PART_START.match(data, start)
        if tag is None:
            return data
        end = tag.end()
        if not tag.group(1):  # not self-closing: up to its end tag, with nothing like it inside
            close = data.find(_TABLE_PART_END, end)
            if close < 0 or data.find(b"<w:tblStylePr", end, close) >= 0:
                return data
            end = close + len(_TABLE_PART_END)
        kept.append(data[position:start])
        position = end
    if not kept:
        return data
    kept.append(data[position:])
    return b"".join(kept)
