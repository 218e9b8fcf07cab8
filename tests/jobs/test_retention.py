from __future__ import annotations

import datetime as dt
from pathlib import Path

from resumate.jobs.retention import purge_expired_resumes
from resumate.store import repositories as repo
from resumate.store.db import open_database, upgrade_database
from resumate.store.files import LocalFileStore, new_key

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_resumes_older_than_the_retention_are_purged_with_their_files(
    tmp_path: Path, database_url: str
) -> None:
    upgrade_database(database_url)
    db, files = open_database(database_url), LocalFileStore(tmp_path / "files")
    keys = {}
    for name, age_days in (("old", 91), ("recent", 89)):
        keys[name] = new_key()
        files.put(keys[name], name.encode())
        with db.write() as session:
            repo.add_resume(session, resume_id=name, filename=f"{name}.pdf", format="pdf",
                            size_bytes=3, sha256=name * 8, storage_key=keys[name],
                            now=START - dt.timedelta(days=age_days))
    assert purge_expired_resumes(db, files, now=START, retention_days=90) == 1
    with db.read() as session:
        assert repo.get_resume(session, resume_id="old") is None
        assert repo.get_resume(session, resume_id="recent") is not None
    assert not files.exists(keys["old"]) and files.exists(keys["recent"])
    later = START + dt.timedelta(days=2)
    assert purge_expired_resumes(db, files, now=later, retention_days=90) == 1
    db.dispose()


def test_the_app_purges_on_start_with_its_clock(tmp_path: Path, resume_pdf: bytes) -> None:
    from fastapi.testclient import TestClient

    from resumate.web.app import create_app
    from tests.web.conftest import settings_for

    now = [START]
    settings = settings_for(tmp_path, retention_days=30)
    with TestClient(create_app(settings, clock=lambda: now[0])) as client:
        rid = client.post("/api/v1/resumes", files={"file": ("a.pdf", resume_pdf, "x/y")},
                          params={"wait": "true"}).json()["id"]
    now[0] = START + dt.timedelta(days=31)
    with TestClient(create_app(settings, clock=lambda: now[0])) as client:
        assert client.get(f"/api/v1/resumes/{rid}").status_code == 404
