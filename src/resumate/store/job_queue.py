"""The `jobs` table as a queue: claim a resume's open job, store its outcome, give it back.

Every parse runs `claim_job` and `finish_job` once in the process that runs it, so this is the
service's per-job bookkeeping: each is a few statements built once at import (Core `UPDATE ...
RETURNING` and an upsert on the tables, with bound parameters), not ORM objects loaded and
flushed. A claim is one transaction of two statements, a stored result one of three.

Primary rule: the claim is one `UPDATE` of the job row that checks, in its `WHERE`, that the job
is open and not held by a live claim, and counts the attempt; `finish_job` given that attempt
updates the row only while it is still running under the same attempt. On PostgreSQL a
competing statement waits for the row lock and re-checks its `WHERE` against the row as the
first one left it, so of two deliveries one claims (or stores) and the other sees it.
Fallback: a claim that finds the job held reads how long the lease has left (`busy_seconds`).
As in the rest of `store`, the caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from resumate.store.db import JsonText
from resumate.store.models import (
    JobRecord,
    ParsedDataRecord,
    ResumeRecord,
    UtcDateTime,
    table_of,
)

OPEN_JOB_STATUSES = ("queued", "running")


_JOBS, _RESUMES, _PARSED = table_of(JobRecord), table_of(ResumeRecord), table_of(ParsedDataRecord)
_NOW = bindparam("now", type_=UtcDateTime)
# Plain comparisons rather than IN: an IN list is an "expanding" parameter, rendered anew into
# the SQL text on every execution.
_IS_OPEN = or_(*(_JOBS.c.status == status for status in OPEN_JOB_STATUSES))

# Bound parameters are named unlike any column: an UPDATE reserves column names for its SET.
_OPEN_JOB_ID = (
    select(_JOBS.c.id)
    .where(_JOBS.c.resume_id == bindparam("rid"), _IS_OPEN)
    .order_by(_JOBS.c.id.desc())
    .limit(1)
    .scalar_subquery()
)
_CLAIM_JOB = (
    update(_JOBS)
    .where(_JOBS.c.id == _OPEN_JOB_ID, _IS_OPEN,
           or_(_JOBS.c.status == "queued", _JOBS.c.started_at.is_(None),
               _JOBS.c.started_at <= bindparam("lease_expired", type_=UtcDateTime)))
    .values(status="running", started_at=_NOW, attempts=_JOBS.c.attempts + 1)
    .returning(_JOBS.c.attempts)
)
_MARK_PROCESSING = (
    update(_RESUMES)
    .where(_RESUMES.c.id == bindparam("rid"))
    .values(status="processing", updated_at=_NOW)
    .returning(_RESUMES.c.filename, _RESUMES.c.storage_key)
)
_OPEN_JOB_STARTED_AT = select(_JOBS.c.started_at).where(_JOBS.c.id == _OPEN_JOB_ID)
_CLOSE_JOB = (
    update(_JOBS)
    .where(_JOBS.c.id == _OPEN_JOB_ID)
    .values(status=bindparam("job_status"), finished_at=_NOW, error_code=bindparam("code"))
)
_CLOSE_CLAIMED_JOB = (
    _CLOSE_JOB
    .where(_JOBS.c.status == "running", _JOBS.c.attempts == bindparam("attempt"))
    .returning(_JOBS.c.id)
)
_RESUME_OUTCOME = {
    "updated_at": _NOW,
    "format": func.coalesce(bindparam("detected_format", type_=_RESUMES.c.format.type),
                            _RESUMES.c.format),
    "pages": bindparam("page_count", type_=_RESUMES.c.pages.type),
}
_MARK_PARSED = (
    update(_RESUMES)
    .where(_RESUMES.c.id == bindparam("rid"))
    .values({**_RESUME_OUTCOME, "status": "parsed", "quality": bindparam("parse_quality"),
             "parsed_at": _NOW, "overall_confidence": bindparam("confidence"),
             "error_code": None, "error_message": None})
    .returning(_RESUMES.c.id)
)
_MARK_FAILED = (
    update(_RESUMES)
    .where(_RESUMES.c.id == bindparam("rid"))
    .values({**_RESUME_OUTCOME, "status": "failed", "error_code": bindparam("code"),
             "error_message": bindparam("message")})
    .returning(_RESUMES.c.id)
)
_STORAGE_KEY = select(_RESUMES.c.storage_key).where(_RESUMES.c.id == bindparam("rid"))
_FORGET_STORAGE_KEY = (
    update(_RESUMES).where(_RESUMES.c.id == bindparam("rid")).values(storage_key=None))


def _upsert_parsed_data(insert: Any) -> Any:
    excluded = insert.excluded
    return insert.on_conflict_do_update(
        index_elements=[_PARSED.c.resume_id],
        set_={"document": excluded.document, "text": excluded.text,
              "warnings": excluded.warnings},
    )


_UPSERT_PARSED_DATA = {
    "postgresql": _upsert_parsed_data(postgresql.insert(_PARSED)),
    "sqlite": _upsert_parsed_data(sqlite.insert(_PARSED)),
}


@dataclass(frozen=True, slots=True)
class JobClaim:
    """The outcome of claiming a job: `attempt` > 0 means ours to run (the resume's `filename`
    and `storage_key` come with it); otherwise nothing to do, or (`busy_seconds` > 0) another
    delivery holds a live lease on it."""

    attempt: int = 0
    busy_seconds: float = 0.0
    filename: str | None = None
    storage_key: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ParseOutcome:
    """What the job writes back; `error_code` set means the parse failed. The document may come
    already encoded (`JsonText`, as the sandbox returns it)."""

    document: dict[str, Any] | JsonText | None = None
    text: str = ""
    warnings: Sequence[str] = ()
    quality: str | None = None
    overall_confidence: float | None = None
    format: str | None = None
    pages: int | None = None
    error_code: str | None = None
    error_message: str | None = None


def claim_job(
    db: Session, *, resume_id: str, now: dt.datetime, lease_seconds: float
) -> JobClaim:
    """Start the resume's open job (attempt n + 1) unless another worker's claim, younger than
    `lease_seconds`, is still live. A job that is done or gone gives `JobClaim()`."""
    db.flush()  # these statements bypass the ORM: write its pending changes first
    lease_expired = now - dt.timedelta(seconds=lease_seconds)
    attempt = db.scalar(
        _CLAIM_JOB, {"rid": resume_id, "now": now, "lease_expired": lease_expired})
    if attempt is None:
        return JobClaim(busy_seconds=_lease_left(db, resume_id=resume_id, now=now,
                                                 lease_seconds=lease_seconds))
    # the job row exists, so its resume does (ON DELETE CASCADE)
    resume = db.execute(_MARK_PROCESSING, {"rid": resume_id, "now": now}).one()
    return JobClaim(attempt=attempt, filename=resume.filename, storage_key=resume.storage_key)


def _lease_left(db: Session, *, resume_id: str, now: dt.datetime, lease_seconds: float) -> float:
    """Seconds until the open job's current claim runs out (at least 0.1); 0 with no open job."""
    row = db.execute(_OPEN_JOB_STARTED_AT, {"rid": resume_id}).first()
    if row is None:
        return 0.0
    held_until = (row.started_at or now) + dt.timedelta(seconds=lease_seconds)
    return max(0.1, (held_until - now).total_seconds())


