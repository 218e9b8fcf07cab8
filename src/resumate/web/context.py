"""Everything a request or a job needs, built once per app from Settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from limits import parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from resumate.config import Settings
from resumate.jobs.inprocess import InProcessRunner
from resumate.jobs.progress import ProgressHub
from resumate.jobs.runner import JobRunner
from resumate.jobs.sandbox import SandboxLimits
from resumate.jobs.tasks import TaskContext, utc_now
from resumate.jobs.webhooks import ThreadedWebhookDispatcher, WebhookDispatcher, WebhookPolicy
from resumate.store.db import Database, open_database
from resumate.store.files import FileStore, LocalFileStore, S3FileStore
from resumate.web.metrics import Metrics

Clock = Callable[[], dt.datetime]


@dataclass
class UploadLimiter:
    """Per-client-IP upload limit (the `limits` library, moving window)."""

    limiter: MovingWindowRateLimiter
    rules: list[object]

    @classmethod
    def from_settings(cls, settings: Settings) -> UploadLimiter:
        storage = storage_from_string(settings.rate_limit_storage)
        return cls(MovingWindowRateLimiter(storage), list(parse_many(settings.upload_rate_limit)))

    def hit(self, client: str) -> int | None:
        """Count one upload; None when allowed, else the seconds until the next one is."""
        for rule in self.rules:
            if not self.limiter.hit(rule, "upload", client):  # type: ignore[arg-type]
                stats = self.limiter.get_window_stats(rule, "upload", client)  # type: ignore[arg-type]
                import time

                return max(1, int(stats.reset_time - time.time()) + 1)
        return None


@dataclass
class AppContext:
    settings: Settings
    db: Database
    files: FileStore
    hub: ProgressHub
    runner: JobRunner
    metrics: Metrics
    limiter: UploadLimiter
    clock: Clock
    webhooks: WebhookDispatcher

    def start(self) -> None:
        """Start the runner (it picks up unfinished jobs) and the webhook dispatcher."""
        self.runner.start()
        if isinstance(self.webhooks, ThreadedWebhookDispatcher):
            self.webhooks.start()

    def close(self) -> None:
        self.runner.stop()
        if isinstance(self.webhooks, ThreadedWebhookDispatcher):
            self.webhooks.stop()
        self.db.dispose()


def open_file_store(settings: Settings) -> FileStore:
    if settings.storage == "s3":
        assert settings.s3_bucket is not None
        return S3FileStore.connect(
            bucket=settings.s3_bucket, prefix=settings.s3_prefix,
            endpoint_url=settings.s3_endpoint_url, region=settings.s3_region)
    return LocalFileStore(settings.data_dir / "files")


def build_context(settings: Settings, *, clock: Clock = utc_now) -> AppContext:
    """The app's database, file store, progress hub and job runner (`RESUMATE_JOBS`)."""
    db = open_database(settings.resolved_database_url)
    files = open_file_store(settings)
    runner_box: list[JobRunner] = []
    metrics = Metrics(queue_depth=lambda: runner_box[0].queue_depth() if runner_box else 0)
    webhooks: WebhookDispatcher
    runner: JobRunner
    if settings.jobs == "celery":
        from resumate.jobs.celery import CeleryRunner
        from resumate.jobs.progress_redis import RedisProgressHub

        hub: ProgressHub = RedisProgressHub(settings.redis_url)
        celery_runner = CeleryRunner(settings, hub)  # type: ignore[arg-type]
        runner, webhooks = celery_runner, celery_runner.webhooks
    else:
        hub = ProgressHub()
        webhooks = ThreadedWebhookDispatcher(db, policy=WebhookPolicy(
            timeout_seconds=settings.webhook_timeout_seconds,
            max_attempts=settings.webhook_max_attempts,
            backoff_seconds=settings.webhook_backoff_seconds,
            allow_private=settings.webhook_allow_private), now=clock)
        task_context = TaskContext(
            db=db, files=files, sink=hub, options=settings.parse_options(), clock=clock,
            limits=SandboxLimits.from_settings(settings),
            observer=metrics, webhooks=webhooks, delay_seconds=settings.parse_delay_seconds,
        )
        runner = InProcessRunner(task_context, workers=settings.workers)
    runner_box.append(runner)
    return AppContext(
        settings=settings, db=db, files=files, hub=hub, runner=runner, metrics=metrics,
        limiter=UploadLimiter.from_settings(settings), clock=clock, webhooks=webhooks,
    )
