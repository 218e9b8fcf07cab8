from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from resumate.store.db import upgrade_database
from tests.web.conftest import MakeClient
from tests.web.helpers import parsed, upload, wait_done


@pytest.fixture
def any_db_client(make_client: MakeClient, database_url: str) -> TestClient:
    upgrade_database(database_url)  # PostgreSQL is migrated explicitly, as in production
    return make_client(database_url=database_url)


def test_full_lifecycle_on_sqlite_and_postgresql(any_db_client: TestClient,
                                                 resume_pdf: bytes) -> None:
    client = any_db_client
    body = parsed(client, resume_pdf)
    rid = body["id"]
    status = client.get(f"/api/v1/resumes/{rid}/status").json()
    assert status["status"] == "parsed" and status["progress"]["stage"] == "complete"

    patched = client.patch(f"/api/v1/resumes/{rid}", json={"corrections": [
        {"path": "basics.name", "value": "Jordan Q. Example"},
        {"path": "work[0].name", "value": "Acme Corp"},
    ]})
    assert patched.status_code == 200, patched.text
    assert patched.json()["resume"]["basics"]["name"] == "Jordan Q. Example"
    assert patched.json()["confidence"]["basics.name"] == 1.0
    rows = client.get(f"/api/v1/resumes/{rid}/corrections").json()
    first = rows[0]
    assert (first["path"], first["old_value"], first["new_value"]) == (
        "basics.name", "Jordan Example", "Jordan Q. Example")
    assert all(r["created_at"] for r in rows)

    confirmed = client.post(f"/api/v1/resumes/{rid}/confirm").json()
    assert confirmed["status"] == "confirmed" and confirmed["confirmed_at"]
    assert client.get("/api/v1/resumes", params={"status": "confirmed"}).json()["total"] == 1

    assert client.delete(f"/api/v1/resumes/{rid}").status_code == 204
    assert client.get(f"/api/v1/resumes/{rid}").status_code == 404
    assert client.get("/api/v1/resumes").json()["total"] == 0


def test_invalid_corrections_are_refused_and_nothing_changes(client: TestClient,
                                                             resume_pdf: bytes) -> None:
    rid = parsed(client, resume_pdf)["id"]
    for correction in ({"path": "nonsense", "value": 1}, {"path": "basics.email", "value": 5},
                       {"path": "work[99].name", "value": "x"}):
        response = client.patch(f"/api/v1/resumes/{rid}", json={"corrections": [correction]})
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "invalid_correction"
    assert client.get(f"/api/v1/resumes/{rid}/corrections").json() == []
    assert client.patch(f"/api/v1/resumes/{rid}", json={}).json()["error"]["code"] == (
        "invalid_request")


def test_delete_erases_the_original_file_and_shares(client: TestClient, resume_pdf: bytes,
                                                    tmp_path: Path) -> None:
    rid = parsed(client, resume_pdf)["id"]
    token = client.post(f"/api/v1/resumes/{rid}/share").json()["token"]
    assert [p for p in (tmp_path / "data" / "files").rglob("*") if p.is_file()]
    client.delete(f"/api/v1/resumes/{rid}")
    assert not [p for p in (tmp_path / "data" / "files").rglob("*") if p.is_file()]
    assert client.get(f"/api/v1/shared/{token}").status_code == 404
    assert client.delete(f"/api/v1/resumes/{rid}").status_code == 404


def test_original_download_has_a_safe_content_disposition(client: TestClient,
                                                         resume_pdf: bytes) -> None:
    response = upload(client, resume_pdf, 'evil"\r\nX-Injected: 1;name\u202e.pdf')
    rid = response.json()["id"]
    download = client.get(f"/api/v1/resumes/{rid}/file")
    assert download.status_code == 200 and download.content == resume_pdf
    disposition = download.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=\"")
    assert "\r" not in disposition and "\n" not in disposition and "\u202e" not in disposition
    assert "x-injected" not in {k.lower() for k in download.headers}
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-type"] == "application/pdf"


def test_list_is_paginated_with_a_next_link(client: TestClient, make_pdf: object) -> None:
    for i in range(3):
        upload(client, make_pdf(f"Person Number{i}"))  # type: ignore[operator]
    page = client.get("/api/v1/resumes", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2
    assert page["next"] == "/api/v1/resumes?limit=2&offset=2"
    rest = client.get(page["next"]).json()
    assert len(rest["items"]) == 1
    assert client.get("/api/v1/resumes", params={"status": "bogus"}).status_code == 422


def test_unknown_ids_are_404_in_the_error_shape(client: TestClient) -> None:
    for method, path in (("GET", "/api/v1/resumes/nope"), ("GET", "/api/v1/resumes/nope/status"),
                         ("POST", "/api/v1/resumes/nope/confirm"),
                         ("GET", "/api/v1/resumes/nope/file"), ("GET", "/nowhere")):
        response = client.request(method, path)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_a_job_left_running_by_a_dead_process_is_parsed_on_start(
    make_client: MakeClient, resume_pdf: bytes, tmp_path: Path
) -> None:
    import sqlite3

    first = make_client()
    rid = wait_done(first, upload(first, resume_pdf).json()["id"])["id"]
    first.__exit__(None, None, None)
    with sqlite3.connect(tmp_path / "data" / "resumate.sqlite3") as connection:
        connection.execute("UPDATE resumes SET status='processing' WHERE id=?", (rid,))
        connection.execute("UPDATE jobs SET status='running' WHERE resume_id=?", (rid,))
        connection.execute("DELETE FROM parsed_data WHERE resume_id=?", (rid,))
    second = make_client()
    body = wait_done(second, rid)
    assert body["status"] == "parsed" and body["resume"]["basics"]["name"] == "Jordan Example"
