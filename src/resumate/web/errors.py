"""One error shape for the whole API: `{"error": {"code": ..., "message": ...}}`.

Engine errors (`ResumateError`) keep their code; the service adds its own few codes. The HTTP
status follows from the code alone (STATUS_BY_CODE), so a client can rely on either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Literal, get_args

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from resumate.errors import ERROR_CODES, ResumateError

ServiceErrorCode = Literal[
    "invalid_request",
    "invalid_correction",
    "unauthorized",
    "rate_limited",
    "not_ready",
    "method_not_allowed",
    "email_unavailable",
    "email_failed",
    "internal_error",
]
SERVICE_ERROR_CODES: tuple[str, ...] = get_args(ServiceErrorCode)
API_ERROR_CODES: tuple[str, ...] = (*ERROR_CODES, *SERVICE_ERROR_CODES)

STATUS_BY_CODE: dict[str, int] = {
    "unsupported_type": 415,
    "too_large": 413,
    "encrypted": 422,
    "corrupt": 422,
    "empty": 422,
    "unsafe": 422,
    "ocr_unavailable": 422,
    "not_found": 404,
    "job_failed": 422,
    "invalid_request": 422,
    "invalid_correction": 422,
    "unauthorized": 401,
    "rate_limited": 429,
    "not_ready": 409,
    "method_not_allowed": 405,
    "email_unavailable": 503,
    "email_failed": 502,
    "internal_error": 500,
}
logger = logging.getLogger(__name__)


class ApiError(Exception):
    """An error the API answers with; `headers` carries e.g. Retry-After."""

    def __init__(self, code: str, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.headers = code, message, headers or {}

    @property
    def status_code(self) -> int:
        return STATUS_BY_CODE.get(self.code, 400)


def not_found(what: str = "resume") -> ApiError:
    return ApiError(
        "not_found", f"No {what} with that id. Check the link or upload the file again."
    )


def error_response(
    code: str, message: str, *, headers: dict[str, str] | None = None,
    status_code: int | None = None, request: Request | None = None,
) -> Response:
    status = status_code or STATUS_BY_CODE.get(code, 400)
    page: HtmlErrorPage | None = (
        getattr(request.app.state, "html_error_page", None) if request is not None else None)
    if page is not None and request is not None and wants_html(request):
        response = page(request, status, code, message)
        response.headers.update(headers or {})
        return response
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers,
    )


HtmlErrorPage = Callable[[Request, int, str, str], Response]
_NOT_HTML_PREFIXES = ("/api/", "/ws/", "/health", "/metrics", "/docs", "/openapi.json", "/redoc",
                      "/static/")


def wants_html(request: Request) -> bool:
    """A browser asking for a page (not an API, stream or asset path) gets an HTML error page."""
    path = request.url.path
    if path.startswith(_NOT_HTML_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


def install_error_handlers(app: FastAPI, *, html_page: HtmlErrorPage | None = None) -> None:
    """JSON errors for the API; with `html_page`, browsers on UI paths get that page instead."""
    if html_page is not None:
        app.state.html_error_page = html_page
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(ResumateError, _resumate_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)


async def _api_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ApiError)
    return error_response(error.code, error.message, headers=error.headers, request=request)


async def _resumate_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, ResumateError)
    return error_response(error.code, error.message, request=request)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    problems = []
    for item in error.errors()[:5]:
        where = ".".join(str(part) for part in item.get("loc", ()) if part != "body")
        problems.append(f"{where}: {item.get('msg', 'invalid')}")
    return error_response("invalid_request", "The request is not valid: " + "; ".join(problems),
                          request=request)


_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 413: "too_large",
               415: "unsupported_type", 429: "rate_limited"}


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    code = _HTTP_CODES.get(error.status_code, "invalid_request")
    message = {
        "not_found": "Nothing here. Check the address.",
        "method_not_allowed": "This address does not accept that method.",
    }.get(code, str(error.detail))
    return error_response(code, message, status_code=error.status_code,
                          headers=getattr(error, "headers", None), request=request)


async def _unexpected_error(request: Request, error: Exception) -> Response:
    logger.exception("unhandled error", exc_info=error)
    return error_response(
        "internal_error", "Something went wrong on our side. It has been logged; try again.",
        request=request,
    )
