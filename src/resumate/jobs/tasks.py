"""The one task: parse a stored upload and write the outcome back.

`parse_resume(resume_id, context)` takes an id, opens its own sessions, reads the original from
the file store, parses it in the sandbox, stores the result and reports progress to the sink.
Both runners call it (the in-process pool and the Celery task in `jobs.celery`).

It is idempotent per resume id. Primary rule: the job row is claimed (attempt n) in one
transaction and the result is stored only if that claim is still the current one, so however
often a message is delivered, one result is stored. A finished job is not run again (a second
delivery does nothing); a job whose worker died is run again from the start, up to MAX_ATTEMPTS
claims, then it fails with `job_failed`. Fallback for overlapping deliveries: a claim younger
than `lease_seconds` is left alone and the caller is told how long to wait (`busy_seconds`).
An outage (database, storage) raises; the claim is given back first, not counted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from resumate.config import ParseOptions, Settings
from resumate.jobs.progress import ErrorOut, ProgressHub, Stage, make_event
from resumate.jobs.runner import ProgressSink
from resumate.jobs.sandbox import SandboxLimits, SandboxResult, parse_in_sandbox
from resumate.jobs.webhooks import NO_DISPATCH, WebhookDispatcher, queue_webhooks
from resumate.store import job_queue
from resumate.store import repositories as repo
from resumate.store.db import Database, JsonText
from resumate.store.files import FileStore, LocalFileStore, S3FileStore, StorageError

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
    webhooks: WebhookDispatcher = field(default_factory=lambda: NO_DISPATCH)
    # Held while a job parses: the in-process runner runs more jobs than it has parse slots, so
    # one job's bookkeeping (claim, file, result) overlaps another one's parse.
    parse_slots: AbstractContextManager[object] = field(default_factory=contextlib.nullcontext)
    delay_seconds: float = 0.0  # tests only: a deterministic slow parse


@dataclass(frozen=True, slots=True)
class TaskOutcome:
    """`ran`: this call ran the job to a stored outcome; `busy_seconds` > 0: another delivery
    holds the job, ask again after that long; neither: nothing to do (done or gone)."""

    ran: bool = False
    busy_seconds: float = 0.0


def open_file_store(settings: Settings) -> FileStore:
    """The file store a job process reads originals from (the same one the API writes)."""
    if settings.storage == "s3":
        assert settings.s3_bucket is not None
        return S3FileStore.connect(
            bucket=settings.s3_bucket, prefix=settings.s3_prefix,
            endpoint_url=settings.s3_endpoint_url, region=settings.s3_region)
    return LocalFileStore(settings.data_dir / "files")


def is_transient(error: BaseException) -> bool:
    """An outage worth retrying (database, object storage or network), not a defect."""
    from sqlalchemy import exc as sa_exc

    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, (sa_exc.OperationalError, sa_exc.InterfaceError,
                          sa_exc.DisconnectionError, sa_exc.TimeoutError,
                          ConnectionError, TimeoutError)):
        return True
    try:
        from botocore.exceptions import ConnectionError as BotoConnectionError
        from botocore.exceptions import HTTPClientError
    except ImportError:  # the s3 extra is not installed
        return False
    return isinstance(error, (HTTPClientError, BotoConnectionError))


def parse_resume(
    resume_id: str, context: TaskContext, *, lease_seconds: float = 0.0
) -> TaskOutcome:
    """Run one resume's parse from claim to stored result (see the module docstring)."""
    with context.db.write() as db:
        claim = job_queue.claim_job(db, resume_id=resume_id, now=context.clock(),
                                    lease_seconds=lease_seconds)
    if not claim.attempt:
        return TaskOutcome(busy_seconds=claim.busy_seconds)
    try:
        _run_claimed(resume_id, claim.attempt, claim.filename, claim.storage_key, context)
    except Exception as error:
        _release_quietly(resume_id, claim.attempt, context, count=not is_transient(error))
        raise
    return TaskOutcome(ran=True)


