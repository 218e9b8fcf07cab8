"""Plain text: decoded (see text.py), one item per run of words, on a 6 pt monospace grid.

Each line sits at y = `TXT_LINE_HEIGHT_PT` x line number: 4 pt apart at the 10 pt size, so that
the author's own line breaks are never read as text wrapped for lack of room ("Employer, Town
   Dates" / "Title" are two lines, not one cell). Within a line, runs of words separated
by `MIN_COLUMN_GAP_SPACES` or more spaces (after tab expansion) become separate items at
x = column x `MONOSPACE_CHAR_WIDTH_PT`, as in `pdftotext -layout` output.

Flow rule: the document is `flow=True` unless it looks laid out in columns, i.e. at least
`COLUMN_LINE_SHARE` of the non-blank lines have a second run starting within
`COLUMN_TOLERANCE_CHARS` of the same column; then `flow=False` so layout analysis looks for them.
"""

from __future__ import annotations

import re
from collections import Counter

from resumate.document import Document, Page, TextItem
from resumate.errors import UnsupportedFormatError
from resumate.extract.text import clean_text, decode_text
from resumate.options import ParseOptions

TXT_LINE_HEIGHT_PT = 14.0
MONOSPACE_CHAR_WIDTH_PT = 6.0
TXT_FONT_SIZE_PT = 10.0
MIN_COLUMN_GAP_SPACES = 3
COLUMN_LINE_SHARE = 0.2
COLUMN_TOLERANCE_CHARS = 3
_RUN = re.compile(r"\S+(?: {1,2}\S+)*")  # words apart by fewer than MIN_COLUMN_GAP_SPACES


def extract(data: bytes, options: ParseOptions) -> Document:
    """Lay a text file out line by line, splitting runs separated by wide gaps."""
    text = decode_text(data)
    if text is None:
        raise UnsupportedFormatError("it is not readable text.")
    return layout_text(text)


def layout_text(text: str) -> Document:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    lines = join_soft_hyphens([line.expandtabs(8) for line in lines])
    items: list[TextItem] = []
    second_run_columns: list[int] = []
    for number, raw_line in enumerate(lines):
        line = clean_text(raw_line, collapse_spaces=False)
        runs = list(_RUN.finditer(line))
        if len(runs) > 1:
            second_run_columns.append(runs[1].start())
        y0 = number * TXT_LINE_HEIGHT_PT
        items.extend(
            TextItem(
                text=run.group(),
                x0=run.start() * MONOSPACE_CHAR_WIDTH_PT,
                y0=y0,
                x1=run.end() * MONOSPACE_CHAR_WIDTH_PT,
                y1=y0 + TXT_FONT_SIZE_PT,
                font_size=TXT_FONT_SIZE_PT,
            )
            for run in runs
        )
    non_blank = sum(1 for line in lines if line.strip())
    width = max([612.0] + [item.x1 for item in items])
    height = max(792.0, (len(lines) + 1) * TXT_LINE_HEIGHT_PT)
    page = Page(number=0, width=width, height=height, items=tuple(items))
    return Document(
        format="txt", pages=(page,), flow=not _has_columns(second_run_columns, non_blank)
    )


MIN_HYPHENATED_RUN_CHARS = 40
_SOFT_HYPHEN_END = re.compile("\u00ad(?= |$)")
_LOWER_WORD = re.compile(r"[^\W\d_]+")


def join_soft_hyphens(lines: list[str]) -> list[str]:
    """A word of a paragraph broken at a soft hyphen ("configuration man\u00ad" / "agement")
    joined again: the rest is the first word of the next line's run that starts in the same
    column (text as `pdftotext -layout` writes it). The rest takes the spaces after the hyphen
    and leaves spaces behind, so the other columns stay where they are. Words in a narrow
    column (a line shorter than `MIN_HYPHENATED_RUN_CHARS`) are left as they are."""
    out = list(lines)
    for number in range(len(out) - 1):
        for hyphen in reversed(list(_SOFT_HYPHEN_END.finditer(out[number]))):
            line, below = out[number], out[number + 1]
            start = _run_start(line, hyphen.start())
            if hyphen.start() - start < MIN_HYPHENATED_RUN_CHARS:
                continue  # a narrow column ("Bach-" / "elor"): its words stay as written
            rest = _LOWER_WORD.match(below, start)
            if rest is None or not rest.group().islower() or (start and below[start - 1] != " "):
                continue
            word = rest.group()
            after = line[hyphen.end() :]
            room = 1 + len(after) - len(after.lstrip(" "))  # the hyphen's place and the gap
            keep = max(MIN_COLUMN_GAP_SPACES, room - len(word)) if after.strip() else 0
            out[number] = line[: hyphen.start()] + word + " " * keep + after.lstrip(" ")
            out[number + 1] = below[:start] + " " * len(word) + below[rest.end() :]
    return out


def _run_start(line: str, index: int) -> int:
    """Where the run of words holding `index` starts (runs are apart by wide gaps)."""
    for run in _RUN.finditer(line):
        if run.start() <= index < run.end() + 1:
            return run.start()
    return index


def _has_columns(columns: list[int], non_blank_lines: int) -> bool:
    if not columns or not non_blank_lines:
        return False
    counts = Counter(columns)
    best = max(
        sum(
            counts[c]
            for c in range(start - COLUMN_TOLERANCE_CHARS, start + COLUMN_TOLERANCE_CHARS + 1)
        )
        for start in counts
    )
    return best >= COLUMN_LINE_SHARE * non_blank_lines
