"""Browser tests: the real `resumate serve` in a subprocess, driven by Playwright through
Debian's Chromium (/usr/bin/chromium; never a downloaded browser).

Locally the tests skip when Chromium is missing; in CI (`CI=1`) they fail instead.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("RESUMATE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "ui: browser tests (Playwright + Debian Chromium)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.ui)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


def start_server(data_dir: Path, **env: str) -> Server:
    """`resumate serve` on a free loopback port with its own data directory."""
    port = free_port()
    environment = {
        **os.environ, "RESUMATE_DATA_DIR": str(data_dir), "RESUMATE_ENV": "test",
        "RESUMATE_OCR": "never", "RESUMATE_UPLOAD_RATE_LIMIT": "10000/minute",
        "RESUMATE_WORKERS": "2", "RESUMATE_MAX_UPLOAD_BYTES": str(UPLOAD_LIMIT_BYTES),
        # Warm parsing processes finish a small resume before a page can connect; a second of
        # delay lets the progress views show their live transports, as they do for real files.
        "RESUMATE_PARSE_DELAY_SECONDS": "1.0", **env,
    }
    environment.pop("DATABASE_URL", None)
    environment.pop("RESUMATE_DATABASE_URL", None)
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "resumate"), "serve", "--host", "127.0.0.1",
             "--port", str(port)], env=environment, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"resumate serve exited: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as answer:
                if answer.status == 200:
                    return Server(url, process, log)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"resumate serve did not start: {log.read_text()[-2000:]}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("ui-server"))
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                              headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Any, server: Server) -> Iterator[Callable[..., Any]]:
    """Pages in fresh browser contexts (no shared cookies); all closed after the test."""
    contexts: list[Any] = []
    problems: list[str] = []

    def make(viewport: dict[str, int] = DESKTOP, **options: Any) -> Any:
        context = browser.new_context(viewport=viewport, base_url=server.url, **options)
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("console", lambda message: problems.append(message.text) if (
            message.type == "error" and "Content Security Policy" in message.text) else None)
        return page

    yield make
    for context in contexts:
        context.close()
    assert problems == [], problems  # no script errors, nothing blocked by the CSP


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (vendored, MPL-2.0) in the page; the violations, minus none ignored."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


def assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], violations


# --- documents ----------------------------------------------------------------------------------


def resume_pdf(name: str = "Avery Quinn") -> bytes:
    """A one-page resume typeset with ReportLab (real text, real layout)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    lines: list[tuple[str, int, bool]] = [
        (name, 20, True), ("Product Designer", 12, False),
        ("avery.quinn@example.org | +44 20 7946 0123", 10, False), ("EXPERIENCE", 13, True),
        ("Senior Product Designer, Northwind Traders", 11, True), ("Feb 2021 - Present", 10, False),
        ("- Led the redesign of the checkout, lifting conversion by 12%.", 10, False),
        ("Product Designer, Contoso Ltd", 11, True), ("Sep 2017 - Jan 2021", 10, False),
        ("- Built the design system used by 40 engineers.", 10, False),
        ("EDUCATION", 13, True), ("BA Graphic Design, University of the Arts", 11, True),
        ("2013 - 2017", 10, False), ("SKILLS", 13, True),
        ("Figma, Prototyping, User Research, HTML, CSS", 10, False),
    ]
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    y = 800.0
    for text, size, bold in lines:
        page.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        page.drawString(60, y, text)
        y -= size + 8
    page.save()
    return buffer.getvalue()


def resume_docx(name: str = "Casey Morgan", *, extra: list[str] | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(name, level=0)
    document.add_paragraph("casey.morgan@example.com | +1 415 555 0134")
    for line in extra or []:
        document.add_paragraph(line)
    document.add_heading("Experience", level=1)
    document.add_paragraph("Data Analyst, Initech Ltd")
    document.add_paragraph("2019 - Present")
    document.add_heading("Skills", level=1)
    document.add_paragraph("SQL, Python, Tableau")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def file_payload(name: str, data: bytes, mime: str = "application/octet-stream") -> dict[str, Any]:
    return {"name": name, "mimeType": mime, "buffer": data}


def upload_and_wait(page: Any, name: str, data: bytes, mime: str) -> str:
    """Upload one file from `/`, follow it to its processing page, wait until it is parsed;
    returns the resume id."""
    page.goto("/")
    page.set_input_files("#files", files=[file_payload(name, data, mime)])
    page.wait_for_url("**/resumes/*")
    page.get_by_role("heading", name="Your resume is ready").wait_for(timeout=60_000)
    return str(page.url.rstrip("/").rsplit("/", 1)[-1])