def give_up(resume_id: str, context: TaskContext, *, reason: str) -> bool:
    """Mark the resume failed (`job_failed`) with `reason` after its retries ran out, whoever
    holds the job; False when there was nothing open to fail."""
    with context.db.read() as db:
        record = repo.get_resume(db, resume_id=resume_id)
        filename = record.filename if record is not None else None
    result = SandboxResult(
        status="failed", error_code="job_failed",
        error_message=f"Could not parse {_shown(filename)}: {reason}",
    )
    return _finish(resume_id, context, result, seconds=0.0, attempt=None)


def _run_claimed(
    resume_id: str, attempt: int, filename: str | None, key: str | None, context: TaskContext
) -> None:
    if attempt > MAX_ATTEMPTS or key is None:
        _finish(resume_id, context, _gave_up(filename), seconds=0.0, attempt=attempt)
        return
    _report(context, resume_id, "detecting")
    try:
        data = context.files.get(key)
    except StorageError:
        logger.exception("stored file missing for resume %s", resume_id)
        _finish(resume_id, context, _gave_up(filename), seconds=0.0, attempt=attempt)
        return
    with context.parse_slots:
        started = time.monotonic()
        if context.delay_seconds:
            time.sleep(context.delay_seconds)
        timer = _StageTimer(context, resume_id)
        result = parse_in_sandbox(
            data, filename=filename, options=context.options, limits=context.limits,
            on_stage=timer.enter,
        )
        timer.close()
        seconds = time.monotonic() - started
    _finish(resume_id, context, result, seconds=seconds, attempt=attempt)


def _release_quietly(resume_id: str, attempt: int, context: TaskContext, *, count: bool) -> None:
    """Give the claim back so a retry need not wait out the lease (best effort: the database
    may be the thing that is down; then the lease runs out on its own)."""
    try:
        with context.db.write() as db:
            job_queue.release_job(db, resume_id=resume_id, attempt=attempt,
                                  now=context.clock(), count_attempt=count)
    except Exception:
        logger.warning("could not release the claim on resume %s; it expires with its lease",
                       resume_id)


def _finish(
    resume_id: str, context: TaskContext, result: SandboxResult, *, seconds: float,
    attempt: int | None,
) -> bool:
    document = None if result.document_json is None else JsonText(result.document_json)
    outcome = job_queue.ParseOutcome(
        document=document, text=result.text, warnings=result.warnings,
        quality=None if result.status == "failed" else result.status,
        overall_confidence=result.overall_confidence, format=result.format, pages=result.pages,
        error_code=result.error_code, error_message=result.error_message,
    )
    key_to_delete = None
    with context.db.write() as db:
        stored = job_queue.finish_job(db, resume_id=resume_id, outcome=outcome,
                                      now=context.clock(), attempt=attempt)
        if stored and outcome.error_code is not None:
            key_to_delete = job_queue.take_storage_key(db, resume_id=resume_id)
        deliveries = queue_webhooks(db, resume_id=resume_id, now=context.clock()) if stored else []
    if key_to_delete is not None:  # a file we could not parse is not kept
        context.files.delete(key_to_delete)
    context.observer.parse_finished(
        status=result.status, error_code=result.error_code, seconds=seconds)
    if not stored:
        return False
    context.webhooks.dispatch(deliveries)
    if result.error_code is not None:
        error = ErrorOut(code=result.error_code, message=result.error_message or "")
        context.sink.publish(resume_id, make_event(resume_id, "failed", error=error))
        return True
    if isinstance(context.sink, ProgressHub):
        context.sink.record_duration(seconds)
    context.sink.publish(resume_id, make_event(resume_id, "complete"))
    return True


def _shown(filename: str | None) -> str:
    from resumate.extract import shown_name

    return shown_name(filename)


def _gave_up(filename: str | None) -> SandboxResult:
    return SandboxResult(
        status="failed", error_code="job_failed",
        error_message=(
            f"Could not parse {_shown(filename)}: the parse was interrupted {MAX_ATTEMPTS} "
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
