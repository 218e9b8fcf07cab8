"""Property tests (hypothesis): whatever the input, `resumate.parse` returns a result.

- arbitrary bytes, alone or behind a PDF / ZIP / RTF / OLE / PNG signature, never raise and
  finish within the per-example deadline: bad input is a `failed` result with a typed error;
- arbitrary text, and text stitched from resume-like fragments, as a .txt resume: never crash,
  every confidence is in [0, 1], the export is valid JSON Resume and survives json.dumps/loads.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import resumate
from resumate.errors import ERROR_CODES
from tests.test_json_resume_schema import schema_errors

OPTIONS = resumate.ParseOptions(today=dt.date(2025, 1, 1))
DEADLINE = dt.timedelta(seconds=10)
COMMON = {"deadline": DEADLINE, "suppress_health_check": [HealthCheck.too_slow]}

SIGNATURES = [
    b"",
    b"%PDF-1.7\n",
    b"%PDF-",
    b"PK\x03\x04",
    b"{\\rtf1\\ansi ",
    b"{\\rtf",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\x89PNG\r\n\x1a\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]
NAMES = ["cv.pdf", "cv.docx", "cv.doc", "cv.txt", "cv.rtf", "cv.odt", "cv.png", "cv", None]

FRAGMENTS = [
    "EXPERIENCE",
    "E X P E R I E N C E",
    "Berufserfahrung",
    "Expérience professionnelle",
    "EDUCATION",
    "Formación",
    "SKILLS",
    "Languages",
    "Certifications",
    "Projects",
    "Summary",
    "Jan 2020 – Present",
    "03/2019 – heute",
    "sept. 2018 – aujourd'hui",
    "2015 - 2018",
    "Spring 2019",
    "since 2018",
    "'19 – '21",
    "2019-13 – 2020-00",
    "Feb 30, 2020",
    "Software Engineer, Acme Ltd",
    "BSc Physics, University of Leeds",
    "Python, SQL, Docker",
    "ada@example.org",
    "+44 20 7946 0958",
    "(415) 555-2671",
    "https://github.com/ada",
    "linkedin.com/in/ada",
    "English (native)",
    "• Built things",
    "-",
    "|",
    "@",
    "http://",
    "Ada Example",
    "CONTACT",
    "1999 – 2050",
    "0000-00",
    "Present – Jan 2020",
]


@pytest.fixture(scope="module", autouse=True)
def warm_engine() -> None:
    """The first parse loads the engine's tables; keep that out of the per-example deadline."""
    resumate.parse(b"Ada Example\nada@example.org\n", filename="cv.txt", options=OPTIONS)


def check_result(result: Any) -> dict[str, Any]:
    """What every result must satisfy, ok or failed."""
    assert result.status in ("ok", "partial", "failed")
    if result.status == "failed":
        assert isinstance(result.error, resumate.ResumateError)
        assert result.error.code in ERROR_CODES and result.error.message
    else:
        assert result.error is None
    document = result.to_json_resume()
    for path, meta in result.resume.fields.items():
        assert 0.0 <= meta.confidence <= 1.0 and not math.isnan(meta.confidence), path
    for path, confidence in document["meta"]["resumate"]["confidence"].items():
        assert 0.0 <= confidence <= 1.0, path
    overall = document["meta"]["resumate"]["overallConfidence"]
    assert overall is None or 0.0 <= overall <= 1.0
    assert json.loads(json.dumps(document)) == document
    return document


@settings(max_examples=80, **COMMON)
@given(
    prefix=st.sampled_from(SIGNATURES), body=st.binary(max_size=4096), name=st.sampled_from(NAMES)
)
def test_arbitrary_bytes_never_raise(prefix: bytes, body: bytes, name: str | None) -> None:
    check_result(resumate.parse(prefix + body, filename=name, options=OPTIONS))


@settings(max_examples=60, **COMMON)
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_arbitrary_text_is_a_valid_result(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="surrogatepass")
    document = check_result(resumate.parse(data, filename="cv.txt", options=OPTIONS))
    assert schema_errors(document) == []


@settings(max_examples=60, **COMMON)
@given(
    lines=st.lists(
        st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), min_size=1, max_size=40
    )
)
def test_resume_like_text_gives_valid_json_resume(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    document = check_result(resumate.parse(data, filename="cv.txt", options=OPTIONS))
    assert schema_errors(document) == []
    for job in document.get("work", []):
        start, end = job.get("startDate"), job.get("endDate")
        if start and end:
            assert start[:4] <= end[:4], job


@settings(max_examples=25, **COMMON)
@given(lines=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25))
def test_resume_like_pdf_gives_valid_json_resume(lines: list[str]) -> None:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    for index, line in enumerate(lines):
        page.setFont("Helvetica-Bold" if line.isupper() else "Helvetica", 11)
        page.drawString(72, 800 - 16 * index, line.encode("latin-1", "replace").decode("latin-1"))
    page.save()
    document = check_result(resumate.parse(buffer.getvalue(), filename="cv.pdf", options=OPTIONS))
    assert schema_errors(document) == []
