"""The one task: parse a stored upload and write the outcome back.

`parse_resume(resume_id, context)` takes an id, opens its own sessions, reads the original from
the file store, parses it in the sandbox, stores the result and reports progress to the sink.
It is idempotent per resume id: a finished job is not run again, and a job that was running when
a process died is run again (up to MAX_ATTEMPTS, then it fails with `job_failed`).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from resumate.config import ParseOptions
from resumate.jobs.progress import ErrorOut, ProgressHub, Stage, make_event
from resumate.jobs.runner import ProgressSink
from resumate.jobs.sandbox import SandboxLimits, SandboxResult, parse_in_sandbox
from resumate.store import repositories as repo
from resumate.store.db import Database
from resumate.store.files import FileStore, StorageError

MAX_ATTEMPTS = 3
logger = logging.getLogger(__name__)


class ParseObserver(Protocol):
    """Hears timings and outcomes (the web layer's Prometheus metrics implement it)."""

    def stage_finished(self, stage: str, seconds: float) -> None: ...

    def parse_finished(self, *, status: str, error_code: str | None, seconds: float) -> None: ...


class _NoObserver:
    def stage_finished(self, stage: str, seconds: float) -> None:
        return None

    def parse_finished(self, *, status: str, error_code: str | None, seconds: float) -> None:
        return None


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, kw_only=True)
class TaskContext:
    db: Database
    files: FileStore
    sink: ProgressSink
    options: ParseOptions
    limits: SandboxLimits = field(default_factory=SandboxLimits)
    observer: ParseObserver = field(default_factory=_NoObserver)
    clock: Callable[[], dt.datetime] = utc_now


def parse_resume(resume_id: str, context: TaskContext) -> None:
    """Run one resume's parse from start to stored result."""
    with context.db.write() as db:
        attempts = repo.start_job(db, resume_id=resume_id, now=context.clock())
        record = repo.get_resume(db, resume_id=resume_id)
        if record is None or attempts == 0:
            return
        filename, key = record.filename, record.storage_key
    if attempts > MAX_ATTEMPTS or key is None:
        _finish(resume_id, context, _gave_up(filename), seconds=0.0)
        return
    _report(context, resume_id, "detecting")
    started = time.monotonic()
    try:
        data = context.files.get(key)
    except StorageError:
        logger.exception("stored file missing for resume %s", resume_id)
        _finish(resume_id, context, _gave_up(filename), seconds=0.0)
        return
    timer = _StageTimer(context, resume_id)
    result = parse_in_sandbox(
        data, filename=filename, options=context.options, limits=context.limits,
        on_stage=timer.enter,
    )
    timer.close()
    _finish(resume_id, context, result, seconds=time.monotonic() - started)


def _finish(resume_id: str, context: TaskContext, result: SandboxResult, *, seconds: float) -> None:
    outcome = repo.ParseOutcome(
        document=result.document, text=result.text, warnings=result.warnings,
        quality=None if result.status == "failed" else result.status,
        overall_confidence=result.overall_confidence, format=result.format, pages=result.pages,
        error_code=result.error_code, error_message=result.error_message,
    )
    key_to_delete = None
    with context.db.write() as db:
        record = repo.get_resume(db, resume_id=resume_id)
        if record is not None and outcome.error_code is not None:
            key_to_delete, record.storage_key = record.storage_key, None
        stored = repo.finish_job(db, resume_id=resume_id, outcome=outcome, now=context.clock())
    if key_to_delete is not None:  # a file we could not parse is not kept
        context.files.delete(key_to_delete)
    context.observer.parse_finished(
        status=result.status, error_code=result.error_code, seconds=seconds)
    if not stored:
        return
    if result.error_code is not None:
        error = ErrorOut(code=result.error_code, message=result.error_message or "")
        context.sink.publish(resume_id, make_event(resume_id, "failed", error=error))
        return
    if isinstance(context.sink, ProgressHub):
        context.sink.record_duration(seconds)
    context.sink.publish(resume_id, make_event(resume_id, "complete"))


def _gave_up(filename: str | None) -> SandboxResult:
    from resumate.extract import shown_name

    return SandboxResult(
        status="failed", error_code="job_failed",
        error_message=(
            f"Could not parse {shown_name(filename)}: the parse was interrupted {MAX_ATTEMPTS} "
            "times. Upload the file again, or in another format."
        ),
    )


def _report(context: TaskContext, resume_id: str, stage: Stage) -> None:
    eta = context.sink.eta(stage) if isinstance(context.sink, ProgressHub) else None
    context.sink.publish(resume_id, make_event(resume_id, stage, eta_seconds=eta))


class _StageTimer:
    """Turns the engine's stage names into progress events and per-stage durations."""

    def __init__(self, context: TaskContext, resume_id: str) -> None:
        self.context, self.resume_id = context, resume_id
        self.stage: str | None = None
        self.since = time.monotonic()

    def enter(self, stage: str) -> None:
        self._close_current()
        self.stage, self.since = stage, time.monotonic()
        if stage == "complete":  # the job says "complete" once the result is stored
            self.stage = None
            return
        if stage in ("detecting", "extracting", "ocr", "parsing", "scoring"):
            _report(self.context, self.resume_id, stage)  # type: ignore[arg-type]

    def close(self) -> None:
        self._close_current()
        self.stage = None

    def _close_current(self) -> None:
        if self.stage is not None:
            self.context.observer.stage_finished(self.stage, time.monotonic() - self.since)
