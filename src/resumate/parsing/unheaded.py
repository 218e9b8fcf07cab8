"""Skill lists the section splitter did not file under skills.

1. A heading that is missing (not printed, or lost by OCR): in a resume without a skills
   section, a run of at least `MIN_LIST_LINES` consecutive "Label: a, b, c" lines at the end of
   another section, whose listed items are mostly skills the taxonomy knows ("Backend: Kotlin,
   Java, Spring"), is a skills section of its own.
2. A "Languages" group of programming languages ("Skills" / "Languages" / "- Python"), read as
   a languages section: when its items are mostly known skills and none is a spoken language,
   it is a skills section whose group is named by the heading.
3. A resume without a single heading (`sections_without_headings`): after the contact lines,
   the dated entries are education when their header names a degree or a school and work
   otherwise; the lists that end the resume are skills (mostly known skills) or languages
   (only spoken languages).

Fallback: the sections as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from resumate.parsing import degrees, lexicon, skills
from resumate.parsing.fields.common import is_contact_text, strip_bullet
from resumate.parsing.fields.entries import EntryBlock, entry_dates, is_title_like, split_entries
from resumate.parsing.lines import Line
from resumate.parsing.sections import Section

MIN_LIST_LINES = 3
MIN_KNOWN_SHARE = 0.5
UNHEADED_CONFIDENCE = 0.6


def split_off_skill_lists(sections: Sequence[Section]) -> list[Section]:
    if any(section.kind == "skills" for section in sections):
        return list(sections)
    out: list[Section] = []
    for section in sections:
        start = _trailing_list_start(section.lines)
        if section.kind == "header" or start is None:
            out.append(section)
            continue
        if start:
            out.append(
                Section(section.kind, section.heading, section.lines[:start], section.confidence)
            )
        out.append(Section("skills", None, section.lines[start:], UNHEADED_CONFIDENCE))
    return out


def _trailing_list_start(lines: Sequence[Line]) -> int | None:
    """Where the run of labelled skill lists that ends `lines` starts, if it is one."""
    start = len(lines)
    while start > 0 and _labelled_list(lines[start - 1].text) is not None:
        start -= 1
    run = [item for line in lines[start:] for item in _labelled_list(line.text) or []]
    if len(lines) - start < MIN_LIST_LINES:
        return None
    known = sum(skills.normalize_skill(item) is not None for item in run)
    return start if known >= MIN_KNOWN_SHARE * len(run) else None


def _labelled_list(text: str) -> list[str] | None:
    label, rest = skills.split_category(text)
    if label is None:
        return None
    items = skills.split_skill_list(rest)
    return items if len(items) >= 2 else None


def programming_languages_as_skills(sections: Sequence[Section]) -> list[Section]:
    out: list[Section] = []
    for section in sections:
        if section.kind == "languages" and _lists_only_skills(section.lines):
            lines = section.lines if section.heading is None else (section.heading, *section.lines)
            section = replace(section, kind="skills", lines=lines)
        out.append(section)
    return out


def _lists_only_skills(lines: Sequence[Line]) -> bool:
    items = [item for line in lines for item in skills.split_skill_list(strip_bullet(line.text))]
    return len(items) >= MIN_LIST_LINES and _names_skills(items)


def _names_skills(items: list[str]) -> bool:
    spoken = sum(lexicon.match_language(item) is not None for item in items)
    known = sum(skills.normalize_skill(item) is not None for item in items)
    return spoken == 0 and known >= MIN_KNOWN_SHARE * len(items)


MAX_TITLE_LINES_ABOVE_DATES = 2


def sections_without_headings(sections: Sequence[Section], *, today: dt.date) -> list[Section]:
    """Sections for a resume whose lines all fell in the header (see the module docstring)."""
    if len(sections) != 1 or sections[0].kind != "header":
        return list(sections)
    lines = sections[0].lines
    first = next((i for i, ln in enumerate(lines) if i and entry_dates(ln, today=today)), None)
    if first is None:
        return list(sections)
    start = first
    while (
        start > 1
        and first - start < MAX_TITLE_LINES_ABOVE_DATES
        and is_title_like(lines[start - 1])
        and not is_contact_text(lines[start - 1].text)
    ):
        start -= 1
    end = len(lines)
    tail: list[Section] = []
    while end > start + 1 and (kind := _list_kind(lines[end - 1].text)) is not None:
        tail.insert(0, Section(kind, None, (lines[end - 1],), UNHEADED_CONFIDENCE))
        end -= 1
    out = [Section("header", None, lines[:start], sections[0].confidence)]
    for block in split_entries(lines[start:end], today=today, header_parts=3):
        kind = "education" if _names_a_school(block) else "work"
        if out[-1].kind == kind and out[-1].heading is None and len(out) > 1:
            out[-1] = replace(out[-1], lines=(*out[-1].lines, *block.lines))
        else:
            out.append(Section(kind, None, block.lines, UNHEADED_CONFIDENCE))
    return out + tail


def _names_a_school(block: EntryBlock) -> bool:
    return any(
        degrees.match_degree(segment.text) or lexicon.looks_like_institution(segment.text) >= 0.5
        for segment in block.segments
    )


def _list_kind(text: str) -> str | None:
    """"skills" for a list of mostly known skills, "languages" for one of spoken languages."""
    items = skills.split_skill_list(strip_bullet(text))
    if len(items) < 2:
        return None
    if all(lexicon.match_language(item) is not None for item in items):
        return "languages"
    return "skills" if _names_skills(items) else None
