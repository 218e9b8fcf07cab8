"""A PDF page's link targets: the URI actions of its link annotations.

Resumes often show a network's icon or the bare user name ("in  millerj") and keep the address
only in the link behind it; the parser reads profiles from these targets as well as from text.
Only `http(s)` and `mailto` targets are kept, at most `MAX_LINKS_PER_PAGE` per page, each at
most `MAX_URI_BYTES` long.
"""

from __future__ import annotations

import ctypes
from typing import Any

MAX_LINKS_PER_PAGE = 200
MAX_URI_BYTES = 2048
PDFACTION_URI = 3


def page_links(document: Any, page: Any) -> list[str]:
    """The page's link targets in the order pdfium lists them (no duplicates).

    Links are annotations: a page without any (a third of the bench's pages) is not walked.
    """
    import pypdfium2.raw as raw

    targets: list[str] = []
    if raw.FPDFPage_GetAnnotCount(page.raw) <= 0:
        return targets
    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    buffer: ctypes.Array[ctypes.c_char] | None = None
    for _ in range(MAX_LINKS_PER_PAGE):
        if not raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
            break
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != PDFACTION_URI:
            continue
        if buffer is None:
            buffer = ctypes.create_string_buffer(MAX_URI_BYTES)
        size = raw.FPDFAction_GetURIPath(document.raw, action, buffer, MAX_URI_BYTES)
        if not 1 < size <= MAX_URI_BYTES:
            continue
        uri = buffer.raw[: size - 1].decode("latin-1").strip()
        if uri.lower().startswith(("http://", "https://", "mailto:")) and uri not in targets:
            targets.append(uri)
    return targets
