"""Line spacing: lines set at three spacings, and text wrapped for lack of room.

A list set in a narrow column without dates (education in a sidebar) sets its entries apart,
each entry's parts (a degree, then its school) a little apart, and wraps each part over tight
lines. `three_spacings` finds the two wider spacings; `join_wrapped` joins each part's lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from resumate.parsing.fields.common import is_bullet
from resumate.parsing.lines import Line, join_wrapped_line, ran_out_of_room


def three_spacings(lines: Sequence[Line]) -> tuple[float, float] | None:
    """(part gap, entry gap) of a list set at three spacings: entries set apart, each entry's
    parts (a degree, then its school) a little apart, each part's lines wrapped tightly (a
    narrow column). Each spacing is at least twice the one below it and further apart by half
    an em (entries) or a sixth of one (parts, which most entries have). None otherwise."""
    gaps = sorted(line.gap_above for line in lines[1:])
    em = lines[0].font_size
    entry_gap = max(
        (b for a, b in pairwise(gaps) if b >= 2 * a and b - a >= 0.5 * em), default=None
    )
    if entry_gap is None:
        return None
    within = [gap for gap in gaps if gap < entry_gap]
    jumps = [(b - a, b) for a, b in pairwise(within) if b >= 2 * a and b - a >= em / 6]
    if not jumps:
        return None
    part_gap = max(jumps)[1]
    entries = sum(gap >= entry_gap for gap in gaps) + 1
    parts = sum(gap >= part_gap for gap in within)
    return (part_gap, entry_gap) if parts * 2 >= entries else None


def join_wrapped(lines: Sequence[Line], *, below: float) -> list[Line]:
    """A line less than `below` under a one-cell line of the same style, whose first word would
    not have fitted on that line within the widest line's width, is that line's text wrapped
    for lack of room and joins it; bullets start lines of their own."""
    widest = max(line.x1 - line.x0 for line in lines)
    out: list[Line] = []
    for n, line in enumerate(lines):
        if n and _wraps_onto(out[-1], lines[n - 1], line, below=below, widest=widest):
            out[-1] = join_wrapped_line(out[-1], line)
        else:
            out.append(line)
    return out


def _wraps_onto(joined: Line, above: Line, line: Line, *, below: float, widest: float) -> bool:
    """`line` goes on the text of `joined`, whose last line as set is `above`."""
    return (
        len(joined.cells) == 1
        and len(line.cells) == 1
        and line.page == joined.page
        and line.gap_above < below
        and line.is_bold == joined.is_bold
        and abs(line.font_size - joined.font_size) <= 0.5
        and not is_bullet(line.text.strip())
        and ran_out_of_room(above, line, widest)
    )
