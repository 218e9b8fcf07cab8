"""Queries and writes as plain functions with keyword-only arguments; the caller owns the
transaction (see `Database.write()`). A job's claim and outcome are in `job_queue`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from resumate.store.job_queue import OPEN_JOB_STATUSES
from resumate.store.models import (
    BatchItemRecord,
    BatchRecord,
    CorrectionRecord,
    JobRecord,
    ResumeRecord,
    ShareRecord,
    WebhookDeliveryRecord,
    table_of,
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


# --- jobs ---------------------------------------------------------------------------------------


def reset_for_reparse(db: Session, *, record: ResumeRecord, now: dt.datetime) -> None:
    record.status, record.updated_at = "queued", now
    db.add(JobRecord(resume_id=record.id, status="queued", attempts=0, created_at=now))


def unfinished_job_resume_ids(db: Session) -> list[str]:
    """Resumes whose job is queued or was running when the process stopped, oldest first."""
    query = (
        select(JobRecord.resume_id)
        .where(JobRecord.status.in_(OPEN_JOB_STATUSES))
        .order_by(JobRecord.created_at, JobRecord.id)
    )
    return list(dict.fromkeys(db.scalars(query).all()))


def count_jobs(db: Session, *, status: str) -> int:
    return int(db.scalar(select(func.count()).where(JobRecord.status == status)) or 0)


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


_BATCHES, _BATCH_ITEMS = table_of(BatchRecord), table_of(BatchItemRecord)
_CALLBACK_BATCH_IDS = (
    select(_BATCHES.c.id)
    .join(_BATCH_ITEMS, _BATCH_ITEMS.c.batch_id == _BATCHES.c.id)
    .where(_BATCH_ITEMS.c.resume_id == bindparam("rid"), _BATCHES.c.callback_url.is_not(None))
)


def callback_batch_ids(db: Session, *, resume_id: str) -> list[str]:
    """The batches holding this resume that have a callback URL (a Core query: it runs after
    every parse, and almost always finds none)."""
    return list(db.scalars(_CALLBACK_BATCH_IDS, {"rid": resume_id}).all())


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
