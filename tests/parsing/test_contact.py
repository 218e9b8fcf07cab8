import datetime as dt

import pytest

import resumate
from resumate.document import Document, Page, TextItem
from resumate.parsing.fields.contact import find_email, find_phone
from resumate.parsing.fields.links import (
    find_links,
    profiles_behind_links,
    profiles_beside_icons,
    profiles_under_labels,
)
from resumate.parsing.fields.location import find_location
from resumate.parsing.fields.names import find_name
from resumate.parsing.lines import Line
from resumate.parsing.resume import parse_document


def test_profiles_behind_links_are_the_persons_own_pages() -> None:
    found = profiles_behind_links(
        [
            "https://www.linkedin.com/in/jroe",
            "https://github.com/jroe",
            "https://github.com/jroe/parser",  # a repository, not a profile
            "https://www.linkedin.com/company/acme",  # an employer's page
            "https://acme.example.com/",  # not a network
            "https://twitter.com/jroe",
        ],
        known=["https://twitter.com/jroe"],  # already read from the text
    )
    assert [(p.network, p.username, p.url) for p, _scored in found] == [
        ("LinkedIn", "jroe", "https://www.linkedin.com/in/jroe"),
        ("GitHub", "jroe", "https://github.com/jroe"),
    ]
    assert all(scored.features == ("link_target",) for _p, scored in found)


def test_user_names_on_more_networks_give_their_profile_addresses() -> None:
    _urls, profiles = find_links(
        _lines("haynesk (Reddit)", "donald-munoz (dev.to)", "XING: jane_roe", "agastyad (Bluesky)")
    )
    assert [(p.network, p.username, p.url) for p, _scored in profiles] == [
        ("Reddit", "haynesk", "https://www.reddit.com/user/haynesk"),
        ("dev.to", "donald-munoz", "https://dev.to/donald-munoz"),
        ("XING", "jane_roe", "https://www.xing.com/profile/jane_roe"),
        ("Bluesky", "agastyad", "https://bsky.app/profile/agastyad"),
    ]


def _line(text: str) -> Line:
    return Line(0, 0, (TextItem(text, 0, 0, 200, 10, font_size=10),), 0)


def test_a_large_name_set_one_word_a_line_over_three_lines_is_read_whole() -> None:
    lines = [
        _big(0, "Benjamin", 40.0),
        _big(1, "Valentino", 84.0),
        _big(2, "Ramirez", 128.0),
        _big(3, "Systems Engineer", 175.0, size=20.0, bold=False),
    ]
    name = find_name(lines)
    assert name is not None and name.value == "Benjamin Valentino Ramirez"


def test_a_name_written_again_on_the_line_below_is_read_once() -> None:
    lines = [
        _big(0, "Saurabh Kulkarni", 40.0, size=10.0, bold=False),
        _big(1, "SAURABH KULKARNI", 54.0, size=10.0, bold=False),
        _big(2, "Pune, Maharashtra", 82.0, size=10.0, bold=False),
    ]
    name = find_name(lines)
    assert name is not None and name.value == "Saurabh Kulkarni"


@pytest.mark.parametrize(
    ("written", "city", "country"),
    [
        ("9 Moscow, Russia, RU", "Moscow", "RU"),  # a map pin read as "9" by OCR
        ("@ Berlin, Germany", "Berlin", "DE"),
        ("9 Main Street, Springfield", "Springfield", "US"),  # a real house number stays
        ("Guildford, Surrey, GB", "Guildford", "GB"),  # Surrey, BC is a city elsewhere
        ("Bengaluru, Karnataka, Karnataka", "Bengaluru", "IN"),  # a job board's region twice
    ],
)
def test_an_icon_read_before_the_place_is_not_part_of_it(
    written: str, city: str, country: str
) -> None:
    found = find_location([_line(written)])
    assert found is not None
    assert (found.value[1].city, found.value[1].countryCode) == (city, country)


def test_an_email_or_handle_is_not_a_place() -> None:
    assert find_location([_line("jane@berlin.de")]) is None
    assert find_location([_line("@berlin")]) is None


def _big(index: int, text: str, y: float, size: float = 40.0, bold: bool = True) -> Line:
    item = TextItem(text, 24.0, y, 24.0 + 0.6 * size * len(text), y + size, font_size=size,
                    bold=bold)
    return Line(index, 0, (item,), gap_above=0.0)


