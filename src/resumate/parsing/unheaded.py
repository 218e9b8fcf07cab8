"""Skill lists whose heading is missing (not printed, or lost by OCR).

Primary rule: in a resume without a skills section, a run of at least `MIN_LIST_LINES`
consecutive "Label: a, b, c" lines at the end of another section, whose listed items are
mostly skills the taxonomy knows ("Backend: Kotlin, Java, Spring"), is a skills section of its
own. Fallback: the sections as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from resumate.parsing import skills
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
            out.append(Section(section.kind, section.heading, section.lines[:start],
                               section.confidence))
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
