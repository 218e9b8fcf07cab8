"""The Celery runner with real worker processes: kill -9 mid-parse, redelivery, progress across
processes, outages retried then reported. Each test starts its own Redis and workers."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from resumate.jobs.celery import PARSE_TASK, QUEUE, make_celery_app
from resumate.store.models import JobRecord, ParsedDataRecord, ResumeRecord
from tests.jobs.conftest import Stack
from tests.jobs.services import wait_until

pytestmark = pytest.mark.postgres


def upload(client: Any, data: bytes, name: str = "cv.pdf") -> str:
    response = client.post("/api/v1/resumes", files={"file": (name, data, "application/pdf")})
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


def status_of(client: Any, resume_id: str) -> str:
    return str(client.get(f"/api/v1/resumes/{resume_id}/status").json()["status"])


def wait_finished(client: Any, resume_id: str, stack: Stack, timeout: float = 60.0) -> str:
    try:
        return str(wait_until(
            lambda: (s := status_of(client, resume_id)) not in ("queued", "processing") and s,
            timeout=timeout, what=f"resume {resume_id} to finish"))
    except AssertionError:
        print(stack.worker_logs())
        raise


def job_rows(stack: Stack, resume_id: str) -> list[tuple[str, int]]:
    with stack.db().read() as db:
        rows = db.execute(select(JobRecord.status, JobRecord.attempts)
                          .where(JobRecord.resume_id == resume_id)).all()
    return [(status, attempts) for status, attempts in rows]


def test_a_worker_killed_mid_parse_leaves_the_upload_parsed_exactly_once(
    stack: Stack, make_pdf: Any,
) -> None:
    stack.overrides["RESUMATE_PARSE_DELAY_SECONDS"] = "3"
    workers = [stack.start_worker(ready=False), stack.start_worker(ready=False)]
    for worker in workers:
        worker.wait_ready()
    client = stack.client()
    resume_id = upload(client, make_pdf("Killed Midway"))
    wait_until(lambda: job_rows(stack, resume_id) == [("running", 1)], timeout=20,
               what="a worker to claim the job")
    holder = wait_until(lambda: next(
        (w for w in workers if "] received" in w.output()), None), timeout=10,
        what="the worker holding the job")
    holder.kill()  # kill -9 the worker and its sandbox children, mid-parse
    second = next(w for w in workers if w is not holder)

    assert wait_finished(client, resume_id, stack) == "parsed", (
        client.get(f"/api/v1/resumes/{resume_id}").json()["error"], stack.worker_logs())
    assert job_rows(stack, resume_id) == [("done", 2)], stack.worker_logs()
    body = client.get(f"/api/v1/resumes/{resume_id}").json()
    assert body["resume"]["basics"]["name"] == "Killed Midway"
    with stack.db().read() as db:
        assert db.scalar(select(func.count()).select_from(ResumeRecord)) == 1
        assert db.scalar(select(func.count()).select_from(ParsedDataRecord)) == 1
    assert client.get("/health").status_code == 200
    assert not second.dead()


def test_a_second_delivery_of_a_finished_job_does_nothing(stack: Stack, make_pdf: Any) -> None:
    stack.start_worker()
    client = stack.client()
    resume_id = upload(client, make_pdf("Delivered Twice"))
    assert wait_finished(client, resume_id, stack) == "parsed"
    parsed_at = client.get(f"/api/v1/resumes/{resume_id}").json()["parsed_at"]

    app = make_celery_app(stack.settings())
    try:
        result = app.send_task(PARSE_TASK, kwargs={"resume_id": resume_id}, queue=QUEUE)
        assert result.get(timeout=30) == "skipped"  # through the Redis result backend
    finally:
        app.close()
    assert job_rows(stack, resume_id) == [("done", 1)]
    assert client.get(f"/api/v1/resumes/{resume_id}").json()["parsed_at"] == parsed_at


def test_progress_reaches_the_websocket_of_an_api_process_that_did_not_parse(
    stack: Stack, make_pdf: Any,
) -> None:
    stack.overrides["RESUMATE_PARSE_DELAY_SECONDS"] = "1"
    stack.start_worker()
    client = stack.client()
    resume_id = upload(client, make_pdf("Progress Across"))
    stages = []
    with client.websocket_connect(f"/ws/resumes/{resume_id}") as socket:
        while True:
            message = socket.receive_json()
            stages.append(message["stage"])
            if message["stage"] in ("complete", "failed"):
                break
    assert stages[-1] == "complete"
    assert {"extracting", "parsing"} & set(stages), stages


def test_a_storage_outage_is_retried_then_reported_as_failed(
    stack: Stack, make_pdf: Any,
) -> None:
    stack.overrides.update({"RESUMATE_JOB_RETRY_MAX": "2",
                            "RESUMATE_S3_ENDPOINT_URL": "http://127.0.0.1:9"})  # nothing there
    client = stack.client(s3_endpoint_url=stack.s3_url)  # the API itself can store files
    resume_id = upload(client, make_pdf("Storage Down"))
    stack.start_worker()
    assert wait_finished(client, resume_id, stack, timeout=90) == "failed"
    body = client.get(f"/api/v1/resumes/{resume_id}").json()
    assert body["error"]["code"] == "job_failed"
    assert "unavailable" in body["error"]["message"]
    assert job_rows(stack, resume_id)[0][0] == "failed"
