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
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(BOOTSTRAP)
        except (OSError, subprocess.CalledProcessError) as error:
            shutil.rmtree(BOOTSTRAP, ignore_errors=True)
            raise SystemExit(
                f"dev.py: could not create a virtual environment ({error}).\n"
                "This Python has no working 'venv' module. Either install it (Debian/Ubuntu: "
                "sudo apt install python3-venv) or install uv by itself (pipx install uv, or "
                "uv's standalone installer) and run this command again."
            ) from None
        pip = bindir / ("pip.exe" if os.name == "nt" else "pip")
        subprocess.run(
            [str(pip), "install", "--quiet", "--disable-pip-version-check", f"uv=={UV_VERSION}"],
            check=True,
        )
    return str(uv)


def uv_environment() -> dict[str, str]:
    """Our environment for uv: this interpreter, and no other project's virtualenv."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "CONDA_PREFIX")}
    env["UV_PYTHON"] = sys.executable
    return env


def sync(uv: str) -> None:
    extras = [arg for extra in EXTRAS for arg in ("--extra", extra)]
    subprocess.run([uv, "sync", "--frozen", *extras], cwd=ROOT, check=True, env=uv_environment())


def run(uv: str, *command: str) -> int:
    command_line = [uv, "run", "--frozen", "--no-sync", *command]
    return subprocess.run(command_line, cwd=ROOT, env=uv_environment()).returncode


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036  (dev.py may run on any python3)
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
