"""Word styles (styles.xml): what bold/size/indent/list a paragraph or run inherits.

Primary rule: direct run properties, then the run's character style, then the paragraph style
chain (`w:basedOn`), then the document defaults. Heading and Title styles count as bold and at
least `HEADING_MIN_EXTRA_PT` larger than body text, even when the style only sets a colour.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from resumate.extract.flow import DEFAULT_FONT_SIZE_PT
from resumate.extract.package import parse_xml

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
    handful, for every paragraph and run. A table style set aside by `set_aside_table_styles`
    is parsed from `set_aside` the first time it is read (`damaged` makes the error if it
    does not parse).
    """

    def __init__(
        self,
        root: Any,
        set_aside: Sequence[bytes] = (),
        damaged: Callable[[], Exception] | None = None,
    ) -> None:
        self._set_aside = set_aside
        self._damaged = damaged
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
            info = self._read[style_id] = _read_style(self._whole(element))
        return info

    def _whole(self, style: Any) -> Any:
        """The style element itself, parsed from its set-aside text if it was set aside."""
        if len(style) != 1 or style[0].tag != _SET_ASIDE_TAG:
            return style
        return parse_xml(self._set_aside[int(style[0].get("n"))], damaged=self._damaged)[0]


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


_ATTRIBUTES = rb"(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*"
_TABLE_PART_START = re.compile(rb"<w:tblStylePr" + _ATTRIBUTES + rb"\s*(/?)>")
_TABLE_PART_END = b"</w:tblStylePr>"
_STYLES_START = re.compile(rb"(?:<\?xml[^>]*\?>)?\s*<w:styles" + _ATTRIBUTES + rb"\s*>")
_STYLE_START = re.compile(rb"<w:style" + _ATTRIBUTES + rb"\s*>")  # not self-closing
_TABLE_TYPE = b' w:type="table"'
_STYLE_END = b"</w:style>"
_SET_ASIDE_NS = "urn:x-resumate:set-aside-style"
_SET_ASIDE_TAG = f"{{{_SET_ASIDE_NS}}}set-aside"
_SET_ASIDE_END = b"</w:style></w:styles>"


def set_aside_table_styles(data: bytes) -> tuple[bytes, tuple[bytes, ...]]:
    """styles.xml with the content of its table styles set aside, and the set-aside styles.

    Table styles are most of a Word template's styles.xml, and a document's paragraphs and
    runs never name one; parsing them all was most of the time spent on the part. Each keeps
    its start tag (id, type: `StyleSheet` indexes it exactly as before) with one marker child in
    place of its content, and the whole element is kept as a small XML document of its own
    (the part's declaration and root tag around it) for `StyleSheet` to parse if a paragraph,
    run or style does name it: which styles are set aside never changes what is read. The cut
    is made only when unambiguous, as in `without_table_style_parts`: no comments, CDATA,
    DOCTYPE or processing instructions, a well-formed start tag and no `w:style` inside a table
    style. Otherwise the part is returned whole. A damaged table style that
    nothing names is no longer noticed (Word would not open such a file at all).
    """
    if _has_markup_declarations(data):
        return data, ()
    root = _STYLES_START.match(data)
    if root is None:
        return data, ()
    kept: list[bytes] = []
    set_aside: list[bytes] = []
    copied = 0
    position = data.find(_TABLE_TYPE, root.end())
    while position >= 0:
        start = _STYLE_START.match(data, max(data.rfind(b"<w:style", copied, position), 0))
        if start is None or not start.start() < position < start.end():
            position = data.find(_TABLE_TYPE, position + 1)  # not in a style's start tag
            continue
        close = data.find(_STYLE_END, start.end())
        if close < 0 or data.find(b"<w:style", start.end(), close) >= 0:
            return data, ()
        set_aside.append(data[: root.end()] + data[start.start() : close] + _SET_ASIDE_END)
        marker = f'<rs:set-aside xmlns:rs="{_SET_ASIDE_NS}" n="{len(set_aside) - 1}"/>'
        kept += (data[copied : start.end()], marker.encode())
        copied = close
        position = data.find(_TABLE_TYPE, close)
    if not set_aside:
        return data, ()
    kept.append(data[copied:])
    return b"".join(kept), tuple(set_aside)


def _has_markup_declarations(data: bytes) -> bool:
    """Whether the part has a comment, CDATA, DOCTYPE or a processing instruction (not at 0).

    The same as `b"<!" in data or data.find(b"<?", 1) >= 0`, but looks for the rare second
    character: "<" starts every tag, so searching for it is several times slower.
    """
    for mark, first in ((b"!", 1), (b"?", 2)):
        position = data.find(mark, first)
        while position >= 0:
            if data[position - 1] == 0x3C:  # "<"
                return True
            position = data.find(mark, position + 1)
    return False


def without_table_style_parts(data: bytes) -> bytes:
    """styles.xml without its `w:tblStylePr` elements (table-style conditional formats).

    StyleSheet never reads them, and in a Word template they are most of the part (about
    200 KB of 350 KB), so leaving them out makes parsing several times faster. The cut is
    made only when it is unambiguous: no comments, CDATA, DOCTYPE or processing instructions
    (but the XML declaration), every start tag well-formed, no nested element of the same name.
    Otherwise the part is returned whole (and a DOCTYPE is refused by parse_xml as before).
    """
    if _has_markup_declarations(data):
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
