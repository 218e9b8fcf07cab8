"""ResuMate: any resume file to JSON Resume, with a confidence score for every field.

>>> import resumate
>>> result = resumate.parse("cv.pdf")
>>> result.to_json_resume()["basics"]["name"]
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from resumate.errors import (
    DocumentLoadError,
    EmptyDocumentError,
    EncryptedDocumentError,
    FileTooLargeError,
    JobFailedError,
    OcrUnavailableError,
    ResumateError,
    ResumeNotFoundError,
    UnsafeDocumentError,
    UnsupportedFormatError,
)
from resumate.options import ParseOptions

if TYPE_CHECKING:  # loaded on first use: keeps `import resumate` light
    from resumate.result import ParseResult
    from resumate.schema import ParsedResume

__version__ = "0.1.0"

__all__ = [
    "DocumentLoadError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "FileTooLargeError",
    "JobFailedError",
    "OcrUnavailableError",
    "ParseOptions",
    "ParseResult",
    "ParsedResume",
    "ResumateError",
    "ResumeNotFoundError",
    "UnsafeDocumentError",
    "UnsupportedFormatError",
    "__version__",
    "parse",
]

Source = str | os.PathLike[str] | bytes | IO[bytes]
_LAZY = {"ParseResult": "resumate.result", "ParsedResume": "resumate.schema"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'resumate' has no attribute {name!r}")


def parse(
    source: Source,
    *,
    filename: str | None = None,
    options: ParseOptions | None = None,
    raise_on_error: bool = False,
) -> ParseResult:
    """Parse a resume from a path, bytes or a binary file object.

    Bad input gives a result with `status="failed"` and a typed `error`; pass
    `raise_on_error=True` to have that error raised instead.
    """
    from resumate.pipeline import parse_bytes  # keeps `import resumate` light

    options = options or ParseOptions()
    data, name = _read_source(source, filename, options.max_bytes)
    result = parse_bytes(data, filename=name, options=options)
    if raise_on_error and result.error is not None:
        raise result.error
    return result


def _read_source(source: Source, filename: str | None, max_bytes: int) -> tuple[bytes, str | None]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), filename
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1), filename or path.name
    name = filename or getattr(source, "name", None)
    return source.read(max_bytes + 1), (Path(name).name if isinstance(name, str) else None)
