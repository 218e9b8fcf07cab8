"""Load benchmark of the upload accept path, loopback only, bounded in time.

    uv run python benchmarks/load_upload.py --db sqlite --seconds 20 --clients 8
    uv run python benchmarks/load_upload.py --db postgresql --seconds 20 --clients 8

Starts `resumate serve` on a free loopback port with a fresh data directory (and, for
PostgreSQL, a fresh schema in RESUMATE_BENCH_DATABASE_URL, default
postgresql://postgres@127.0.0.1:5432/test, migrated with `resumate db upgrade`), then `--clients`
threads upload distinct one-page text resumes for `--seconds` seconds. Reports accepted
uploads/s, p50/p95/max latency of POST /api/v1/resumes (the accept path: 202), errors, and how
many parses finished in the window (the background parse throughput on the same cores).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

RESUME = """{name}
Senior Software Engineer
{email} | +1 555 010 {n:04d}

EXPERIENCE
Senior Software Engineer, Acme Corporation
Jan 2020 - Present
- Led the migration of billing services to Python 3.

EDUCATION
BSc Computer Science, State University
2012 - 2016

SKILLS
Python, PostgreSQL, Docker
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def body_for(n: int) -> tuple[bytes, str]:
    text = RESUME.format(name=f"Person {uuid.uuid4().hex[:8]}", email=f"p{n}@example.com", n=n)
    boundary = "bench" + secrets.token_hex(8)
    payload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
               f"filename=\"cv{n}.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode()
    payload += text.encode() + f"\r\n--{boundary}--\r\n".encode()
    return payload, f"multipart/form-data; boundary={boundary}"


def postgres_schema(admin_url: str) -> tuple[str, str]:
    import psycopg

    schema = f"bench_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in admin_url else "?"
    return schema, f"{admin_url}{separator}options=-csearch_path%3D{schema}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--warmup", type=float, default=2.0)
    args = parser.parse_args()
    if args.seconds > 300:
        parser.error("--seconds is capped at 300")

    port = free_port()
    data_dir = Path(tempfile.mkdtemp(prefix="resumate-bench-"))
    env = {**os.environ, "RESUMATE_DATA_DIR": str(data_dir),
           "RESUMATE_UPLOAD_RATE_LIMIT": "1000000/minute", "RESUMATE_ENV": "benchmark",
           "RESUMATE_SECRET_KEY": secrets.token_hex(16)}
    env.pop("DATABASE_URL", None)
    schema = None
    admin = os.environ.get("RESUMATE_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    if args.db == "postgresql":
        schema, url = postgres_schema(admin)
        env["DATABASE_URL"] = url
        subprocess.run([sys.executable, "-m", "resumate.cli", "db", "upgrade"], env=env,
                       check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([sys.executable, "-m", "resumate.cli", "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(port)
        result = run_load(port, args)
        print(json.dumps({"db": args.db, "clients": args.clients, "cpus": os.cpu_count(),
                          **result}, indent=2))
    finally:
        server.terminate()
        server.wait(30)
        if schema is not None:
            import psycopg

            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP SCHEMA "{schema}" CASCADE')
    return 0


def wait_healthy(port: int, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("the service did not become healthy")


def run_load(port: int, args: argparse.Namespace) -> dict[str, object]:
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    counter = iter(range(10**9))
    start = time.monotonic()
    measure_from = start + args.warmup
    stop_at = measure_from + args.seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at:
            with lock:
                n = next(counter)
            payload, content_type = body_for(n)
            began = time.monotonic()
            connection.request("POST", "/api/v1/resumes", body=payload,
                               headers={"Content-Type": content_type})
            response = connection.getresponse()
            response.read()
            took = time.monotonic() - began
            if began < measure_from:
                continue
            with lock:
                (latencies.append(took) if response.status == 202 else errors.append(
                    response.status))

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    parsed_at_start = count_parsed(port) if args.warmup else 0
    for thread in threads:
        thread.join()
    parsed_in_window = count_parsed(port) - parsed_at_start
    latencies.sort()
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "seconds": args.seconds,
        "accepted": len(latencies),
        "errors": len(errors),
        "uploads_per_second": round(len(latencies) / args.seconds, 1),
        "p50_ms": round(quantiles[49] * 1000, 1),
        "p95_ms": round(quantiles[94] * 1000, 1),
        "max_ms": round(max(latencies, default=0.0) * 1000, 1),
        "parses_finished_per_second": round(parsed_in_window / args.seconds, 1),
    }


def count_parsed(port: int) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/api/v1/resumes?status=parsed&limit=1")
    return int(json.loads(connection.getresponse().read())["total"])


if __name__ == "__main__":
    raise SystemExit(main())
