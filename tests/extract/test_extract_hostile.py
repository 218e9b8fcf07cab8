"""Hostile inputs, each extracted in a child process with a memory cap and a time limit."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import pytest

from .builders import docx_bytes, paragraph, pdf_bytes, png_header_bytes, simple_pdf, zip_bytes

MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024
TIME_LIMIT_SECONDS = 10.0
CHILD = textwrap.dedent(
    f"""
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT_BYTES}, {MEMORY_LIMIT_BYTES}))
    from resumate.options import ParseOptions
    from resumate.errors import ResumateError
    from resumate.extract import extract_document
    data = sys.stdin.buffer.read()
    try:
        document = extract_document(data, filename=sys.argv[1], options=ParseOptions())
        print(json.dumps({{"outcome": "parse", "text": document.text}}))
    except ResumateError as error:
        print(json.dumps({{"outcome": "reject:" + error.code, "message": error.message}}))
    """
)


def _run(data: bytes, filename: str) -> dict[str, str]:
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, filename],
        input=data,
        capture_output=True,
        timeout=TIME_LIMIT_SECONDS + 10,
        check=False,
    )
    assert time.perf_counter() - started < TIME_LIMIT_SECONDS + 2  # + interpreter start-up
    assert completed.returncode == 0, completed.stderr.decode()[-2000:]
    return dict(json.loads(completed.stdout))


def _billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": xml})


def _long_tiny_text() -> bytes:
    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        pdf.setFont("Helvetica", 2)
        pdf.drawString(10, 780, "START-SENTINEL-50K")
        line = "lorem ipsum dolor sit amet consectetur adipiscing elit " * 5
        for row in range(180):
            pdf.drawString(10, 776 - row * 4.2, line)
        pdf.drawString(10, 12, "END-SENTINEL-50K")

    return pdf_bytes(draw)


def _page_bomb() -> bytes:
    def draw(pdf) -> None:  # type: ignore[no-untyped-def]
        for _ in range(1100):
            pdf.showPage()

    return pdf_bytes(draw)


CASES = [
    ("png_bomb", png_header_bytes(40000, 40000), "bomb.png", "reject:unsafe", []),
    ("docx_billion_laughs", _billion_laughs(), "cv.docx", "reject:unsafe", []),
    (
        "docx_zip_bomb",
        zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": b"A" * 300_000_000}),
        "cv.docx",
        "reject:unsafe",
        [],
    ),
    ("page_bomb", _page_bomb(), "cv.pdf", "reject:unsafe", []),
    ("encrypted_pdf", simple_pdf(["Jane"], encrypt="pw"), "cv.pdf", "reject:encrypted", []),
    ("truncated_pdf", simple_pdf(["Jane"] * 40)[:300], "cv.pdf", "reject:corrupt", []),
    (
        "html_as_pdf",
        b"<!DOCTYPE html><script>alert(1)</script>",
        "cv.pdf",
        "reject:unsupported_type",
        [],
    ),
    ("rtl_exe_name", simple_pdf(["Jane"]), "resume_\u202efdp.exe", "reject:unsupported_type", []),
    (
        "huge_page",
        simple_pdf(["Jordan Example"], pagesize=(200000, 200000)),
        "cv.pdf",
        "parse",
        ["Jordan Example"],
    ),
    (
        "tiny_text_50k",
        _long_tiny_text(),
        "cv.pdf",
        "parse",
        ["START-SENTINEL-50K", "END-SENTINEL-50K"],
    ),
    (
        "xss_docx",
        docx_bytes(paragraph('&lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK("x")')),
        "cv.docx",
        "parse",
        ["<script>alert(1)</script>", "=HYPERLINK("],
    ),
]


@pytest.mark.parametrize(
    ("data", "filename", "expected", "must_contain"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_hostile_input_gets_its_expected_outcome(
    data: bytes, filename: str, expected: str, must_contain: list[str]
) -> None:
    result = _run(data, filename)
    assert result["outcome"] == expected, result
    for sentinel in must_contain:
        assert sentinel in result["text"]
    if expected != "parse":
        assert result["message"].startswith("Could not read ")
        assert "\u202e" not in result["message"]
