from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumate.parsing import dates
from resumate.parsing.dates import (
    DateRange,
    PartialDate,
    find_date_ranges,
    months_of_experience,
    parse_date,
)

TODAY = date(2026, 11, 27)


def _summary(text: str) -> list[tuple[str | None, str | None, bool]]:
    return [
        (r.start.iso() if r.start else None, r.end.iso() if r.end else None, r.is_current)
        for r in find_date_ranges(text, today=TODAY)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English month names, abbreviations and present words
        ("Jan 2020 – Present", ("2020-01", None, True)),
        ("January 2020 - Mar 2021", ("2020-01", "2021-03", False)),
        ("Jan. 2018 – Feb. 2019", ("2018-01", "2019-02", False)),
        ("Sept. 2019 to Nov. 2020", ("2019-09", "2020-11", False)),
        ("Jan 2020 — Dec 2020", ("2020-01", "2020-12", False)),
        ("Jan 2020 ~ Dec 2020", ("2020-01", "2020-12", False)),
        ("Jan 2020 until Dec 2020", ("2020-01", "2020-12", False)),
        ("Jan 2019 to date", ("2019-01", None, True)),
        ("May 2019 - ongoing", ("2019-05", None, True)),
        ("Jun 2021 – today", ("2021-06", None, True)),
        ("Mar. '19 - now", ("2019-03", None, True)),
        ("June 2016 - Till date", ("2016-06", None, True)),
        ("enero de 2019 - hasta la fecha", ("2019-01", None, True)),
        ("jan. 2019 - até o momento", ("2019-01", None, True)),
        ("mars 2019 – à ce jour", ("2019-03", None, True)),
        ("March 2015 – Till Now", ("2015-03", None, True)),
        ("Jan - Mar 2020", ("2020-01", "2020-03", False)),
        ("Dec, 2019 - Jan, 2021", ("2019-12", "2021-01", False)),
        # numeric forms
        ("01/2020 – 03/2021", ("2020-01", "2021-03", False)),
        ("1/2020 - 3/2021", ("2020-01", "2021-03", False)),
        ("2020-01 to 2021-03", ("2020-01", "2021-03", False)),
        ("2019.03 - 2020.11", ("2019-03", "2020-11", False)),
        ("1/19 - 3/21", ("2019-01", "2021-03", False)),
        ("10/18 – present", ("2018-10", None, True)),
        ("15.03.2019 - 31.12.2020", ("2019-03-15", "2020-12-31", False)),
        ("03/15/2019 - 04/01/2020", ("2019-03-15", "2020-04-01", False)),
        # years
        ("2019 – 2021", ("2019", "2021", False)),
        ("2019-2021", ("2019", "2021", False)),
        ("2019–21", ("2019", "2021", False)),
        ("2019 - 21", ("2019", "2021", False)),
        ("2011/12", ("2011", "2012", False)),
        ("(2018-2020)", ("2018", "2020", False)),
        ("2018 / 2020", ("2018", "2020", False)),
        ("2020 – current", ("2020", None, True)),
        ("1998 - 2002", ("1998", "2002", False)),
        # seasons, semesters, quarters
        ("Fall 2020 - Summer 2021", ("2020-09", "2021-06", False)),
        ("Autumn 2018 – Spring 2019", ("2018-09", "2019-03", False)),
        ("Winter 2020 - Spring 2020", ("2020-01", "2020-03", False)),
        ("Q3 2020 – Q1 2021", ("2020-07", "2021-01", False)),
        # open starts
        ("since 2018", ("2018", None, True)),
        ("Since March 2018", ("2018-03", None, True)),
        ("seit 2018", ("2018", None, True)),
        ("depuis 2018", ("2018", None, True)),
        ("desde 2018", ("2018", None, True)),
        ("a partir de 2020", ("2020", None, True)),
        ("2019 –", ("2019", None, True)),
        # German
        ("03.2019 – heute", ("2019-03", None, True)),
        ("März 2019 bis heute", ("2019-03", None, True)),
        ("Mär 2019 - Okt 2020", ("2019-03", "2020-10", False)),
        ("Januar 2017 bis Dezember 2018", ("2017-01", "2018-12", False)),
        ("10/2020 - aktuell", ("2020-10", None, True)),
        ("05.2016 – derzeit", ("2016-05", None, True)),
        ("Sommer 2019 – Herbst 2019", ("2019-06", "2019-09", False)),
        # French
        ("sept. 2019 – aujourd'hui", ("2019-09", None, True)),
        ("janv. 2019 à févr. 2020", ("2019-01", "2020-02", False)),
        ("févr. 2019 - déc. 2020", ("2019-02", "2020-12", False)),
        ("juillet 2015 – août 2016", ("2015-07", "2016-08", False)),
        ("mars 2021 - présent", ("2021-03", None, True)),
        ("2020 - en cours", ("2020", None, True)),
        # Spanish
        ("ene. 2019 - actualidad", ("2019-01", None, True)),
        ("dic. 2018 - mar. 2020", ("2018-12", "2020-03", False)),
        ("enero de 2019 hasta la fecha", ("2019-01", None, True)),
        ("septiembre 2017 - presente", ("2017-09", None, True)),
        ("abr 2016 - actual", ("2016-04", None, True)),
        # Portuguese
        ("jan 2019 - atual", ("2019-01", None, True)),
        ("jan 2019 - o momento", ("2019-01", None, True)),
        ("fev 2019 até o momento", ("2019-02", None, True)),
        ("março de 2018 a dezembro de 2019", ("2018-03", "2019-12", False)),
        ("out 2015 - set 2017", ("2015-10", "2017-09", False)),
    ],
)
def test_finds_range(text: str, expected: tuple[str | None, str | None, bool]) -> None:
    assert _summary(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", "2019"),
        ("May 2019", "2019-05"),
        ("'19", "2019"),
        ("Spring 2019", "2019-03"),
        ("Winter 2019/20", "2019-12"),
        ("WS 2019/20", "2019-10"),
        ("SS 2019", "2019-04"),
        ("March 15, 2020", "2020-03-15"),
        ("March 15th 2020", "2020-03-15"),
        ("15 March 2020", "2020-03-15"),
        ("1st March 2020", "2020-03-01"),
        ("15. März 2020", "2020-03-15"),
        ("15 de marzo de 2020", "2020-03-15"),
        ("2020-03-15", "2020-03-15"),
        ("2019-12", "2019-12"),
        ("BSc Computer Science, 2019", "2019"),
        ("Graduated in 2015 with honours", "2015"),
        ("Certified Scrum Master (Nov 2021)", "2021-11"),
        ("Class of '08", "2008"),
    ],
)
def test_lone_date_is_an_end_date(text: str, expected: str) -> None:
    assert _summary(text) == [(None, expected, False)]


