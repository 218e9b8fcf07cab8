import datetime as dt
from dataclasses import replace

import pytest

import resumate
from resumate.document import TextItem
from resumate.parsing.fields.education import extract_education
from resumate.parsing.fields.headers import header_segments
from resumate.parsing.lines import Line

TODAY = dt.date(2026, 1, 1)


def _line(index: int, *cells: str) -> Line:
    items = tuple(
        TextItem(
            text,
            50.0 + 330 * i,
            14.0 * index,
            50.0 + 330 * i + 5 * len(text),
            14.0 * index + 10,
            font_size=10.0,
        )
        for i, text in enumerate(cells)
    )
    return Line(index, 0, items, gap_above=6.0)


def _summary(lines: list[Line]) -> list[tuple[str | None, str | None, str | None]]:
    entries, _meta = extract_education(lines, today=TODAY)
    return [(e.institution, e.studyType, e.area) for e in entries]


def test_a_school_without_a_school_word_is_the_name_that_is_not_a_field() -> None:
    lines = [
        _line(0, "Data Network Technologist, Bachelor, SENA"),
        _line(1, "Jan 2016 - Dec 2017"),
    ]
    assert _summary(lines) == [("SENA", "Bachelor", "Data Network Technologist")]


def test_degree_at_school_is_split_into_the_degree_and_the_school() -> None:
    lines = [
        _line(0, "Bachelor's Degree Computer Science at Politecnico di Torino", "2019 - 2021"),
    ]
    [(institution, study_type, _area)] = _summary(lines)
    assert institution == "Politecnico di Torino"
    assert study_type is not None and study_type.startswith("Bachelor")


def test_a_degree_line_wrapped_after_the_dates_keeps_the_school_whole() -> None:
    lines = [
        _line(0, "Master's Degree Computer Science at University of", "Oct 2021 - Jul 2024"),
        _line(1, "Turin"),
        _line(2, "Thesis: event-driven microservices"),
    ]
    lines[1] = Line(1, 0, lines[1].cells, gap_above=1.0)
    [(institution, _study_type, _area)] = _summary(lines)
    assert institution == "University of Turin"


def test_a_school_named_high_school_is_the_institution_not_the_degree() -> None:
    lines = [_line(0, "Cannock Chase High School, GCSE", "Sept 2009 – June 2014")]
    assert _summary(lines) == [("Cannock Chase High School", "GCSE", None)]


def test_a_school_written_right_after_the_degree_is_the_institution() -> None:
    lines = [_line(0, "B.Arch University of Oregon, Architecture", "Sept 2009 – June 2014")]
    assert _summary(lines) == [("University of Oregon", "B.Arch", "Architecture")]


def test_the_place_written_after_the_school_stays_with_it() -> None:
    lines = [_line(0, "Master of Science, EPITECH - Toulouse, France", "2014 - 2019")]
    assert _summary(lines) == [("EPITECH, Toulouse, France", "Master of Science", None)]


def test_a_school_name_wrapped_in_a_narrow_column_is_joined_again() -> None:
    lines = [
        _line(0, "Bachelor of Engineering", "2008 - 2012"),
        _line(1, "Manipal Institute of"),
        _line(2, "Technology"),
    ]
    lines[2] = Line(2, 0, lines[2].cells, gap_above=1.0)
    [(institution, _study_type, _area)] = _summary(lines)
    assert institution == "Manipal Institute of Technology"


def test_undated_entries_repeat_the_shape_of_the_first_line() -> None:
    lines = [
        _line(0, "Amazon Web Services — Certification in Cloud Engineering"),
        _line(1, "Relevant courses: Certified Cloud Practitioner"),
        _line(2, "Red Hat — Professional Development in Cloud Engineering"),
        _line(3, "Relevant courses: DO188 Containers"),
    ]
    assert [entry[0] for entry in _summary(lines)] == ["Amazon Web Services", "Red Hat"]
    assert _summary(lines)[0][1:] == ("Certification", "Cloud Engineering")


def test_a_unit_written_after_the_school_stays_with_it() -> None:
    lines = [_line(0, "University of Vermont, College of Engineering, PhD", "2015 - 2019")]
    [(institution, study_type, _area)] = _summary(lines)
    assert institution == "University of Vermont, College of Engineering"
    assert study_type == "PhD"


def test_a_courses_line_under_the_header_is_not_the_school() -> None:
    lines = [
        _line(0, "ECAM (Lyon, France) — Master in General engineering", "Sep 2012 – Sep 2017"),
        _line(1, "Relevant courses: Object Oriented Programming, Java"),
    ]
    assert _summary(lines) == [("ECAM (Lyon, France)", "Master", "General engineering")]


