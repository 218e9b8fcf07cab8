import datetime as dt
from dataclasses import replace

import pytest

from resumate.document import TextItem
from resumate.parsing.fields.headers import header_segments
from resumate.parsing.fields.lists import extract_projects
from resumate.parsing.fields.work import extract_work
from resumate.parsing.lines import Line

TODAY = dt.date(2026, 1, 1)


def _line(index: int, *cells: str, x0: float = 50.0) -> Line:
    items = tuple(
        TextItem(text, x0 + 330 * i, 14.0 * index, x0 + 330 * i + 5 * len(text),
                 14.0 * index + 10, font_size=10.0)
        for i, text in enumerate(cells)
    )
    return Line(index, 0, items, gap_above=4.0)


def test_a_description_beside_the_dates_is_summary_not_employer() -> None:
    lines = [
        _line(0, "Alloy, Senior Design Engineer", "New York City"),
        _line(1, "Design engineering at a fraud prevention platform for banks", "Sep 2024 – now"),
        _line(2, "• Led the migration of the front end", x0=60),
        _line(3, "Droit, Senior UI Engineer", "New York City"),
        _line(4, "Front-end development at a regulatory compliance platform", "10/2023 – 8/2024"),
        _line(5, "• Shipped a reporting application", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [
        ("Alloy", "Senior Design Engineer"), ("Droit", "Senior UI Engineer"),
    ]
    assert works[0].summary == "Design engineering at a fraud prevention platform for banks"
    assert works[1].startDate == "2023-10" and works[1].endDate == "2024-08"


def test_a_short_title_beside_the_dates_stays_a_header_segment() -> None:
    lines = [
        _line(0, "Acme Corporation"),
        _line(1, "Senior Software Engineer", "Jan 2020 – Mar 2022"),
        _line(2, "• Built the billing system", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position, w.summary) for w in works] == [
        ("Acme Corporation", "Senior Software Engineer", None),
    ]


def test_a_town_known_by_its_state_is_the_location_not_the_employer() -> None:
    lines = [
        _line(0, "Addison, Texas | Credera"),
        _line(1, "Senior Consultant", "Jun 2019 – May 2022"),
        _line(2, "• Led a data platform migration", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position, w.location) for w in works] == [
        ("Credera", "Senior Consultant", "Addison, Texas"),
    ]


def test_a_place_wrapped_in_its_cell_is_the_location_and_not_the_employer() -> None:
    lines = [
        _line(0, "Lean Mind, Lead Software Developer", "Santa Cruz de Tenerife,"),
        _line(1, "Technical leadership of teams and training in practices.", "Spain"),
        _line(2, "Training on TDD, XP and refactoring.", "Feb 2025 – present"),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position, w.location) for w in works] == [
        ("Lean Mind", "Lead Software Developer", "Santa Cruz de Tenerife, Spain"),
    ]


def test_a_title_with_a_comma_in_it_and_an_employer_with_a_legal_form_split_right() -> None:
    lines = [
        _line(0, "Web Developer, System Administrator, Interact-iv", "2015 – 2017"),
        _line(1, "Software Engineer, iQIYI, Inc", "2017 – 2019"),
        _line(2, "Stanford University, Research Assistant, Department of Physics", "2019 – 2020"),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [
        ("Interact-iv", "Web Developer, System Administrator"),
        ("iQIYI, Inc", "Software Engineer"),
        ("Stanford University", "Research Assistant, Department of Physics"),
    ]


def test_a_place_after_the_employer_is_split_off_as_the_location() -> None:
    lines = [
        _line(0, "EyeCue Lab, Portland, Oregon"),
        _line(1, "Software Engineer", "2015 – 2017"),
        _line(2, "• Built interactive exhibits", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position, w.location) for w in works] == [
        ("EyeCue Lab", "Software Engineer", "Portland, Oregon"),
    ]


def test_an_employer_named_by_its_domain_keeps_its_name_but_links_are_not_names() -> None:
    lines = [
        _line(0, "Castle.io", "https://castle.io/about"),
        _line(1, "Senior Engineer", "2019 – 2021"),
        _line(2, "• Built the fraud engine", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position, w.url) for w in works] == [
        ("Castle.io", "Senior Engineer", "https://castle.io/about"),
    ]


def test_a_short_title_does_not_wrap_onto_the_employer_below_it() -> None:
    lines = [
        _line(0, "Contractor (design, server admin)", "Jan 2009 – Jan 2012"),
        _line(1, "AllergyCosmos"),
        _line(2, "• Built and maintained the web servers", x0=60),
    ]
    title = replace(lines[0].cells[0], bold=True)  # a bold title, the employer plain below
    lines[0] = Line(0, 0, (title, lines[0].cells[1]), gap_above=4.0)
    lines[1] = Line(1, 0, lines[1].cells, gap_above=3.0)  # set tight under the title
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [
        ("AllergyCosmos", "Contractor (design, server admin)"),
    ]


def test_a_tagline_beside_the_employer_is_not_the_employer() -> None:
    lines = [
        _line(0, "Senior Software Engineer"),
        _line(1, "Forte · Practice management software for architecture firms"),
        _line(2, "Jul 2022 – Mar 2023"),
        _line(3, "• Built the first version of the app", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [("Forte", "Senior Software Engineer")]


def test_a_lower_case_description_is_not_the_employer_even_with_a_company_word() -> None:
    lines = [
        _line(0, "Frontend Developer — Travix · Online travel agency", "2018 – 2020"),
        _line(1, "• Built the booking flow", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [("Travix", "Frontend Developer")]


def test_a_city_written_with_city_or_area_is_a_place() -> None:
    lines = [
        _line(0, "Baufest | Buenos Aires City"),
        _line(1, "Java Developer", "2008 – 2010"),
        _line(2, "• Built integrations", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position, w.location) for w in works] == [
        ("Baufest", "Java Developer", "Buenos Aires City"),
    ]


def _styled(index: int, text: str, *, x0: float = 50.0, bold: bool = False,
            gap: float = 8.0) -> Line:
    item = TextItem(text, x0, 14.0 * index, x0 + 5 * len(text), 14.0 * index + 10,
                    font_size=10.0, bold=bold)
    return Line(index, 0, (item,), gap_above=gap)


def test_an_employer_over_a_group_of_roles_heads_them_all() -> None:
    lines = [
        _styled(0, "Senior Frontend Engineer", bold=True),
        _styled(1, "Reddit"),
        _styled(2, "Mar 2022 – Present"),
        _styled(3, "Built the trading client platform and its release tooling.", x0=60),
        _styled(4, "Travix", bold=True),
        _styled(5, "Online travel agency"),
        _styled(6, "Frontend Tech Lead"),
        _styled(7, "Mar 2020 – Apr 2021"),
        _styled(8, "Develop flexible layout components with both responsive and", x0=60),
        _styled(9, "adaptive support.", x0=60, gap=1.0),
        _styled(10, "Senior Frontend Developer"),
        _styled(11, "Aug 2019 – Feb 2020"),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works][1:] == [
        ("Travix", "Frontend Tech Lead"), ("Travix", "Senior Frontend Developer"),
    ]


def test_a_short_title_far_from_its_dates_does_not_run_on_to_the_employer() -> None:
    # a scan: every line has one style, so only the room left beside the title tells
    lines = [
        _line(0, "Cloud Architect & Interim CIO", "Jan 2026 – present"),
        replace(_line(1, "Nimbus GmbH"), gap_above=1.0),
        _line(2, "• Strategic consulting and cloud engineering for executives", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [
        ("Nimbus GmbH", "Cloud Architect & Interim CIO")
    ]


def test_dates_split_over_two_cells_without_their_dash_are_one_range() -> None:
    lines = [
        _line(0, "Web Developer, Kranich Media"),
        _line(1, "Hamburg, Oct 2017", "Mar 2021"),
        _line(2, "- Built 25 marketing sites with Vue.js.", x0=60),
    ]
    [job], _meta = extract_work(lines, today=TODAY)
    assert (job.startDate, job.endDate) == ("2017-10", "2021-03")


def _employers(*headers: tuple[str, str]) -> list[str | None]:
    lines = []
    for employer, title in headers:
        lines += [_line(len(lines), title), _line(len(lines) + 1, employer, "Jan 2019 – Mar 2021")]
    works, _meta = extract_work(lines, today=TODAY)
    return [work.name for work in works]


def test_an_employer_goes_on_past_a_dash_to_its_unit_or_client() -> None:
    assert _employers(
        ("Department of Defense - National Security Agency", "Signals Analyst"),
        ("X-Team - Riot Games", "Mobile Engineer"),
    ) == ["Department of Defense - National Security Agency", "X-Team - Riot Games"]


def test_a_place_or_a_complete_company_name_ends_the_employer_at_the_dash() -> None:
    assert _employers(
        ("Kitchology Inc. – Germantown", "Web Developer"),
        ("Wipro – Delhi NCR", "Software Engineer"),
    ) == ["Kitchology Inc.", "Wipro"]


def _titles(*headers: tuple[str, str]) -> list[str | None]:
    lines = []
    for title, employer in headers:
        lines += [_line(len(lines), title), _line(len(lines) + 1, employer, "Jan 2019 – Mar 2021")]
    works, _meta = extract_work(lines, today=TODAY)
    return [work.position for work in works]


def test_a_title_goes_on_past_a_dash_to_its_speciality() -> None:
    assert _titles(
        ("Vice President - User Experience", "Acme Corporation"),
        ("Software Engineer • Team Lead", "Globex Inc"),
        ("Senior Staff Engineer - 18 months", "Initech LLC"),
    ) == ["Vice President - User Experience", "Software Engineer • Team Lead",
          "Senior Staff Engineer"]


def test_the_previous_roles_indented_highlights_do_not_head_the_next_role() -> None:
    lines = [
        _line(0, "Teravision Technologies"),
        _line(1, "Senior Full-Stack Developer"),
        _line(2, "May 2017 – Present"),
        _line(3, "Implemented Git workflow for my teams.", x0=60),
        _line(4, "Supported the company interview process.", x0=60),
        _line(5, "Semi Senior Full-Stack Developer"),
        _line(6, "Aug 2016 – Apr 2017"),
        _line(7, "Implemented a Seat Map Creator using Canvas.", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [
        ("Teravision Technologies", "Senior Full-Stack Developer"),
        ("Teravision Technologies", "Semi Senior Full-Stack Developer"),
    ]


def test_a_larger_title_set_tight_under_the_last_highlight_still_heads_its_entry() -> None:
    big = TextItem("Software Engineer Intern", 50.0, 62.0, 250.0, 78.0, font_size=16.4, bold=True)
    lines = [
        _line(0, "Senior Software Engineer"),
        _line(1, "Pointman"),
        _line(2, "Mar 2017 – May 2020"),
        _line(3, "resulting in a more stable experience with fewer bugs.", x0=60),
        Line(4, 0, (big,), gap_above=-4.0),
        replace(_line(5, "Argyle Technology Group"), cells=(
            TextItem("Argyle Technology Group", 50.0, 84.0, 200.0, 94.0, font_size=10.0,
                     bold=True),)),
        _line(6, "May 2016 – Aug 2016"),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works][1] == (
        "Argyle Technology Group", "Software Engineer Intern")


def test_a_place_written_before_the_title_is_the_location() -> None:
    lines = [_line(0, "Wavy - Paris, France, Frontend/Mobile Developer", "Jan 2019 – Mar 2021")]
    [job], _meta = extract_work(lines, today=TODAY)
    assert (job.name, job.position, job.location) == (
        "Wavy", "Frontend/Mobile Developer", "Paris, France")


def test_a_project_headed_by_the_authors_title_is_named_by_the_line_under_it() -> None:
    lines = [
        _line(0, "Full Stack Engineer", "Aug 2024 - Aug 2024"),
        _line(1, "Fairpay"),
        _line(2, "A gasless crowdfunding platform built during a hackathon.", x0=60),
        _line(3, "Artist Bundle", "Jan 2023 - Mar 2023"),
        _line(4, "A storefront for musicians.", x0=60),
    ]
    projects, _meta = extract_projects(lines, today=TODAY)
    assert [(p.name, p.roles) for p in projects] == [
        ("Fairpay", ["Full Stack Engineer"]), ("Artist Bundle", []),
    ]


def test_a_period_repeated_right_below_the_dates_is_the_same_job() -> None:
    lines = [
        _line(0, "Lead Engineer - Automation & Testing"),
        _line(1, "Cisco Systems -"),
        _line(2, "January 2014 to June 2015"),
        _line(3, "DURATION Jan-2014 to Jun-2015"),
        _line(4, "TEAM SIZE 20"),
        _line(5, "• Automated around 1000 cases in the SNMP module.", x0=60),
        _line(6, "Major Incident Manager"),
        _line(7, "Microsoft India -"),
        _line(8, "June 2016 to Present"),
        _line(9, "June 2016 - Till date"),
        _line(10, "Roles and Responsibilities:"),
        _line(11, "• Leading a team of twenty engineers.", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position, w.startDate, w.endDate) for w in works] == [
        ("Cisco Systems", "Lead Engineer - Automation & Testing", "2014-01", "2015-06"),
        ("Microsoft India", "Major Incident Manager", "2016-06", None),
    ]


def test_two_jobs_with_the_same_dates_stay_two_jobs() -> None:
    lines = [
        _line(0, "Webmaster, Peterborough Mountaineering Club", "Dec 2018 – Present"),
        _line(1, "Editor, Peterborough Mountaineering Club", "Dec 2018 – Present"),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [w.position for w in works] == ["Webmaster", "Editor"]


def test_a_place_on_its_own_line_under_the_header_is_the_jobs_location() -> None:
    lines = [
        _line(0, "Senior UX Researcher · Hikari Travel", "Apr 2021 – Present"),
        _line(1, "Osaka"),
        _line(2, "• Ran 40 interviews a quarter.", x0=60),
        _line(3, "UX Researcher · Momiji Retail", "Jun 2017 – Mar 2021"),
        _line(4, "Kyoto"),
        _line(5, "• Tested checkout flows.", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.location, w.highlights) for w in works] == [
        ("Hikari Travel", "Osaka", ["Ran 40 interviews a quarter."]),
        ("Momiji Retail", "Kyoto", ["Tested checkout flows."]),
    ]


def test_the_brackets_that_held_the_dates_leave_the_employer() -> None:
    lines = [
        _line(0, "Nexi Payments (Jan 2020 – Present)"),
        _line(1, "Senior Product Manager"),
        _line(2, "• Launched instant payouts.", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [("Nexi Payments", "Senior Product Manager")]


def test_title_chez_or_bei_the_employer_is_split_like_title_at_employer() -> None:
    lines = [
        _line(0, "Ingénieur DevOps chez Océane Logistique"),
        _line(1, "Janv. 2020 – aujourd'hui, Nantes"),
        _line(2, "Entwickler bei Isar Digital GmbH"),
        _line(3, "10/2014 – 02/2019"),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [
        ("Océane Logistique", "Ingénieur DevOps"), ("Isar Digital GmbH", "Entwickler"),
    ]


def test_the_employer_under_a_title_beside_a_date_column_joins_the_header() -> None:
    def cell(text: str, x0: float, index: int) -> TextItem:
        return TextItem(text, x0, 14.0 * index, x0 + 5 * len(text), 14.0 * index + 10,
                        font_size=10.0)

    lines = [
        Line(0, 0, (cell("seit 01/2021", 56, 0), cell("Projektleiterin", 200, 0)), 4.0),
        Line(1, 0, (cell("Rheinwerk Bau GmbH, Köln", 200, 1),), 4.0),
        Line(2, 0, (cell("– Leitung von Bauprojekten", 200, 2),), 4.0),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position, w.location) for w in works] == [
        ("Rheinwerk Bau GmbH", "Projektleiterin", "Köln"),
    ]


def test_the_title_under_an_employer_and_its_place_joins_the_header() -> None:
    lines = [
        _line(0, "INFOSYS LIMITED, Bangalore", "Jul 2019 – Present"),
        _line(1, "Technology Analyst"),
        _line(2, "• Built microservices in Java.", x0=60),
        _line(3, "WIPRO TECHNOLOGIES, Chennai", "Jun 2016 – Jun 2019"),
        _line(4, "Software Engineer"),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position, w.location) for w in works] == [
        ("INFOSYS LIMITED", "Technology Analyst", "Bangalore"),
        ("WIPRO TECHNOLOGIES", "Software Engineer", "Chennai"),
    ]


def test_a_header_splits_at_its_comma_as_the_sections_other_headers_do() -> None:
    lines = [
        _line(0, "Software Craftsman, Lunar Labs"),
        _line(1, "Dec 2015 – Present"),
        _line(2, "• Built the billing service", x0=60),
        _line(3, "Senior Software Engineer, Tiller"),
        _line(4, "Mar 2014 – Nov 2015"),
        _line(5, "• Led the mobile team", x0=60),
        _line(6, "Software Engineer, Motorola Mobility"),
        _line(7, "Dec 2011 – Nov 2013"),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [
        ("Lunar Labs", "Software Craftsman"),
        ("Tiller", "Senior Software Engineer"),
        ("Motorola Mobility", "Software Engineer"),
    ]


def test_headers_written_employer_first_before_a_comma_set_the_sections_order() -> None:
    lines = [
        _line(0, "Southern California Edison, Senior Solution Architect"),
        _line(1, "Jan 2019 – Present"),
        _line(2, "Northwind Traders, Lead Developer"),
        _line(3, "Jan 2016 – Dec 2018"),
        _line(4, "Contoso Health, Enterprise Mobile Architecture"),
        _line(5, "Jan 2014 – Dec 2015"),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [
        ("Southern California Edison", "Senior Solution Architect"),
        ("Northwind Traders", "Lead Developer"),
        ("Contoso Health", "Enterprise Mobile Architecture"),
    ]


def test_an_employer_named_by_its_legal_form_after_three_other_parts_is_still_read() -> None:
    lines = [
        replace(_line(0, "Manager - User Experience"), gap_above=20.0),
        _line(1, "Assetlink - Saiya Software Pvt. Ltd."),
        _line(2, "Apr 2009 – Jul 2010"),
        _line(3, "Built the user experience strategy for a marketing product."),
    ]
    (work,), _meta = extract_work(lines, today=TODAY)
    assert (work.name, work.position) == (
        "Assetlink - Saiya Software Pvt. Ltd.",
        "Manager - User Experience",
    )


def test_a_table_rows_cells_wrapped_onto_the_next_line_join_their_cells() -> None:
    def row(index: int, gap: float, *cells: tuple[float, str]) -> Line:
        items = tuple(
            TextItem(text, x, 14.0 * index, x + 5 * len(text), 14.0 * index + 10, font_size=10.0)
            for x, text in cells
        )
        return Line(index, 0, items, gap_above=gap)

    lines = [
        row(0, 8.0, (65, "Innoplexus Consulting Pvt. Ltd.")),
        row(1, 4.0, (65, "Vice President - User"), (205, "2015-09 - 2016-06"),
            (345, "Hire, mentor and train 10-person User")),
        row(2, 2.7, (65, "Experience"), (345, "Experience team")),
        row(3, 2.7, (205, "Ensure consistent, high-quality design")),
    ]
    (work,), _meta = extract_work(lines, today=TODAY)
    assert (work.name, work.position) == (
        "Innoplexus Consulting Pvt. Ltd.",
        "Vice President - User Experience",
    )


def test_a_place_after_a_comma_is_the_location_not_the_employer() -> None:
    lines = [
        _line(0, "Seasoned Software Engineer, Project Manager", "2019 - 2023"),
        _line(1, "Independent Contractor, Europe"),
        _line(2, "• Built platforms for clients", x0=60),
    ]
    (work,), _meta = extract_work(lines, today=TODAY)
    assert (work.name, work.position, work.location) == (
        "Independent Contractor",
        "Seasoned Software Engineer, Project Manager",
        "Europe",
    )


def test_an_employer_keeps_a_redacted_place_out_of_its_name() -> None:
    lines = [
        _line(0, "Capital One, Software Engineering Manager", "Plano, Texas, [address]"),
        _line(1, "2021 - 2023"),
        _line(2, "Banque Internationale à [address], [address], Developer", "2019 - 2021"),
        _line(3, "• Led the platform team", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [
        ("Capital One", "Software Engineering Manager"),
        ("Banque Internationale à [address]", "Developer"),
    ]


def test_where_an_em_dash_parts_the_header_a_hyphen_stays_in_its_part() -> None:
    lines = [
        _line(0, "Software Engineer - Frontend & API — Ugam, Bengaluru", "Dec 2021 – Mar 2023"),
        _line(1, "• Built the public API", x0=60),
        _line(2, "Frontend/Mobile Developer — Wavy - Paris, France", "Dec 2017 – Aug 2018"),
        _line(3, "• Shipped the mobile app", x0=60),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position, w.location) for w in works] == [
        ("Ugam", "Software Engineer - Frontend & API", "Bengaluru"),
        ("Wavy", "Frontend/Mobile Developer", "Paris, France"),  # a place after the hyphen
    ]


def test_a_lower_case_employer_with_its_description_heads_the_next_entry() -> None:
    lines = [
        _line(0, "Junior Software Engineer (Placement)"),
        _line(1, "Avco Systems Ltd · A company that prides itself on bespoke software."),
        _line(2, "Jul 2018 – Jul 2019"),
        _line(3, "My role encompassed a wide range of activities and duties for the team."),
        _line(4, "Data Analyst Intern"),
        _line(5, "iris Worldwide · iris Worldwide is a global advertising giant that "
                 "continually innovates and creates memorable campaigns."),
        _line(6, "Jun 2017 – Jun 2017"),
        _line(7, "Understanding the data about how customers interact with brands."),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [
        ("Avco Systems Ltd", "Junior Software Engineer (Placement)"),
        ("iris Worldwide", "Data Analyst Intern"),
    ]


def test_an_employer_named_once_in_bold_over_its_roles_is_each_roles_employer() -> None:
    """The employer in bold, its description, then its roles with plain titles and dates; a
    bold word inside an entry ("Responsibilities") names no employer."""
    rows = [
        ("Winged Keel Group", True, 4.0),
        ("Major life insurance brokerage structuring large-block portfolios for", False, 4.0),
        ("private clients, fund managers and institutions.", False, 4.0),
        ("Associate Director", False, 12.0), ("Jan 2024 – Present", False, 4.0),
        ("Led the firm's largest and most complex cases with full responsibility.", False, 4.0),
        ("Lead Associate", False, 12.0), ("Jan 2022 – Dec 2023", False, 4.0),
        ("Served as the analyst for the firm's largest asset manager relationships.", False, 4.0),
        ("Responsibilities", True, 4.0),
        ("Designed and structured portfolios for a substantial book of clients.", False, 4.0),
        ("Associate", False, 12.0), ("Jul 2017 – Dec 2021", False, 4.0),
    ]
    lines = [_styled(i, text, bold=bold, gap=gap) for i, (text, bold, gap) in enumerate(rows)]
    works, _meta = extract_work(lines, today=TODAY)
    assert {w.name for w in works} == {"Winged Keel Group"}
    assert [w.position for w in works] == ["Associate Director", "Lead Associate", "Associate"]


@pytest.mark.parametrize(
    ("first", "tail", "title"),
    [
        ("Lead Software Developer & 2025-02-01 - Present", "Technical Consultant",
         "Lead Software Developer & Technical Consultant"),
        ("Infrastructure Engineer Senior 2025-02-01 - Present", "Specialist",
         "Infrastructure Engineer Senior Specialist"),
    ],
)
def test_a_title_wrapped_around_the_dates_set_in_its_box_goes_on_after_them(
    first: str, tail: str, title: str
) -> None:
    lines = [
        _styled(0, "Lean Mind", bold=True, gap=20.0),
        Line(1, 0, (TextItem(first, 50.0, 14.0, 290.0, 24.0, font_size=10.0),
                    TextItem("https://leanmind.es", 330.0, 14.0, 420.0, 24.0, font_size=10.0)),
             gap_above=4.0),
        replace(_line(2, tail), gap_above=2.0),
        _line(3, "Technical leadership of teams and training in development practices."),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position, w.startDate) for w in works] == [
        ("Lean Mind", title, "2025-02-01")]


def test_a_title_led_by_a_bold_cell_heads_its_entry_two_lines_above_the_dates() -> None:
    """The first entry has one line above its dates; a later one has two, its title line led
    by a bold cell beside a plain place."""

    def row(index: int, *cells: tuple[str, bool], gap: float = 3.0) -> Line:
        items = tuple(
            TextItem(text, 50.0 + 380 * i, 14.0 * index, 50.0 + 380 * i + 5 * len(text),
                     14.0 * index + 10, font_size=10.0, bold=bold)
            for i, (text, bold) in enumerate(cells)
        )
        return Line(index, 0, items, gap_above=gap)

    lines = [
        row(0, ("Software Engineer", True), ("Milwaukee, WI", False), gap=10.0),
        row(1, ("Northwestern Mutual", False), ("Jan 2020 – Present", False)),
        row(2, ("Built the claims platform used by four hundred agents every day.", False)),
        row(3, ("Software Engineer", True), ("Milwaukee, WI (no longer in operation)", False),
            gap=10.0),
        row(4, ("Blue7 Solutions", False)),
        row(5, ("Jan 2012 – Apr 2014", False)),
        row(6, ("Led the consulting team that rebuilt the packaging engine.", False)),
    ]
    works, _meta = extract_work(lines, today=TODAY)
    assert [(w.name, w.position) for w in works] == [
        ("Northwestern Mutual", "Software Engineer"),
        ("Blue7 Solutions", "Software Engineer"),
    ]


def test_a_bracket_wrapped_in_a_right_aligned_cell_is_closed_by_the_cell_under_it() -> None:
    def cell(text: str, x0: float, x1: float, y: float, bold: bool = False) -> TextItem:
        return TextItem(text, x0, y, x1, y + 10, font_size=10.0, bold=bold)

    lines = [
        Line(0, 0, (cell("Software Engineer", 62.0, 154.0, 0, bold=True),
                    cell("Milwaukee Wi (No longer", 432.0, 550.3, 0)), gap_above=9.0),
        Line(1, 0, (cell("Blue7 Solutions", 62.0, 130.6, 12),
                    cell("in operation)", 493.0, 549.6, 12)), gap_above=2.0),
    ]
    assert [s.text for s in header_segments(lines, today=TODAY)] == [
        "Software Engineer", "Milwaukee Wi (No longer in operation)", "Blue7 Solutions"]
