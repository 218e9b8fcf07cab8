"""Icons beside contact details in scans: which pictogram a small blob of ink shows.

Resumes often set an icon before a contact detail ("[GitHub logo] jdoe", "[pin] Berlin"). In a
born-digital PDF the icon is a glyph of an icon font (Font Awesome's U+F09B for GitHub) and the
text layer carries that character; OCR instead reads it as a stray letter ("©", "9", "&") or
drops it. `name_icons` finds such pictograms among an OCR page's words and gives each the
icon-font character a born-digital PDF would carry, so both paths reach the parser alike.

Primary rule: a blob of ink about one line high, read as a word of a few characters or
standing alone just left of a word, whose normalised picture (`normalise`) is within
`MAX_ICON_DISTANCE` of a template's in `data/icons.tsv` (Font Awesome Free glyphs, rendered by
`scripts/make_icon_templates.py`) and at least `MIN_ICON_MARGIN` closer to it than to any other
icon. Fallback: no confident match, the OCR reading stays as it was.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from PIL.Image import Image

TEMPLATE_PX = 20  # side of the square a glyph is normalised to
INK_LEVEL = 128  # a pixel darker than this is ink
MAX_ICON_DISTANCE = 0.2  # mean absolute difference of normalised pictures, 0-1
MIN_ICON_MARGIN = 0.05
MAX_ASPECT_RATIO = 1.35  # a blob's width/height may differ from its template's by this factor
MAX_ICON_CHARS = 3  # OCR reads an icon as a few characters...
MIN_SURE_SCORE = 0.9  # ...unsure, or not as letters or digits
READ_ICON_PAD_EM = 0.25  # the box OCR gives a misread icon may clip its ink
MIN_GAP_EM = 0.2  # an icon stands apart from the word it precedes...
ICON_ROOM_EM = 2.0  # ...within this many ems to its left,
ICON_BAND_EM = 0.8  # ...and this far above or below the word's middle
MIN_ICON_EM, MAX_ICON_EM = 0.5, 1.4  # its height


class Template(NamedTuple):
    name: str
    char: str
    aspect: float  # width / height of the glyph's ink
    picture: Image


class IconWord(NamedTuple):
    """What `name_icons` needs of an OCR word, in pixels of the image searched."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    em: float  # its font size
    score: float  # the OCR engine's confidence in its reading, 0-1


@dataclass(frozen=True, slots=True)
class FoundIcon:
    index: int  # the word it replaces (`replaces`) or goes before
    replaces: bool
    char: str
    box: tuple[float, ...]


_INK_TABLE = [255 if level < INK_LEVEL else 0 for level in range(256)]


def _ink(picture: Image) -> Image:
    """The picture's ink in white on black (mode L in, mode L out)."""
    return picture.point(_INK_TABLE)


