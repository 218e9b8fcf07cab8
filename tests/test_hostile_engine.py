"""Hostile uploads through the public API and the CLI: each ends with its typed error code.

Every file is built here (nothing from outside the repository): one representative per hostile
class of the dev corpus. The accepted codes follow that corpus's expected outcomes (first the
preferred one, then the also-acceptable ones).

Time: each parse must finish within `BUDGET_S`. We assert the CPU time it costs (this process
for the API, the CLI child's rusage for the CLI), which does not depend on how busy a shared
machine is, plus a wall-clock cap that catches a parse that sleeps or blocks.
"""

from __future__ import annotations

import io
import os
import random
import resource
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import resumate
from resumate.options import DEFAULT_MAX_BYTES
from tests.extract.builders import ole_bytes, png_header_bytes

BUDGET_S = 10.0
WALL_CAP_S = 60.0
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RESUME_LINES = [
    "Jordan Hostile",
    "jordan@example.org",
    "EXPERIENCE",
    "Engineer, Acme Ltd",
    "Jan 2020 - Present",
]


def _pdf(**canvas_options: object) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1, **canvas_options)
    page.setFont("Helvetica", 11)
    for index, line in enumerate(RESUME_LINES):
        page.drawString(72, 720 - 16 * index, line)
    page.save()
    return buffer.getvalue()


def _document_xml(body: str, prolog: str = "") -> str:
    paragraphs = body or "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in RESUME_LINES)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W_NS}">'
        f"<w:body>{paragraphs}</w:body></w:document>"
    )


def _docx(
    document: str | bytes, extra: dict[str, bytes] | None = None, content_types: str = CONTENT_TYPES
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def empty() -> bytes:
    return b""


def random_bytes() -> bytes:
    return random.Random(1234).randbytes(8192)


def html() -> bytes:
    return (
        b"<!DOCTYPE html><html><head><title>CV</title><script>alert(1)</script></head>"
        b"<body><h1>Jordan Hostile</h1><p>Engineer</p></body></html>"
    )


def truncated_pdf() -> bytes:
    data = _pdf()
    return data[: len(data) // 2]


def encrypted_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return _pdf(encrypt=StandardEncryption("user-secret", ownerPassword="owner-secret"))


def zip_bomb_declared() -> bytes:
    """A DOCX whose central directory claims document.xml inflates to ~4 GiB."""
    data = bytearray(_docx(_document_xml("")))
    name = b"word/document.xml"
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_length]) == name:
            struct.pack_into("<I", data, at + 24, 0xFFFF_FFF0)
            return bytes(data)
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError("central directory entry not found")


def zip_bomb_ratio() -> bytes:
    """A DOCX whose document.xml really inflates ~1000x (20 MiB of spaces in a paragraph)."""
    body = "<w:p><w:r><w:t>" + " " * (20 * 1024 * 1024) + "</w:t></w:r></w:p>"
    return _docx(_document_xml(body))


def billion_laughs_docx() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE w:document [{entities}]>"
    return _docx(_document_xml("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog))


def external_entity_docx() -> bytes:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    return _docx(_document_xml("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>", prolog))


def macro_docm() -> bytes:
    types = CONTENT_TYPES.replace(
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "vnd.ms-word.document.macroEnabled.main+xml",
    )
    return _docx(_document_xml(""), {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0AutoOpen"}, types)


def encrypted_docx() -> bytes:
    """A password-protected OOXML file: an OLE2 container with EncryptionInfo/EncryptedPackage."""
    return ole_bytes(
        {
            "EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"<encryption/>",
            "EncryptedPackage": random.Random(7).randbytes(2048),
        }
    )


def png_bomb() -> bytes:
    return png_header_bytes(40_000, 40_000)


def oversize() -> bytes:
    return b"%PDF-1.4\n" + b"0" * (DEFAULT_MAX_BYTES + 16)


def rtl_override() -> bytes:
    return _pdf()


Case = tuple[str, Callable[[], bytes], tuple[str, ...]]
CASES: list[Case] = [
    ("empty.pdf", empty, ("empty", "corrupt")),
    ("random_bytes.pdf", random_bytes, ("unsupported_type", "corrupt")),
    ("html_renamed.pdf", html, ("unsupported_type", "corrupt")),
    ("truncated.pdf", truncated_pdf, ("corrupt",)),
    ("encrypted.pdf", encrypted_pdf, ("encrypted",)),
    ("zip_bomb_declared.docx", zip_bomb_declared, ("unsafe", "too_large", "corrupt")),
    ("zip_bomb_ratio.docx", zip_bomb_ratio, ("unsafe", "too_large", "corrupt")),
    ("billion_laughs.docx", billion_laughs_docx, ("unsafe", "corrupt")),
    ("external_entity.docx", external_entity_docx, ("unsafe", "corrupt")),
    ("macro_autoopen.docm", macro_docm, ("unsafe", "unsupported_type")),
    ("encrypted_agile.docx", encrypted_docx, ("encrypted", "corrupt")),
    ("png_bomb_40k.png", png_bomb, ("unsafe", "too_large")),
    ("oversize_11mb.pdf", oversize, ("too_large",)),
    ("resume_\u202efdp.exe", rtl_override, ("unsupported_type", "unsafe")),
]


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, build, _ in CASES:
        (folder / name).write_bytes(build())
    return folder


@pytest.mark.parametrize(("name", "build", "codes"), CASES, ids=[c[0] for c in CASES])
def test_library_gives_the_expected_error_in_time(
    name: str, build: Callable[[], bytes], codes: tuple[str, ...], hostile_dir: Path
) -> None:
    cpu, wall = time.process_time(), time.perf_counter()
    result = resumate.parse(hostile_dir / name)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    assert result.status == "failed", f"{name} parsed as {result.status}: {result.text[:200]!r}"
    assert result.error is not None and result.error.code in codes, result.error
    assert "Traceback" not in result.error.message
    assert cpu < BUDGET_S and wall < WALL_CAP_S, (cpu, wall)
    with pytest.raises(resumate.ResumateError) as raised:
        resumate.parse(build(), filename=name, raise_on_error=True)
    assert raised.value.code == result.error.code


def test_no_secret_file_content_leaks_through_an_external_entity(hostile_dir: Path) -> None:
    result = resumate.parse(hostile_dir / "external_entity.docx")
    assert "root:" not in result.text
    assert "root:" not in str(result.to_json_resume())


def test_cli_gives_one_line_per_hostile_file_with_its_code(hostile_dir: Path) -> None:
    control = hostile_dir / "control.pdf"
    control.write_bytes(_pdf())
    out = hostile_dir / "out"
    files = [hostile_dir / name for name, _, _ in CASES] + [control]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "resumate.cli", "parse", *map(str, files), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    stdout, stderr = process.communicate(timeout=WALL_CAP_S * 2)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    assert process.returncode == 1
    assert stdout == ""
    assert "Traceback" not in stderr
    assert [p.name for p in out.iterdir()] == ["control.pdf.json"]
    lines = stderr.splitlines()
    for name, _, codes in CASES:
        naming = [line for line in lines if name in line]
        assert len(naming) == 1, (name, stderr)
        assert any(f": {code}: " in naming[0] for code in codes), naming[0]
    assert f"{len(CASES)} of {len(files)} file(s) failed" in stderr
    assert cpu < BUDGET_S, f"the whole batch took {cpu:.1f} s of CPU"
    assert wall < WALL_CAP_S, wall
