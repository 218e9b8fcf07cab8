"""Regenerate docs/screenshots/: every page of the web app at 1280x800 and 360x740.

Starts `resumate serve` on a free loopback port with a temporary data directory, uploads a
generated sample resume (ReportLab) and a DOCX (python-docx), walks through the pages with
Debian's Chromium (Playwright) and saves PNGs. Usage: `uv run python scripts/screenshots.py`.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("RESUMATE_CHROMIUM", "/usr/bin/chromium")
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def sample_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    lines = [
        ("Morgan Ellis", 22, True, 0), ("Senior Backend Engineer", 12, False, 0),
        ("morgan.ellis@example.com | +44 20 7946 0958 | Bristol, UK", 10, False, 0),
        ("SUMMARY", 12, True, 10),
        ("Backend engineer with ten years of building payment and data platforms.", 10, False, 0),
        ("EXPERIENCE", 12, True, 10),
        ("Senior Backend Engineer, Northwind Payments", 11, True, 0),
        ("Mar 2020 - Present", 10, False, 0),
        ("- Designed the settlement service handling 3 million transactions a day.", 10, False, 0),
        ("- Cut p95 API latency from 480 ms to 120 ms.", 10, False, 0),
        ("Software Engineer, Contoso Analytics", 11, True, 4),
        ("Jun 2016 - Feb 2020", 10, False, 0),
        ("- Built the ingestion pipeline in Python and PostgreSQL.", 10, False, 0),
        ("EDUCATION", 12, True, 10),
        ("MSc Computer Science, University of Bristol", 11, True, 0),
        ("2014 - 2016", 10, False, 0),
        ("SKILLS", 12, True, 10),
        ("Python, Go, PostgreSQL, Kafka, Kubernetes, Terraform", 10, False, 0),
        ("LANGUAGES", 12, True, 10), ("English (native), German (fluent)", 10, False, 0),
    ]
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    y = 790.0
    for text, size, bold, gap in lines:
        y -= gap
        page.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        page.drawString(60, y, text)
        y -= size + 8
    page.save()
    return buffer.getvalue()


def sample_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Casey Morgan", level=0)
    document.add_paragraph("casey.morgan@example.com | +1 415 555 0134")
    document.add_heading("Experience", level=1)
    document.add_paragraph("Data Analyst, Initech Ltd")
    document.add_paragraph("2019 - Present")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def start_server(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "RESUMATE_DATA_DIR": str(data_dir), "RESUMATE_ENV": "development",
           "RESUMATE_OCR": "never", "RESUMATE_UPLOAD_RATE_LIMIT": "1000/minute"}
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "resumate"), "serve", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(url + "/health", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("resumate serve did not start")


def upload(page: Any, name: str, data: bytes, mime: str) -> str:
    page.goto("/")
    page.set_input_files("#files", files=[{"name": name, "mimeType": mime, "buffer": data}])
    page.wait_for_url("**/resumes/*")
    page.get_by_role("heading", name="Your resume is ready").wait_for(timeout=60_000)
    return str(page.url.rsplit("/", 1)[-1])


def shoot(page: Any, name: str) -> None:
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path))
    print("saved", path.relative_to(ROOT))


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        process, url = start_server(Path(tmp))
        try:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            setup = browser.new_page(base_url=url)
            upload(setup, "casey-morgan.docx", sample_docx(), DOCX_MIME)
            resume_id = upload(setup, "morgan-ellis.pdf", sample_pdf(), "application/pdf")
            setup.goto(f"/resumes/{resume_id}/share")
            setup.get_by_role("button", name="Create link").click()
            link = setup.get_by_role("textbox", name="Link").input_value()
            setup.goto(link)
            for size, viewport in SIZES.items():
                page = browser.new_page(base_url=url, viewport=viewport,
                                        device_scale_factor=1 if size == "desktop" else 2)
                page.goto("/")
                shoot(page, f"upload-{size}")
                page.set_input_files("#files", files=[
                    {"name": "photo.heic", "mimeType": "image/heic", "buffer": b"\0" * 64},
                    {"name": "resume.pdf", "mimeType": "application/pdf",
                     "buffer": bytes(range(256)) * 32}])
                page.locator("#uploads li.is-error").nth(1).wait_for()
                page.locator("#uploads").scroll_into_view_if_needed()
                shoot(page, f"upload-errors-{size}")
                page.goto(f"/resumes/{resume_id}")
                page.get_by_role("link", name="Review and correct").wait_for()
                shoot(page, f"processing-{size}")
                page.goto(f"/resumes/{resume_id}/review")
                page.wait_for_load_state("networkidle")
                if size == "desktop":
                    page.get_by_label("Phone").focus()
                    page.locator(".highlight.is-on").wait_for()
                    page.evaluate("() => window.scrollTo(0, document.querySelector('.review')"
                                  ".getBoundingClientRect().top + window.scrollY - 16)")
                    page.wait_for_timeout(600)
                    page.screenshot(path=str(OUT / f"review-{size}.png"))
                    print("saved", f"docs/screenshots/review-{size}.png")
                else:
                    shoot(page, f"review-{size}")
                page.goto(f"/resumes/{resume_id}/share")
                shoot(page, f"share-{size}")
                page.goto(link)
                shoot(page, f"shared-{size}")
                page.goto("/resumes")
                shoot(page, f"resumes-{size}")
                page.goto("/s/this-link-was-revoked-or-never-existed")
                shoot(page, f"link-gone-{size}")
                page.close()
            browser.close()
        finally:
            process.terminate()
            process.wait(timeout=15)


if __name__ == "__main__":
    main()
