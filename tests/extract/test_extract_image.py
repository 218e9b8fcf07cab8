from __future__ import annotations

import pytest

from resumate.errors import DocumentLoadError, UnsafeDocumentError
from resumate.extract import extract_document
from resumate.options import ParseOptions

from .builders import png_bytes, png_header_bytes
from .conftest import FakeOcr


def test_image_is_ocred_onto_a_page_in_points() -> None:
    engine = FakeOcr(["Jane Doe"])
    stages: list[str] = []
    document = extract_document(
        png_bytes((1000, 1400)),
        filename="scan.png",
        options=ParseOptions(),
        ocr_engine=engine,
        on_stage=stages.append,
    )
    assert document.format == "image" and document.ocr_used
    assert stages == ["extracting", "ocr"]
    (item,) = document.pages[0].items
    assert item.text == "Jane Doe"
    assert item.x1 == pytest.approx(900 * 72 / 200)


@pytest.mark.parametrize("size", [(40000, 40000), (100000, 1000)])
def test_decompression_bomb_header_is_unsafe(size: tuple[int, int]) -> None:
    with pytest.raises(UnsafeDocumentError):
        extract_document(
            png_header_bytes(*size),
            filename="scan.png",
            options=ParseOptions(),
            ocr_engine=FakeOcr(),
        )


def test_truncated_image_is_corrupt() -> None:
    data = png_bytes((200, 200))[:60]
    with pytest.raises(DocumentLoadError):
        extract_document(data, filename="scan.png", options=ParseOptions(), ocr_engine=FakeOcr())