def test_entries_set_side_by_side_are_read_one_by_one() -> None:
    def row(index: int, *cells: tuple[float, str]) -> Line:
        items = tuple(TextItem(text, x, 14.0 * index, x + 5 * len(text), 14.0 * index + 10,
                               font_size=10.0) for x, text in cells)
        return Line(index, 0, items, gap_above=4.0)

    lines = [
        row(0, (65, "CIFP Manrique"), (205, "2012 - 2016"), (345, "Universidad de La Laguna")),
        row(1, (65, "2005 - 2011")),
    ]
    assert [(e.institution, e.startDate) for e in extract_education(lines, today=TODAY)[0]] == [
        ("CIFP Manrique", "2012"), ("Universidad de La Laguna", "2005"),
    ]


def test_the_field_of_study_goes_on_past_a_comma() -> None:
    header = "Stanford University, BS in Computer Science, Mathematics Minor"
    lines = [_line(0, header, "2010 - 2014")]
    assert _summary(lines) == [
        ("Stanford University", "BS", "Computer Science, Mathematics Minor")
    ]


def test_a_small_town_before_a_country_stays_with_the_school() -> None:
    lines = [_line(0, "Master, Manipal Institute of Technology - Manipal, India", "2014 - 2016")]
    [(institution, _study_type, _area)] = _summary(lines)
    assert institution == "Manipal Institute of Technology, Manipal, India"


def test_a_name_after_a_bare_degree_and_a_comma_is_the_field() -> None:
    lines = [
        _line(0, "Certification, Cloud Engineering"),
        _line(1, "Amazon Web Services"),
        _line(2, "2021 - 2022"),
    ]
    assert _summary(lines) == [("Amazon Web Services", "Certification", "Cloud Engineering")]


def test_a_school_after_a_bare_degree_stays_the_school() -> None:
    lines = [_line(0, "Bachelor", "CEFIT, System Technique", "Jan 2014 - Dec 2015")]
    [(institution, study_type, _area)] = _summary(lines)
    assert (institution, study_type) == ("CEFIT", "Bachelor")


def test_a_degree_set_under_the_school_beside_the_dates_belongs_to_the_entry() -> None:
    lines = [
        _line(0, "2015 - 2019", "University of New Haven"),
        Line(1, 0, (TextItem("Bachelor of Science: Computer Science", 404.0, 14.0, 600.0, 24.0,
                             font_size=10.0),), gap_above=4.0),
    ]
    expected = ("University of New Haven", "Bachelor of Science", "Computer Science")
    assert _summary(lines) == [expected]


def test_an_unknown_programme_written_kind_colon_field_is_read() -> None:
    lines = [_line(0, "ESILV", "2014 - 2015"), _line(1, "Erasmus Exchange: Financial Engineering")]
    lines[1] = Line(1, 0, lines[1].cells, gap_above=1.0)
    assert _summary(lines) == [("ESILV", "Erasmus Exchange", "Financial Engineering")]


def test_a_course_code_before_a_colon_is_not_a_programme() -> None:
    lines = [_line(0, "Red Hat", "2021 - 2022"),
             _line(1, "DO188: Containers, Kubernetes and Red Hat OpenShift")]
    [(_institution, study_type, _area)] = _summary(lines)
    assert study_type != "DO188"


def test_the_campus_of_a_school_named_for_a_state_stays_with_it() -> None:
    lines = [_line(0, "BS Computer Science, University of California, Davis", "2012 – 2016")]
    assert _summary(lines) == [("University of California, Davis", "BS", "Computer Science")]
    lines = [_line(0, "Centro Universitário Plinio Leite, Incomplete", "2012 – 2016")]
    [(institution, _study_type, _area)] = _summary(lines)
    assert institution == "Centro Universitário Plinio Leite"


def test_a_state_code_after_the_schools_town_is_not_a_degree() -> None:
    lines = [
        _line(0, "Northeastern University, Boston, MA"),
        _line(1, "M.S. in Data Science, May 2018"),
    ]
    assert _summary(lines) == [("Northeastern University, Boston, MA", "M.S.", "Data Science")]


def test_a_plain_text_list_without_dates_splits_at_its_blank_lines() -> None:
    text = (
        "Jane Roe\njane@example.org\n\nEducation\n\n"
        "Master of Science, Applied Mathematics\nUniversity of Maryland\n\n"
        "Bachelor of Science, Mathematics and Computer Science\nLoyola University New Orleans\n"
    )
    result = resumate.parse(text.encode(), filename="cv.txt")
    assert [(e.institution, e.studyType) for e in result.resume.education] == [
        ("University of Maryland", "Master of Science"),
        ("Loyola University New Orleans", "Bachelor of Science"),
    ]


