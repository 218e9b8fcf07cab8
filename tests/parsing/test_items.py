"""Certificates, awards and publications: one item per entry block."""

import datetime as dt

from resumate.document import TextItem
from resumate.parsing.fields.lists import extract_certificates
from resumate.parsing.lines import Line

TODAY = dt.date(2026, 1, 1)


def _line(index: int, *cells: str, size: float = 10.5) -> Line:
    items = tuple(
        TextItem(
            text,
            50.0 + 400 * i,
            16.0 * index,
            50.0 + 400 * i + 5 * len(text),
            16.0 * index + size,
            font_size=size,
        )
        for i, text in enumerate(cells)
    )
    return Line(index, 0, items, gap_above=5.2)


def test_a_list_of_one_certificate_per_line_keeps_every_line_when_one_is_dated() -> None:
    lines = [
        _line(0, "Salesforce Certified Administrator (SCA) — Salesforce"),
        _line(1, "Salesforce Certified Platform App Builder — Salesforce"),
        _line(2, "Salesforce Certified Application Architect — Salesforce"),
        _line(3, "AWS Certified Solutions Architect – Associate — Amazon Web Services", "Sep 2020"),
    ]
    certificates, _metas = extract_certificates(lines, today=TODAY)
    assert [(c.name, c.issuer) for c in certificates] == [
        ("Salesforce Certified Administrator (SCA)", "Salesforce"),
        ("Salesforce Certified Platform App Builder", "Salesforce"),
        ("Salesforce Certified Application Architect", "Salesforce"),
        ("AWS Certified Solutions Architect – Associate", "Amazon Web Services"),
    ]


def test_one_certificate_per_line_holds_when_a_scan_reads_their_sizes_a_little_apart() -> None:
    lines = [
        _line(0, "Salesforce Certified Administrator (SCA) - Salesforce", size=10.8),
        _line(1, "Salesforce Certified Data Architecture Designer - Salesforce", size=10.4),
        _line(2, "AWS Certified Solutions Architect - Amazon Web Services", "Sep 2020", size=10.4),
    ]
    certificates, _metas = extract_certificates(lines, today=TODAY)
    assert [c.name for c in certificates] == [
        "Salesforce Certified Administrator (SCA)",
        "Salesforce Certified Data Architecture Designer",
        "AWS Certified Solutions Architect",
    ]


def test_a_certificate_with_its_date_on_the_line_below_is_one_item() -> None:
    lines = [
        _line(0, "Certified Kubernetes Administrator (CKA) — CNCF"),
        _line(1, "Issued Dec 2023"),
        _line(2, "GCC Certified - Foundation — Gremlin"),
        _line(3, "Issued Dec 2022"),
    ]
    certificates, _metas = extract_certificates(lines, today=TODAY)
    assert [(c.name, c.issuer) for c in certificates] == [
        ("Certified Kubernetes Administrator (CKA)", "CNCF"),
        ("GCC Certified - Foundation", "Gremlin"),
    ]
