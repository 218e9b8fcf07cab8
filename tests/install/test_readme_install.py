"""The README's promise, proven from a fresh clone on an externally-managed Python.

A clone of this repository's HEAD, the README's commands run exactly as written with Debian's
`/usr/bin/python3` (which carries the PEP 668 `EXTERNALLY-MANAGED` marker) and a `PATH` without
uv, so `dev.py` has to bootstrap everything itself: `python3 dev.py serve` until `/health` says
healthy, then `python3 dev.py parse` on a generated resume. The uv and pip caches of the machine
are used (CI machines keep them warm); nothing is installed outside the clone.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sysconfig
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = Path("/usr/bin/python3")
SERVE_TIMEOUT_SECONDS = 420.0
pytestmark = pytest.mark.install


def readme_commands() -> dict[str, str]:
    """`python3 dev.py <action> ...` commands of the README (shell blocks, inline code)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    lines = [line.split("#", 1)[0] for line in "\n".join(blocks).splitlines()]
    lines += re.findall(r"(?<!`)`(python3 dev\.py [^`]+)`", text)
    commands: dict[str, str] = {}
    for line in lines:
        match = re.match(r"python3 dev\.py (\w+)", line.strip())
        if match:
            commands.setdefault(match.group(1), " ".join(line.split()))
    return commands


def as_written(command: str, **arguments: str) -> list[str]:
    """The README command, run by the system Python (its `python3`), placeholders filled."""
    words = command.split()
    assert words[0] == "python3"
    return [str(SYSTEM_PYTHON), *[arguments.get(word, word) for word in words[1:]]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def clean_environment(data_dir: Path, port: int) -> dict[str, str]:
    """The machine's environment minus anything of ours: no virtualenv, no uv on PATH."""
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("UV_", "PIP_", "RESUMATE_", "PYTHON", "VIRTUAL_ENV", "CONDA"))
        and k not in ("DATABASE_URL", "PATH")
    }
    return {
        **keep,
        "PATH": "/usr/bin:/bin",
        "RESUMATE_DATA_DIR": str(data_dir),
        "RESUMATE_PORT": str(port),
    }


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SYSTEM_PYTHON.exists() and list(Path("/usr/lib").glob("python3*/EXTERNALLY-MANAGED"))):
        pytest.skip("needs an externally-managed /usr/bin/python3 (Debian)")
    target = tmp_path_factory.mktemp("fresh") / "resumate"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(target)],
        check=True,
        timeout=120,
    )
    return target


def test_system_python_is_externally_managed() -> None:
    if not SYSTEM_PYTHON.exists():
        pytest.skip("no /usr/bin/python3 here")
    stdlib = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import sysconfig;print(sysconfig.get_path('stdlib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert (Path(stdlib) / "EXTERNALLY-MANAGED").exists()
    assert sysconfig.get_path("stdlib")  # and ours runs from a virtual environment


def test_readme_has_the_two_commands() -> None:
    commands = readme_commands()
    assert commands.get("serve") == "python3 dev.py serve"
    assert commands.get("test") == "python3 dev.py test"


@pytest.fixture(scope="module")
def served(clone: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """`python3 dev.py serve` from the clone, until /health answers; stopped afterwards."""
    port = free_port()
    data_dir = tmp_path_factory.mktemp("data")
    env = clean_environment(data_dir, port)
    log = (tmp_path_factory.mktemp("log") / "serve.log").open("w+b")
    started = time.monotonic()
    process = subprocess.Popen(
        as_written(readme_commands()["serve"]),
        cwd=clone,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        health = wait_for_health(port, process, log)
        yield {"health": health, "seconds": time.monotonic() - started, "env": env}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        log.close()


def wait_for_health(port: int, process: subprocess.Popen[bytes], log: object) -> object:
    deadline = time.monotonic() + SERVE_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as answer:
                return json.load(answer)
        except OSError:
            time.sleep(1)
    log.seek(0)  # type: ignore[attr-defined]
    output = log.read().decode(errors="replace")[-4000:]  # type: ignore[attr-defined]
    pytest.fail(f"`python3 dev.py serve` did not become healthy (exit {process.poll()}):\n{output}")


def test_serve_from_a_fresh_clone_becomes_healthy(served: dict[str, object]) -> None:
    health = served["health"]
    assert isinstance(health, dict)
    assert health["status"] == "healthy" and health["database"] == "connected"
    assert health["environment"] == "development"
    print(f"fresh clone to healthy: {served['seconds']:.1f} s")


def test_parse_a_generated_resume_from_the_fresh_clone(
    clone: Path, served: dict[str, object], resume_pdf: bytes, tmp_path: Path
) -> None:
    sample = tmp_path / "sample-resume.pdf"
    sample.write_bytes(resume_pdf)
    env = served["env"]
    assert isinstance(env, dict)
    command = readme_commands()["parse"]
    result = subprocess.run(
        as_written(command, **{"path/to/resume.pdf": str(sample)}),
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    resume = json.loads(result.stdout)
    assert "Jordan Example" in json.dumps(resume)
    resumate = clone / ".venv" / "bin" / "resumate"  # the console script, usable directly
    direct = subprocess.run(
        [str(resumate), "parse", str(sample)], env=env, capture_output=True, text=True, timeout=300
    )
    assert direct.returncode == 0, direct.stderr[-3000:]
    assert json.loads(direct.stdout)["basics"] == resume["basics"]
