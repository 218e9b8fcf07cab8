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
import struct
from typing import Any, NamedTuple

MIN_VISIBLE_FONT_PT = 1.5
WHITE_MIN_CHANNEL = 245
BOLD_MIN_WEIGHT = 600
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|extrabold|ultra", re.IGNORECASE)
_ITALIC_NAME = re.compile(r"italic|oblique", re.IGNORECASE)
_WORD = re.compile(r"[^\s\x00-\x1f]+")
_RECT_FLOATS = struct.Struct("4f")  # FS_RECTF's layout
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
        # page objects, for drawn_backgrounds
        self.count_objects = _bind(pdfium_c.FPDFPage_CountObjects, c_int, vp)
        self.get_object = _bind(pdfium_c.FPDFPage_GetObject, vp, vp, c_int)
        self.count_form_objects = _bind(pdfium_c.FPDFFormObj_CountObjects, c_int, vp)
        self.get_form_object = _bind(pdfium_c.FPDFFormObj_GetObject, vp, vp, ctypes.c_ulong)
        self.object_type = _bind(pdfium_c.FPDFPageObj_GetType, c_int, vp)
        self.object_bounds = _bind(pdfium_c.FPDFPageObj_GetBounds, c_int, vp, vp, vp, vp, vp)
        self.draw_mode = _bind(pdfium_c.FPDFPath_GetDrawMode, c_int, vp, vp, vp)


# per text object: size, bold, italic, whether its words may be hidden, full style
_Style = tuple[float, bool, bool, bool, _ObjectInfo]


def _style(info: _ObjectInfo) -> _Style:
    suspect = bool(info.mode or info.white or info.transparent or info.size < MIN_VISIBLE_FONT_PT)
    return info.size, info.bold, info.italic, suspect, info


def _bind(function: Any, restype: Any, *argtypes: Any) -> Any:
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise RuntimeError(f"pdfium function {function!r} has no address")
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
        self.styles: dict[tuple[int | None, float, int, int, int, int, int, int], _Style] = {}

    def words(self) -> list[Word]:
        api, raw, rect = self.api, self.raw, self.rect
        read_rect = _RECT_FLOATS.unpack_from  # left, top, right, bottom: one call, not four
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
        objects: dict[int | None, _Style] = {}  # per text object
        words: list[Word] = []
        append = words.append
        fill_ref = list(map(ctypes.addressof, self.rgba))
        previous_end = -1
        for match in _WORD.finditer(text):
            first, last = match.span()
            loose_box(raw, first, rect_ref)
            box_left, box_top, box_right, box_bottom = read_rect(rect)
            x0, y0, y1, x1 = box_left - left, top - box_top, top - box_bottom, box_right - left
            if last - first > 1:
                loose_box(raw, last - 1, rect_ref)
                x1 = read_rect(rect)[2] - left
                if x0 > x1:
                    x1 = x0
            if first - previous_end == 2 and text[previous_end:first] == "\r\n" and words:
                glued = _glued(words[-1], match.group(), x0, y0, x1, y1)
                if glued is not None:  # pdfium broke a word at a change of size
                    words[-1] = glued
                    previous_end = last
                    continue
            previous_end = last
            key = text_object(raw, first)
            style = objects.get(key)
            if style is None:
                style = objects[key] = self._object_style(first, key, round(y1 - y0, 2), fill_ref)
            size, bold, italic, suspect, info = style
            hidden = None
            if suspect:
                hidden = _hidden_kind(info, (x0, y0, x1, y1), width, height)
            elif x1 < 0 or y1 < 0 or x0 > width or y0 > height:
                hidden = "offpage"
            append(_new_word(Word, (match.group(), x0, y0, x1, y1, size, bold, italic, hidden)))
        return words

    def _object_style(
        self, index: int, obj: int | None, box_height: float, fill_ref: list[int]
    ) -> _Style:
        """Style of one text object, sampled at its character `index`.

        Text objects that share font, loose box height, render mode and fill share one style
        (a page has hundreds of objects, in a few styles).
        """
        api = self.api
        if not obj:
            return _style(_ObjectInfo(self._size(index), 0, False, False, False, False))
        font = api.font(obj)
        mode = api.render_mode(obj)
        has_fill = api.fill_color(obj, *fill_ref)
        r, g, b, a = self.rgba
        key = (font, box_height, mode, has_fill, r.value, g.value, b.value, a.value)
        style = self.styles.get(key)
        if style is None:
            info = self._object_info(index, font, box_height, mode, bool(has_fill))
            style = self.styles[key] = _style(info)
        return style

    def _object_info(
        self, index: int, font: int | None, box_height: float, mode: int, has_fill: bool
    ) -> _ObjectInfo:
        """The size includes the CTM. It is asked of pdfium once per (font, loose box height):
        glyphs of one font at one size have the same loose box."""
        r, g, b, a = self.rgba
        size = self.sizes.get((font, box_height))
        if size is None:
            size = self.sizes[font, box_height] = self._size(index)
        white = has_fill and min(r.value, g.value, b.value) >= WHITE_MIN_CHANNEL
        transparent = has_fill and a.value == 0 and mode in _FILL_MODES
        style = self.fonts.get(font)
        if style is None:
            style = self.fonts[font] = _font_style(self.api, font)
        return _ObjectInfo(size, mode, white and mode in _FILL_MODES, transparent, *style)

    def _size(self, index: int) -> float:
        scale = 1.0
        if self.api.matrix(self.raw, index, ctypes.addressof(self.matrix)):
            scale = math.hypot(self.matrix.c, self.matrix.d) or 1.0
        size: float = self.api.font_size(self.raw, index)
        return round(size * scale, 2)


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


