from dataclasses import replace

import pytest

from resumate.document import TextItem
from resumate.parsing.headings import match_section_title, normalize_heading
from resumate.parsing.lines import Line
from resumate.parsing.sections import split_sections


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Experience", "work"),
        ("WORK EXPERIENCE", "work"),
        ("Professional Experience:", "work"),
        ("E X P E R I E N C E", "work"),
        ("Employment History", "work"),
        ("Berufserfahrung", "work"),
        ("Expérience professionnelle", "work"),
        ("Experiencia laboral", "work"),
        ("Experiência Profissional", "work"),
        ("Education", "education"),
        ("Education & Training", "education"),
        ("Ausbildung", "education"),
        ("Formación académica", "education"),
        ("Technical Skills", "skills"),
        ("Compétences", "skills"),
        ("Programming Languages", "skills"),
        ("Languages", "languages"),
        ("Sprachkenntnisse", "languages"),
        ("Idiomas", "languages"),
        ("Licenses & Certifications", "certificates"),
        ("Projects", "projects"),
        ("Honors & Awards", "awards"),
        ("Volunteer Experience", "volunteer"),
        ("Publications", "publications"),
        ("Hobbies", "interests"),
        ("Centres d'intérêt", "interests"),
        ("References", "references"),
        ("Summary", "summary"),
        ("About Me", "summary"),
        ("Über mich", "summary"),
        # the qualifier after the noun, as German, French, Spanish and Portuguese write it
        ("HABILIDADES TÉCNICAS", "skills"),
        ("Competências técnicas", "skills"),
        ("Perfil profesional", "summary"),
        ("Berufliche Erfahrung", "work"),
        ("Logros", "awards"),
    ],
)
def test_known_section_titles_are_recognised(text: str, kind: str) -> None:
    assert match_section_title(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Senior Software Engineer",
        "Managed a team of 5 engineers across three countries",
        "Jan 2020 – Present",
        "Acme Corporation",
        "",
    ],
)
def test_ordinary_lines_are_not_section_titles(text: str) -> None:
    assert match_section_title(text) is None


def test_letter_spaced_heading_is_normalised() -> None:
    assert normalize_heading("S K I L L S :") == "skills"


def _line(index: int, *cells: str, size: float = 10.0, bold: bool = False) -> Line:
    items = tuple(
        TextItem(text, 50.0 + 200 * i, 20.0 * index, 50.0 + 200 * i + 6 * len(text),
                 20.0 * index + size, font_size=size, bold=bold)
        for i, text in enumerate(cells)
    )
    return Line(index, 0, items, gap_above=8.0)


def test_sections_split_at_headings_and_keep_header_first() -> None:
    lines = [
        _line(0, "Jane Roe", size=20, bold=True),
        _line(1, "jane@example.com"),
        _line(2, "EXPERIENCE", size=12, bold=True),
        _line(3, "Engineer at Acme"),
        _line(4, "EDUCATION", size=12, bold=True),
        _line(5, "MIT"),
    ]
    sections = split_sections(lines)
    assert [s.kind for s in sections] == ["header", "work", "education"]
    assert [ln.text for ln in sections[1].lines] == ["Engineer at Acme"]


def test_label_column_heading_shares_its_line_with_content() -> None:
    lines = [
        _line(0, "Jane Roe", size=20), _line(1, "Work", "Senior Engineer"), _line(2, "Acme Inc."),
    ]
    sections = split_sections(lines)
    assert sections[-1].kind == "work"
    assert [ln.text for ln in sections[-1].lines] == ["Senior Engineer", "Acme Inc."]


def test_a_heading_word_wrapped_tightly_onto_a_table_row_starts_no_section() -> None:
    wrapped = _line(3, "Experience", "Experience team")
    lines = [
        _line(0, "Jane Roe", size=20),
        _line(1, "WORK", size=12, bold=True),
        _line(2, "Vice President - User", "2015 - 2016", "Hired a 10-person User"),
        Line(wrapped.index, 0, wrapped.cells, gap_above=2.5),
        _line(4, "Education", size=12, bold=True),
    ]
    sections = split_sections(lines)
    assert [s.kind for s in sections] == ["header", "work", "education"]
    assert "Experience Experience team" in [ln.text for ln in sections[1].lines]


def test_a_label_in_a_tight_table_of_labels_still_heads_its_section() -> None:
    def row(index: int, label: str, content: str) -> Line:
        items = (
            TextItem(label, 56, 14.0 * index, 56 + 6 * len(label), 14.0 * index + 10, font_size=10),
            TextItem(content, 200, 14.0 * index, 200 + 6 * len(content), 14.0 * index + 10,
                     font_size=10),
        )
        return Line(index, 0, items, gap_above=3.3)

    lines = [
        _line(0, "Katharina Vogel", size=20),
        _line(1, "Kenntnisse", size=13, bold=True),
        row(2, "EDV", "AutoCAD, Revit"),
        row(3, "Sprachen", "Deutsch (Muttersprache), Englisch (gut)"),
    ]
    assert [s.kind for s in split_sections(lines)] == ["header", "skills", "languages"]


