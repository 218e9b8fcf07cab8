from __future__ import annotations

import datetime as dt

from resumate.store import job_queue
from resumate.store import repositories as repo
from resumate.store.db import open_database, upgrade_database

NOW = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)


def _add(db: object, resume_id: str, sha: str = "a" * 64, *, now: dt.datetime = NOW) -> None:
    with db.write() as session:  # type: ignore[attr-defined]
        repo.add_resume(session, resume_id=resume_id, filename="cv.pdf", format="pdf",
                        size_bytes=10, sha256=sha, storage_key="ab/" + "0" * 32, now=now)


def test_a_resume_round_trips_with_its_job_and_parsed_data(database_url: str) -> None:
    upgrade_database(database_url)
    db = open_database(database_url)
    _add(db, "r1")
    with db.write() as session:
        assert job_queue.claim_job(session, resume_id="r1", now=NOW, lease_seconds=0).attempt == 1
        outcome = job_queue.ParseOutcome(document={"basics": {"name": "Zoë Ångström 王小明 👩‍💻"}},
                                    text="text", quality="ok", overall_confidence=0.9)
        assert job_queue.finish_job(session, resume_id="r1", outcome=outcome, now=NOW)
    with db.read() as session:
        record = repo.get_resume(session, resume_id="r1")
        assert record is not None and record.status == "parsed"
        assert record.created_at == NOW
        assert record.parsed is not None
        assert record.parsed.document["basics"]["name"] == "Zoë Ångström 王小明 👩‍💻"
        assert repo.unfinished_job_resume_ids(session) == []
    db.dispose()


def test_dedupe_lookup_ignores_failed_resumes(database_url: str) -> None:
    upgrade_database(database_url)
    db = open_database(database_url)
    _add(db, "r1", sha="b" * 64)
    with db.write() as session:
        job_queue.claim_job(session, resume_id="r1", now=NOW, lease_seconds=0)
        job_queue.finish_job(session, resume_id="r1", now=NOW,
                        outcome=job_queue.ParseOutcome(error_code="corrupt", error_message="x"))
    with db.read() as session:
        assert repo.find_resume_by_sha256(session, sha256="b" * 64) is None
    _add(db, "r2", sha="b" * 64)
    with db.read() as session:
        found = repo.find_resume_by_sha256(session, sha256="b" * 64)
        assert found is not None and found.id == "r2"
    db.dispose()


def test_deleting_a_resume_cascades_to_everything(database_url: str) -> None:
    upgrade_database(database_url)
    db = open_database(database_url)
    _add(db, "r1")
    with db.write() as session:
        repo.add_share(session, resume_id="r1", token="t" * 43, expires_at=None, now=NOW)
        record = repo.get_resume(session, resume_id="r1")
        job_queue.claim_job(session, resume_id="r1", now=NOW, lease_seconds=0)
        job_queue.finish_job(session, resume_id="r1", now=NOW,
                        outcome=job_queue.ParseOutcome(document={}, quality="ok"))
        assert record is not None
        session.refresh(record)
        repo.record_corrections(session, record=record, document={"basics": {}},
                                changes=[("basics.name", None, "X")], now=NOW)
    with db.write() as session:
        assert repo.delete_resume(session, resume_id="r1") == "ab/" + "0" * 32
    with db.read() as session:
        from sqlalchemy import text

        for table in ("resumes", "parsed_data", "corrections", "shares", "jobs"):
            assert session.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    db.dispose()


def test_list_is_paginated_newest_first_and_filtered_by_status(database_url: str) -> None:
    upgrade_database(database_url)
    db = open_database(database_url)
    for i in range(5):
        _add(db, f"r{i}", now=NOW + dt.timedelta(minutes=i))
    with db.write() as session:
        job_queue.claim_job(session, resume_id="r0", now=NOW, lease_seconds=0)
    with db.read() as session:
        items, total = repo.list_resumes(session, status=None, limit=2, offset=0)
        assert total == 5 and [r.id for r in items] == ["r4", "r3"]
        items, total = repo.list_resumes(session, status="processing", limit=10, offset=0)
        assert total == 1 and items[0].id == "r0"
    db.dispose()
