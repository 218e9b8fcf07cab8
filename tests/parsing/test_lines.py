from dataclasses import replace

from resumate.document import Document, Page, TextItem
from resumate.parsing.lines import Line, document_lines, drop_page_furniture, drop_page_labels


def _item(text: str, x: float, y: float, size: float = 10.0) -> TextItem:
    return TextItem(text, x, y, x + 5.0 * len(text), y + size, font_size=size)


def test_items_on_one_baseline_form_one_line_with_cells_at_wide_gaps() -> None:
    items = (_item("Acme Inc.", 50, 100), _item("Jan 2020 – Present", 450, 101))
    doc = Document("pdf", (Page(0, 612, 792, items),))
    (line,) = document_lines(doc)
    assert [c.text for c in line.cells] == ["Acme Inc.", "Jan 2020 – Present"]


def test_close_words_merge_into_one_cell() -> None:
    items = (_item("Senior", 50, 100), _item("Engineer", 84, 100))
    (line,) = document_lines(Document("pdf", (Page(0, 612, 792, items),)))
    assert line.text == "Senior Engineer"
    assert len(line.cells) == 1


def test_a_style_change_inside_a_word_adds_no_space() -> None:
    items = (_item("Resu", 50, 100), _item("Mate", 70, 100))
    (line,) = document_lines(Document("pdf", (Page(0, 612, 792, items),)))
    assert line.text == "ResuMate"


def test_a_label_running_over_the_next_cell_stays_a_separate_word() -> None:
    # "High School" is wider than its column and ends 20 pt past where "Gatton" starts
    items = (_item("High School", 50, 100), _item("Gatton Academy", 85, 100))
    (line,) = document_lines(Document("pdf", (Page(0, 612, 792, items),)))
    assert line.text == "High School Gatton Academy"


def test_two_column_page_reads_left_column_then_right() -> None:
    left = [_item(f"Left column sentence number {i}", 40, 100 + 14 * i) for i in range(8)]
    right = [_item(f"Right column sentence number {i}", 330, 100 + 14 * i) for i in range(8)]
    doc = Document("pdf", (Page(0, 612, 792, tuple(left + right)),))
    texts = [ln.text for ln in document_lines(doc)]
    assert texts[:8] == [f"Left column sentence number {i}" for i in range(8)]
    assert texts[8:] == [f"Right column sentence number {i}" for i in range(8)]


def test_a_full_width_summary_above_two_columns_stays_on_top() -> None:
    summary = [_item("A long summary line that runs across the whole page " + "x" * 40, 40, 60)]
    left = [_item(f"Left column sentence number {i}", 40, 100 + 14 * i) for i in range(8)]
    right = [_item(f"Right column sentence number {i}", 400, 100 + 14 * i) for i in range(8)]
    doc = Document("pdf", (Page(0, 612, 792, tuple(summary + left + right)),))
    texts = [ln.text for ln in document_lines(doc)]
    assert texts[0].startswith("A long summary line")
    assert texts[1:9] == [f"Left column sentence number {i}" for i in range(8)]
    assert texts[9:] == [f"Right column sentence number {i}" for i in range(8)]


def test_lines_crossing_beside_a_right_hand_column_keep_the_page_one_column() -> None:
    rows = []
    for i in range(8):
        rows.append(_item("A title line", 40, 100 + 40 * i))
        rows.append(_item("New York City", 480, 100 + 40 * i))
        rows.append(
            _item(
                "A description sentence running well past the right edge " + "y" * 30,
                40,
                114 + 40 * i,
            )
        )
    doc = Document("pdf", (Page(0, 612, 792, tuple(rows)),))
    lines = document_lines(doc)
    assert lines[0].text == "A title line New York City"


def test_right_aligned_dates_are_not_a_column() -> None:
    rows = []
    for i in range(8):
        rows.append(_item(f"Company number {i} and a longer title", 40, 100 + 30 * i))
        rows.append(_item(f"Jan 20{10 + i} – Dec 20{11 + i}", 460, 100 + 30 * i))
    doc = Document("pdf", (Page(0, 612, 792, tuple(rows)),))
    lines = document_lines(doc)
    assert len(lines) == 8
    assert lines[0].text == "Company number 0 and a longer title Jan 2010 – Dec 2011"


def test_flow_documents_keep_their_order() -> None:
    items = (_item("B second", 50, 100), _item("A first", 50, 80))
    doc = Document("docx", (Page(0, 612, 792, items),), flow=True)
    assert [ln.text for ln in document_lines(doc)] == ["A first", "B second"]


