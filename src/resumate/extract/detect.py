"""Which format a file is, decided from its content; the filename only breaks ties and catches lies.

Primary rule: magic bytes. `%PDF-` (anywhere in the first KiB, as real readers allow), a zip
(looked inside: `word/document.xml` is DOCX, an ODF `mimetype` is ODT, macros are refused),
an OLE2 container (a `WordDocument` stream is DOC, `EncryptionInfo`/`EncryptedPackage` is a
password-protected DOCX), `{\\rtf`, PNG/JPEG/TIFF/WebP. Fallback: text that decodes cleanly and
is not markup or a script is TXT.

The extension then acts as a liar detector: an executable, script, markup or macro extension is
refused whatever the content (`resume_\\u202efdp.exe` ends in `.exe`), and an image posing as a
document (or a document posing as an image, or text posing as a binary format) is refused. A
document named as another document format (a DOCX saved as `.doc`, RTF as `.doc`) is accepted
by content, because word processors and users do that all the time. Unknown extensions are
ignored (`Jane.Smith` has no extension that matters).
"""

from __future__ import annotations

import io
import zipfile

from resumate.document import Format
from resumate.errors import (
    DocumentLoadError,
    EmptyDocumentError,
    EncryptedDocumentError,
    UnsafeDocumentError,
    UnsupportedFormatError,
)
from resumate.extract.package import ZIP_ERRORS, ZIP_PASSWORD_MESSAGE
from resumate.extract.text import decode_text, looks_like_markup

PDF_MAGIC = b"%PDF-"
PDF_MAGIC_WINDOW_BYTES = 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
CONTENT_TYPES_CAP_BYTES = 256 * 1024

_DOCUMENT_FORMATS: frozenset[Format] = frozenset({"pdf", "docx", "doc", "odt", "rtf", "txt"})
_BINARY_DOCUMENT_EXTENSIONS = frozenset({"pdf", "docx", "doc", "odt", "dot", "dotx"})
_EXTENSIONS: dict[str, Format] = {
    "pdf": "pdf",
    "docx": "docx",
    "dotx": "docx",
    "doc": "doc",
    "dot": "doc",
    "odt": "odt",
    "rtf": "rtf",
    "txt": "txt",
    "text": "txt",
    "md": "txt",
    "png": "image",
    "jpg": "image",
    "jpeg": "image",
    "jpe": "image",
    "tif": "image",
    "tiff": "image",
    "webp": "image",
}
REFUSED_EXTENSIONS = frozenset(
    {
        # executables and installers
        "exe", "dll", "com", "scr", "msi", "msp", "bat", "cmd", "pif", "cpl", "jar", "apk", "app",
        "bin", "elf", "so", "dylib", "deb", "rpm", "dmg", "iso", "lnk", "reg", "hta", "gadget",
        # scripts
        "js", "mjs", "jse", "vbs", "vbe", "wsf", "wsh", "ps1", "psm1", "sh", "bash", "py", "pl",
        "rb", "php", "asp", "aspx", "jsp", "cgi",
        # markup that a browser would run
        "html", "htm", "xhtml", "shtml", "svg", "svgz", "xml", "xsl", "xslt", "mht", "mhtml",
        # macro-enabled office files
        "docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppam", "ppsm", "sldm",
    }
)  # fmt: skip


def detect_format(data: bytes, filename: str | None = None) -> Format:
    """The format of `data`, or a ResumateError saying why it will not be read.

    Content is checked first, so a macro document is refused as unsafe whatever its name.
    """
    if not data:
        raise EmptyDocumentError("the file is empty. Upload the resume file again.")
    detected = _detect_from_content(data)
    extension = file_extension(filename)
    if extension in REFUSED_EXTENSIONS:
        raise _unsupported(f"files ending in '.{extension}' are not accepted")
    _check_extension(detected, extension)
    return detected


def file_extension(filename: str | None) -> str:
    """The lower-cased real extension of `filename` (what follows the last dot of its base name)."""
    if not filename:
        return ""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in base:
        return ""
    return "".join(ch for ch in base.rsplit(".", 1)[1] if ch.isprintable()).strip().lower()


def _detect_from_content(data: bytes) -> Format:
    head = data[:PDF_MAGIC_WINDOW_BYTES]
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if looks_like_markup(head):
        raise _unsupported("it is a web page or markup file, not a resume document")
    if PDF_MAGIC in head:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return _detect_zip(data)
    if head.startswith(OLE_MAGIC):
        return _detect_ole(data)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _is_image(head):
        return "image"
    if decode_text(data) is not None:
        return "txt"
    raise _unsupported("its content is not a format we read")


def _is_image(head: bytes) -> bool:
    return (
        head.startswith(b"\x89PNG\r\n\x1a\n")
        or head.startswith(b"\xff\xd8\xff")
        or head[:4] in (b"II*\x00", b"MM\x00*")
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
    )


def _detect_zip(data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/vbaProject.bin" in names or _declares_macros(archive, names):
                raise UnsafeDocumentError(
                    "it contains macros. Save it as a plain .docx or PDF and upload it again."
                )
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and _read_small(archive, "mimetype").strip() == ODT_MIMETYPE:
                return "odt"
    except ZIP_ERRORS as exc:
        raise DocumentLoadError(
            "it looks like a Word file but the archive is damaged. "
            "Save it again from your word processor and upload it."
        ) from exc
    except RuntimeError as exc:  # zipfile: a member encrypted with a zip password
        raise EncryptedDocumentError(ZIP_PASSWORD_MESSAGE) from exc
    raise _unsupported("it is an archive, not a resume document")


def _declares_macros(archive: zipfile.ZipFile, names: set[str]) -> bool:
    if "[Content_Types].xml" not in names:
        return False
    content_types = _read_small(archive, "[Content_Types].xml").lower()
    return b"macroenabled" in content_types or b"vbaproject" in content_types


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as member:
        return member.read(CONTENT_TYPES_CAP_BYTES)


def _detect_ole(data: bytes) -> Format:
    import olefile  # only OLE files pay for the import

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
    except Exception as exc:  # olefile raises bare OSError/struct.error/IndexError on junk
        raise DocumentLoadError(
            "it looks like an old Word file but it is damaged. Save it again and upload it."
        ) from exc
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        raise EncryptedDocumentError(
            "it is password-protected. Remove the password and upload it again."
        )
    if "WordDocument" in streams:
        return "doc"
    raise _unsupported("it is an Office file that is not a Word document")


def _check_extension(detected: Format, extension: str) -> None:
    claimed = _EXTENSIONS.get(extension)
    if claimed is None or claimed == detected:
        return
    if detected == "txt" and extension in _BINARY_DOCUMENT_EXTENSIONS:
        raise _unsupported(f"it is named '.{extension}' but contains plain text")
    if (claimed == "image") != (detected == "image"):
        kind = "an image" if detected == "image" else "a document"
        raise _unsupported(f"it is named '.{extension}' but is {kind}")
    assert detected in _DOCUMENT_FORMATS


def _unsupported(reason: str) -> UnsupportedFormatError:
    return UnsupportedFormatError(
        f"{reason}. Upload a PDF, Word (.docx/.doc), OpenDocument, RTF, text or image file."
    )
