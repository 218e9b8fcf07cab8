"""`/api/v1/resumes`: upload, read, correct, confirm, erase, download, export."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from resumate.store.models import RESUME_STATUSES
from resumate.web import exports
from resumate.web import resumes as service
from resumate.web.deps import Context, enforce_upload_rate, require_api_key
from resumate.web.errors import ApiError
from resumate.web.schemas import (
    CorrectionOut,
    CorrectionsIn,
    ResumeOut,
    ResumePage,
    ResumeStatusOut,
    UploadAccepted,
)
from resumate.web.uploads import read_upload

router = APIRouter(prefix="/api/v1/resumes", tags=["resumes"],
                   dependencies=[Depends(require_api_key)])
ExportFormat = Literal["json", "jsonresume", "pdf"]
_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary"}},
        }}},
    }
}


@router.post(
    "", status_code=202, response_model=UploadAccepted, openapi_extra=_UPLOAD_BODY,
    dependencies=[Depends(enforce_upload_rate)],
    responses={200: {"model": ResumeOut, "description": "with ?wait=true: the parsed resume"}},
)
async def upload_resume(
    request: Request, context: Context,
    wait: Annotated[bool, Query(description="parse now and answer 200 with the result")] = False,
    fresh: Annotated[bool, Query(description="parse again even if these bytes were seen")] = False,
) -> Response:
    """Upload one resume (multipart field `file`). Answers 202 with status and progress URLs."""
    upload = await read_upload(request, max_bytes=context.settings.max_upload_bytes)
    record, deduplicated = await run_in_threadpool(service.accept_upload, context, upload,
                                                   fresh=fresh)
    context.metrics.uploads.labels(outcome="deduplicated" if deduplicated else "accepted").inc()
    if wait:
        return JSONResponse((await _wait_for(context, record.id)).model_dump(mode="json"))
    links = service.resume_links(record.id)
    accepted = UploadAccepted(
        id=record.id, status=record.status,  # type: ignore[arg-type]  # a ResumeStatus value
        deduplicated=deduplicated, status_url=links.status,
        progress=links.progress, links=links,
    )
    return JSONResponse(accepted.model_dump(mode="json"), status_code=202,
                        headers={"Location": links.self})


async def _wait_for(context: Context, resume_id: str) -> ResumeOut:
    async with context.hub.subscribe(resume_id) as queue:
        record = await run_in_threadpool(service.get_record, context, resume_id)
        if record.status in ("queued", "processing"):
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(context.settings.wait_timeout_seconds):
                    while not (await queue.get()).is_terminal:
                        pass
    return await run_in_threadpool(service.load_resume, context, resume_id)


@router.get("", response_model=ResumePage)
def list_resumes(
    context: Context,
    status: Annotated[Literal[RESUME_STATUSES] | None, Query()] = None,  # type: ignore[valid-type]
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ResumePage:
    return service.list_page(context, status=status, limit=limit, offset=offset)


@router.get("/{resume_id}", response_model=ResumeOut)
def get_resume(resume_id: str, context: Context) -> ResumeOut:
    return service.load_resume(context, resume_id)


@router.get("/{resume_id}/status", response_model=ResumeStatusOut)
def get_status(resume_id: str, context: Context) -> ResumeStatusOut:
    record = service.get_record(context, resume_id)
    return ResumeStatusOut(id=record.id, status=record.status,  # type: ignore[arg-type]
                           progress=service.current_progress(context, record))


@router.patch("/{resume_id}", response_model=ResumeOut)
def correct_resume(resume_id: str, body: CorrectionsIn, context: Context) -> ResumeOut:
    """Correct fields; each correction is stored (path, old value, new value, time)."""
    pairs = [(c.path, c.value) for c in body.corrections]
    return service.correct_resume(context, resume_id, pairs)


@router.get("/{resume_id}/corrections", response_model=list[CorrectionOut])
def list_corrections(resume_id: str, context: Context) -> list[CorrectionOut]:
    return service.list_corrections(context, resume_id)


@router.post("/{resume_id}/confirm", response_model=ResumeOut)
def confirm_resume(resume_id: str, context: Context) -> ResumeOut:
    return service.confirm_resume(context, resume_id)


@router.delete("/{resume_id}", status_code=204)
def delete_resume(resume_id: str, context: Context) -> Response:
    """Erase the resume: original file, parsed data, corrections, shares and jobs."""
    service.erase_resume(context, resume_id)
    return Response(status_code=204)


@router.get("/{resume_id}/file", response_class=Response,
            responses={200: {"content": {"application/octet-stream": {}}}})
def download_file(resume_id: str, context: Context) -> Response:
    data, record = service.original_file(context, resume_id)
    media = service.MEDIA_TYPES.get(record.format or "", "application/octet-stream")
    return Response(data, media_type=media, headers=download_headers(record.filename))


@router.get("/{resume_id}/export/{fmt}", response_class=Response,
            responses={200: {"content": {"application/pdf": {}, "application/json": {}}}})
def export_resume(resume_id: str, fmt: ExportFormat, context: Context) -> Response:
    resume = service.load_resume(context, resume_id)
    if resume.resume is None:
        raise ApiError("not_ready", "This resume has no parsed data to export yet.")
    stem = resume.filename.rsplit(".", 1)[0] or "resume"
    if fmt == "pdf":
        return Response(exports.render_pdf(resume.resume), media_type="application/pdf",
                        headers=download_headers(f"{stem}.pdf"))
    body = resume.model_dump(mode="json") if fmt == "json" else resume.resume
    suffix = ".json" if fmt == "json" else ".resume.json"
    return Response(exports.json_bytes(body), media_type="application/json",
                    headers=download_headers(f"{stem}{suffix}"))


def download_headers(filename: str) -> dict[str, str]:
    """Content-Disposition that is safe whatever the name: an ASCII fallback and RFC 5987."""
    ascii_name = "".join(
        ch if ch.isascii() and (ch.isalnum() or ch in "._- ") else "_" for ch in filename
    ).strip() or "download"
    return {
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; "
                               f"filename*=UTF-8''{quote(filename, safe='')}",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }
