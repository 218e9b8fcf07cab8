"""Server-rendered pages (Jinja, autoescaped). For now: the public shared resume `/s/{token}`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from resumate.web import sharing
from resumate.web.deps import Context
from resumate.web.errors import ApiError
from resumate.web.routes.shares import NOINDEX


def make_router(templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/s/{token}", response_class=HTMLResponse)
    def shared_page(token: str, request: Request, context: Context) -> HTMLResponse:
        try:
            document, share = sharing.open_shared(context, token)
        except ApiError:
            return templates.TemplateResponse(
                request, "share_missing.html", status_code=404, headers=NOINDEX)
        return templates.TemplateResponse(
            request, "shared.html", {"resume": document, "share": share}, headers=NOINDEX)

    return router
