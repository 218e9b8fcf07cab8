"""PDF pages as PNG images for the review page (pypdfium2), with a bounded in-memory cache.

Primary rule: a page is rendered `PAGE_WIDTH_PX` wide, never enlarged beyond MAX_SCALE and
never taller than MAX_HEIGHT_PX, so a freak page size (PDF allows 14,400 pt) cannot make a huge
bitmap: the largest image is PAGE_WIDTH_PX x MAX_HEIGHT_PX. Only resumes that parsed are
rendered (the sandboxed parse already read the file within its limits), one page at a time
under a lock (pdfium is not thread-safe). Images are kept in memory only (least recently used
first out, by total bytes), so erasing a resume leaves no copy on disk; the route checks the
resume still exists before answering from the cache.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from dataclasses import dataclass

PAGE_WIDTH_PX = 1000
MIN_SCALE = 0.001
MAX_SCALE = 2.0
MAX_HEIGHT_PX = 3000
CACHE_BUDGET_BYTES = 48 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class PageSize:
    """A page's size in PDF points and the pixel size of its rendered image."""

    width_pt: float
    height_pt: float
    width_px: int
    height_px: int


def _scale(width_pt: float, height_pt: float) -> float:
    scale = PAGE_WIDTH_PX / max(width_pt, 1.0)
    scale = min(scale, MAX_HEIGHT_PX / max(height_pt, 1.0))
    return max(MIN_SCALE, min(MAX_SCALE, scale))


def page_size(width_pt: float, height_pt: float) -> PageSize:
    scale = _scale(width_pt, height_pt)
    return PageSize(width_pt, height_pt, max(1, round(width_pt * scale)),
                    max(1, round(height_pt * scale)))


class PageImages:
    """Page sizes and PNG renderings of stored PDFs, keyed by the file's SHA-256."""

    def __init__(self, *, budget_bytes: int = CACHE_BUDGET_BYTES, max_pages: int = 50) -> None:
        self._lock = threading.Lock()
        self._images: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._sizes: OrderedDict[str, list[PageSize]] = OrderedDict()
        self._bytes = 0
        self._budget = budget_bytes
        self._max_pages = max_pages

    def sizes(self, sha256: str, data: bytes) -> list[PageSize]:
        with self._lock:
            if sha256 in self._sizes:
                return self._sizes[sha256]
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(data)
            try:
                sizes = [page_size(*pdf.get_page_size(i))
                         for i in range(min(len(pdf), self._max_pages))]
            finally:
                pdf.close()
            self._sizes[sha256] = sizes
            while len(self._sizes) > 256:
                self._sizes.popitem(last=False)
            return sizes

    def png(self, sha256: str, data: bytes, index: int) -> bytes | None:
        """Page `index` as PNG; None when the document has no such page."""
        key = (sha256, index)
        with self._lock:
            cached = self._images.get(key)
            if cached is not None:
                self._images.move_to_end(key)
                return cached
        sizes = self.sizes(sha256, data)
        if not 0 <= index < len(sizes):
            return None
        with self._lock:
            image = self._render(data, index, sizes[index])
            self._images[key] = image
            self._bytes += len(image)
            while self._bytes > self._budget and len(self._images) > 1:
                _key, dropped = self._images.popitem(last=False)
                self._bytes -= len(dropped)
            return image

    @staticmethod
    def _render(data: bytes, index: int, size: PageSize) -> bytes:
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        try:
            page = pdf[index]
            bitmap = page.render(scale=size.width_px / max(size.width_pt, 1.0))
            image = bitmap.to_pil()
            if image.size != (size.width_px, size.height_px):
                image = image.resize((size.width_px, size.height_px))
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, format="PNG", optimize=True)
            page.close()
            return buffer.getvalue()
        finally:
            pdf.close()
