"""An entry's header lines -> segments: the pieces of text that name its title, employer,
school or degree.

Primary rule: each header cell, less its dates, durations, links and e-mail addresses, is
split at separators (a bullet, a dash, a bar, a wide space) and at "at" / "chez" / "bei"; a
cell's tail wrapped tightly onto the next line is joined back first (`unwrap`). With
`prose_apart`, descriptions go apart from the segments.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from resumate.document import TextItem
from resumate.parsing import degrees, lexicon
from resumate.parsing.chars import has_digit, has_letter
from resumate.parsing.dates import ANY_DAY, DateRange, find_date_ranges
from resumate.parsing.fields.common import (
    EMAIL_RE,
    URL_RE,
    clean,
    is_bullet,
    looks_like_sentence,
    words,
)
from resumate.parsing.lines import (
    ALIGNED_PT,
    WRAP_GAP_EM,
    Line,
    fills_its_room,
    ran_out_of_room,
)
from resumate.parsing.places import is_place, split_commas

MAX_WRAPPED_WORDS = 2
MAX_WRAPPED_WORDS_AFTER_JOINING = 5  # "... at Gatton Academy of" / "Mathematics and Science"
MAX_WRAPPED_WORDS_PAST_MEASURE = 6  # when the row was as wide as its column
MAX_PROSE_FREE_WORDS = 6
MIN_WRAPPING_WORDS = 6
BARE_LABEL = re.compile(r"^\w+(?: [a-z]\w*){0,2}:$")  # a label without its value
ONE_LINE_EM = 1.6  # a cell taller than this many font sizes holds more than one line
JOINING_WORDS = frozenset(
    {
        "of",
        "and",
        "&",
        "for",
        "the",
        "at",
        "in",
        "de",
        "du",
        "des",
        "la",
        "le",
        "di",
        "da",
        "do",
        "em",
        "en",
        "y",
        "et",
        "und",
        "für",
    }
)
_DURATION = re.compile(
    r"\(?\b\d+\+?\s*(?:years?|yrs?|months?|mos?|jahre?|monate?|ans?|mois|años|anos|meses)\b"
    r"(?:\s*,?\s*\d+\s*(?:months?|mos?|monate?|mois|meses))?\)?",
    re.IGNORECASE,
)
# Words left over when a date range spread over several cells is removed.
_CONNECTORS = {
    "to",
    "until",
    "till",
    "bis",
    "à",
    "a",
    "au",
    "hasta",
    "até",
    "present",
    "current",
    "now",
    "since",
    "from",
    "de",
    "desde",
    "seit",
    "depuis",
    "and",
}
SEPARATORS = re.compile(r"\s+[•·@]\s+|\s*[–—|]\s*|\s+-\s+|\s{3,}")
EM_DASH = " — "
_SEPARATORS_BESIDE_EM_DASH = re.compile(r"\s+[•·@]\s+|\s*[—|]\s*|\s{3,}")
_SEPARATORS_BUT_HYPHEN = re.compile(r"\s+[•·@]\s+|\s*[–—|]\s*|\s{3,}")
_HYPHEN = " - "
# "Engineer at Acme" (not "University of Illinois at Chicago"), "Ingénieur chez Acme",
# "Entwickler bei Acme"
_AT = re.compile(r"\s+(?:at|chez|bei)\s+")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of an entry's header text, with the line it came from."""

    text: str
    line: Line
    bold: bool


def without_dates(text: str, ranges: Sequence[DateRange], gap: str = " ") -> str:
    """The text with each date range replaced by `gap`."""
    for found in sorted(ranges, key=lambda r: -r.span[0]):
        text = text[: found.span[0]] + gap + text[found.span[1] :]
    return text


def _ends_in_joining_word(text: str) -> bool:
    tokens = text.split()
    return bool(tokens) and tokens[-1].lower() in JOINING_WORDS


def may_wrap(cell: TextItem, line: Line, row: Line) -> bool:
    """A cell runs on to the next line when it is long, stops on a joining word ("Institute
    of"), or the next line has its style and the cell reaches the cell after it on its row
    (text wraps when it runs out of room); a short bold title ("Contractor (design, admin)")
    does not run on to the plain employer set tightly under it, nor does a short title far
    from its dates run on to the employer under it in a scan, where every line has one style."""
    return (
        len(words(cell.text)) >= MIN_WRAPPING_WORDS
        or _ends_in_joining_word(cell.text)
        or (cell.bold == line.is_bold and fills_its_room(cell, row))
    )


