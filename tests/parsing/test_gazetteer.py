from __future__ import annotations

import pytest

from resumate.parsing import gazetteer as gz


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Germany", "DE"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("USA", "US"),
        ("U.S.", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("England", "GB"),
        ("España", "ES"),
        ("Spain", "ES"),
        ("Brasil", "BR"),
        ("Brazil", "BR"),
        ("México", "MX"),
        ("Colombia", "CO"),
        ("France", "FR"),
        ("Schweiz", "CH"),
        ("The Netherlands", "NL"),
        ("UAE", "AE"),
        ("India", "IN"),
        ("Japan", "JP"),
    ],
)
def test_match_country(text: str, code: str) -> None:
    assert gz.match_country(text) == code


@pytest.mark.parametrize("text", ["Berlin", "Python", "", "Engineer"])
def test_match_country_rejects(text: str) -> None:
    assert gz.match_country(text) is None


def test_state_and_province_tables() -> None:
    assert gz.US_STATES["TX"] == "Texas"
    assert gz.US_STATES["NY"] == "New York"
    assert gz.CA_PROVINCES["ON"] == "Ontario"
    assert len(gz.US_STATES) >= 51


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Berlin, Germany", {"city": "Berlin", "countryCode": "DE"}),
        (
            "San Francisco, CA 94105",
            {"city": "San Francisco", "region": "CA", "postalCode": "94105", "countryCode": "US"},
        ),
        ("London, UK", {"city": "London", "countryCode": "GB"}),
        ("Guildford (GB)", {"city": "Guildford", "countryCode": "GB"}),
        ("Osijek, HR", {"city": "Osijek", "countryCode": "HR"}),  # a town the table lacks
        ("Nice, FR", {"city": "Nice", "countryCode": "FR"}),
        ("Le Tampon, RE", {"city": "Le Tampon", "countryCode": "RE"}),
        ("Springfield, IL", {"city": "Springfield", "region": "IL", "countryCode": "US"}),
        ("Nordic, AB", {"city": "Nordic", "region": "AB", "countryCode": "CA"}),
        (
            "Florianópolis, Santa Catarina, BR",
            {"city": "Florianópolis", "region": "Santa Catarina", "countryCode": "BR"},
        ),
        ("Munich, Bavaria, Germany", {"city": "Munich", "region": "Bavaria", "countryCode": "DE"}),
        # Surrey is a city in Canada, so in Great Britain it is the county around Guildford
        ("Guildford, Surrey, GB", {"city": "Guildford", "region": "Surrey", "countryCode": "GB"}),
        ("Medellín, Colombia", {"city": "Medellín", "countryCode": "CO"}),
        ("Toronto, ON, Canada", {"city": "Toronto", "region": "ON", "countryCode": "CA"}),
        ("75001 Paris, France", {"city": "Paris", "postalCode": "75001", "countryCode": "FR"}),
        ("Austin, TX", {"city": "Austin", "region": "TX", "countryCode": "US"}),
        ("Austin, Texas", {"city": "Austin", "region": "Texas", "countryCode": "US"}),
        ("Berlin", {"city": "Berlin", "countryCode": "DE"}),
        ("Munich", {"city": "Munich", "countryCode": "DE"}),
        ("Germany", {"countryCode": "DE"}),
        ("Berlin, DE", {"city": "Berlin", "countryCode": "DE"}),
        ("New York, NY", {"city": "New York", "region": "NY", "countryCode": "US"}),
        ("São Paulo, SP, Brasil", {"city": "São Paulo", "region": "SP", "countryCode": "BR"}),
        ("10115 Berlin", {"city": "Berlin", "postalCode": "10115", "countryCode": "DE"}),
        ("Location: Madrid, España", {"city": "Madrid", "countryCode": "ES"}),
        (
            "123 Main St, Springfield, IL 62701",
            {
                "address": "123 Main St",
                "city": "Springfield",
                "region": "IL",
                "postalCode": "62701",
                "countryCode": "US",
            },
        ),
        ("Greater Seattle Area", {"city": "Seattle", "region": "WA", "countryCode": "US"}),
        ("Montréal, Québec, CA", {"city": "Montréal", "region": "Québec", "countryCode": "CA"}),
        ("(PT), Porto", {"city": "Porto", "countryCode": "PT"}),
        ("Zürich (Remote)", {"city": "Zürich", "countryCode": "CH"}),
        (
            "Flückigerstrasse 256, Lonay, VD 6670, CH",
            {"address": "Flückigerstrasse 256", "city": "Lonay", "region": "VD",
             "postalCode": "6670", "countryCode": "CH"},
        ),
        (
            "73968, Shelton (US), Connecticut",
            {"city": "Shelton", "region": "Connecticut", "postalCode": "73968",
             "countryCode": "US"},
        ),
        (
            "Raleigh-Durham, North Carolina, US",
            {"city": "Raleigh-Durham", "region": "North Carolina", "countryCode": "US"},
        ),
        (
            "Raleigh, North Carolina 27601",
            {"city": "Raleigh", "region": "North Carolina", "postalCode": "27601",
             "countryCode": "US"},
        ),
        # first-level regions of other countries, by name, alone or after a city
        ("Karnataka", {"region": "Karnataka", "countryCode": "IN"}),
        (
            "Pune, Maharashtra 411001",
            {"city": "Pune", "region": "Maharashtra", "postalCode": "411001",
             "countryCode": "IN"},
        ),
        (
            "Stuttgart, Baden-Württemberg",
            {"city": "Stuttgart", "region": "Baden-Württemberg", "countryCode": "DE"},
        ),
        (
            "Sydney, New South Wales",
            {"city": "Sydney", "region": "New South Wales", "countryCode": "AU"},
        ),
        ("Singapore 018956", {"city": "Singapore", "postalCode": "018956", "countryCode": "SG"}),
    ],
)
def test_parse_location(text: str, expected: dict[str, str]) -> None:
    assert gz.parse_location(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Senior Engineer",
        "Remote",
        "",
        "jane@example.com",
        "Python, Java, Go",
        "reading",
        "ECAM (Lyon, France)",
        "Virginia Tech",
    ],
)
def test_parse_location_rejects(text: str) -> None:
    assert gz.parse_location(text) is None


@pytest.mark.parametrize(
    ("written", "city", "country"),
    [("Aarhus", "Århus", "DK"), ("Muenchen", "Munich", "DE"), ("Duesseldorf", "Düsseldorf", "DE")],
)
def test_a_city_spelled_without_its_letters_is_known(written: str, city: str, country: str) -> None:
    assert gz.match_city(written) == (city, country)


def test_a_legal_form_after_a_name_is_no_country_code() -> None:
    for text in ("Acme, SA", "Nordic Tools, AB", "Konzern, AG"):
        parsed = gz.parse_location(text)
        assert parsed is None or parsed.get("countryCode") not in {"SA", "SE", "AG"}
