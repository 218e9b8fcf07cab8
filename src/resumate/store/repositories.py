"""Queries and writes as plain functions with keyword-only arguments; the caller owns the
transaction (see `Database.write()`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from resumate.store.models import (
    BatchItemRecord,
    BatchRecord,
    CorrectionRecord,
    JobRecord,
    ParsedDataRecord,
    ResumeRecord,
    ShareRecord,
    WebhookDeliveryRecord,
)

# --- resumes --------------------------------------------------------------------------------------


def add_resume(
    db: Session, *, resume_id: str, filename: str, format: str | None, size_bytes: int,
    sha256: str, storage_key: str, now: dt.datetime,
) -> ResumeRecord:
    """A new resume waiting for its parse, with its job row."""
    record = ResumeRecord(
        id=resume_id, filename=filename, format=format, size_bytes=size_bytes, sha256=sha256,
        storage_key=storage_key, status="queued", created_at=now, updated_at=now,
    )
    db.add(record)
    db.add(JobRecord(resume_id=resume_id, status="queued", attempts=0, created_at=now))
    db.flush()
    return record


def get_resume(db: Session, *, resume_id: str) -> ResumeRecord | None:
    return db.get(ResumeRecord, resume_id)


def find_resume_by_sha256(db: Session, *, sha256: str) -> ResumeRecord | None:
    """The newest resume with these bytes that did not fail (failed ones are parsed afresh)."""
    query = (
        select(ResumeRecord)
        .where(ResumeRecord.sha256 == sha256, ResumeRecord.status != "failed")
        .order_by(ResumeRecord.created_at.desc())
        .limit(1)
    )
    return db.scalars(query).first()


def list_resumes(
    db: Session, *, status: str | None, limit: int, offset: int
) -> tuple[Sequence[ResumeRecord], int]:
    query = select(ResumeRecord)
    counted = select(func.count()).select_from(ResumeRecord)
    if status is not None:
        query = query.where(ResumeRecord.status == status)
        counted = counted.where(ResumeRecord.status == status)
    query = query.order_by(ResumeRecord.created_at.desc(), ResumeRecord.id).limit(limit)
    items = db.scalars(query.offset(offset)).all()
    return items, int(db.scalar(counted) or 0)


def delete_resume(db: Session, *, resume_id: str) -> str | None:
    """Remove the resume and everything hanging off it; returns the file's storage key."""
    record = db.get(ResumeRecord, resume_id)
    if record is None:
        return None
    key = record.storage_key
    db.delete(record)
    db.flush()
    return key


def resumes_created_before(db: Session, *, before: dt.datetime) -> Sequence[ResumeRecord]:
    query = select(ResumeRecord).where(ResumeRecord.created_at < before)
    return db.scalars(query).all()


def confirm_resume(db: Session, *, record: ResumeRecord, now: dt.datetime) -> None:
    record.status = "confirmed"
    record.confirmed_at = now
    record.updated_at = now


# --- parse results ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ParseOutcome:
    """What the job writes back; `error_code` set means the parse failed."""

    document: dict[str, Any] | None = None
    text: str = ""
    warnings: Sequence[str] = ()
    quality: str | None = None
    overall_confidence: float | None = None
    format: str | None = None
    pages: int | None = None
    error_code: str | None = None
    error_message: str | None = None


def start_job(db: Session, *, resume_id: str, now: dt.datetime) -> int:
    """Mark the resume's open job running and return its attempt number (1, 2, ...);
    0 when the resume is gone or has no open job."""
    job = _open_job(db, resume_id=resume_id)
    record = db.get(ResumeRecord, resume_id)
    if job is None or record is None:
        return 0
    job.status, job.started_at, job.attempts = "running", now, job.attempts + 1
    record.status, record.updated_at = "processing", now
    return job.attempts


def finish_job(
    db: Session, *, resume_id: str, outcome: ParseOutcome, now: dt.datetime,
    attempt: int | None = None,
) -> bool:
    """Store the outcome; False when the resume was deleted meanwhile, or (given `attempt`)
    when that claim on the job is no longer the current one (another delivery took over)."""
    record = db.get(ResumeRecord, resume_id)
    if record is None:
        return False
    failed = outcome.error_code is not None
    job = _open_job(db, resume_id=resume_id, lock=attempt is not None)
    if attempt is not None and (job is None or job.status != "running"
                                or job.attempts != attempt):
        return False
    if job is not None:
        job.status, job.finished_at, job.error_code = (
            "failed" if failed else "done", now, outcome.error_code)
    record.updated_at = now
    record.format = outcome.format or record.format
    record.pages = outcome.pages
    if failed:
        record.status, record.error_code = "failed", outcome.error_code
        record.error_message = outcome.error_message
        return True
    assert outcome.document is not None
    record.status, record.quality, record.parsed_at = "parsed", outcome.quality, now
    record.overall_confidence = outcome.overall_confidence
    record.error_code = record.error_message = None
    db.merge(ParsedDataRecord(
        resume_id=resume_id, document=outcome.document, text=outcome.text,
        warnings=list(outcome.warnings),
    ))
    return True


