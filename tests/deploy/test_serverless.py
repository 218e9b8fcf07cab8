"""Serverless mode: start-up checks, the 4.5 MB body limit, parsing within the request, polling."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from fastapi import FastAPI, Request, WebSocket
from fastapi.testclient import TestClient
from pydantic import ValidationError
from starlette.websockets import WebSocketDisconnect

from resumate.config import Settings
from resumate.web.serverless import (
    SERVERLESS_MAX_BODY_BYTES,
    ServerlessApp,
    create_serverless_app,
)
from tests.store.test_files import BUCKET, s3_endpoint  # noqa: F401  (moto server fixture)

GOOD = {
    "serverless": True,
    "database_url": "postgresql://resumate@db.example.invalid:5432/resumate",
    "storage": "s3",
    "s3_bucket": "resumes",
    "secret_key": "a-real-secret-from-the-platform",
}


def settings(**changes: Any) -> Settings:
    values = {**GOOD, **changes}
    return Settings(**{k: v for k, v in values.items() if v is not None})


# --- start-up checks ------------------------------------------------------------------------------


def test_serverless_settings_with_database_storage_and_secret_are_accepted() -> None:
    assert settings().serverless


@pytest.mark.parametrize(
    ("changes", "variable"),
    [
        ({"database_url": None}, "DATABASE_URL"),
        ({"database_url": "sqlite:////tmp/x.sqlite3"}, "DATABASE_URL"),
        ({"storage": "local", "s3_bucket": None}, "RESUMATE_STORAGE"),
        ({"secret_key": None}, "RESUMATE_SECRET_KEY"),
    ],
)
def test_serverless_mode_refuses_local_state_at_startup(
    changes: dict[str, Any], variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (
        "DATABASE_URL",
        "RESUMATE_DATABASE_URL",
        "RESUMATE_STORAGE",
        "RESUMATE_SECRET_KEY",
    ):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ValidationError, match=variable):
        settings(**changes)


def test_create_serverless_app_needs_serverless_settings() -> None:
    with pytest.raises(ValueError, match="serverless=True"):
        create_serverless_app(Settings(database_url="sqlite:///:memory:"))


@pytest.mark.parametrize("env", ["production", "staging", "prod"])
def test_default_secret_key_is_refused_outside_development(env: str) -> None:
    with pytest.raises(ValidationError, match="RESUMATE_SECRET_KEY"):
        Settings(env=env)
    assert Settings(env=env, secret_key="set-by-the-operator").env == env


# --- the ASGI wrapper, on a stand-in app ---------------------------------------------------------


def stand_in_app() -> FastAPI:
    started: list[bool] = []

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        started.append(True)
        yield

    app = FastAPI(lifespan=lifespan)
    app.state.started = started

    @app.post("/api/v1/resumes")
    async def upload(request: Request) -> dict[str, Any]:
        body = await request.body()
        return {"query": dict(request.query_params), "bytes": len(body), "started": bool(started)}

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, Any]:
        return {"bytes": len(await request.body()), "query": dict(request.query_params)}

    @app.websocket("/ws/resumes/{resume_id}")
    async def progress(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_json({"type": "progress"})
        await websocket.close()

    return app


@pytest.fixture
def wrapped() -> Iterator[TestClient]:
    app = ServerlessApp(stand_in_app(), settings=settings())
    yield TestClient(app)  # no `with`: the platform may send no lifespan events
    asyncio.run(app.aclose())


def test_body_over_the_limit_gets_413_with_a_clear_message(wrapped: TestClient) -> None:
    response = wrapped.post("/api/v1/resumes", content=b"x" * (SERVERLESS_MAX_BODY_BYTES + 1))
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "too_large"
    assert "4.5 MB" in error["message"] and "smaller file" in error["message"]


def test_streamed_body_over_the_limit_gets_413(wrapped: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(5):
            yield b"x" * 1_000_000

    response = wrapped.post("/echo", content=chunks())  # chunked: no Content-Length
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_body_at_the_limit_passes(wrapped: TestClient) -> None:
    response = wrapped.post("/echo", content=b"x" * SERVERLESS_MAX_BODY_BYTES)
    assert response.status_code == 200
    assert response.json()["bytes"] == SERVERLESS_MAX_BODY_BYTES


def test_upload_parses_within_the_request_with_the_in_process_runner(
    wrapped: TestClient,
) -> None:
    response = wrapped.post("/api/v1/resumes?fresh=true", content=b"%PDF-")
    assert response.json()["query"] == {"fresh": "true", "wait": "true"}
    assert wrapped.post("/echo?a=1").json()["query"] == {"a": "1"}  # other routes untouched


def test_startup_runs_on_first_request_without_lifespan_events(wrapped: TestClient) -> None:
    assert wrapped.post("/api/v1/resumes", content=b"").json()["started"] is True


def test_websockets_are_refused_with_a_pointer_to_polling(wrapped: TestClient) -> None:
    with (
        pytest.raises(WebSocketDisconnect) as refused,
        wrapped.websocket_connect("/ws/resumes/abc"),
    ):
        pass
    assert refused.value.code == 1008
    assert "status" in refused.value.reason


# --- the real service on PostgreSQL and S3 (moto's server) ----------------------------------------


@pytest.fixture
def serverless_client(
    postgres_url: str,
    s3_endpoint: str,  # noqa: F811  (the fixture imported above)
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[TestClient]:
    import boto3

    from resumate.store.db import upgrade_database

    for name, value in (
        ("AWS_ACCESS_KEY_ID", "testing"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
        ("AWS_DEFAULT_REGION", "us-east-1"),
    ):
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    if BUCKET not in [b["Name"] for b in client.list_buckets().get("Buckets", [])]:
        client.create_bucket(Bucket=BUCKET)
    upgrade_database(postgres_url)  # what `resumate db upgrade` does before a deployment
    app = create_serverless_app(
        settings(
            database_url=postgres_url,
            s3_bucket=BUCKET,
            s3_endpoint_url=s3_endpoint,
            s3_prefix="serverless-test/",
            workers=1,
        )
    )
    with TestClient(app) as client:  # lifespan events, as Vercel sends them
        yield client


@pytest.mark.postgres
def test_upload_without_wait_is_parsed_in_the_request_and_polled(
    serverless_client: TestClient, make_pdf: Any
) -> None:
    response = serverless_client.post(
        "/api/v1/resumes",
        files={"file": ("cv.pdf", make_pdf("Robin Serverless"), "application/pdf")},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] not in ("queued", "processing")
    status = serverless_client.get(f"/api/v1/resumes/{body['id']}/status")
    assert status.status_code == 200
    assert status.json()["status"] == body["status"]
    health = serverless_client.get("/health").json()
    assert health["status"] == "healthy" and health["database"] == "connected"
