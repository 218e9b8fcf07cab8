"""Scale-out measurements for docs/benchmarks.md (loopback only, bounded in time).

    uv run python benchmarks/scale_bench.py throughput --jobs 40
    RESUMATE_BENCH_DOCS=../shared/bench/docs uv run python benchmarks/scale_bench.py throughput
    uv run python benchmarks/scale_bench.py sandbox --jobs 60
    uv run python benchmarks/scale_bench.py pgbench --seconds 10
    uv run python benchmarks/scale_bench.py load --seconds 15 --clients 8

throughput: the same N distinct one-page PDFs parsed by the engine alone (`resumate.parse` in 1
and 2 processes), by the in-process runner (1 and 2 workers, i.e. parse slots; timed by its own
queue depth, as polling the database would load the process measured) and by Celery with 1 and
2 `resumate worker` processes (concurrency 1 each, a private Redis), the runners on a fresh
PostgreSQL schema; reports jobs/s, the ratios (2 vs 1, service vs engine alone), the queue
overhead per job (Celery time per job minus in-process time per job with one worker), and the
CPU time per job of the engine's processes and of the service's (its process tree and its
PostgreSQL backends), a figure that other work on the machine disturbs much less than jobs/s.
sandbox: the mean time of one parse in this process vs through the sandbox (a warm child).
pgbench: a throwaway cluster (initdb/pg_ctl on a free port): `pgbench -i -s 10`, then
`pgbench -c 4 -T S` (TPC-B-like, 5 writes per transaction), and our own write path (one upload's
rows + claim + result, as the API and a worker write them) in a loop.
load: `resumate serve` + 2 workers + Redis, clients uploading distinct resumes for S seconds:
accepted uploads/s, p50/p95 latency of the 202, errors, and that every upload ends parsed.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import _pdf, resume_lines
from tests.jobs.services import (
    PostgresCluster,
    RedisServer,
    Worker,
    free_port,
    wait_for_port,
    wait_until,
)

PG = os.environ.get("RESUMATE_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def pdf(n: int) -> bytes:
    """The n-th job's file: a generated one-page resume, or with RESUMATE_BENCH_DOCS=DIR the
    n-th PDF of that folder (e.g. ../shared/bench/docs: real resumes, 1-3 pages)."""
    folder = os.environ.get("RESUMATE_BENCH_DOCS")
    if folder:
        paths = sorted(Path(folder).glob("*.pdf"))
        return paths[n % len(paths)].read_bytes()
    lines = resume_lines()
    lines[0] = (f"Bench Person {n} {uuid.uuid4().hex[:6]}", 20, True)
    return _pdf(lines)


def fresh_schema() -> str:
    import psycopg

    schema = f"bench_{secrets.token_hex(4)}"
    with psycopg.connect(PG.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    url = f"{PG}?options=-csearch_path%3D{schema}&application_name={schema}"
    from resumate.store.db import upgrade_database

    upgrade_database(url)
    return url


def enqueue(url: str, files_dir: Path, count: int, submit: object) -> list[str]:
    import hashlib

    from resumate.jobs.tasks import utc_now
    from resumate.store import repositories as repo
    from resumate.store.db import open_database
    from resumate.store.files import LocalFileStore, new_key

    db, files = open_database(url), LocalFileStore(files_dir)
    ids = []
    for n in range(count):
        data, key = pdf(n), new_key()
        files.put(key, data)
        with db.write() as session:
            record = repo.add_resume(session, resume_id=secrets.token_hex(16), filename="cv.pdf",
                                     format="pdf", size_bytes=len(data),
                                     sha256=hashlib.sha256(data).hexdigest(), storage_key=key,
                                     now=utc_now())
            ids.append(record.id)
    db.dispose()
    return ids


def wait_all_parsed(url: str, count: int, timeout: float = 600) -> None:
    from sqlalchemy import func, select

    from resumate.store.db import open_database
    from resumate.store.models import ResumeRecord

    db = open_database(url)
    try:
        wait_until(lambda: _finished(db, select, func, ResumeRecord) >= count, timeout=timeout,
                   what="all parses", interval=0.05)
    finally:
        db.dispose()


def _finished(db: object, select: object, func: object, model: object) -> int:
    with db.read() as session:  # type: ignore[attr-defined]
        return int(session.scalar(select(func.count()).where(  # type: ignore[operator]
            model.status.in_(("parsed", "failed")))))  # type: ignore[attr-defined]


def run_inprocess(workers: int, jobs: int, tmp: Path) -> tuple[float, float]:
    """jobs/s, and CPU ms per job of this process tree and its PostgreSQL backends."""
    from resumate.config import ParseOptions
    from resumate.jobs.inprocess import InProcessRunner
    from resumate.jobs.progress import ProgressHub
    from resumate.jobs.tasks import TaskContext
    from resumate.store.db import open_database
    from resumate.store.files import LocalFileStore

    url = fresh_schema()
    files_dir = tmp / f"files-in-{workers}"
    db = open_database(url)
    runner = InProcessRunner(TaskContext(db=db, files=LocalFileStore(files_dir),
                                         sink=ProgressHub(), options=ParseOptions(ocr="never")),
                             workers=workers)
    warm = enqueue(url, files_dir, workers * 2, None)
    runner.start()  # picks up the warm-up jobs (and starts the sandbox's forkserver)
    wait_all_parsed(url, len(warm))
    ids = enqueue(url, files_dir, jobs, None)
    tree_cpu, backends_cpu = tree_cpu_seconds(os.getpid()), backend_cpu_seconds(db)
    started = time.perf_counter()
    for resume_id in ids:
        runner.submit(resume_id)
    # the runner's own count, not the database: polling that would load the process measured
    wait_until(lambda: runner.queue_depth() == 0, timeout=600, what="all parses",
               interval=0.01)
    elapsed = time.perf_counter() - started
    cpu = tree_cpu_seconds(os.getpid()) - tree_cpu + sum(
        seconds - backends_cpu.get(pid, 0.0) for pid, seconds in backend_cpu_seconds(db).items())
    wait_all_parsed(url, len(ids) + len(warm), timeout=5)  # every result is stored
    runner.stop()
    db.dispose()
    return jobs / elapsed, 1000 * cpu / jobs


def run_celery(processes: int, jobs: int, tmp: Path) -> float:
    from resumate.config import Settings
    from resumate.jobs.celery import PARSE_TASK, QUEUE, make_celery_app

    redis = RedisServer(tmp)
    redis.start()
    url = fresh_schema()
    files_dir = tmp / f"files-celery-{processes}"
    env = {**os.environ, "RESUMATE_ENV": "test", "RESUMATE_JOBS": "celery",
           "RESUMATE_REDIS_URL": redis.url, "DATABASE_URL": url, "RESUMATE_OCR": "never",
           "RESUMATE_DATA_DIR": str(files_dir.parent / f"data-{processes}")}
    (files_dir.parent / f"data-{processes}").mkdir(exist_ok=True)
    files_dir = files_dir.parent / f"data-{processes}" / "files"
    workers = [Worker(env, tmp / f"bench-worker-{processes}-{i}.log") for i in range(processes)]
    app = make_celery_app(Settings(jobs="celery", redis_url=redis.url, env="test"))
    try:
        for worker in workers:
            worker.wait_ready(120)
        warm = enqueue(url, files_dir, processes * 2, None)
        for resume_id in warm:
            app.send_task(PARSE_TASK, kwargs={"resume_id": resume_id}, queue=QUEUE)
        wait_all_parsed(url, len(warm))
        ids = enqueue(url, files_dir, jobs, None)
        started = time.perf_counter()
        for resume_id in ids:
            app.send_task(PARSE_TASK, kwargs={"resume_id": resume_id}, queue=QUEUE)
        wait_all_parsed(url, len(ids) + len(warm))
        return jobs / (time.perf_counter() - started)
    finally:
        app.close()
        for worker in workers:
            worker.stop()
        redis.stop()


def inprocess_in_child(workers: int, jobs: int, tmp: Path) -> tuple[float, float]:
    """Run the in-process runner from `python -c`: forkserver children re-import the __main__
    module, and this script (ReportLab, test helpers) would add seconds to every parse."""
    code = ("import sys; from pathlib import Path; sys.path.insert(0, '.'); "
            "from benchmarks.scale_bench import run_inprocess; "
            f"print(*run_inprocess({workers}, {jobs}, Path({str(tmp)!r})))")
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, check=True,
                         capture_output=True, text=True).stdout
    rate, cpu = out.strip().splitlines()[-1].split()
    return float(rate), float(cpu)


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds (user + system) of process `root` and its descendants so far, including
    those that exited and were reaped by one of them (Linux `/proc`; 0 elsewhere)."""
    stats: dict[int, tuple[int, int]] = {}  # pid -> (parent pid, clock ticks)
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        stats[int(entry.name)] = (int(fields[1]), sum(int(f) for f in fields[11:15]))
    children: dict[int, list[int]] = {}
    for pid, (parent, _ticks) in stats.items():
        children.setdefault(parent, []).append(pid)
    ticks, todo = 0, [root]
    while todo:
        pid = todo.pop()
        ticks += stats.get(pid, (0, 0))[1]
        todo += children.get(pid, [])
    return ticks / os.sysconf("SC_CLK_TCK")


