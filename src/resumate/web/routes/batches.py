"""`/api/v1/batches`: submit many resumes at once, with an optional signed callback.

`POST /api/v1/batches` (multipart: one or more `file` parts, optional `callback_url`) answers
202 with one item per file (its resume id, or the error for a file we will not take) and, with
a callback, the batch's signing secret (shown once). Each resume's outcome is then POSTed to
the callback as a signed `resume.finished` webhook (see `jobs.webhooks` and docs/api.md).
`GET /api/v1/batches/{id}` reports the batch's progress.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from resumate.errors import ResumateError
from resumate.jobs.progress import ErrorOut
from resumate.jobs.webhooks import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    CallbackRefused,
    check_callback_url,
    queue_batch_webhooks,
)
from resumate.store import repositories as repo
from resumate.web import resumes as service
from resumate.web.context import AppContext
from resumate.web.deps import Context, client_ip, require_api_key
from resumate.web.errors import ApiError, not_found
from resumate.web.uploads import MULTIPART_OVERHEAD_BYTES, Upload, sanitize_filename

router = APIRouter(prefix="/api/v1/batches", tags=["batches"],
                   dependencies=[Depends(require_api_key)])
FILE_FIELDS = ("file", "files")
_BATCH_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {
                "file": {"type": "array", "items": {"type": "string", "format": "binary"}},
                "callback_url": {"type": "string", "format": "uri"},
            },
        }}},
    }
}


class BatchItemOut(BaseModel):
    filename: str
    id: str | None = None
    status: str | None = None
    deduplicated: bool = False
    status_url: str | None = None
    error: ErrorOut | None = None


class SignatureOut(BaseModel):
    algorithm: str = "HMAC-SHA256 over '<timestamp>.' + raw body, hex, prefixed 'v1='"
    signature_header: str = SIGNATURE_HEADER
    timestamp_header: str = TIMESTAMP_HEADER
    event_header: str = EVENT_HEADER
    delivery_header: str = DELIVERY_HEADER


class BatchAccepted(BaseModel):
    id: str
    callback_url: str | None = None
    callback_secret: str | None = None
    signature: SignatureOut | None = None
    items: list[BatchItemOut]
    links: dict[str, str]


class BatchOut(BaseModel):
    id: str
    callback_url: str | None = None
    counts: dict[str, int]
    items: list[BatchItemOut]


@router.post("", status_code=202, response_model=BatchAccepted, openapi_extra=_BATCH_BODY)
async def submit_batch(request: Request, context: Context) -> BatchAccepted:
    """Upload several resumes (repeated multipart field `file`) with an optional
    `callback_url` that receives a signed webhook per finished resume."""
    settings = context.settings
    declared = request.headers.get("content-length", "")
    cap = settings.batch_max_files * (settings.max_upload_bytes + MULTIPART_OVERHEAD_BYTES)
    if declared.isdigit() and int(declared) > cap:
        raise ApiError("too_large", f"A batch holds at most {settings.batch_max_files} files "
                                    "within the per-file size limit.")
    try:
        form = await request.form(max_files=settings.batch_max_files, max_fields=10)
    except Exception as error:  # malformed multipart or over the file count
        raise ApiError("invalid_request", f"The batch could not be read: {error}") from None
    try:
        callback = _callback_url(form.get("callback_url"), context)
        parts = [p for name in FILE_FIELDS for p in form.getlist(name) if isinstance(p, UploadFile)]
        if not parts:
            raise ApiError("invalid_request", "No files in the form field 'file'.")
        uploads = [await _read(part, settings.max_upload_bytes) for part in parts]
    finally:
        await form.close()
    ip = client_ip(request)
    return await run_in_threadpool(_accept_batch, context, uploads, callback, ip)


async def _read(part: UploadFile, limit: int) -> Upload | ErrorOut:
    data = await part.read(limit + 1)
    if len(data) > limit:
        return ErrorOut(code="too_large",
                        message=f"The file is over the {limit / 1_048_576:.0f} MB limit.")
    return Upload(filename=sanitize_filename(part.filename), data=data)


def _callback_url(value: object, context: AppContext) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > 2000:
        raise ApiError("invalid_request", "callback_url must be a URL of at most 2000 chars.")
    try:
        return check_callback_url(value, allow_private=context.settings.webhook_allow_private)
    except CallbackRefused as refused:
        raise ApiError("invalid_request", str(refused)) from None


def _accept_batch(context: AppContext, uploads: list[Upload | ErrorOut], callback: str | None,
                  ip: str) -> BatchAccepted:
    items: list[BatchItemOut] = []
    for upload in uploads:
        items.append(_accept_one(context, upload, ip))
    batch_id = secrets.token_hex(16)
    secret = secrets.token_hex(32) if callback else None
    with context.db.write() as db:
        repo.add_batch(db, batch_id=batch_id, callback_url=callback, callback_secret=secret,
                       resume_ids=[i.id for i in items if i.id], now=context.clock())
    with context.db.write() as db:  # resumes that finished before the batch was recorded
        deliveries = queue_batch_webhooks(db, batch_id=batch_id, now=context.clock())
    context.webhooks.dispatch(deliveries)
    return BatchAccepted(
        id=batch_id, callback_url=callback, callback_secret=secret,
        signature=SignatureOut() if callback else None, items=items,
        links={"self": f"{service.API}/batches/{batch_id}"},
    )


def _accept_one(context: AppContext, upload: Upload | ErrorOut, ip: str) -> BatchItemOut:
    if isinstance(upload, ErrorOut):
        return BatchItemOut(filename="upload", error=upload)
    if context.limiter.hit(ip) is not None:
        return BatchItemOut(filename=upload.filename, error=ErrorOut(
            code="rate_limited", message="Too many uploads from your address; try later."))
    try:
        record, deduplicated = service.accept_upload(context, upload, fresh=False)
    except ResumateError as error:
        return BatchItemOut(filename=upload.filename,
                            error=ErrorOut(code=error.code, message=error.message))
    context.metrics.uploads.labels(outcome="deduplicated" if deduplicated else "accepted").inc()
    return BatchItemOut(filename=upload.filename, id=record.id, status=record.status,
                        deduplicated=deduplicated,
                        status_url=service.resume_links(record.id).status)


@router.get("/{batch_id}", response_model=BatchOut)
def get_batch(batch_id: Annotated[str, "batch id"], context: Context) -> BatchOut:
    with context.db.read() as db:
        batch = repo.get_batch(db, batch_id=batch_id)
        if batch is None:
            raise not_found("batch")
        records = repo.batch_resumes(db, batch_id=batch_id)
        items = [BatchItemOut(filename=r.filename, id=r.id, status=r.status,
                              status_url=service.resume_links(r.id).status,
                              error=ErrorOut(code=r.error_code, message=r.error_message or "")
                              if r.error_code else None) for r in records]
        callback = batch.callback_url
    counts: dict[str, int] = {}
    for item in items:
        counts[item.status or "unknown"] = counts.get(item.status or "unknown", 0) + 1
    return BatchOut(id=batch_id, callback_url=callback, counts=counts, items=items)
