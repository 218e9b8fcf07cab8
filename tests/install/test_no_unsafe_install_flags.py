"""No file in the repository may tell anyone to install into a system or user site.

The two flags are assembled from pieces so that this file does not contain them itself.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BREAK_SYSTEM = "--break-" + "system-packages"
USER_INSTALL = re.compile(r"pip3?(?:\.\d+)?\s+install\b[^\n]*\s" + "--" + "user" + r"\b")
PIP_BREAK_ENV = "PIP_BREAK_" + "SYSTEM_PACKAGES"


def repository_files() -> list[Path]:
    """Tracked files plus new ones not ignored: everything a commit could contain."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    return [ROOT / name for name in listed if name and (ROOT / name).is_file()]


def offending_lines(text: str) -> list[str]:
    return [
        line.strip()
        for line in text.splitlines()
        if BREAK_SYSTEM in line or PIP_BREAK_ENV in line or USER_INSTALL.search(line)
    ]


def test_the_patterns_catch_what_they_are_for() -> None:
    assert offending_lines("pip install " + "--" + "user resumate")
    assert offending_lines("python3 -m pip3 install -q " + "--" + "user x")
    assert offending_lines("pip install x " + BREAK_SYSTEM)
    assert not offending_lines("uv pip install --target /tmp/bundle -r requirements.txt")
    assert not offending_lines("useradd --system resumate; USER resumate")


def test_no_file_installs_into_the_system_or_user_site() -> None:
    found = {}
    for path in repository_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary test data
        lines = offending_lines(text)
        if lines:
            found[str(path.relative_to(ROOT))] = lines
    assert not found, f"use a virtual environment or uv instead: {found}"