def test_inline_heading_with_colon_keeps_the_content() -> None:
    lines = [_line(0, "Jane Roe", size=20), _line(1, "Skills: Python, Go")]
    sections = split_sections(lines)
    assert sections[-1].kind == "skills"
    assert sections[-1].lines[0].text == "Python, Go"


def _at(index: int, y: float, gap: float, *cells: tuple[float, str]) -> Line:
    items = tuple(TextItem(text, x, y, x + 5 * len(text), y + 10, font_size=10.0)
                  for x, text in cells)
    return Line(index, 0, items, gap_above=gap)


def test_a_label_centred_on_its_block_heads_the_whole_block() -> None:
    lines = [
        _at(0, 20, 0, (250, "Jane Roe")),
        _at(1, 60, 30, (250, "Backend: Ruby, Elixir, PHP")),
        _at(2, 74, 4, (50, "Skills"), (250, "Frontend: HTML, CSS, Vue")),
        _at(3, 88, 4, (250, "Admin: PostgreSQL, Redis")),
        _at(4, 128, 30, (50, "Languages"), (250, "English (native)")),
    ]
    sections = split_sections(lines)
    assert [s.kind for s in sections] == ["header", "skills", "languages"]
    assert [ln.text for ln in sections[1].lines] == [
        "Backend: Ruby, Elixir, PHP", "Frontend: HTML, CSS, Vue", "Admin: PostgreSQL, Redis",
    ]
    assert [ln.text for ln in sections[2].lines] == ["English (native)"]


def test_a_languages_group_in_a_skills_grid_stays_in_skills() -> None:
    lines = [
        _line(0, "Jane Roe", size=20),
        _line(1, "SKILLS", size=12, bold=True),
        _line(2, "Languages", "Frameworks", "Cloud"),
        _line(3, "Python, Go", "Django, React", "AWS, GCP"),
        _line(4, "Languages", "English (native), French (B2)"),
    ]
    sections = split_sections(lines)
    assert [s.kind for s in sections] == ["header", "skills", "languages"]
    assert [ln.text for ln in sections[1].lines] == [
        "Languages Frameworks Cloud", "Python, Go Django, React AWS, GCP",
    ]


def test_a_second_label_stacked_in_the_same_block_names_no_block() -> None:
    lines = [
        _at(0, 20, 0, (250, "Jane Roe")),
        _at(1, 60, 30, (250, "Backend: Ruby, Elixir, PHP")),
        _at(2, 74, 4, (50, "Skills"), (250, "Frontend: HTML, CSS, Vue")),
        _at(3, 88, 1, (50, "Summary"), (250, "Admin: PostgreSQL, Redis")),
        _at(4, 128, 30, (50, "Languages"), (250, "English (native)")),
    ]
    sections = split_sections(lines)
    assert [s.kind for s in sections] == ["header", "skills", "languages"]
    assert [ln.text for ln in sections[1].lines][-1] == "Admin: PostgreSQL, Redis"


def _in_column(index: int, page: int, column: int, text: str, *, size: float = 10.0) -> Line:
    x = 50.0 if column == 1 else 420.0
    item = TextItem(text, x, 20.0 * index, x + 5 * len(text), 20.0 * index + size, page=page,
                    font_size=size, bold=size > 10)
    return Line(index, page, (item,), gap_above=8.0, column=column)


def test_a_main_column_continued_on_the_next_page_resumes_its_own_section() -> None:
    lines = [
        _in_column(0, 0, 1, "Jane Roe", size=20),
        _in_column(1, 0, 1, "EXPERIENCE", size=12),
        _in_column(2, 0, 1, "Engineer, Acme Inc. 2019 - 2021"),
        _in_column(3, 0, 2, "SKILLS", size=12),
        _in_column(4, 0, 2, "Python"),
        _in_column(5, 1, 1, "Developer, Globex 2015 - 2019"),
        _in_column(6, 1, 2, "Go"),
    ]
    sections = split_sections(lines)
    assert [(s.kind, [ln.text for ln in s.lines]) for s in sections[1:]] == [
        ("work", ["Engineer, Acme Inc. 2019 - 2021"]),
        ("skills", ["Python"]),
        ("work", ["Developer, Globex 2015 - 2019"]),
        ("skills", ["Go"]),
    ]


