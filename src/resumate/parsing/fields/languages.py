"""The languages section, and languages listed on a contact line: a recognised language name,
with the fluency found beside it or on the next line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from resumate.parsing import lexicon
from resumate.parsing.fields.common import FieldSink, Scored, clean, strip_bullet
from resumate.parsing.lines import Line
from resumate.schema import FieldMeta, Language


def extract_languages(lines: Sequence[Line]) -> tuple[list[Language], dict[str, FieldMeta]]:
    sink = FieldSink()
    found: list[Language] = []
    for line in lines:
        parts = [p for cell in line.cells for p in _LANGUAGE_SPLIT.split(strip_bullet(cell.text))]
        for part in (p for piece in parts for p in _language_run(clean(piece))):
            lang = lexicon.match_language(part) if part else None
            misspelt = lang is None and (lang := lexicon.match_misspelt_language(part)) is not None
            if lang is None:
                fluency = lexicon.match_fluency(part) if part else None
                waiting = next((entry for entry in found if not entry.fluency), None)
                if fluency and waiting is not None:  # in order: "Spanish English" / "Native | B2"
                    waiting.fluency = part
                continue
            start, end = lang.span
            written = part[start:end]
            rest = _bare_fluency(f"{part[:start]} {part[end:]}")
            fluency = rest if rest and lexicon.match_fluency(rest) else None
            feature = "language_name_misspelt" if misspelt else "language_name"
            confidence = 0.7 if misspelt else 0.9
            sink.put(
                f"languages[{len(found)}].language",
                Scored(written, confidence, (line,), (feature, *_language_code(lang))),
            )
            found.append(Language(language=written, fluency=fluency))
    return found, sink.metas


def _language_code(lang: lexicon.LanguageMatch) -> tuple[str, str]:
    """Evidence naming the language whatever its spelling: ISO 639 code and English name."""
    return f"iso639={lang.code}", f"english={lang.name}"


def _bare_fluency(text: str) -> str:
    """The fluency beside a language name, without the brackets around it ("(native)") or
    full-width punctuation ("英语：流利")."""
    text = clean(text.strip(" ：，；、（）"))
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = clean(text[1:-1])
    return text


_LANGUAGE_SPLIT = re.compile(r"[,;•·|]|\s[–—-]\s")


def _language_run(text: str) -> list[str]:
    """Language names set side by side without separators ("Spanish English"), one by one;
    any other text as it is."""
    names: list[str] = []
    rest = text
    while rest and (match := lexicon.match_language(rest)) is not None and match.span[0] == 0:
        names.append(rest[: match.span[1]])
        rest = rest[match.span[1] :].strip()
    return names if len(names) > 1 and not rest else [text]


def extract_listed_languages(
    lines: Sequence[Line],
) -> tuple[list[Language], dict[str, FieldMeta]]:
    """Fallback for a resume without a languages section: a cell of the contact lines made of
    language names only ("French, English" beside the e-mail address and the website)."""
    sink = FieldSink()
    found: list[Language] = []
    for line in lines:
        for cell in line.cells:
            for name, match in _language_names(cell.text):
                features = ("language_name", "contact_list", *_language_code(match))
                sink.put(f"languages[{len(found)}].language", Scored(name, 0.7, (line,), features))
                found.append(Language(language=name))
    return found, sink.metas


def _language_names(text: str) -> list[tuple[str, lexicon.LanguageMatch]]:
    """The languages of `text`, as written, when every comma-separated part is exactly one
    language name."""
    names = []
    for part in text.split(","):
        part = clean(part)
        match = lexicon.match_language(part) if part else None
        if match is None or match.span != (0, len(part)):
            return []
        names.append((part, match))
    return names
