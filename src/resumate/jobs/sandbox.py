"""Parse untrusted bytes in a child process with a memory cap (RLIMIT_AS) and a deadline.

Primary rule: a parse runs in a warm child process (forked from a forkserver that has the
engine preloaded, its address space capped) that serves up to `parses_per_process` parses, one
at a time, and is then replaced; the parent hands it the bytes over a pipe and waits for stage
messages and the result. Reusing a child saves the fork and the first-parse warm-up (together
several times the engine's own time on a small resume). Fallback: a child that misbehaves is
never reused. Past the deadline it is killed and the parse is an `unsafe` error ("needed more
than N seconds"); a child that runs out of memory gives `unsafe` ("N MB") and exits; a child
that crashes gives `corrupt`; an engine defect gives `job_failed` and the child exits. A child
whose peak memory passed a quarter of its cap is retired, so one large file cannot leave the
next parse short of memory. The parent never parses anything itself, so a hostile file cannot
take the service down. `parses_per_process=1` gives every parse a fresh process.
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import signal
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from resumate.config import ParseOptions

if TYPE_CHECKING:
    from resumate.config import Settings

PRELOADED_MODULES = [
    "resumate.pipeline", "pypdfium2", "lxml.etree", "PIL.Image", "resumate.jobs.warmup",
]
KILL_GRACE_SECONDS = 2.0
MAX_IDLE_PROCESSES = 16
_context: Any = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SandboxLimits:
    timeout_seconds: float = 30.0
    memory_bytes: int = 1536 * 1024 * 1024
    parses_per_process: int = 50

    @classmethod
    def from_settings(cls, settings: Settings) -> SandboxLimits:
        return cls(timeout_seconds=settings.parse_timeout_seconds,
                   memory_bytes=settings.parse_memory_mb * 1024 * 1024,
                   parses_per_process=settings.parses_per_process)


@dataclass(frozen=True, slots=True, kw_only=True)
class SandboxResult:
    """The parse outcome as plain data (no exceptions or ORM objects cross the process line).
    The JSON Resume document comes encoded by the child, so the parent only stores the text."""

    status: str  # ok | partial | failed
    document_json: str | None = None
    text: str = ""
    warnings: tuple[str, ...] = ()
    format: str | None = None
    pages: int = 0
    overall_confidence: float | None = None
    error_code: str | None = None
    error_message: str | None = None


def _mp_context() -> Any:
    global _context  # one forkserver per process, started on first use
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOADED_MODULES)
        _context = context
    return _context


class _Child:
    """One warm parsing process and the parent's end of its pipe."""

    def __init__(self, memory_bytes: int) -> None:
        context = _mp_context()
        self.connection, child_end = context.Pipe(duplex=True)
        self.process = context.Process(
            target=_child_main, args=(child_end, memory_bytes), daemon=True)
        self.process.start()
        child_end.close()
        self.memory_bytes = memory_bytes
        self.parses = 0

    def close(self) -> None:
        self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(KILL_GRACE_SECONDS)
        self.process.close()


