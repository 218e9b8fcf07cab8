"""Vercel: vercel.json against the rules of Vercel's published schema that apply to us, and the
entry point imported (and called) in a clean environment holding only the serverless bundle.

The bundle is what Vercel's build installs: `uv sync --frozen --no-dev` of pyproject.toml and
uv.lock, i.e. the core dependencies plus the default `serverless` group (the PostgreSQL and S3
drivers that serverless mode needs; Vercel installs no extras). It is reproduced here with
`uv export` + `uv pip install --target`, and its size is checked against Vercel's limit for
Python functions (500 MB uncompressed; we keep to the 250 MB of the other runtimes).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.deploy.test_docker import IN_CI, find_uv

ROOT = Path(__file__).resolve().parents[2]
VERCEL_JSON = ROOT / "vercel.json"
ENTRY_POINT = ROOT / "api" / "index.py"
BUNDLE_LIMIT_MB = 250  # Vercel: 500 MB for Python functions, 250 MB for the others

# The parts of https://openapi.vercel.sh/vercel.json that a Python project can touch. Legacy
# `builds`/`routes`/`build` and project-level commands are left out on purpose: zero-config
# detection, no custom install command.
_FUNCTION = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "memory": {"type": "integer", "minimum": 128, "maximum": 10240},
        "maxDuration": {"type": "integer", "minimum": 1, "maximum": 800},
        "includeFiles": {"type": "string", "maxLength": 256},
        "excludeFiles": {"type": "string", "maxLength": 256},
        "regions": {"type": "array", "items": {"type": "string"}},
        "supportsCancellation": {"type": "boolean"},
    },
}
_REWRITE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["source", "destination"],
    "properties": {
        "source": {"type": "string", "maxLength": 4096},
        "destination": {"type": "string", "maxLength": 4096},
        "has": {"type": "array"},
        "missing": {"type": "array"},
    },
}
VERCEL_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "$schema": {"const": "https://openapi.vercel.sh/vercel.json"},
        "functions": {
            "type": "object",
            "additionalProperties": False,
            "patternProperties": {"^.{1,256}$": _FUNCTION},
        },
        "rewrites": {"type": "array", "maxItems": 2048, "items": _REWRITE},
        "headers": {"type": "array", "maxItems": 2048},
        "redirects": {"type": "array", "maxItems": 2048},
        "regions": {"type": "array", "items": {"type": "string"}},
        "cleanUrls": {"type": "boolean"},
        "trailingSlash": {"type": "boolean"},
    },
}


def vercel_config() -> dict[str, object]:
    config: dict[str, object] = json.loads(VERCEL_JSON.read_text(encoding="utf-8"))
    return config


def test_vercel_json_follows_the_schema_rules() -> None:
    jsonschema.validate(vercel_config(), VERCEL_SCHEMA)


@pytest.mark.parametrize("legacy", ["builds", "routes", "build", "installCommand", "version"])
def test_vercel_json_has_no_legacy_or_custom_install_keys(legacy: str) -> None:
    assert legacy not in vercel_config()


def test_python_functions_declare_no_runtime_and_exist() -> None:
    functions = vercel_config()["functions"]
    assert isinstance(functions, dict)
    for pattern, options in functions.items():
        assert "runtime" not in options, "Python functions take their runtime from the file"
        assert list(ROOT.glob(pattern)), f"{pattern} matches no file"


def test_every_path_is_rewritten_to_the_entry_point() -> None:
    rewrites = vercel_config()["rewrites"]
    assert rewrites == [{"source": "/(.*)", "destination": "/api/index"}]
    assert ENTRY_POINT.exists()
    text = ENTRY_POINT.read_text(encoding="utf-8")
    assert "\napp = " in text, "Vercel loads the top-level `app`"


def test_schema_rules_reject_what_vercel_rejects() -> None:
    for bad in (
        {"builds": [{"src": "api/index.py", "use": "@vercel/python"}]},
        {"functions": {"api/index.py": {"runtime": "python3.12"}}},
        {"functions": {"api/index.py": {"maxDuration": 0}}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, VERCEL_SCHEMA)


# --- the entry point in a clean environment ------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uv = find_uv()
    if uv is None:
        if IN_CI:
            pytest.fail("uv is needed to build the serverless bundle in CI")
        pytest.skip("no uv here")
    work = tmp_path_factory.mktemp("vercel")
    requirements = work / "requirements.txt"
    subprocess.run(
        [
            uv,
            "export",
            "--quiet",
            "--frozen",
            "--no-dev",
            "--no-emit-project",
            "--no-hashes",
            "--output-file",
            str(requirements),
        ],
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    target = work / "site-packages"
    subprocess.run(
        [
            uv,
            "pip",
            "install",
            "--quiet",
            "--python",
            sys.executable,
            "--target",
            str(target),
            "-r",
            str(requirements),
        ],
        cwd=work,
        check=True,
        timeout=600,
        env={**os.environ, "VIRTUAL_ENV": ""},
    )
    return target


@pytest.fixture(scope="module")
def function_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files the function ships from the repository: api/ and src/ (not tests, docs)."""
    source = tmp_path_factory.mktemp("function")
    for folder in ("api", "src"):
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    return source