@pytest.mark.parametrize(
    "text",
    [
        "+1 (555) 123-4567",
        "+49 30 2019 2020",
        "Tel: 0176 2012 3456",
        "10115 Berlin",
        "75001 Paris",
        "San Francisco, CA 94105",
        "10+ years of experience",
        "2000+ customers",
        "increased revenue by 2015%",
        "Python 3.11",
        "Python 3.11 - 3.12",
        "GPA 3.8/4.0",
        "GPA: 3.85 / 4.00",
        "4-6 people",
        "team of 12-15 engineers",
        "managed 2000 users",
        "over 2000 servers",
        "$2020 budget",
        "Windows 2000, Office 2019, SQL Server 2016",
        "ES2015 and ECMAScript 2017",
        "ISO 9001:2015",
        "1945 - 1949",
        "2040",
        "Present and current projects",
        "no digits at all",
        "",
        "the 1990s",
        "v2.2019.1",
    ],
)
def test_rejects_non_dates(text: str) -> None:
    assert find_date_ranges(text, today=TODAY) == []


def test_several_ranges_on_one_line_keep_their_spans() -> None:
    text = "Acme Corp | Jan 2018 - Feb 2019, then Mar 2019 – Present"
    found = find_date_ranges(text, today=TODAY)
    assert [r.text for r in found] == ["Jan 2018 - Feb 2019", "Mar 2019 – Present"]
    for r in found:
        assert text[r.span[0] : r.span[1]] == r.text


def test_reversed_range_is_two_lone_dates() -> None:
    assert _summary("2021 - 2019") == [(None, "2021", False), (None, "2019", False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020", PartialDate(2020)),
        ("Mar 2020", PartialDate(2020, 3)),
        ("(Mar 2020)", PartialDate(2020, 3)),
        ("2020-03-15", PartialDate(2020, 3, 15)),
        ("Fall 2019", PartialDate(2019, 9)),
        ("Mar '49", PartialDate(2049, 3)),
        ("Mar '50", PartialDate(1950, 3)),
        ("Jan 2020 - Mar 2020", None),
        ("Jan 2020 at Acme", None),
        ("hello", None),
        ("31.02.2020", None),
    ],
)
def test_parse_date(text: str, expected: PartialDate | None) -> None:
    assert parse_date(text) == expected


def test_parse_date_with_today_bounds_years() -> None:
    assert parse_date("2040", today=TODAY) is None
    assert parse_date("2032", today=TODAY) == PartialDate(2032)


