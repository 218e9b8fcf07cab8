"""Batch submission with a signed callback, against a real HTTP receiver on loopback."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from resumate.config import Settings
from resumate.jobs.webhooks import (
    DELIVERY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    CallbackRefused,
    check_callback_url,
    sign,
    verify,
)
from resumate.web.app import create_app
from tests.jobs.services import wait_until


class Receiver:
    """Records every POST; answers 500 to the first `fail_first` of them."""

    def __init__(self, fail_first: int = 0) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.fail_first = fail_first
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                failing = len(receiver.requests) <= receiver.fail_first
                self.send_response(500 if failing else 204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/resumate"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver(fail_first=2)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        env="test", data_dir=tmp_path / "data", ocr="never", workers=2,
        database_url=f"sqlite:///{tmp_path}/data/resumate.sqlite3",
        upload_rate_limit="10000/minute", webhook_allow_private=True,
        webhook_backoff_seconds=0.2)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_a_batch_calls_back_once_per_resume_signed_and_retried(
    client: TestClient, receiver: Receiver, make_pdf: Any,
) -> None:
    files = [("file", (f"cv{n}.pdf", make_pdf(f"Batch Person {n}"), "application/pdf"))
             for n in range(3)]
    files.append(("file", ("notes.exe", b"MZ\x90\x00 not a resume", "application/octet-stream")))
    response = client.post("/api/v1/batches", files=files, data={"callback_url": receiver.url})
    assert response.status_code == 202, response.text
    batch = response.json()
    secret = batch["callback_secret"]
    assert batch["signature"]["signature_header"] == SIGNATURE_HEADER
    accepted = [item["id"] for item in batch["items"] if item["id"]]
    assert len(accepted) == 3
    assert batch["items"][3]["error"]["code"] == "unsupported_type"

    def delivered() -> set[str]:
        ok = receiver.requests[receiver.fail_first:]
        return {json.loads(body)["resume"]["id"] for _headers, body in ok}

    wait_until(lambda: delivered() == set(accepted), timeout=60, what="three webhooks")
    for headers, body in receiver.requests:
        assert verify(secret, timestamp=headers[TIMESTAMP_HEADER.lower()],
                      signature=headers[SIGNATURE_HEADER.lower()], body=body)
        assert not verify("wrong-secret", timestamp=headers[TIMESTAMP_HEADER.lower()],
                          signature=headers[SIGNATURE_HEADER.lower()], body=body)
        payload = json.loads(body)
        assert payload["event"] == "resume.finished" and payload["batch_id"] == batch["id"]
        assert payload["resume"]["status"] == "parsed"
        assert headers[DELIVERY_HEADER.lower()] == str(payload["delivery_id"])
    # the two failed attempts were retried: the same delivery ids came again
    assert len(receiver.requests) == 5

    status = client.get(f"/api/v1/batches/{batch['id']}").json()
    assert status["counts"] == {"parsed": 3}
    assert "callback_secret" not in status


def test_the_signature_is_hmac_sha256_over_timestamp_and_body() -> None:
    import hashlib
    import hmac

    expected = hmac.new(b"s3cret", b"1700000000.{\"a\":1}", hashlib.sha256).hexdigest()
    assert sign("s3cret", 1700000000, b'{"a":1}') == f"v1={expected}"
    assert not verify("s3cret", timestamp="1700000000", signature=f"v1={expected}",
                      body=b'{"a":1}', now=1700000000 + 3600)  # too old: a replay


def test_private_callback_targets_are_refused_unless_allowed() -> None:
    with pytest.raises(CallbackRefused):
        check_callback_url("http://127.0.0.1:8080/hook", allow_private=False)
    with pytest.raises(CallbackRefused):
        check_callback_url("ftp://example.org/hook", allow_private=True)
    assert check_callback_url("http://127.0.0.1:8080/h", allow_private=True)
