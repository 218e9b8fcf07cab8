"""Share links: `/api/v1/resumes/{id}/share` (owner) and `/api/v1/shared/{token}` (public)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from resumate.web import sharing
from resumate.web.deps import Context, require_api_key
from resumate.web.schemas import SharedResumeOut, ShareEmailIn, ShareIn, ShareOut

router = APIRouter(prefix="/api/v1/resumes/{resume_id}/share", tags=["sharing"],
                   dependencies=[Depends(require_api_key)])
public_router = APIRouter(prefix="/api/v1/shared", tags=["sharing"])
NOINDEX = sharing.NOINDEX


def base_url(request: Request, context: Context) -> str:
    return context.settings.public_url or str(request.base_url)


@router.post("", response_model=ShareOut, status_code=201,
             responses={200: {"model": ShareOut, "description": "the existing live link"}})
def create_share(resume_id: str, request: Request, context: Context,
                 body: Annotated[ShareIn | None, Body()] = None) -> Response:
    """Create the share link, or return the live one (200)."""
    days = (body or ShareIn()).expires_in_days
    share, created = sharing.create_share(context, resume_id, expires_in_days=days,
                                          base_url=base_url(request, context))
    return JSONResponse(share.model_dump(mode="json"), status_code=201 if created else 200)


@router.get("", response_model=ShareOut)
def get_share(resume_id: str, request: Request, context: Context) -> ShareOut:
    return sharing.get_share(context, resume_id, base_url=base_url(request, context))


@router.patch("", response_model=ShareOut)
def update_share(resume_id: str, body: ShareIn, request: Request, context: Context) -> ShareOut:
    """Change the expiry (`expires_in_days`: null = never)."""
    return sharing.update_share(context, resume_id, expires_in_days=body.expires_in_days,
                                base_url=base_url(request, context))


@router.delete("", status_code=204)
def revoke_share(resume_id: str, context: Context) -> Response:
    sharing.revoke_share(context, resume_id)
    return Response(status_code=204)


@router.post("/email", status_code=202)
async def email_share(resume_id: str, body: ShareEmailIn, request: Request,
                      context: Context) -> dict[str, str]:
    """Send the live share link by e-mail (needs RESUMATE_SMTP_HOST)."""
    share = await run_in_threadpool(sharing.get_share, context, resume_id,
                                    base_url=base_url(request, context))
    name = await run_in_threadpool(sharing.resume_name, context, resume_id)
    await run_in_threadpool(sharing.send_share_email, context.settings, to=body.to, share=share,
                            name=name, note=body.message)
    return {"status": "sent"}


@public_router.get("/{token}", response_model=SharedResumeOut)
def shared_resume(token: str, context: Context) -> Response:
    document, share = sharing.open_shared(context, token)
    out = SharedResumeOut(resume=document, expires_at=share.expires_at)
    return JSONResponse(out.model_dump(mode="json"), headers=NOINDEX)
