#!/usr/bin/env python3
"""Set up and run ResuMate from a fresh clone with nothing but Python >= 3.11.

    python3 dev.py serve        start the service on its embedded defaults
    python3 dev.py test         run the whole test suite
    python3 dev.py parse FILE   parse a resume and print JSON Resume
    python3 dev.py sync         only create/refresh the environment

It creates `.venv` with the locked dependencies through uv. uv comes from PATH when present,
else it is installed into `.uv-bootstrap/` (a private virtual environment), so this works on an
externally-managed Python (PEP 668) without touching the system's packages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
UV_VERSION = "0.13.8"
BOOTSTRAP = ROOT / ".uv-bootstrap"
EXTRAS = ("ocr",)


def uv_executable() -> str:
    found = shutil.which("uv")
    if found:
        return found
    bindir = BOOTSTRAP / ("Scripts" if os.name == "nt" else "bin")
    uv = bindir / ("uv.exe" if os.name == "nt" else "uv")
    if not uv.exists():
        print(f"dev.py: installing uv {UV_VERSION} into {BOOTSTRAP.name}/", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(BOOTSTRAP)
        pip = bindir / ("pip.exe" if os.name == "nt" else "pip")
        subprocess.run([str(pip), "install", "--quiet", f"uv=={UV_VERSION}"], check=True)
    return str(uv)


def sync(uv: str) -> None:
    extras = [arg for extra in EXTRAS for arg in ("--extra", extra)]
    env = {**os.environ, "UV_PYTHON": sys.executable}
    subprocess.run([uv, "sync", "--frozen", *extras], cwd=ROOT, check=True, env=env)


def run(uv: str, *command: str) -> int:
    env = {**os.environ, "UV_PYTHON": sys.executable}
    return subprocess.run([uv, "run", "--frozen", "--no-sync", *command], cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        print("dev.py: ResuMate needs Python 3.11 or newer", file=sys.stderr)
        return 2
    action, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if action not in ("serve", "test", "parse", "sync"):
        print(__doc__, file=sys.stderr)
        return 0 if action == "help" else 2
    uv = uv_executable()
    sync(uv)
    if action == "sync":
        return 0
    if action == "test":
        return run(uv, "pytest", *rest)
    return run(uv, "resumate", action, *rest)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