def _narrow(index: int, text: str, gap: float) -> Line:
    item = TextItem(text, 440.0, 10.0 * index, 440.0 + 3.8 * len(text), 10.0 * index + 8.5,
                    font_size=7.6)
    return Line(index, 0, (item,), gap_above=gap)


def test_a_narrow_column_of_entries_without_dates_reads_each_entry_whole() -> None:
    """Entries set apart, each one's degree and school a little apart, every part wrapped."""
    rows = [
        ("Doctor of Philosophy (candidate, all", 0.0),
        ("but dissertation), Applied", 1.2),
        ("Mathematics and Statistics", 1.1),
        ("University of Maryland at College", 2.7),
        ("Park", 0.1),
        ("Master of Science, Applied", 10.3),
        ("Mathematics", 1.2),
        ("University of Maryland at College", 3.2),
        ("Park", 0.1),
        ("Bachelor of Science, Mathematics", 10.3),
        ("Loyola University New Orleans", 2.7),
        ("Lackawanna College", 10.3),  # short: the tight line under it is not its wrapped end
        ("Certification: Law Enforcement", 1.2),
    ]
    lines = [_narrow(i, text, gap) for i, (text, gap) in enumerate(rows)]
    assert [(school, degree) for school, degree, _area in _summary(lines)] == [
        ("University of Maryland at College Park", "Doctor of Philosophy"),
        ("University of Maryland at College Park", "Master of Science"),
        ("Loyola University New Orleans", "Bachelor of Science"),
        ("Lackawanna College", "Certification"),
    ]


def test_a_field_written_again_after_a_degree_that_names_it_is_read_once() -> None:
    lines = [
        _line(0, "CIFP Cesar Manrique — Higher Technician in Web Application Development in Web "
                 "Application Development", "Jan 2020 - Jan 2022"),
    ]
    assert _summary(lines) == [(
        "CIFP Cesar Manrique",
        "Higher Technician in Web Application Development",
        "Web Application Development",
    )]


def test_dates_then_a_long_degree_then_the_school_one_a_line_is_one_entry() -> None:
    lines = [
        _line(0, "Aug 2004 - Jun 2011"),
        _line(1, "Bachelor of Science Geographic Information Systems and Analytical Cartography"),
        _line(2, "The Ohio State University"),
    ]
    assert _summary(lines) == [(
        "The Ohio State University",
        "Bachelor of Science",
        "Geographic Information Systems and Analytical Cartography",
    )]


def test_a_school_named_with_a_hyphen_beside_an_em_dash_stays_whole() -> None:
    lines = [
        _line(0, "INSA Lyon - Institut National des Sciences Appliquées de Lyon — MSc in "
                 "Information Technology", "Sep 2003 – Sep 2006"),
        _line(1, "University of Maryland — Bachelor of Science - BS, Computer Science",
              "2018 – 2022"),
    ]
    assert _summary(lines) == [
        ("INSA Lyon - Institut National des Sciences Appliquées de Lyon", "MSc",
         "Information Technology"),
        ("University of Maryland", "Bachelor of Science", "Computer Science"),
    ]


def test_without_a_school_word_the_name_after_at_is_the_school() -> None:
    lines = [_line(0, "Course Object Oriented with Java at Coursera", "Feb 2018 - May 2018")]
    [(institution, _study_type, area)] = _summary(lines)
    assert (institution, area) == ("Coursera", "Course Object Oriented with Java")


def _tight(index: int, text: str) -> Line:
    """A line set right under the one above (a wrapped header's tail)."""
    item = TextItem(text, 50.0, 14.0 * index, 50.0 + 5 * len(text), 14.0 * index + 10, font_size=10)
    return Line(index, 0, (item,), gap_above=1.0)


def test_a_school_wrapped_after_a_joining_word_is_read_whole_after_its_degree() -> None:
    lines = [
        _line(0, "High School Mathematics and Computer Science at Gatton Academy of",
              "Aug 2008 - May 2010"),
        _tight(1, "Mathematics and Science"),
        _line(3, "University Technological Degree (DUT) Information Technology at",
              "Sept 1997 - Jun 1998"),
        _tight(4, "Université Paris XI (Orsay, FR)"),
    ]
    assert _summary(lines) == [
        ("Gatton Academy of Mathematics and Science", "High School",
         "Mathematics and Computer Science"),
        ("Université Paris XI (Orsay, FR)", "Degree (DUT)", "Information Technology"),
    ]