def reset_for_reparse(db: Session, *, record: ResumeRecord, now: dt.datetime) -> None:
    record.status, record.updated_at = "queued", now
    db.add(JobRecord(resume_id=record.id, status="queued", attempts=0, created_at=now))


def unfinished_job_resume_ids(db: Session) -> list[str]:
    """Resumes whose job is queued or was running when the process stopped, oldest first."""
    query = (
        select(JobRecord.resume_id)
        .where(JobRecord.status.in_(("queued", "running")))
        .order_by(JobRecord.created_at, JobRecord.id)
    )
    return list(dict.fromkeys(db.scalars(query).all()))


def count_jobs(db: Session, *, status: str) -> int:
    return int(db.scalar(select(func.count()).where(JobRecord.status == status)) or 0)


def _open_job(db: Session, *, resume_id: str, lock: bool = False) -> JobRecord | None:
    query = (
        select(JobRecord)
        .where(JobRecord.resume_id == resume_id, JobRecord.status.in_(("queued", "running")))
        .order_by(JobRecord.id.desc())
        .limit(1)
    )
    if lock:  # SELECT ... FOR UPDATE on PostgreSQL: two deliveries claim one after the other
        query = query.with_for_update()
    return db.scalars(query).first()


@dataclass(frozen=True, slots=True)
class JobClaim:
    """The outcome of claiming a job: `attempt` > 0 means ours to run; otherwise nothing to do,
    or (`busy_seconds` > 0) another delivery holds a live lease on it."""

    attempt: int = 0
    busy_seconds: float = 0.0


def claim_job(
    db: Session, *, resume_id: str, now: dt.datetime, lease_seconds: float
) -> JobClaim:
    """Start the resume's open job unless another worker's claim (younger than
    `lease_seconds`) is still live. A job that is done or gone gives `JobClaim()`."""
    job = _open_job(db, resume_id=resume_id, lock=True)
    record = db.get(ResumeRecord, resume_id)
    if job is None or record is None:
        return JobClaim()
    if job.status == "running" and job.started_at is not None:
        held_until = job.started_at + dt.timedelta(seconds=lease_seconds)
        if held_until > now:
            return JobClaim(busy_seconds=max(0.1, (held_until - now).total_seconds()))
    job.status, job.started_at, job.attempts = "running", now, job.attempts + 1
    record.status, record.updated_at = "processing", now
    return JobClaim(attempt=job.attempts)


def release_job(
    db: Session, *, resume_id: str, attempt: int, now: dt.datetime, count_attempt: bool
) -> bool:
    """Give a claim back so that a retry can take it at once: queued again. An attempt cut
    short by an outage is not counted (`count_attempt=False`: it says nothing about the file).
    False when the claim is no longer ours."""
    job = _open_job(db, resume_id=resume_id, lock=True)
    if job is None or job.status != "running" or job.attempts != attempt:
        return False
    job.status, job.started_at = "queued", None
    if not count_attempt:
        job.attempts -= 1
    record = db.get(ResumeRecord, resume_id)
    if record is not None:
        record.status, record.updated_at = "queued", now
    return True


def stale_open_jobs(
    db: Session, *, queued_before: dt.datetime, started_before: dt.datetime, limit: int
) -> list[str]:
    """Resumes whose job waits since before `queued_before`, or whose running claim dates from
    before `started_before` (its worker is gone): candidates to enqueue again."""
    query = (
        select(JobRecord.resume_id)
        .where(
            ((JobRecord.status == "queued") & (JobRecord.created_at < queued_before))
            | ((JobRecord.status == "running") & (JobRecord.started_at < started_before))
        )
        .order_by(JobRecord.id)
        .limit(limit)
    )
    return list(dict.fromkeys(db.scalars(query).all()))


# --- corrections --------------------------------------------------------------------------------


def record_corrections(
    db: Session, *, record: ResumeRecord, document: dict[str, Any],
    changes: Sequence[tuple[str, Any, Any]], now: dt.datetime,
) -> None:
    """Store the corrected document and one row per change (path, old value, new value)."""
    assert record.parsed is not None
    record.parsed.document = document
    record.updated_at = now
    for path, old, new in changes:
        db.add(CorrectionRecord(
            resume_id=record.id, path=path, old_value=old, new_value=new, created_at=now))


