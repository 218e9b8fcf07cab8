"""The service as a serverless function (Vercel): `create_serverless_app(settings)`.

Serverless platforms cap request bodies (Vercel: 4.5 MB), keep no local state between requests,
run no long-lived background workers and hold no WebSocket connections. This wraps the normal
app in one ASGI layer that adapts it:

- a request body over `SERVERLESS_MAX_BODY_BYTES` is answered 413 `too_large` with a message
  that says what to do, before the route runs (by `Content-Length`; a chunked body is read,
  up to the limit, before the app sees it);
- with the in-process job runner, `POST /api/v1/resumes` always parses within the request
  (`?wait=true` is implied), so no parse outlives the invocation; a distributed runner
  (`RESUMATE_JOBS` other than `inprocess`) gets the upload queued as usual;
- WebSocket connections are refused with a pointer to polling `GET .../status`;
- the app's start-up (runner, migrations check, purge) runs on the first request if the
  platform did not send the ASGI lifespan events.

Start-up checks (database URL, storage backend, secret key) are `Settings` validation, so a
misconfigured function fails when it is loaded, not at its first request.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import FastAPI

from resumate.config import Settings

SERVERLESS_MAX_BODY_BYTES = 4_500_000  # Vercel Functions: 4.5 MB request body
UPLOAD_PATH = "/api/v1/resumes"
WS_POLICY_VIOLATION = 1008

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

TOO_LARGE_MESSAGE = (
    "The request is over the {limit_mb:.1f} MB limit of this serverless deployment. "
    "Upload a smaller file (e.g. export the PDF without embedded images), or use a "
    "deployment of ResuMate that runs as a regular service (Docker, VM) for larger files."
)


def create_serverless_app(settings: Settings) -> ServerlessApp:
    """The app of `create_app(settings)` adapted to a serverless platform."""
    from resumate.web.app import create_app

    if not settings.serverless:
        raise ValueError(
            "create_serverless_app needs Settings(serverless=True), which checks "
            "the database, storage and secret key at start-up"
        )
    return ServerlessApp(create_app(settings), settings=settings)


class ServerlessApp:
    """ASGI wrapper: body limit, implied `?wait=true`, no WebSockets, lazy start-up."""

    def __init__(
        self, app: FastAPI, *, settings: Settings, max_body_bytes: int = SERVERLESS_MAX_BODY_BYTES
    ) -> None:
        self.app = app
        self.settings = settings
        self.max_body_bytes = max_body_bytes
        self._started = False
        self._start_lock = asyncio.Lock()
        self._lifespan: contextlib.AsyncExitStack | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, self._watch_lifespan(send))
            return
        if scope["type"] == "websocket":
            await send(
                {
                    "type": "websocket.close",
                    "code": WS_POLICY_VIOLATION,
                    "reason": "no WebSockets here: poll GET /api/v1/resumes/{id}/status",
                }
            )
            return
        await self._ensure_started()
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await self._send_too_large(send)
            return
        if declared is None and scope["method"] in ("POST", "PUT", "PATCH"):
            body = await self._read_capped(receive)  # chunked: at most the limit, in memory
            if body is None:
                await self._send_too_large(send)
                return
            receive = _replay(body, receive)
        if self._parses_in_process and scope["method"] == "POST" and _is_upload(scope):
            scope = {**scope, "query_string": _with_wait(scope.get("query_string", b""))}
        await self.app(scope, receive, send)

    @property
    def _parses_in_process(self) -> bool:
        return self.settings.jobs == "inprocess"

    def _watch_lifespan(self, send: Send) -> Send:
        async def watching(message: Message) -> None:
            if message["type"] == "lifespan.startup.complete":
                self._started = True
            await send(message)

        return watching

    async def _ensure_started(self) -> None:
        if self._started:
            return
        async with self._start_lock:
            if self._started:
                return
            stack = contextlib.AsyncExitStack()
            await stack.enter_async_context(self.app.router.lifespan_context(self.app))
            self._lifespan, self._started = stack, True

    async def aclose(self) -> None:
        """Run the app's shutdown when start-up happened on a first request (tests, local)."""
        if self._lifespan is not None:
            await self._lifespan.aclose()
            self._lifespan, self._started = None, False

    async def _read_capped(self, receive: Receive) -> bytes | None:
        """The whole body, or None as soon as it passes the limit."""
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_body_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _send_too_large(self, send: Send) -> None:
        message = TOO_LARGE_MESSAGE.format(limit_mb=self.max_body_bytes / 1_000_000)
        body = json.dumps({"error": {"code": "too_large", "message": message}}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """Hand the buffered body to the app once, then pass on whatever the server sends next."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _is_upload(scope: Scope) -> bool:
    return str(scope.get("path", "")).rstrip("/") == UPLOAD_PATH


def _with_wait(query: bytes) -> bytes:
    from urllib.parse import parse_qsl, urlencode

    pairs = [
        (k, v) for k, v in parse_qsl(query.decode("latin-1"), keep_blank_values=True) if k != "wait"
    ]
    return urlencode([*pairs, ("wait", "true")]).encode("latin-1")
