from __future__ import annotations

from resumate.config import ParseOptions
from resumate.jobs.sandbox import SandboxLimits, parse_in_sandbox


def test_a_parse_reports_stages_and_returns_plain_data(resume_pdf: bytes) -> None:
    stages: list[str] = []
    result = parse_in_sandbox(resume_pdf, filename="cv.pdf", options=ParseOptions(ocr="never"),
                              limits=SandboxLimits(), on_stage=stages.append)
    assert result.status in ("ok", "partial")
    assert result.document is not None
    assert result.document["basics"]["name"] == "Jordan Example"
    assert stages[0] == "detecting" and stages[-1] == "complete"


def test_a_parse_over_its_time_limit_is_killed_and_reported_unsafe(resume_pdf: bytes) -> None:
    result = parse_in_sandbox(resume_pdf, filename="slow.pdf", options=ParseOptions(),
                              limits=SandboxLimits(timeout_seconds=0.001))
    assert result.status == "failed" and result.error_code == "unsafe"
    assert "seconds" in (result.error_message or "")
    assert "'slow.pdf'" in (result.error_message or "")


def test_a_parse_over_its_memory_limit_is_reported_unsafe() -> None:
    text = b"Jordan Example\n" + b"lorem ipsum dolor sit amet\n" * 600_000
    result = parse_in_sandbox(text, filename="big.txt",
                              options=ParseOptions(max_bytes=len(text) + 1),
                              limits=SandboxLimits(memory_bytes=64 * 1024 * 1024))
    assert result.status == "failed"
    assert result.error_code in ("unsafe", "corrupt")


def test_bad_input_comes_back_as_a_typed_error() -> None:
    result = parse_in_sandbox(b"%PDF-1.7\n%%junk", filename="junk.pdf",
                              options=ParseOptions(), limits=SandboxLimits())
    assert result.status == "failed" and result.error_code in ("corrupt", "empty")