def backend_cpu_seconds(db: object) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend serving this benchmark's schema (its
    connections carry the schema as application_name), when PostgreSQL runs on this machine."""
    from sqlalchemy import text

    with db.read() as session:  # type: ignore[attr-defined]
        name = session.execute(text("SHOW application_name")).scalar()
        pids = session.scalars(text("SELECT pid FROM pg_stat_activity "
                                    "WHERE application_name = :name"), {"name": name}).all()
    return {pid: tree_cpu_seconds(pid) for pid in pids if Path(f"/proc/{pid}").exists()}


def _parse_one(data: bytes) -> str:
    import resumate

    options = resumate.ParseOptions(ocr="never")
    return resumate.parse(data, filename="cv.pdf", options=options).status


def engine_alone(processes: int, jobs: int) -> tuple[float, float]:
    """The engine's own rate on the same kind of files: `resumate.parse` in N processes
    (jobs/s, and CPU ms per job of this process and the pool's)."""
    import multiprocessing

    documents = [pdf(n) for n in range(jobs)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        pool.map(_parse_one, documents[: processes * 2])  # warm-up
        cpu = tree_cpu_seconds(os.getpid())
        started = time.perf_counter()
        pool.map(_parse_one, documents, chunksize=1)
        elapsed = time.perf_counter() - started
        cpu = tree_cpu_seconds(os.getpid()) - cpu
    return jobs / elapsed, 1000 * cpu / jobs


def sandbox(args: argparse.Namespace) -> None:
    """Mean time of `parse_bytes` in this process vs `parse_in_sandbox` (warm child), same files."""
    from resumate.config import ParseOptions
    from resumate.jobs.sandbox import SandboxLimits, parse_in_sandbox
    from resumate.pipeline import parse_bytes

    documents = [pdf(n) for n in range(args.jobs)]
    options, limits = ParseOptions(ocr="never"), SandboxLimits()
    runs = {
        "in-process parse_bytes": lambda data: parse_bytes(
            data, filename="cv.pdf", options=options),
        "parse_in_sandbox": lambda data: parse_in_sandbox(
            data, filename="cv.pdf", options=options, limits=limits),
    }
    for name, run in runs.items():
        for data in documents[:3]:
            run(data)  # warm-up (and the sandbox's first child)
        started = time.perf_counter()
        for data in documents:
            run(data)
        print(f"{name:24s} {1000 * (time.perf_counter() - started) / len(documents):6.1f} ms/file")


def throughput(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        measured = {
            "engine alone, 1 process": engine_alone(1, args.jobs),
            "engine alone, 2 processes": engine_alone(2, args.jobs),
            "in-process, 1 worker": inprocess_in_child(1, args.jobs, tmp),
            "in-process, 2 workers": inprocess_in_child(2, args.jobs, tmp),
        }
        results = {name: rate for name, (rate, _cpu) in measured.items()}
        results["celery, 1 worker process"] = run_celery(1, args.jobs, tmp)
        results["celery, 2 worker processes"] = run_celery(2, args.jobs, tmp)
    for name, rate in results.items():
        cpu = f"  CPU {measured[name][1]:5.1f} ms/job" if name in measured else ""
        print(f"{name:28s} {rate:6.2f} jobs/s  ({1000 / rate:6.1f} ms/job){cpu}")
    one, two = results["celery, 1 worker process"], results["celery, 2 worker processes"]
    base = results["in-process, 1 worker"]
    print(f"celery 2/1 ratio: {two / one:.2f}; in-process 2/1 ratio: "
          f"{results['in-process, 2 workers'] / base:.2f}")
    print(f"queue overhead per job (celery 1 - in-process 1): {1000 / one - 1000 / base:.1f} ms")
    for n, unit in ((1, "worker"), (2, "workers")):
        engine = measured[f"engine alone, {n} process{'es' if n > 1 else ''}"]
        service = measured[f"in-process, {n} {unit}"]
        print(f"service in-process ({n} {unit}) / engine alone: {service[0] / engine[0]:.2f} "
              f"(jobs/s); {engine[1] / service[1]:.2f} (CPU per job, engine / service)")


def pgbench(args: argparse.Namespace) -> None:
    cluster = PostgresCluster()
    try:
        cluster.init()
        cluster.start()
        bench = str(cluster.bin / "pgbench")
        target = ["-h", "127.0.0.1", "-p", str(cluster.port), "-U", "postgres", "postgres"]
        subprocess.run([bench, "-i", "-s", "10", "-q", *target], check=True,
                       capture_output=True)
        out = subprocess.run([bench, "-c", "4", "-j", "2", "-T", str(int(args.seconds)),
                              *target], check=True, capture_output=True, text=True).stdout
        print("\n".join(line for line in out.splitlines() if "tps" in line or "latency" in line))
        print(f"own write path: {own_writes(cluster.url, args.seconds):.0f} uploads/s "
              "(resume + job rows, claim, result with a 3 kB JSON document; 1 connection)")
    finally:
        cluster.destroy()


def own_writes(url: str, seconds: float) -> float:
    from resumate.jobs.tasks import utc_now
    from resumate.store import job_queue
    from resumate.store import repositories as repo
    from resumate.store.db import open_database, upgrade_database

    upgrade_database(url)
    db = open_database(url)
    document = {"basics": {"name": "x" * 40}, "work": [{"name": "y" * 200}] * 12}
    count, deadline = 0, time.perf_counter() + seconds
    started = time.perf_counter()
    while time.perf_counter() < deadline:
        resume_id = secrets.token_hex(16)
        with db.write() as s:
            repo.add_resume(s, resume_id=resume_id, filename="cv.pdf", format="pdf",
                            size_bytes=1, sha256="0" * 64, storage_key="00/" + "0" * 32,
                            now=utc_now())
        with db.write() as s:
            job_queue.claim_job(s, resume_id=resume_id, now=utc_now(), lease_seconds=90)
        with db.write() as s:
            outcome = job_queue.ParseOutcome(document=document, text="t" * 2000, quality="ok")
            job_queue.finish_job(s, resume_id=resume_id, now=utc_now(), attempt=1,
                                 outcome=outcome)
        count += 1
    rate = count / (time.perf_counter() - started)
    db.dispose()
    return rate


def load(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        redis = RedisServer(tmp)
        redis.start()
        url = fresh_schema()
        port = free_port()
        env = {**os.environ, "RESUMATE_ENV": "test", "RESUMATE_JOBS": "celery",
               "RESUMATE_REDIS_URL": redis.url, "DATABASE_URL": url, "RESUMATE_OCR": "never",
               "RESUMATE_DATA_DIR": str(tmp / "data"), "RESUMATE_UPLOAD_RATE_LIMIT": "1000000/day"}
        server = subprocess.Popen([sys.executable, "-m", "resumate.cli", "serve", "--port",
                                   str(port)], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)
        workers = [Worker(env, tmp / f"load-worker-{i}.log") for i in range(2)]
        try:
            assert wait_for_port(port, 120), "server did not start"
            for worker in workers:
                worker.wait_ready(120)
            latencies, errors, ids = run_clients(port, args.clients, args.seconds)
            started = time.perf_counter()
            wait_all_parsed(url, len(ids), timeout=900)
            drain = time.perf_counter() - started
        finally:
            for worker in workers:
                worker.stop()
            server.terminate()
            server.wait(30)
            redis.stop()
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"{len(ids)} uploads in {args.seconds:g}s = {len(ids) / args.seconds:.1f}/s accepted, "
          f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"errors {errors}; all parsed {drain:.1f}s after the last upload")


def run_clients(port: int, clients: int, seconds: float) -> tuple[list[float], int, list[str]]:
    import json

    latencies: list[float] = []
    ids: list[str] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    bodies = [pdf(n) for n in range(40)]  # distinct after a per-request suffix below

    def client(index: int) -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = 0
        while time.perf_counter() < deadline:
            data = bodies[n % len(bodies)] + f"\n%{index}-{n}-{uuid.uuid4().hex}".encode()
            n += 1
            boundary = uuid.uuid4().hex
            body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                    f"filename=\"cv.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").encode()
            body += data + f"\r\n--{boundary}--\r\n".encode()
            started = time.perf_counter()
            connection.request("POST", "/api/v1/resumes", body=body, headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}"})
            response = connection.getresponse()
            payload = response.read()
            elapsed = time.perf_counter() - started
            with lock:
                if response.status == 202:
                    latencies.append(elapsed)
                    ids.append(json.loads(payload)["id"])
                else:
                    errors += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("throughput")
    p.add_argument("--jobs", type=int, default=40)
    p = commands.add_parser("sandbox")
    p.add_argument("--jobs", type=int, default=60)
    p = commands.add_parser("pgbench")
    p.add_argument("--seconds", type=float, default=10)
    p = commands.add_parser("load")
    p.add_argument("--seconds", type=float, default=15)
    p.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    commands_by_name = {"throughput": throughput, "sandbox": sandbox, "pgbench": pgbench,
                        "load": load}
    commands_by_name[args.command](args)


if __name__ == "__main__":
    main()
