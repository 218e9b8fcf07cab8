"""PDF with pypdfium2: text items with real geometry, hidden text dropped, OCR for scans.

Items: consecutive words (see pdf_words.py) on one line, in one style (same boldness, sizes
within `SIZE_TOLERANCE_PT`), with gaps of at most `SPLIT_GAP_EM` x the font size, joined by single
spaces; a larger gap (columns, "Title .... Date") starts a new item.

Hidden text (white-on-white, invisible render modes, tiny or off-page) is dropped with a warning,
except on a page whose only text is invisible: that is an OCR text layer and is kept.

Limits: more than `max_pages` x `PAGE_BOMB_FACTOR` pages is refused as a bomb; otherwise only the
first `max_pages` are read. A page is never rendered at its declared size: OCR renders at
`OCR_DPI` capped at `OCR_MAX_SIDE_PX` on the long side.

OCR (options.ocr "auto"): a page with fewer than `MIN_TEXT_CHARS_PER_PAGE` visible characters that
draws an image (or many vector shapes: outlined text) is rendered and read by OCR instead.
"always" OCRs every page and keeps OCR text where it finds more; "never" never does.
"""

from __future__ import annotations

from typing import Any

from resumate.document import Document, Page, TextItem
from resumate.errors import (
    DocumentLoadError,
    EncryptedDocumentError,
    UnsafeDocumentError,
)
from resumate.extract.ocr import OcrSession
from resumate.extract.pdf_links import page_links
from resumate.extract.pdf_words import Word, drawn_backgrounds, read_words
from resumate.extract.text import clean_text, needs_cleaning
from resumate.options import ParseOptions

PAGE_BOMB_FACTOR = 20
SPLIT_GAP_EM = 1.0
SIZE_TOLERANCE_PT = 0.5
MIN_TEXT_CHARS_PER_PAGE = 50
MIN_SHAPES_FOR_OUTLINED_TEXT = 200
OCR_DPI = 300
OCR_MAX_SIDE_PX = 2400
_PDFIUM_PASSWORD_ERROR = 4


def extract(data: bytes, options: ParseOptions, *, ocr: OcrSession | None = None) -> Document:
    """Read a PDF's text layer (and OCR the pages that have none)."""
    import pypdfium2 as pdfium

    document = _open(pdfium, data)
    try:
        total = len(document)
        if total > options.max_pages * PAGE_BOMB_FACTOR:
            raise UnsafeDocumentError(
                f"it claims {total:,} pages, far more than any resume, so it was not opened"
            )
        if total == 0:
            raise DocumentLoadError("it has no pages. Save it again and upload it.")
        warnings: list[str] = []
        if total > options.max_pages:
            warnings.append(f"Only the first {options.max_pages} of {total} pages were read.")
        reader = _DocumentReader(options, ocr or OcrSession())
        pages = tuple(
            reader.page(document, number) for number in range(min(total, options.max_pages))
        )
    finally:
        document.close()
    if reader.hidden_chars:
        warnings.append(
            f"{reader.hidden_chars} characters of hidden text (white, invisible, tiny or "
            "off-page) were ignored."
        )
    return Document(
        format="pdf", pages=pages, ocr_used=reader.ocr_used, warnings=tuple(warnings),
        links=tuple(dict.fromkeys(reader.links)),
    )


def _open(pdfium: Any, data: bytes) -> Any:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PDFIUM_PASSWORD_ERROR:
            raise EncryptedDocumentError(
                "it is password-protected. Remove the password and upload it again."
            ) from exc
        raise DocumentLoadError(
            "the PDF is damaged or incomplete. Export it again and upload the new file."
        ) from exc