def test_a_large_name_set_over_two_lines_is_read_whole() -> None:
    lines = [
        _big(0, "Melissa Darlene", 40.0),
        _big(1, "Parsons", 80.0),
        _big(2, "Software Engineer", 125.0, size=20.0, bold=False),
    ]
    name = find_name(lines)
    assert name is not None and name.value == "Melissa Darlene Parsons"


@pytest.mark.parametrize(
    ("written", "city", "country"),
    [
        ("35, rue de Pons, Paris, Île-de-France 09862, FR | +33 (0)2 38 82 89 75", "Paris", "FR"),
        ("328, Tailor, Pune, Maharashtra 617038, IN", "Pune", "IN"),  # IN: India, not Indiana
    ],
)
def test_a_street_address_with_its_numbers_gives_the_city(
    written: str, city: str, country: str
) -> None:
    found = find_location([_line(written)])
    assert found is not None
    assert (found.value[1].city, found.value[1].countryCode) == (city, country)


def test_a_phone_number_is_not_a_place() -> None:
    assert find_location([_line("+33 (0)2 38 82 89 75")]) is None


def test_an_icon_read_as_an_open_bracket_after_a_phone_is_not_part_of_it() -> None:
    line = _line("brandon@hey.com +44115 4960272 (4 https://brandon.github.io/")
    found = find_phone([line], [line], "GB")
    assert found is not None and found.value.endswith("4960272")


@pytest.mark.parametrize(
    ("written", "city", "region"),
    [
        ("Rivoli, Piedmont, IT", "Rivoli", "Piedmont"),
        ("Guildford, Surrey, GB", "Guildford", "Surrey"),  # not Surrey, British Columbia
        ("5963 JF, Amsterdam (NL)", "Amsterdam", None),  # a postal code: an address
    ],
)
def test_a_contact_place_reads_city_region_country(
    written: str, city: str, region: str | None
) -> None:
    found = find_location([_line(written)])
    assert found is not None
    assert (found.value[1].city, found.value[1].region) == (city, region)


def test_a_list_of_skills_naming_a_framework_like_a_city_is_not_a_place() -> None:
    assert find_location([_line("Backend: Kotlin, Java, Spring, Python, Elixir, Phoenix")]) is None


@pytest.mark.parametrize(
    ("written", "address", "country"),
    [
        ("992 Deleon Fall, SG", "992 Deleon Fall", "SG"),
        ("1, rue de Baudry, LU", "1, rue de Baudry", "LU"),
    ],
)
def test_a_street_then_a_country_code_gives_the_country(
    written: str, address: str, country: str
) -> None:
    found = find_location([_line(written)])
    assert found is not None
    location = found.value[1]
    assert (location.address, location.city, location.countryCode) == (address, None, country)


def test_a_technology_named_like_a_domain_is_not_a_link() -> None:
    urls, profiles = find_links([_line("10 years of ASP.NET and Node.js | haynesk.codes")])
    assert [u.value for u in urls] == ["https://haynesk.codes"]
    assert profiles == []


def _centred(index: int, text: str, y: float, size: float = 30.0) -> Line:
    width = 0.5 * size * len(text)
    item = TextItem(text, 300.0 - width / 2, y, 300.0 + width / 2, y + size, font_size=size)
    return Line(index, 0, (item,), gap_above=0.0 if index else 20.0)


def test_a_long_name_wrapped_onto_a_centred_second_line_is_read_whole() -> None:
    lines = [
        _centred(0, "Juan Saturnino Cristian Rubén", 54.0),
        _centred(1, "Cañizares", 92.0),
        _centred(2, "Lead Software Developer", 140.0, size=12.0),
    ]
    name = find_name(lines)
    assert name is not None and name.value == "Juan Saturnino Cristian Rubén Cañizares"


def test_a_scanned_name_read_in_two_cells_and_wrapped_is_read_whole() -> None:
    # OCR: a wide space splits the first line, and each line's size is read a little apart
    first = (
        TextItem("Juan", 46.0, 49.0, 110.0, 77.0, font_size=27.9),
        TextItem("Saturnino Cristian Ruben", 145.0, 45.0, 526.0, 79.0, font_size=33.2),
    )
    lines = [
        Line(0, 0, first, gap_above=20.0),
        Line(1, 0, (TextItem("Canizares", 224.0, 83.5, 351.0, 116.5, font_size=32.2),), 4.8),
        _centred(2, "Lead Software Developer", 140.0, size=12.0),
    ]
    name = find_name(lines)
    assert name is not None and name.value == "Juan Saturnino Cristian Ruben Canizares"


