from __future__ import annotations

import io

import pytest

from resumate.errors import (
    DocumentLoadError,
    EncryptedDocumentError,
    OcrUnavailableError,
    UnsafeDocumentError,
)
from resumate.extract import extract_document
from resumate.options import ParseOptions

from .builders import pdf_bytes, simple_pdf
from .conftest import FakeOcr


def _extract(data: bytes, options: ParseOptions | None = None, **kw: object):  # type: ignore[no-untyped-def]
    return extract_document(data, filename="cv.pdf", options=options or ParseOptions(), **kw)  # type: ignore[arg-type]


def test_plain_pdf_gives_one_item_per_line_with_geometry() -> None:
    document = _extract(simple_pdf(["Jane Doe", "Senior Engineer"], size=12))
    items = document.pages[0].items
    assert [item.text for item in items] == ["Jane Doe", "Senior Engineer"]
    first = items[0]
    assert first.page == 0
    assert first.x0 == pytest.approx(72, abs=1)
    assert first.y0 < items[1].y0  # y grows downwards
    assert first.font_size == pytest.approx(12)
    assert not document.flow and not document.ocr_used


def test_link_annotations_become_document_links() -> None:
    def draw(pdf: object) -> None:
        pdf.setFont("Helvetica", 11)  # type: ignore[attr-defined]
        pdf.drawString(72, 720, "Jane Roe   in   jroe")  # type: ignore[attr-defined]
        link = pdf.linkURL  # type: ignore[attr-defined]
        link("https://www.linkedin.com/in/jroe", (150, 715, 200, 732))
        link("javascript:alert(1)", (72, 715, 120, 732))

    document = _extract(pdf_bytes(draw))
    assert document.links == ("https://www.linkedin.com/in/jroe",)


def test_two_column_pdf_splits_items_at_wide_gaps() -> None:
    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        pdf.setFont("Helvetica", 10)
        pdf.drawString(72, 700, "Software Engineer")
        pdf.drawString(450, 700, "Jan 2020 - Present")
        pdf.drawString(72, 680, "Left column text")
        pdf.drawString(320, 680, "Right column text")

    texts = [item.text for item in _extract(pdf_bytes(draw)).pages[0].items]
    assert texts == [
        "Software Engineer",
        "Jan 2020 - Present",
        "Left column text",
        "Right column text",
    ]


def test_bold_and_size_changes_split_items() -> None:
    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        text = pdf.beginText(72, 700)
        text.setFont("Helvetica-Bold", 14)
        text.textOut("Experience ")
        text.setFont("Helvetica", 10)
        text.textOut("since 2019")
        pdf.drawText(text)

    items = _extract(pdf_bytes(draw)).pages[0].items
    assert [(item.text, item.bold, item.font_size) for item in items] == [
        ("Experience", True, 14.0),
        ("since 2019", False, 10.0),
    ]


def test_scaled_text_reports_its_effective_font_size() -> None:
    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        pdf.translate(72, 600)
        pdf.scale(3, 3)
        pdf.setFont("Times-Roman", 4)
        pdf.drawString(0, 0, "Twelve point heading")

    (item,) = _extract(pdf_bytes(draw)).pages[0].items
    assert item.font_size == pytest.approx(12)


def test_hidden_text_is_dropped_with_a_warning() -> None:
    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        pdf.setFont("Helvetica", 10)
        pdf.drawString(72, 700, "Visible resume line")
        pdf.setFillColorRGB(1, 1, 1)
        pdf.drawString(72, 680, "white keyword stuffing")
        pdf.setFillColorRGB(0, 0, 0)
        pdf.setFont("Helvetica", 1)
        pdf.drawString(72, 660, "tiny keyword stuffing")
        pdf.setFont("Helvetica", 10)
        pdf.drawString(900, 640, "off page stuffing")
        text = pdf.beginText(72, 620)
        text.setTextRenderMode(3)
        text.textLine("invisible stuffing")
        text.setTextRenderMode(0)
        pdf.drawText(text)

    document = _extract(pdf_bytes(draw))
    assert document.text == "Visible resume line"
    assert len(document.warnings) == 1 and "hidden" in document.warnings[0]


def test_white_text_on_a_dark_band_is_kept() -> None:
    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        pdf.setFillColorRGB(0.1, 0.2, 0.4)
        pdf.rect(0, 680, 612, 60, fill=1, stroke=0)
        pdf.setFillColorRGB(1, 1, 1)
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawString(72, 700, "Jane Doe")
        pdf.setFillColorRGB(0, 0, 0)
        pdf.setFont("Helvetica", 10)
        pdf.drawString(72, 600, "Engineer with a long career in building things")

    assert "Jane Doe" in _extract(pdf_bytes(draw)).text


def test_drawn_backgrounds_are_the_dark_shapes_and_images_also_inside_forms() -> None:
    import pypdfium2 as pdfium

    from resumate.extract.pdf_words import drawn_backgrounds

    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        pdf.setFillColorRGB(0.1, 0.2, 0.4)
        pdf.rect(0, 680, 612, 60, fill=1, stroke=0)  # dark band: a background
        pdf.setFillColorRGB(1, 1, 1)
        pdf.rect(0, 500, 612, 60, fill=1, stroke=0)  # white band: not one
        pdf.setStrokeColorRGB(0, 0, 0)
        pdf.rect(100, 300, 50, 50, fill=0, stroke=1)  # outline only: not one
        pdf.beginForm("band")
        pdf.setFillColorRGB(0.5, 0, 0)
        pdf.rect(10, 20, 30, 40, fill=1, stroke=0)
        pdf.endForm()
        pdf.doForm("band")

    document = pdfium.PdfDocument(pdf_bytes(draw))
    page = document[0]
    try:
        found = drawn_backgrounds(page)
    finally:
        page.close()
        document.close()
    assert found == [
        pytest.approx((0, 52, 612, 112)),
        pytest.approx((10, 732, 40, 772)),
    ]


