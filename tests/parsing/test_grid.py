from resumate.document import TextItem
from resumate.parsing.fields.grid import read_grid_columns
from resumate.parsing.fields.skill_lists import extract_skills
from resumate.parsing.lines import Line


def _row(index: int, *cells: tuple[float, str, float]) -> Line:
    """Cells right-aligned on x1: (right edge, text, font size)."""
    items = tuple(
        TextItem(text, x1 - 5 * len(text), 12.0 * index, x1, 12.0 * index + size, font_size=size)
        for x1, text, size in cells
    )
    return Line(index, 0, items, gap_above=2.0)


def _sidebar() -> list[Line]:
    return [
        _row(0, (490, "Programming", 9.7), (568, "Data systems", 9.7)),
        _row(1, (490, "Language", 9.7), (568, "MySQL, TiDB", 7.6)),
        _row(2, (490, "Go", 7.6), (568, "Prometheus", 7.6)),
        _row(3, (490, "Python", 7.6), (568, "Redis", 7.6)),
        _row(4, (568, "Kafka", 7.6)),
    ]


def test_a_grid_of_right_aligned_columns_is_read_column_by_column() -> None:
    texts = [line.text for line in read_grid_columns(_sidebar())]
    assert texts == [
        "Programming Language",
        "Go",
        "Python",
        "Data systems",
        "MySQL, TiDB",
        "Prometheus",
        "Redis",
        "Kafka",
    ]


def test_a_skills_grid_gives_one_group_per_column() -> None:
    skills, _sources, _meta = extract_skills(_sidebar())
    assert [(s.name, s.keywords) for s in skills] == [
        ("Programming Language", ["Go", "Python"]),
        ("Data systems", ["MySQL", "TiDB", "Prometheus", "Redis", "Kafka"]),
    ]


def test_lines_that_do_not_line_up_are_left_as_they_are() -> None:
    lines = [
        _row(0, (300, "Python, Go", 9.0)),
        _row(1, (250, "Docker", 9.0), (420, "Kubernetes", 9.0)),
        _row(2, (330, "AWS, GCP", 9.0)),
    ]
    assert read_grid_columns(lines) == lines


def test_left_edges_that_wander_a_little_still_make_columns() -> None:
    # OCR boxes: the left edges of one column spread over a few points
    def row(index: int, *cells: tuple[float, str]) -> Line:
        items = tuple(
            TextItem(t, x, 14.0 * index, x + 6 * len(t), 14.0 * index + 9) for x, t in cells
        )
        return Line(index, 0, items, gap_above=4.0)

    lines = [
        row(0, (44.9, "Jenkins"), (220.1, "Scripting")),
        row(1, (45.5, "Intermediate"), (219.5, "Advanced")),
        row(2, (43.2, "DevOps"), (218.9, "Automation")),
        row(3, (41.0, "Kubernetes"), (215.6, "Docker")),
    ]
    texts = [line.text for line in read_grid_columns(lines)]
    assert texts == [
        "Jenkins",
        "Intermediate",
        "DevOps",
        "Kubernetes",
        "Scripting",
        "Advanced",
        "Automation",
        "Docker",
    ]


def _bulleted(index: int, *cells: str) -> Line:
    items = tuple(
        TextItem(text, 20.0 * i, 12.0 * index, 20.0 * i + 6 * len(text), 12.0 * index + 10)
        for i, text in enumerate(cells)
    )
    return Line(index, 0, items, gap_above=2.0)


def test_group_names_over_bulleted_items_are_groups_not_a_grid() -> None:
    lines = [
        _bulleted(0, "Backend"),
        _bulleted(1, "-", "Kotlin"),
        _bulleted(2, "-", "Java"),
        _bulleted(3, "Frontend"),
        _bulleted(4, "-", "React"),
        _bulleted(5, "-", "Angular"),
    ]
    groups, _sources, _metas = extract_skills(lines)
    assert [(g.name, g.keywords) for g in groups] == [
        ("Backend", ["Kotlin", "Java"]), ("Frontend", ["React", "Angular"]),
    ]


def _spaced(index: int, y: float, gap: float, text: str) -> Line:
    item = TextItem(text, 200.0, y, 200.0 + 5 * len(text), y + 9.0, font_size=9.0)
    return Line(index, 0, (item,), gap_above=gap)


