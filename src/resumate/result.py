"""ParseResult: what one parse returns, ok or not."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from resumate.errors import ResumateError
from resumate.schema import SCHEMA_VERSION, ParsedResume, Status

ENGINE_NAME = "resumate"


@dataclass(frozen=True, slots=True, kw_only=True)
class ParseResult:
    """The outcome of one parse.

    `status` is `ok`, `partial` (a resume came out, with `warnings`) or `failed` (`error` says
    why). `text` is the document text in reading order, as the engine saw it.
    """

    status: Status
    resume: ParsedResume = field(default_factory=ParsedResume)
    warnings: tuple[str, ...] = ()
    error: ResumateError | None = None
    filename: str | None = None
    format: str | None = None
    pages: int = 0
    ocr_used: bool = False
    text: str = ""
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def meta(self) -> dict[str, Any]:
        """Our additions to JSON Resume, kept under `meta.resumate`."""
        fields = self.resume.fields
        return {
            "version": SCHEMA_VERSION,
            ENGINE_NAME: {
                "status": self.status,
                "format": self.format,
                "pages": self.pages,
                "ocrUsed": self.ocr_used,
                "warnings": list(self.warnings),
                "error": self.error.to_dict() if self.error else None,
                "overallConfidence": self.resume.overall_confidence(),
                "experienceMonths": self.resume.experience_months,
                "confidence": {path: round(m.confidence, 3) for path, m in fields.items()},
                "evidence": {
                    path: m.evidence.model_dump(mode="json", exclude_none=True)
                    for path, m in fields.items()
                },
                "skills": [
                    s.model_dump(mode="json", exclude_none=True) for s in self.resume.skill_sources
                ],
            },
        }

    def to_json_resume(self) -> dict[str, Any]:
        """A valid JSON Resume document, with confidence and evidence under `meta.resumate`."""
        document = {"$schema": _SCHEMA_URL, **self.resume.sections_json()}
        document["meta"] = self.meta()
        return document


_SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
