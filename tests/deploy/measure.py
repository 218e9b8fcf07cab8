"""Install and start-up figures for docs/benchmarks.md (not a test; run it by hand):

    uv run python tests/deploy/measure.py

1. install time from scratch: a copy of the project, an empty uv cache (`UV_CACHE_DIR` in a
   temporary directory, so every wheel is downloaded), `uv sync --frozen` into a new virtual
   environment — the core alone (`--no-default-groups`), and the set `python3 dev.py` installs
   (default groups + ocr);
2. installed size (site-packages) of the core and of the core plus each extra (warm cache);
3. cold start: a new process importing the app, then its first request (`/health`, in-process),
   and `resumate serve` from process start to the first healthy `/health` over HTTP.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UV = os.environ.get("UV") or shutil.which("uv") or "uv"

_FIRST_REQUEST = """
import time
started, cpu_started = time.perf_counter(), time.process_time()
from fastapi.testclient import TestClient
from resumate.config import Settings
from resumate.web.app import create_app
imported, cpu_imported = time.perf_counter(), time.process_time()
with TestClient(create_app(Settings(data_dir=__import__("sys").argv[1]))) as client:
    status = client.get("/health").status_code
answered, cpu_answered = time.perf_counter(), time.process_time()
print(f"{imported - started:.3f} {answered - imported:.3f} {cpu_imported - cpu_started:.3f} "
      f"{cpu_answered - cpu_imported:.3f} {status}")
"""


def project_copy(where: Path) -> Path:
    target = where / "project"
    target.mkdir()
    for name in ("pyproject.toml", "uv.lock", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "src", target / "src", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def timed_sync(project: Path, venv: Path, cache: Path, *args: str) -> float:
    env = {
        **os.environ,
        "UV_CACHE_DIR": str(cache),
        "UV_PROJECT_ENVIRONMENT": str(venv),
        "UV_PYTHON": sys.executable,
    }
    env.pop("VIRTUAL_ENV", None)
    started = time.perf_counter()
    subprocess.run([UV, "sync", "--frozen", "--quiet", *args], cwd=project, env=env, check=True)
    return time.perf_counter() - started


def site_packages_mb(venv: Path) -> float:
    (site,) = venv.glob("lib/python3.*/site-packages")
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6


def install_figures(work: Path) -> dict[str, object]:
    project = project_copy(work)
    cold_core = timed_sync(project, work / "core-cold", work / "cache-1", "--no-default-groups")
    cold_dev = timed_sync(project, work / "dev-cold", work / "cache-2", "--extra", "ocr")
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    sizes = {"core": site_packages_mb(work / "core-cold")}
    for extra in extras:
        venv = work / f"with-{extra}"
        timed_sync(project, venv, work / "cache-2", "--no-default-groups", "--extra", extra)
        sizes[f"core+{extra}"] = site_packages_mb(venv)
    timed_sync(project, work / "vercel", work / "cache-2", "--no-dev")  # as Vercel installs
    sizes["core+serverless group (Vercel)"] = site_packages_mb(work / "vercel")
    sizes["dev.py environment"] = site_packages_mb(work / "dev-cold")
    return {
        "cold_install_core_s": cold_core,
        "cold_install_dev_py_set_s": cold_dev,
        "site_packages_mb": sizes,
    }


def first_request(work: Path) -> dict[str, float]:
    answer = subprocess.run(
        [sys.executable, "-c", _FIRST_REQUEST, str(work / "data-1")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {
        "import_s": float(answer[0]),
        "first_request_s": float(answer[1]),
        "import_cpu_s": float(answer[2]),
        "first_request_cpu_s": float(answer[3]),
    }


def serve_to_healthy(work: Path) -> float:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "RESUMATE_DATA_DIR": str(work / "data-2"), "RESUMATE_PORT": str(port)}
    resumate = Path(sys.executable).parent / "resumate"
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(resumate), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while time.perf_counter() - started < 60:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    if json.load(r)["status"] == "healthy":
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("resumate serve did not become healthy in 60 s")
    finally:
        process.terminate()
        process.wait(20)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="resumate-measure-") as tmp:
        work = Path(tmp)
        figures: dict[str, object] = {"python": sys.version.split()[0]}
        if "--no-install" not in sys.argv:
            figures.update(install_figures(work))
        figures["cold_start_in_process"] = [first_request(work) for _ in range(3)]
        figures["serve_to_healthy_s"] = [serve_to_healthy(work) for _ in range(3)]
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