def _in_column(index: int, text: str, *, measure: float, right: float = 570.0) -> Line:
    """A line set flush right in a column `measure` points wide, tight under the one above."""
    width = 4.5 * len(text)
    item = TextItem(text, right - width, 12.0 * index, right, 12.0 * index + 10, font_size=9)
    return Line(index, 0, (item,), gap_above=1.2, column=2, measure=measure)


def test_a_degree_that_filled_its_column_runs_on_to_a_longer_tail() -> None:
    """The first word of the line below did not fit after the degree: the degree goes on."""
    rows = ["Bachelor of Science with Honours", "(First Class), Information Systems",
            "University of Cape Town"]
    lines = [_in_column(i, text, measure=160.0) for i, text in enumerate(rows)]
    lines[0] = replace(lines[0], gap_above=12.0)
    lines[2] = replace(lines[2], gap_above=4.0)  # the school: set a little apart
    assert [s.text for s in header_segments(lines, today=TODAY)] == [
        "Bachelor of Science with Honours (First Class), Information Systems",
        "University of Cape Town",
    ]
    assert _summary(lines) == [
        ("University of Cape Town", "Bachelor of Science", "Information Systems")]


def test_a_short_line_with_room_left_does_not_run_on_to_a_longer_line_below() -> None:
    rows = ["BSc, Marketing", "Information Systems and Design", "University of Cape Town"]
    lines = [_in_column(i, text, measure=160.0) for i, text in enumerate(rows)]
    lines[0] = replace(lines[0], gap_above=12.0)
    lines[2] = replace(lines[2], gap_above=4.0)
    assert [s.text for s in header_segments(lines, today=TODAY)] == rows
    assert _summary(lines)[0][1:] == ("BSc", "Marketing")


def test_a_degree_set_word_by_word_in_a_label_column_is_read_whole() -> None:
    """A narrow column of degrees beside the schools: "Master" / "of" / "Science"."""

    def cell(text: str, x0: float, x1: float, y: float) -> TextItem:
        return TextItem(text, x0, y, x1, y + 9, font_size=9.0, bold=True)

    lines = [
        Line(0, 0, (cell("Master", 62.4, 75.2, 0), cell("University of New Haven, Computer "
             "Science", 93.5, 282.3, 0), cell("Aug 2019 – Dec 2020", 465.6, 549.6, 0)), 6.5),
        Line(1, 0, (cell("of", 81.8, 91.0, 12),), 3.0),
        Line(2, 0, (cell("Science", 62.4, 82.8, 24),), 3.0),
        Line(3, 0, (cell("Bachelor", 62.4, 79.9, 50), cell("University of New Haven, Computer "
             "Science", 93.5, 282.3, 50), cell("Aug 2015 – May 2019", 464.2, 549.6, 50)), 17.0),
    ]
    assert _summary(lines) == [
        ("University of New Haven", "Master of Science", "Computer Science"),
        ("University of New Haven", "Bachelor", "Computer Science"),
    ]


@pytest.mark.parametrize(
    ("header", "entry"),
    [
        ("Sprettur ehf, Course, Test Driven Development",
         ("Sprettur ehf", "Course", "Test Driven Development")),
        ("Aalborg University, Training, Engineering Entrance",
         ("Aalborg University", "Training", "Engineering Entrance")),
    ],
)
def test_a_kind_of_programme_is_the_study_type_of_an_entry_without_a_degree(
    header: str, entry: tuple[str, str, str]
) -> None:
    assert _summary([_line(0, header, "May 2012")]) == [entry]


def test_the_field_on_the_line_under_a_header_naming_only_the_degree_is_its_area() -> None:
    lines = [
        _line(0, "University of Wisconsin, Milwaukee", "2002 - 2006"),
        _tight(1, "Bachelor of Business Administration"),
        _tight(2, "Management Information Systems"),
        _line(4, "Bourne Grammar School", "1995 - 2002"),
        _tight(5, "Secondary School"),
        _tight(6, "• Head of the debating society"),
    ]
    assert _summary(lines) == [
        ("University of Wisconsin, Milwaukee", "Bachelor of Business Administration",
         "Management Information Systems"),
        ("Bourne Grammar School", "Secondary School", None),
    ]


def test_a_school_wrapped_under_dates_read_into_its_line_goes_on_before_them() -> None:
    """OCR reads a line and its right-aligned dates as one cell; the school wraps below."""
    lines = [
        replace(_in_column(0, "Master of Science in Machine Learning at NYU Tandon Jan 2023 -"
                              " Jan 2025", measure=330.0), gap_above=12.0),
        _in_column(1, "School of Engineering", measure=330.0),
    ]
    assert _summary(lines) == [
        ("NYU Tandon School of Engineering", "Master of Science", "Machine Learning")]
