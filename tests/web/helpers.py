"""Helpers for web tests (uploads and waiting for parses)."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient


def upload(client: TestClient, data: bytes, name: str = "cv.pdf", **params: Any) -> Any:
    content_type = "application/pdf" if name.endswith(".pdf") else "application/octet-stream"
    return client.post("/api/v1/resumes", params=params,
                       files={"file": (name, data, content_type)})


def wait_done(client: TestClient, resume_id: str, timeout: float = 20.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body: dict[str, Any] = client.get(f"/api/v1/resumes/{resume_id}").json()
        if body["status"] not in ("queued", "processing"):
            return body
        time.sleep(0.05)
    raise AssertionError(f"resume {resume_id} still not parsed after {timeout}s")


def parsed(client: TestClient, data: bytes, name: str = "cv.pdf") -> dict[str, Any]:
    response = upload(client, data, name, wait="true")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
