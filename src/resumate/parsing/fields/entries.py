"""A dated section (work, education, volunteer, projects) -> entry blocks.

Primary rule: every line that carries a date range (or a lone date in a short title-like line)
anchors one entry. The entry's header is the anchor line plus the title-like lines right before
it (as many as the section's first entry has before its date, at most three) and, while fewer
than two header segments were found, the title-like lines right after it. Everything up to the
next entry's header is its body. Fallback for undated sections: each bold or spaced-out
title-like line that is followed by body text starts an entry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from resumate.parsing import lexicon
from resumate.parsing.chars import has_digit
from resumate.parsing.dates import ANY_DAY, DateRange, find_date_ranges
from resumate.parsing.fields.common import (
    EMAIL_RE,
    URL_RE,
    absolute_url,
    is_bullet,
    join_paragraph,
    looks_like_sentence,
    strip_bullet,
    words,
)
from resumate.parsing.fields.headers import (
    BARE_LABEL,
    JOINING_WORDS,
    SEPARATORS,
    Segment,
    header_segments,
    is_written_as_link,
    may_wrap,
    split_header,
    without_dates,
    wrapped_cells,
)
from resumate.parsing.lines import WRAP_GAP_EM, Line
from resumate.parsing.places import names_only_places, split_commas
from resumate.parsing.spacing import join_wrapped, three_spacings

MAX_HEADER_WORDS = 14
MAX_LINES_BEFORE_DATE = 3
MAX_LINES_AFTER_DATE = 2
MAX_WRAPPED_LINES = 2  # a label cell of an anchor wrapped onto this many lines at most
MAX_PLACE_LINE_CHARS = 40
SHORT_CELL_CHARS = 16
HEADER_ALIGN_PT = 15.0
INDENT_PT = 4.0
PARAGRAPH_SIZE_STEP = 1.2
SAME_EDGE_PT = 1.0
MAX_FOLLOWING_HEADER_WORDS = 8
# "Relevant courses: ...", "Stack: ...": a word, then at most two more in lower case, then a
# colon (not a name with a subtitle: "The One Ring: Tolkien Online")
_LABEL = re.compile(r"^\w+(?: [a-z]\w*){0,2}:\s")
@dataclass(frozen=True, slots=True)
class EntryBlock:
    header: tuple[Line, ...]
    body: tuple[Line, ...]
    dates: DateRange | None
    date_line: Line | None
    segments: tuple[Segment, ...]
    urls: tuple[str, ...]
    prose: tuple[str, ...] = ()

    @property
    def lines(self) -> tuple[Line, ...]:
        return (*self.header, *self.body)


def is_title_like(line: Line) -> bool:
    """Short, and no sentence; a name followed by " · " and its description ("iris Worldwide
    · iris Worldwide is a global advertising ...") is judged by the name."""
    text = line.text.strip().split(NAME_DESCRIPTION_SEPARATOR, 1)[0]
    if not text or is_bullet(text) or looks_like_sentence(text) or BARE_LABEL.match(text):
        return False  # a bare label ("Issued on:") introduces a value, it names nothing
    return len(words(text)) <= MAX_HEADER_WORDS and len(text) <= 120


NAME_DESCRIPTION_SEPARATOR = " · "
_CURRENT_WORD_RE = re.compile(r"(?i)present|current|now")


def entry_dates(line: Line, *, today: dt.date) -> DateRange | None:
    """The date range a line announces, when it reads as an entry's dates (not prose)."""
    text = line.text
    if not has_digit(text) and not _CURRENT_WORD_RE.search(text):
        return None
    lone: DateRange | None = None
    for candidate in _date_candidates(line):
        ranges = find_date_ranges(candidate, today=today)
        rest = without_dates(candidate, ranges)
        if looks_like_sentence(rest):  # judged without the dates ("janv. 2015 – août 2018")
            continue
        for found in ranges:
            if found.start is not None and (found.end is not None or found.is_current):
                return found
            rest = (candidate[: found.span[0]] + candidate[found.span[1] :]).strip()
            if lone is None and len(words(rest)) <= 8:
                lone = found
    return lone


def _date_candidates(line: Line) -> list[str]:
    """Each cell, then runs of short neighbouring cells joined ("2019" "to" "Present"), then
    each two neighbouring cells joined (OCR splits "Hamburg, Oct 2017" from "Mar 2021" where
    it lost the dash)."""
    cells = [cell.text for cell in line.cells]
    candidates = list(cells)
    run: list[str] = []
    for text in [*cells, ""]:
        if text and len(text) <= SHORT_CELL_CHARS:
            run.append(text)
            continue
        if len(run) > 1:
            candidates.append(" ".join(run))
        run = []
    candidates += [
        f"{a} {b}"
        for a, b in pairwise(cells)
        if has_digit(a) and (has_digit(b) or _CURRENT_WORD_RE.search(b))
    ]
    return candidates


def split_entries(
    lines: Sequence[Line],
    *,
    today: dt.date,
    header_parts: int = 2,
    prose_apart: bool = False,
    titled: bool = False,
    undated_first: bool = False,
) -> list[EntryBlock]:
    """`header_parts`: how many header segments an entry names (work: title and employer;
    education: institution, degree and field). `prose_apart`: description cells in the header
    are not segments (work: titles and employers are short; degrees can be long). `titled`:
    every entry names a job title (work), so a header without one reaches for the next line.
    `undated_first`: the lines before the first dated entry are entries too (a list of
    certificates where only the last names its date)."""
    if not lines:
        return []
    dates = _without_repeats(lines, [entry_dates(line, today=today) for line in lines])
    anchors = [i for i, d in enumerate(dates) if d is not None]
    if not anchors:
        return _undated_entries(lines, today=today, prose_apart=prose_apart)
    headers = _header_spans(
        lines, anchors, today=today, header_parts=header_parts, titled=titled,
        reach_back=not undated_first,
    )
    blocks = []
    if undated_first and headers[0][0] > 0:  # undated items before the first dated one
        lead = _undated_entries(lines[: headers[0][0]], today=today, prose_apart=prose_apart)
        blocks += [b for b in lead if is_title_like(b.header[0])]  # not an introduction
    for n, (start, end) in enumerate(headers):
        body_end = headers[n + 1][0] if n + 1 < len(headers) else len(lines)
        anchor = anchors[n]
        header = tuple(lines[start:end])
        body = tuple(lines[end:body_end])
        blocks.append(_block(header, body, dates[anchor], lines[anchor], today=today,
                             prose_apart=prose_apart))
    return blocks


def _without_repeats(
    lines: Sequence[Line], dates: list[DateRange | None]
) -> list[DateRange | None]:
    """A period written again on the line right below an entry's dates, with at most a label
    beside it ("January 2014 to June 2015" / "DURATION Jan-2014 to Jun-2015"; "June 2016 to
    Present" / "June 2016 - Till date"), is more of that entry, not a new one: it starts on
    the same date and ends on the same date or on one not read. Two entries with the same
    dates keep their own header text on their date lines or between them."""
    for i in range(1, len(dates)):
        found, above = dates[i], dates[i - 1]
        if found is None or above is None or not _repeats(found, above):
            continue
        rest = lines[i].text.replace(found.text, " ")
        if len(words(rest)) <= 1:
            dates[i] = None
    return dates


def _repeats(later: DateRange, earlier: DateRange) -> bool:
    if earlier.start is None:
        return False
    if later.start is None:  # a lone date: the start alone was read ("June 2016 - Recently")
        return later.end == earlier.start
    return later.start == earlier.start and (
        later.end == earlier.end and later.is_current == earlier.is_current
    )


def _header_spans(
    lines: Sequence[Line],
    anchors: list[int],
    *,
    today: dt.date,
    header_parts: int,
    titled: bool,
    reach_back: bool = True,
) -> list[tuple[int, int]]:
    """[start, end) of each entry's header lines around its anchor. `reach_back`: the first
    header takes the lines above its anchor whatever they are (else as the later ones do)."""
    first_before = min(anchors[0], MAX_LINES_BEFORE_DATE)
    spans: list[tuple[int, int]] = []
    floor = 0
    for n, anchor in enumerate(anchors):
        start = anchor
        if n == 0 and reach_back:
            start = max(0, anchor - first_before)
        else:
            while (
                start - 1 >= floor
                and (
                    anchor - start < first_before
                    or (
                        anchor - start < MAX_LINES_BEFORE_DATE
                        and _stands_out(lines[start - 1], lines[anchor])
                    )
                )
                and is_title_like(lines[start - 1])
                and not _ends_paragraph(lines, start - 1)
                and not _in_indented_block(lines, start - 1, lines[anchor])
            ):
                start -= 1
        end = anchor + 1
        ceiling = anchors[n + 1] if n + 1 < len(anchors) else len(lines)
        if end < ceiling and _wraps_onto(lines[anchor], lines[end]):
            end += 1  # "... at University of" / "Turin"
        while (
            end < ceiling
            and end - anchor <= MAX_WRAPPED_LINES
            and _wraps_in_label_cell(lines[anchor], lines[end])
        ):
            end += 1  # "Master" / "of" / "Science" in a narrow column beside the rest
        segments = _segment_count(lines[start:end], today=today)
        while (
            segments < header_parts
            and end < ceiling
            and end - anchor <= MAX_LINES_AFTER_DATE
            and _continues_header(lines[end], lines[anchor])
            and not _next_header_starts(lines, end, ceiling, first_before)
        ):
            segments += _segment_count([lines[end]], today=today)
            end += 1
        if end < ceiling and end - anchor <= MAX_LINES_AFTER_DATE and _is_place_line(lines[end]):
            end += 1  # "Osaka" under "Senior UX Researcher · Hikari Travel   Apr 2021 – Present"
        if (
            titled
            and end == anchor + 1
            and end < ceiling
            and _names_the_missing_title(lines[start:end], lines[end], lines[anchor], today=today)
        ):
            end += 1  # "Technology Analyst" under "INFOSYS LIMITED, Bangalore   Jul 2019 – ..."
        spans.append((start, end))
        floor = end
    return spans


def _stands_out(line: Line, anchor: Line) -> bool:
    """Bold, or led by a bold cell ("Software Engineer ¦ Milwaukee Wi"), while the date line is
    not: an employer heading a group of roles ("Travix" over two titles), or a title over an
    employer line, may sit one line further up than the first entry's header reached."""
    return (line.is_bold or bool(line.cells[0].bold)) and not anchor.is_bold


def _in_indented_block(lines: Sequence[Line], index: int, anchor: Line) -> bool:
    """The line is indented past the date line's start, as is the line above it: the
    previous entry's indented highlights, not this entry's header."""
    line = lines[index]
    above = lines[index - 1] if index else None
    return (
        above is not None
        and above.page == line.page
        and line.x0 > anchor.x0 + INDENT_PT
        and abs(above.x0 - line.x0) <= SAME_EDGE_PT
    )


def _ends_paragraph(lines: Sequence[Line], index: int) -> bool:
    """The line is the tight continuation of prose above it ("limited to, build server" /
    "setup."; a line that stops on "and"; a lower-case line ending a sentence): the end of the
    previous entry's text, not a header line."""
    line = lines[index]
    if index == 0 or line.gap_above >= WRAP_GAP_EM * line.font_size:
        return False
    if line.font_size > PARAGRAPH_SIZE_STEP * lines[index - 1].font_size:
        return False  # a paragraph keeps its size: a larger line starts something new
    above = lines[index - 1].text.split()
    return (
        not is_title_like(lines[index - 1])
        or (bool(above) and above[-1].lower() in JOINING_WORDS)  # "... responsive and"
        or (line.text[:1].islower() and line.text.rstrip().endswith("."))  # "adaptive support."
    )


def _segment_count(lines: Sequence[Line], *, today: dt.date) -> int:
    """Header segments; "Acme, Senior Engineer" counts as two, "Senior Developer, CTO" and
    "Contractor (design, admin)" as one."""
    return sum(_names_in(seg.text) for seg in header_segments(lines, today=today))


def _names_in(text: str) -> int:
    parts = split_commas(text)
    if len(parts) < 2:
        return 1
    titles = sum(lexicon.looks_like_job_title(part) >= 0.5 for part in parts)
    return 1 if titles == len(parts) else 2


def _continues_header(line: Line, anchor: Line) -> bool:
    """A short title-like line aligned with the date line's text (body text is usually
    indented; the dates may stand in a column of their own, left of the text), not a labelled
    detail ("Relevant courses: ...")."""
    if not is_title_like(line) or abs(line.x0 - _text_x0(anchor)) > HEADER_ALIGN_PT:
        return False
    if _LABEL.match(line.text):
        return False
    return line.is_bold or len(words(line.text)) <= MAX_FOLLOWING_HEADER_WORDS


def _names_the_missing_title(
    header: Sequence[Line], line: Line, anchor: Line, *, today: dt.date
) -> bool:
    """The line right under a one-line header that names no job title is that title: an
    employer and its place took the header's two segments."""
    return (
        lexicon.looks_like_job_title(line.text) >= 0.5
        and _continues_header(line, anchor)
        and not any(
            lexicon.looks_like_job_title(part) >= 0.5
            for segment in header_segments(header, today=today)
            for part in split_commas(segment.text)
        )
    )


def _is_place_line(line: Line) -> bool:
    """A line naming only the entry's place ("Osaka", "Austin, TX"), not a school or employer
    with its place ("Lycée Jean Rostand - Caen")."""
    text = line.text.strip()
    return (
        len(line.cells) == 1
        and len(text) <= MAX_PLACE_LINE_CHARS
        and not _DASHED.search(text)
        and names_only_places(text)
        and lexicon.looks_like_institution(text) < 0.5
    )


_DASHED = re.compile(r"\s[-–—]\s")


def _text_x0(anchor: Line) -> float:
    """Where the date line's text starts: after a first cell that holds only the dates."""
    first = anchor.cells[0]
    if len(anchor.cells) > 1 and is_only_dates(first.text):
        return anchor.cells[1].x0
    return first.x0


def is_only_dates(text: str) -> bool:
    """The text is a period and at most one word ("seit 01/2021", "2019 – 2021")."""
    rest = without_dates(text, find_date_ranges(text, today=ANY_DAY))
    return rest != text and len(words(rest)) <= 1


def _next_header_starts(lines: Sequence[Line], index: int, ceiling: int, before: int) -> bool:
    """True when `index` is one of the lines just before the next anchor that head its entry."""
    return (
        ceiling < len(lines)
        and ceiling - index <= before
        and all(is_title_like(lines[j]) for j in range(index, ceiling))
    )


def _wraps_onto(anchor: Line, line: Line) -> bool:
    """The anchor's first cell continues on `line` (see `_may_wrap`)."""
    targets = wrapped_cells(anchor, line)
    if targets is None or (len(line.cells) > 1 and targets[0] != 0):
        return False  # not wrapped, or a table row wrapped under another cell than the first
    return may_wrap(anchor.cells[0], line, anchor)


def _wraps_in_label_cell(anchor: Line, line: Line) -> bool:
    """`line` goes on with a narrow cell of the anchor that has a name beside it, ending before
    that name starts (a degree set word by word in a label column): such a cell may take
    several lines, where other cells wrap onto one."""
    beside = next(
        (c for c in anchor.cells if c.x0 >= line.x1 and not is_only_dates(c.text)), None
    )
    return beside is not None and line.x0 < beside.x0 and _wraps_onto(anchor, line)


def _block(
    header: tuple[Line, ...],
    body: tuple[Line, ...],
    dates: DateRange | None,
    date_line: Line | None,
    *,
    today: dt.date,
    prose_apart: bool,
) -> EntryBlock:
    urls = tuple(
        absolute_url(m.group(0))
        for ln in header
        for m in URL_RE.finditer(EMAIL_RE.sub(" ", ln.text))
        if is_written_as_link(m.group(0))
    )
    segments, prose = split_header(header, today=today, prose_apart=prose_apart)
    return EntryBlock(header, body, dates, date_line, tuple(segments), urls, tuple(prose))


def _undated_entries(
    lines: Sequence[Line], *, today: dt.date, prose_apart: bool
) -> list[EntryBlock]:
    """Entries start at a title-like line after a wider gap than usual, at bold after plain, or
    at a line shaped like the first one when that joins two names with a separator ("Red Hat —
    Professional Development" again after a courses line); the title-like lines that follow a
    start closely are the rest of its header. A list set at three spacings (see spacing.py)
    starts entries at its widest spacing only, each part's wrapped lines joined."""
    gaps = sorted(line.gap_above for line in lines[1:]) or [0.0]
    usual_gap = gaps[len(gaps) // 2]
    wide_gap = max(1.5 * usual_gap, usual_gap + 2.0)
    spacing = three_spacings(lines)
    if spacing is not None:  # entries, their parts, wrapped lines: join each part's lines
        part_gap, wide_gap = spacing
        lines = join_wrapped(lines, below=part_gap)
    first_shape = _separated_shape(lines[0])
    starts = [0] + [
        i
        for i in range(1, len(lines))
        if is_title_like(lines[i])
        and (
            lines[i].gap_above >= wide_gap
            or (lines[i].is_bold and not lines[i - 1].is_bold)
            or (first_shape is not None and _separated_shape(lines[i]) == first_shape)
        )
    ]
    blocks = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        split = start + 1
        while split < min(end, start + MAX_LINES_BEFORE_DATE) and is_title_like(lines[split]):
            split += 1
        header, body = tuple(lines[start:split]), tuple(lines[split:end])
        blocks.append(_block(header, body, None, None, today=today, prose_apart=prose_apart))
    return blocks


def _separated_shape(line: Line) -> tuple[str, bool, float] | None:
    """(separator, bold, size) of a line made of names joined by a separator, else None."""
    text = line.text.strip()
    match = SEPARATORS.search(text)
    if match is None or _LABEL.match(text):
        return None
    return match.group().strip() or " ", line.is_bold, round(line.font_size)


def body_text(body: Sequence[Line]) -> tuple[str | None, list[str]]:
    """(summary, highlights): bullets become highlights, other prose the summary."""
    summary_lines: list[str] = []
    highlights: list[str] = []
    current: list[str] | None = None
    for line in body:
        text = line.text.strip()
        if is_bullet(text):
            current = [strip_bullet(text)]
            highlights.append(join_paragraph(current))
        elif current is not None and (
            text[:1].islower() or not highlights[-1].endswith((".", "!", "?"))
        ):
            current.append(text)
            highlights[-1] = join_paragraph(current)
        elif highlights and len(text) < 100 and not text.endswith("."):
            current = None
            highlights.append(text)
        else:
            current = None
            summary_lines.append(text)
    summary = join_paragraph(summary_lines) or None
    return summary, [h for h in highlights if h]
