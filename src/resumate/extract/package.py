"""Reading zip-based packages (DOCX, ODT) without being blown up by them.

Zip bombs are refused from the central directory before anything is inflated: too many members,
a declared uncompressed total over `MAX_TOTAL_UNCOMPRESSED_BYTES`, or a member larger than
`RATIO_CHECK_MIN_BYTES` that inflates more than `MAX_COMPRESSION_RATIO` times. Members are then
read through a streamed cap, in case the declared sizes lie. XML parts are parsed by a hardened
lxml parser (no DTD, no entities, no network, no huge trees), and any part that carries a
`<!DOCTYPE` or `<!ENTITY` is refused: OOXML and ODF never legitimately do.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

from resumate.errors import DocumentLoadError, EncryptedDocumentError, UnsafeDocumentError

MAX_MEMBERS = 2000
MAX_TOTAL_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_MIN_BYTES = 1024 * 1024
_READ_CHUNK_BYTES = 1024 * 1024
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,  # an unsupported compression method
    KeyError,  # a central-directory entry without its member
)
ZIP_PASSWORD_MESSAGE = "it is password-protected. Remove the password and upload it again."
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)

_BOMB = "it is a compressed 'bomb' that would expand to an enormous size, so it was not opened"


class Package:
    """A checked zip archive; `read_xml` gives parsed parts."""

    def __init__(self, data: bytes, *, kind: str) -> None:
        self._kind = kind
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except ZIP_ERRORS as exc:
            raise self.damaged() from exc
        self._check_declared_sizes(infos)
        self.names = frozenset(info.filename for info in infos)

    def read(self, name: str) -> bytes:
        """The member's bytes, read with a streamed cap (declared sizes can lie)."""
        out = bytearray()
        try:
            with self._zip.open(name) as member:
                while chunk := member.read(_READ_CHUNK_BYTES):
                    out += chunk
                    if len(out) > MAX_MEMBER_BYTES:
                        raise UnsafeDocumentError(_BOMB)
        except ZIP_ERRORS as exc:
            raise self.damaged() from exc
        except RuntimeError as exc:  # zipfile: a member encrypted with a zip password
            raise EncryptedDocumentError(ZIP_PASSWORD_MESSAGE) from exc
        return bytes(out)

    def read_xml(self, name: str) -> Any:
        """The parsed root element of an XML member, or None if the member is absent."""
        if name not in self.names:
            return None
        return parse_xml(self.read(name), damaged=self.damaged)

    def _check_declared_sizes(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > MAX_MEMBERS:
            raise UnsafeDocumentError(f"it has too many parts ({len(infos)}), so it was not opened")
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_UNCOMPRESSED_BYTES:
            raise UnsafeDocumentError(_BOMB)
        for info in infos:
            big = info.file_size > RATIO_CHECK_MIN_BYTES
            if big and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                raise UnsafeDocumentError(_BOMB)

    def damaged(self) -> DocumentLoadError:
        return DocumentLoadError(
            f"the {self._kind} file is damaged. "
            "Save it again from your word processor and upload it."
        )


def parse_xml(data: bytes, *, damaged: Any) -> Any:
    """Parse one XML part with a parser that resolves nothing and fetches nothing."""
    from lxml import etree

    if _DECLARATION.search(data):
        raise UnsafeDocumentError(
            "it contains XML entity declarations (a known attack), so it was not opened"
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise damaged() from exc