def test_an_employer_before_a_dash_is_not_read_as_the_city() -> None:
    found = find_location([_line("Wavy - Paris, France")])
    assert found is not None and found.value[1].city == "Paris"


def test_on_a_header_line_a_dash_sets_the_place_apart_from_a_link() -> None:
    line = _line("Bengaluru, Karnataka - Email me on Indeed: indeed.com/r/Jane-Roe/0b57f5f9")
    found = find_location([line], header={line.index})
    assert found is not None
    assert (found.value[1].city, found.value[1].region) == ("Bengaluru", "Karnataka")
    assert found.scored.value == "Bengaluru, Karnataka"


@pytest.mark.parametrize("written", ["谭宇", "김정훈", "山田 太郎"])
def test_a_name_in_a_script_without_capitals_is_read(written: str) -> None:
    lines = [_centred(0, written, 54.0), _centred(1, "软件工程师", 100.0, size=12.0)]
    name = find_name(lines)
    assert name is not None and name.value == written


def test_resume_written_as_a_title_in_chinese_is_not_a_name() -> None:
    lines = [_centred(0, "个人简历", 54.0), _centred(1, "谭宇", 100.0, size=20.0)]
    name = find_name(lines)
    assert name is not None and name.value == "谭宇"


def test_an_address_wrapped_onto_the_next_line_is_read_whole() -> None:
    first = TextItem("Flückigerstrasse 256, Lonay, VD,", 48.0, 100.0, 180.0, 108.0, font_size=8.4)
    rest = TextItem("CH, 6670", 89.0, 110.0, 125.0, 118.0, font_size=8.4)  # centred under it
    email = TextItem("jane@example.com", 250.0, 100.0, 330.0, 108.0, font_size=8.4)
    lines = [Line(3, 0, (first, email), 2.0), Line(4, 0, (rest,), 2.0)]
    found = find_location(lines)
    assert found is not None
    location = found.value[1]
    assert (location.city, location.region, location.postalCode, location.countryCode) == (
        "Lonay", "VD", "6670", "CH",
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "Wähnerplatz 171, Neukölln, Berlin, DE, 18383",
            ("Wähnerplatz 171", "Neukölln", "Berlin", "18383", "DE"),
        ),
        (
            "Flat 53U, Iqbal Inlet, Guildford, Surrey, GB",
            ("Flat 53U, Iqbal Inlet", "Guildford", "Surrey", None, "GB"),
        ),
        (
            "775, chemin de Marion, 63985 L'Isle-Jourdain, FR",
            ("775, chemin de Marion", "L'Isle-Jourdain", None, "63985", "FR"),
        ),
    ],
)
def test_a_street_then_city_then_region_is_read_in_that_order(
    written: str, expected: tuple[str | None, ...]
) -> None:
    found = find_location([_line(written)])
    assert found is not None
    location = found.value[1]
    assert (
        location.address, location.city, location.region, location.postalCode,
        location.countryCode,
    ) == expected


def _lines(*texts: str) -> list[Line]:
    return [
        Line(i, 0, (TextItem(text, 0, 12.0 * i, 200, 12.0 * i + 10, font_size=10),), 2.0)
        for i, text in enumerate(texts)
    ]


def test_an_address_broken_at_the_end_of_a_line_goes_on_on_the_next() -> None:
    urls, _profiles = find_links(_lines("Email me on Indeed: indeed.com/r/Jay-", "Madhavi/1e7d03"))
    assert [u.value for u in urls] == ["https://indeed.com/r/Jay-Madhavi/1e7d03"]
    urls, _profiles = find_links(_lines("indeed.com/r/Saurabh-Sandhikar/", "e490c0d49e5aa698"))
    assert [u.value for u in urls] == ["https://indeed.com/r/Saurabh-Sandhikar/e490c0d49e5aa698"]


def test_a_complete_address_ending_in_a_slash_takes_nothing_from_the_next_line() -> None:
    _urls, profiles = find_links(
        _lines("https://www.linkedin.com/in/jroe/", "bethansmith88", "Professional Summary")
    )
    assert [p.url for p, _scored in profiles] == ["https://www.linkedin.com/in/jroe/"]


