from __future__ import annotations

from fastapi.testclient import TestClient

import resumate
from tests.web.helpers import parsed


def test_pdf_export_reparses_to_the_same_name_email_and_companies(client: TestClient,
                                                                  resume_pdf: bytes) -> None:
    body = parsed(client, resume_pdf)
    original = body["resume"]
    response = client.get(f"/api/v1/resumes/{body['id']}/export/pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-")
    again = resumate.parse(response.content, filename="export.pdf").to_json_resume()
    assert again["basics"]["name"] == original["basics"]["name"]
    assert again["basics"]["email"] == original["basics"]["email"]
    companies = [w.get("name") for w in original.get("work", [])]
    assert companies and [w.get("name") for w in again.get("work", [])] == companies


def test_json_exports(client: TestClient, resume_pdf: bytes) -> None:
    body = parsed(client, resume_pdf)
    record = client.get(f"/api/v1/resumes/{body['id']}/export/json").json()
    assert record["id"] == body["id"] and record["resume"] == body["resume"]
    document = client.get(f"/api/v1/resumes/{body['id']}/export/jsonresume").json()
    assert document["$schema"].endswith("schema.json")
    assert document["basics"]["name"] == "Jordan Example"
    assert "confidence" in document["meta"]["resumate"]
    assert client.get(f"/api/v1/resumes/{body['id']}/export/xlsx").status_code == 422
