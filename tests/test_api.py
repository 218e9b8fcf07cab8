"""The public Python API: `resumate.parse(source, *, filename, options, raise_on_error)`.

Real files through the real parser: sources are paths, bytes and file objects; failures are
results with a typed error (or raised on request); phones, dates and headings end to end.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import resumate
from resumate.errors import ERROR_CODES

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2025, 1, 1)
OPTIONS = resumate.ParseOptions(today=TODAY)
PDF = DATA / "pdf" / "sources" / "one_column.pdf"
DOCX = DATA / "docx" / "sources" / "header_body_table.docx"


def resume_text(*, contact: str = "ada.example@example.org", body: str = "") -> bytes:
    default_body = "EXPERIENCE\nSoftware Engineer, Acme Ltd\nJan 2020 - Present\n- Built things.\n"
    return f"Ada Example\n{contact}\n\n{body or default_body}".encode()


def sections(result: Any) -> dict[str, Any]:
    document = result.to_json_resume()
    document.pop("meta")
    return dict(document)


# --- sources -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    return sections(resumate.parse(PDF, options=OPTIONS))


@pytest.mark.parametrize(
    "make_source",
    [
        pytest.param(lambda: str(PDF), id="str path"),
        pytest.param(lambda: PDF, id="pathlib path"),
        pytest.param(lambda: PDF.read_bytes(), id="bytes"),
        pytest.param(lambda: bytearray(PDF.read_bytes()), id="bytearray"),
        pytest.param(lambda: io.BytesIO(PDF.read_bytes()), id="BytesIO"),
        pytest.param(lambda: PDF.open("rb"), id="open file"),
    ],
)
def test_every_kind_of_source_gives_the_same_resume(
    make_source: Any, reference: dict[str, Any]
) -> None:
    source = make_source()
    try:
        result = resumate.parse(source, options=OPTIONS)
    finally:
        if hasattr(source, "close"):
            source.close()
    assert result.status == "ok"
    assert result.format == "pdf"
    assert sections(result) == reference
    assert reference["basics"]["name"] == "Marta Kowalczyk"


def test_filename_is_inferred_from_a_path_and_a_named_file_object() -> None:
    assert resumate.parse(PDF, options=OPTIONS).filename == "one_column.pdf"
    assert resumate.parse(str(PDF), options=OPTIONS).filename == "one_column.pdf"
    with PDF.open("rb") as handle:
        assert resumate.parse(handle, options=OPTIONS).filename == "one_column.pdf"
    assert resumate.parse(PDF.read_bytes(), options=OPTIONS).filename is None
    assert resumate.parse(io.BytesIO(PDF.read_bytes()), options=OPTIONS).filename is None


def test_an_explicit_filename_wins_over_the_path() -> None:
    result = resumate.parse(PDF, filename="Marta CV.pdf", options=OPTIONS)
    assert result.filename == "Marta CV.pdf"
    with PDF.open("rb") as handle:
        assert resumate.parse(handle, filename="x.pdf", options=OPTIONS).filename == "x.pdf"


def test_format_comes_from_content_not_from_a_lying_name() -> None:
    result = resumate.parse(DOCX.read_bytes(), filename="resume.doc", options=OPTIONS)
    assert result.format == "docx"
    assert result.status != "failed"


def test_options_are_keyword_only_and_frozen() -> None:
    with pytest.raises(TypeError):
        resumate.ParseOptions(TODAY)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        OPTIONS.today = dt.date(2020, 1, 1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        resumate.parse(PDF, None, OPTIONS)  # type: ignore[misc]


def test_today_anchors_present_and_the_experience_total() -> None:
    early = resumate.parse(
        resume_text(), filename="cv.txt", options=resumate.ParseOptions(today=dt.date(2021, 1, 1))
    )
    late = resumate.parse(
        resume_text(), filename="cv.txt", options=resumate.ParseOptions(today=dt.date(2022, 1, 1))
    )
    assert late.resume.experience_months - early.resume.experience_months == 12
    assert early.resume.work[0].endDate is None


def test_result_json_round_trips_and_carries_meta() -> None:
    result = resumate.parse(PDF, options=OPTIONS)
    document = result.to_json_resume()
    assert json.loads(json.dumps(document)) == document
    meta = document["meta"]["resumate"]
    assert meta["status"] == "ok" and meta["format"] == "pdf" and meta["pages"] == 1
    assert meta["error"] is None
    assert set(meta["confidence"]) <= set(meta["evidence"])
    assert all(0.0 <= c <= 1.0 for c in meta["confidence"].values())
    assert "basics.name" in meta["confidence"]


# --- failures ----------------------------------------------------------------------------------


FAILURES = [
    pytest.param(b"", "cv.pdf", resumate.EmptyDocumentError, "empty", id="empty"),
    pytest.param(b"   \n\t\n", "cv.txt", resumate.EmptyDocumentError, "empty", id="blank text"),
    pytest.param(
        b"%PDF-1.7\n1 0 obj\n<<",
        "cv.pdf",
        resumate.DocumentLoadError,
        "corrupt",
        id="truncated pdf",
    ),
    pytest.param(
        b"MZ\x90\x00\x03" + bytes(range(256)) * 4,
        "cv.pdf",
        resumate.UnsupportedFormatError,
        "unsupported_type",
        id="binary named pdf",
    ),
]


@pytest.mark.parametrize(("data", "name", "error_type", "code"), FAILURES)
def test_bad_input_is_a_failed_result_with_a_typed_error(
    data: bytes, name: str, error_type: type[Exception], code: str
) -> None:
    result = resumate.parse(data, filename=name, options=OPTIONS)
    assert result.status == "failed" and not result.ok
    assert isinstance(result.error, error_type)
    assert result.error.code == code and code in ERROR_CODES
    assert result.error.message and "Traceback" not in result.error.message
    assert name in result.error.message, "the message names the file"
    document = result.to_json_resume()
    assert document["meta"]["resumate"]["error"] == {"code": code, "message": result.error.message}
    assert "basics" not in document and "work" not in document, "nothing is invented"


@pytest.mark.parametrize(("data", "name", "error_type", "code"), FAILURES)
def test_raise_on_error_raises_the_typed_error(
    data: bytes, name: str, error_type: type[Exception], code: str
) -> None:
    with pytest.raises(error_type) as raised:
        resumate.parse(data, filename=name, options=OPTIONS, raise_on_error=True)
    assert isinstance(raised.value, resumate.ResumateError)
    assert raised.value.code == code
    assert str(raised.value) == raised.value.message


def test_raise_on_error_does_not_raise_for_a_good_file() -> None:
    result = resumate.parse(PDF, options=OPTIONS, raise_on_error=True)
    assert result.status == "ok"


def test_a_file_over_max_bytes_is_too_large() -> None:
    options = resumate.ParseOptions(today=TODAY, max_bytes=1000)
    result = resumate.parse(PDF, options=options)
    assert result.error is not None and result.error.code == "too_large"
    with pytest.raises(resumate.FileTooLargeError):
        resumate.parse(PDF.read_bytes(), options=options, raise_on_error=True)


def test_a_missing_path_raises_os_error_not_a_resumate_error() -> None:
    with pytest.raises(FileNotFoundError):
        resumate.parse(DATA / "no-such-file.pdf", options=OPTIONS)


# --- import cost -------------------------------------------------------------------------------


def test_import_resumate_does_not_load_heavy_modules() -> None:
    code = (
        "import sys, resumate\n"
        "heavy = ['pypdfium2', 'lxml', 'pydantic_settings', 'PIL', 'rapidocr_onnxruntime', "
        "'onnxruntime', 'sqlalchemy', 'fastapi']\n"
        "print([m for m in heavy if m in sys.modules])\n"
        "assert callable(resumate.parse) and resumate.ParseOptions\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_public_names_are_exported() -> None:
    for name in resumate.__all__:
        assert getattr(resumate, name) is not None
    assert resumate.ParseResult.__name__ == "ParseResult"
    assert resumate.ParsedResume.__name__ == "ParsedResume"


# --- phones, dates and headings, end to end -----------------------------------------------------


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("+44 20 7946 0958", "+442079460958"),
        ("(415) 555-2671", "+14155552671"),
        ("+49 30 901820", "+4930901820"),
        ("+33 1 42 68 53 00", "+33142685300"),
        ("+1 (212) 555-0143", "+12125550143"),
        ("+351 21 123 4567", "+351211234567"),
    ],
)
def test_phone_is_normalised_to_e164(written: str, e164: str) -> None:
    result = resumate.parse(
        resume_text(contact=f"ada.example@example.org | {written}"),
        filename="cv.txt",
        options=OPTIONS,
    )
    assert result.resume.basics.phone == e164
    assert result.resume.basics.email == "ada.example@example.org"
    assert 0.0 <= result.resume.fields["basics.phone"].confidence <= 1.0


@pytest.mark.parametrize("written", ["Updated 2022-04-12", "Available (2010-2019)"])
def test_a_date_near_the_contact_details_is_not_a_phone(written: str) -> None:
    result = resumate.parse(  # a Dutch address: 8 digits could be a Dutch number
        resume_text(contact=f"ada.example@example.org | Amsterdam, Netherlands | {written}"),
        filename="cv.txt",
        options=OPTIONS,
    )
    assert result.resume.basics.phone is None


def test_a_phone_without_a_known_region_is_kept_whole() -> None:
    result = resumate.parse(
        resume_text(contact="ada.example@example.org | Phone 0808 1570204"),
        filename="cv.txt",
        options=OPTIONS,
    )
    assert result.resume.basics.phone == "0808 1570204"


@pytest.mark.parametrize(
    ("heading", "written", "start", "end"),
    [
        ("E X P E R I E N C E", "Jan 2020 – Present", "2020-01", None),
        ("Berufserfahrung", "03/2019 – heute", "2019-03", None),
        ("Expérience professionnelle", "sept. 2018 – aujourd'hui", "2018-09", None),
        ("Experiencia profesional", "05/2017 – actualidad", "2017-05", None),
        ("Work History", "2015 - 2018", "2015", "2018"),
        ("PROFESSIONAL EXPERIENCE", "Jan 2019 – Mar 2021", "2019-01", "2021-03"),
        ("Experience", "2016-04 to 2019-11", "2016-04", "2019-11"),
    ],
)
def test_heading_and_date_range_become_a_dated_job(
    heading: str, written: str, start: str, end: str | None
) -> None:
    body = f"{heading}\nSoftware Engineer, Acme Ltd\n{written}\n- Built the billing service.\n"
    result = resumate.parse(resume_text(body=body), filename="cv.txt", options=OPTIONS)
    assert len(result.resume.work) == 1, result.text
    job = result.resume.work[0]
    assert (job.name, job.position) == ("Acme Ltd", "Software Engineer")
    assert (job.startDate, job.endDate) == (start, end)
    exported = result.to_json_resume()["work"][0]
    assert ("endDate" in exported) == (end is not None), "an open end has no endDate"


def test_three_languages_of_headings_in_one_resume() -> None:
    body = (
        "E X P E R I E N C E\nSoftware Engineer, Acme Ltd\nJan 2020 – Present\n\n"
        "Berufserfahrung\nEntwicklerin, Beispiel GmbH\n03/2019 – heute\n\n"
        "Expérience professionnelle\nDéveloppeuse, Exemple SA\nsept. 2018 – aujourd'hui\n"
    )
    result = resumate.parse(resume_text(body=body), filename="cv.txt", options=OPTIONS)
    work = result.to_json_resume()["work"]
    assert [(w["name"], w["startDate"], w.get("endDate")) for w in work] == [
        ("Acme Ltd", "2020-01", None),
        ("Beispiel GmbH", "2019-03", None),
        ("Exemple SA", "2018-09", None),
    ]