@pytest.mark.parametrize(
    ("date_", "iso", "index"),
    [
        (PartialDate(2020), "2020", 2020 * 12),
        (PartialDate(2020, 3), "2020-03", 2020 * 12 + 2),
        (PartialDate(2020, 3, 5), "2020-03-05", 2020 * 12 + 2),
    ],
)
def test_partial_date_keeps_precision(date_: PartialDate, iso: str, index: int) -> None:
    assert date_.iso() == iso
    assert date_.to_month_index() == index


def test_partial_date_orders_by_known_parts() -> None:
    assert PartialDate(2019) < PartialDate(2019, 1) < PartialDate(2019, 1, 2) < PartialDate(2020)
    assert sorted([PartialDate(2021), PartialDate(2019, 5)]) == [
        PartialDate(2019, 5),
        PartialDate(2021),
    ]


@pytest.mark.parametrize(
    ("args", "error"),
    [((2020, 13), "month"), ((2020, 2, 30), "day"), ((2020, None, 3), "day")],
)
def test_partial_date_validates(args: tuple[int, int | None, int | None], error: str) -> None:
    with pytest.raises(ValueError, match=error):
        PartialDate(*args)


P = PartialDate


@pytest.mark.parametrize(
    ("ranges", "months"),
    [
        ([], 0),
        ([(P(2020, 1), P(2020, 12), False)], 12),
        ([(P(2020), P(2020), False)], 12),
        ([(P(2020, 1), P(2020, 3), False)], 3),
        ([(P(2020, 1), P(2020, 6), False), (P(2020, 4), P(2020, 9), False)], 9),
        ([(P(2020, 1), P(2020, 3), False), (P(2020, 4), P(2020, 6), False)], 6),
        ([(P(2018, 1), P(2018, 6), False), (P(2020, 1), P(2020, 6), False)], 12),
        ([(P(2026, 1), None, True)], 11),
        ([(P(2026, 1), P(2026, 3), True)], 11),
        ([(None, P(2019), False)], 0),
        ([(P(2021), P(2019), False)], 0),
        ([(P(2019, 1), P(2021, 12), False), (P(2020, 1), P(2020, 2), False)], 36),
    ],
)
def test_months_of_experience_merges_overlaps(
    ranges: list[tuple[PartialDate | None, PartialDate | None, bool]], months: int
) -> None:
    assert months_of_experience(ranges, today=TODAY) == months


@given(st.text(max_size=80))
def test_arbitrary_text_never_raises_and_spans_are_valid(text: str) -> None:
    for found in find_date_ranges(text, today=TODAY):
        _check(found, text)


_NOISE_TEXT = "Jan 2019 - – to present '19 / 03 . 2031 Fall seit 12 + 1/19 März heute ( ) , 2040"
_NOISE = [*_NOISE_TEXT.split(), " "]


@given(
    st.lists(
        st.sampled_from(_NOISE),
        max_size=12,
    )
)
def test_date_like_noise_keeps_years_in_range(parts: list[str]) -> None:
    text = "".join(parts)
    for found in find_date_ranges(text, today=TODAY):
        _check(found, text)


def _check(found: DateRange, text: str) -> None:
    start, end = found.span
    assert 0 <= start < end <= len(text)
    assert text[start:end] == found.text
    for d in (found.start, found.end):
        if d is not None:
            assert 1950 <= d.year <= TODAY.year + 6
    if found.is_current:
        assert found.end is None
    if found.start is not None and found.end is not None:
        assert found.start <= found.end


def _plain_alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@pytest.mark.parametrize(
    "text",
    ["Janvier 2020", "jan. 2020", "janeiro", "JUNE-JUNI", "mär märz", "a au al à", "sept set sep"],
)
def test_word_alternations_match_as_the_plain_longest_first_alternation(text: str) -> None:
    words = [*dates.MONTH_BY_NAME, *dates._SEP_WORDS, "a", "au", "al"]
    trie = re.compile(rf"(?:{dates._alt(words)})(?!\w)", re.IGNORECASE)
    plain = re.compile(rf"(?:{_plain_alternation(words)})(?!\w)", re.IGNORECASE)
    for start in range(len(text)):
        found, expected = trie.match(text, start), plain.match(text, start)
        assert (found and found.span()) == (expected and expected.span())


def test_a_range_whose_dash_ocr_lost_or_read_as_a_bar_is_still_a_range() -> None:
    today = date(2025, 1, 1)
    [current] = find_date_ranges("Berlin, Apr 2021 Present", today=today)
    assert (current.start, current.end, current.is_current) == (PartialDate(2021, 4), None, True)
    [closed] = find_date_ranges("Oct 2017 | Mar 2021", today=today)
    assert (closed.start, closed.end) == (PartialDate(2017, 10), PartialDate(2021, 3))
    assert all(r.start is None for r in find_date_ranges("2019 2020", today=today))
