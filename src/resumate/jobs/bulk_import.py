"""`resumate import DIR_OR_MANIFEST`: store and enqueue many resume files.

Primary rule: stream the source (a directory walked in sorted order, or a manifest read line by
line; nothing is listed in memory), and for each file do what an upload does (check the type
by content, store the original, record the resume and its job, enqueue it), appending one line
to a journal as each file is settled. A second run with the same journal skips every path it
lists, so an interrupted import resumes where it stopped; identical bytes are deduplicated by
SHA-256 like uploads, so even without the journal nothing is stored twice. With the Celery
runner the files are parsed by the workers; with the in-process runner they are parsed here
(and `--wait` is implied). The final report counts successes and failures, lists the failures,
and with `--wait` waits for the parses and reports their outcomes.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from resumate.config import Settings
from resumate.errors import ResumateError
from resumate.jobs.runner import JobRunner
from resumate.store import repositories as repo
from resumate.store.db import Database, open_database
from resumate.store.files import FileStore, new_key

WAIT_POLL_SECONDS = 1.0
MAX_LISTED_FAILURES = 20
SUFFIXES = frozenset({".pdf", ".docx", ".doc", ".txt", ".rtf", ".odt", ".png", ".jpg", ".jpeg"})


@dataclass
class ImportReport:
    enqueued: int = 0
    deduplicated: int = 0
    skipped: int = 0  # already settled by an earlier run (journal)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # path, code, message
    resume_ids: list[str] = field(default_factory=list)
    parsed: int = 0
    parse_failed: list[tuple[str, str, str]] = field(default_factory=list)
    unfinished: int = 0


def iter_sources(source: Path) -> Iterator[Path]:
    """Files under a directory (recursive, sorted, resume-like suffixes only), or the paths
    listed in a manifest (one per line, relative to the manifest; blank lines and # comments
    skipped)."""
    if source.is_dir():
        for root, dirs, names in os.walk(source):
            dirs.sort()
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in sorted(names):
                if Path(name).suffix.lower() in SUFFIXES:
                    yield Path(root) / name
        return
    with source.open(encoding="utf-8") as manifest:
        for line in manifest:
            entry = line.strip()
            if entry and not entry.startswith("#"):
                path = Path(entry)
                yield path if path.is_absolute() else source.parent / path


def default_journal(settings: Settings, source: Path) -> Path:
    digest = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:16]
    return settings.data_dir / "imports" / f"{digest}.jsonl"


def read_journal(path: Path) -> tuple[set[str], list[str]]:
    """Paths already settled, and the resume ids they produced."""
    done: set[str] = set()
    ids: list[str] = []
    if not path.exists():
        return done, ids
    with path.open(encoding="utf-8") as journal:
        for line in journal:
            try:
                entry = json.loads(line)
            except ValueError:  # a line cut short by a crash: that file is redone
                continue
            done.add(entry["path"])
            if entry.get("id"):
                ids.append(entry["id"])
    return done, ids


class Importer:
    def __init__(self, *, db: Database, files: FileStore, runner: JobRunner, settings: Settings,
                 journal: TextIO, report_file: TextIO | None) -> None:
        self.db, self.files, self.runner, self.settings = db, files, runner, settings
        self.journal, self.report_file = journal, report_file
        self.report = ImportReport()

    def import_file(self, path: Path) -> None:
        try:
            data = path.read_bytes()
            if len(data) > self.settings.max_upload_bytes:
                raise ResumateError("The file is over the upload size limit.", code="too_large")
            resume_id, deduplicated = self._store(path.name, data)
        except ResumateError as error:
            self._settle(path, None, "failed", (error.code, error.message))
            return
        except OSError as error:
            self._settle(path, None, "failed", ("not_found", f"Could not read: {error.strerror}"))
            return
        self._settle(path, resume_id, "deduplicated" if deduplicated else "enqueued", None)

    def _store(self, filename: str, data: bytes) -> tuple[str, bool]:
        from resumate.extract import detect_format

        format = detect_format(data, filename)
        sha256 = hashlib.sha256(data).hexdigest()
        with self.db.read() as db:
            existing = repo.find_resume_by_sha256(db, sha256=sha256)
            if existing is not None:
                return existing.id, True
        key = new_key()
        self.files.put(key, data)
        try:
            with self.db.write() as db:
                record = repo.add_resume(
                    db, resume_id=secrets.token_hex(16), filename=filename[:255], format=format,
                    size_bytes=len(data), sha256=sha256, storage_key=key,
                    now=_now())
                resume_id = record.id
        except BaseException:
            self.files.delete(key)
            raise
        self.runner.submit(resume_id)
        return resume_id, False

    def _settle(self, path: Path, resume_id: str | None, outcome: str,
                error: tuple[str, str] | None) -> None:
        entry: dict[str, Any] = {"path": str(path), "id": resume_id, "outcome": outcome}
        if error is not None:
            entry["error"] = {"code": error[0], "message": error[1]}
            self.report.failed.append((str(path), *error))
        elif outcome == "deduplicated":
            self.report.deduplicated += 1
        else:
            self.report.enqueued += 1
        if resume_id:
            self.report.resume_ids.append(resume_id)
        line = json.dumps(entry, ensure_ascii=False)
        self.journal.write(line + "\n")
        self.journal.flush()
        if self.report_file is not None:
            self.report_file.write(line + "\n")


def _now() -> Any:
    from resumate.jobs.tasks import utc_now

    return utc_now()


def wait_for_parses(db: Database, report: ImportReport, *, timeout: float,
                    on_progress: Any = None) -> None:
    """Poll the database until every imported resume is parsed or failed (or the timeout)."""
    pending = set(report.resume_ids)
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        with db.read() as session:
            for resume_id in list(pending):
                record = repo.get_resume(session, resume_id=resume_id)
                if record is None or record.status in ("queued", "processing"):
                    continue
                pending.discard(resume_id)
                if record.status == "failed":
                    report.parse_failed.append(
                        (record.filename, record.error_code or "job_failed",
                         record.error_message or ""))
                else:
                    report.parsed += 1
        if on_progress is not None:
            on_progress(len(report.resume_ids) - len(pending))
        if pending:
            time.sleep(WAIT_POLL_SECONDS)
    report.unfinished = len(pending)


def _open_runner(settings: Settings, db: Database, files: FileStore) -> JobRunner:
    if settings.jobs == "celery":
        from resumate.jobs.celery import make_celery_app

        return _CelerySender(make_celery_app(settings))
    from resumate.jobs.inprocess import InProcessRunner
    from resumate.jobs.progress import ProgressHub
    from resumate.jobs.sandbox import SandboxLimits
    from resumate.jobs.tasks import TaskContext

    context = TaskContext(
        db=db, files=files, sink=ProgressHub(), options=settings.parse_options(),
        limits=SandboxLimits.from_settings(settings))
    return InProcessRunner(context, workers=settings.workers)


class _CelerySender:
    """Only sends: the import process runs no tasks and no progress listener."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def start(self) -> None:
        return None

    def submit(self, resume_id: str) -> None:
        from resumate.jobs.celery import PARSE_TASK, QUEUE

        self.app.send_task(PARSE_TASK, kwargs={"resume_id": resume_id}, queue=QUEUE)

    def queue_depth(self) -> int:
        return 0

    def stop(self) -> None:
        self.app.close()


