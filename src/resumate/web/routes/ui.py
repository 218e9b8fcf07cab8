"""The browser app: server-rendered pages (Jinja, autoescaped) over the same service functions
the API uses (`web/resumes.py`, `web/sharing.py`). Page scripts call the JSON API with the
session cookie and its CSRF token; plain forms post here with the token in a hidden field.

Pages: `/` upload, `/resumes` list, `/resumes/{id}` processing, `/resumes/{id}/review`,
`/resumes/{id}/share`, `/login`, and the public `/s/{token}`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from resumate.store import repositories as repo
from resumate.web import resumes as service
from resumate.web import sharing
from resumate.web.deps import Context, enforce_upload_rate
from resumate.web.errors import ApiError
from resumate.web.page_images import PageImages
from resumate.web.pages import (
    ACCEPTED_EXTENSIONS,
    AnyPage,
    CsrfError,
    FormPage,
    SignedInPage,
    safe_next,
)
from resumate.web.review import build_review
from resumate.web.routes.shares import NOINDEX, base_url
from resumate.web.session import csrf_matches, matching_key_fingerprint
from resumate.web.uploads import read_upload

PAGE_SIZE = 20
EXPIRY_CHOICES = (("1", "1 day"), ("7", "7 days"), ("30", "30 days"), ("90", "90 days"),
                  ("365", "1 year"), ("never", "Never"))


def _expiry_days(choice: str) -> int | None:
    if choice == "never":
        return None
    if choice not in dict(EXPIRY_CHOICES):
        raise ApiError("invalid_request", "Choose an expiry from the list.")
    return int(choice)


def make_router(images: PageImages) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    # --- access --------------------------------------------------------------------------------

    @router.get("/login")
    def login_form(page: AnyPage, next: str = "/") -> Response:
        if not page.context.settings.api_keys:
            return page.redirect(safe_next(next))
        return page.render("login.html", {"next": safe_next(next), "error": None})

    @router.post("/login")
    def login(page: AnyPage, key: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/",
              csrf_token: Annotated[str, Form()] = "") -> Response:
        target = safe_next(next)
        if not csrf_matches(page.session, csrf_token):
            return page.render("login.html", {"next": target, "error":
                               "The form expired. Enter the key again."}, status=403)
        fingerprint = matching_key_fingerprint(page.context.settings, key)
        if fingerprint is None:
            return page.render("login.html", {"next": target, "error":
                               "That key is not valid. Check it and try again."}, status=401)
        page.session.sign_in(fingerprint)
        return page.redirect(target)

    @router.post("/logout")
    def logout(page: FormPage) -> Response:
        page.session.sign_out()
        return page.redirect("/login" if page.context.settings.api_keys else "/")

    # --- upload and list -----------------------------------------------------------------------

    @router.get("/")
    def upload_page(page: SignedInPage) -> Response:
        return page.render("upload.html", {
            "accept": ",".join(ACCEPTED_EXTENSIONS),
            "max_bytes": page.context.settings.max_upload_bytes,
        })

    @router.post("/upload", dependencies=[Depends(enforce_upload_rate)])
    async def upload_form(request: Request, page: SignedInPage,
                          csrf_token: Annotated[str, Query()] = "") -> Response:
        """The no-script fallback: one file from the multipart form, then its processing page.
        The CSRF token rides in the form's action URL (the body is streamed to the store)."""
        if not csrf_matches(page.session, csrf_token):
            raise CsrfError
        upload = await read_upload(request, max_bytes=page.context.settings.max_upload_bytes)
        record, _ = await run_in_threadpool(service.accept_upload, page.context, upload,
                                            fresh=False)
        return page.redirect(f"/resumes/{record.id}")

    @router.get("/resumes")
    def list_page(page: SignedInPage, p: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
        listing = service.list_page(page.context, status=None, limit=PAGE_SIZE,
                                    offset=(p - 1) * PAGE_SIZE)
        names = _names(page.context, [item.id for item in listing.items])
        pages = max(1, -(-listing.total // PAGE_SIZE))
        return page.render("resumes.html", {"listing": listing, "names": names, "page": p,
                                            "pages": pages})

    @router.post("/resumes/{resume_id}/delete")
    def delete(resume_id: str, page: FormPage) -> Response:
        service.erase_resume(page.context, resume_id)
        return page.redirect("/resumes?deleted=1")

    # --- one resume ----------------------------------------------------------------------------

    @router.get("/resumes/{resume_id}")
    def processing_page(resume_id: str, page: SignedInPage) -> Response:
        record = service.get_record(page.context, resume_id)
        progress = service.current_progress(page.context, record)
        return page.render("processing.html", {
            "resume": service.resume_out(record), "progress": progress,
            "stages": STAGES,
        })

    @router.get("/resumes/{resume_id}/review")
    async def review_page(resume_id: str, page: SignedInPage) -> Response:
        resume = await run_in_threadpool(service.load_resume, page.context, resume_id)
        if resume.resume is None:
            return page.redirect(f"/resumes/{resume_id}")
        review = build_review(resume.resume)
        pages, lines = [], (resume.text or "").split("\n")
        if resume.format == "pdf":
            data, record = await run_in_threadpool(service.original_file, page.context, resume_id)
            pages = await run_in_threadpool(images.sizes, record.sha256, data)
        return page.render("review.html", {
            "resume": resume, "review": review, "pages": pages, "lines": lines,
            "saved": page.request.query_params.get("confirmed"),
        })

    @router.get("/resumes/{resume_id}/pages/{number}.png")
    async def page_image(resume_id: str, number: int, page: SignedInPage) -> Response:
        data, record = await run_in_threadpool(service.original_file, page.context, resume_id)
        if record.format != "pdf" or record.status not in ("parsed", "confirmed"):
            raise ApiError("not_found", "This resume has no page images.")
        png = await run_in_threadpool(images.png, record.sha256, data, number - 1)
        if png is None:
            raise ApiError("not_found", "The document has no such page.")
        return Response(png, media_type="image/png", headers={
            "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff"})

    @router.post("/resumes/{resume_id}/confirm")
    def confirm(resume_id: str, page: FormPage) -> Response:
        service.confirm_resume(page.context, resume_id)
        return page.redirect(f"/resumes/{resume_id}/review?confirmed=1")

    # --- sharing -------------------------------------------------------------------------------

    @router.get("/resumes/{resume_id}/share")
    def share_page(resume_id: str, page: SignedInPage) -> Response:
        resume = service.load_resume(page.context, resume_id)
        share = None
        if resume.status in ("parsed", "confirmed"):
            try:
                share = sharing.get_share(page.context, resume_id,
                                          base_url=base_url(page.request, page.context))
            except ApiError:
                share = None
        return page.render("share.html", {
            "resume": resume, "share": share, "choices": EXPIRY_CHOICES,
            "name": (resume.resume or {}).get("basics", {}).get("name"),
        })

    @router.post("/resumes/{resume_id}/share")
    def create_share(resume_id: str, page: FormPage,
                     expiry: Annotated[str, Form()] = "30") -> Response:
        sharing.create_share(page.context, resume_id, expires_in_days=_expiry_days(expiry),
                             base_url=base_url(page.request, page.context))
        return page.redirect(f"/resumes/{resume_id}/share")

    @router.post("/resumes/{resume_id}/share/expiry")
    def change_expiry(resume_id: str, page: FormPage,
                      expiry: Annotated[str, Form()] = "30") -> Response:
        sharing.update_share(page.context, resume_id, expires_in_days=_expiry_days(expiry),
                             base_url=base_url(page.request, page.context))
        return page.redirect(f"/resumes/{resume_id}/share")

    @router.post("/resumes/{resume_id}/share/revoke")
    def revoke_share(resume_id: str, page: FormPage) -> Response:
        sharing.revoke_share(page.context, resume_id)
        return page.redirect(f"/resumes/{resume_id}/share?revoked=1")

    @router.get("/s/{token}")
    def shared_page(token: str, page: AnyPage) -> Response:
        try:
            document, share = sharing.open_shared(page.context, token)
        except ApiError:
            return page.render("share_missing.html", status=404, headers=NOINDEX)
        return page.render("shared.html", {"resume": document, "share": share},
                           headers=NOINDEX)

    return router


STAGES = (("detecting", "Detecting the format"), ("extracting", "Extracting text and layout"),
          ("ocr", "Recognising scanned text"), ("parsing", "Finding sections and fields"),
          ("scoring", "Scoring confidence"))


def _names(context: Context, ids: list[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    with context.db.read() as db:
        for resume_id in ids:
            record = repo.get_resume(db, resume_id=resume_id)
            document: dict[str, Any] = record.parsed.document if record and record.parsed else {}
            name = (document.get("basics") or {}).get("name")
            if name:
                names[resume_id] = " ".join(str(name).split())[:120]
    return names
