"""The skills section: named groups of keywords.

Primary rule: `Category: a, b, c` lines and category lines set apart (bold, or larger) followed
by keyword lines give named groups; other lines are split into keywords, and a line after one
ending in a separator ("Pydantic -") goes on with the same list. Keywords keep the resume's own
spelling; their taxonomy entries (canonical name, category) go to `skill_sources`.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import replace

from resumate.parsing import lexicon, skills
from resumate.parsing.fields.common import FieldSink, Scored, clean, is_bullet, strip_bullet
from resumate.parsing.fields.grid import read_grid_columns
from resumate.parsing.lines import Line
from resumate.schema import FieldMeta, Skill, SkillSource

_LEVEL = re.compile(r"\(([A-Za-z ]{3,20})\)\s*$")
_MAX_KEYWORD_WORDS = 6
WRAPPED_GAP_SHARE = 0.75
_LEVEL_ONLY = re.compile(
    r"^(excellent|proficient|advanced|intermediate|beginner|expert|master|familiar|basic|novice|"
    r"good|strong|competent|working knowledge|fortgeschritten|grundkenntnisse|avancé|débutant|"
    r"avanzado|intermedio|básico|avançado|intermediário|\d+\+? years?)$",
    re.IGNORECASE,
)


def extract_skills(
    lines: Sequence[Line],
) -> tuple[list[Skill], list[SkillSource], dict[str, FieldMeta]]:
    groups: list[tuple[str | None, str | None, list[str], list[Line]]] = []
    lines = _join_wrapped_lists(read_grid_columns(lines))
    for i, line in enumerate(lines):
        text = strip_bullet(line.text)
        category, rest = skills.split_category(text)
        if category and ":" not in text and i and _LIST_GOES_ON.search(lines[i - 1].text):
            category = None  # "Pydantic -" / "Edge Deployment - State Machines": the list goes on
        if category and rest and _LEVEL_ONLY.match(rest):  # "Java — Expert": a skill's level
            groups.append((category, rest, [], [line]))
            continue
        if category and rest:
            name, level = _name_and_level(category)
            groups.append((name, level, keywords_of(rest), [line]))
            continue
        if _LEVEL_ONLY.match(text) and groups and groups[-1][0] and not groups[-1][2]:
            group_name, _, keywords, group_lines = groups[-1]
            groups[-1] = (group_name, clean(text), keywords, group_lines)  # "Excellent" below
            continue
        if _is_category_line(lines, i):
            name, level = _name_and_level(clean(text))
            groups.append((name, level, [], [line]))
            continue
        if len(line.cells) > 1 and _heads_the_next(lines, i):
            groups.append((clean(line.cells[0].text), None, [], [line]))  # a row of group names
            continue
        if (label := _row_label(line)) is not None:
            name, level = _name_and_level(label)
            groups.append((name, level, keywords_of(line.cells[1].text), [line]))
            continue
        items = [k for cell in line.cells for k in keywords_of(strip_bullet(cell.text))]
        if not groups:
            groups.append((None, None, [], []))
        groups[-1][2].extend(items)
        groups[-1][3].append(line)
    return _skill_models(groups)


_LIST_GOES_ON = re.compile(r"(?:[,;·•]|\s[–—-])\s*$")  # a line ending in a list separator


def _join_wrapped_lists(lines: Sequence[Line]) -> list[Line]:
    """In a section of "Label: a, b, c" lines, a line without a label under one that does not
    end with a comma, set closer to it than the groups are to each other, is its wrapped tail
    ("..., Requirements Analysis, Software" / "Design")."""
    labelled = [skills.split_category(strip_bullet(line.text))[0] is not None for line in lines]
    if sum(labelled) * 2 <= len(lines):
        return list(lines)
    group_gap = statistics.median(
        line.gap_above for line, has_label in zip(lines, labelled, strict=True) if has_label
    )
    out: list[Line] = []
    for line, has_label in zip(lines, labelled, strict=True):
        previous = out[-1] if out else None
        if (
            previous is not None
            and not has_label
            and line.gap_above < WRAPPED_GAP_SHARE * group_gap  # tighter than between groups
            and not is_bullet(line.text)
            and not previous.text.rstrip().endswith((",", ";"))
            and skills.split_category(strip_bullet(previous.text))[0] is not None
        ):
            last = previous.cells[-1]
            tail = replace(last, text=f"{last.text} {line.text.strip()}", y1=line.y1)
            out[-1] = replace(previous, cells=(*previous.cells[:-1], tail))
            continue
        out.append(line)
    return out


MAX_ROW_LABEL_WORDS = 3


def _row_label(line: Line) -> str | None:
    """The label of a table row: a short first cell before a list ("Technical" | "Go, Python,
    Django"), as "Technical: Go, Python, Django" would be written in running text."""
    if len(line.cells) != 2 or is_bullet(line.text):
        return None
    label, rest = clean(line.cells[0].text), line.cells[1].text
    if (
        not label
        or len(label.split()) > MAX_ROW_LABEL_WORDS
        or any(ch in label for ch in ",;")
        or any(ch.isdigit() for ch in label)
        or len(re.split(r"[,;]", re.sub(r"\([^)]*\)?", "", rest))) < 2  # commas in brackets
        or skills.normalize_skill(label) is not None  # a skill beside more ("Go" | "Rust, C")
    ):
        return None
    return label


GROUP_NAME_MIN_SIZE_RATIO = 1.1


def _heads_the_next(lines: Sequence[Line], i: int) -> bool:
    """Every cell of the line is set apart from the next line: bold over plain, or larger."""
    if i + 1 >= len(lines):
        return False
    cells, nxt = lines[i].cells, lines[i + 1]
    if all(cell.bold for cell in cells) and not nxt.is_bold:
        return True
    return min(cell.font_size for cell in cells) >= GROUP_NAME_MIN_SIZE_RATIO * nxt.font_size


def _is_category_line(lines: Sequence[Line], i: int) -> bool:
    line = lines[i]
    text = line.text.strip()
    if text.endswith(":") and len(text.split()) <= 5:
        return True
    if i + 1 >= len(lines) or len(line.cells) > 1 or "," in text or len(text.split()) > 5:
        return False
    nxt = lines[i + 1]
    if line.is_bold and not nxt.is_bold:
        return True
    if is_bullet(nxt.text) and not is_bullet(text):  # "Backend" over "- Kotlin", "- Java"
        return True
    if line.font_size > nxt.font_size + 0.5:
        return True
    return bool(_LEVEL_ONLY.match(nxt.text.strip())) and not _LEVEL_ONLY.match(text)


def _name_and_level(text: str) -> tuple[str, str | None]:
    match = _LEVEL.search(text)
    if match and lexicon.match_language(text) is None:
        return clean(text[: match.start()]), match.group(1).strip()
    return clean(text), None


def keywords_of(text: str) -> list[str]:
    """The keywords of a list ("Python, Go / Rust"), each cleaned and at most a few words."""
    return [
        k
        for k in (clean(p) for p in skills.split_skill_list(text))
        if k and len(k.split()) <= _MAX_KEYWORD_WORDS
    ]


def _skill_models(
    groups: list[tuple[str | None, str | None, list[str], list[Line]]],
) -> tuple[list[Skill], list[SkillSource], dict[str, FieldMeta]]:
    models: list[Skill] = []
    sources: list[SkillSource] = []
    sink = FieldSink()
    for name, level, raw_keywords, lines in groups:
        if not name and not raw_keywords:
            continue
        keywords: list[str] = []
        for raw in raw_keywords:
            match = skills.normalize_skill(raw)
            if raw not in keywords:  # the resume's own spelling; the canonical one goes to meta
                keywords.append(raw)
            if match:
                sources.append(
                    SkillSource(raw=raw, canonical=match.canonical, category=match.category)
                )
        path = f"skills[{len(models)}]"
        known = sum(1 for k in raw_keywords if skills.normalize_skill(k)) / max(
            1, len(raw_keywords)
        )
        if name:
            sink.put(f"{path}.name", Scored(name, 0.8, tuple(lines[:1]), ("skills_section",)))
        if keywords:
            sink.put(
                f"{path}.keywords",
                Scored(
                    ", ".join(keywords),
                    0.6 + 0.35 * known,
                    tuple(lines),
                    ("skills_section", "taxonomy_share"),
                ),
            )
        models.append(Skill(name=name, level=level, keywords=keywords))
    return models, sources, sink.metas
