"""ParseOptions: what one parse may do. The library takes nothing else (no global settings)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PAGES = 50


@dataclass(frozen=True, slots=True, kw_only=True)
class ParseOptions:
    """What one parse may do. Immutable.

    `today` anchors "Present" and the experience total (default: the real date).
    `ocr`: "auto" runs OCR only when the text layer is missing or too sparse.
    """

    today: dt.date = field(default_factory=dt.date.today)
    ocr: str = "auto"  # "auto" | "never" | "always"
    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    default_region: str | None = None  # ISO country for phones written without +CC
