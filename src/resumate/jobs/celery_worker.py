"""The worker edge: Settings from the environment, the task context, and the Celery worker.

    resumate worker [--concurrency N] [--loglevel info]
    celery -A resumate.jobs.celery_worker worker --pool threads --concurrency N -Q resumate

Both run the same tasks. The worker uses the threads pool: each thread hands its parse to a
sandboxed child process (`jobs.sandbox`), so N threads parse on N cores and a crashing or
runaway file takes down only its child. One sweeper thread per worker process (see
`jobs.celery.Sweeper`).
"""

from __future__ import annotations

import logging
import os
import socket
from typing import Any

from celery import Celery
from celery.signals import worker_ready, worker_shutdown

from resumate.config import Settings
from resumate.jobs.celery import (
    QUEUE,
    CeleryWebhookDispatcher,
    Sweeper,
    WorkerRuntime,
    make_celery_app,
)
from resumate.jobs.progress_redis import RedisProgressHub
from resumate.jobs.sandbox import SandboxLimits, prestart_sandbox, shutdown_sandbox
from resumate.jobs.tasks import TaskContext, open_file_store
from resumate.store.db import open_database

logger = logging.getLogger(__name__)
_sweepers: dict[int, Sweeper] = {}


def build_runtime(settings: Settings, app: Celery) -> WorkerRuntime:
    hub = RedisProgressHub(settings.redis_url)
    context = TaskContext(
        db=open_database(settings.resolved_database_url), files=open_file_store(settings),
        sink=hub, options=settings.parse_options(),
        limits=SandboxLimits.from_settings(settings),
        webhooks=CeleryWebhookDispatcher(app), delay_seconds=settings.parse_delay_seconds,
    )
    return WorkerRuntime(settings=settings, context=context, hub=hub)


def attach_runtime(app: Celery, settings: Settings | None = None) -> WorkerRuntime:
    runtime: WorkerRuntime | None = getattr(app, "resumate_runtime", None)
    if runtime is None:
        runtime = build_runtime(settings or Settings(), app)
        app.resumate_runtime = runtime
    return runtime


def run_worker(settings: Settings, *, concurrency: int | None = None,
               loglevel: str = "INFO") -> int:
    """Run a worker in this process until it is stopped (SIGTERM: warm shutdown)."""
    app = make_celery_app(settings)
    attach_runtime(app, settings)
    worker = app.Worker(
        pool_cls="threads", concurrency=concurrency or settings.workers, queues=[QUEUE],
        loglevel=loglevel, hostname=f"resumate-{os.getpid()}@{socket.gethostname()}",
        without_gossip=True, without_mingle=True, optimization="fair",
    )
    worker.start()
    return int(worker.exitcode or 0)


@worker_ready.connect(weak=False)  # type: ignore[untyped-decorator]
def _start_sweeper(sender: Any = None, **_kwargs: Any) -> None:
    app = getattr(sender, "app", None)
    if app is None or app.main != "resumate":
        return
    runtime = attach_runtime(app)
    sweeper = Sweeper(app, runtime)
    sweeper.start()
    _sweepers[id(app)] = sweeper
    concurrency = getattr(sender, "concurrency", None) or runtime.settings.workers
    prestart_sandbox(concurrency, runtime.context.limits)
    logger.info("resumate worker ready (queue %s, sweep every %.0fs)", QUEUE,
                runtime.settings.sweep_interval_seconds)


@worker_shutdown.connect(weak=False)  # type: ignore[untyped-decorator]
def _stop_sweeper(sender: Any = None, **_kwargs: Any) -> None:
    for key, sweeper in list(_sweepers.items()):
        sweeper.stop()
        _sweepers.pop(key, None)
    shutdown_sandbox()


def __getattr__(name: str) -> Any:
    """`celery -A resumate.jobs.celery_worker` finds `app` here, built on first use."""
    if name in ("app", "celery"):
        global _app
        if _app is None:
            _app = make_celery_app(Settings())
        return _app
    raise AttributeError(name)


_app: Celery | None = None
