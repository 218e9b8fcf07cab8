"""The default runner: a bounded pool of threads in the service process.

Each thread runs one job: it claims the job, hands the parse to a warm sandboxed child process,
waits for it and stores the result, so the event loop is never blocked and CPU-bound parsing
runs in parallel on `workers` cores. There are `JOBS_PER_WORKER` times as many threads as parse
slots (`workers`, the sandbox children running at once): while one job parses, the next one's
claim and the previous one's result are written, so a child need not wait for the database
between parses. Submitted ids wait in the pool's queue; every submission is also a `jobs` row,
so on start the runner picks up what a previous process left queued or running.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from resumate.jobs.sandbox import prestart_sandbox, shutdown_sandbox
from resumate.jobs.tasks import TaskContext, parse_resume
from resumate.store import repositories as repo

JOBS_PER_WORKER = 2
logger = logging.getLogger(__name__)


class InProcessRunner:
    def __init__(self, context: TaskContext, *, workers: int) -> None:
        self.context = dataclasses.replace(
            context, parse_slots=threading.BoundedSemaphore(workers))
        self.workers = workers
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._pending = 0
        self._active: set[str] = set()

    def start(self) -> None:
        self._executor = ThreadPoolExecutor(
            max_workers=self.workers * JOBS_PER_WORKER, thread_name_prefix="resumate-parse")
        prestart_sandbox(self.workers, self.context.limits)
        try:
            with self.context.db.read() as db:
                leftovers = repo.unfinished_job_resume_ids(db)
        except Exception:  # the database is down: serve anyway (/health says so)
            logger.exception("could not look for unfinished parse jobs")
            leftovers = []
        for resume_id in leftovers:
            self.submit(resume_id)
        if leftovers:
            logger.info("picked up %d unfinished parse job(s)", len(leftovers))

    def submit(self, resume_id: str) -> None:
        if self._executor is None:
            raise RuntimeError("the job runner is not started")
        with self._lock:
            if resume_id in self._active:
                return
            self._active.add(resume_id)
            self._pending += 1
        future = self._executor.submit(self._run, resume_id)
        future.add_done_callback(functools.partial(self._done, resume_id))

    def queue_depth(self) -> int:
        with self._lock:
            return self._pending

    def stop(self) -> None:
        """Finish running parses; queued ones stay `queued` in the database for next start."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        shutdown_sandbox()

    def _run(self, resume_id: str) -> None:
        try:
            parse_resume(resume_id, self.context)
        except Exception:  # a defect; the job stays open and is retried on the next start
            logger.exception("parse job for resume %s crashed", resume_id)

    def _done(self, resume_id: str, _future: Future[None]) -> None:
        with self._lock:
            self._pending -= 1
            self._active.discard(resume_id)
