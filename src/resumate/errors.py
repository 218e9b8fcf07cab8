"""The ResuMate error tree.

ResumateError(message, *, code)          base of every error a user can act on
├── UnsupportedFormatError  unsupported_type  not a format we read (checked by content)
├── FileTooLargeError       too_large         over the configured byte or page limit
├── EncryptedDocumentError  encrypted         needs a password
├── DocumentLoadError       corrupt           damaged beyond what the engine can repair
├── EmptyDocumentError      empty             no bytes, or no text even after OCR
├── UnsafeDocumentError     unsafe            a bomb, external entities, macros
├── OcrUnavailableError     ocr_unavailable   a scan, but the OCR extra is not installed
├── ResumeNotFoundError     not_found         no resume with that id
└── JobFailedError          job_failed        a background parse ended in failure

A bug stays a plain exception: only bad input gets a ResumateError.
"""

from __future__ import annotations

from typing import Literal, get_args

ErrorCode = Literal[
    "unsupported_type",
    "too_large",
    "encrypted",
    "corrupt",
    "empty",
    "unsafe",
    "ocr_unavailable",
    "not_found",
    "job_failed",
]
ERROR_CODES: tuple[str, ...] = get_args(ErrorCode)


class ResumateError(Exception):
    """An error the user can act on; `message` is safe to show them."""

    code: ErrorCode = "corrupt"

    def __init__(self, message: str, *, code: ErrorCode | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class UnsupportedFormatError(ResumateError):
    code: ErrorCode = "unsupported_type"


class FileTooLargeError(ResumateError):
    code: ErrorCode = "too_large"


class EncryptedDocumentError(ResumateError):
    code: ErrorCode = "encrypted"


class DocumentLoadError(ResumateError):
    code: ErrorCode = "corrupt"


class EmptyDocumentError(ResumateError):
    code: ErrorCode = "empty"


class UnsafeDocumentError(ResumateError):
    code: ErrorCode = "unsafe"


class OcrUnavailableError(ResumateError):
    code: ErrorCode = "ocr_unavailable"


class ResumeNotFoundError(ResumateError):
    code: ErrorCode = "not_found"


class JobFailedError(ResumateError):
    code: ErrorCode = "job_failed"
