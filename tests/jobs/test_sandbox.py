from __future__ import annotations

import json
import multiprocessing

from resumate.config import ParseOptions
from resumate.jobs.sandbox import SandboxLimits, parse_in_sandbox


def test_a_parse_reports_stages_and_returns_its_document_as_json_text(resume_pdf: bytes) -> None:
    stages: list[str] = []
    result = parse_in_sandbox(resume_pdf, filename="cv.pdf", options=ParseOptions(ocr="never"),
                              limits=SandboxLimits(), on_stage=stages.append)
    assert result.status in ("ok", "partial")
    assert result.document_json is not None
    assert json.loads(result.document_json)["basics"]["name"] == "Jordan Example"
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


def _live_child_pids() -> set[int]:
    return {child.pid for child in multiprocessing.active_children() if child.pid is not None}


def test_a_warm_process_serves_the_next_parse(resume_pdf: bytes) -> None:
    limits = SandboxLimits(parses_per_process=10)
    options = ParseOptions(ocr="never")
    parse_in_sandbox(resume_pdf, filename="a.pdf", options=options, limits=limits)
    before = _live_child_pids()
    result = parse_in_sandbox(resume_pdf, filename="b.pdf", options=options, limits=limits)
    assert result.status in ("ok", "partial")
    assert _live_child_pids() == before


def test_with_one_parse_per_process_every_parse_gets_a_fresh_process(resume_pdf: bytes) -> None:
    limits = SandboxLimits(parses_per_process=1)
    options = ParseOptions(ocr="never")
    parse_in_sandbox(resume_pdf, filename="a.pdf", options=options, limits=limits)
    before = _live_child_pids()
    parse_in_sandbox(resume_pdf, filename="b.pdf", options=options, limits=limits)
    parse_in_sandbox(resume_pdf, filename="c.pdf", options=options, limits=limits)
    assert not before & _live_child_pids()  # the processes that served a parse are gone


def test_a_reused_process_gives_the_same_result_as_a_fresh_one(
    resume_pdf: bytes, resume_docx: bytes
) -> None:
    options = ParseOptions(ocr="never")
    fresh = parse_in_sandbox(resume_pdf, filename="cv.pdf", options=options,
                             limits=SandboxLimits(parses_per_process=1))
    warm = SandboxLimits(parses_per_process=10)
    parse_in_sandbox(resume_docx, filename="other.docx", options=options, limits=warm)
    parse_in_sandbox(b"%PDF-1.7\n%%junk", filename="junk.pdf", options=options, limits=warm)
    reused = parse_in_sandbox(resume_pdf, filename="cv.pdf", options=options, limits=warm)
    assert reused == fresh


def test_after_a_killed_parse_the_next_one_runs_normally(resume_pdf: bytes) -> None:
    options = ParseOptions(ocr="never")
    killed = parse_in_sandbox(resume_pdf, filename="slow.pdf", options=options,
                              limits=SandboxLimits(timeout_seconds=0.001))
    assert killed.error_code == "unsafe"
    result = parse_in_sandbox(resume_pdf, filename="cv.pdf", options=options,
                              limits=SandboxLimits())
    assert result.status in ("ok", "partial")
    assert result.document_json is not None
    assert json.loads(result.document_json)["basics"]["name"] == "Jordan Example"