GLUE_MAX_GAP_EM = 0.2


def _glued(word: Word, text: str, x0: float, y0: float, x1: float, y1: float) -> Word | None:
    """`word` and the text after it as one word, when pdfium put a line break between two
    characters set side by side on one line, close together: small capitals ("E" "ducation"),
    where each change of size makes pdfium start a new line. One box lies within the other's
    height (loose boxes differ with the size), and the second starts where the first ends."""
    gap = x0 - word.x1
    within = (word.y0 <= y0 and y1 <= word.y1) or (y0 <= word.y0 and word.y1 <= y1)
    if not within or not -0.5 <= gap <= GLUE_MAX_GAP_EM * word.size:
        return None
    return word._replace(
        text=word.text + text, y0=min(word.y0, y0), x1=max(word.x1, x1), y1=max(word.y1, y1)
    )


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
    """Bounds (top-left based) of images and non-white filled shapes: what white text may sit on.

    Objects are walked as pypdfium2's `PdfPage.get_objects(filter, max_depth=4)` walks them
    (form XObjects descended up to 3 levels deep), but through plain pdfium calls, without a
    wrapper object per page object: a page with white text may draw thousands of them.
    """
    return _BackgroundReader(page).read()


_BACKGROUND_MAX_DEPTH = 4


class _BackgroundReader:
    def __init__(self, page: Any) -> None:
        c = _pdfium().c
        self.api = _pdfium()
        self.page = page
        self.kinds = (c.FPDF_PAGEOBJ_IMAGE, c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_SHADING)
        self.path_kind, self.form_kind = c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM
        self.unknown_kind = c.FPDF_PAGEOBJ_UNKNOWN
        self.floats = [ctypes.c_float() for _ in range(4)]
        self.ints = [ctypes.c_int() for _ in range(2)]
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.found: list[tuple[float, float, float, float]] = []

    def read(self) -> list[tuple[float, float, float, float]]:
        raw_page = ctypes.cast(self.page.raw, ctypes.c_void_p).value
        left, _bottom, _right, top = self.page.get_bbox()
        self.left, self.top = left, top
        self._walk(raw_page, None, 0)
        return self.found

    def _walk(self, page: int | None, form: int | None, level: int) -> None:
        from pypdfium2 import PdfiumError

        api = self.api
        parent: int | None
        if form:
            count, get = api.count_form_objects(form), api.get_form_object
            parent = form
        else:
            count, get = api.count_objects(page), api.get_object
            parent = page
        if count < 0:
            raise PdfiumError("Failed to get number of pageobjects.")
        for index in range(count):
            obj = get(parent, index)
            if not obj:
                raise PdfiumError("Failed to get pageobject.")
            kind = api.object_type(obj)
            if kind == self.unknown_kind:
                raise PdfiumError("Failed to determine pageobject type.")
            if kind in self.kinds and (kind != self.path_kind or self._filled_dark(obj)):
                self._add_bounds(obj)
            if kind == self.form_kind and level < _BACKGROUND_MAX_DEPTH - 1:
                self._walk(page, obj, level + 1)

    def _add_bounds(self, obj: int) -> None:
        from pypdfium2 import PdfiumError

        if not self.api.object_bounds(obj, *map(ctypes.addressof, self.floats)):
            raise PdfiumError("Failed to locate pageobject.")
        x0, y0, x1, y1 = (value.value for value in self.floats)
        self.found.append((x0 - self.left, self.top - y1, x1 - self.left, self.top - y0))

    def _filled_dark(self, obj: int) -> bool:
        api = self.api
        fill_mode, stroke = self.ints
        if not api.draw_mode(obj, ctypes.addressof(fill_mode), ctypes.addressof(stroke)):
            return False
        if fill_mode.value == 0:
            return False
        r, g, b, a = self.rgba
        if not api.fill_color(obj, *map(ctypes.addressof, self.rgba)):
            return False
        return a.value > 0 and min(r.value, g.value, b.value) < WHITE_MIN_CHANNEL