def test_the_name_at_the_top_of_the_main_column_is_found_after_a_long_sidebar() -> None:
    sidebar = ["CONTACT", "jane@example.com", "+351 21 123 4567", "Lisbon, Portugal", "SKILLS",
               "Figma", "User Research", "Prototyping", "HTML", "CSS", "Accessibility",
               "LANGUAGES", "Portuguese (native)"]
    lines = [
        Line(i, 0, (TextItem(t, 24, 60 + 16 * i, 150, 68 + 16 * i, font_size=8.0),), 4.0, 1)
        for i, t in enumerate(sidebar)
    ]
    main = [("Tomás Ferreira", 22.0), ("Product Designer", 12.0), ("SUMMARY", 12.0)]
    lines += [
        Line(len(sidebar) + i, 0, (TextItem(t, 214, 40 + 30 * i, 400, 40 + 30 * i + s,
                                            font_size=s),), 8.0, 2)
        for i, (t, s) in enumerate(main)
    ]
    name = find_name(lines)
    assert name is not None and name.value == "Tomás Ferreira"


def test_a_name_beside_its_label_cell_is_read_without_the_label() -> None:
    items = (
        TextItem("Name", 56, 100, 80, 110, font_size=10),
        TextItem("Katharina Vogel", 200, 100, 275, 110, font_size=10),
    )
    lines = [_centred(0, "Lebenslauf", 40.0, size=20.0), Line(1, 0, items, 8.0)]
    name = find_name(lines)
    assert name is not None and name.value == "Katharina Vogel"


def test_words_from_two_cells_are_not_a_name() -> None:
    items = (
        TextItem("Skills", 0, 0, 30, 11, font_size=11),
        TextItem("Spark, Airflow", 200, 0, 270, 11, font_size=11),
    )
    assert find_name([Line(0, 0, items, 0.0)]) is None


def test_an_address_spelled_out_with_at_and_dot_is_read() -> None:
    found = find_email([_line("Email: priya.nair [at] example [dot] com")], [])
    assert found is not None and found.value == "priya.nair@example.com"
    assert "spelled_out" in found.features


@pytest.mark.parametrize("title", ["CURRICULUM VITAE", "Lebenslauf", "Résumé"])
def test_the_documents_title_over_the_name_is_not_the_name(title: str) -> None:
    lines = [_centred(0, title, 40.0, size=24.0), _centred(1, "Olivia Bennett", 80.0, size=18.0)]
    name = find_name(lines)
    assert name is not None and name.value == "Olivia Bennett"


def test_links_mentioned_in_a_paragraph_rank_after_the_contact_links() -> None:
    text = (
        "Agnes Example\nagnes@example.org | agnes-example.dev\n\n"
        "I love open source: I created https://github.com/benchorg/benchee, a benchmarking "
        "library, and I write about performance at https://blog.example.com/agnes/talks when "
        "I am not mentoring.\n\n"
        "Experience\nEngineer, Acme Corp, 2020 - 2024\n"
    )
    result = resumate.parse(text.encode(), filename="cv.txt")
    basics = result.resume.basics
    assert basics.url == "https://agnes-example.dev"
    assert all("benchee" not in (p.url or "") for p in basics.profiles)


def _grid_row(index: int, *cells: str) -> Line:
    items = tuple(
        TextItem(text, 60.0 + 150 * i, 14.0 * index, 60.0 + 150 * i + 6 * len(text),
                 14.0 * index + 10, font_size=10)
        for i, text in enumerate(cells)
    )
    return Line(index, 0, items, 2.0)


def test_network_names_over_user_names_are_profiles() -> None:
    lines = [
        _grid_row(0, "GitHub", "LinkedIn"),
        _grid_row(1, "jdoe41", "jane-doe"),
        _grid_row(2, "Codepen"),
        _grid_row(3, "@jdoe"),
    ]
    found = profiles_under_labels(lines)
    assert [(p.network, p.username, p.url) for p, _scored in found] == [
        ("GitHub", "jdoe41", "https://github.com/jdoe41"),
        ("LinkedIn", "jane-doe", "https://www.linkedin.com/in/jane-doe"),
        ("CodePen", "jdoe", "https://codepen.io/jdoe"),
    ]


def test_a_list_of_network_names_one_a_line_names_no_user() -> None:
    lines = [_grid_row(0, "Facebook"), _grid_row(1, "Twitter"), _grid_row(2, "Instagram")]
    assert profiles_under_labels(lines) == []
    shifted = [_grid_row(0, "GitHub", "LinkedIn"), _grid_row(1, "Experience at", "Acme")]
    assert profiles_under_labels(shifted) == []


