"""The seams between the web layer and whatever runs jobs."""

from __future__ import annotations

from typing import Protocol

from resumate.jobs.progress import ProgressEvent


class ProgressSink(Protocol):
    """Where a job reports progress; the WebSocket and SSE routes read the same object."""

    def publish(self, resume_id: str, event: ProgressEvent) -> None: ...

    def latest(self, resume_id: str) -> ProgressEvent | None: ...


class JobRunner(Protocol):
    """Runs `tasks.parse_resume` for resume ids. Jobs take ids, never ORM objects."""

    def start(self) -> None:
        """Begin work, picking up jobs left queued or running by a previous process."""

    def submit(self, resume_id: str) -> None: ...

    def queue_depth(self) -> int: ...

    def stop(self) -> None: ...
