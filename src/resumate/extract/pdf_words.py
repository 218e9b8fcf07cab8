"""The words of one PDF page, with boxes and style, read from pdfium in bulk.

Speed rule: the page text comes from one `FPDFText_GetText` call and is split into words with a
regex; pdfium is then asked only per word (loose box of the first and last character, font
size, text object) and per text object or font (render mode, fill colour, bold/italic), never
per character. Bold: font weight >= 600 or a Bold/Black/Heavy/Semibold-like base font name.

A word is marked hidden when it could not be seen: render mode 3/7 or a transparent fill
("invisible"), white fill on no drawn background ("white"), smaller than `MIN_VISIBLE_FONT_PT`
("tiny"), or outside the page ("offpage").
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass
from typing import Any

MIN_VISIBLE_FONT_PT = 1.5
WHITE_MIN_CHANNEL = 245
BOLD_MIN_WEIGHT = 600
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|extrabold|ultra", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique", re.IGNORECASE)
_WORD = re.compile(r"[^\s\x00-\x1f]+")
_INVISIBLE_MODES = frozenset({3, 7})
_FILL_MODES = frozenset({0, 2, 4, 6})


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool
    italic: bool
    hidden: str | None = None


@dataclass(frozen=True, slots=True)
class _ObjectInfo:
    size: float
    mode: int
    white: bool
    transparent: bool
    bold: bool
    italic: bool


def read_words(page: Any, textpage: Any) -> list[Word]:
    """Every word on the page in pdfium's order, coordinates top-left based, in points."""
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return []
    text = textpage.get_text_range()
    if len(text) != count:  # pdfium's text and char indices disagree: read chars one by one
        text = "".join(_char(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    left, _bottom, right, top = page.get_bbox()
    height = top - _bottom
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    objects: dict[int | None, _ObjectInfo] = {}
    fonts: dict[int | None, tuple[bool, bool]] = {}
    words: list[Word] = []
    for match in _WORD.finditer(text):
        first, last = match.start(), match.end() - 1
        pdfium_c.FPDFText_GetLooseCharBox(raw, first, rect_ref)
        x0, y_top, y_bottom = rect.left, rect.top, rect.bottom
        pdfium_c.FPDFText_GetLooseCharBox(raw, last, rect_ref)
        x1 = max(rect.right, x0)
        obj = pdfium_c.FPDFText_GetTextObject(raw, first)
        key = ctypes.cast(obj, ctypes.c_void_p).value
        info = objects.get(key)
        if info is None:
            info = objects[key] = _object_info(pdfium_c, raw, first, obj, fonts)
        size = info.size
        box = (x0 - left, top - y_top, x1 - left, top - y_bottom)
        words.append(
            Word(
                text=match.group(),
                x0=box[0],
                y0=box[1],
                x1=box[2],
                y1=box[3],
                size=size,
                bold=info.bold,
                italic=info.italic,
                hidden=_hidden_kind(info, size, box, right - left, height),
            )
        )
    return words


def _char(code: int) -> str:
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else " "


def _object_info(
    pdfium_c: Any, raw: Any, index: int, obj: Any, fonts: dict[int | None, tuple[bool, bool]]
) -> _ObjectInfo:
    """Style of one text object, sampled at its character `index` (size includes the CTM)."""
    matrix = pdfium_c.FS_MATRIX()
    scale = 1.0
    if pdfium_c.FPDFText_GetMatrix(raw, index, ctypes.byref(matrix)):
        scale = math.hypot(matrix.c, matrix.d) or 1.0
    size = round(pdfium_c.FPDFText_GetFontSize(raw, index) * scale, 2)
    if not obj:
        return _ObjectInfo(size, 0, False, False, False, False)
    mode = int(pdfium_c.FPDFTextObj_GetTextRenderMode(obj))
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    has_fill = pdfium_c.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(c) for c in (r, g, b, a)))
    white = bool(has_fill) and min(r.value, g.value, b.value) >= WHITE_MIN_CHANNEL
    transparent = bool(has_fill) and a.value == 0 and mode in _FILL_MODES
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    font_key = ctypes.cast(font, ctypes.c_void_p).value
    style = fonts.get(font_key)
    if style is None:
        style = fonts[font_key] = _font_style(pdfium_c, font)
    return _ObjectInfo(size, mode, white and mode in _FILL_MODES, transparent, *style)


def _font_style(pdfium_c: Any, font: Any) -> tuple[bool, bool]:
    if not font:
        return False, False
    name = ""
    length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    if 0 < length < 1024:
        buffer = ctypes.create_string_buffer(length)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, length)
        name = buffer.value.decode("utf-8", errors="replace")
    weight = pdfium_c.FPDFFont_GetWeight(font)
    bold = weight >= BOLD_MIN_WEIGHT or bool(_BOLD_NAME.search(name))
    italic = bool(_ITALIC_NAME.search(name))
    return bold, italic


def _hidden_kind(
    info: _ObjectInfo,
    size: float,
    box: tuple[float, float, float, float],
    width: float,
    height: float,
) -> str | None:
    if info.mode in _INVISIBLE_MODES or info.transparent:
        return "invisible"
    if 0 < size < MIN_VISIBLE_FONT_PT:
        return "tiny"
    x0, y0, x1, y1 = box
    if x1 < 0 or y1 < 0 or x0 > width or y0 > height:
        return "offpage"
    if info.white:
        return "white"
    return None


def drawn_backgrounds(page: Any) -> list[tuple[float, float, float, float]]:
    """Bounds (top-left based) of images and non-white filled shapes: what white text may sit on."""
    import pypdfium2.raw as pdfium_c

    left, _bottom, _right, top = page.get_bbox()
    found: list[tuple[float, float, float, float]] = []
    kinds = (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_SHADING)
    for obj in page.get_objects(filter=kinds, max_depth=4):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and not _filled_dark(pdfium_c, obj):
            continue
        x0, y0, x1, y1 = obj.get_bounds()
        found.append((x0 - left, top - y1, x1 - left, top - y0))
    return found


def _filled_dark(pdfium_c: Any, obj: Any) -> bool:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return False
    if fill_mode.value == 0:
        return False
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(c) for c in (r, g, b, a))):
        return False
    return a.value > 0 and min(r.value, g.value, b.value) < WHITE_MIN_CHANNEL
