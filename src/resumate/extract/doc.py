"""Word 97-2003 (.doc): the main text from the FIB and the piece table, laid out as flow text.

Reading: the FIB in the WordDocument stream gives the table stream (0Table/1Table), the position
of the CLX and the main text length (ccpText); the CLX's piece table maps character positions
to byte runs, each either "compressed" cp1252 or UTF-16LE. Special characters: paragraph mark
\\r and \\x0b/\\x0c/\\x0e breaks start a new line; a cell mark \\x07 separates cells like a tab
and a second \\x07 (the row mark) ends the row's line; fields \\x13 code \\x14 result \\x15 keep
only the result, and HYPERLINK fields' targets go to `Document.links`. Headers, footers, notes
and styles are not read (bold is always False).
"""

from __future__ import annotations

import io
import re
import struct
from dataclasses import replace

from resumate.document import Document
from resumate.errors import DocumentLoadError, EncryptedDocumentError, UnsupportedFormatError
from resumate.extract.flow import FlowWriter
from resumate.options import ParseOptions

WORD_IDENT = 0xA5EC
MIN_WORD97_NFIB = 0x00C1 - 0x20  # Word 97 writes 0xC1; older builds down to 0xA1 share the layout
FLAG_ENCRYPTED = 0x0100
FLAG_TABLE_1 = 0x0200
FLAG_OBFUSCATED = 0x8000
CLX_INDEX = 33  # fcClx/lcbClx is the 34th pair of FibRgFcLcb97
MAX_PIECES = 100_000
_DROPPED = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x06\x08\x1f\x00"))
_REPLACED = {ord("\x1e"): "-", ord("\xa0"): " ", ord("\x0b"): "\n", ord("\x0c"): "\n"}
_REPLACED |= {ord("\x0e"): "\n", ord("\r"): "\n"}


def extract(data: bytes, options: ParseOptions) -> Document:
    """The main story of a Word 97-2003 file on a synthetic flow page."""
    text = read_main_text(data)
    writer = FlowWriter()
    for line in _lines(strip_fields(text)):
        writer.start_line()
        writer.write(line)
    return replace(writer.document("doc"), links=hyperlink_targets(text))


_HYPERLINK_CODE = re.compile(r'\x13\s*HYPERLINK\s+"([^"\x13-\x15]{1,2048})"')
MAX_LINKS = 200


def hyperlink_targets(text: str) -> tuple[str, ...]:
    """Web and mail targets of the HYPERLINK fields (\\x13 HYPERLINK "url" \\x14 shown \\x15),
    in order, without duplicates: a profile link may show only the user name."""
    targets = (m.group(1).strip() for m in _HYPERLINK_CODE.finditer(text))
    kept = [t for t in targets if t.lower().startswith(("http://", "https://", "mailto:"))]
    return tuple(dict.fromkeys(kept))[:MAX_LINKS]


def read_main_text(data: bytes) -> str:
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            word = ole.openstream("WordDocument").read()
            flags = _u16(word, 0x0A)
            if _u16(word, 0) != WORD_IDENT:
                raise _damaged()
            if flags & (FLAG_ENCRYPTED | FLAG_OBFUSCATED):
                raise EncryptedDocumentError(
                    "it is password-protected. Remove the password and upload it again."
                )
            table_name = "1Table" if flags & FLAG_TABLE_1 else "0Table"
            if not ole.exists(table_name):
                raise _damaged()
            table = ole.openstream(table_name).read()
    except (OSError, struct.error, IndexError, ValueError, TypeError) as exc:
        raise _damaged() from exc
    if _u16(word, 2) < MIN_WORD97_NFIB:
        raise UnsupportedFormatError(
            "it is a Word 6/95 document, which is too old to read. Save it as .docx and upload it."
        )
    try:
        return _piece_text(word, table)
    except (struct.error, IndexError, ValueError) as exc:
        raise _damaged() from exc


def _piece_text(word: bytes, table: bytes) -> str:
    csw = _u16(word, 32)  # FibBase is 32 bytes, then csw + FibRgW97
    cslw_at = 34 + csw * 2
    cslw = _u16(word, cslw_at)  # then cslw + FibRgLw97 (ccpText is its 4th field)
    rg_lw = cslw_at + 2
    ccp_text = struct.unpack_from("<i", word, rg_lw + 3 * 4)[0]
    fc_lcb_start = rg_lw + cslw * 4 + 2  # then cbRgFcLcb + FibRgFcLcb
    fc_clx, lcb_clx = struct.unpack_from("<II", word, fc_lcb_start + CLX_INDEX * 8)
    clx = table[fc_clx : fc_clx + lcb_clx]
    pieces = _pieces(clx)
    out: list[str] = []
    remaining = max(ccp_text, 0)
    for cp_start, cp_end, fc, compressed in pieces:
        if remaining <= 0:
            break
        count = min(cp_end - cp_start, remaining)
        if count <= 0:
            continue
        if compressed:
            out.append(word[fc // 2 : fc // 2 + count].decode("cp1252", errors="replace"))
        else:
            out.append(word[fc : fc + 2 * count].decode("utf-16-le", errors="replace"))
        remaining -= count
    return "".join(out)


def _pieces(clx: bytes) -> list[tuple[int, int, int, bool]]:
    """(cp start, cp end, byte offset, compressed) for each piece of the Pcdt in a CLX."""
    position = 0
    while position < len(clx) and clx[position] == 0x01:  # Prc: skip its grpprl
        position += 3 + struct.unpack_from("<h", clx, position + 1)[0]
    if position >= len(clx) or clx[position] != 0x02:
        raise ValueError("no piece table")
    lcb = struct.unpack_from("<I", clx, position + 1)[0]
    plc = clx[position + 5 : position + 5 + lcb]
    count = (len(plc) - 4) // 12
    if count <= 0 or count > MAX_PIECES:
        raise ValueError("bad piece count")
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for index in range(count):
        fc_value = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)[0]
        compressed = bool(fc_value & 0x40000000)
        pieces.append((cps[index], cps[index + 1], fc_value & 0x3FFFFFFF, compressed))
    return pieces


def strip_fields(text: str) -> str:
    """Keep only field results: \\x13 code \\x14 result \\x15 -> result (fields may nest)."""
    if "\x13" not in text:
        return text
    out: list[str] = []
    stack: list[bool] = []  # per open field: are we in its result part?
    for ch in text:
        if ch == "\x13":
            stack.append(False)
        elif ch == "\x14" and stack:
            stack[-1] = True
        elif ch == "\x15" and stack:
            stack.pop()
        elif all(stack):
            out.append(ch)
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Split on paragraph marks and breaks; cell marks become tabs, a row mark ends the line."""
    text = text.replace("\x07\x07", "\x07\r").translate(_DROPPED)
    return text.translate(_REPLACED).replace("\x07", "\t").split("\n")


def _u16(data: bytes, offset: int) -> int:
    return int(struct.unpack_from("<H", data, offset)[0])


def _damaged() -> DocumentLoadError:
    return DocumentLoadError("the Word file is damaged. Save it again and upload it.")