def wrapped_cells(row: Line, line: Line, above: Line | None = None) -> list[int] | None:
    """For each cell of `line`, the index of the cell of `row` it continues, when `line` is
    set tightly under `row` and starts with the last word or two of a cell's text (up to five
    after a cell that stops on a joining word: "Academy of" / "Mathematics and Science"): a
    lone tail continues the cell it sits under (nearest by left edge, not a right-aligned
    date); in a table whose cells wrap, every cell sits right under the cell it continues
    ("Vice President - User | ... | Hire and train a 10-person User" / "Experience |
    Experience team"). `above`: the physical line right above `line` when `row` holds lines
    joined already (by default `row`)."""
    first = line.cells[0].text
    if _ran_out_of_measure(above or row, line):
        most_words = MAX_WRAPPED_WORDS_PAST_MEASURE
    elif any(_ends_in_joining_word(cell.text) for cell in row.cells):
        most_words = MAX_WRAPPED_WORDS_AFTER_JOINING
    else:
        most_words = MAX_WRAPPED_WORDS
    if (
        line.gap_above >= WRAP_GAP_EM * line.font_size
        or len(words(first)) > most_words
        or has_digit(first)
        or first.rstrip().endswith(".")
    ):
        return None
    if len(line.cells) == 1:
        x0 = line.cells[0].x0
        before = [i for i, cell in enumerate(row.cells) if cell.x0 <= x0 + ALIGNED_PT]
        if before:  # text wraps within its cell: the last cell that starts left of the tail
            return [max(before, key=lambda i: row.cells[i].x0)]
        return [min(range(len(row.cells)), key=lambda i: abs(row.cells[i].x0 - x0))]
    targets: list[int] = []
    for cell in line.cells:
        under = [i for i, above in enumerate(row.cells) if abs(above.x0 - cell.x0) <= ALIGNED_PT]
        if not under or under[0] in targets:
            return None
        targets.append(under[0])
    return targets


def _ran_out_of_measure(row: Line, line: Line) -> bool:
    """One-cell `row` could not take the first word of `line` within the widest line of its
    column ("Bachelor of Business Science" / "(Honours), Information Systems" in a sidebar),
    whether the column is set flush left, flush right or centred."""
    if len(row.cells) != 1 or not row.measure or row.y1 - row.y0 > ONE_LINE_EM * row.font_size:
        return False  # not laid out, or lines joined already: the last one's width is not known
    return ran_out_of_room(row, line, row.measure)


def unwrap(lines: Sequence[Line]) -> list[Line]:
    """Join a long cell's one- or two-word tail (up to six words when the line above was as
    wide as its column), wrapped tightly onto the next line, back to it (and in a table row,
    each wrapped cell to the cell above it)."""
    out: list[Line] = []
    above: Line | None = None
    for line in lines:
        prev = out[-1] if out else None
        targets = wrapped_cells(prev, line, above) if prev is not None else None
        above = line
        if prev is None or targets is None or not may_wrap(prev.cells[targets[0]], line, prev):
            closed = _with_bracket_closed(prev, line) if prev is not None else None
            if closed is None:
                out.append(line)
                continue
            out[-1], line = closed
            if line.cells:
                out.append(line)
            continue
        cells = list(prev.cells)
        for k, tail in zip(targets, line.cells, strict=True):
            cells[k] = replace(cells[k], text=_with_tail(cells[k].text, tail.text), y1=tail.y1)
        out[-1] = replace(prev, cells=tuple(cells))
    return out


def _with_bracket_closed(row: Line, line: Line) -> tuple[Line, Line] | None:
    """A cell of `row` that opens a bracket it does not close, continued by the cell of `line`
    that closes it, set tightly under it with a shared left or right edge ("Milwaukee Wi (No
    longer" / "in operation)" in a right-aligned column): (row with that cell whole, line
    without it); None when there is none."""
    if line.gap_above >= WRAP_GAP_EM * line.font_size:
        return None
    for k, cell in enumerate(row.cells):
        if cell.text.count("(") <= cell.text.count(")"):
            continue
        for j, below in enumerate(line.cells):
            aligned = min(abs(below.x0 - cell.x0), abs(below.x1 - cell.x1)) <= ALIGNED_PT
            if aligned and below.text.count(")") > below.text.count("("):
                cells = list(row.cells)
                cells[k] = replace(cell, text=f"{cell.text} {below.text.strip()}", y1=below.y1)
                rest = line.cells[:j] + line.cells[j + 1 :]
                return replace(row, cells=tuple(cells)), replace(line, cells=rest)
    return None


def _with_tail(text: str, tail: str) -> str:
    """`text` with its wrapped `tail`, which goes on before dates that end the text: they were
    set at the end of its first line, in the same box ("... at NYU Tandon  Jan 2023 - Jan 2025"
    / "School of Engineering", "Lead Software Developer & 2025-02-01 - Present" / "Technical
    Consultant")."""
    ranges = find_date_ranges(text, today=ANY_DAY) if has_digit(text) else []
    last = max(ranges, key=lambda r: r.span[1], default=None)
    if last is None or text[last.span[1] :].strip() or not text[: last.span[0]].strip():
        return f"{text} {tail.strip()}"
    return f"{text[: last.span[0]].rstrip()} {tail.strip()}  {text[last.span[0] :].strip()}"