def test_a_labelled_list_wrapped_onto_a_tight_line_goes_on_there() -> None:
    lines = [
        _spaced(0, 186, 7.0, "Project Management (Expert): Requirements Analysis, Software"),
        _spaced(1, 199, 4.0, "Design"),
        _spaced(2, 215, 7.0, "DevOps (Advanced): Jenkins, Ansible"),
        _spaced(3, 232, 7.0, "Cloud (Expert): AWS, GCP"),
    ]
    groups, _sources, _metas = extract_skills(lines)
    assert groups[0].keywords == ["Requirements Analysis", "Software Design"]
    assert [g.name for g in groups] == ["Project Management", "DevOps", "Cloud"]


def test_a_line_spaced_like_the_groups_is_not_a_wrapped_tail() -> None:
    lines = [
        _spaced(0, 600, 5.0, "Operations (Intermediate): AWS, GCP, Azure"),
        _spaced(1, 614, 5.0, "Android & Web Development (Intermediate)"),
        _spaced(2, 628, 5.0, "Cloud (Expert): AWS, GCP"),
    ]
    groups, _sources, _metas = extract_skills(lines)
    assert groups[0].keywords[:3] == ["AWS", "GCP", "Azure"]


def _table_row(index: int, label: str, rest: str) -> Line:
    items = (
        TextItem(label, 64, 14.0 * index, 64 + 5 * len(label), 14.0 * index + 10, font_size=10),
        TextItem(rest, 174, 14.0 * index, 174 + 5 * len(rest), 14.0 * index + 10, font_size=10),
    )
    return Line(index, 0, items, gap_above=4.0)


def test_a_table_rows_label_names_its_skills() -> None:
    lines = [
        _table_row(0, "Technical", "Go, Python, Django, PostgreSQL"),
        _table_row(1, "Tools", "Git, Docker"),
    ]
    groups, _sources, _metas = extract_skills(lines)
    assert [(g.name, g.keywords) for g in groups] == [
        ("Technical", ["Go", "Python", "Django", "PostgreSQL"]), ("Tools", ["Git", "Docker"]),
    ]


def test_a_skill_beside_a_list_in_a_grid_is_not_a_label() -> None:
    lines = [
        _table_row(0, "Observability", "Web frameworks (Phoenix, Ruby on Rails)"),
        _table_row(1, "Python", "Rust, Go"),
    ]
    groups, _sources, _metas = extract_skills(lines)
    assert all(g.name is None for g in groups)


def test_a_skill_with_its_level_after_a_dash_is_one_skill() -> None:
    lines = [_table_row(0, "• Java — Expert", ""), _table_row(1, "• SQL — Intermediate", "")]
    lines = [Line(ln.index, 0, ln.cells[:1], 4.0) for ln in lines]
    groups, _sources, _metas = extract_skills(lines)
    assert [(g.name, g.level, g.keywords) for g in groups] == [
        ("Java", "Expert", []), ("SQL", "Intermediate", []),
    ]


def _columns(index: int, size: float, *texts: str) -> Line:
    items = tuple(
        TextItem(text, 60.0 + 170 * i, 14.0 * index, 60.0 + 170 * i + 5 * len(text),
                 14.0 * index + size, font_size=size)
        for i, text in enumerate(texts)
    )
    return Line(index, 0, items, gap_above=2.0)


def test_a_row_of_larger_group_names_heads_the_lists_below_without_bold() -> None:
    # a scan: no bold, the group names read a size larger, "·" read as "-"
    lines = [
        _columns(0, 11.8, "Languages", "Infrastructure"),
        _columns(1, 9.6, "Python - SQL - Bash -", "Linux - AWS -"),
        _columns(2, 9.6, "Edge Deployment - PyTorch", "GCP - ETL"),
    ]
    groups, _sources, _metas = extract_skills(lines)
    assert [(g.name, g.keywords) for g in groups] == [
        ("Languages", ["Python", "SQL", "Bash", "Edge Deployment", "PyTorch"]),
        ("Infrastructure", ["Linux", "AWS", "GCP", "ETL"]),
    ]
