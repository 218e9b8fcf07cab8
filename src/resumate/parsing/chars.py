"""Character-class tests on short texts, with a fast path for ASCII.

Each function gives exactly what the obvious per-character loop with `str.isdigit`,
`str.isalpha` or `str.isupper` gives (so "²" counts as a digit and "ß" as a letter); ASCII
text, most of a resume, is answered by one regex or string method instead of a Python loop.
"""

from __future__ import annotations

import re

_ASCII_DIGIT = re.compile(r"[0-9]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def has_digit(text: str) -> bool:
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return any(map(str.isdigit, text))


def count_digits(text: str) -> int:
    if text.isascii():
        return len(_ASCII_DIGIT.findall(text))
    return sum(map(str.isdigit, text))


def has_letter(text: str) -> bool:
    if text.isascii():
        return _ASCII_LETTER.search(text) is not None
    return any(map(str.isalpha, text))


def is_all_caps(text: str) -> bool:
    """At least one letter, and every letter upper case ("R&D", "ÉCOLE"; not "Ph.D", "123")."""
    if text.isascii():
        return text.isupper()  # in ASCII the cased characters are exactly the letters
    letters = list(filter(str.isalpha, text))
    return bool(letters) and all(map(str.isupper, letters))
