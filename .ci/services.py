"""Start what the test suite needs when it is not already running (PostgreSQL, Redis)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import time


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_for(port: int, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if listening(port):
            return True
        time.sleep(0.5)
    return False


def start_postgres() -> None:
    if listening(5432):
        return
    versions = sorted(os.path.basename(p) for p in glob.glob("/etc/postgresql/*"))
    if not versions or not shutil.which("pg_ctlcluster"):
        print("services: PostgreSQL is not installed here", file=sys.stderr)
        return
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"],
                   check=False)
    print("services: PostgreSQL", "up" if wait_for(5432) else "did not start", file=sys.stderr)


def start_redis() -> None:
    if listening(6379) or not shutil.which("redis-server"):
        return
    subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379",
                    "--save", "", "--appendonly", "no"], check=False)
    print("services: Redis", "up" if wait_for(6379) else "did not start", file=sys.stderr)


def start_rabbitmq() -> None:
    if listening(5672) or not shutil.which("rabbitmq-server"):
        return
    subprocess.run(["rabbitmq-server", "-detached"], check=False)
    print("services: RabbitMQ", "up" if wait_for(5672, 60) else "did not start", file=sys.stderr)


if __name__ == "__main__":
    start_postgres()
    start_redis()
    start_rabbitmq()