def run_import(settings: Settings, source: Path, *, wait: bool, report: Path | None,
               journal: Path | None, timeout: float) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from resumate.jobs.tasks import open_file_store
    from resumate.store.db import upgrade_database

    console = Console(stderr=True, soft_wrap=True)
    if not source.exists():
        console.print(f"resumate: {source}: no such directory or manifest")
        return 2
    if settings.resolved_database_url.startswith("sqlite"):
        upgrade_database(settings.resolved_database_url)
    db = open_database(settings.resolved_database_url)
    files = open_file_store(settings)
    journal_path = journal or default_journal(settings, source)
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    done, earlier_ids = read_journal(journal_path)
    total = sum(1 for _ in iter_sources(source))
    runner = _open_runner(settings, db, files)
    runner.start()
    wait = wait or settings.jobs != "celery"
    columns = (*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn())
    try:
        with journal_path.open("a", encoding="utf-8") as journal_file, \
                (report.open("w", encoding="utf-8") if report else _null()) as report_file, \
                Progress(*columns, console=console, disable=not sys.stderr.isatty()) as bar:
            importer = Importer(db=db, files=files, runner=runner, settings=settings,
                                journal=journal_file, report_file=report_file)
            task = bar.add_task("Importing", total=total)
            for path in iter_sources(source):
                if str(path) in done:
                    importer.report.skipped += 1
                else:
                    importer.import_file(path)
                bar.advance(task)
            outcome = importer.report
            if wait:
                outcome.resume_ids = list(dict.fromkeys([*earlier_ids, *outcome.resume_ids]))
                parsing = bar.add_task("Parsing", total=len(outcome.resume_ids))
                wait_for_parses(db, outcome, timeout=timeout,
                                on_progress=lambda n: bar.update(parsing, completed=n))
    finally:
        runner.stop()
        db.dispose()
    _print_report(console, outcome, wait=wait, journal=journal_path)
    bad = outcome.failed or outcome.parse_failed or outcome.unfinished
    return 1 if bad else 0


class _null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


def _print_report(console: Any, report: ImportReport, *, wait: bool, journal: Path) -> None:
    console.print(
        f"import: {report.enqueued} enqueued, {report.deduplicated} already known, "
        f"{report.skipped} skipped (done by an earlier run), {len(report.failed)} failed")
    if wait:
        console.print(f"parse: {report.parsed} parsed, {len(report.parse_failed)} failed, "
                      f"{report.unfinished} unfinished")
    for path, code, message in [*report.failed, *report.parse_failed][:MAX_LISTED_FAILURES]:
        console.print(f"  {path}: {code}: {message}", markup=False, highlight=False)
    console.print(f"journal: {journal} (run again to resume)", markup=False, highlight=False)