def test_line_text_box_and_style_come_from_its_cells() -> None:
    cells = (
        TextItem("Senior", 10, 20, 50, 32, font_size=12.0, bold=True),
        TextItem("Engineer", 60, 18, 110, 30, font_size=11.0, bold=True),
        TextItem("2019", 300, 21, 350, 31, font_size=9.0),
    )
    line = Line(0, 0, cells, gap_above=4.0)
    assert line.text == "Senior Engineer 2019"
    assert (line.x0, line.y0, line.x1, line.y1) == (10, 18, 350, 32)
    assert line.font_size == 11.0  # the longest cell's
    assert line.is_bold
    assert replace(line, cells=cells[2:]).text == "2019"
    assert not replace(line, cells=cells[2:]).is_bold


def test_a_summary_across_the_page_above_a_sidebar_does_not_hide_the_columns() -> None:
    # contact details top right, a full-width summary, then main text and a sidebar
    contact = [_item("jane@example.com", 450, 40), _item("Lyon, France", 450, 54)]
    summary = [_item("A summary that runs the whole width of the page " + "z" * 40, 40, 90)]
    left = [_item(f"Main column sentence number {i}", 40, 130 + 14 * i) for i in range(10)]
    right = [_item(f"Sidebar skill group {i}", 430, 130 + 14 * i) for i in range(10)]
    doc = Document("pdf", (Page(0, 612, 792, tuple(contact + summary + left + right)),))
    texts = [ln.text for ln in document_lines(doc)]
    main = texts.index("Main column sentence number 0")
    assert texts[main : main + 10] == [f"Main column sentence number {i}" for i in range(10)]


def test_a_summary_read_as_two_items_across_the_gutter_does_not_hide_the_columns() -> None:
    # the summary line's second item starts left of the gutter and ends right of it
    summary = [_item("A summary set across the page in", 40, 90),
               _item("two pieces that pdfium read apart " + "y" * 20, 202, 90)]
    left = [_item(f"Main column sentence number {i}", 40, 130 + 14 * i) for i in range(10)]
    right = [_item(f"Sidebar skill {i}", 440, 130 + 14 * i) for i in range(10)]
    doc = Document("pdf", (Page(0, 612, 792, tuple(summary + left + right)),))
    texts = [ln.text for ln in document_lines(doc)]
    main = texts.index("Main column sentence number 0")
    assert texts[main : main + 10] == [f"Main column sentence number {i}" for i in range(10)]
    assert texts[main + 10 :] == [f"Sidebar skill {i}" for i in range(10)]


def test_dates_and_places_aligned_at_the_right_are_not_a_column() -> None:
    rows = []
    for i in range(6):
        y = 100 + 50 * i
        rows.append(_item(f"Engineer at Company number {i}", 40, y))
        rows.append(_item(f"Jan 201{i} – Dec 201{i}", 470, y))
        rows.append(_item("Acme Corporation headquarters", 40, y + 14))
        rows.append(_item("Berlin, Germany", 480, y + 14))
        rows.append(_item("Worked on the data platform", 40, y + 28))
        rows.append(_item("Munich, Germany", 480, y + 28))
    doc = Document("pdf", (Page(0, 612, 792, tuple(rows)),))
    texts = [ln.text for ln in document_lines(doc)]
    assert texts[:3] == [
        "Engineer at Company number 0 Jan 2010 – Dec 2010",
        "Acme Corporation headquarters Berlin, Germany",
        "Worked on the data platform Munich, Germany",
    ]


def test_a_sidebar_going_on_with_a_few_words_keeps_the_previous_pages_gutter() -> None:
    def page(number: int, sidebar: list[str]) -> Page:
        main = [
            _item(f"Main column sentence number {i} of page {number}", 40, 100 + 14 * i)
            for i in range(10)
        ]
        side = [_item(word, 430, 100 + 14 * i) for i, word in enumerate(sidebar)]
        return Page(number, 612, 792, tuple(main + side))

    first = page(0, [f"Sidebar skill group {i}" for i in range(10)])
    second = page(1, ["Links", "jane.dev", "github.com/jane", "Interests", "Chess"])
    texts = [ln.text for ln in document_lines(Document("pdf", (first, second)))]
    assert texts[20:30] == [f"Main column sentence number {i} of page 1" for i in range(10)]
    assert texts[30:] == ["Links", "jane.dev", "github.com/jane", "Interests", "Chess"]


def test_a_long_right_sidebar_of_mostly_single_words_is_a_column() -> None:
    main = [
        _item(f"Main column sentence number {i} of the page", 40, 100 + 14 * i) for i in range(24)
    ]
    words = [
        "Skills",
        "HTML",
        "CSS",
        "Javascript",
        "Education",
        "Master of Science",
        "Awards",
        "Best Award",
        "Languages",
        "English · Native",
        "Interests",
        "Wildlife photography",
        "Links",
        "foxk.io",
        "github.com/foxk",
        "Python",
        "Go",
        "Rust",
        "Docker Compose",
        "Kubernetes",
        "Amazon Web Services",
        "Azure",
    ]
    side = [_item(word, 470, 100 + 14 * i) for i, word in enumerate(words)]
    texts = [
        ln.text for ln in document_lines(Document("pdf", (Page(0, 612, 792, tuple(main + side)),)))
    ]
    assert texts[:24] == [f"Main column sentence number {i} of the page" for i in range(24)]
    assert texts[24:] == words


