"""Parse untrusted bytes in a child process with a memory cap (RLIMIT_AS) and a deadline.

Primary rule: every parse runs in a fresh child forked from a forkserver that has the engine
preloaded (a fork costs milliseconds), with its address space capped. The parent waits on a pipe
for stage messages and the result; past the deadline the child is killed. A child that hits a
limit becomes an `unsafe` error ("needed more than N MB / N seconds"); a child that crashes
becomes `corrupt`. The parent never parses anything itself, so a hostile file cannot take the
service down.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from resumate.config import ParseOptions

PRELOADED_MODULES = [
    "resumate.pipeline", "pypdfium2", "lxml.etree", "PIL.Image", "resumate.jobs.warmup",
]
KILL_GRACE_SECONDS = 2.0
_context: Any = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SandboxLimits:
    timeout_seconds: float = 30.0
    memory_bytes: int = 1536 * 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class SandboxResult:
    """The parse outcome as plain data (no exceptions or ORM objects cross the process line)."""

    status: str  # ok | partial | failed
    document: dict[str, Any] | None = None
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


def parse_in_sandbox(
    data: bytes, *, filename: str | None, options: ParseOptions, limits: SandboxLimits,
    on_stage: Callable[[str], None] | None = None,
) -> SandboxResult:
    """Run `pipeline.parse_bytes` in a child process; never raises for bad input."""
    context = _mp_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child_main, args=(sender, data, filename, options, limits.memory_bytes),
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        return _await_result(receiver, child, filename, limits, on_stage)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(KILL_GRACE_SECONDS)
        child.close()


def _await_result(
    receiver: Connection, child: Any, filename: str | None, limits: SandboxLimits,
    on_stage: Callable[[str], None] | None,
) -> SandboxResult:
    deadline = time.monotonic() + limits.timeout_seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            child.kill()
            return _limit_error(filename, f"more than {limits.timeout_seconds:g} seconds")
        if not receiver.poll(min(remaining, 0.5)):
            if not child.is_alive() and not receiver.poll(0):
                return _crash_error(filename, child.exitcode)
            continue
        try:
            kind, payload = receiver.recv()
        except (EOFError, OSError):
            child.join(KILL_GRACE_SECONDS)
            return _crash_error(filename, child.exitcode)
        if kind == "stage":
            if on_stage is not None:
                on_stage(payload)
            continue
        if kind == "defect":
            return _defect_error(filename)
        if kind == "memory":
            mb = limits.memory_bytes // (1024 * 1024)
            return _limit_error(filename, f"more than {mb} MB of memory")
        return SandboxResult(**payload)


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


def _child_main(
    sender: Connection, data: bytes, filename: str | None, options: ParseOptions,
    memory_bytes: int,
) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        from resumate.pipeline import parse_bytes

        result = parse_bytes(
            data, filename=filename, options=options,
            on_stage=lambda stage: sender.send(("stage", stage)),
        )
        sender.send(("result", _result_payload(result)))
    except MemoryError:
        sender.send(("memory", None))
    except Exception:  # a defect in the engine: logged here, reported as job_failed
        traceback.print_exc()
        sender.send(("defect", None))
    finally:
        sender.close()


def _result_payload(result: Any) -> dict[str, Any]:
    if result.error is not None:
        return {
            "status": "failed", "error_code": result.error.code,
            "error_message": result.error.message, "format": result.format,
        }
    return {
        "status": result.status,
        "document": result.to_json_resume(),
        "text": result.text,
        "warnings": tuple(result.warnings),
        "format": result.format,
        "pages": result.pages,
        "overall_confidence": result.resume.overall_confidence(),
    }
