"""Typed progress messages and the in-process hub that fans them out to listeners.

Stages in order: queued, detecting, extracting, ocr, parsing, scoring, complete (or failed).
Each maps to a fixed percentage; the ETA comes from a moving average of recent parse times.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Literal

from pydantic import BaseModel

Stage = Literal[
    "queued", "detecting", "extracting", "ocr", "parsing", "scoring", "complete", "failed"
]
TERMINAL_STAGES: frozenset[str] = frozenset({"complete", "failed"})
STAGE_PERCENT: dict[str, int] = {
    "queued": 0, "detecting": 5, "extracting": 20, "ocr": 40, "parsing": 75, "scoring": 90,
    "complete": 100, "failed": 100,
}
STAGE_MESSAGES: dict[str, str] = {
    "queued": "Waiting for a free worker.",
    "detecting": "Checking the file type.",
    "extracting": "Reading the text and layout.",
    "ocr": "Recognising text in scanned pages.",
    "parsing": "Finding sections and fields.",
    "scoring": "Scoring each field's confidence.",
    "complete": "Done.",
    "failed": "The file could not be parsed.",
}
KEPT_EVENTS = 10_000
DEFAULT_EXPECTED_SECONDS = 2.0


class ErrorOut(BaseModel):
    code: str
    message: str


class ProgressEvent(BaseModel):
    type: Literal["progress"] = "progress"
    resume_id: str
    stage: Stage
    progress: int
    message: str
    eta_seconds: float | None = None
    error: ErrorOut | None = None

    @property
    def is_terminal(self) -> bool:
        return self.stage in TERMINAL_STAGES


def make_event(
    resume_id: str, stage: Stage, *, eta_seconds: float | None = None,
    error: ErrorOut | None = None,
) -> ProgressEvent:
    message = error.message if error is not None else STAGE_MESSAGES[stage]
    return ProgressEvent(
        resume_id=resume_id, stage=stage, progress=STAGE_PERCENT[stage], message=message,
        eta_seconds=None if stage in TERMINAL_STAGES else eta_seconds, error=error,
    )


_Listener = tuple[asyncio.AbstractEventLoop, "asyncio.Queue[ProgressEvent]"]


class ProgressHub:
    """A thread-safe ProgressSink that also lets async code wait for a resume's next events."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: OrderedDict[str, ProgressEvent] = OrderedDict()
        self._listeners: dict[str, list[_Listener]] = {}
        self._average_seconds = DEFAULT_EXPECTED_SECONDS

    def publish(self, resume_id: str, event: ProgressEvent) -> None:
        with self._lock:
            self._latest[resume_id] = event
            self._latest.move_to_end(resume_id)
            while len(self._latest) > KEPT_EVENTS:
                self._latest.popitem(last=False)
            listeners = list(self._listeners.get(resume_id, ()))
        for loop, queue in listeners:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, event)
            except RuntimeError:  # the listener's loop has closed
                continue

    def latest(self, resume_id: str) -> ProgressEvent | None:
        with self._lock:
            return self._latest.get(resume_id)

    def forget(self, resume_id: str) -> None:
        with self._lock:
            self._latest.pop(resume_id, None)

    def record_duration(self, seconds: float) -> None:
        with self._lock:
            self._average_seconds = 0.8 * self._average_seconds + 0.2 * seconds

    def eta(self, stage: str) -> float:
        with self._lock:
            average = self._average_seconds
        return round(average * (100 - STAGE_PERCENT[stage]) / 100, 2)

    @asynccontextmanager
    async def subscribe(self, resume_id: str) -> AsyncIterator[asyncio.Queue[ProgressEvent]]:
        """A queue receiving every event published for `resume_id` while the block runs."""
        queue: asyncio.Queue[ProgressEvent] = asyncio.Queue()
        entry = (asyncio.get_running_loop(), queue)
        with self._lock:
            self._listeners.setdefault(resume_id, []).append(entry)
        try:
            yield queue
        finally:
            with self._lock:
                remaining = [e for e in self._listeners.get(resume_id, []) if e is not entry]
                if remaining:
                    self._listeners[resume_id] = remaining
                else:
                    self._listeners.pop(resume_id, None)
