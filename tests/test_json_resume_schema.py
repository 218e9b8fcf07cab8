"""Every document we export is valid JSON Resume v1.0.0, checked against the vendored schema.

tests/schemas/resume-schema-1.0.0.json is `schema.json` from the npm package resume-schema@1.0.0
(MIT, tests/schemas/LICENSE-resume-schema.md). The package's own validator (z-schema) checks
`format`s, so we do too: `email`, `date` (a full RFC 3339 date) and `uri` (absolute).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import importlib.util
import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import resumate

TESTS = Path(__file__).parent
SCHEMA_PATH = TESTS / "schemas" / "resume-schema-1.0.0.json"
SCHEMA_SHA256 = "ff6e39e79cfe6dedddf7c1e313ddb4da346bde8b055a884d7f6d849965dc27a6"
GOLDENS = sorted((TESTS / "data").glob("*/golden/*.json"))
TODAY = dt.date(2025, 1, 1)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_full_date(value: object) -> bool:
    if not isinstance(value, str) or not _FULL_DATE.match(value):
        return not isinstance(value, str)
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@cache
def _validator() -> Any:
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    checker.checks("email")(lambda v: not isinstance(v, str) or bool(_EMAIL.match(v)))
    checker.checks("uri")(lambda v: not isinstance(v, str) or bool(_URI.match(v)))
    checker.checks("date")(_is_full_date)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=checker)


def schema_errors(document: dict[str, Any]) -> list[str]:
    """Messages for each schema violation."""
    found = sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in found]


@cache
def _generator() -> Any:
    path = TESTS.parent / "scripts" / "make_test_data.py"
    spec = importlib.util.spec_from_file_location("make_test_data", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# --- the schema itself --------------------------------------------------------------------------


def test_vendored_schema_is_resume_schema_1_0_0_with_its_licence() -> None:
    assert hashlib.sha256(SCHEMA_PATH.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert "MIT License" in (TESTS / "schemas" / "LICENSE-resume-schema.md").read_text()
    schema = json.loads(SCHEMA_PATH.read_text())
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ({"work": {"name": "Acme"}}, "work"),
        ({"work": [{"startDate": "Jan 2020"}]}, "work/0/startDate"),
        ({"education": [{"endDate": "Present"}]}, "education/0/endDate"),
        ({"basics": {"email": "not an email"}}, "basics/email"),
        ({"basics": {"url": "example.com/me"}}, "basics/url"),
        ({"certificates": [{"date": "2021-02-30"}]}, "certificates/0/date"),
        ({"confidence": {}}, "<root>"),
        ({"skills": [{"keywords": "Python"}]}, "skills/0/keywords"),
    ],
)
def test_validator_rejects_documents_that_break_the_schema(
    document: dict[str, Any], where: str
) -> None:
    errors = schema_errors(document)
    assert any(message.startswith(f"{where}:") for message in errors), errors


def test_validator_accepts_the_json_resume_sample_shape() -> None:
    document = {
        "basics": {
            "name": "Ada Example",
            "email": "ada@example.org",
            "url": "https://ada.example",
            "location": {"city": "Leeds", "countryCode": "GB"},
            "profiles": [{"network": "GitHub", "username": "ada", "url": "https://github.com/ada"}],
        },
        "work": [{"name": "Acme", "startDate": "2020-01", "endDate": "2021"}],
        "certificates": [{"name": "CKA", "date": "2021-06-01"}],
        "meta": {"version": "v1.0.0", "resumate": {"confidence": {"basics.name": 0.9}}},
    }
    assert schema_errors(document) == []


# --- our output ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "golden", GOLDENS, ids=[f"{p.parent.parent.name}/{p.stem}" for p in GOLDENS]
)
def test_golden_output_is_valid_json_resume(golden: Path) -> None:
    assert schema_errors(json.loads(golden.read_text(encoding="utf-8"))) == []


def _generated_cases() -> list[Any]:
    generator = _generator()
    people = {person.name: person for person, _ in generator.SOURCES.values()}
    return [pytest.param(person, id=person.name.split()[0]) for person in people.values()]


@pytest.fixture(scope="module")
def generator() -> Any:
    return _generator()


@pytest.mark.parametrize("person", _generated_cases())
def test_generated_resumes_in_pdf_and_text_are_valid_json_resume(
    person: Any, generator: Any
) -> None:
    """Every invented person, rendered as a one-column PDF and as UTF-8 text, full output
    (evidence included)."""
    options = resumate.ParseOptions(today=TODAY)
    for name, data in (
        ("cv.pdf", generator.one_column_pdf(person)),
        ("cv.txt", generator.txt_bytes(person, "utf-8")),
    ):
        result = resumate.parse(data, filename=name, options=options)
        assert result.status in ("ok", "partial"), (name, result.error)
        document = result.to_json_resume()
        assert schema_errors(document) == [], name
        assert json.loads(json.dumps(document)) == document


def test_certificate_dates_satisfy_the_schema_date_format() -> None:
    text = (
        "Ada Example\nada@example.org\n\nEXPERIENCE\nEngineer, Acme Ltd\nJan 2020 - Present\n\n"
        "CERTIFICATIONS\nCertified Kubernetes Administrator, CNCF, 2021\n"
    )
    document = resumate.parse(
        text.encode(), filename="cv.txt", options=resumate.ParseOptions(today=TODAY)
    ).to_json_resume()
    assert document.get("certificates"), "the certificate was not found at all"
    assert schema_errors(document) == []


def test_certificate_issuer_domain_is_not_exported_as_a_bare_url() -> None:
    text = (
        "Ada Example\nada@example.org\n\nEXPERIENCE\nEngineer, Acme Ltd\nJan 2020 - Present\n\n"
        "CERTIFICATIONS\nProfessional Scrum Developer, Scrum.org, 2022\n"
    )
    document = resumate.parse(
        text.encode(), filename="cv.txt", options=resumate.ParseOptions(today=TODAY)
    ).to_json_resume()
    assert document.get("certificates"), "the certificate was not found at all"
    assert schema_errors(document) == []


def test_an_email_in_a_job_block_is_not_exported_as_the_job_url() -> None:
    text = (
        "Ada Example\nada@example.org\n\nEXPERIENCE\nEngineer, Acme Ltd\nJan 2020 - Present\n"
        "ada@example.org\n"
    )
    document = resumate.parse(
        text.encode(), filename="cv.txt", options=resumate.ParseOptions(today=TODAY)
    ).to_json_resume()
    assert schema_errors(document) == []


def test_failed_results_still_export_valid_json_resume() -> None:
    result = resumate.parse(b"", filename="empty.pdf")
    assert result.status == "failed"
    document = copy.deepcopy(result.to_json_resume())
    assert schema_errors(document) == []
    assert document["meta"]["resumate"]["error"]["code"] == "empty"
