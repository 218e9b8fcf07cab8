"""RTF via striprtf, after a size guard (it is pure Python), onto a synthetic flow page.

Embedded pictures and objects are cut out before parsing (they are most of a big RTF file and
carry no text); what remains must be under `MAX_RTF_TEXT_CHARS` or the file is refused.
"""

from __future__ import annotations

import re

from resumate.document import Document
from resumate.errors import DocumentLoadError, FileTooLargeError
from resumate.extract.flow import FlowWriter
from resumate.options import ParseOptions

MAX_RTF_TEXT_CHARS = 2_000_000
_BINARY_GROUPS = re.compile(r"\{\\(?:\*\\)?(?:pict|object|shppict|nonshppict|blipuid|bin)\b")


def extract(data: bytes, options: ParseOptions) -> Document:
    """Strip RTF control words and lay the plain text out one paragraph per line."""
    from striprtf.striprtf import rtf_to_text

    source = _drop_binary_groups(data.decode("latin-1"))
    if len(source) > MAX_RTF_TEXT_CHARS:
        raise FileTooLargeError("it holds more text than a resume could. Upload a shorter file.")
    try:
        text = rtf_to_text(source, errors="ignore")  # type: ignore[no-untyped-call]
    except (ValueError, LookupError, IndexError, KeyError, TypeError) as exc:
        raise DocumentLoadError("the RTF file is damaged. Save it again and upload it.") from exc
    writer = FlowWriter()
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        writer.start_line()
        writer.write(line.replace("|", "\t") if line.count("|") > 1 else line)
    return writer.document("rtf")


def _drop_binary_groups(source: str) -> str:
    """Remove {\\pict ...}-like groups by brace matching (pictures hold no braces of their own)."""
    parts: list[str] = []
    position = 0
    while match := _BINARY_GROUPS.search(source, position):
        parts.append(source[position : match.start()])
        depth, index = 0, match.start()
        while index < len(source):
            brace = _next_brace(source, index)
            if brace < 0:
                index = len(source)
                break
            depth += 1 if source[brace] == "{" else -1
            index = brace + 1
            if depth == 0:
                break
        position = index
    parts.append(source[position:])
    return "".join(parts)


def _next_brace(source: str, start: int) -> int:
    opening, closing = source.find("{", start), source.find("}", start)
    candidates = [index for index in (opening, closing) if index >= 0]
    return min(candidates) if candidates else -1