_LOAD_AND_CALL = """
import asyncio, json, runpy, sys
sys.path.insert(0, sys.argv[1])
namespace = runpy.run_path("api/index.py")
app = namespace["app"]
import resumate, psycopg, boto3

async def get(path):
    sent = []
    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}
    async def send(message):
        sent.append(message)
    await app({"type": "http", "method": "GET", "path": path, "raw_path": path.encode(),
               "query_string": b"", "headers": [], "scheme": "http", "http_version": "1.1",
               "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "root_path": ""},
              receive, send)
    await app.aclose()
    return sent[0]["status"], json.loads(sent[1]["body"])

status, body = asyncio.run(get("/health"))
print(json.dumps({"type": type(app).__name__, "resumate": resumate.__file__,
                  "status": status, "body": body}))
"""


def run_entry_point(bundle: Path, source: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(source),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    python = getattr(sys, "_base_executable", sys.executable)
    return subprocess.run(
        [python, "-I", "-S", "-c", _LOAD_AND_CALL, str(bundle)],
        cwd=source,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


SERVERLESS_ENV = {
    "DATABASE_URL": "postgresql://resumate@127.0.0.1:1/resumate",  # nothing listens: 503
    "RESUMATE_STORAGE": "s3",
    "RESUMATE_S3_BUCKET": "resumes",
    "RESUMATE_S3_ENDPOINT_URL": "http://127.0.0.1:1",
    "RESUMATE_SECRET_KEY": "s3cr3t-for-tests",
    "RESUMATE_ENV": "production",
}


def test_entry_point_loads_and_serves_in_a_clean_environment(
    bundle: Path, function_source: Path
) -> None:
    result = run_entry_point(bundle, function_source, **SERVERLESS_ENV)
    assert result.returncode == 0, result.stderr[-4000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["type"] == "ServerlessApp"
    assert answer["resumate"].startswith(str(function_source / "src"))
    assert answer["status"] == 503  # it answers; the database is (deliberately) not there
    assert answer["body"]["database"] == "disconnected"
    assert answer["body"]["environment"] == "production"


def test_entry_point_refuses_to_load_without_a_database(
    bundle: Path, function_source: Path
) -> None:
    env = {k: v for k, v in SERVERLESS_ENV.items() if k != "DATABASE_URL"}
    result = run_entry_point(bundle, function_source, **env)
    assert result.returncode != 0
    assert "DATABASE_URL must be set" in result.stderr


def test_serverless_bundle_fits_the_function_size_limit(bundle: Path) -> None:
    size_mb = sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file()) / 1e6
    print(f"serverless bundle (core + serverless group): {size_mb:.1f} MB")
    assert size_mb < BUNDLE_LIMIT_MB
