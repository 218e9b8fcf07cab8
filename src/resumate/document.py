"""The extracted document: text items with their layout, before any interpretation.

Coordinates are PDF points with the origin at the top-left of the page (y grows downwards).
Flow formats (DOCX, DOC, TXT, RTF, ODT) have no real geometry: their extractors lay the
text out on a synthetic page (one line per paragraph line, table cells side by side), and
mark the document `flow=True` so layout analysis does not look for columns that are not there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal["pdf", "docx", "doc", "txt", "rtf", "odt", "image"]


@dataclass(frozen=True, slots=True)
class TextItem:
    """A run of text on one baseline in one style (a word group, not a whole line)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    page: int = 0
    font_size: float = 10.0
    bold: bool = False
    italic: bool = False

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    width: float
    height: float
    items: tuple[TextItem, ...]


@dataclass(frozen=True, slots=True)
class Document:
    format: Format
    pages: tuple[Page, ...]
    flow: bool = False
    ocr_used: bool = False
    warnings: tuple[str, ...] = field(default=())
    links: tuple[str, ...] = field(default=())  # link targets (PDF annotations, DOCX hyperlinks)

    @property
    def text(self) -> str:
        """Every item's text in extraction order, one item per line."""
        return "\n".join(item.text for page in self.pages for item in page.items)

    @property
    def char_count(self) -> int:
        return sum(len(item.text) for page in self.pages for item in page.items)
