"""Live progress: `WS /ws/resumes/{id}` and `GET /api/v1/resumes/{id}/events` (SSE).

Both send the current state first (a late client is never left waiting), then every event
until `complete` or `failed`, then close. Messages are `ProgressEvent`s.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from resumate.jobs.progress import ProgressEvent
from resumate.web import resumes as service
from resumate.web.context import AppContext
from resumate.web.deps import Context, is_authorized, require_api_key
from resumate.web.errors import ApiError

router = APIRouter(tags=["progress"])
KEEPALIVE_SECONDS = 15.0
WS_POLICY_VIOLATION = 1008
WS_NOT_FOUND = 4404


async def progress_events(context: AppContext, resume_id: str) -> AsyncIterator[ProgressEvent]:
    """The current state, then live events until a terminal one (None marks a keep-alive)."""
    async with context.hub.subscribe(resume_id) as queue:
        record = await run_in_threadpool(service.get_record, context, resume_id)
        current = service.current_progress(context, record)
        yield current
        last = current
        while not last.is_terminal:
            try:
                event = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
            except TimeoutError:
                record = await run_in_threadpool(service.get_record, context, resume_id)
                event = service.current_progress(context, record)
                if event == last:
                    continue
            if event.progress < last.progress and not event.is_terminal:
                continue  # a stale event that lost the race with the current state
            last = event
            yield event


@router.websocket("/ws/resumes/{resume_id}")
async def progress_websocket(websocket: WebSocket, resume_id: str) -> None:
    context: AppContext = websocket.app.state.context
    if not is_authorized(context, websocket):
        await websocket.close(code=WS_POLICY_VIOLATION, reason="unauthorized")
        return
    await websocket.accept()
    try:
        async for event in progress_events(context, resume_id):
            await websocket.send_json(event.model_dump(mode="json"))
    except ApiError as error:
        await websocket.send_json({"type": "error", "error": {"code": error.code,
                                                              "message": error.message}})
        await websocket.close(code=WS_NOT_FOUND)
        return
    except WebSocketDisconnect:
        return
    await websocket.close()


@router.get("/api/v1/resumes/{resume_id}/events", dependencies=[Depends(require_api_key)],
            response_class=StreamingResponse,
            responses={200: {"content": {"text/event-stream": {}}}})
async def progress_stream(resume_id: str, context: Context) -> StreamingResponse:
    """Server-Sent Events: `event: progress` messages, the current state first."""
    await run_in_threadpool(service.get_record, context, resume_id)  # 404 before streaming

    async def body() -> AsyncIterator[str]:
        async for event in progress_events(context, resume_id):
            yield f"event: progress\ndata: {event.model_dump_json()}\n\n"

    return StreamingResponse(body(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
