from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from pathlib import Path

from resumate.config import ParseOptions
from resumate.jobs.inprocess import InProcessRunner
from resumate.jobs.progress import ProgressHub
from resumate.jobs.tasks import TaskContext, utc_now
from resumate.store import repositories as repo
from resumate.store.db import Database, open_database, upgrade_database
from resumate.store.files import LocalFileStore, new_key
from tests.jobs.services import wait_until


def _upload(db: Database, files: LocalFileStore, data: bytes) -> str:
    key, resume_id = new_key(), secrets.token_hex(16)
    files.put(key, data)
    with db.write() as session:
        repo.add_resume(session, resume_id=resume_id, filename="cv.pdf", format="pdf",
                        size_bytes=len(data), sha256=hashlib.sha256(data).hexdigest(),
                        storage_key=key, now=utc_now())
    return resume_id


def _status(db: Database, resume_id: str) -> str:
    with db.read() as session:
        record = repo.get_resume(session, resume_id=resume_id)
        assert record is not None
        return record.status


def test_the_next_job_is_claimed_during_a_parse_but_waits_for_the_worker_to_parse(
    tmp_path: Path, make_pdf: Callable[[str], bytes],
) -> None:
    url = f"sqlite:///{tmp_path / 'resumate.sqlite3'}"
    upgrade_database(url)
    db, files = open_database(url), LocalFileStore(tmp_path / "files")
    first, second = (_upload(db, files, make_pdf(f"Pipelined Person {n}")) for n in range(2))
    context = TaskContext(db=db, files=files, sink=ProgressHub(),
                          options=ParseOptions(ocr="never"), delay_seconds=1.0)
    runner = InProcessRunner(context, workers=1)
    runner.start()
    try:
        runner.submit(first)
        runner.submit(second)
        wait_until(lambda: _status(db, first) == _status(db, second) == "processing",
                   timeout=30, what="both jobs claimed", interval=0.02)
        statuses = wait_until(lambda: {_status(db, first), _status(db, second)} - {"processing"},
                              timeout=30, what="one parse", interval=0.02)
        assert statuses == {"parsed"}
        # either may have got the worker first; the other's parse waits for it (1 s delay)
        assert "processing" in (_status(db, first), _status(db, second))
        wait_until(lambda: _status(db, first) == _status(db, second) == "parsed", timeout=30,
                   what="the second parse")
    finally:
        runner.stop()
        db.dispose()