def finish_job(
    db: Session, *, resume_id: str, outcome: ParseOutcome, now: dt.datetime,
    attempt: int | None = None,
) -> bool:
    """Store the outcome; False when the resume was deleted meanwhile, or (given `attempt`)
    when that claim on the job is no longer the current one (another delivery took over)."""
    db.flush()  # these statements bypass the ORM: write its pending changes first
    failed = outcome.error_code is not None
    job = {"rid": resume_id, "now": now, "job_status": "failed" if failed else "done",
           "code": outcome.error_code}
    if attempt is None:
        db.execute(_CLOSE_JOB, job)
    elif db.execute(_CLOSE_CLAIMED_JOB, {**job, "attempt": attempt}).first() is None:
        return False
    resume = {"rid": resume_id, "now": now, "detected_format": outcome.format,
              "page_count": outcome.pages}
    if failed:
        return db.execute(_MARK_FAILED, {
            **resume, "code": outcome.error_code, "message": outcome.error_message,
        }).first() is not None
    if db.execute(_MARK_PARSED, {
        **resume, "parse_quality": outcome.quality, "confidence": outcome.overall_confidence,
    }).first() is None:
        return False
    assert outcome.document is not None
    _store_parsed_data(db, resume_id=resume_id, document=outcome.document, text=outcome.text,
                       warnings=list(outcome.warnings))
    return True


def _store_parsed_data(
    db: Session, *, resume_id: str, document: dict[str, Any] | JsonText, text: str,
    warnings: list[str],
) -> None:
    """Insert or replace the resume's parsed data in one statement (an upsert)."""
    row = {"resume_id": resume_id, "document": document, "text": text, "warnings": warnings}
    upsert = _UPSERT_PARSED_DATA.get(db.get_bind().dialect.name)
    if upsert is None:  # a database we have no upsert for: the ORM's merge
        db.merge(ParsedDataRecord(**row))
        return
    db.execute(upsert, row)


def take_storage_key(db: Session, *, resume_id: str) -> str | None:
    """Detach the resume's original from it (a file we could not parse is not kept) and return
    its key, for the caller to delete once the transaction has committed."""
    key: str | None = db.scalar(_STORAGE_KEY, {"rid": resume_id})
    if key is not None:
        db.execute(_FORGET_STORAGE_KEY, {"rid": resume_id})
    return key


def release_job(
    db: Session, *, resume_id: str, attempt: int, now: dt.datetime, count_attempt: bool
) -> bool:
    """Give a claim back so that a retry can take it at once: queued again. An attempt cut
    short by an outage is not counted (`count_attempt=False`: it says nothing about the file).
    False when the claim is no longer ours."""
    db.flush()
    released = db.execute(
        update(_JOBS)
        .where(_JOBS.c.id == _OPEN_JOB_ID, _JOBS.c.status == "running",
               _JOBS.c.attempts == attempt)
        .values(status="queued", started_at=None,
                attempts=_JOBS.c.attempts - (0 if count_attempt else 1))
        .returning(_JOBS.c.id),
        {"rid": resume_id},
    ).first()
    if released is None:
        return False
    db.execute(update(_RESUMES).where(_RESUMES.c.id == resume_id)
               .values(status="queued", updated_at=now))
    return True
