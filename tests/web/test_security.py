from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import MakeClient
from tests.web.helpers import upload


def test_api_keys_guard_the_api_but_not_health_or_shares(make_client: MakeClient,
                                                         resume_pdf: bytes) -> None:
    client = make_client(api_keys="key-one, key-two")
    refused = client.get("/api/v1/resumes")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthorized"
    assert refused.headers["www-authenticate"] == "Bearer"
    wrong = client.get("/api/v1/resumes", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    ok = client.get("/api/v1/resumes", headers={"Authorization": "Bearer key-two"})
    assert ok.status_code == 200
    assert upload(client, resume_pdf).status_code == 401
    assert client.get("/health").status_code == 200
    assert client.get("/api/v1/shared/" + "x" * 43).status_code == 404


def test_uploads_are_rate_limited_per_client_with_retry_after(make_client: MakeClient,
                                                              make_pdf: object) -> None:
    client = make_client(upload_rate_limit="2/minute")
    assert upload(client, make_pdf("Rate One")).status_code == 202  # type: ignore[operator]
    assert upload(client, make_pdf("Rate Two")).status_code == 202  # type: ignore[operator]
    limited = upload(client, make_pdf("Rate Three"))  # type: ignore[operator]
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(limited.headers["retry-after"]) <= 61
    assert client.get("/api/v1/resumes").status_code == 200


def test_cors_allows_only_configured_origins(make_client: MakeClient) -> None:
    client = make_client(cors_origins="https://app.example.org")
    allowed = client.options("/api/v1/resumes", headers={
        "Origin": "https://app.example.org", "Access-Control-Request-Method": "GET"})
    assert allowed.headers["access-control-allow-origin"] == "https://app.example.org"
    other = client.get("/api/v1/resumes", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_every_error_has_the_same_shape(client: TestClient) -> None:
    responses = [
        client.get("/api/v1/resumes/unknown"),
        client.put("/api/v1/resumes"),
        client.post("/api/v1/resumes", content=b"x", headers={"Content-Type": "text/plain"}),
        client.get("/api/v1/resumes", params={"limit": 0}),
    ]
    for response in responses:
        assert response.status_code >= 400
        assert set(response.json()) == {"error"}
        assert set(response.json()["error"]) == {"code", "message"}