def _grid_document(links: tuple[str, ...] = ()) -> Document:
    rows = [("Jane Doe",), ("jane@example.org",), ("GitHub", "LinkedIn"), ("jdoe41", "jane-doe"),
            ("Experience",), ("Engineer, Acme Corp, 2020 - 2024",)]
    items = tuple(
        TextItem(text, 60.0 + 150 * i, 100 + 20.0 * row, 60.0 + 150 * i + 6 * len(text),
                 100 + 20.0 * row + 10, font_size=10)
        for row, cells in enumerate(rows)
        for i, text in enumerate(cells)
    )
    return Document("pdf", (Page(0, 612, 792, items),), links=links)


def test_a_profile_grid_without_link_targets_gives_profiles_and_a_target_wins() -> None:
    today = dt.date(2026, 1, 1)
    basics = parse_document(_grid_document(), today=today).resume.basics
    assert [p.url for p in basics.profiles] == [
        "https://github.com/jdoe41",
        "https://www.linkedin.com/in/jane-doe",
    ]
    linked = _grid_document(links=("https://www.linkedin.com/in/jane-doe-1a2b",))
    basics = parse_document(linked, today=today).resume.basics
    assert [p.url for p in basics.profiles] == [
        "https://www.linkedin.com/in/jane-doe-1a2b",
        "https://github.com/jdoe41",
    ]


def test_a_network_icon_before_a_user_name_is_a_profile() -> None:
    lines = [
        _grid_row(0, "\uf3c5 Berlin, DE", "\uf0e0 jane@example.org", "\uf09b jdoe41"),
        _grid_row(1, "\uf08c jane-doe-12 \ue61b @jdoe"),
        _grid_row(2, "\uf08c Jane Doe"),  # a label: the address is only a link
        _grid_row(3, "\uf09b GitHub"),
        _grid_row(4, "\uf08c linkedin.com/in/jane"),  # an address: find_links reads it
        _grid_row(5, "\uf4f6 @jdoe"),  # Mastodon: the server is not known
    ]
    found = profiles_beside_icons(lines)
    assert [(p.network, p.username, p.url) for p, _scored in found] == [
        ("GitHub", "jdoe41", "https://github.com/jdoe41"),
        ("LinkedIn", "jane-doe-12", "https://www.linkedin.com/in/jane-doe-12"),
        ("Twitter", "jdoe", "https://twitter.com/jdoe"),
        ("Mastodon", "jdoe", None),
    ]
    assert all(scored.features == ("network_icon",) for _p, scored in found)


def test_an_icon_profile_adds_only_a_network_no_link_target_names() -> None:
    rows = [
        ("Jane Doe",),
        ("\uf0e0 jane@example.org", "\uf09b jdoe41", "\uf08c jane-doe"),
        ("Experience",),
        ("Engineer, Acme Corp, 2020 - 2024",),
    ]
    items = tuple(
        TextItem(
            text,
            60.0 + 150 * i,
            100 + 20.0 * row,
            60.0 + 150 * i + 6 * len(text),
            100 + 20.0 * row + 10,
            font_size=10,
        )
        for row, cells in enumerate(rows)
        for i, text in enumerate(cells)
    )
    document = Document(
        "pdf", (Page(0, 612, 792, items),), links=("https://www.linkedin.com/in/jane-doe-1a2b",)
    )
    basics = parse_document(document, today=dt.date(2026, 1, 1)).resume.basics
    assert [p.url for p in basics.profiles] == [
        "https://www.linkedin.com/in/jane-doe-1a2b",
        "https://github.com/jdoe41",
    ]


@pytest.mark.parametrize(
    ("first", "link", "name"),
    [
        ("kimaya sonawane", "Email me on Indeed: indeed.com/r/kimaya-sonawane/1f27a18d2e4b",
         "Kimaya Sonawane"),
        ("Vamsi krishna", "vamsi.krishna@example.com", "Vamsi Krishna"),
        ("quality assurance", "indeed.com/r/kimaya-sonawane/1f27a18d2e4b", None),
        ("high load", "High load, CI (Jenkins / Bamboo), JS stack", None),  # a slash, no link
        ("bryanochoa bryanochoa", "https://github.com/bryanochoa", None),  # user names
    ],
)
def test_a_name_in_lower_case_is_read_when_its_address_spells_it(
    first: str, link: str, name: str | None
) -> None:
    lines = [_big(0, first, 40.0, size=11.0, bold=False), _big(1, link, 60.0, size=10.0,
                                                                bold=False)]
    found = find_name(lines)
    assert (found.value if found else None) == name