def test_a_sidebar_read_after_the_main_column_opens_with_its_contact_lines() -> None:
    rows = [  # (column, y, text, size): the main column, then the sidebar from its top
        (1, 40.0, "Jane Roe", 20.0),
        (1, 100.0, "EXPERIENCE", 12.0),
        (1, 120.0, "Engineer, Acme Inc. 2019 - 2021", 10.0),
        (1, 140.0, "Built the billing service", 10.0),
        (2, 60.0, "jane@example.org", 10.0),
        (2, 80.0, "Plano, Texas, US", 10.0),
        (2, 100.0, "SKILLS", 12.0),
        (2, 120.0, "Python", 10.0),
    ]
    lines = []
    for index, (column, y, text, size) in enumerate(rows):
        x = 50.0 if column == 1 else 420.0
        item = TextItem(text, x, y, x + 5 * len(text), y + size, font_size=size, bold=size > 10)
        lines.append(Line(index, 0, (item,), gap_above=8.0, column=column))
    sections = split_sections(lines)
    assert [(s.kind, [ln.text for ln in s.lines]) for s in sections[1:]] == [
        ("work", ["Engineer, Acme Inc. 2019 - 2021", "Built the billing service"]),
        ("contact", ["jane@example.org", "Plano, Texas, US"]),
        ("skills", ["Python"]),
    ]


def test_a_heading_word_in_lower_case_among_body_text_is_content() -> None:
    lines = [
        _line(0, "Jane Roe", size=20, bold=True),
        _line(1, "EXPERIENCE", size=14, bold=True),
        _line(2, "Engineering manager, Acme"),
        _line(3, "formation"),  # a tag ("training") under the job, not the French "Education"
        _line(4, "EDUCATION", size=14, bold=True),
        _line(5, "MIT"),
    ]
    sections = split_sections(lines)
    assert [s.kind for s in sections] == ["header", "work", "education"]
    assert [ln.text for ln in sections[1].lines] == ["Engineering manager, Acme", "formation"]


def test_a_lower_case_heading_word_is_content_where_headings_are_capitals() -> None:
    # a flow document (Word 97, plain text): every line has the same size
    lines = [
        _line(0, "Jane Roe"),
        _line(1, "EXPERIENCE"),
        _line(2, "Engineering manager, Acme"),
        _line(3, "formation"),
        _line(4, "EDUCATION"),
        _line(5, "Boston University"),
    ]
    sections = split_sections(lines)
    assert [s.kind for s in sections] == ["header", "work", "education"]


def test_a_label_alone_on_its_line_beside_its_block_heads_the_whole_block() -> None:
    # the label overlaps the block's third line and wraps: "Professional Skills" / "Summary"
    lines = [
        _at(0, 20, 0, (250, "Jane Roe")),
        _at(1, 60, 30, (250, "Backend: Ruby, Elixir, PHP")),
        _at(2, 74, 4, (250, "Frontend: HTML, CSS, Vue")),
        _at(3, 84, 0, (50, "Professional Skills")),
        _at(4, 88, 0, (50, "Summary"), (250, "Admin: PostgreSQL, Redis")),
        _at(5, 128, 30, (50, "Languages"), (250, "English (native)")),
    ]
    sections = split_sections(lines)
    assert [s.kind for s in sections] == ["header", "skills", "languages"]
    assert [ln.text for ln in sections[1].lines] == [
        "Backend: Ruby, Elixir, PHP", "Frontend: HTML, CSS, Vue", "Admin: PostgreSQL, Redis",
    ]


def test_a_page_without_columns_goes_on_with_the_main_columns_section() -> None:
    lines = [
        _in_column(0, 0, 1, "Jane Roe", size=20),
        _in_column(1, 0, 1, "EXPERIENCE", size=12),
        _in_column(2, 0, 1, "Engineer, Acme Inc. 2019 - 2021 and a longer description"),
        _in_column(3, 0, 2, "LINKS", size=12),
        _in_column(4, 0, 2, "github.com/jane"),
        Line(5, 1, (TextItem("Developer, Globex 2015 - 2019", 50, 40, 200, 50, page=1),), 8.0),
    ]
    sections = split_sections(lines)
    assert [(s.kind, [ln.text for ln in s.lines]) for s in sections][-1] == (
        "work", ["Developer, Globex 2015 - 2019"]
    )


