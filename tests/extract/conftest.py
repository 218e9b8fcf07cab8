from __future__ import annotations

import pytest

from resumate.extract.ocr import OcrBox
from resumate.options import ParseOptions


class FakeOcr:
    """An OcrEngine that 'reads' fixed lines, one box per line, and counts its calls."""

    def __init__(self, lines: list[str] | None = None) -> None:
        self.lines = lines if lines is not None else ["JORDAN SCANNED", "Software Engineer"]
        self.calls = 0

    def recognize(self, image: object) -> list[OcrBox]:
        self.calls += 1
        return [
            OcrBox(text, 100.0, 100.0 + 60 * i, 900.0, 140.0 + 60 * i, 0.95)
            for i, text in enumerate(self.lines)
        ]


@pytest.fixture
def options() -> ParseOptions:
    return ParseOptions()


@pytest.fixture
def fake_ocr() -> FakeOcr:
    return FakeOcr()
