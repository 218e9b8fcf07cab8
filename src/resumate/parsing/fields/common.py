"""Shared pieces of field extraction: scored values, evidence, feature tables, line helpers."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from resumate.parsing.chars import count_digits
from resumate.parsing.lines import Line
from resumate.schema import FieldMeta

BULLET_CHARS = "•●○◦▪▫■□◆◇►▶▸▹➢➤✓✔☑✗–—-*·"
_BULLET_PREFIX = re.compile(rf"^\s*[{re.escape(BULLET_CHARS)}]\s+|^\s*[•●○◦▪▫■□◆◇►▶▸▹➢➤✓✔·]\s*")
URL_RE = re.compile(
    r"(?:(?:https?://|www\.)[^\s<>()\"']+|"
    r"\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|io|dev|net|org|me|co|ai|app|xyz|info|"
    r"tech|page|site|online|blog|design|codes|cloud|studio|pro|digital|software|"
    r"de|fr|es|uk|us|ca|br|pt|in|nl|eu|ch|at|be|it|se|pl)(?![a-z0-9-])"  # not "x.co" of "x.codes"
    r"(?:/[^\s<>()\"']*)?)",
    re.IGNORECASE,
)
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)


def absolute_url(url: str) -> str:
    """A URL with a scheme ("www.acme.com" -> "https://www.acme.com"), no trailing punctuation."""
    url = url.rstrip(".,;:)")
    return url if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE) else f"https://{url}"


@dataclass(frozen=True, slots=True)
class Scored:
    """A value with its confidence and the evidence behind it."""

    value: str
    confidence: float
    lines: tuple[Line, ...] = ()
    features: tuple[str, ...] = ()

    def meta(self) -> FieldMeta:
        return field_meta(self.confidence, self.lines, self.features)


def field_meta(confidence: float, lines: Sequence[Line], features: Iterable[str]) -> FieldMeta:
    """Confidence and evidence for one value, validated in one call (about 65 a resume)."""
    evidence: dict[str, object] = {"features": sorted(set(features))}
    if lines:
        first = lines[0]
        if len(lines) == 1:
            evidence["lines"] = (first.index, first.index)
        else:
            indexes = [ln.index for ln in lines]
            evidence["lines"] = (min(indexes), max(indexes))
        evidence["page"] = first.page
        evidence["bbox"] = (
            round(first.x0, 1),
            round(first.y0, 1),
            round(first.x1, 1),
            round(first.y1, 1),
        )
    return FieldMeta.model_validate({"confidence": clamp(confidence), "evidence": evidence})


def clamp(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 3)


def squash(raw: float, *, midpoint: float = 0.0, steepness: float = 1.0) -> float:
    """Map a raw feature score to (0, 1) with a logistic curve."""
    return 1.0 / (1.0 + math.exp(-steepness * (raw - midpoint)))


def score_features(table: Mapping[str, float], fired: Iterable[str]) -> float:
    """Sum of the weights of the features that fired (one table per field)."""
    return sum(table.get(name, 0.0) for name in set(fired))


@dataclass(slots=True)
class FieldSink:
    """Collects field metadata under JSON paths while a section's values are built."""

    metas: dict[str, FieldMeta] = field(default_factory=dict)

    def put(self, path: str, scored: Scored | None) -> str | None:
        if scored is None or not scored.value:
            return None
        self.metas[path] = scored.meta()
        return scored.value


def is_bullet(text: str) -> bool:
    return bool(_BULLET_PREFIX.match(text))


def strip_bullet(text: str) -> str:
    return _BULLET_PREFIX.sub("", text, count=1).strip()


def clean(text: str) -> str:
    """Trim separators, icons and stray punctuation from a value's ends."""
    if not text.isascii():  # icons (symbols, private-use glyphs) are never ASCII
        text = _NON_ASCII_RUN.sub(_blank_icons, text)
    if "  " in text or not text.isprintable():  # every space but " " is unprintable
        text = _SPACES.sub(" ", text)
    text = _EMPTY_PAIRS.sub("", text).strip(_ENDS)  # "[] Nice": an icon's empty box
    if text.startswith("[") and text.endswith("]") and text.count("[") == 1:
        text = text[1:-1].strip(_ENDS)  # "[Remote]"
    for opening, closing in ("()", "[]"):  # a bracket only when its partner is not in the text
        while text.endswith(closing) and text.count(opening) < text.count(closing):
            text = text[:-1].rstrip()
        while text.startswith(opening) and text.count(opening) > text.count(closing):
            text = text[1:].lstrip()
        if text.endswith(opening):
            text = text[:-1].rstrip()
    return text.strip(_ENDS).strip()


_ENDS = " \t|,;:–—-·•/\\"
_EMPTY_PAIRS = re.compile(r"^(?:\s*(?:\[\s*\]|\(\s*\)))+|(?:(?:\[\s*\]|\(\s*\))\s*)+$")


_ICON_CATEGORIES = {"Co", "Cn", "So", "Cs"}
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_SPACES = re.compile(r"\s+")


def _blank_icons(run: re.Match[str]) -> str:
    return "".join(
        " " if unicodedata.category(ch) in _ICON_CATEGORIES else ch for ch in run.group()
    )


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


_WORD_RE = re.compile(r"[^\W_][\w'’.+#&-]*")


# a legal form or an initialism ends it, not a sentence: "Acme Inc.", "Fiscal de la C.A.B.A."
_ENDS_IN_ABBREVIATION = re.compile(r"\b(?:inc|ltd|co|corp)\.$|(?:\b[^\W\d_]\.){2,}$", re.I)


def looks_like_sentence(text: str) -> bool:
    """Prose rather than a title: long, ends with a full stop, or starts in lower case."""
    stripped = text.strip()
    n = len(words(stripped))
    if n > 14:
        return True
    if stripped.endswith(".") and n > 5 and not _ENDS_IN_ABBREVIATION.search(stripped):
        return True
    return bool(stripped[:1].islower()) and n > 3


CONTACT_DIGITS = 7  # a phone number's digits at least


def is_contact_text(text: str) -> bool:
    """An e-mail address, a link or a phone number is in the text: a contact line, not prose."""
    return "@" in text or URL_RE.search(text) is not None or count_digits(text) >= CONTACT_DIGITS


def join_paragraph(lines: Iterable[str]) -> str:
    """Join wrapped lines into one paragraph, mending words hyphenated at line ends."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if text.endswith("-") and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text
