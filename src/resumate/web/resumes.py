"""What the API and the browser UI do with resumes: plain functions over an AppContext.

Routes stay thin: they validate the request, call one of these, and return its model. Every
function that writes owns its transaction; files are written before the rows that point at
them and removed when those rows are not written, so a failure leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from typing import Any

from resumate.extract import detect_format
from resumate.jobs.progress import ErrorOut, ProgressEvent, make_event
from resumate.store import repositories as repo
from resumate.store.files import new_key
from resumate.store.models import ResumeRecord
from resumate.web.context import AppContext
from resumate.web.corrections import apply_corrections
from resumate.web.errors import ApiError, not_found
from resumate.web.schemas import (
    CorrectionOut,
    ProgressLinks,
    ResumeLinks,
    ResumeOut,
    ResumePage,
    ResumeSummary,
)
from resumate.web.uploads import Upload

API = "/api/v1"
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "txt": "text/plain; charset=utf-8",
}


def resume_links(resume_id: str) -> ResumeLinks:
    base = f"{API}/resumes/{resume_id}"
    return ResumeLinks(
        self=base, status=f"{base}/status", file=f"{base}/file", share=f"{base}/share",
        progress=ProgressLinks(websocket=f"/ws/resumes/{resume_id}", events=f"{base}/events"),
    )


# --- upload -------------------------------------------------------------------------------------


def accept_upload(context: AppContext, upload: Upload, *, fresh: bool) -> tuple[ResumeRecord, bool]:
    """Check the type by content, store the file durably, record the resume and queue its
    parse. Returns (resume, deduplicated). Raises ResumateError for files we will not take."""
    format = detect_format(upload.data, upload.filename)
    sha256 = hashlib.sha256(upload.data).hexdigest()
    if not fresh:
        with context.db.read() as db:
            existing = repo.find_resume_by_sha256(db, sha256=sha256)
        if existing is not None:
            return existing, True
    key = new_key()
    context.files.put(key, upload.data)
    try:
        with context.db.write() as db:
            record = repo.add_resume(
                db, resume_id=secrets.token_hex(16), filename=upload.filename, format=format,
                size_bytes=len(upload.data), sha256=sha256, storage_key=key, now=context.clock(),
            )
    except BaseException:
        context.files.delete(key)
        raise
    context.hub.publish(record.id, make_event(record.id, "queued"))
    context.runner.submit(record.id)
    return record, False


# --- reading ------------------------------------------------------------------------------------


def get_record(context: AppContext, resume_id: str) -> ResumeRecord:
    with context.db.read() as db:
        record = repo.get_resume(db, resume_id=resume_id)
        if record is None:
            raise not_found()
        _ = record.parsed  # load while the session is open
        return record


def summary_fields(record: ResumeRecord) -> dict[str, Any]:
    error = (ErrorOut(code=record.error_code, message=record.error_message or "")
             if record.error_code else None)
    return {
        "id": record.id, "status": record.status, "quality": record.quality,
        "filename": record.filename, "format": record.format, "size_bytes": record.size_bytes,
        "sha256": record.sha256, "pages": record.pages,
        "overall_confidence": record.overall_confidence, "created_at": record.created_at,
        "updated_at": record.updated_at, "parsed_at": record.parsed_at,
        "confirmed_at": record.confirmed_at, "error": error, "links": resume_links(record.id),
    }


def resume_out(record: ResumeRecord) -> ResumeOut:
    parsed = record.parsed
    document = parsed.document if parsed is not None else None
    confidence = (document or {}).get("meta", {}).get("resumate", {}).get("confidence", {})
    return ResumeOut(
        **summary_fields(record), resume=document, confidence=confidence,
        warnings=list(parsed.warnings) if parsed is not None else [],
        text=parsed.text if parsed is not None else None,
    )


def load_resume(context: AppContext, resume_id: str) -> ResumeOut:
    return resume_out(get_record(context, resume_id))


def current_progress(context: AppContext, record: ResumeRecord) -> ProgressEvent:
    """The latest progress event, or one derived from the stored status (after a restart)."""
    if record.status in ("parsed", "confirmed"):
        return make_event(record.id, "complete")
    if record.status == "failed":
        error = ErrorOut(code=record.error_code or "job_failed", message=record.error_message or "")
        return make_event(record.id, "failed", error=error)
    latest = context.hub.latest(record.id)
    if latest is not None and not latest.is_terminal:
        return latest
    return make_event(record.id, "queued", eta_seconds=context.hub.eta("queued"))


def list_page(context: AppContext, *, status: str | None, limit: int, offset: int) -> ResumePage:
    with context.db.read() as db:
        items, total = repo.list_resumes(db, status=status, limit=limit, offset=offset)
        summaries = [ResumeSummary(**summary_fields(r)) for r in items]
    following = offset + limit
    next_url = None
    if following < total:
        query = f"limit={limit}&offset={following}" + (f"&status={status}" if status else "")
        next_url = f"{API}/resumes?{query}"
    return ResumePage(items=summaries, total=total, limit=limit, offset=offset, next=next_url)


# --- changing -----------------------------------------------------------------------------------


def correct_resume(
    context: AppContext, resume_id: str, corrections: Sequence[tuple[str, Any]]
) -> ResumeOut:
    with context.db.write() as db:
        record = repo.get_resume(db, resume_id=resume_id)
        if record is None:
            raise not_found()
        if record.parsed is None or record.status not in ("parsed", "confirmed"):
            raise ApiError("not_ready", "This resume has no parsed data to correct yet.")
        document, changes = apply_corrections(record.parsed.document, corrections)
        repo.record_corrections(db, record=record, document=document, changes=changes,
                                now=context.clock())
        record.overall_confidence = document["meta"]["resumate"].get("overallConfidence")
        db.flush()
        return resume_out(record)


def list_corrections(context: AppContext, resume_id: str) -> list[CorrectionOut]:
    get_record(context, resume_id)
    with context.db.read() as db:
        return [CorrectionOut.model_validate(c)
                for c in repo.list_corrections(db, resume_id=resume_id)]


def confirm_resume(context: AppContext, resume_id: str) -> ResumeOut:
    with context.db.write() as db:
        record = repo.get_resume(db, resume_id=resume_id)
        if record is None:
            raise not_found()
        if record.status not in ("parsed", "confirmed"):
            raise ApiError("not_ready", "Only a parsed resume can be confirmed.")
        repo.confirm_resume(db, record=record, now=context.clock())
        db.flush()
        return resume_out(record)


def erase_resume(context: AppContext, resume_id: str) -> None:
    """GDPR erasure: the rows (data, corrections, shares, jobs) and the original file."""
    with context.db.write() as db:
        if repo.get_resume(db, resume_id=resume_id) is None:
            raise not_found()
        key = repo.delete_resume(db, resume_id=resume_id)
    if key is not None:
        context.files.delete(key)
    context.hub.forget(resume_id)


def original_file(context: AppContext, resume_id: str) -> tuple[bytes, ResumeRecord]:
    record = get_record(context, resume_id)
    if record.storage_key is None:
        raise ApiError("not_found", "The original file is not kept for a resume that failed.")
    return context.files.get(record.storage_key), record
