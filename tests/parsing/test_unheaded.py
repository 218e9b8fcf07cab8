from resumate.document import TextItem
from resumate.parsing.lines import Line
from resumate.parsing.sections import Section
from resumate.parsing.unheaded import programming_languages_as_skills, split_off_skill_lists


def _lines(*texts: str) -> tuple[Line, ...]:
    return tuple(
        Line(i, 0, (TextItem(text, 50.0, 14.0 * i, 400.0, 14.0 * i + 10),), gap_above=4.0)
        for i, text in enumerate(texts)
    )


VOLUNTEERING = (
    "Craftsmanship Canarias, Community Member | Jan 2022 - Mar 2024",
    "Delivered talks and workshops on XP and clean architecture.",
)
SKILL_LISTS = (
    "Backend: Kotlin, Java, Spring, Go, Python",
    "Frontend: React, Angular, TypeScript",
    "DevOps: Docker, Kubernetes, Helm, Jenkins",
)


def _kinds(sections: list[Section]) -> list[tuple[str, int]]:
    return [(section.kind, len(section.lines)) for section in sections]


def test_labelled_skill_lists_after_another_section_are_a_skills_section() -> None:
    sections = [Section("volunteer", None, _lines(*VOLUNTEERING, *SKILL_LISTS), 0.9)]
    assert _kinds(split_off_skill_lists(sections)) == [("volunteer", 2), ("skills", 3)]


def test_labelled_lists_of_other_things_stay_where_they_are() -> None:
    hobbies = ("Coffee: V60, Aeropress, Espresso", "Books: Dune, Emma, Ulysses",
               "Travel: Japan, Peru, Iceland")
    sections = [Section("interests", None, _lines(*hobbies), 0.9)]
    assert _kinds(split_off_skill_lists(sections)) == [("interests", 3)]


def test_a_resume_with_a_skills_section_keeps_its_sections() -> None:
    sections = [
        Section("volunteer", None, _lines(*VOLUNTEERING, *SKILL_LISTS), 0.9),
        Section("skills", None, _lines("Python, SQL"), 0.9),
    ]
    assert _kinds(split_off_skill_lists(sections)) == [("volunteer", 5), ("skills", 1)]


def _heading(text: str) -> Line:
    return Line(99, 0, (TextItem(text, 50.0, 0.0, 120.0, 12.0, bold=True),), gap_above=8.0)


def test_a_languages_group_of_programming_languages_is_skills_named_by_its_heading() -> None:
    lines = _lines("- JavaScript/TypeScript", "- Python", "- Ruby", "- C++", "- SystemVerilog")
    sections = [Section("languages", _heading("Languages"), lines, 0.9)]
    [section] = programming_languages_as_skills(sections)
    assert section.kind == "skills"
    assert [line.text for line in section.lines][:2] == ["Languages", "- JavaScript/TypeScript"]


def test_spoken_languages_with_some_programming_ones_stay_languages() -> None:
    lines = _lines("English", "Native speaker", "Python", "YAML", "JSON", "Java")
    sections = [Section("languages", _heading("Languages"), lines, 0.9)]
    assert programming_languages_as_skills(sections)[0].kind == "languages"


NO_HEADINGS = """Daniel Weber
daniel.weber@example.com | +1 415 555 0199 | Seattle, WA

Staff Software Engineer, Cascade Cloud
Jan 2021 – Present
- Led the migration of 200 services to Kubernetes.

Software Engineer, Rainier Systems
Jun 2016 – Dec 2020
- Built the billing pipeline in Go.

B.S. Computer Science, University of Washington, 2012 – 2016

Go, Kubernetes, Terraform, PostgreSQL, AWS
English (native), German (B1)
"""


def test_a_resume_without_headings_still_gives_its_jobs_schools_skills_and_languages() -> None:
    import datetime as dt

    import resumate

    options = resumate.ParseOptions(today=dt.date(2026, 1, 1), ocr="never")
    result = resumate.parse(NO_HEADINGS.encode(), filename="cv.txt", options=options)
    document = result.to_json_resume()
    assert [(w["name"], w["position"]) for w in document["work"]] == [
        ("Cascade Cloud", "Staff Software Engineer"), ("Rainier Systems", "Software Engineer"),
    ]
    assert [e["institution"] for e in document["education"]] == ["University of Washington"]
    assert document["skills"][0]["keywords"][:3] == ["Go", "Kubernetes", "Terraform"]
    assert [lang["language"] for lang in document["languages"]] == ["English", "German"]
    assert "summary" not in document["basics"]  # the contact line is not prose
    assert result.status == "ok"


def test_an_employers_domain_in_the_work_section_is_not_the_persons_website() -> None:
    import datetime as dt

    import resumate

    text = (
        "Sofia Rossi\nsofia.rossi@example.it\n\nEXPERIENCE\n"
        "Subito.it | Product Manager | Milan | 03/2016 – 12/2019\n- Owned the listing flow.\n"
    )
    options = resumate.ParseOptions(today=dt.date(2026, 1, 1), ocr="never")
    document = resumate.parse(text.encode(), filename="cv.txt", options=options).to_json_resume()
    assert "url" not in document["basics"]
    assert document["work"][0]["name"] == "Subito.it"


def test_an_employers_place_is_not_the_persons_location() -> None:
    import datetime as dt

    import resumate

    text = (
        "Priya Nair\npriya.nair@example.com\n\nPROFESSIONAL EXPERIENCE\n"
        f"INFOSYS LIMITED, Bangalore{' ' * 30}Jul 2019 – Present\nTechnology Analyst\n"
        "• Built microservices in Java.\n\n"
        f"WIPRO TECHNOLOGIES, Chennai{' ' * 29}Jun 2016 – Jun 2019\nSoftware Engineer\n"
        "• Maintained payment integrations.\n"
    )
    options = resumate.ParseOptions(today=dt.date(2026, 1, 1), ocr="never")
    document = resumate.parse(text.encode(), filename="cv.txt", options=options).to_json_resume()
    assert "location" not in document["basics"]
    assert document["work"][0]["location"] == "Bangalore"


def test_a_title_under_employer_town_and_dates_in_a_text_file_is_not_glued_to_the_town() -> None:
    import datetime as dt

    import resumate

    text = (
        "Priya Nair\npriya.nair@example.com\n\nPROFESSIONAL EXPERIENCE\n"
        "INFOSYS LIMITED, Bangalore   Jul 2019 – Present\nTechnology Analyst\n"
        "• Built microservices in Java.\n\n"
        "WIPRO TECHNOLOGIES, Chennai   Jun 2016 – Jun 2019\nSoftware Engineer\n"
        "• Maintained payment integrations.\n"
    )
    options = resumate.ParseOptions(today=dt.date(2026, 1, 1), ocr="never")
    document = resumate.parse(text.encode(), filename="cv.txt", options=options).to_json_resume()
    assert [(w["position"], w.get("location")) for w in document["work"]] == [
        ("Technology Analyst", "Bangalore"), ("Software Engineer", "Chennai"),
    ]
