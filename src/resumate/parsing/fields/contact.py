"""basics: the contact details, gathered from the header and the first lines.

E-mail — the first address (also spelled out with "[at]" and "[dot]"). Phone — phonenumbers'
matcher (region from the resume's country, else the caller's default, else US); E.164 when
valid in that region, else the raw text. Summary — the summary section, else prose in the
header. The name and label (names.py), links and profiles (links.py) and the location
(location.py) have modules of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import phonenumbers

from resumate.parsing.chars import count_digits
from resumate.parsing.dates import ANY_DAY, find_date_ranges
from resumate.parsing.fields.common import (
    EMAIL_RE,
    URL_RE,
    FieldSink,
    Scored,
    is_contact_text,
    join_paragraph,
    looks_like_sentence,
)
from resumate.parsing.fields.links import (
    find_links,
    profiles_behind_links,
    profiles_beside_icons,
    profiles_under_labels,
)
from resumate.parsing.fields.location import find_location
from resumate.parsing.fields.names import NAME_SEARCH_LINES, find_label, find_name
from resumate.parsing.lines import Line
from resumate.parsing.sections import Section
from resumate.schema import Basics, FieldMeta


@dataclass(frozen=True, slots=True)
class ContactResult:
    basics: Basics
    metas: dict[str, FieldMeta]
    name_line: int | None


def extract_basics(
    lines: Sequence[Line],
    sections: Sequence[Section],
    *,
    default_region: str | None,
    link_targets: Sequence[str] = (),
) -> ContactResult:
    sink = FieldSink()
    header = [ln for s in sections if s.kind in ("header", "contact") for ln in s.lines]
    scope = _dedupe([*header, *lines[:NAME_SEARCH_LINES]])
    name = find_name(lines)
    entries = {ln.index for s in sections if s.kind in _ENTRY_SECTIONS for ln in s.lines}
    personal = [ln for ln in scope if ln.index not in entries]  # not an employer's or school's
    location = find_location(personal, header={ln.index for ln in header})
    region = (location.value[0] if location else None) or default_region
    basics = Basics(
        name=sink.put("basics.name", name),
        label=sink.put("basics.label", find_label(lines, name)),
        email=sink.put("basics.email", find_email(scope, lines)),
        phone=sink.put("basics.phone", find_phone(scope, lines, region)),
        summary=sink.put("basics.summary", find_summary(sections)),
    )
    urls, profiles = find_links(personal)
    profiles += profiles_behind_links(link_targets, known=[p.url or "" for p, _ in profiles])
    networks = {p.network for p, _ in profiles}  # a link's own target before a guess from a name
    for guessed in (profiles_under_labels(personal), profiles_beside_icons(personal)):
        profiles += [pair for pair in guessed if pair[0].network not in networks]
        networks |= {p.network for p, _ in guessed}
    # the first of the most likely: a link on a contact line before one mentioned in prose
    basics.url = sink.put("basics.url", max(urls, key=_confidence) if urls else None)
    for i, (profile, scored) in enumerate(profiles):
        basics.profiles.append(profile)
        field = "url" if profile.url else "username"
        sink.metas[f"basics.profiles[{i}].{field}"] = scored.meta()
    if location:
        loc = location.value[1]
        basics.location = loc
        for key in ("city", "region", "countryCode", "postalCode", "address"):
            if getattr(loc, key):
                sink.metas[f"basics.location.{key}"] = location.scored.meta()
    name_line = name.lines[0].index if name and name.lines else None
    return ContactResult(basics, sink.metas, name_line)


# sections whose links are an employer's, a school's or a project's, not the person's
_ENTRY_SECTIONS = frozenset({"work", "education", "projects", "volunteer", "publications"})


def _dedupe(lines: Sequence[Line]) -> list[Line]:
    seen: set[int] = set()
    out = []
    for line in lines:
        if line.index not in seen:
            seen.add(line.index)
            out.append(line)
    return sorted(out, key=lambda ln: ln.index)


# --- email, phone -------------------------------------------------------------------------------


def find_email(scope: Sequence[Line], lines: Sequence[Line]) -> Scored | None:
    for group, confidence in ((scope, 0.98), (lines, 0.85)):
        for line in group:
            text = line.text.replace("mailto:", " ")
            features: tuple[str, ...] = ("email_pattern",)
            if "@" not in text and _AT_WORD.search(text):  # "jane [at] example [dot] com"
                text = _DOT_WORD.sub(".", _AT_WORD.sub("@", text))
                features = ("email_pattern", "spelled_out")
            match = EMAIL_RE.search(text)
            if match:
                return Scored(match.group(0).strip(".").lower(), confidence, (line,), features)
    return None


_AT_WORD = re.compile(r"\s*[\[(]\s*at\s*[\])]\s*", re.IGNORECASE)
_DOT_WORD = re.compile(r"\s*[\[(]\s*dot\s*[\])]\s*", re.IGNORECASE)


def find_phone(scope: Sequence[Line], lines: Sequence[Line], region: str | None) -> Scored | None:
    """Primary rule: a number phonenumbers accepts in the resume's region (or as written with +CC).
    Fallback: in the header, a run of 9-15 digits with phone punctuation, kept as written."""
    checked: dict[str, tuple[str, bool] | None] = {}  # the header is among `lines` again
    for group, base in ((scope, 0.95), (lines, 0.75)):
        for line in group:
            if line.text not in checked:
                checked[line.text] = _phone_in(line.text, region or "US")
            found = checked[line.text]
            if found:
                value, valid = found
                return Scored(
                    value,
                    base if valid else base - 0.25,
                    (line,),
                    ("valid_number" if valid else "possible_number",),
                )
    for line in scope:
        for match in _PHONE_SHAPE.finditer(EMAIL_RE.sub(" ", URL_RE.sub(" ", line.text))):
            raw = match.group(0).strip()
            digits = count_digits(raw)
            if 9 <= digits <= 15 and not find_date_ranges(raw, today=ANY_DAY):
                return Scored(raw, 0.5, (line,), ("phone_shape",))
    return None


_PHONE_SHAPE = re.compile(r"(?<![\w/])\+?\(?\+?\d[\d\s().-]{7,}\d(?![\w/])")


def _phone_in(text: str, region: str) -> tuple[str, bool] | None:
    if count_digits(text) < 7:
        return None
    text = EMAIL_RE.sub(" ", URL_RE.sub(" ", text))
    shapes = [
        m.group(0).strip()
        for m in _PHONE_SHAPE.finditer(text)
        if 7 <= count_digits(m.group(0)) <= 17
    ]
    if all(_DATE_SHAPE.fullmatch(shape) for shape in shapes):
        return None  # nothing phone-shaped but dates: cheap checks before the full matcher
    for match in phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.VALID
    ):
        if not _DATE_SHAPE.fullmatch(match.raw_string.strip()):
            return (
                phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164),
                True,
            )
    for match in phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.POSSIBLE
    ):
        raw = _whole_number(text, match.start, match.end).strip()
        if count_digits(raw) >= 7 and not _DATE_SHAPE.fullmatch(raw):
            return raw, False
    return None


# Dates and year ranges that number matchers take for phone numbers ("2022-04-12", "2010-2019").
_DATE_SHAPE = re.compile(
    r"\(?\d{4}\s*[-–/.]\s*\d{1,4}(?:\s*[-–/.]\s*\d{1,2})?\)?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
)


def _whole_number(text: str, start: int, end: int) -> str:
    """The phone-shaped run around a match ("0808 1570204", not just "1570204")."""
    for shape in _PHONE_SHAPE.finditer(text):
        if shape.start() <= start and end <= shape.end():
            return _OPEN_TAIL.sub("", shape.group(0))
    return text[start:end]


_OPEN_TAIL = re.compile(r"\s+\(\d{0,3}$")  # "+44115 4960272 (4": an icon read as "(4"


# --- summary -----------------------------------------------------------------------------------


def find_summary(sections: Sequence[Section]) -> Scored | None:
    for section in sections:
        if section.kind == "summary" and section.lines:
            text = join_paragraph(ln.text for ln in section.lines)
            return Scored(
                text, 0.85 * section.confidence + 0.1, section.lines, ("summary_section",)
            )
    for section in sections:
        if section.kind == "header":
            prose = [
                ln
                for ln in section.lines
                if looks_like_sentence(ln.text) and not is_contact_text(ln.text)
            ]
            if prose:
                start = prose[0].index
                block = [ln for ln in section.lines if start <= ln.index <= prose[-1].index]
                return Scored(
                    join_paragraph(ln.text for ln in block), 0.6, tuple(block), ("header_prose",)
                )
    return None


def _confidence(scored: Scored) -> float:
    return scored.confidence
