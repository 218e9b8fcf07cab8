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
import functools
import math
import re
from typing import Any, NamedTuple

MIN_VISIBLE_FONT_PT = 1.5
WHITE_MIN_CHANNEL = 245
BOLD_MIN_WEIGHT = 600
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|extrabold|ultra", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique", re.IGNORECASE)
_WORD = re.compile(r"[^\s\x00-\x1f]+")
_INVISIBLE_MODES = frozenset({3, 7})
_FILL_MODES = frozenset({0, 2, 4, 6})


class Word(NamedTuple):
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool
    italic: bool
    hidden: str | None = None


# Word(...) without NamedTuple's keyword-handling __new__: this runs for every word of a page
_new_word = tuple.__new__


class _ObjectInfo(NamedTuple):
    size: float
    mode: int
    white: bool
    transparent: bool
    bold: bool
    italic: bool


class _Pdfium:
    """The few pdfium calls made per word, bound with plain pointer (c_void_p) arguments.

    pypdfium2's typed bindings convert every pointer argument and return value through ctypes
    classes; with `c_void_p` handles are plain ints, which are hashable (cache keys) and several
    times cheaper per call.
    """

    def __init__(self) -> None:
        import pypdfium2.raw as pdfium_c

        vp, c_int, c_double = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
        self.c = pdfium_c
        self.loose_box = _bind(pdfium_c.FPDFText_GetLooseCharBox, c_int, vp, c_int, vp)
        self.text_object = _bind(pdfium_c.FPDFText_GetTextObject, vp, vp, c_int)
        self.matrix = _bind(pdfium_c.FPDFText_GetMatrix, c_int, vp, c_int, vp)
        self.font_size = _bind(pdfium_c.FPDFText_GetFontSize, c_double, vp, c_int)
        self.render_mode = _bind(pdfium_c.FPDFTextObj_GetTextRenderMode, c_int, vp)
        self.fill_color = _bind(pdfium_c.FPDFPageObj_GetFillColor, c_int, vp, vp, vp, vp, vp)
        self.font = _bind(pdfium_c.FPDFTextObj_GetFont, vp, vp)
        self.font_name = _bind(
            pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_size_t, vp, vp, ctypes.c_size_t
        )
        self.font_weight = _bind(pdfium_c.FPDFFont_GetWeight, c_int, vp)


def _bind(function: Any, restype: Any, *argtypes: Any) -> Any:
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


@functools.cache
def _pdfium() -> _Pdfium:
    return _Pdfium()


def read_words(page: Any, textpage: Any) -> list[Word]:
    """Every word on the page in pdfium's order, coordinates top-left based, in points."""
    return _PageReader(page, textpage).words()


class _PageReader:
    def __init__(self, page: Any, textpage: Any) -> None:
        self.api = _pdfium()
        self.page = page
        self.textpage = textpage
        self.raw = ctypes.cast(textpage.raw, ctypes.c_void_p).value
        self.rect = self.api.c.FS_RECTF()
        self.matrix = self.api.c.FS_MATRIX()
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.fonts: dict[int | None, tuple[bool, bool]] = {}
        self.sizes: dict[tuple[int | None, float], float] = {}

    def words(self) -> list[Word]:
        api, raw, rect = self.api, self.raw, self.rect
        count = api.c.FPDFText_CountChars(self.textpage.raw)
        if count <= 0:
            return []
        text = self.textpage.get_text_range()
        if len(text) != count:  # pdfium's text and char indices disagree: read chars one by one
            get = api.c.FPDFText_GetUnicode
            text = "".join(_char(get(self.textpage.raw, i)) for i in range(count))
        left, bottom, right, top = self.page.get_bbox()
        width, height = right - left, top - bottom
        rect_ref = ctypes.addressof(rect)
        loose_box, text_object = api.loose_box, api.text_object
        # per text object: size, bold, italic, whether its words may be hidden, full style
        objects: dict[int | None, tuple[float, bool, bool, bool, _ObjectInfo]] = {}
        words: list[Word] = []
        append = words.append
        fill_ref = list(map(ctypes.addressof, self.rgba))
        for match in _WORD.finditer(text):
            first, last = match.span()
            loose_box(raw, first, rect_ref)
            x0, y0, y1, x1 = rect.left - left, top - rect.top, top - rect.bottom, rect.right - left
            if last - first > 1:
                loose_box(raw, last - 1, rect_ref)
                x1 = rect.right - left
                if x0 > x1:
                    x1 = x0
            key = text_object(raw, first)
            style = objects.get(key)
            if style is None:
                info = self._object_info(first, key, round(y1 - y0, 2), fill_ref)
                suspect = bool(
                    info.mode or info.white or info.transparent or info.size < MIN_VISIBLE_FONT_PT
                )
                style = objects[key] = (info.size, info.bold, info.italic, suspect, info)
            size, bold, italic, suspect, info = style
            hidden = None
            if suspect:
                hidden = _hidden_kind(info, (x0, y0, x1, y1), width, height)
            elif x1 < 0 or y1 < 0 or x0 > width or y0 > height:
                hidden = "offpage"
            append(_new_word(Word, (match.group(), x0, y0, x1, y1, size, bold, italic, hidden)))
        return words

    def _object_info(
        self, index: int, obj: int | None, box_height: float, fill_ref: list[int]
    ) -> _ObjectInfo:
        """Style of one text object, sampled at its character `index`.

        The size includes the CTM. It is asked of pdfium once per (font, loose box height):
        glyphs of one font at one size have the same loose box.
        """
        api = self.api
        if not obj:
            return _ObjectInfo(self._size(index), 0, False, False, False, False)
        font = api.font(obj)
        size = self.sizes.get((font, box_height))
        if size is None:
            size = self.sizes[font, box_height] = self._size(index)
        mode = api.render_mode(obj)
        r, g, b, a = self.rgba
        has_fill = api.fill_color(obj, *fill_ref)
        white = bool(has_fill) and min(r.value, g.value, b.value) >= WHITE_MIN_CHANNEL
        transparent = bool(has_fill) and a.value == 0 and mode in _FILL_MODES
        style = self.fonts.get(font)
        if style is None:
            style = self.fonts[font] = _font_style(api, font)
        return _ObjectInfo(size, mode, white and mode in _FILL_MODES, transparent, *style)

    def _size(self, index: int) -> float:
        scale = 1.0
        if self.api.matrix(self.raw, index, ctypes.addressof(self.matrix)):
            scale = math.hypot(self.matrix.c, self.matrix.d) or 1.0
        return round(self.api.font_size(self.raw, index) * scale, 2)


def _char(code: int) -> str:
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else " "


def _font_style(api: _Pdfium, font: int | None) -> tuple[bool, bool]:
    if not font:
        return False, False
    name = ""
    length = api.font_name(font, None, 0)
    if 0 < length < 1024:
        buffer = ctypes.create_string_buffer(length)
        api.font_name(font, ctypes.addressof(buffer), length)
        name = buffer.value.decode("utf-8", errors="replace")
    weight = api.font_weight(font)
    bold = weight >= BOLD_MIN_WEIGHT or bool(_BOLD_NAME.search(name))
    italic = bool(_ITALIC_NAME.search(name))
    return bold, italic


def _hidden_kind(
    info: _ObjectInfo, box: tuple[float, float, float, float], width: float, height: float
) -> str | None:
    if info.mode in _INVISIBLE_MODES or info.transparent:
        return "invisible"
    if 0 < info.size < MIN_VISIBLE_FONT_PT:
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
