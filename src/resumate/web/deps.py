"""Request dependencies (`Annotated` aliases used in route signatures)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from starlette.requests import HTTPConnection

from resumate.web.context import AppContext
from resumate.web.errors import ApiError
from resumate.web.session import session_authorizes


def get_context(connection: HTTPConnection) -> AppContext:
    context: AppContext = connection.app.state.context
    return context


Context = Annotated[AppContext, Depends(get_context)]


def is_authorized(context: AppContext, connection: HTTPConnection) -> bool:
    """True when no API keys are configured or a configured key is presented (Bearer header, or
    `access_token` for WebSocket/EventSource clients that cannot set headers), or the request
    comes from a signed-in browser session (see `web/session.py`; writes need its CSRF token)."""
    keys = context.settings.api_keys
    if not keys:
        return True
    if session_authorizes(context.settings, connection):
        return True
    presented = ""
    header = connection.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        presented = header[7:].strip()
    elif connection.scope["type"] == "websocket" or connection.url.path.endswith("/events"):
        presented = connection.query_params.get("access_token", "")
    if not presented:
        return False
    candidate = presented.encode()
    return any(hmac.compare_digest(candidate, k.get_secret_value().encode()) for k in keys)


def require_api_key(request: Request, context: Context) -> None:
    if not is_authorized(context, request):
        raise ApiError(
            "unauthorized", "An API key is required: send 'Authorization: Bearer <key>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def enforce_upload_rate(request: Request, context: Context) -> None:
    retry_after = context.limiter.hit(client_ip(request))
    if retry_after is not None:
        raise ApiError(
            "rate_limited",
            f"Too many uploads from your address. Try again in {retry_after} seconds.",
            headers={"Retry-After": str(retry_after)},
        )
