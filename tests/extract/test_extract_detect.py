from __future__ import annotations

import pytest

from resumate.errors import (
    EmptyDocumentError,
    ResumateError,
    UnsafeDocumentError,
    UnsupportedFormatError,
)
from resumate.extract import detect_format

from .builders import docx_bytes, png_bytes, simple_pdf, zip_bytes

PDF = simple_pdf(["Jane Doe"])
DOCX = docx_bytes("<w:p><w:r><w:t>Jane</w:t></w:r></w:p>")
ODT = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
PNG = png_bytes()
MACRO_DOCX = zip_bytes(
    {
        "[Content_Types].xml": '<Types><Override ContentType="application/vnd.ms-word.'
        'document.macroEnabled.main+xml"/></Types>',
        "word/document.xml": "<w:document/>",
    }
)
VBA_DOCX = zip_bytes({"word/document.xml": "<x/>", "word/vbaProject.bin": b"\x00" * 10})


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (PDF, "cv.pdf", "pdf"),
        (PDF, None, "pdf"),
        (PDF, "cv", "pdf"),
        (b"\xef\xbb\xbfjunk before\n" + PDF, "cv.pdf", "pdf"),
        (b"x" * 1000 + PDF, "cv.pdf", "pdf"),
        (DOCX, "cv.docx", "docx"),
        (DOCX, "cv.doc", "docx"),
        (ODT, "cv.odt", "odt"),
        (b"{\\rtf1\\ansi Jane}", "cv.rtf", "rtf"),
        (b"{\\rtf1\\ansi Jane}", "cv.doc", "rtf"),
        (PNG, "scan.png", "image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "scan.jpg", "image"),
        (b"Jane Doe\nEngineer\n", "cv.txt", "txt"),
        ("Zoë Ångström\n".encode("utf-16"), "cv.txt", "txt"),
        ("José Muñoz\n".encode("latin-1"), "cv.txt", "txt"),
        (b"Jane Doe\nEngineer\n", "Jane.Smith", "txt"),
    ],
)
def test_detect_format_reads_content(data: bytes, filename: str | None, expected: str) -> None:
    assert detect_format(data, filename) == expected


@pytest.mark.parametrize(
    ("data", "filename", "error"),
    [
        (b"", "cv.pdf", EmptyDocumentError),
        (PDF, "resume_\u202efdp.exe", UnsupportedFormatError),
        (PDF, "cv.html", UnsupportedFormatError),
        (PNG, "cv.docx", UnsupportedFormatError),
        (PDF, "photo.png", UnsupportedFormatError),
        (b"Jane Doe\n", "cv.pdf", UnsupportedFormatError),
        (b"<!DOCTYPE html><script>alert(1)</script>%PDF-1.4", "cv.pdf", UnsupportedFormatError),
        (b"<html><body>cv</body></html>", None, UnsupportedFormatError),
        (b"  <?xml version='1.0'?><cv/>", "cv.txt", UnsupportedFormatError),
        (b"#!/bin/sh\nrm -rf /\n", "cv.txt", UnsupportedFormatError),
        (bytes(range(256)) * 16, "cv.pdf", UnsupportedFormatError),
        (zip_bytes({"a.txt": "x"}), "cv.docx", UnsupportedFormatError),
        (MACRO_DOCX, "cv.docx", UnsafeDocumentError),
        (VBA_DOCX, "cv.docm", UnsafeDocumentError),
    ],
)
def test_detect_format_refuses(data: bytes, filename: str | None, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        detect_format(data, filename)
    assert isinstance(caught.value, ResumateError)
    assert caught.value.message


def test_detect_format_reports_encrypted_ooxml_as_encrypted() -> None:
    pytest.importorskip("olefile")
    from resumate.errors import EncryptedDocumentError

    from .builders import ole_bytes

    data = ole_bytes(
        {"EncryptionInfo": b"\x04\x00\x04\x00" + b"\x00" * 60, "EncryptedPackage": b"\x00" * 600}
    )
    with pytest.raises(EncryptedDocumentError):
        detect_format(data, "cv.docx")