class _DocumentReader:
    def __init__(self, options: ParseOptions, ocr: OcrSession) -> None:
        self.options = options
        self.ocr = ocr
        self.hidden_chars = 0
        self.links: list[str] = []
        self.ocr_used = False

    def page(self, document: Any, number: int) -> Page:
        import pypdfium2 as pdfium

        try:
            page = document[number]
        except pdfium.PdfiumError:
            return Page(number=number, width=0.0, height=0.0, items=())
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                words = self._visible_words(page, read_words(page, textpage))
            finally:
                textpage.close()
            items = group_words(words, number)
            self.links += page_links(document, page)
            if self._wants_ocr(page, items):
                ocr_items = self._ocr(page, number, width, height)
                if sum(map(_length, ocr_items)) > sum(map(_length, items)):
                    items = ocr_items
                    self.ocr_used = True
            return Page(number=number, width=width, height=height, items=tuple(items))
        finally:
            page.close()

    def _visible_words(self, page: Any, words: list[Word]) -> list[Word]:
        kinds = {word.hidden for word in words}
        if kinds <= {None}:  # most pages: nothing hidden
            return words
        if "white" in kinds:
            words = _reveal_white_on_backgrounds(words, drawn_backgrounds(page))
        visible = [word for word in words if word.hidden is None]
        if not visible and any(word.hidden == "invisible" for word in words):
            visible = [word for word in words if word.hidden == "invisible"]  # an OCR text layer
        self.hidden_chars += sum(map(_length, words)) - sum(map(_length, visible))
        return visible

    def _wants_ocr(self, page: Any, items: list[TextItem]) -> bool:
        if self.options.ocr == "never":
            return False
        if self.options.ocr == "always":
            return True
        if sum(map(_length, items)) >= MIN_TEXT_CHARS_PER_PAGE:
            return False
        return _draws_something(page)

    def _ocr(self, page: Any, number: int, width: float, height: float) -> list[TextItem]:
        longest = max(width, height)
        if longest <= 0:
            return []
        scale = min(OCR_DPI / 72.0, OCR_MAX_SIDE_PX / longest)
        if width * scale < 8 or height * scale < 8:
            return []
        image = page.render(scale=scale, grayscale=True, may_draw_forms=False).to_pil()
        return list(self.ocr.read(image, page=number, points_per_pixel=1.0 / scale))


def _length(item: TextItem | Word) -> int:
    return len(item.text)


def _text(word: Word) -> str:
    return word.text


def _draws_something(page: Any) -> bool:
    import pypdfium2.raw as pdfium_c

    shapes = 0
    for obj in page.get_objects(max_depth=3):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            return True
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            shapes += 1
            if shapes >= MIN_SHAPES_FOR_OUTLINED_TEXT:
                return True
    return False


def _reveal_white_on_backgrounds(
    words: list[Word], backgrounds: list[tuple[float, float, float, float]]
) -> list[Word]:
    """White words drawn over an image or a dark shape are visible after all."""

    def on_background(word: Word) -> bool:
        cx, cy = (word.x0 + word.x1) / 2, (word.y0 + word.y1) / 2
        return any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in backgrounds)

    return [
        word._replace(hidden=None) if word.hidden == "white" and on_background(word) else word
        for word in words
    ]


def group_words(words: list[Word], page: int) -> list[TextItem]:
    """Join consecutive words into items: same line, same style, gap at most SPLIT_GAP_EM.

    Same line: vertical middles within half the previous word's height. One flat loop over
    unpacked words, as this runs for every word of every page: comparisons are written out
    (`if a < b: b = a` is `min` without a call).
    """
    items: list[TextItem] = []
    clean = needs_cleaning("".join(map(_text, words)))
    texts: list[str] = []
    first = words[0] if words else None
    x0 = y0 = x1 = y1 = previous_x1 = previous_y0 = previous_y1 = 0.0
    em = first_size = 1.0
    first_bold = False
    for word in words:
        text, word_x0, word_y0, word_x1, word_y1, size, bold, _italic, _hidden = word
        if texts and first is not None:
            gap = word_x0 - previous_x1
            height = previous_y1 - previous_y0
            drift = word_y0 + word_y1 - previous_y0 - previous_y1
            if (
                bold == first_bold
                and -em <= gap <= SPLIT_GAP_EM * em
                and -SIZE_TOLERANCE_PT <= size - first_size <= SIZE_TOLERANCE_PT
                and abs(drift) <= (1.0 if height < 1.0 else height)  # max(height, 1.0)
            ):
                texts.append(text)
                previous_x1, previous_y0, previous_y1 = word_x1, word_y0, word_y1
                if word_x0 < x0:
                    x0 = word_x0
                if word_y0 < y0:
                    y0 = word_y0
                if word_x1 > x1:
                    x1 = word_x1
                if word_y1 > y1:
                    y1 = word_y1
                continue
            items.append(_item(texts, (x0, y0, x1, y1), first, page, clean))
        texts, first, first_size, first_bold = [text], word, size, bold
        em = size if size > 1.0 else 1.0
        x0, y0, x1, y1 = word_x0, word_y0, word_x1, word_y1
        previous_x1, previous_y0, previous_y1 = x1, y0, y1
    if texts and first is not None:
        items.append(_item(texts, (x0, y0, x1, y1), first, page, clean))
    return [item for item in items if item.text]


def _item(
    texts: list[str], bounds: tuple[float, float, float, float], first: Word, page: int, clean: bool
) -> TextItem:
    text = " ".join(texts)
    return TextItem(
        text=clean_text(text).strip() if clean else text,
        x0=round(bounds[0], 2),
        y0=round(bounds[1], 2),
        x1=round(bounds[2], 2),
        y1=round(bounds[3], 2),
        page=page,
        font_size=first.size,
        bold=first.bold,
        italic=first.italic,
    )
