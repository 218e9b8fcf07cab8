"""bytes -> Document -> Lines -> Sections -> Fields -> ParsedResume.

The one place where extraction meets parsing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from resumate.errors import ResumateError
from resumate.extract import extract_document
from resumate.options import ParseOptions
from resumate.parsing.resume import parse_document
from resumate.result import ParseResult

StageCallback = Callable[[str], None]


def parse_bytes(
    data: bytes,
    *,
    filename: str | None = None,
    options: ParseOptions | None = None,
    on_stage: StageCallback | None = None,
) -> ParseResult:
    """Parse one file's bytes. Bad input gives a `failed` result carrying a typed error."""
    options = options or ParseOptions()
    notify = on_stage or (lambda stage: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    try:
        notify("detecting")
        document = extract_document(data, filename=filename, options=options, on_stage=notify)
    except ResumateError as error:
        return ParseResult(status="failed", error=error, filename=filename)
    timings["extract"] = (time.perf_counter() - started) * 1000

    notify("parsing")
    parsed_at = time.perf_counter()
    outcome = parse_document(document, today=options.today, default_region=options.default_region)
    timings["parse"] = (time.perf_counter() - parsed_at) * 1000
    notify("complete")

    warnings = (*document.warnings, *outcome.warnings)
    return ParseResult(
        status="partial" if outcome.is_partial else "ok",
        resume=outcome.resume,
        warnings=warnings,
        filename=filename,
        format=document.format,
        pages=len(document.pages),
        ocr_used=document.ocr_used,
        text=outcome.text,
        timings_ms={k: round(v, 2) for k, v in timings.items()},
    )
