"""Fixtures for the scale-out tests: a Celery stack made of real processes.

`stack` gives a private Redis (broker, result backend, progress bus), moto's S3 server (files),
PostgreSQL (a fresh schema on the shared test server, migrated) and a factory for
`resumate worker` processes; `stack.client()` is the API (TestClient) on the same settings.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from resumate.config import Settings
from resumate.store.db import Database, open_database, upgrade_database
from tests.jobs.services import MotoServer, RedisServer, Worker

BUCKET = "resumate-scale"
AWS_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_DEFAULT_REGION": "us-east-1"}
# Small timings so that redelivery after a kill takes seconds: the broker hands a vanished
# worker's job out again after 3 s, a claim lasts 9 s (> parse timeout 5 s + delay).
FAST = {
    "RESUMATE_ENV": "test", "RESUMATE_OCR": "never", "RESUMATE_PARSE_TIMEOUT_SECONDS": "5",
    "RESUMATE_VISIBILITY_TIMEOUT_SECONDS": "3", "RESUMATE_JOB_LEASE_SECONDS": "9",
    "RESUMATE_JOB_RETRY_BACKOFF_SECONDS": "0.5", "RESUMATE_SWEEP_INTERVAL_SECONDS": "2",
    "RESUMATE_UPLOAD_RATE_LIMIT": "100000/minute", "RESUMATE_WEBHOOK_ALLOW_PRIVATE": "true",
    "RESUMATE_WEBHOOK_BACKOFF_SECONDS": "0.2", "RESUMATE_WEBHOOK_TIMEOUT_SECONDS": "3",
}


@pytest.fixture(scope="session")
def moto_s3() -> Iterator[MotoServer]:
    server = MotoServer()
    server.start()
    try:
        import boto3

        boto3.client("s3", endpoint_url=server.url, region_name="us-east-1",
                     aws_access_key_id="testing", aws_secret_access_key="testing",
                     ).create_bucket(Bucket=BUCKET)
        yield server
    finally:
        server.stop()


@dataclass
class Stack:
    tmp: Path
    redis: RedisServer
    database_url: str
    s3_url: str
    overrides: dict[str, str] = field(default_factory=dict)
    workers: list[Worker] = field(default_factory=list)
    clients: list[TestClient] = field(default_factory=list)
    databases: list[Database] = field(default_factory=list)
    s3_prefix: str = field(default_factory=lambda: f"t{secrets.token_hex(4)}/")

    def env(self) -> dict[str, str]:
        values = {
            **os.environ, **AWS_ENV, **FAST, "PYTHONUNBUFFERED": "1",
            "RESUMATE_JOBS": "celery", "RESUMATE_REDIS_URL": self.redis.url,
            "DATABASE_URL": self.database_url, "RESUMATE_DATA_DIR": str(self.tmp / "data"),
            "RESUMATE_STORAGE": "s3", "RESUMATE_S3_BUCKET": BUCKET,
            "RESUMATE_S3_ENDPOINT_URL": self.s3_url,
            "RESUMATE_S3_PREFIX": self.s3_prefix,
        }
        values.update(self.overrides)
        values.pop("RESUMATE_DATABASE_URL", None)
        return values

    def settings(self, **changes: Any) -> Settings:
        env = self.env()
        values = {key[len("RESUMATE_"):].lower(): value for key, value in env.items()
                  if key.startswith("RESUMATE_")}
        values["database_url"] = env["DATABASE_URL"]
        values.update(changes)
        return Settings(**values)

    def start_worker(self, *, concurrency: int = 1, ready: bool = True) -> Worker:
        log = self.tmp / f"worker-{len(self.workers)}.log"
        worker = Worker(self.env(), log, concurrency=concurrency)
        self.workers.append(worker)
        if ready:
            worker.wait_ready()
        return worker

    def client(self, **changes: Any) -> TestClient:
        from resumate.web.app import create_app

        with _aws_environment():
            client = TestClient(create_app(self.settings(**changes)))
            client.__enter__()
        self.clients.append(client)
        return client

    def db(self) -> Database:
        if not self.databases:
            self.databases.append(open_database(self.settings().resolved_database_url))
        return self.databases[0]

    def close(self) -> None:
        for client in reversed(self.clients):
            with contextlib.suppress(Exception):
                client.__exit__(None, None, None)
        for worker in self.workers:
            worker.stop()
        for database in self.databases:
            database.dispose()

    def worker_logs(self) -> str:
        return "\n".join(f"--- {w.log.name}\n{w.output()}" for w in self.workers)


@contextlib.contextmanager
def _aws_environment() -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in AWS_ENV}
    os.environ.update(AWS_ENV)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in AWS_ENV.items():
        monkeypatch.setenv(key, value)


@pytest.fixture
def make_stack(
    tmp_path: Path, moto_s3: MotoServer, aws_env: None,
) -> Iterator[Callable[..., Stack]]:
    """Build a stack on a given database URL (the default: a fresh PostgreSQL schema)."""
    stacks: list[Stack] = []
    redis_servers: list[RedisServer] = []

    def make(database_url: str, **overrides: str) -> Stack:
        redis = RedisServer(tmp_path)
        redis.start()
        redis_servers.append(redis)
        upgrade_database(database_url)
        stack = Stack(tmp=tmp_path, redis=redis, database_url=database_url, s3_url=moto_s3.url,
                      overrides=overrides)
        stacks.append(stack)
        return stack

    try:
        yield make
    finally:
        for stack in stacks:
            stack.close()
        for redis in redis_servers:
            redis.stop()


@pytest.fixture
def stack(make_stack: Callable[..., Stack], postgres_url: str) -> Stack:
    return make_stack(postgres_url)
