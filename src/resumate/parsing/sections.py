"""Lines -> sections: find the headings and what each one covers.

Primary rule: a heading is a short line (or the first cell of a label-column row) whose
normalized text is a known section title in English, German, French, Spanish or Portuguese,
scored with its style (bold, larger than the body, capitals, a colon, space above).
Fallback: a short line with no digits that has exactly the style of the known headings found
in the same document starts an `other` section, so that an unknown section (e.g. "Hobbies &
Sports") does not get absorbed by the one before it. Lines before the first heading form the
`header` section (name, contact details, often a summary).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from resumate.document import TextItem
from resumate.parsing import degrees, lexicon
from resumate.parsing.chars import has_digit, is_all_caps
from resumate.parsing.dates import ANY_DAY, find_date_ranges
from resumate.parsing.fields.common import is_bullet, is_contact_text
from resumate.parsing.headings import SectionKind, match_section_title
from resumate.parsing.lines import (
    ALIGNED_PT,
    WRAP_GAP_EM,
    Line,
    body_font_size,
    fills_its_room,
)

HEADING_THRESHOLD = 3.0
STRICT_BASE_SCORE = 3.0  # a line that is exactly a known title is a heading even unstyled
LOOSE_BASE_SCORE = 2.0  # a line that merely ends in a title word needs some heading style


def _is_group_name(text: str) -> bool:
    return len(text.split()) <= 3 and not any(ch.isdigit() for ch in text)


def _is_label_inside(current: SectionKind, inline: SectionKind, tail: str) -> bool:
    """An inline "Label: a, b" that belongs to the section it stands in: a label inside a job
    or degree, or a skills group such as "Languages: Python, Go" (but "Languages: English,
    German" under Skills does start the languages)."""
    if current in _ENTRY_KINDS or current in ("interests", "languages", "certificates"):
        return True
    if current == "skills":
        first = re.split(r"[,;·•|(]", tail, maxsplit=1)[0]
        return not (inline == "languages" and lexicon.match_language(first.strip()))
    return False


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    heading: Line | None
    lines: tuple[Line, ...]
    confidence: float

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else ""


def split_sections(lines: Sequence[Line]) -> list[Section]:
    """Group lines under their headings, in reading order."""
    body_size = body_font_size(lines)
    marks = [
        None if n and _wraps_into(lines[n - 1], line) else _heading_mark(line, body_size)
        for n, line in enumerate(lines)
    ]
    marks = _drop_off_style_headings(lines, marks)
    marks = _drop_subheadings(lines, marks)
    marks = _drop_loose_duplicates(lines, marks)
    marks = _add_style_matched_headings(lines, marks, body_size)
    starts, ignored = _label_block_starts(lines, marks)
    sections: list[Section] = []
    kind: SectionKind = "header"
    heading: Line | None = None
    confidence, body = 1.0, list[Line]()
    # A main column flows on from page to page while the sidebar read before it belongs to its
    # own page: the first line of a column on a new page resumes the section that column was in
    # (on a page without columns after one that ended in them: the main column's section).
    column_sections: dict[int, tuple[SectionKind, Line | None, float]] = {}
    column_chars: Counter[int] = Counter()
    columns_seen: set[tuple[int, int]] = set()
    for index, (line, mark) in enumerate(zip(lines, marks, strict=True)):
        if (line.page, line.column) not in columns_seen:
            columns_seen.add((line.page, line.column))
            resumed = _resumed_section(lines, index, column_sections, column_chars)
            unmarked = mark is None and index not in starts
            if unmarked and resumed is None and _opens_with_contact(lines, index):
                resumed = ("contact", None, CONTACT_COLUMN_CONFIDENCE)
            if unmarked and resumed and resumed[0] != kind:
                sections.append(Section(kind, heading, tuple(body), confidence))
                kind, heading, confidence = resumed
                body = []
        if line.column:
            column_sections[line.column] = (kind, heading, confidence)
            column_chars[line.column] += len(line.text)
        if index in starts:  # a label placed lower down in its block heads it from here
            label_mark = marks[starts[index]]
            assert label_mark is not None
            new_kind, score, _rest = label_mark
            if body or heading is not None or kind != "header":
                sections.append(Section(kind, heading, tuple(body), confidence))
            kind, heading, confidence = new_kind, lines[starts[index]], _confidence(score)
            body = []
        if mark is None or index in starts.values() or index in ignored:
            content = line if mark is None else mark[2]  # a label alone on its line has none
            if content is not None:
                body.append(content)
            continue
        new_kind, score, rest = mark
        inline = rest is not None and len(rest.cells) == len(line.cells)  # "Skills: a, b"
        # A "Languages" cell in a row of skill group names ("Languages ¦ ML ¦ Cloud") names
        # programming languages.
        group = (
            not inline and kind == "skills" and new_kind == "languages" and rest is not None
            and all(_is_group_name(cell.text) for cell in rest.cells)
        )
        if (inline or group) and rest is not None and _is_label_inside(kind, new_kind, rest.text):
            body.append(line)
            continue
        if body or heading is not None or kind != "header":
            sections.append(Section(kind, heading, tuple(body), confidence))
        kind, heading, confidence = new_kind, line, _confidence(score)
        body = [rest] if rest is not None else []
    sections.append(Section(kind, heading, tuple(body), confidence))
    return _drop_empty_header(sections)


CONTACT_COLUMN_CONFIDENCE = 0.6


def _opens_with_contact(lines: Sequence[Line], index: int) -> bool:
    """A column read after another opens, at its top, with contact details (the e-mail address
    and place of a sidebar read after the main column): they are contact lines, not more of
    the section the other column ended in."""
    line = lines[index]
    previous = lines[index - 1] if index else None
    return (
        previous is not None
        and previous.page == line.page
        and line.y0 < previous.y0
        and is_contact_text(line.text)
    )


def _resumed_section(
    lines: Sequence[Line],
    index: int,
    column_sections: dict[int, tuple[SectionKind, Line | None, float]],
    column_chars: Counter[int],
) -> tuple[SectionKind, Line | None, float] | None:
    line = lines[index]
    if line.column:
        return column_sections.get(line.column)
    previous = lines[index - 1] if index else None
    if previous is None or previous.page == line.page or not previous.column or not column_chars:
        return None
    main = max(column_chars, key=lambda column: column_chars[column])
    return column_sections.get(main)


Mark = tuple[SectionKind, float, Line | None]
SAME_SIZE_PT = 0.5
BLOCK_GAP_EM = 1.2  # a wider gap above a line starts a new block of content
LABEL_OVERLAP_PT = 0.5  # a label on its own line this close under content sits beside it
LABEL_WRAP_GAP_EM = 0.2  # two labels closer than this are one label wrapped onto two lines


def _label_block_starts(
    lines: Sequence[Line], marks: Sequence[Mark | None]
) -> tuple[dict[int, int], set[int]]:
    """({block start: label line}, labels to ignore) for labels in a label column that sit
    below the first line of the block they name (themes centre the label on its block).

    Primary rule: from a line that starts with a heading cell left of its content (or holds
    only the label, overlapping the content line above it), walk back
    over the content column's lines while they follow each other closely (no block gap), stop
    at another heading. A second label right under a label that heads the same block names no
    block of its own (an empty section) and is ignored, and so is a label whose walk ends in
    lines set tightly under a label beside its content (that label's block). Fallback: the
    label heads its own line, as written.
    """
    starts: dict[int, int] = {}
    ignored: set[int] = set()
    for i, mark in enumerate(marks):
        if mark is None:
            continue
        rest, label = mark[2], lines[i].cells[0]
        if rest is None and (len(lines[i].cells) > 1 or lines[i].gap_above > LABEL_OVERLAP_PT):
            continue  # a heading alone on its line counts only when it overlaps the row above
        if rest is not None and (len(rest.cells) == len(lines[i].cells) or label.x1 >= rest.x0):
            continue  # an inline heading ("Skills: Python"), not a label beside its block
        j = i
        while (
            j > 0
            and lines[j].gap_above < BLOCK_GAP_EM * lines[j].font_size
            and marks[j - 1] is None
            and lines[j - 1].page == lines[i].page
            and lines[j - 1].x0 > label.x1
        ):
            j -= 1
        if j < i and _continues_a_labelled_block(lines, marks, j, i):
            ignored.add(i)  # drawn over the block another label heads: a section left empty
        elif j < i and j not in starts:
            starts[j] = i
        elif (
            j == i
            and i > 0
            and (i - 1 in starts.values() or _is_label_line(lines[i - 1], marks[i - 1], label))
            and lines[i].gap_above < BLOCK_GAP_EM * lines[i].font_size
        ):
            ignored.add(i)
    return starts, ignored


def _continues_a_labelled_block(
    lines: Sequence[Line], marks: Sequence[Mark | None], j: int, i: int
) -> bool:
    """Lines `j` to `i` go on, as one tight paragraph, from a line that starts with a label
    beside its content."""
    above = marks[j - 1] if j > 0 else None
    return (
        above is not None
        and above[2] is not None
        and all(ln.gap_above < LABEL_WRAP_GAP_EM * ln.font_size for ln in lines[j : i + 1])
    )


def _is_label_line(line: Line, mark: Mark | None, label: TextItem) -> bool:
    """`line` starts with a label that wraps onto `label` (same x, set as tightly as the lines
    of one paragraph: "Professional Skills" / "Summary"); labels of separate rows ("Skills",
    "Languages" in a table) are further apart."""
    rest = mark[2] if mark is not None else None
    above = line.cells[0]
    return (
        rest is not None
        and len(rest.cells) < len(line.cells)
        and abs(above.x0 - label.x0) < 2.0
        and label.y0 - above.y1 < LABEL_WRAP_GAP_EM * label.font_size
    )


_ENTRY_KINDS = frozenset({"work", "education", "projects", "volunteer"})


def _wraps_into(above: Line, line: Line) -> bool:
    """`line` is a table row's cells wrapped tightly under the row above: two or more cells,
    plain as the row, the first right under a cell of it that ran out of room and is no
    heading ("Vice President - User | 2015 - 2016 | Hire a 10-person User" / "Experience |
    Experience team"), not the next row of a table of labels ("EDV" / "Sprachen")."""
    first = line.cells[0]
    return (
        len(line.cells) > 1
        and line.page == above.page
        and line.gap_above < WRAP_GAP_EM * line.font_size
        and first.bold == above.cells[0].bold
        and any(
            abs(cell.x0 - first.x0) <= ALIGNED_PT
            and fills_its_room(cell, above)
            and match_section_title(cell.text, strict=True) is None
            for cell in above.cells
        )
    )


def _heading_mark(line: Line, body_size: float) -> Mark | None:
    """(kind, score, rest-of-line) when the line is, or starts with, a section heading."""
    text = line.text.strip()
    if is_bullet(text):  # "• Formation" is an item in a list, not a heading
        return None
    if text[:1].islower() and line.gap_above < 0.5 * line.font_size:
        return None  # "technologies" closing a wrapped sentence, not a "Technologies" heading
    head, colon, tail = text.partition(":")
    kind = match_section_title(head, strict=True) if colon and tail.strip() else None
    styled = line.cells[0].bold or head.isupper() or line.gap_above > 0.5 * line.font_size
    if kind is not None and kind != "contact" and styled:
        return kind, 2.5, _tail_line(line, tail.strip())
    first = line.cells[0].text.strip()
    if len(line.cells) > 1 and (kind := match_section_title(first, strict=True)):
        return kind, 3.0, replace(line, cells=line.cells[1:])
    if kind := match_section_title(text, strict=True):
        return kind, STRICT_BASE_SCORE + _style_score(line, text, body_size), None
    if kind := match_section_title(text):
        score = LOOSE_BASE_SCORE + _style_score(line, text, body_size)
        return (kind, score, None) if score >= HEADING_THRESHOLD else None
    return None


def _tail_line(line: Line, tail: str) -> Line:
    first = line.cells[0]
    cell = type(first)(
        tail,
        first.x0,
        first.y0,
        first.x1,
        first.y1,
        first.page,
        first.font_size,
        first.bold,
        first.italic,
    )
    return replace(line, cells=(cell, *line.cells[1:]))


def _style_score(line: Line, text: str, body_size: float) -> float:
    score = 0.0
    if line.is_bold:
        score += 1.0
    if line.font_size >= body_size + 0.8:
        score += 1.0
    if is_all_caps(text):
        score += 1.0
    if text.endswith(":"):
        score += 0.5
    if line.gap_above > 0.6 * line.font_size:
        score += 0.5
    if len(text.split()) <= 2:
        score += 0.5
    return score


def _drop_off_style_headings(lines: Sequence[Line], marks: list[Mark | None]) -> list[Mark | None]:
    """Loosely matched headings must be as large as the document's exactly matched ones, and so
    must an exact one when those share one size or are bold or in capitals where it is plain
    ("Certification" as an entry's degree line); an exact one written in lower case
    ("formation" in a list of tags) must also be as large, or share the lower case with most of
    them."""
    strict = [
        line
        for line, mark in zip(lines, marks, strict=True)
        if mark and match_section_title(line.cells[0].text if mark[2] else line.text, strict=True)
    ]
    if len(strict) < 2:
        return marks
    sizes = sorted(line.cells[0].font_size for line in strict)
    floor = 0.9 * sizes[len(sizes) // 2]
    lower_case_is_off = 2 * sum(line.text.islower() for line in strict) < len(strict)
    emphasis_is_the_style = 2 * sum(map(_is_emphasised, strict)) > len(strict)
    typical = sizes[len(sizes) // 2]
    # headings set in one size (not sizes estimated by OCR), but for the odd one out
    one_size = sum(abs(size - typical) <= SAME_SIZE_PT for size in sizes) >= len(sizes) - 1 >= 3

    def is_off_style(line: Line) -> bool:
        if line.text.islower():
            return line.font_size < floor or lower_case_is_off
        if line.font_size >= floor:
            return False
        if not match_section_title(line.text, strict=True):
            return True
        # an exact title smaller than headings that share one size, or plain where they are
        # bold or in capitals
        return one_size or (emphasis_is_the_style and not _is_emphasised(line))

    return [
        None if mark and mark[2] is None and is_off_style(line) else mark
        for line, mark in zip(lines, marks, strict=True)
    ]


def _drop_subheadings(lines: Sequence[Line], marks: list[Mark | None]) -> list[Mark | None]:
    """A title of another kind set clearly smaller right under a heading alone on its line,
    alone too, in a row of group names or in a dated entry, is that section's content: a
    group ("Skills" over "Open Source ¦ Networking"), an entry's kind ("Education" over
    "Certification ¦ Microsoft, Azure Fundamentals ¦ May 2022"); a label before undated
    content ("Skills ¦ Kubernetes, Terraform, ...") stays a label."""
    out = list(marks)
    for n in range(1, len(lines)):
        above, mark = marks[n - 1], marks[n]
        if above is None or above[2] is not None or mark is None or mark[0] == above[0]:
            continue
        rest = mark[2]
        if rest is not None and not _is_dated(rest) and not all(
            _is_group_name(c.text) for c in rest.cells
        ):
            continue
        if lines[n].cells[0].font_size < SUBHEADING_RATIO * lines[n - 1].font_size:
            out[n] = None
    return out


SUBHEADING_RATIO = 0.85


def _is_emphasised(line: Line) -> bool:
    return line.is_bold or is_all_caps(line.text)


def _drop_loose_duplicates(lines: Sequence[Line], marks: list[Mark | None]) -> list[Mark | None]:
    """A loose match ("User Experience") of a kind that also has an exact heading is content."""
    strict_kinds = {
        mark[0]
        for line, mark in zip(lines, marks, strict=True)
        if mark and match_section_title(line.cells[0].text if mark[2] else line.text, strict=True)
    }
    return [
        None
        if mark
        and mark[2] is None
        and mark[0] in strict_kinds
        and not match_section_title(line.text, strict=True)
        else mark
        for line, mark in zip(lines, marks, strict=True)
    ]


def _style_key(line: Line) -> tuple[float, bool, bool]:
    return round(line.font_size), line.is_bold, is_all_caps(line.text)


def _has_style(line: Line, style: tuple[float, bool, bool]) -> bool:
    """`_style_key(line) == style`, testing the capitals (the costly part) last."""
    size, bold, caps = style
    return round(line.font_size) == size and line.is_bold == bold and is_all_caps(line.text) == caps


def _add_style_matched_headings(
    lines: Sequence[Line], marks: list[Mark | None], body_size: float
) -> list[Mark | None]:
    """Mark as `other` the short lines styled exactly like this document's known headings.

    Headings of sections without a field of their own ("Additional Information") are counted
    with the unknown lines: they say nothing about which style the field headings share. A line
    right above a date is an entry's name set in the headings' style, not a heading."""
    titled = [
        (line, m[0])
        for line, m in zip(lines, marks, strict=True)
        if m and m[2] is None and match_section_title(line.text, strict=True)
    ]
    styles = Counter(_style_key(line) for line, kind in titled if kind != "other")
    if not styles:
        return marks
    style, count = styles.most_common(1)[0]
    distinctive = style[0] >= body_size + 1 or style[2]
    if count < 2 or not distinctive:
        return marks
    candidates = [
        i
        for i, line in enumerate(lines)
        if marks[i] is None
        and i > 0
        and _has_style(line, style)
        and _could_be_heading(line.text.strip())
        and not (i + 1 < len(lines) and _is_dated(lines[i + 1]))  # an entry's name
    ]
    others = sum(kind == "other" and _has_style(line, style) for line, kind in titled)
    if (len(candidates) + others) * 2 > count:  # the style is shared with ordinary lines
        return marks
    out = list(marks)
    for i in candidates:
        out[i] = ("other", 3.0, None)
    return out


def _is_dated(line: Line) -> bool:
    """A line that holds a date or period: under a name, it makes the name an entry's."""
    return has_digit(line.text) and bool(find_date_ranges(line.text, today=ANY_DAY))


def _could_be_heading(text: str) -> bool:
    """Short, without digits or an address, and not a degree ("MCA", "SSC" set in capitals
    like the headings of a plain-text resume)."""
    return (
        len(text.split()) <= 4
        and not has_digit(text)
        and "@" not in text
        and degrees.match_degree(text) is None
    )


def _confidence(score: float) -> float:
    return round(min(1.0, 0.5 + 0.1 * score), 3)


def _drop_empty_header(sections: list[Section]) -> list[Section]:
    """Drop empty `header` sections."""
    return [s for s in sections if s.kind != "header" or s.lines]