def normalise(picture: Image) -> tuple[Image, float] | None:
    """The ink of `picture` (mode L), cropped, centred in a square and scaled to TEMPLATE_PX,
    with its width/height; None when it holds no ink."""
    from PIL import Image as PilImage

    ink = _ink(picture)
    box = ink.getbbox()
    if box is None:
        return None
    ink = ink.crop(box)
    width, height = ink.size
    side = max(width, height)
    square = PilImage.new("L", (side, side), 0)
    square.paste(ink, ((side - width) // 2, (side - height) // 2))
    resized = square.resize((TEMPLATE_PX, TEMPLATE_PX), PilImage.Resampling.BOX)
    return resized, width / height


@functools.cache
def templates() -> tuple[Template, ...]:
    """The shipped icon pictures: name, character, aspect, picture (hex of TEMPLATE_PX² bytes)."""
    from PIL import Image as PilImage

    rows = []
    text = resources.files("resumate.data").joinpath("icons.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, code, aspect, pixels = line.split("\t")
        picture = PilImage.frombytes("L", (TEMPLATE_PX, TEMPLATE_PX), bytes.fromhex(pixels))
        rows.append(Template(name, chr(int(code, 16)), float(aspect), picture))
    return tuple(rows)


def match_icon(picture: Image) -> Template | None:
    """The template `picture` (mode L, one blob of ink) shows, or None when none is close and
    clearly closer than every other icon."""
    from PIL import ImageChops, ImageStat

    normal = normalise(picture)
    if normal is None:
        return None
    shape, aspect = normal
    scored = []
    for template in templates():
        if abs(math.log(aspect / template.aspect)) > math.log(MAX_ASPECT_RATIO):
            continue
        difference = ImageChops.difference(shape, template.picture)
        scored.append((ImageStat.Stat(difference).mean[0] / 255, template))
    scored.sort(key=lambda pair: pair[0])
    if not scored or scored[0][0] > MAX_ICON_DISTANCE:
        return None
    best_distance, best = scored[0]
    rival = next((d for d, t in scored[1:] if t.char != best.char), 1.0)
    return best if rival - best_distance >= MIN_ICON_MARGIN else None


def name_icons(image: Image, words: list[IconWord]) -> list[FoundIcon]:
    """Icons among `words` (one page, in reading order) and in the room left of each."""
    found = []
    for index, word in enumerate(words):
        previous = words[index - 1] if index else None
        following = words[index + 1] if index + 1 < len(words) else None
        read = _room_of_read_icon(word, previous, following)
        if read is not None and (icon := _icon_in(image, *read)) is not None:
            found.append(FoundIcon(index, True, *icon))
            continue
        room = _room_before(word, previous)
        if room is not None and (icon := _icon_in(image, room, word.em)) is not None:
            found.append(FoundIcon(index, False, *icon))
    return found


def _room_of_read_icon(
    word: IconWord, previous: IconWord | None, following: IconWord | None
) -> tuple[tuple[float, ...], float] | None:
    """Where the ink of `word` lies if OCR read an icon as it, and the size of the text it
    marks: a short, unsure reading before a word of its line (an icon precedes its detail)."""
    if not _may_be_icon(word) or following is None or not _same_line(word, following):
        return None
    pad = READ_ICON_PAD_EM * following.em
    room = (
        max(word.x0 - pad, _end_before(word, previous)),
        word.y0 - pad,
        min(word.x1 + pad, following.x0),
        word.y1 + pad,
    )
    return room, following.em


def _may_be_icon(word: IconWord) -> bool:
    """A reading of at most MAX_ICON_CHARS characters that OCR was unsure of or that is not
    letters or digits ("©", "&", "ff)"): a sure "in" or "of" is a word."""
    text = word.text.strip()
    return 0 < len(text) <= MAX_ICON_CHARS and (word.score < MIN_SURE_SCORE or not text.isalnum())


def _same_line(word: IconWord, other: IconWord) -> bool:
    return other.y0 < (word.y0 + word.y1) / 2 < other.y1


def _end_before(word: IconWord, previous: IconWord | None) -> float:
    """Where the text before `word` on its line ends (0: it starts the line)."""
    return previous.x1 if previous is not None and _same_line(word, previous) else 0.0


def _room_before(word: IconWord, previous: IconWord | None) -> tuple[float, ...] | None:
    """The strip left of `word` where an icon of its line would stand, or None when the word
    before it is too close for one."""
    em = word.em
    right = word.x0 - MIN_GAP_EM * em
    left = max(word.x0 - ICON_ROOM_EM * em, _end_before(word, previous) + MIN_GAP_EM * em)
    if right - left < MIN_ICON_EM * em:
        return None
    middle = (word.y0 + word.y1) / 2
    return (left, middle - ICON_BAND_EM * em, right, middle + ICON_BAND_EM * em)


def _ink_box(image: Image, room: tuple[float, ...]) -> tuple[float, ...] | None:
    """The box of the ink inside `room`, in image pixels; None when it holds none."""
    left, top, right, bottom = (round(v) for v in room)
    left, top = max(0, left), max(0, top)
    right, bottom = min(image.width, right), min(image.height, bottom)
    if right <= left or bottom <= top:
        return None
    region = image.crop((left, top, right, bottom))
    box = _ink(region).getbbox()
    if box is None:
        return None
    return (left + box[0], top + box[1], left + box[2], top + box[3])


def _icon_in(
    image: Image, room: tuple[float, ...], em: float
) -> tuple[str, tuple[float, ...]] | None:
    """The character and box of the icon whose ink fills `room`, if one does."""
    blob = _ink_box(image, room)
    if blob is None:
        return None
    x0, y0, x1, y1 = blob
    if not MIN_ICON_EM * em <= y1 - y0 <= MAX_ICON_EM * em:
        return None
    icon = match_icon(image.crop((round(x0), round(y0), round(x1), round(y1))))
    return None if icon is None else (icon.char, blob)
