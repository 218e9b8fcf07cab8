"""Text decoding and clean-up shared by the extractors.

`decode_text`: primary rule, a byte-order mark (UTF-8/16/32) or strict UTF-8; fallback, the
charset-normalizer guess with the least chaos (cp1252 wins ties), then cp1252. The result
counts as text only when at most `MAX_CONTROL_CHAR_RATIO` of it is control or replacement
characters.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

MAX_CONTROL_CHAR_RATIO = 0.02
GUESS_SAMPLE_BYTES = 64 * 1024
PREFERRED_SINGLE_BYTE = "cp1252"  # wins ties: short Western text fits cp1250/cp1257 equally well

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ufffe\uffff]")
_MARKUP_START = re.compile(rb"^\s*(<[a-zA-Z!?]|#!)")
_INVISIBLE = re.compile(r"[\x00\u00ad\ufffe\uffff\u200b\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NEEDS_NFKC = re.compile(r"[\ufb00-\ufb06\u2024-\u2026]")


def decode_text(data: bytes) -> str | None:
    """`data` as text, or None when it does not read as text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _accept(data[len(bom) :].decode(encoding, errors="replace"))
    try:
        return _accept(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _accept(_guess_decode(data))


def _guess_decode(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported only for non-UTF-8 files

    matches = list(from_bytes(data[:GUESS_SAMPLE_BYTES]))
    if matches:
        least_chaos = min(match.chaos for match in matches)
        tied = [match.encoding for match in matches if match.chaos <= least_chaos]
        encoding = PREFERRED_SINGLE_BYTE if PREFERRED_SINGLE_BYTE in tied else tied[0]
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _accept(text: str | None) -> str | None:
    if text is None:
        return None
    sample = text[:GUESS_SAMPLE_BYTES]
    if len(_CONTROL.findall(sample)) > MAX_CONTROL_CHAR_RATIO * max(len(sample), 1):
        return None
    return text


def looks_like_markup(head: bytes) -> bool:
    """True for HTML/XML/SVG or a script: a file that starts with a tag or a shebang."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            text = head[len(bom) :].decode(encoding, errors="ignore")
            return bool(_MARKUP_START.match(text.encode("utf-8", errors="ignore")))
    return bool(_MARKUP_START.match(head))


def needs_cleaning(text: str) -> bool:
    """Whether `clean_text` would change anything but spacing in `text`."""
    return bool(_INVISIBLE.search(text) or _NEEDS_NFKC.search(text))


def clean_text(text: str, *, collapse_spaces: bool = True) -> str:
    """Drop invisible characters, fold ligatures (NFKC), and collapse runs of spaces to one."""
    if text.isascii() and "\x00" not in text:  # nothing to drop or fold: only spaces to collapse
        if collapse_spaces and ("  " in text or "\t" in text):
            return _SPACES.sub(" ", text)
        return text
    text = _INVISIBLE.sub("", text)
    if _NEEDS_NFKC.search(text):
        text = _NEEDS_NFKC.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return _SPACES.sub(" ", text) if collapse_spaces else text
