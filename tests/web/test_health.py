from __future__ import annotations

from fastapi.testclient import TestClient

import resumate
from tests.web.conftest import MakeClient
from tests.web.helpers import parsed


def test_health_is_exactly_the_documented_document(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "healthy", "database": "connected",
                               "version": resumate.__version__, "environment": "test"}


def test_health_is_503_when_the_database_is_unreachable(make_client: MakeClient) -> None:
    client = make_client(database_url="postgresql+psycopg://nobody:secret-pw@127.0.0.1:1/none")
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json() == {"status": "unhealthy", "database": "disconnected",
                               "version": resumate.__version__, "environment": "test"}
    assert "secret-pw" not in response.text


def test_metrics_report_requests_stages_queue_and_failures(client: TestClient,
                                                           resume_pdf: bytes) -> None:
    parsed(client, resume_pdf)
    parsed(client, b"%PDF-1.7\n%%junk\n", "junk.pdf")
    text = client.get("/metrics").text
    posted = 'resumate_http_requests_total{method="POST",route="/api/v1/resumes",status="200"}'
    assert posted in text
    assert 'resumate_parse_stage_seconds_count{stage="extracting"}' in text
    assert "resumate_queue_depth" in text
    assert "resumate_parse_failures_total{code=" in text


def test_openapi_documents_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/v1/resumes", "/api/v1/resumes/{resume_id}",
                 "/api/v1/resumes/{resume_id}/events", "/api/v1/resumes/{resume_id}/share",
                 "/api/v1/shared/{token}", "/api/v1/resumes/{resume_id}/export/{fmt}", "/health"):
        assert path in paths
    assert client.get("/docs").status_code == 200