def list_corrections(db: Session, *, resume_id: str) -> Sequence[CorrectionRecord]:
    query = select(CorrectionRecord).where(CorrectionRecord.resume_id == resume_id)
    return db.scalars(query.order_by(CorrectionRecord.id)).all()


# --- shares -------------------------------------------------------------------------------------


def add_share(
    db: Session, *, resume_id: str, token: str, expires_at: dt.datetime | None, now: dt.datetime
) -> ShareRecord:
    share = ShareRecord(
        resume_id=resume_id, token=token, created_at=now, expires_at=expires_at, access_count=0)
    db.add(share)
    db.flush()
    return share


def active_share(db: Session, *, resume_id: str, now: dt.datetime) -> ShareRecord | None:
    query = (
        select(ShareRecord)
        .where(ShareRecord.resume_id == resume_id, ShareRecord.revoked_at.is_(None))
        .order_by(ShareRecord.id.desc())
    )
    for share in db.scalars(query):
        if is_share_live(share, now=now):
            return share
    return None


def live_share_by_token(db: Session, *, token: str, now: dt.datetime) -> ShareRecord | None:
    share = db.scalars(select(ShareRecord).where(ShareRecord.token == token)).first()
    if share is None or not is_share_live(share, now=now):
        return None
    return share


def is_share_live(share: ShareRecord, *, now: dt.datetime) -> bool:
    if share.revoked_at is not None:
        return False
    return share.expires_at is None or share.expires_at > now


def record_share_access(db: Session, *, share_id: int, now: dt.datetime) -> None:
    db.execute(
        update(ShareRecord)
        .where(ShareRecord.id == share_id)
        .values(access_count=ShareRecord.access_count + 1, last_accessed_at=now)
    )


# --- batches and webhook deliveries ---------------------------------------------------------


def add_batch(
    db: Session, *, batch_id: str, callback_url: str | None, callback_secret: str | None,
    resume_ids: Sequence[str], now: dt.datetime,
) -> BatchRecord:
    batch = BatchRecord(id=batch_id, callback_url=callback_url, callback_secret=callback_secret,
                        created_at=now)
    db.add(batch)
    db.flush()
    for resume_id in dict.fromkeys(resume_ids):
        db.add(BatchItemRecord(batch_id=batch_id, resume_id=resume_id))
    db.flush()
    return batch


def get_batch(db: Session, *, batch_id: str) -> BatchRecord | None:
    return db.get(BatchRecord, batch_id)


def batch_resumes(db: Session, *, batch_id: str) -> Sequence[ResumeRecord]:
    query = (
        select(ResumeRecord)
        .join(BatchItemRecord, BatchItemRecord.resume_id == ResumeRecord.id)
        .where(BatchItemRecord.batch_id == batch_id)
        .order_by(ResumeRecord.created_at, ResumeRecord.id)
    )
    return db.scalars(query).all()


def callback_batches_of(db: Session, *, resume_id: str) -> Sequence[BatchRecord]:
    query = (
        select(BatchRecord)
        .join(BatchItemRecord, BatchItemRecord.batch_id == BatchRecord.id)
        .where(BatchItemRecord.resume_id == resume_id, BatchRecord.callback_url.is_not(None))
    )
    return db.scalars(query).all()


def add_webhook_delivery(
    db: Session, *, batch_id: str, resume_id: str, event: str, payload: dict[str, Any],
    now: dt.datetime,
) -> WebhookDeliveryRecord:
    delivery = WebhookDeliveryRecord(
        batch_id=batch_id, resume_id=resume_id, event=event, payload=payload, status="pending",
        attempts=0, created_at=now, next_attempt_at=now)
    db.add(delivery)
    db.flush()
    return delivery


def get_webhook_delivery(db: Session, *, delivery_id: int) -> WebhookDeliveryRecord | None:
    return db.get(WebhookDeliveryRecord, delivery_id)


def due_webhook_deliveries(db: Session, *, now: dt.datetime, limit: int) -> list[int]:
    query = (
        select(WebhookDeliveryRecord.id)
        .where(WebhookDeliveryRecord.status == "pending",
               WebhookDeliveryRecord.next_attempt_at <= now)
        .order_by(WebhookDeliveryRecord.next_attempt_at)
        .limit(limit)
    )
    return list(db.scalars(query).all())


def has_webhook_delivery(db: Session, *, batch_id: str, resume_id: str, event: str) -> bool:
    query = select(func.count()).where(
        WebhookDeliveryRecord.batch_id == batch_id, WebhookDeliveryRecord.resume_id == resume_id,
        WebhookDeliveryRecord.event == event)
    return bool(db.scalar(query))