class _ChildPool:
    """Idle warm children by memory cap; a parse takes one (or starts one) and gives it back
    only when it is still fit to serve."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Child] = []

    def take(self, memory_bytes: int) -> _Child:
        with self._lock:
            for index, child in enumerate(self._idle):
                if child.memory_bytes == memory_bytes:
                    del self._idle[index]
                    break
            else:
                child = None
        if child is not None and child.process.is_alive():
            return child
        if child is not None:
            child.close()
        return _Child(memory_bytes)

    def give_back(self, child: _Child) -> None:
        with self._lock:
            if len(self._idle) < MAX_IDLE_PROCESSES:
                self._idle.append(child)
                return
        child.close()

    def prestart(self, count: int, memory_bytes: int) -> None:
        for _ in range(count):
            self.give_back(_Child(memory_bytes))

    def close_all(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for child in idle:
            child.close()


_pool = _ChildPool()


def prestart_sandbox(count: int, limits: SandboxLimits) -> None:
    """Start `count` warm children in the background, so the first parses need not wait."""
    threading.Thread(target=_pool.prestart, args=(count, limits.memory_bytes),
                     name="resumate-sandbox-prestart", daemon=True).start()


def shutdown_sandbox() -> None:
    """Stop the idle children (running parses keep theirs until they finish)."""
    _pool.close_all()


def parse_in_sandbox(
    data: bytes, *, filename: str | None, options: ParseOptions, limits: SandboxLimits,
    on_stage: Callable[[str], None] | None = None,
) -> SandboxResult:
    """Run `pipeline.parse_bytes` in a warm child process; never raises for bad input."""
    job = (data, filename, options)
    child = _pool.take(limits.memory_bytes)
    if not _hand_over(child, job) and child.parses:  # it died while idle: use a fresh one
        child.close()
        child = _Child(limits.memory_bytes)
        _hand_over(child, job)
    # a fresh child that could not take the job says why (or its exit code does) below
    reusable = False
    try:
        result, reusable = _await_result(child, filename, limits, on_stage)
        return result
    finally:
        child.parses += 1
        if reusable and child.parses < limits.parses_per_process:
            _pool.give_back(child)
        else:
            child.close()


def _hand_over(child: _Child, job: tuple[bytes, str | None, ParseOptions]) -> bool:
    try:
        child.connection.send(job)
    except OSError:
        return False
    return True


def _await_result(
    child: _Child, filename: str | None, limits: SandboxLimits,
    on_stage: Callable[[str], None] | None,
) -> tuple[SandboxResult, bool]:
    """The parse's result, and whether the child may serve another parse."""
    receiver, process = child.connection, child.process
    deadline = time.monotonic() + limits.timeout_seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            process.kill()
            return _limit_error(filename, f"more than {limits.timeout_seconds:g} seconds"), False
        if not receiver.poll(min(remaining, 0.5)):
            if not process.is_alive() and not receiver.poll(0):
                return _crash_error(filename, process.exitcode), False
            continue
        try:
            kind, payload = receiver.recv()
        except (EOFError, OSError):
            process.join(KILL_GRACE_SECONDS)
            return _crash_error(filename, process.exitcode), False
        if kind == "stage":
            if on_stage is not None:
                on_stage(payload)
            continue
        if kind == "defect":
            return _defect_error(filename), False
        if kind == "memory":
            mb = limits.memory_bytes // (1024 * 1024)
            return _limit_error(filename, f"more than {mb} MB of memory"), False
        fields, peak_bytes = payload
        return SandboxResult(**fields), peak_bytes < limits.memory_bytes // 4


def _shown(filename: str | None) -> str:
    from resumate.extract import shown_name

    return shown_name(filename)


def _limit_error(filename: str | None, what: str) -> SandboxResult:
    return SandboxResult(
        status="failed", error_code="unsafe",
        error_message=(
            f"Could not read {_shown(filename)}: reading it needed {what}, a limit that protects "
            "the service. If it is an ordinary resume, save it again as a simpler PDF or DOCX "
            "and upload that."
        ),
    )


def _defect_error(filename: str | None) -> SandboxResult:
    return SandboxResult(
        status="failed", error_code="job_failed",
        error_message=(
            f"Could not parse {_shown(filename)}: the parser hit an internal error, which has "
            "been logged. Try again later, or upload the file in another format."
        ),
    )


def _crash_error(filename: str | None, exitcode: int | None) -> SandboxResult:
    if exitcode == -signal.SIGKILL:
        return _limit_error(filename, "more memory than allowed")
    return SandboxResult(
        status="failed", error_code="corrupt",
        error_message=(
            f"Could not read {_shown(filename)}: the file is damaged and the reader stopped on "
            "it. Open it, save or export it again, and upload the new copy."
        ),
    )


# --- the child ------------------------------------------------------------------------------------


def _child_main(connection: Connection, memory_bytes: int) -> None:
    """Serve parses until the parent closes the pipe; exit after a memory error or a defect."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from resumate.pipeline import parse_bytes

    while True:
        try:
            data, filename, options = connection.recv()
        except (EOFError, OSError):
            return
        except MemoryError:  # the file alone does not fit under the cap
            connection.send(("memory", None))
            return
        try:
            result = parse_bytes(
                data, filename=filename, options=options,
                on_stage=lambda stage: connection.send(("stage", stage)),
            )
            peak_bytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            connection.send(("result", (_result_payload(result), peak_bytes)))
        except MemoryError:
            connection.send(("memory", None))
            return
        except Exception:  # a defect in the engine: logged here, reported as job_failed
            traceback.print_exc()
            connection.send(("defect", None))
            return
        del data, result


def _result_payload(result: Any) -> dict[str, Any]:
    if result.error is not None:
        return {
            "status": "failed", "error_code": result.error.code,
            "error_message": result.error.message, "format": result.format,
        }
    return {
        "status": result.status,
        "document_json": json.dumps(result.to_json_resume()),
        "text": result.text,
        "warnings": tuple(result.warnings),
        "format": result.format,
        "pages": result.pages,
        "overall_confidence": result.resume.overall_confidence(),
    }
