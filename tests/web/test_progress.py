"""Progress over WebSocket and Server-Sent Events, end to end through the running app."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.web.conftest import MakeClient
from tests.web.helpers import upload, wait_done

STAGES = {"queued", "detecting", "extracting", "ocr", "parsing", "scoring", "complete", "failed"}


def _check(message: dict[str, object]) -> None:
    assert message["type"] == "progress"
    assert message["stage"] in STAGES
    assert 0 <= int(message["progress"]) <= 100  # type: ignore[call-overload]
    assert isinstance(message["message"], str)
    assert "eta_seconds" in message


def test_websocket_streams_typed_progress_until_complete(client: TestClient,
                                                         make_pdf: object) -> None:
    rid = upload(client, make_pdf("Wendy Socket")).json()["id"]  # type: ignore[operator]
    messages = []
    with client.websocket_connect(f"/ws/resumes/{rid}") as websocket:
        while True:
            message = websocket.receive_json()
            _check(message)
            messages.append(message)
            if message["stage"] in ("complete", "failed"):
                break
    assert messages[-1]["stage"] == "complete" and messages[-1]["progress"] == 100
    progress = [m["progress"] for m in messages]
    assert progress == sorted(progress)


def test_a_late_websocket_client_gets_the_current_state_first(client: TestClient,
                                                              resume_pdf: bytes) -> None:
    rid = upload(client, resume_pdf).json()["id"]
    wait_done(client, rid)
    with client.websocket_connect(f"/ws/resumes/{rid}") as websocket:
        message = websocket.receive_json()
    _check(message)
    assert message["stage"] == "complete"


def test_websocket_for_an_unknown_resume_says_not_found(client: TestClient) -> None:
    with client.websocket_connect("/ws/resumes/unknown") as websocket:
        message = websocket.receive_json()
    assert message == {"type": "error", "error": {"code": "not_found", "message": message[
        "error"]["message"]}}


def test_sse_streams_progress_events_until_complete(client: TestClient, make_pdf: object) -> None:
    rid = upload(client, make_pdf("Sam Events")).json()["id"]  # type: ignore[operator]
    events = []
    with client.stream("GET", f"/api/v1/resumes/{rid}/events") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("event:"):
                assert line == "event: progress"
            if line.startswith("data:"):
                events.append(json.loads(line[5:]))
    for event in events:
        _check(event)
    assert events[-1]["stage"] == "complete"


def test_sse_reports_a_failed_parse_with_its_error(client: TestClient) -> None:
    rid = upload(client, b"%PDF-1.7\n%%garbage only\n", "bad.pdf").json()["id"]
    with client.stream("GET", f"/api/v1/resumes/{rid}/events") as response:
        events = [json.loads(line[5:]) for line in response.iter_lines()
                  if line.startswith("data:")]
    assert events[-1]["stage"] == "failed"
    assert events[-1]["error"]["code"] in ("corrupt", "empty")


def test_progress_needs_the_api_key_when_keys_are_set(make_client: MakeClient,
                                                      resume_pdf: bytes) -> None:
    client = make_client(api_keys="k-123")
    headers = {"Authorization": "Bearer k-123"}
    rid = client.post("/api/v1/resumes", headers=headers, params={"wait": "true"},
                      files={"file": ("cv.pdf", resume_pdf, "application/pdf")}).json()["id"]
    assert client.get(f"/api/v1/resumes/{rid}/events").status_code == 401
    with client.stream("GET", f"/api/v1/resumes/{rid}/events?access_token=k-123") as response:
        assert response.status_code == 200
    with client.websocket_connect(f"/ws/resumes/{rid}?access_token=k-123") as websocket:
        assert websocket.receive_json()["stage"] == "complete"
