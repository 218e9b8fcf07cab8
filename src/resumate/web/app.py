"""`create_app(settings)`: the FastAPI application with its database, file store and runner.

The lifespan migrates SQLite to the newest schema (PostgreSQL is migrated explicitly with
`resumate db upgrade`), starts the job runner (which picks up unfinished jobs) and the
retention purge, and stops them on shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from resumate import __version__
from resumate.config import Settings
from resumate.jobs.retention import purge_expired_resumes
from resumate.jobs.tasks import utc_now
from resumate.store.db import upgrade_database
from resumate.web.context import AppContext, Clock, build_context
from resumate.web.errors import install_error_handlers
from resumate.web.metrics import MetricsMiddleware
from resumate.web.page_images import PageImages
from resumate.web.pages import (
    STATIC_DIR,
    CsrfError,
    csrf_error_page,
    html_error_page,
    make_templates,
)
from resumate.web.routes import batches, progress, resumes, shares, system, ui

logger = logging.getLogger(__name__)


def create_app(settings: Settings, *, clock: Clock = utc_now) -> FastAPI:
    context = build_context(settings, clock=clock)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if context.db.is_sqlite:
            await run_in_threadpool(upgrade_database, settings.resolved_database_url)
        await _first_purge(context)
        context.start()
        purge = asyncio.create_task(_purge_forever(context))
        try:
            yield
        finally:
            purge.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purge
            await run_in_threadpool(context.close)

    app = FastAPI(
        title="ResuMate", version=__version__, lifespan=lifespan,
        description="Resume parsing service: upload, watch progress, correct, share, export.",
    )
    app.state.context = context
    app.state.templates = make_templates()
    install_error_handlers(app, html_page=html_error_page)
    app.add_exception_handler(CsrfError, csrf_error_page)
    images = PageImages(max_pages=settings.max_pages)
    for router in (resumes.router, batches.router, shares.router, shares.public_router,
                   progress.router, system.router, ui.make_router(images)):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"], max_age=600,
        )
    app.add_middleware(MetricsMiddleware, metrics=context.metrics)
    return app


async def run_purge(context: AppContext) -> int:
    return await run_in_threadpool(
        purge_expired_resumes, context.db, context.files, now=context.clock(),
        retention_days=context.settings.retention_days)


async def _purge_forever(context: AppContext) -> None:
    """Purge every interval (the lifespan already purged once before serving)."""
    while True:
        await asyncio.sleep(context.settings.purge_interval_seconds)
        await _first_purge(context)


async def _first_purge(context: AppContext) -> None:
    try:  # a transient database error must not stop the service or the scheduler
        await run_purge(context)
    except Exception:
        logger.exception("retention purge failed")