def _at_hyphen(text: str) -> list[str]:
    """Where the em dash parts a header, a hyphen is part of a part's text ("Software Engineer
    - Frontend & API — Ugam"), unless a place or a degree follows it ("Wavy - Paris, France",
    "Bachelor of Science - BS, Computer Science")."""
    head, hyphen, tail = text.partition(_HYPHEN)
    if hyphen and (is_place(tail) or degrees.match_degree(split_commas(tail)[0]) is not None):
        return [head, tail]
    return [text]


def _split_at(text: str) -> list[str]:
    match = _AT.search(text)
    if match is None or lexicon.looks_like_institution(text[: match.start()]) >= 0.5:
        return [text]
    return [text[: match.start()], text[match.end() :]]


def _header_cells(lines: Sequence[Line], *, today: dt.date) -> Iterator[tuple[Line, TextItem, str]]:
    """Each header cell with its text less dates, durations, URLs and e-mail addresses."""
    for line in unwrap(lines):
        for cell in line.cells:
            text = cell.text
            if is_bullet(text):  # a highlight that shares its line with the dates
                continue
            text = without_dates(text, find_date_ranges(text, today=today), gap="  ")
            if BARE_LABEL.match(text.strip()):  # "Issued on:" before the date taken out
                continue
            if "@" in text:  # cheap guards: an address needs "@", a link "." or "://"
                text = EMAIL_RE.sub("  ", text)
            if "." in text or "://" in text:
                text = URL_RE.sub(_drop_link, text)
            text = _DURATION.sub("  ", text)
            if "(" in text or "[" in text:  # the brackets that held the dates: "Acme (...)"
                text = _EMPTY_BRACKETS.sub("  ", text)
            yield line, cell, text


_EMPTY_BRACKETS = re.compile(r"\(\W*\)|\[\W*\]")


def _drop_link(match: re.Match[str]) -> str:
    """Links leave the header; a bare domain without a path ("Castle.io") may be the name."""
    url = match.group(0)
    if is_written_as_link(url) or "/" in url.rstrip("/"):
        return "  "
    return url


def is_written_as_link(url: str) -> bool:
    """With a scheme or "www.": a link, not a name that happens to be a domain ("Scrum.org")."""
    return url.lower().startswith(("http", "www."))


def is_prose(text: str) -> bool:
    """A description in an entry's header ("Design work at a fraud platform for banks"):
    a sentence, or more words than a name or title has, most of them in lower case."""
    if looks_like_sentence(text):
        return True
    tokens = [w for w in text.split() if w[:1].isalpha()]
    lower = sum(w[:1].islower() for w in tokens)
    return len(tokens) > MAX_PROSE_FREE_WORDS and lower > len(tokens) / 2


def split_header(
    lines: Sequence[Line], *, today: dt.date, prose_apart: bool = False, em_dash_first: bool = False
) -> tuple[list[Segment], list[str]]:
    """Header text split at separators, with dates and URLs removed: (segments, prose).

    With `prose_apart`, descriptions (`is_prose`, and the lower-case start of the next line
    that continues one) go to `prose` instead of the segments. With `em_dash_first`, a line
    with a spaced em dash is split there only (list items: "AWS Certified Solutions Architect
    – Associate — Amazon Web Services"); entry headers keep their place after a hyphen apart
    ("Wavy - Paris, France").
    """
    segments: list[Segment] = []
    prose: list[str] = []
    in_prose = False
    for line, cell, text in _header_cells(lines, today=today):
        pieces = SEPARATORS.split(text)
        if em_dash_first and EM_DASH in text:
            pieces = _SEPARATORS_BESIDE_EM_DASH.split(text)
        elif EM_DASH in text and _HYPHEN in text:
            pieces = [p for piece in _SEPARATORS_BUT_HYPHEN.split(text) for p in _at_hyphen(piece)]
        for piece in pieces:
            piece = clean(piece)
            if not piece or not has_letter(piece):
                continue
            if prose_apart and (is_prose(piece) or (in_prose and piece[:1].islower())):
                prose.append(piece)
                in_prose = True
                continue
            in_prose = False
            for part in map(clean, _split_at(piece)):
                if part and has_letter(part) and part.lower() not in _CONNECTORS:
                    segments.append(Segment(part, line, cell.bold))
    return segments, prose


def header_segments(lines: Sequence[Line], *, today: dt.date) -> list[Segment]:
    return split_header(lines, today=today)[0]