def test_a_section_title_in_body_style_inside_an_entry_is_content() -> None:
    lines = [
        _line(0, "Pete Jespersen", size=30, bold=True),
        _line(1, "Experience", size=12),
        _line(2, "Apacta A/S"),
        _line(3, "Education", size=12),
        _line(4, "Microsoft", bold=True),
        _line(5, "Certification"),  # the entry's degree, not a "Certificates" heading
        _line(6, "Azure Fundamentals", bold=True),
        _line(7, "Skills", size=12),
        _line(8, "Python"),
    ]
    sections = split_sections(lines)
    assert [s.kind for s in sections] == ["header", "work", "education", "skills"]
    assert "Certification" in [ln.text for ln in sections[2].lines]


def test_additional_information_ends_the_section_above_it() -> None:
    texts = [
        "Jane Roe", "WORK EXPERIENCE", "Analyst", "Acme - Pune, Maharashtra",
        "June 2016 to Present", "EDUCATION", "B.Tech", "Pune University", "2016", "SSC",
        "State Board", "2011", "SKILLS", "Python (2 years), SQL (1 year)",
        "ADDITIONAL INFORMATION", "Willing to relocate", "TECHNICAL SKILLS", "Python, R",
    ]
    sections = split_sections([_line(i, text) for i, text in enumerate(texts)])
    assert [(s.kind, s.title) for s in sections] == [
        ("header", ""), ("work", "WORK EXPERIENCE"), ("education", "EDUCATION"),
        ("skills", "SKILLS"), ("other", "ADDITIONAL INFORMATION"),
        ("skills", "TECHNICAL SKILLS"),
    ]
    assert [ln.text for ln in sections[2].lines][-3:] == ["SSC", "State Board", "2011"]


def test_an_entry_name_set_like_the_headings_above_its_dates_heads_no_section() -> None:
    """Headings and employers share one style; the employer is the line over the dates."""
    heading = {"size": 12.0}
    lines = [
        _line(0, "Jane Roe", size=20),
        _line(1, "About", **heading),
        _line(2, "I build distributed systems."),
        _line(3, "Experience", **heading),
        _line(4, "北京读我科技有限公司", **heading),
        _line(5, "April 2019 - Present"),
        _line(6, "技术专家"),
        _line(7, "Education", **heading),
        _line(8, "中国人民大学", **heading),
        _line(9, "2012 - 2015"),
        _line(10, "Skills", **heading),
        _line(11, "Go, Python"),
        _line(12, "Languages", **heading),
        _line(13, "English"),
    ]
    sections = split_sections(lines)
    assert [s.kind for s in sections] == [
        "header", "summary", "work", "education", "skills", "languages",
    ]
    assert sections[2].lines[0].text == "北京读我科技有限公司"


def test_a_smaller_title_right_under_a_heading_names_a_group_of_its_content() -> None:
    lines = [
        _line(0, "Jane Roe", size=20),
        _line(1, "Skills", size=13),
        _line(2, "Open Source", "Networking", size=9),
        _line(3, "Fedora Contributor", "BGP, OSPF", size=9),
        _line(4, "Education", size=13),
        _line(5, "MIT", size=9),
    ]
    sections = split_sections(lines)
    assert [s.kind for s in sections] == ["header", "skills", "education"]
    assert [ln.text for ln in sections[1].lines][:1] == ["Open Source Networking"]


def test_a_smaller_title_heading_a_dated_entry_under_a_heading_is_the_entrys_kind() -> None:
    lines = [
        _line(0, "Jane Roe", size=20),
        _line(1, "Education", size=14),
        _line(2, "Certification", "Microsoft, Azure Fundamentals", "May 2022", size=10),
        _line(3, "BSc", "Aalborg University, Computer Engineering", "2007 - 2012", size=10),
    ]
    sections = split_sections(lines)
    assert [s.kind for s in sections] == ["header", "education"]
    assert len(sections[1].lines) == 2


def test_a_label_drawn_beside_the_wrapped_end_of_another_labels_block_heads_nothing() -> None:
    """A label column: "Skills" beside its list, which wraps tightly onto two more lines; an
    empty section's label ("Summary") is drawn beside the last of them."""
    lines = [
        _line(0, "Jane Roe", size=20),
        _line(1, "Skills", "Software development: HTML, CSS, JavaScript, TypeScript, Web"),
        replace(_line(2, "Components, Lit, React, Tailwind, Next.js, Astro, Vite, Jest,"),
                gap_above=0.0),
        replace(_line(3, "Summary", "Node.js, Deno, npm, Yarn, REST, GraphQL, SQL, Git"),
                gap_above=0.0),
        _line(4, "Experience", "Senior Frontend Engineer at Reddit"),
    ]
    lines[2] = replace(lines[2], cells=(replace(lines[2].cells[0], x0=250.0, x1=560.0),))
    sections = split_sections(lines)
    skills = next(s for s in sections if s.kind == "skills")
    assert [ln.text[:10] for ln in skills.lines] == ["Software d", "Components", "Node.js, D"]
