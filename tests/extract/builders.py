"""Small resume files built on the fly, so the tests need nothing outside the repository."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def pdf_bytes(
    draw: Callable[..., None], *, pagesize: tuple[float, float] = (612, 792), **kw: object
) -> bytes:
    """A PDF drawn by `draw(canvas)` with reportlab."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=pagesize, **kw)
    draw(pdf)
    pdf.save()
    return buffer.getvalue()


def simple_pdf(
    lines: list[str], *, font: str = "Helvetica", size: float = 11, **kw: object
) -> bytes:
    def draw(pdf: object) -> None:
        pdf.setFont(font, size)  # type: ignore[attr-defined]
        for index, line in enumerate(lines):
            pdf.drawString(72, 720 - index * 16, line)  # type: ignore[attr-defined]

    return pdf_bytes(draw, **kw)


def docx_bytes(body: str, *, parts: dict[str, str | bytes] | None = None, rels: str = "") -> bytes:
    """A minimal DOCX whose w:body holds `body` (raw WordprocessingML)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<w:body>{body}</w:body></w:document>"
    )
    relationships = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    )
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "word/document.xml": document,
        "word/_rels/document.xml.rels": relationships,
    }
    files.update(parts or {})
    return zip_bytes(files)


def zip_bytes(files: dict[str, str | bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return buffer.getvalue()


def paragraph(text: str, *, props: str = "", run_props: str = "") -> str:
    run = f'<w:r><w:rPr>{run_props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'
    return f"<w:p><w:pPr>{props}</w:pPr>{run}</w:p>"


def part_xml(root: str, inner: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{root} xmlns:w="{W_NS}">{inner}</w:{root}>'


def png_header_bytes(width: int, height: int, *, bit_depth: int = 1, color_type: int = 0) -> bytes:
    """A PNG signature + IHDR declaring width x height, a tiny IDAT and IEND (a bomb's header)."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def png_bytes(size: tuple[int, int] = (64, 32)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format="PNG")
    return buffer.getvalue()


SECTOR = 512
END_OF_CHAIN = 0xFFFFFFFE
FREE_SECTOR = 0xFFFFFFFF
FAT_SECTOR = 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF


def ole_bytes(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2/CFB (v3) container holding `streams` at the root.

    Streams are padded to 4096 bytes so that none lives in the mini stream.
    """
    padded = {name: data.ljust(4096, b"\x00") for name, data in streams.items()}
    fat: list[int] = []
    body = bytearray()
    starts: dict[str, int] = {}
    for name, data in padded.items():
        data = data.ljust(-(-len(data) // SECTOR) * SECTOR, b"\x00")
        count = len(data) // SECTOR
        starts[name] = len(fat)
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(END_OF_CHAIN)
        body += data
    entries = [_dir_entry("Root Entry", 5, END_OF_CHAIN, 0, child=1 if padded else NO_STREAM)]
    names = list(padded)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else NO_STREAM
        entries.append(_dir_entry(name, 2, starts[name], len(padded[name]), right=right))
    directory = b"".join(entries).ljust(-(-len(entries) * 128 // SECTOR) * SECTOR, b"\x00")
    dir_start = len(fat)
    dir_count = len(directory) // SECTOR
    fat.extend(range(dir_start + 1, dir_start + dir_count))
    fat.append(END_OF_CHAIN)
    body += directory
    fat_count = 1
    while (len(fat) + fat_count) > fat_count * (SECTOR // 4):
        fat_count += 1
    fat_start = len(fat)
    fat.extend([FAT_SECTOR] * fat_count)
    fat.extend([FREE_SECTOR] * (fat_count * (SECTOR // 4) - len(fat)))
    fat_sectors = struct.pack(f"<{len(fat)}I", *fat)
    difat = [fat_start + i for i in range(fat_count)] + [FREE_SECTOR] * (109 - fat_count)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack(
            "<IIIIIIIII", 0, fat_count, dir_start, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0
        )
        + struct.pack("<109I", *difat)
    )
    assert len(header) == SECTOR
    return header + bytes(body) + fat_sectors


def _dir_entry(
    name: str, kind: int, start: int, size: int, *, child: int = NO_STREAM, right: int = NO_STREAM
) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NO_STREAM, right, child)
        + b"\x00" * 16
        + b"\x00" * 4
        + b"\x00" * 16
        + struct.pack("<IQ", start, size)
    )


def word97_bytes(text: str, *, encrypted: bool = False, unicode: bool = False) -> bytes:
    """A minimal Word 97 .doc: a FIB, one piece (cp1252 or UTF-16) and its piece table."""
    text_offset = 1024
    encoded = text.encode("utf-16-le" if unicode else "cp1252")
    fib = bytearray(text_offset + len(encoded))
    flags = 0x0200 | (0x0100 if encrypted else 0)
    struct.pack_into("<HHH", fib, 0, 0xA5EC, 0x00C1, 0)
    struct.pack_into("<H", fib, 0x0A, flags)
    struct.pack_into("<H", fib, 32, 14)  # csw
    struct.pack_into("<H", fib, 62, 22)  # cslw
    struct.pack_into("<i", fib, 64 + 12, len(text))  # ccpText
    struct.pack_into("<H", fib, 152, 0x5D)  # cbRgFcLcb
    fc = text_offset if unicode else (text_offset * 2) | 0x40000000
    plc = struct.pack("<II", 0, len(text)) + struct.pack("<HIH", 0, fc, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", fib, 154 + 33 * 8, 0, len(clx))
    fib[text_offset:] = encoded
    return ole_bytes({"WordDocument": bytes(fib), "1Table": clx})
