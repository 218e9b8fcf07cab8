from __future__ import annotations

import pytest

from resumate.document import Document
from resumate.errors import DocumentLoadError, EncryptedDocumentError
from resumate.extract import extract_document
from resumate.extract.txt import TXT_LINE_HEIGHT_PT
from resumate.options import ParseOptions

from .builders import word97_bytes, zip_bytes


def _extract(data: bytes, filename: str) -> Document:
    return extract_document(data, filename=filename, options=ParseOptions())


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Zoë Ångström\r\nnaïve café\r\n".encode("utf-16"), ["Zoë Ångström", "naïve café"]),
        ("José Muñoz García\nMálaga\n".encode("latin-1"), ["José Muñoz García", "Málaga"]),
        ("€ 50k — Zürich\n".encode("cp1252"), ["€ 50k — Zürich"]),
        ("\ufeffJane Doe\rEngineer".encode(), ["Jane Doe", "Engineer"]),
    ],
)
def test_txt_is_decoded(data: bytes, expected: list[str]) -> None:
    assert _extract(data, "cv.txt").text.split("\n") == expected


def test_txt_splits_layout_runs_on_a_monospace_grid() -> None:
    text = "Software Engineer      Jan 2020 - Present\nAcme  Corp\n"
    document = _extract(text.encode(), "cv.txt")
    first, second, third = document.pages[0].items
    assert (first.text, first.x0, first.y0) == ("Software Engineer", 0.0, 0.0)
    assert (second.text, second.x0) == ("Jan 2020 - Present", 23 * 6.0)
    assert (third.text, third.y0) == ("Acme  Corp", TXT_LINE_HEIGHT_PT)


def test_txt_words_broken_at_a_soft_hyphen_in_a_paragraph_are_joined() -> None:
    text = (
        "Part of a small team writing Infrastructure-as-Code and configuration man\u00ad"
        "            Oct 2016\n"
        "agement for the new identity service.\n"
        "Bach\u00ad Coventry University, Communications Engineering\n"
        "elor\n"
    )
    items = _extract(text.encode(), "cv.txt").pages[0].items
    texts = [item.text for item in items]
    assert texts[:3] == [
        "Part of a small team writing Infrastructure-as-Code and configuration management",
        "Oct 2016",
        "for the new identity service.",
    ]
    assert items[1].x0 == text.index("Oct") * 6.0  # the date column stays where it was
    assert "Bach Coventry University, Communications Engineering" in texts  # a narrow column
    assert "elor" in texts


def test_txt_flow_unless_columns_line_up() -> None:
    prose = "\n".join(f"Line {i} of an ordinary resume" for i in range(10))
    assert _extract(prose.encode(), "cv.txt").flow
    columns = "\n".join(f"Left {i:<20}      Right column {i}" for i in range(10))
    assert not _extract(columns.encode(), "cv.txt").flow


def test_rtf_text_is_extracted_without_pictures() -> None:
    rtf = (
        rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}"
        rb"{\pict\pngblip 89504e470d0a1a0a0000}"
        rb"\f0 Jane Doe\par Caf\'e9 Engineer\par}"
    )
    assert _extract(rtf, "cv.rtf").text.split("\n") == ["Jane Doe", "Café Engineer"]


def test_odt_headings_lists_and_tables() -> None:
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    )
    content = (
        f'<?xml version="1.0"?><office:document-content {ns}><office:body><office:text>'
        '<text:h text:outline-level="1">Experience</text:h>'
        "<text:p>Acme<text:tab/>2020</text:p>"
        "<text:list><text:list-item><text:p>Python</text:p></text:list-item></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>Globex</text:p></table:table-cell>"
        "<table:table-cell><text:p>2015</text:p></table:table-cell></table:table-row></table:table>"
        "</office:text></office:body></office:document-content>"
    )
    data = zip_bytes(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content}
    )
    document = _extract(data, "cv.odt")
    assert document.text.split("\n") == ["Experience", "Acme", "2020", "• Python", "Globex", "2015"]
    assert document.pages[0].items[0].bold


def test_doc_main_text_with_tables_and_fields() -> None:
    text = 'Jane Doe\rEngineer\x07Acme\x07\x07\x13 HYPERLINK "x" \x14jane@example.com\x15\rEnd'
    document = _extract(word97_bytes(text), "cv.doc")
    assert document.flow
    assert document.text.split("\n") == ["Jane Doe", "Engineer", "Acme", "jane@example.com", "End"]
    engineer, acme = document.pages[0].items[1:3]
    assert engineer.y0 == acme.y0 and acme.x0 > engineer.x1


def test_doc_hyperlink_targets_are_links_even_when_only_a_user_name_shows() -> None:
    text = (
        'Jane Doe\r\x13 HYPERLINK "https://github.com/janedoe" \x14janedoe\x15\r'
        '\x13 HYPERLINK \\l "top" \x14Top\x15\r\x13 HYPERLINK "tel:0123" \x14Call\x15\r'
        '\x13 HYPERLINK "mailto:jane@example.com" \x14jane@example.com\x15'
    )
    document = _extract(word97_bytes(text), "cv.doc")
    assert document.text.split("\n") == ["Jane Doe", "janedoe", "Top", "Call", "jane@example.com"]
    assert document.links == ("https://github.com/janedoe", "mailto:jane@example.com")


def test_doc_unicode_piece() -> None:
    document = _extract(word97_bytes("Zoë Ångström\r王小明", unicode=True), "cv.doc")
    assert document.text.split("\n") == ["Zoë Ångström", "王小明"]


def test_encrypted_doc_is_encrypted() -> None:
    with pytest.raises(EncryptedDocumentError):
        _extract(word97_bytes("secret", encrypted=True), "cv.doc")


def test_damaged_doc_is_corrupt() -> None:
    data = bytearray(word97_bytes("Jane"))
    data[600:1200] = b"\xff" * 600
    with pytest.raises(DocumentLoadError):
        _extract(bytes(data), "cv.doc")
