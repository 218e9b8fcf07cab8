"""The list-like sections: skills, languages, certificates, projects, awards, publications,
interests, references.

Skills — primary rule: `Category: a, b, c` lines and category lines set apart (bold, or
larger) followed by keyword lines give named groups; other lines are split into keywords, and a
line after one ending in a separator ("Pydantic -") goes on with the same list. Keywords keep
the resume's own spelling; their taxonomy entries (canonical name, category) go to
`skill_sources`.
Languages — a recognised language name, with the fluency found beside it or on the next line.
The dated lists reuse the entry splitter: the first header segment is the item's name.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from resumate.parsing import lexicon, skills
from resumate.parsing.fields.common import FieldSink, Scored, clean, is_bullet, strip_bullet
from resumate.parsing.fields.entries import body_text, split_entries
from resumate.parsing.fields.grid import read_grid_columns
from resumate.parsing.fields.headers import EM_DASH, Segment, split_header
from resumate.parsing.lines import Line
from resumate.schema import (
    Award,
    Certificate,
    FieldMeta,
    Interest,
    Language,
    Project,
    Publication,
    Reference,
    Skill,
    SkillSource,
)

_LEVEL = re.compile(r"\(([A-Za-z ]{3,20})\)\s*$")
_MAX_KEYWORD_WORDS = 6
WRAPPED_GAP_SHARE = 0.75
ItemT = TypeVar("ItemT", Award, Publication)
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
            groups.append((name, level, _keywords(rest), [line]))
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
            groups.append((name, level, _keywords(line.cells[1].text), [line]))
            continue
        items = [k for cell in line.cells for k in _keywords(strip_bullet(cell.text))]
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


def _keywords(text: str) -> list[str]:
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


def extract_certificates(
    lines: Sequence[Line], *, today: dt.date
) -> tuple[list[Certificate], dict[str, FieldMeta]]:
    sink = FieldSink()
    items: list[Certificate] = []
    for block in _item_blocks(lines, today):
        name, extra = block
        path = f"certificates[{len(items)}]"
        cert = Certificate(name=sink.put(f"{path}.name", name))
        cert.issuer = extra.get("second")
        date = extra.get("date")
        if date and len(date) == len("YYYY-MM-DD"):  # the schema wants a full date here
            cert.date = date
        elif date:  # keep a year or month as written, beside the document
            sink.metas[f"{path}.date"] = Scored(
                date, 0.6, name.lines, ("partial_date", f"date={date}")
            ).meta()
        cert.url = extra.get("url")
        items.append(cert)
    return items, sink.metas


def extract_awards(
    lines: Sequence[Line], *, today: dt.date
) -> tuple[list[Award], dict[str, FieldMeta]]:
    fields = {"awarder": "second", "date": "date", "summary": "summary"}
    return _dated_items(lines, today, "awards", Award, "title", fields)


def extract_publications(
    lines: Sequence[Line], *, today: dt.date
) -> tuple[list[Publication], dict[str, FieldMeta]]:
    fields = {"publisher": "second", "releaseDate": "date", "url": "url", "summary": "summary"}
    return _dated_items(lines, today, "publications", Publication, "name", fields)


def _dated_items(
    lines: Sequence[Line],
    today: dt.date,
    section: str,
    model: type[ItemT],
    name_field: str,
    fields: dict[str, str],
) -> tuple[list[ItemT], dict[str, FieldMeta]]:
    """One item per entry block: its first header segment names it, `fields` maps the item's
    other JSON Resume fields to what the block offers (second segment, date, url, summary)."""
    sink = FieldSink()
    items: list[ItemT] = []
    for name, extra in _item_blocks(lines, today):
        title = sink.put(f"{section}[{len(items)}].{name_field}", name)
        values = {field: extra.get(key) for field, key in fields.items()}
        items.append(model(**{name_field: title}, **values))
    return items, sink.metas


def extract_projects(
    lines: Sequence[Line], *, today: dt.date
) -> tuple[list[Project], dict[str, FieldMeta]]:
    sink = FieldSink()
    items: list[Project] = []
    for block in split_entries(lines, today=today):
        if not block.segments:
            continue
        first, roles = _project_name(block.segments)
        path = f"projects[{len(items)}]"
        summary, highlights = body_text(block.body)
        project = Project(
            name=sink.put(
                f"{path}.name", Scored(first.text, 0.7, (first.line,), ("first_segment",))
            ),
            description=summary,
            highlights=highlights,
            url=block.urls[0] if block.urls else None,
            roles=roles,
        )
        if block.dates and block.dates.start:
            project.startDate = block.dates.start.iso()
        if block.dates and block.dates.end:
            project.endDate = block.dates.end.iso()
        items.append(project)
    return items, sink.metas


def _project_name(segments: Sequence[Segment]) -> tuple[Segment, list[str]]:
    """The first segment, or, when that is a job title ("Full Stack Engineer | 2024" over
    "Fairpay"), the next one that is not, with the title as the project's role."""
    first = segments[0]
    words = first.text.split()
    if not _ends_as_a_title(words) or lexicon.looks_like_job_title(first.text) < 0.5:
        return first, []
    for segment in segments[1:]:
        if lexicon.looks_like_job_title(segment.text) < 0.5:
            return segment, [first.text]
    return first, []


