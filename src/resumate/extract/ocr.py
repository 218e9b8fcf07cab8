"""OCR behind a small protocol: `OcrEngine.recognize(image) -> list[OcrBox]`.

The built-in engine is RapidOCR on onnxruntime (the `ocr` extra). Its models ship inside the
wheel and it never touches the network. It is loaded once per process, on first use, under a
lock; without the extra, a scan raises OcrUnavailableError. Sessions run on
`OCR_THREADS` intra-op threads, the direction classifier is off (resumes are upright), and text
detection runs on an image whose long side is at most `DETECT_MAX_SIDE_PX`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from resumate.document import TextItem
from resumate.errors import OcrUnavailableError

if TYPE_CHECKING:
    from PIL.Image import Image

OCR_THREADS = 1
DETECT_MAX_SIDE_PX = 1600
MIN_TEXT_SCORE = 0.5
OCR_FONT_SIZE_PER_BOX_HEIGHT = 0.75  # a text line's box is about 1.33 x the font size

_engine_lock = threading.Lock()
_engine: OcrEngine | None = None


@dataclass(frozen=True, slots=True)
class OcrBox:
    """One recognised text line, in pixels of the image it was read from."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    score: float = 1.0


class OcrEngine(Protocol):
    def recognize(self, image: Image) -> list[OcrBox]: ...


class RapidOcrEngine:
    """RapidOCR (PP-OCRv4 detection + recognition) on onnxruntime, CPU only."""

    def __init__(self) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:
            raise OcrUnavailableError(
                "it is a scan or a picture, and OCR is not installed on this server. "
                "Upload a file with selectable text, or install resumate[ocr]."
            ) from exc
        self._ocr = RapidOCR(
            use_cls=False,
            intra_op_num_threads=OCR_THREADS,
            inter_op_num_threads=1,
            det_limit_type="max",
            det_limit_side_len=DETECT_MAX_SIDE_PX,
            max_side_len=DETECT_MAX_SIDE_PX * 2,
            print_verbose=False,
        )

    def recognize(self, image: Image) -> list[OcrBox]:
        import numpy as np

        pixels = np.asarray(image.convert("RGB"))[:, :, ::-1]  # RapidOCR expects BGR
        result, _elapsed = self._ocr(pixels, use_cls=False)
        return [_box(points, text, score) for points, text, score in result or ()]


def _box(points: Any, text: str, score: float) -> OcrBox:
    xs = [float(point[0]) for point in points]
    ys = [float(point[1]) for point in points]
    return OcrBox(str(text), min(xs), min(ys), max(xs), max(ys), float(score))


def default_engine() -> OcrEngine:
    """The process-wide RapidOCR engine, loaded on first use."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = RapidOcrEngine()
        return _engine


class OcrSession:
    """OCR for one extraction: reports the "ocr" stage once, then reads images."""

    def __init__(
        self,
        *,
        engine: OcrEngine | None = None,
        on_stage: Callable[[str], None] | None = None,
    ) -> None:
        self._engine = engine
        self._on_stage = on_stage
        self._started = False

    def read(self, image: Image, *, page: int, points_per_pixel: float) -> tuple[TextItem, ...]:
        """Text items for `image`, in points (`points_per_pixel` maps the image onto the page)."""
        if not self._started:
            self._started = True
            if self._on_stage is not None:
                self._on_stage("ocr")
        engine = self._engine or default_engine()
        boxes = engine.recognize(image)
        return tuple(
            _item(box, page, points_per_pixel)
            for box in boxes
            if box.text.strip() and box.score >= MIN_TEXT_SCORE
        )


def _item(box: OcrBox, page: int, scale: float) -> TextItem:
    height = (box.y1 - box.y0) * scale
    return TextItem(
        text=" ".join(box.text.split()),
        x0=round(box.x0 * scale, 2),
        y0=round(box.y0 * scale, 2),
        x1=round(box.x1 * scale, 2),
        y1=round(box.y1 * scale, 2),
        page=page,
        font_size=round(max(1.0, height * OCR_FONT_SIZE_PER_BOX_HEIGHT), 1),
    )