def test_page_with_only_invisible_text_is_an_ocr_layer_and_kept() -> None:
    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        text = pdf.beginText(72, 700)
        text.setFont("Helvetica", 10)
        text.setTextRenderMode(3)
        text.textLine("Jane Doe, engineer at Acme Corporation since 2019, Python and SQL")
        pdf.drawText(text)

    document = _extract(pdf_bytes(draw))
    assert "Jane Doe" in document.text
    assert document.warnings == ()


def test_ligatures_and_soft_hyphens_are_normalized() -> None:
    from resumate.extract.text import clean_text

    assert clean_text("e\ufb03cient pro\u00adfile \x00") == "efficient profile "


@pytest.mark.parametrize(
    ("text", "collapse", "expected"),
    [
        ("Jane Doe", True, "Jane Doe"),
        ("Jane  \t Doe\t", True, "Jane Doe "),
        ("Jane\tDoe", False, "Jane\tDoe"),
        ("Jane\x00 Doe", True, "Jane Doe"),
        ("Jane\u00a0\u00a0Doe", True, "Jane Doe"),
    ],
)
def test_clean_text_collapses_spaces_and_drops_invisibles(
    text: str, collapse: bool, expected: str
) -> None:
    from resumate.extract.text import clean_text

    assert clean_text(text, collapse_spaces=collapse) == expected


def test_encrypted_pdf_is_reported_as_encrypted() -> None:
    data = simple_pdf(["Jane Doe"], encrypt="secret")
    with pytest.raises(EncryptedDocumentError) as caught:
        _extract(data)
    assert caught.value.code == "encrypted"
    assert caught.value.message.startswith("Could not read 'cv.pdf': it is password-protected")


@pytest.mark.parametrize("cut", [40, 200, 400])
def test_truncated_pdf_is_corrupt_not_a_crash(cut: int) -> None:
    data = simple_pdf(["Jane Doe"] * 5)
    try:
        _extract(data[:cut])
    except DocumentLoadError:
        pass
    except Exception as exc:  # pragma: no cover - the assertion message is the point
        assert getattr(exc, "code", None) in {"corrupt", "empty"}, exc


def test_page_bomb_is_refused_and_long_documents_are_capped() -> None:
    def pages(count: int):  # type: ignore[no-untyped-def]
        def draw(pdf) -> None:  # type: ignore[no-untyped-def]
            for number in range(count):
                pdf.drawString(72, 700, f"Page {number} of the resume with enough words on it")
                pdf.showPage()

        return pdf_bytes(draw)

    options = ParseOptions(max_pages=2)
    with pytest.raises(UnsafeDocumentError):
        _extract(pages(41), options)
    document = _extract(pages(5), options)
    assert len(document.pages) == 2
    assert any("first 2 of 5" in warning for warning in document.warnings)


def test_huge_page_is_read_without_rendering() -> None:
    data = simple_pdf(["Jordan Example"], pagesize=(200000, 200000))
    document = _extract(data)
    assert "Jordan Example" in document.text
    assert document.pages[0].width == pytest.approx(200000)


def _scan_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (850, 1100), 255)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")

    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        pdf.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 0, 0, width=612, height=792)

    return pdf_bytes(draw)


def test_scanned_pdf_is_ocred_with_items_in_points() -> None:
    stages: list[str] = []
    engine = FakeOcr()
    document = _extract(_scan_pdf(), on_stage=stages.append, ocr_engine=engine)
    assert document.ocr_used
    assert engine.calls == 1
    assert stages == ["extracting", "ocr"]
    first = document.pages[0].items[0]
    assert first.text == "JORDAN SCANNED"
    assert 0 < first.x0 < first.x1 <= 612
    assert first.font_size > 1 and not first.bold


def test_scanned_pdf_without_ocr_is_ocr_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    import resumate.extract.ocr as ocr

    def unavailable() -> None:
        raise OcrUnavailableError("it is a scan, and OCR is not installed.")

    monkeypatch.setattr(ocr, "default_engine", unavailable)
    with pytest.raises(OcrUnavailableError) as caught:
        _extract(_scan_pdf())
    assert caught.value.code == "ocr_unavailable"


def test_ocr_never_leaves_a_scan_empty() -> None:
    from resumate.errors import EmptyDocumentError

    with pytest.raises(EmptyDocumentError):
        _extract(_scan_pdf(), ParseOptions(ocr="never"), ocr_engine=FakeOcr())


def test_small_capitals_broken_into_lines_by_pdfium_are_one_word_again() -> None:
    """pdfium starts a new line at each change of size in synthesized small capitals ("E",
    then "ducation" smaller, side by side on one baseline); the word is glued back, but the
    first word of the next line is not glued to the end of this one."""
    from resumate.extract.pdf_words import Word, _glued

    capital = Word("E", 62.1, 47.2, 69.8, 61.2, 12.65, False, False)
    glued = _glued(capital, "ducation", 70.9, 52.5, 121.6, 58.5)
    assert glued is not None and glued.text == "Education"
    assert (glued.x0, glued.x1) == (62.1, 121.6)
    assert _glued(capital, "Next", 62.1, 63.0, 80.0, 75.0) is None  # the next line
    assert _glued(capital, "far", 90.0, 52.5, 100.0, 58.5) is None  # a word further on