def test_a_left_column_of_single_word_labels_stays_beside_its_content() -> None:
    rows = []
    for i in range(22):
        rows.append(_item(f"Label{i}", 40, 100 + 14 * i))
        rows.append(_item(f"Content sentence number {i} beside its label", 200, 100 + 14 * i))
    texts = [ln.text for ln in document_lines(Document("pdf", (Page(0, 612, 792, tuple(rows)),)))]
    assert texts[0] == "Label0 Content sentence number 0 beside its label"


def test_page_numbers_and_a_footer_ending_in_the_page_count_are_dropped() -> None:
    def line(index: int, text: str, y: float) -> Line:
        return Line(index, 0, (_item(text, 40, y),), gap_above=4.0)

    lines = [
        line(0, "Jane Roe", 100),
        line(1, "Senior Engineer at Acme", 120),
        line(2, "Jane Roe - Page 1 of 3", 770),
        line(3, "2", 780),
    ]
    kept = drop_page_furniture(lines, {0: 792.0})
    assert [ln.text for ln in kept] == ["Jane Roe", "Senior Engineer at Acme"]


def test_page_labels_leave_text_without_pages_but_content_stays() -> None:
    texts = ["Docker, Kubernetes", "Jane Roe - Page 3 of 4", "Page 2", "Helm",
             "Reduced page load time from 3 of 4 seconds"]
    lines = [Line(i, 0, (_item(text, 0.0, 12.0 * i),), gap_above=2.0) for i, text in
             enumerate(texts)]
    kept = drop_page_labels(lines)
    assert [line.text for line in kept] == [texts[0], "Helm", texts[4]]
    assert [line.index for line in kept] == [0, 1, 2]


def _sidebar_page(main_headings: list[str]) -> list[str]:
    sidebar = ["CONTACT", "jane@example.com", "Lisbon, Portugal", "SKILLS", "Figma", "HTML",
               "CSS", "LANGUAGES", "Portuguese", "English"]
    main = [main_headings[0], "Designer who turns research into simple interfaces",
            main_headings[1], "Lead Product Designer, Atlântico Bank",
            "Led the redesign of the mobile app used by a million people", "Built a design system"]
    items = [_item(text, 24, 60 + 16.5 * i, size=8.0) for i, text in enumerate(sidebar)]
    items += [_item(text, 214, 60 + 19 * i, size=9.5) for i, text in enumerate(main)]
    return [ln.text for ln in document_lines(Document("pdf", (Page(0, 595, 842, tuple(items)),)))]


def test_a_sidebar_of_short_lines_with_sections_of_its_own_is_a_column() -> None:
    texts = _sidebar_page(["SUMMARY", "EXPERIENCE"])
    assert texts[:3] == ["CONTACT", "jane@example.com", "Lisbon, Portugal"]
    assert texts[10:12] == ["SUMMARY", "Designer who turns research into simple interfaces"]


def test_headings_on_one_side_only_are_labels_beside_the_content() -> None:
    texts = _sidebar_page(["Designer at Acme", "Product work for banks"])
    assert "CONTACT" in texts[0] and "Designer at Acme" in texts[0]


def _texts(items: tuple[TextItem, ...]) -> list[list[str]]:
    lines = document_lines(Document("pdf", (Page(0, 612, 792, items),)))
    return [[cell.text for cell in line.cells] for line in lines]


def test_a_larger_heading_floated_beside_a_row_goes_on_a_line_of_its_own() -> None:
    items = (
        _item("Phone", 60, 100),
        _item("555 0100", 120, 100),
        _item("Work", 300, 99, size=16.0),
        _item("Acme Corporation - Head Office", 60, 125, size=12.0),
        _item("Engineer", 60, 145),
    )
    assert _texts(items) == [
        ["Phone", "555 0100"],
        ["Work"],
        ["Acme Corporation - Head Office"],
        ["Engineer"],
    ]


def test_a_heading_beside_a_column_that_goes_on_stays_in_its_row() -> None:
    body = [_item(f"Built service number {i} for the team", 30, 100 + 12 * i) for i in range(4)]
    items = (*body, _item("Links", 480, 111, size=14.0))
    assert ["Built service number 0 for the team"] in _texts(items)
    assert ["Built service number 1 for the team", "Links"] in _texts(items)


def test_a_wrapped_label_ending_in_a_heading_word_stays_a_cell() -> None:
    items = (
        _item("Cloud", 60, 100),
        _item("Programming", 300, 100, size=14.0),
        _item("AWS", 60, 118),
        _item("Languages", 300, 118, size=14.0),
        _item("Go", 300, 136),
    )
    assert ["AWS", "Languages"] in _texts(items)
