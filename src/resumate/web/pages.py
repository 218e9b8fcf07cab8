"""Rendering browser pages: the template environment, the session guard and the HTML error page.

Every page gets the same security headers (a strict Content-Security-Policy: scripts and styles
only from `/static`, no inline code) and `Cache-Control: no-store`, since pages show personal
data. A page that needs a signed-in session raises `unauthorized`; the HTML error page turns
that into a redirect to `/login?next=...`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from resumate import __version__
from resumate.web.context import AppContext
from resumate.web.deps import Context
from resumate.web.errors import ApiError
from resumate.web.session import (
    CSRF_FIELD,
    UiSession,
    csrf_matches,
    is_signed_in,
    read_session,
    save_session,
)

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
ACCEPTED_EXTENSIONS = (".pdf", ".docx", ".doc", ".odt", ".rtf", ".txt", ".png", ".jpg", ".jpeg")
ERROR_TITLES = {
    404: "Not found", 409: "Not ready yet", 413: "File too large", 415: "File type not accepted",
    422: "We could not read that", 429: "Too many uploads", 500: "Something went wrong",
}


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))  # autoescape on for .html
    templates.env.globals["version"] = __version__
    templates.env.filters["percent"] = lambda v: "–" if v is None else f"{round(v * 100)}%"
    templates.env.filters["resume_date"] = resume_date
    templates.env.filters["filesize"] = file_size
    return templates


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1_048_576:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1_048_576:.1f} MB"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def resume_date(value: object) -> str:
    """'2020-03' -> 'Mar 2020', keeping the precision the engine found; anything else as is."""
    text = str(value or "")
    parts = text.split("-")
    if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return text


@dataclass
class Page:
    """What a page handler needs: the request, the app context and the browser session."""

    request: Request
    context: AppContext
    session: UiSession

    def render(self, name: str, values: dict[str, Any] | None = None, *, status: int = 200,
               headers: dict[str, str] | None = None) -> Response:
        templates: Jinja2Templates = self.request.app.state.templates
        settings = self.context.settings
        values = {
            "csrf_token": self.session.csrf, "auth_enabled": bool(settings.api_keys),
            "signed_in": is_signed_in(settings, self.session),
            "max_upload_mb": settings.max_upload_bytes / 1_048_576,
            **(values or {}),
        }
        response = templates.TemplateResponse(
            self.request, name, values, status_code=status, headers={**PAGE_HEADERS,
                                                                      **(headers or {})})
        self.save(response)
        return response

    def redirect(self, url: str) -> Response:
        response = RedirectResponse(url, status_code=303, headers=PAGE_HEADERS)
        self.save(response)
        return response

    def save(self, response: Response) -> None:
        save_session(self.context.settings, self.session, response,
                     secure=self.request.url.scheme == "https")


def open_page(request: Request, context: Context) -> Page:
    """Any page, signed in or not (login, public share pages)."""
    return Page(request, context, read_session(context.settings, request))


def signed_in_page(page: Annotated[Page, Depends(open_page)]) -> Page:
    if not is_signed_in(page.context.settings, page.session):
        raise ApiError("unauthorized", "Enter your access key to continue.")
    return page


async def form_page(page: Annotated[Page, Depends(signed_in_page)],
                    csrf_token: Annotated[str, Form()] = "") -> Page:
    """A signed-in page receiving a form: the form must carry the session's CSRF token."""
    if not csrf_matches(page.session, csrf_token):
        raise CsrfError
    return page


class CsrfError(Exception):
    """The form's CSRF token is missing or stale (answered with a 403 page)."""


AnyPage = Annotated[Page, Depends(open_page)]
SignedInPage = Annotated[Page, Depends(signed_in_page)]
FormPage = Annotated[Page, Depends(form_page)]


def html_error_page(request: Request, status: int, code: str, message: str) -> Response:
    """The HTML face of an API error on a UI path; `unauthorized` sends the browser to log in."""
    context: AppContext = request.app.state.context
    page = Page(request, context, read_session(context.settings, request))
    if code == "unauthorized":
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return page.redirect(f"/login?next={quote(target, safe='')}")
    title = ERROR_TITLES.get(status, "That did not work")
    return page.render("error.html", {"title": title, "message": message, "code": code},
                       status=status)


def csrf_error_page(request: Request, _error: Exception) -> Response:
    context: AppContext = request.app.state.context
    page = Page(request, context, read_session(context.settings, request))
    return page.render("error.html", {
        "title": "This form has expired",
        "message": "The page was open too long or the session changed. "
                   "Go back, reload the page and try again.",
        "code": "csrf",
    }, status=403)


def safe_next(target: str | None) -> str:
    """Only same-site relative paths are followed after logging in."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


__all__ = ["CSRF_FIELD", "AnyPage", "FormPage", "HTMLResponse", "Page", "SignedInPage"]
