"""Extraction: `bytes -> Document`, one module per format behind one narrow signature.

    detect_format(data, filename)        the format, from content first (see detect.py)
    extract_document(data, options=...)  size check, detect, dispatch, typed errors

Every extractor is `extract(data, options) -> Document`; the ones that may need OCR (PDF, images)
also take `ocr=` (an `OcrSession`), which extract_document supplies. Heavy dependencies
(pypdfium2, lxml, Pillow, rapidocr) are imported inside the extractors, so importing this package
costs almost nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from resumate.document import Document, Format
from resumate.errors import EmptyDocumentError, FileTooLargeError, ResumateError
from resumate.extract import doc, docx, image, odt, pdf, rtf, txt
from resumate.extract.detect import detect_format
from resumate.extract.ocr import OcrEngine, OcrSession
from resumate.extract.ocr_words import OcrBox
from resumate.options import ParseOptions

__all__ = [
    "EXTRACTORS",
    "OcrBox",
    "OcrEngine",
    "detect_format",
    "extract_document",
]

Extractor = Callable[[bytes, ParseOptions], Document]
EXTRACTORS: dict[Format, Extractor] = {
    "pdf": pdf.extract,
    "docx": docx.extract,
    "doc": doc.extract,
    "odt": odt.extract,
    "rtf": rtf.extract,
    "txt": txt.extract,
    "image": image.extract,
}
_OCR_FORMATS: frozenset[Format] = frozenset({"pdf", "image"})
MAX_SHOWN_NAME_CHARS = 80


def extract_document(
    data: bytes,
    *,
    filename: str | None = None,
    options: ParseOptions,
    on_stage: Callable[[str], None] | None = None,
    ocr_engine: OcrEngine | None = None,
) -> Document:
    """Read `data` into a Document, or raise a ResumateError whose message names the file.

    `on_stage` hears "extracting", then "ocr" if OCR starts. `ocr_engine` replaces the built-in
    OCR (tests pass a fake); by default the OCR extra is loaded on first use.
    """
    try:
        if len(data) > options.max_bytes:
            raise FileTooLargeError(
                f"it is {len(data) / 1_048_576:.1f} MB, over the "
                f"{options.max_bytes / 1_048_576:.0f} MB limit. Upload a smaller file."
            )
        format = detect_format(data, filename)
        if on_stage is not None:
            on_stage("extracting")
        extractor: Callable[[bytes, ParseOptions], Document] = EXTRACTORS[format]
        if format in _OCR_FORMATS:
            extractor = functools.partial(  # type: ignore[call-arg]
                extractor, ocr=OcrSession(engine=ocr_engine, on_stage=on_stage)
            )
        document = extractor(data, options)
        if document.char_count == 0:
            raise EmptyDocumentError(
                "no text was found in it. If it is a scan or a picture, upload a clearer copy."
            )
        return document
    except ResumateError as error:
        raise type(error)(
            f"Could not read {shown_name(filename)}: {error.message}", code=error.code
        ) from error


def shown_name(filename: str | None) -> str:
    """The file's base name, safe to show: no path, no control or bidi characters, bounded."""
    if not filename:
        return "the file"
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable() and not _is_bidi_control(ch))
    if len(cleaned) > MAX_SHOWN_NAME_CHARS:
        cleaned = cleaned[: MAX_SHOWN_NAME_CHARS - 1] + "…"
    return f"'{cleaned}'" if cleaned else "the file"


def _is_bidi_control(ch: str) -> bool:
    return ch in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
