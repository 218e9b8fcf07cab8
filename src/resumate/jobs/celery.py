"""The distributed runner: the same `tasks.parse_resume`, run by Celery workers.

`make_celery_app(settings)` is the one init function. The API process holds a `CeleryRunner`
(`JobRunner`) that only sends messages; `resumate worker` (see `jobs.celery_worker`) runs them.

Durability, in order of defence:

1. The database is the source of truth: every upload is a `jobs` row before its message is
   sent, and a job is done only when its outcome is committed.
2. Late acks (`task_acks_late`) and `task_reject_on_worker_lost`: a message is acknowledged
   after the task returns, so a worker killed mid-parse leaves it with the broker, which hands
   it out again (RabbitMQ: when the connection drops; Redis: after the visibility timeout).
   `worker_prefetch_multiplier=1` keeps a dying worker from holding a backlog.
3. The task is idempotent per resume id (`tasks.parse_resume`: claim, lease, attempt-checked
   store), so duplicates and redeliveries store one result.
4. Outages (database, storage) are retried with exponential backoff and jitter; after
   RESUMATE_JOB_RETRY_MAX the resume is marked failed with the reason. Defects are retried up to
   `tasks.MAX_ATTEMPTS` times, then failed with the error's type; a worker that dies on a file
   every time exhausts the same attempts (the claim counts them), so poison files end `failed`.
5. The sweeper (one worker per interval, a Redis lock) re-enqueues jobs whose message was lost
   (a broker restarted without persistence, a publish that failed while the broker was down, a
   failure that could not even be recorded) and resends due webhooks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from celery import Celery, Task

from resumate.config import Settings
from resumate.jobs.progress_redis import RedisProgressHub
from resumate.jobs.tasks import MAX_ATTEMPTS, TaskContext, give_up, is_transient, parse_resume
from resumate.jobs.webhooks import WebhookPolicy, deliver_once
from resumate.store import repositories as repo

QUEUE = "resumate"
PARSE_TASK = "resumate.parse_resume"
WEBHOOK_TASK = "resumate.deliver_webhook"
SWEEP_LOCK_KEY = "resumate:sweep-lock"
SWEEP_BATCH = 1000
MAX_RETRY_DELAY_SECONDS = 60.0
logger = logging.getLogger(__name__)


def make_celery_app(settings: Settings) -> Celery:
    """A Celery app configured for at-least-once delivery of idempotent parse jobs."""
    app = Celery("resumate", broker=settings.resolved_broker_url,
                 backend=settings.resolved_result_backend, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_acks_on_failure_or_timeout=True,
        worker_prefetch_multiplier=1,
        task_default_queue=QUEUE,
        task_serializer="json", result_serializer="json", accept_content=["json"],
        result_expires=3600,
        broker_transport_options={
            "visibility_timeout": settings.visibility_timeout_seconds,
            # look for unacknowledged messages of vanished workers often enough
            "unacked_restore_interval": max(1, int(settings.visibility_timeout_seconds / 4)),
            "unacked_restore_throttle": 1,
        },
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        task_publish_retry=True,
        task_publish_retry_policy={
            "max_retries": 2, "interval_start": 0.2, "interval_step": 0.5, "interval_max": 1.0},
        worker_hijack_root_logger=False,
        worker_cancel_long_running_tasks_on_connection_loss=False,
    )
    app.task(bind=True, name=PARSE_TASK, max_retries=None)(_parse_task)
    app.task(bind=True, name=WEBHOOK_TASK, max_retries=None)(_webhook_task)
    return app


def retry_delay(settings: Settings, tries: int) -> float:
    """Exponential backoff with jitter, below the visibility timeout (a message held longer
    than that by a waiting worker would be handed out twice)."""
    cap = min(MAX_RETRY_DELAY_SECONDS, settings.visibility_timeout_seconds / 2)
    delay = min(cap, settings.job_retry_backoff_seconds * 2 ** tries)
    return float(delay * random.uniform(0.8, 1.2))


# --- worker side: what a task needs ----------------------------------------------------------


@dataclass
class WorkerRuntime:
    """Built once per worker process (`jobs.celery_worker.build_runtime`)."""

    settings: Settings
    context: TaskContext
    hub: RedisProgressHub

    def close(self) -> None:
        self.hub.stop()
        self.context.db.dispose()


def runtime_of(app: Celery) -> WorkerRuntime:
    runtime: WorkerRuntime | None = getattr(app, "resumate_runtime", None)
    if runtime is None:
        from resumate.jobs.celery_worker import attach_runtime

        runtime = attach_runtime(app)
    return runtime


def _parse_task(task: Task, resume_id: str, tries: int = 0) -> str:
    runtime = runtime_of(task.app)
    settings = runtime.settings
    try:
        outcome = parse_resume(resume_id, runtime.context,
                               lease_seconds=settings.job_lease_seconds)
    except Exception as error:
        transient = is_transient(error)
        limit = settings.job_retry_max if transient else MAX_ATTEMPTS - 1
        if tries >= limit:
            return _unrecoverable(runtime, resume_id, error, transient=transient, tries=tries)
        delay = retry_delay(settings, tries)
        logger.warning("resume %s: %s (%s); retry %d in %.1fs", resume_id,
                       "outage" if transient else "defect", type(error).__name__, tries + 1, delay)
        raise task.retry(kwargs={"resume_id": resume_id, "tries": tries + 1}, countdown=delay,
                         exc=error) from error
    if outcome.busy_seconds:  # another delivery holds a live claim: ask again when it ends
        delay = min(outcome.busy_seconds + 0.5, settings.visibility_timeout_seconds / 2)
        raise task.retry(kwargs={"resume_id": resume_id, "tries": tries}, countdown=delay)
    return "parsed" if outcome.ran else "skipped"


def _unrecoverable(runtime: WorkerRuntime, resume_id: str, error: Exception, *,
                   transient: bool, tries: int) -> str:
    """Report, never drop: mark the resume failed with the reason; if even that cannot be
    written, the job stays open in the database and the sweeper enqueues it again later."""
    if transient:
        reason = (f"the database or file storage was unavailable ({type(error).__name__}) "
                  f"through {tries + 1} tries. Upload the file again later.")
    else:
        reason = (f"the parser hit an internal error ({type(error).__name__}) {tries + 1} "
                  "times, which has been logged. Upload the file in another format.")
    try:
        give_up(resume_id, runtime.context, reason=reason)
    except Exception:
        logger.exception("resume %s: could not record the failure; the sweeper will retry it",
                         resume_id)
        return "deferred"
    logger.error("resume %s failed for good: %s", resume_id, reason)
    return "failed"


def _webhook_task(task: Task, delivery_id: int) -> str:
    runtime = runtime_of(task.app)
    settings = runtime.settings
    try:
        delay = deliver_once(runtime.context.db, delivery_id, policy=webhook_policy(settings),
                             now=runtime.context.clock)
    except Exception as error:  # the database is down: the row stays pending for the sweeper
        if not is_transient(error):
            raise
        delay = retry_delay(settings, 1)
    if delay is None:
        return "settled"
    task.apply_async(kwargs={"delivery_id": delivery_id},
                     countdown=min(delay, settings.visibility_timeout_seconds / 2))
    return "rescheduled"


def webhook_policy(settings: Settings) -> WebhookPolicy:
    return WebhookPolicy(
        timeout_seconds=settings.webhook_timeout_seconds,
        max_attempts=settings.webhook_max_attempts,
        backoff_seconds=settings.webhook_backoff_seconds,
        allow_private=settings.webhook_allow_private,
    )


class CeleryWebhookDispatcher:
    def __init__(self, app: Celery) -> None:
        self.app = app

    def dispatch(self, delivery_ids: Sequence[int]) -> None:
        for delivery_id in delivery_ids:
            try:
                self.app.send_task(WEBHOOK_TASK, kwargs={"delivery_id": delivery_id},
                                   queue=QUEUE)
            except Exception:  # the broker is down: the row is pending, the sweeper sends it
                logger.warning("webhook %d not enqueued; the sweeper will send it", delivery_id)


def broker_queue_depth(app: Celery) -> int:
    """Messages waiting in the parse queue (0 when the queue does not exist yet)."""
    with app.connection_for_read() as connection:
        try:
            declared = connection.default_channel.queue_declare(queue=QUEUE, passive=True)
        except Exception as error:
            if "not_found" in str(error).lower().replace(" ", "_") or "404" in str(error):
                return 0
            raise
        return int(declared.message_count)


# --- the API side ----------------------------------------------------------------------------


class CeleryRunner:
    """`JobRunner` that sends each job to the broker; workers report progress through Redis."""

    def __init__(self, settings: Settings, hub: RedisProgressHub) -> None:
        self.settings = settings
        self.hub = hub
        self.app = make_celery_app(settings)
        self.webhooks = CeleryWebhookDispatcher(self.app)

    def start(self) -> None:
        self.hub.start()

    def submit(self, resume_id: str) -> None:
        try:
            self.app.send_task(PARSE_TASK, kwargs={"resume_id": resume_id}, queue=QUEUE)
        except Exception:  # the job row is committed; the sweeper enqueues it later
            logger.exception("could not enqueue resume %s; the sweeper will enqueue it", resume_id)

    def queue_depth(self) -> int:
        try:
            return broker_queue_depth(self.app)
        except Exception:
            return 0

    def stop(self) -> None:
        self.hub.stop()
        with contextlib.suppress(Exception):
            self.app.close()


# --- the sweeper (worker side) ----------------------------------------------------------------


class Sweeper:
    """Every interval, in one worker at a time: enqueue jobs the broker lost, send due webhooks."""

    def __init__(self, app: Celery, runtime: WorkerRuntime) -> None:
        self.app, self.runtime = app, runtime
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="resumate-sweeper", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _loop(self) -> None:
        interval = self.runtime.settings.sweep_interval_seconds
        while not self._stopping.wait(interval * random.uniform(0.9, 1.1)):
            try:
                self.sweep_once()
            except Exception as error:  # an outage: next round
                logger.warning("sweep skipped: %s: %s", type(error).__name__, error)

    def sweep_once(self) -> tuple[int, int]:
        """Returns (jobs re-enqueued, webhooks resent)."""
        if not self._take_lock():
            return 0, 0
        settings, context = self.runtime.settings, self.runtime.context
        now = context.clock()
        jobs: list[str] = []
        if broker_queue_depth(self.app) == 0:
            lease = dt.timedelta(seconds=settings.job_lease_seconds)
            with context.db.read() as db:
                jobs = repo.stale_open_jobs(db, queued_before=now - lease,
                                            started_before=now - lease, limit=SWEEP_BATCH)
        for resume_id in jobs:
            self.app.send_task(PARSE_TASK, kwargs={"resume_id": resume_id}, queue=QUEUE)
        with context.db.read() as db:
            due = repo.due_webhook_deliveries(db, now=now, limit=SWEEP_BATCH)
        CeleryWebhookDispatcher(self.app).dispatch(due)
        if jobs:
            logger.warning("sweeper: re-enqueued %d job(s) the broker did not hold", len(jobs))
        return len(jobs), len(due)

    def _take_lock(self) -> bool:
        ttl = max(1, int(self.runtime.settings.sweep_interval_seconds * 0.8))
        client: Any = self.runtime.hub._redis
        try:
            return bool(client.set(SWEEP_LOCK_KEY, "1", nx=True, ex=ttl))
        except Exception:  # Redis down: sweep anyway (duplicates are harmless)
            return True
