"""Read one uploaded file from a multipart body, streaming, with the size limit enforced early.

Primary rule: a `Content-Length` over the limit is answered `too_large` before any of the body
is stored; a client that sent `Expect: 100-continue` never sends the body at all. Otherwise the
body is parsed as it arrives and reading stops storing at the limit (chunked uploads). The rest
of an oversized body is read and discarded, up to a cap, so the client gets to read the answer.
The file is held in memory (bounded by the limit); nothing is written to disk here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request

from resumate.errors import FileTooLargeError
from resumate.web.errors import ApiError

FILE_FIELD = "file"
MULTIPART_OVERHEAD_BYTES = 64 * 1024
DRAIN_CAP_BYTES = 64 * 1024 * 1024
MAX_FILENAME_CHARS = 200
_BIDI_AND_INVISIBLE = set(
    "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff"
)


@dataclass(frozen=True, slots=True)
class Upload:
    filename: str
    data: bytes


def sanitize_filename(raw: str | None) -> str:
    """A display name only: base name, NFC, no control/bidi characters, bounded; never a path."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        ch for ch in name
        if ch not in _BIDI_AND_INVISIBLE and unicodedata.category(ch)[0] != "C"
    ).strip().lstrip(".")
    if len(name) > MAX_FILENAME_CHARS:
        _stem, dot, ext = name.rpartition(".")
        keep = ext if dot and len(ext) <= 10 else ""
        name = name[: MAX_FILENAME_CHARS - len(keep) - 1] + ("." + keep if keep else "")
    return name or "upload"


def _too_large(limit: int) -> FileTooLargeError:
    return FileTooLargeError(
        f"The file is over the {limit / 1_048_576:.0f} MB limit. Upload a smaller file "
        "(e.g. export the PDF without embedded images)."
    )


class _FilePart:
    """Collects the `file` part through python-multipart callbacks."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.header_field = b""
        self.header_value = b""
        self.disposition = b""
        self.in_file = False
        self.found = False
        self.filename: str | None = None
        self.buffer = bytearray()
        self.over = False

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._append("header_field", d[s:e]),
            "on_header_value": lambda d, s, e: self._append("header_value", d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        }

    def _append(self, name: str, data: bytes) -> None:
        setattr(self, name, getattr(self, name) + data)

    def _part_begin(self) -> None:
        self.disposition = b""

    def _header_end(self) -> None:
        if self.header_field.lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_field = self.header_value = b""

    def _headers_finished(self) -> None:
        _kind, options = parse_options_header(self.disposition)
        self.in_file = options.get(b"name") == FILE_FIELD.encode() and not self.found
        if self.in_file:
            self.found = True
            raw = options.get(b"filename", b"").decode("utf-8", "replace")
            self.filename = raw.replace("%22", '"').replace("%0D", "").replace("%0A", "")

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if not self.in_file or self.over:
            return
        self.buffer += data[start:end]
        if len(self.buffer) > self.limit:
            self.over = True
            self.buffer = bytearray()

    def _part_end(self) -> None:
        self.in_file = False


async def read_upload(request: Request, *, max_bytes: int) -> Upload:
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        raise ApiError("invalid_request",
                       f"Send the file as multipart/form-data in the field '{FILE_FIELD}'.")
    declared = request.headers.get("content-length")
    body_cap = max_bytes + MULTIPART_OVERHEAD_BYTES
    if declared is not None and declared.isdigit() and int(declared) > body_cap:
        if "100-continue" not in request.headers.get("expect", "").lower():
            await _drain(request, cap=DRAIN_CAP_BYTES)
        raise _too_large(max_bytes)
    part = _FilePart(max_bytes)
    parser = MultipartParser(boundary, part.callbacks())  # type: ignore[arg-type]
    received, discarding = 0, False
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if discarding:
                if received > DRAIN_CAP_BYTES:
                    break
                continue
            if received > body_cap:
                discarding = True
                continue
            parser.write(chunk)
            discarding = part.over
        if not discarding:
            parser.finalize()
    except ClientDisconnect:
        raise ApiError("invalid_request", "The upload was interrupted. Send it again.") from None
    except ValueError as error:  # python-multipart reports malformed bodies as ValueError
        raise ApiError("invalid_request", f"The multipart body is malformed: {error}") from None
    if discarding:
        raise _too_large(max_bytes)
    if part.over:
        raise _too_large(max_bytes)
    if not part.found:
        raise ApiError("invalid_request", f"No file in the form field '{FILE_FIELD}'.")
    return Upload(filename=sanitize_filename(part.filename), data=bytes(part.buffer))


async def _drain(request: Request, *, cap: int) -> None:
    drained = 0
    try:
        async for chunk in request.stream():
            drained += len(chunk)
            if drained > cap:
                return
    except (ClientDisconnect, RuntimeError):
        return
