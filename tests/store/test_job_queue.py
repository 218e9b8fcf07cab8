from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from resumate.store import job_queue
from resumate.store import repositories as repo
from resumate.store.db import Database, JsonText, open_database, upgrade_database

NOW = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)
KEY = "ab/" + "0" * 32
LEASE_SECONDS = 60.0


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    upgrade_database(database_url)
    database = open_database(database_url)
    with database.write() as session:
        repo.add_resume(session, resume_id="r1", filename="cv.pdf", format=None, size_bytes=10,
                        sha256="a" * 64, storage_key=KEY, now=NOW)
    yield database
    database.dispose()


def _claim(db: Database, *, at: dt.datetime = NOW) -> job_queue.JobClaim:
    with db.write() as session:
        return job_queue.claim_job(session, resume_id="r1", now=at, lease_seconds=LEASE_SECONDS)


def _finish(db: Database, outcome: job_queue.ParseOutcome, *, attempt: int | None) -> bool:
    with db.write() as session:
        return job_queue.finish_job(session, resume_id="r1", outcome=outcome, now=NOW,
                                    attempt=attempt)


def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.read() as session:
        return [tuple(row) for row in session.execute(text(sql))]


def test_a_claim_counts_the_attempt_and_brings_the_file_to_parse(db: Database) -> None:
    claim = _claim(db)
    assert (claim.attempt, claim.filename, claim.storage_key) == (1, "cv.pdf", KEY)
    assert _rows(db, "SELECT status, attempts FROM jobs") == [("running", 1)]
    assert _rows(db, "SELECT status FROM resumes") == [("processing",)]


def test_a_live_claim_makes_others_wait_and_an_expired_one_is_taken_over(db: Database) -> None:
    assert _claim(db).attempt == 1
    busy = _claim(db, at=NOW + dt.timedelta(seconds=20))
    assert busy.attempt == 0 and busy.busy_seconds == pytest.approx(40)
    taken_over = _claim(db, at=NOW + dt.timedelta(seconds=LEASE_SECONDS))
    assert taken_over.attempt == 2
    assert _rows(db, "SELECT status, attempts FROM jobs") == [("running", 2)]


def test_a_result_from_a_superseded_attempt_is_not_stored(db: Database) -> None:
    _claim(db)
    _claim(db, at=NOW + dt.timedelta(seconds=LEASE_SECONDS))
    stale = job_queue.ParseOutcome(document={"basics": {}}, quality="ok")
    assert not _finish(db, stale, attempt=1)
    assert _rows(db, "SELECT status FROM resumes") == [("processing",)]
    assert _rows(db, "SELECT count(*) FROM parsed_data") == [(0,)]
    assert _finish(db, stale, attempt=2)
    assert _claim(db).attempt == 0  # done: nothing left to claim


def test_an_encoded_document_is_stored_as_json_and_a_reparse_replaces_it(db: Database) -> None:
    document = {"basics": {"name": "Zoë Ångström 王小明"}}
    outcome = job_queue.ParseOutcome(
        document=JsonText(json.dumps(document)), text="first", warnings=["w"], quality="ok",
        overall_confidence=0.8, format="pdf", pages=2)
    assert _finish(db, outcome, attempt=_claim(db).attempt)
    with db.write() as session:
        record = repo.get_resume(session, resume_id="r1")
        assert record is not None and record.parsed is not None
        assert record.parsed.document == document and record.parsed.warnings == ["w"]
        assert (record.status, record.format, record.pages) == ("parsed", "pdf", 2)
        repo.reset_for_reparse(session, record=record, now=NOW)
    again = job_queue.ParseOutcome(document={"basics": {}}, text="second", quality="partial")
    assert _finish(db, again, attempt=_claim(db).attempt)
    assert _rows(db, "SELECT text FROM parsed_data") == [("second",)]
    assert _rows(db, "SELECT format, quality FROM resumes") == [("pdf", "partial")]


def test_a_failed_parse_gives_up_the_stored_file(db: Database) -> None:
    failed = job_queue.ParseOutcome(error_code="corrupt", error_message="damaged")
    with db.write() as session:
        claim = job_queue.claim_job(session, resume_id="r1", now=NOW, lease_seconds=0)
    with db.write() as session:
        assert job_queue.finish_job(session, resume_id="r1", outcome=failed, now=NOW,
                                    attempt=claim.attempt)
        assert job_queue.take_storage_key(session, resume_id="r1") == KEY
    assert _rows(db, "SELECT status, error_code, storage_key FROM resumes") == [
        ("failed", "corrupt", None)]
    assert _rows(db, "SELECT status, error_code FROM jobs") == [("failed", "corrupt")]


def test_a_released_claim_is_queued_again_and_an_outage_is_not_counted(db: Database) -> None:
    attempt = _claim(db).attempt
    with db.write() as session:
        assert job_queue.release_job(session, resume_id="r1", attempt=attempt, now=NOW,
                                     count_attempt=False)
        assert not job_queue.release_job(session, resume_id="r1", attempt=attempt, now=NOW,
                                         count_attempt=False)
    assert _rows(db, "SELECT status, attempts FROM jobs") == [("queued", 0)]
    assert _claim(db).attempt == 1


def test_nothing_is_stored_for_a_deleted_resume(db: Database) -> None:
    _claim(db)
    with db.write() as session:
        repo.delete_resume(session, resume_id="r1")
    assert not _finish(db, job_queue.ParseOutcome(document={}, quality="ok"), attempt=None)
    assert _claim(db) == job_queue.JobClaim()


def test_two_deliveries_claiming_at_once_get_one_claim(db: Database) -> None:
    """The second claim waits for the first transaction (its row lock on PostgreSQL, the write
    lock on SQLite) and then sees the live claim."""
    first_claimed, release_first = threading.Event(), threading.Event()
    claims: dict[str, job_queue.JobClaim] = {}

    def first() -> None:
        with db.write() as session:
            claims["first"] = job_queue.claim_job(session, resume_id="r1", now=NOW,
                                                  lease_seconds=LEASE_SECONDS)
            first_claimed.set()
            release_first.wait(10)

    thread = threading.Thread(target=first)
    thread.start()
    assert first_claimed.wait(10)
    second = threading.Thread(target=lambda: claims.setdefault("second", _claim(db)))
    second.start()
    second.join(0.3)
    assert second.is_alive()  # waiting for the first transaction
    release_first.set()
    thread.join(10)
    second.join(10)
    assert claims["first"].attempt == 1
    assert claims["second"].attempt == 0 and claims["second"].busy_seconds > 0
