"""Images (PNG, JPEG, TIFF, WebP): checked against decompression bombs, downscaled, OCR'd.

The declared size is read from the header (Pillow opens lazily) and refused above
`MAX_IMAGE_PIXELS` before any pixel is decoded; Pillow's own MAX_IMAGE_PIXELS guard stays on and
its DecompressionBombError/Warning count as unsafe too. The image is then decoded (JPEG
draft mode first), reduced to at most `OCR_MAX_SIDE_PX` on its long side, and read by OCR. The
page is the image at `IMAGE_DPI`, so one pixel of the original is 72/IMAGE_DPI points.
"""

from __future__ import annotations

import io
import warnings

from resumate.document import Document, Page
from resumate.errors import DocumentLoadError, EmptyDocumentError, UnsafeDocumentError
from resumate.extract.ocr import OcrSession
from resumate.options import ParseOptions

MAX_IMAGE_PIXELS = 50_000_000
OCR_MAX_SIDE_PX = 2400
IMAGE_DPI = 200.0

_BOMB = "the image is far too large (a decompression bomb?), so it was not opened"


def extract(data: bytes, options: ParseOptions, *, ocr: OcrSession | None = None) -> Document:
    """OCR an image of a resume onto one page."""
    from PIL import Image

    if options.ocr == "never":
        raise EmptyDocumentError(
            "it is a picture and OCR is turned off, so it has no text to read."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise UnsafeDocumentError(_BOMB)
                image.draft("L", (OCR_MAX_SIDE_PX, OCR_MAX_SIDE_PX))
                image.thumbnail((OCR_MAX_SIDE_PX, OCR_MAX_SIDE_PX))
                picture = image.convert("RGB")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UnsafeDocumentError(_BOMB) from exc
    except (
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
    ) as exc:  # Pillow's "cannot identify"/truncated
        raise DocumentLoadError("the image is damaged. Save it again and upload it.") from exc
    points_per_pixel = (72.0 / IMAGE_DPI) * (width / picture.width)
    items = (ocr or OcrSession()).read(picture, page=0, points_per_pixel=points_per_pixel)
    page = Page(
        number=0, width=width * 72.0 / IMAGE_DPI, height=height * 72.0 / IMAGE_DPI, items=items
    )
    return Document(format="image", pages=(page,), ocr_used=True)
