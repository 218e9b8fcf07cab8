"""Golden files: tests/data/<format>/sources/x.<ext> parsed -> tests/data/<format>/golden/x.json.

The sources come from scripts/make_test_data.py (invented people). A golden is the
`to_json_resume()` output for a fixed `today` (2025-01-01) with `meta.resumate.evidence` dropped
and floats rounded to 2 places. Regenerate with `RESUMATE_UPDATE_GOLDEN=1 uv run pytest
tests/test_golden.py` and review the diff like code. A missing golden fails; it is never created
silently, and the flag must be off in CI.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

import resumate
from tests.test_json_resume_schema import _generator

DATA = Path(__file__).parent / "data"
TODAY = dt.date(2025, 1, 1)
UPDATE = os.environ.get("RESUMATE_UPDATE_GOLDEN", "").lower() not in ("", "0", "false", "no")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SOURCES = sorted(p for p in DATA.glob("*/sources/*") if p.is_file())
SLOW_FORMATS = {"png"}  # OCR: tens of seconds on a 2-core machine, model load included


def golden_for(source: Path) -> Path:
    return source.parent.parent / "golden" / f"{source.stem}.json"


def _param(source: Path) -> Any:
    fmt = source.parent.parent.name
    marks = [pytest.mark.slow] if fmt in SLOW_FORMATS else []
    return pytest.param(source, id=f"{fmt}/{source.name}", marks=marks)


def stable(value: Any) -> Any:
    """The exported document without run-dependent detail: evidence dropped, floats rounded."""
    if isinstance(value, dict):
        return {k: stable(v) for k, v in value.items() if k != "evidence"}
    if isinstance(value, list):
        return [stable(v) for v in value]
    if isinstance(value, float):
        return round(value, 2)
    return value


def parse_source(source: Path) -> resumate.ParseResult:
    return resumate.parse(source, options=resumate.ParseOptions(today=TODAY))


@pytest.mark.parametrize("source", [_param(s) for s in SOURCES])
def test_parse_matches_golden(source: Path) -> None:
    result = parse_source(source)
    actual = stable(result.to_json_resume())
    golden = golden_for(source)
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(
            f"no golden file {golden.relative_to(DATA.parent.parent)}: run "
            "RESUMATE_UPDATE_GOLDEN=1 uv run pytest tests/test_golden.py and review it"
        )
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual == expected


@pytest.mark.parametrize(
    "source", SOURCES, ids=[f"{s.parent.parent.name}/{s.name}" for s in SOURCES]
)
def test_format_is_detected_from_content_without_a_filename_extension(source: Path) -> None:
    fmt = source.parent.parent.name
    options = resumate.ParseOptions(today=TODAY, ocr="never")
    result = resumate.parse(source.read_bytes(), filename="upload", options=options)
    if fmt == "png":  # an image with OCR turned off: recognised as a picture with no text
        assert result.error is not None and result.error.code == "empty"
        assert "picture" in result.error.message
        return
    assert result.status != "failed", result.error
    assert result.format == fmt


def test_update_flag_is_off_in_ci() -> None:
    assert not (IN_CI and UPDATE), "RESUMATE_UPDATE_GOLDEN must not be set in CI"


def test_every_source_has_a_golden_and_every_golden_a_source() -> None:
    goldens = {p for p in DATA.glob("*/golden/*.json")}
    expected = {golden_for(s) for s in SOURCES}
    assert not UPDATE or goldens >= expected
    assert goldens - expected == set(), "golden files without a source"
    assert expected - goldens == set(), "sources without a golden"


def test_every_format_has_a_source() -> None:
    formats = {s.parent.parent.name for s in SOURCES}
    assert formats >= {"pdf", "docx", "txt", "rtf", "odt", "doc", "png"}


def test_sources_are_what_the_generator_makes() -> None:
    assert _generator().main(["--check"]) == 0, "run: uv run python scripts/make_test_data.py"


# --- facts each golden must show, from the generator's own data ---------------------------------

@pytest.mark.parametrize("source", [_param(s) for s in SOURCES])
def test_golden_shows_the_person_jobs_and_schools(source: Path) -> None:
    """Checks the stored golden (no re-parse) against what the generator put in the file."""
    relative = str(source.relative_to(DATA))
    person, _ = _generator().SOURCES[relative]
    golden = json.loads(golden_for(source).read_text(encoding="utf-8"))
    basics = golden.get("basics", {})
    assert basics.get("name") == person.name
    assert basics.get("email") == person.email
    assert [w.get("name") for w in golden.get("work", [])] == [j.company for j in person.jobs]
    assert [w.get("position") for w in golden.get("work", [])] == [j.position for j in person.jobs]
    assert [e.get("institution") for e in golden.get("education", [])] == [
        school for _, school, _ in person.education
    ]
    assert golden["work"][0].get("endDate") is None, "the current job has an open end"
    assert all(w.get("startDate") for w in golden["work"]), "every job has a start date"
    assert golden["meta"]["resumate"]["status"] == "ok"
