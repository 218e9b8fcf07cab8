"""Services restarted under a running system: PostgreSQL (a throwaway cluster of our own) and
Redis (a private server without persistence, so a restart loses every queued message). The
system must recover without anyone's help and lose nothing; and the RabbitMQ broker."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.jobs.conftest import Stack
from tests.jobs.services import PostgresCluster, wait_until
from tests.jobs.test_celery_durability import job_rows, upload, wait_finished

pytestmark = pytest.mark.postgres


def test_postgresql_restarted_during_a_run_loses_no_job(
    make_stack: Callable[..., Stack], make_pdf: Any,
) -> None:
    cluster = PostgresCluster()
    try:
        cluster.init()
        cluster.start()
        stack = make_stack(cluster.url, RESUMATE_PARSE_DELAY_SECONDS="1")
        stack.start_worker(concurrency=2)
        client = stack.client()
        ids = [upload(client, make_pdf(f"Restart Postgres {n}")) for n in range(4)]
        wait_until(lambda: any(job_rows(stack, i) == [("running", 1)] for i in ids),
                   timeout=30, what="a parse to start")
        cluster.stop("immediate")  # a crash: no checkpoint, connections cut
        assert client.get("/health").status_code == 503
        time.sleep(2)
        cluster.start()

        assert [wait_finished(client, i, stack, timeout=90) for i in ids] == ["parsed"] * 4
        assert all(job_rows(stack, i)[0][0] == "done" and len(job_rows(stack, i)) == 1
                   for i in ids)
        assert client.get("/health").status_code == 200
    finally:
        cluster.destroy()


def test_redis_restarted_during_a_run_loses_no_job(stack: Stack, make_pdf: Any) -> None:
    stack.overrides["RESUMATE_PARSE_DELAY_SECONDS"] = "1"
    stack.start_worker()
    client = stack.client()
    ids = [upload(client, make_pdf(f"Restart Redis {n}")) for n in range(4)]
    wait_until(lambda: any(job_rows(stack, i) == [("running", 1)] for i in ids),
               timeout=30, what="a parse to start")
    stack.redis.stop()  # the queued messages die with it (no persistence)
    ids.append(upload(client, make_pdf("Uploaded While Redis Was Down")))
    time.sleep(1)
    stack.redis.start()

    assert [wait_finished(client, i, stack, timeout=120) for i in ids] == ["parsed"] * 5
    assert all(len(job_rows(stack, i)) == 1 and job_rows(stack, i)[0][0] == "done"
               for i in ids)
    assert client.get("/health").status_code == 200


def _rabbitmq_up() -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", 5672)) == 0


@pytest.mark.skipif(not _rabbitmq_up(), reason="RabbitMQ is not running on 127.0.0.1:5672")
def test_rabbitmq_as_the_broker(stack: Stack, make_pdf: Any) -> None:
    stack.overrides["RESUMATE_BROKER_URL"] = "amqp://guest:guest@127.0.0.1:5672//"
    stack.start_worker()
    client = stack.client()
    resume_id = upload(client, make_pdf("Through RabbitMQ"))
    assert wait_finished(client, resume_id, stack) == "parsed"
    assert job_rows(stack, resume_id) == [("done", 1)]