def _ends_as_a_title(words: list[str]) -> bool:
    """Capitalised and ending on a title's head word ("Full Stack Engineer"), unlike a name
    that only starts with one ("Artist Bundle", "Trainer dashboard")."""
    long_words = [w for w in words if len(w) >= 4]
    return (
        bool(words)
        and all(w[:1].isupper() for w in long_words)
        and lexicon.looks_like_job_title(words[-1]) >= 0.5
    )


def extract_interests(lines: Sequence[Line]) -> list[Interest]:
    interests: list[Interest] = []
    for line in lines:
        category, rest = skills.split_category(strip_bullet(line.text))
        if category and rest:
            interests.append(Interest(name=category, keywords=_keywords(rest)))
            continue
        for cell in line.cells:
            interests.extend(Interest(name=k) for k in _keywords(strip_bullet(cell.text)))
    return interests


def extract_references(lines: Sequence[Line]) -> list[Reference]:
    refs: list[Reference] = []
    for line in lines:
        text = strip_bullet(line.text)
        if re.search(r"(?i)available (up)?on request", text):
            continue
        if refs and not is_bullet(line.text) and len(text.split()) > 6:
            refs[-1].reference = f"{refs[-1].reference or ''} {text}".strip()
        elif len(text.split()) <= 6:
            refs.append(Reference(name=clean(text)))
    return refs


_ITEM_SEPARATOR = re.compile(r"\s[—–|·•-]\s")  # "Name — Issuer", spaced


ONE_SIZE_RATIO = 1.1  # sizes read off a scan's ink vary by a few percent within one style


def _one_per_line(lines: Sequence[Line]) -> bool:
    """Every line names one item and what goes with it ("AWS Certified ... — Amazon Web
    Services", "Salesforce Certified Administrator — Salesforce"), in one style: each line is
    an item, dated or not, not the header of the next dated one."""
    return (
        len(lines) > 1
        and len({line.is_bold for line in lines}) == 1
        and max(sizes := [line.font_size for line in lines]) <= ONE_SIZE_RATIO * min(sizes)
        and all(
            _ITEM_SEPARATOR.search(strip_bullet(line.text.strip())) and len(line.cells) <= 2
            for line in lines
        )
    )


def _item_blocks(lines: Sequence[Line], today: dt.date) -> list[tuple[Scored, dict[str, str]]]:
    out = []
    blocks = split_entries(lines, today=today)
    if len(blocks) < len(lines) and _one_per_line(lines):
        blocks = [block for line in lines for block in split_entries([line], today=today)]
    for block in blocks:
        segments = list(block.segments)
        if any(EM_DASH in line.text for line in block.header):  # split there only
            segments, _prose = split_header(block.header, today=today, em_dash_first=True)
        if not segments:
            continue
        first = segments[0]
        extra: dict[str, str] = {}
        if len(segments) > 1:
            extra["second"] = segments[1].text
        if block.dates:
            date = block.dates.end or block.dates.start
            if date:
                extra["date"] = date.iso()
        if block.urls:
            extra["url"] = block.urls[0]
        summary, highlights = body_text(block.body)
        if summary or highlights:
            extra["summary"] = " ".join([summary or "", *highlights]).strip()
        out.append((Scored(first.text, 0.7, (first.line,), ("first_segment",)), extra))
    return out
