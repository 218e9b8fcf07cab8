"""API models, named by role (`ResumeOut`, `UploadAccepted`, ...)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from resumate.jobs.progress import ErrorOut, ProgressEvent

EMAIL_PATTERN = r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+$"
ResumeStatus = Literal["queued", "processing", "parsed", "failed", "confirmed"]


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ProgressLinks(_Out):
    websocket: str
    events: str


class ResumeLinks(_Out):
    self: str
    status: str
    progress: ProgressLinks
    file: str
    share: str


class ResumeSummary(_Out):
    id: str
    status: ResumeStatus
    quality: Literal["ok", "partial"] | None = None
    filename: str
    format: str | None = None
    size_bytes: int
    sha256: str
    pages: int | None = None
    overall_confidence: float | None = None
    created_at: dt.datetime
    updated_at: dt.datetime
    parsed_at: dt.datetime | None = None
    confirmed_at: dt.datetime | None = None
    error: ErrorOut | None = None
    links: ResumeLinks


class ResumeOut(ResumeSummary):
    """A resume with its parsed data: `resume` is JSON Resume with per-field confidence and
    evidence under `meta.resumate`; `confidence` repeats the per-field scores at the top."""

    warnings: list[str] = Field(default_factory=list)
    confidence: dict[str, float] = Field(default_factory=dict)
    resume: dict[str, Any] | None = None
    text: str | None = None


class UploadAccepted(_Out):
    id: str
    status: ResumeStatus
    deduplicated: bool
    status_url: str
    progress: ProgressLinks
    links: ResumeLinks


class ResumeStatusOut(_Out):
    id: str
    status: ResumeStatus
    progress: ProgressEvent


class ResumePage(_Out):
    items: list[ResumeSummary]
    total: int
    limit: int
    offset: int
    next: str | None = None


class CorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: str = Field(min_length=1, max_length=200, examples=["basics.email", "work[0].name"])
    value: Any = None


class CorrectionsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    corrections: list[CorrectionIn] = Field(min_length=1, max_length=200)


class CorrectionOut(_Out):
    id: int
    path: str
    old_value: Any = None
    new_value: Any = None
    created_at: dt.datetime


class ShareIn(BaseModel):
    """`expires_in_days`: null means never; omitted means the configured default."""

    model_config = ConfigDict(extra="forbid")
    expires_in_days: int | None = Field(default=-1, ge=-1, le=3650)


class ShareIntents(_Out):
    email: str
    whatsapp: str
    telegram: str


class ShareOut(_Out):
    token: str
    url: str
    api_url: str
    created_at: dt.datetime
    expires_at: dt.datetime | None = None
    access_count: int
    last_accessed_at: dt.datetime | None = None
    intents: ShareIntents


class ShareEmailIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: str = Field(min_length=3, max_length=254, pattern=EMAIL_PATTERN)
    message: str | None = Field(default=None, max_length=2000)


class SharedResumeOut(_Out):
    resume: dict[str, Any]
    expires_at: dt.datetime | None = None


class HealthOut(_Out):
    status: Literal["healthy", "unhealthy"]
    database: Literal["connected", "disconnected"]
    version: str
    environment: str
