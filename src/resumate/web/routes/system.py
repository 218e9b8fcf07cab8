"""`/health` and `/metrics`."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.concurrency import run_in_threadpool

from resumate import __version__
from resumate.web.deps import Context
from resumate.web.schemas import HealthOut

router = APIRouter(tags=["system"])


@router.get("/health", response_model=HealthOut,
            responses={503: {"model": HealthOut, "description": "the database is unreachable"}})
async def health(context: Context) -> Response:
    connected = await run_in_threadpool(context.db.is_reachable)
    body = HealthOut(
        status="healthy" if connected else "unhealthy",
        database="connected" if connected else "disconnected",
        version=__version__, environment=context.settings.env,
    )
    return JSONResponse(body.model_dump(), status_code=200 if connected else 503)


@router.get("/metrics", response_class=Response)
def metrics(context: Context) -> Response:
    return Response(context.metrics.render(), media_type=CONTENT_TYPE_LATEST)
