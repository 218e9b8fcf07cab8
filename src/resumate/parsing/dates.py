"""Dates and date ranges as people write them in resumes (EN, DE, FR, ES, PT).

Primary rule: one precompiled scanner finds date "atoms" in a line (a full date, a month
and year, a season, a year, a present word); two atoms joined by a range separator
("-", "–", "to", "bis", "à", "hasta", "até", ...) form a `DateRange`. Fallback: an atom
that is not part of a range becomes a lone date, `DateRange(start=None, end=d)`, because a
lone date on a degree or certificate line is usually its completion date.

Conventions (documented here so callers can rely on them):

- Precision is kept: "2020" stays year-only, "Mar 2020" stays year-month.
- Seasons map to the month they start in: spring 3, summer 6, fall/autumn 9, winter 1
  (the winter term of the named year); a split winter "Winter 2019/20" is 2019-12.
  German semesters: "SS 2019" is 2019-04, "WS 2019/20" is 2019-10. Quarters: Q1 1, Q2 4,
  Q3 7, Q4 10.
- "2019-12" (hyphen, no spaces, second part <= 12) is ISO year-month; "2019–21",
  "2019 - 21" and "2019-21" are year ranges. "2011/12" is an academic year (2011–2012)
  when the second part is the next year, else year-month.
- Numeric day dates: "03/04/2020" is month-first (US) unless the first part is > 12;
  "03.04.2020" and "03-04-2020" are day-first unless the second part is > 12.
- Two-digit years ("'19", "1/19 - 3/21") pivot at today's year + 6.
- "since 2018" / "seit" / "depuis" / "desde" / "a partir de", a present word after a
  separator, or a trailing separator at the end of the line ("2019 –") give an open range:
  `is_current=True`, `end=None`.
- Years outside 1950..today.year+6 are ignored; so are numbers that look like phone
  numbers, postal codes, counts ("2000 users"), money, percentages and versions.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, total_ordering
from typing import Any

MIN_YEAR = 1950
FUTURE_YEARS_ALLOWED = 6

_MONTHS: dict[int, str] = {
    1: "january jan januar jänner jän janvier janv enero ene janeiro",
    2: "february feb februar feber février fevrier févr fevr fév febrero fevereiro fev",
    3: "march mar märz maerz mär mars marzo março marco",
    4: "april apr avril avr abril abr",
    5: "may mai mayo maio",
    6: "june jun juni juin junio junho",
    7: "july jul juli juillet juil julio julho",
    8: "august aug août aout agosto ago",
    9: "september sept sep septembre septiembre setiembre setembro set",
    10: "october oct oktober okt octobre octubre outubro out",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember dez décembre decembre déc diciembre dic dezembro",
}
MONTH_BY_NAME: dict[str, int] = {n: m for m, names in _MONTHS.items() for n in names.split()}

_SEASONS: dict[str, int] = {
    **dict.fromkeys(("spring", "frühling", "frühjahr", "printemps", "primavera"), 3),
    **dict.fromkeys(("summer", "sommer", "été", "ete", "verano", "verão", "verao"), 6),
    **dict.fromkeys(("fall", "autumn", "herbst", "automne", "otoño", "otono", "outono"), 9),
    **dict.fromkeys(("winter", "hiver", "invierno", "inverno"), 1),
}
_SEMESTERS: dict[str, int] = {
    **dict.fromkeys(("ss", "sose", "sommersemester"), 4),
    **dict.fromkeys(("ws", "wise", "wintersemester"), 10),
}
PRESENT_WORDS: tuple[str, ...] = (
    "present", "current", "currently", "now", "today", "ongoing", "date", "present day",
    "till date", "till now", "till today", "until now", "until today", "up to now",
    "heute", "jetzt", "aktuell", "derzeit", "dato", "laufend",
    "actuel", "actuellement", "aujourd'hui", "aujourd’hui", "présent", "en cours", "ce jour",
    "actualidad", "presente", "actual", "actualmente", "hoy", "la fecha",
    "hasta la fecha", "hasta hoy", "hasta ahora", "hasta el presente",
    "atual", "atualmente", "o momento", "o presente", "hoje", "momento",
    "até o momento", "até hoje", "até agora", "até o presente",
    "à ce jour", "jusqu'à aujourd'hui", "jusqu'à présent", "bis jetzt", "bis dato",
)  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    """A regex for any of `words`, the longest first where one word begins another.

    The words are merged into a trie ("jan(?:uary|uar|vier|v|eiro)?"), which matches exactly
    what the plain alternation of the words sorted longest first matches, in the same order
    of preference, but compares each position's character with a few branches instead of
    with every word: the month names alone are about a hundred words, tried at every word
    start of every dated line.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie_pattern(sub) for ch, sub in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" not in node:
        return body
    return f"(?:{body})?"  # greedy: the longer word first, then the word that ends here


