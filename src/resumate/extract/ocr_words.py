"""An OCR engine's words, made into the boxes the extractors read.

Tesseract reports words, each with its line number, box and confidence. Before they are
joined into boxes (`group_words_into_boxes`), icons among them are named (`with_icons`), unsure
words kept only when shaped like text (`keep_plausible_words`), a skewed page straightened
(`straighten`) and words broken with a hyphen at a line end joined (`join_hyphenated`). Each
word's font size comes from its ink height (`font_px_from_ink`).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from resumate.extract import icons

if TYPE_CHECKING:
    from PIL.Image import Image

MIN_TEXT_SCORE = 0.5
SPLIT_GAP_LINE_HEIGHTS = 1.5
MIN_UNSURE_HEIGHT_SHARE = 0.6
MIN_SKEW_LINES = 3
MIN_SKEW_SLOPE = 0.002  # about 0.1 degree
MIN_SKEW_LINE_WIDTH_PX = 200.0


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


_HYPHENATED = re.compile(r"[^\W\d_]{2}-$")


def join_hyphenated(words: list[OcrWord]) -> list[OcrWord]:
    """A word broken with a hyphen at the end of a line ("Develop-" / "ment, API") is joined:
    the next line's first word, in lower case and starting back at the left, completes it.
    The whole word goes up to the broken line ("Development," / "API"); when the tail is its
    line's only word, it stays down and the word's start moves to it, so no line is emptied.
    `words` are in reading order, as the engine numbered their lines."""
    result = list(words)
    for i in range(len(result) - 1):
        word, after = result[i], result[i + 1]
        if (
            after.line == word.line + 1
            and _HYPHENATED.search(word.text)
            and after.text[:1].islower()
            and after.x0 < word.x0
            and after.y0 - word.y1 < word.y1 - word.y0  # the next line, not one further down
        ):
            whole = word.text[:-1] + after.text
            if i + 2 < len(result) and result[i + 2].line == after.line:
                result[i], result[i + 1] = word._replace(text=whole), after._replace(text="")
            else:
                result[i], result[i + 1] = word._replace(text=""), after._replace(text=whole)
    return result  # group_words_into_boxes skips the blank words


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
