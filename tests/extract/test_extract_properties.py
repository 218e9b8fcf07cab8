"""Arbitrary bytes never crash extraction: the only exceptions are ResumateErrors, and fast."""

from __future__ import annotations

import contextlib
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumate.document import Document
from resumate.errors import ResumateError
from resumate.extract import detect_format, extract_document
from resumate.options import ParseOptions

from .builders import docx_bytes, paragraph, simple_pdf
from .conftest import FakeOcr

OPTIONS = ParseOptions()
PDF = simple_pdf(["Jane Doe", "Engineer"])
DOCX = docx_bytes(paragraph("Jane Doe"))
PREFIXES = [
    b"",
    b"%PDF-1.7\n",
    PDF[:200],
    b"PK\x03\x04",
    DOCX[:120],
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"{\\rtf1 ",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]
NAMES = st.sampled_from([None, "cv.pdf", "cv.docx", "cv.doc", "cv.txt", "cv.png", "x.exe", "cv"])


def _extract_quietly(data: bytes, filename: str | None) -> Document | None:
    started = time.perf_counter()
    try:
        return extract_document(data, filename=filename, options=OPTIONS, ocr_engine=FakeOcr())
    except ResumateError as error:
        assert error.message.startswith("Could not read ")
        return None
    finally:
        assert time.perf_counter() - started < 5


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2048), filename=NAMES)
def test_arbitrary_bytes_raise_only_resumate_errors(
    prefix: bytes, body: bytes, filename: str | None
) -> None:
    _extract_quietly(prefix + body, filename)


@settings(max_examples=100, deadline=None)
@given(
    source=st.sampled_from([PDF, DOCX]),
    position=st.integers(min_value=0),
    junk=st.binary(min_size=1, max_size=64),
)
def test_corrupted_real_files_raise_only_resumate_errors(
    source: bytes, position: int, junk: bytes
) -> None:
    index = position % len(source)
    _extract_quietly(source[:index] + junk + source[index + len(junk) :], "cv")


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=1024), filename=NAMES)
def test_detect_format_answers_a_format_or_a_resumate_error(
    data: bytes, filename: str | None
) -> None:
    with contextlib.suppress(ResumateError):
        assert detect_format(data, filename) in {"pdf", "docx", "doc", "odt", "rtf", "txt", "image"}


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=500))
def test_any_text_file_round_trips_its_words(text: str) -> None:
    document = _extract_quietly(text.encode("utf-8"), "cv.txt")
    if document is not None:
        assert all(item.text.strip() for item in document.pages[0].items)