_L = r"(?<![^\W\d_])"  # not preceded by a letter
_R = r"(?![^\W\d_])"  # not followed by a letter
_MON = rf"{_L}(?:{_alt(MONTH_BY_NAME)}){_R}\.?"
_Y4 = r"(?<![\w])(?:19|20)\d\d(?!\w)"
_APOS = "['’‘`´]"
_PRESENT = rf"{_L}(?:{_alt(PRESENT_WORDS)}){_R}"
_SINCE_RE = re.compile(
    r"(?:since|seit|ab|depuis|desde|(?:à|a) partir de|a partir do)\s*$", re.IGNORECASE
)
_SEP_WORDS = ("to", "till", "til", "until", "through", "thru", "bis", "à", "au", "a", "al",
              "hasta", "até", "ate", "jusqu'à", "jusqu’à", "jusqu'au", "jusqu’au")  # fmt: skip
_SEP_RE = re.compile(
    rf"\s*(?:[-–—―−‐‑~→]|->|-->)+\s*(?:(?:to|bis|a|à)\s+)?|\s+(?:{_alt(_SEP_WORDS)})\s+",
    re.IGNORECASE,
)
_TRAILING_SEP_RE = re.compile(r"\s*[-–—―−~]+\s*$")

_PATTERNS: dict[str, str] = {
    # 2019-03-15, 2019/03/15, 2019.03.15
    "iso_day": r"(?<![\w.])(?P<a_y>(?:19|20)\d\d)(?P<a_s>[-/.])(?P<a_m>\d\d?)(?P=a_s)"
    r"(?P<a_d>\d\d?)(?![\d.]?\d)",
    # 15.03.2019, 03/15/2019, 15-03-2019
    "num_day": r"(?<![\w.,/-])(?P<b_1>\d\d?)(?P<b_s>[-/.])(?P<b_2>\d\d?)(?P=b_s)"
    r"(?P<b_y>(?:19|20)\d\d)(?!\d)",
    # March 15, 2020 / March 15th 2020
    "mon_day": rf"(?P<c_m>{_MON})\s*(?P<c_d>\d\d?)(?:st|nd|rd|th)?(?!\d),?\s+(?P<c_y>{_Y4})",
    # 15 March 2020 / 15. März 2020 / 15 de marzo de 2020
    "day_mon": rf"(?<![\w.,])(?P<d_d>\d\d?)(?:st|nd|rd|th|\.|º)?\s*(?:de\s+)?"
    rf"(?P<d_m>{_MON}),?\s*(?:de\s+)?(?P<d_y>{_Y4})",
    # 1/19 - 3/21 (two-digit years only inside an explicit range)
    "short_range": rf"(?<![\w.,/])(?P<e_m1>\d\d?)/(?P<e_y1>\d\d)(?P<e_sep>{_SEP_RE.pattern})"
    rf"(?:(?P<e_m2>\d\d?)/(?P<e_y2>\d\d)(?![\w.,/])|(?P<e_p>{_PRESENT}))",
    # 2019-12 (ISO month), 2019–21 (year range), 2011/12 (academic year)
    "year_pair": r"(?<![\w.,])(?P<f_y>(?:19|20)\d\d)(?P<f_s>\s*[-–—/]\s*)(?P<f_2>\d\d)"
    r"(?![\d%+]|[.,/]\d)",
    # Jan 2020, Jan. 2020, Jan-2020, enero de 2020, Mar. '19
    "mon_year": rf"(?P<g_m>{_MON})(?:\s*[,/-]?\s*|\s+(?:of|de|del|do)\s+)"
    rf"(?:(?P<g_y>{_Y4})|{_APOS}(?P<g_yy>\d\d)(?!\d))",
    # 03/2019, 3.2019, 03-2019
    "num_mon_year": r"(?<![\w.,/-])(?P<h_m>0?[1-9]|1[0-2])[./-](?P<h_y>(?:19|20)\d\d)(?!\d)",
    # 2019.03
    "year_dot_mon": r"(?<![\w.,])(?P<i_y>(?:19|20)\d\d)\.(?P<i_m>0[1-9]|1[0-2])(?![\d.]?\d)",
    # Spring 2019, Winter 2019/20, WS 2019/20, Q3 2020
    "season": rf"{_L}(?:(?P<j_s>{_alt(_SEASONS)})|(?P<j_t>{_alt(_SEMESTERS)})"
    rf"|q(?P<j_q>[1-4])){_R}\.?\s*(?:of\s+|de\s+)?(?P<j_y>{_Y4})(?:/(?P<j_y2>\d\d(?:\d\d)?))?"
    r"(?!\d)",
    "year": _Y4,
    "apos_year": rf"(?<![\w'’]){_APOS}(?P<l_yy>\d\d)(?![\w'’])",
    "present": _PRESENT,
    "month": _MON,
}
# Every atom starts at a word boundary or an apostrophe, with a digit, an apostrophe or the
# first letter of one of its words: checking that first keeps the scan cheap on positions
# inside words and on words no atom can start with.
_FIRST_LETTERS = _alt(
    word[0] for word in (*MONTH_BY_NAME, *PRESENT_WORDS, *_SEASONS, *_SEMESTERS, "q")
)
_ATOM_RE = re.compile(
    rf"(?:\b|(?=['’‘`´]))(?=\d|{_APOS}|{_FIRST_LETTERS})(?:"
    + "|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS.items())
    + ")",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_QUANTITY_BEFORE_RE = re.compile(
    r"(?:over|than|about|approx\.?|approximately|around|nearly|almost|up to|top|"
    r"windows|office|server|studio|excel|visio|autocad|revit|sql|exchange|sharepoint|"
    r"dynamics|ax|nav|xp|iso|din|ecmascript|rfc|no\.?|nr\.?|n°|ref\.?)\s*[:#]?\s*$",
    re.IGNORECASE,
)
_CONNECTOR_AFTER = frozenset(
    ("to", "till", "until", "bis", "a", "al", "au", "hasta", "and", "und", "et", "y", "e",
     "in", "at", "with", "from", "for", "class", "cohort")
)  # fmt: skip
_WORD_AFTER_RE = re.compile(r"\s+([a-zà-ÿ]+)")


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known to year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if (
            self.day is not None
            and self.month is not None
            and not (1 <= self.day <= calendar.monthrange(self.year, self.month)[1])
        ):
            raise ValueError(f"day out of range: {self.day}")

    def iso(self) -> str:
        """Return "2020", "2020-03" or "2020-03-15": only the precision that is known."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out

    def to_month_index(self) -> int:
        """Months since year 0; a year-only date counts as its January."""
        return self.year * 12 + (self.month or 1) - 1

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()


@dataclass(frozen=True, slots=True)
class DateRange:
    """A period found in text. A lone date is `start=None, end=d` (a completion date)."""

    start: PartialDate | None
    end: PartialDate | None
    is_current: bool
    span: tuple[int, int]
    text: str


@dataclass(frozen=True, slots=True)
class _Atom:
    kind: str  # "date", "range", "present", "month"
    start: int
    end: int
    first: PartialDate | None = None
    second: PartialDate | None = None
    month: int | None = None
    current: bool = False
    numeric: bool = False  # only digits: needs the phone/count/version guards


@dataclass(frozen=True, slots=True)
class _Window:
    """Accepted years, and the last year a two-digit year can mean."""

    min_year: int
    max_year: int
    pivot_year: int

    @classmethod
    def for_today(cls, today: date | None) -> _Window:
        if today is None:
            return cls(1900, 2099, 2049)
        last = today.year + FUTURE_YEARS_ALLOWED
        return cls(MIN_YEAR, last, last)

    def year(self, y: int) -> int | None:
        return y if self.min_year <= y <= self.max_year else None

    def two_digit(self, yy: int) -> int:
        century = (self.pivot_year // 100) * 100
        return century + yy if yy <= self.pivot_year % 100 else century - 100 + yy


def _pd(window: _Window, y: int, m: int | None = None, d: int | None = None) -> PartialDate | None:
    if window.year(y) is None:
        return None
    try:
        return PartialDate(y, m, d)
    except ValueError:
        return None


def _month(raw: str) -> int:
    return MONTH_BY_NAME[raw.rstrip(".").lower()]


_Builder = Callable[["re.Match[str]", _Window], "_Atom | None"]


def _date_atom(m: re.Match[str], d: PartialDate | None, *, numeric: bool = False) -> _Atom | None:
    return None if d is None else _Atom("date", m.start(), m.end(), d, numeric=numeric)


def _iso_day(m: re.Match[str], w: _Window) -> _Atom | None:
    return _date_atom(m, _pd(w, int(m["a_y"]), int(m["a_m"]), int(m["a_d"])), numeric=True)


def _num_day(m: re.Match[str], w: _Window) -> _Atom | None:
    a, b, y = int(m["b_1"]), int(m["b_2"]), int(m["b_y"])
    month_first = (m["b_s"] == "/" and a <= 12) or b > 12
    mo, d = (a, b) if month_first else (b, a)
    return _date_atom(m, _pd(w, y, mo, d), numeric=True)


def _mon_day(m: re.Match[str], w: _Window) -> _Atom | None:
    return _date_atom(m, _pd(w, int(m["c_y"]), _month(m["c_m"]), int(m["c_d"])))


def _day_mon(m: re.Match[str], w: _Window) -> _Atom | None:
    return _date_atom(m, _pd(w, int(m["d_y"]), _month(m["d_m"]), int(m["d_d"])))


def _short_range(m: re.Match[str], w: _Window) -> _Atom | None:
    first = _pd(w, w.two_digit(int(m["e_y1"])), int(m["e_m1"]))
    if m["e_p"] is not None:
        second, current = None, True
    else:
        second, current = _pd(w, w.two_digit(int(m["e_y2"])), int(m["e_m2"])), False
        if second is None:
            return None
    if first is None:
        return None
    return _Atom("range", m.start(), m.end(), first, second, current=current, numeric=True)


def _year_pair(m: re.Match[str], w: _Window) -> _Atom | None:
    y, sep, two = int(m["f_y"]), m["f_s"], int(m["f_2"])
    is_month = 1 <= two <= 12 and (sep == "-" or (sep == "/" and two != (y + 1) % 100))
    if is_month:
        return _date_atom(m, _pd(w, y, two), numeric=True)
    end_year = (y // 100) * 100 + two
    if end_year < y:
        end_year += 100
    first, second = _pd(w, y), _pd(w, end_year)
    if first is None or second is None or end_year - y > 60:
        return None
    return _Atom("range", m.start(), m.end(), first, second, numeric=True)


def _mon_year(m: re.Match[str], w: _Window) -> _Atom | None:
    y = int(m["g_y"]) if m["g_y"] else w.two_digit(int(m["g_yy"]))
    return _date_atom(m, _pd(w, y, _month(m["g_m"])))


def _num_mon_year(m: re.Match[str], w: _Window) -> _Atom | None:
    return _date_atom(m, _pd(w, int(m["h_y"]), int(m["h_m"])), numeric=True)


def _year_dot_mon(m: re.Match[str], w: _Window) -> _Atom | None:
    return _date_atom(m, _pd(w, int(m["i_y"]), int(m["i_m"])), numeric=True)


def _season(m: re.Match[str], w: _Window) -> _Atom | None:
    y = int(m["j_y"])
    if m["j_q"]:
        month = (int(m["j_q"]) - 1) * 3 + 1
    elif m["j_t"]:
        month = _SEMESTERS[m["j_t"].lower()]
    else:
        month = _SEASONS[m["j_s"].lower()]
        if month == 1 and m["j_y2"]:
            month = 12
    return _date_atom(m, _pd(w, y, month))


def _year(m: re.Match[str], w: _Window) -> _Atom | None:
    return _date_atom(m, _pd(w, int(m["year"])), numeric=True)


def _apos_year(m: re.Match[str], w: _Window) -> _Atom | None:
    return _date_atom(m, _pd(w, w.two_digit(int(m["l_yy"]))), numeric=True)


def _present(m: re.Match[str], w: _Window) -> _Atom | None:
    return _Atom("present", m.start(), m.end(), current=True)


def _month_only(m: re.Match[str], w: _Window) -> _Atom | None:
    return _Atom("month", m.start(), m.end(), month=_month(m["month"]))


_BUILDERS: dict[str, _Builder] = {
    "iso_day": _iso_day, "num_day": _num_day, "mon_day": _mon_day, "day_mon": _day_mon,
    "short_range": _short_range, "year_pair": _year_pair, "mon_year": _mon_year,
    "num_mon_year": _num_mon_year, "year_dot_mon": _year_dot_mon, "season": _season,
    "year": _year, "apos_year": _apos_year, "present": _present, "month": _month_only,
}  # fmt: skip


def _scan(text: str, window: _Window) -> list[_Atom]:
    atoms = []
    for m in _ATOM_RE.finditer(text):
        name = m.lastgroup
        atom = _BUILDERS[name](m, window) if name else None
        if atom is not None:
            atoms.append(atom)
    return atoms


def _is_separator(gap: str, left: _Atom, right: _Atom) -> bool:
    if _SEP_RE.fullmatch(gap):
        return True
    both_years = all(
        a.first is not None and a.first.month is None and a.kind == "date" for a in (left, right)
    )
    if both_years and gap.strip() == "/":
        return True
    # A dash lost or read as a bar by OCR: "Oct 2017 | Mar 2021", "Apr 2021 Present".
    dated = left.kind == "date" and left.first is not None and left.first.month is not None
    return dated and gap.strip() in ("", "|") and (right.kind == "present" or right.kind == "date")


def _looks_like_number(text: str, start: int, end: int, *, lone: bool) -> bool:
    """Guards for digit-only candidates: phones, postcodes, counts, money, versions."""
    before, after = text[max(0, start - 24) : start], text[end : end + 24]
    if re.search(r"(?:\d[\s\-./:]?|[$€£¥#+@])$", before):
        return True
    if re.match(r"[\-./:]?\d|\s*[%+]|\s*(?:k|m|x|mb|gb|kb)\b", after, re.IGNORECASE):
        return True
    if not lone:
        return False
    if re.match(r"[ \t]?\d", after) or _QUANTITY_BEFORE_RE.search(before):
        return True
    word = _WORD_AFTER_RE.match(after)
    return word is not None and word.group(1) not in _CONNECTOR_AFTER


def _make_range(text: str, start: int, end: int, a: PartialDate | None, b: PartialDate | None,
                current: bool) -> DateRange:  # fmt: skip
    return DateRange(a, b, current, (start, end), text[start:end])


def _pair(text: str, left: _Atom, right: _Atom) -> DateRange | None:
    """Join two atoms separated by a range separator, or None if they do not form a range."""
    if right.kind == "present":
        if left.kind == "date":
            return _make_range(text, left.start, right.end, left.first, None, True)
        return None
    if right.kind != "date" or right.first is None:
        return None
    start = left.first
    if left.kind == "month":
        if right.first.month is None or left.month is None:
            return None
        start = PartialDate(right.first.year, left.month)
    if left.kind not in ("date", "month") or start is None or start > right.first:
        return None
    return _make_range(text, left.start, right.end, start, right.first, False)


# A "today" for callers that only ask where dates stand, not whether one is current.
ANY_DAY = date(2100, 1, 1)


def find_date_ranges(text: str, *, today: date) -> list[DateRange]:
    """See _find_date_ranges (memoized: the same lines are asked about several times)."""
    return list(_find_date_ranges(text, today))


@lru_cache(maxsize=16384)
def _find_date_ranges(text: str, today: date) -> tuple[DateRange, ...]:
    return tuple(_scan_date_ranges(text, today=today))


def _scan_date_ranges(text: str, *, today: date) -> list[DateRange]:
    """All date ranges and lone dates in `text`, left to right (see the module rules)."""
    if not _DIGIT_RE.search(text):
        return []
    window = _Window.for_today(today)
    atoms = _scan(text, window)
    found: list[DateRange] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        pair = None
        if nxt is not None and _is_separator(text[atom.end : nxt.start], atom, nxt):
            pair = _pair(text, atom, nxt)
        if pair is not None:
            if not (atom.numeric and _looks_like_number(text, *pair.span, lone=False)):
                found.append(pair)
            i += 2
            continue
        single = _single(text, atom)
        if single is not None:
            found.append(single)
        i += 1
    return found


def _single(text: str, atom: _Atom) -> DateRange | None:
    if atom.kind == "range":
        if atom.numeric and _looks_like_number(text, atom.start, atom.end, lone=False):
            return None
        return _make_range(text, atom.start, atom.end, atom.first, atom.second, atom.current)
    if atom.kind != "date":
        return None
    since = _SINCE_RE.search(text, 0, atom.start)
    if since is not None:
        return _make_range(text, since.start(), atom.end, atom.first, None, True)
    trailing = _TRAILING_SEP_RE.match(text, atom.end)
    if trailing is not None:
        return _make_range(text, atom.start, atom.end, atom.first, None, True)
    is_bare = atom.first is not None and atom.first.month is None
    if atom.numeric and _looks_like_number(text, atom.start, atom.end, lone=is_bare):
        return None
    return _make_range(text, atom.start, atom.end, None, atom.first, False)


def parse_date(text: str, *, today: date | None = None) -> PartialDate | None:
    """The single date that `text` consists of, or None.

    Without `today`, years 1900..2099 are accepted and two-digit years pivot at 2049.
    """
    stripped = text.strip().strip("()[],;").strip()
    if not stripped or not _DIGIT_RE.search(stripped):
        return None
    atoms = _scan(stripped, _Window.for_today(today))
    if len(atoms) != 1 or atoms[0].kind != "date":
        return None
    atom = atoms[0]
    return atom.first if (atom.start, atom.end) == (0, len(stripped)) else None


def months_of_experience(
    ranges: Iterable[tuple[PartialDate | None, PartialDate | None, bool]], *, today: date
) -> int:
    """Total months covered by the periods, overlaps merged, both ends inclusive.

    A year-only start counts from January, a year-only end until December; an open or
    current end runs until `today`. Periods without a start, or ending before they start,
    add nothing.
    """
    now = today.year * 12 + today.month - 1
    spans: list[tuple[int, int]] = []
    for start, end, is_current in ranges:
        if start is None:
            continue
        lo = start.to_month_index()
        hi = now if is_current or end is None else end.year * 12 + (end.month or 12) - 1
        hi = min(hi, now) if is_current or end is None else hi
        if hi >= lo:
            spans.append((lo, hi))
    total, cur_lo, cur_hi = 0, -1, -2
    for lo, hi in sorted(spans):
        if lo > cur_hi + 1:
            total += cur_hi - cur_lo + 1
            cur_lo, cur_hi = lo, hi
        else:
            cur_hi = max(cur_hi, hi)
    return total + cur_hi - cur_lo + 1
