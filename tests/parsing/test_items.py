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


def _styled(index: int, text: str, *, bold: bool, gap: float) -> Line:
    item = TextItem(text, 50.0, 16.0 * index, 50.0 + 5 * len(text), 16.0 * index + 10,
                    font_size=10, bold=bold)
    return Line(index, 0, (item,), gap_above=gap)


def test_undated_certificates_above_the_one_dated_one_are_kept() -> None:
    """Each certificate's name in bold over an "Issued on:" label, only the last one dated."""
    rows = [
        ("Salesforce Certified Platform App Builder", True, 0.0),
        ("Issued on:", False, 5.8),
        ("Salesforce Certified Platform Developer I", True, 28.1),
        ("Issued on:", False, 5.8),
        ("AWS Certified Solutions Architect", True, 28.1),
        ("Issued on: Sep 30, 2020", False, 5.8),
    ]
    lines = [_styled(i, text, bold=bold, gap=gap) for i, (text, bold, gap) in enumerate(rows)]
    certificates, _metas = extract_certificates(lines, today=TODAY)
    assert [(c.name, c.issuer, c.date) for c in certificates] == [
        ("Salesforce Certified Platform App Builder", None, None),
        ("Salesforce Certified Platform Developer I", None, None),
        ("AWS Certified Solutions Architect", None, "2020-09-30"),
    ]


def test_certificates_set_a_paragraph_apart_are_cut_after_their_issuer_and_date() -> None:
    """Plain text: every line a paragraph, a name, "Issued by ..." and sometimes a date."""
    rows = ["Cloud DevOps Engineer", "Issued by Udacity", "Mar 2021",
            "CKA: Certified Kubernetes Administrator", "Issued by The Linux Foundation",
            "Architecting with Google Kubernetes Engine", "Issuer: Coursera", "Sep 2020"]
    lines = [_line(i, text) for i, text in enumerate(rows)]
    certificates, _metas = extract_certificates(lines, today=TODAY)
    assert [(c.name, c.issuer) for c in certificates] == [
        ("Cloud DevOps Engineer", "Udacity"),
        ("CKA: Certified Kubernetes Administrator", "The Linux Foundation"),
        ("Architecting with Google Kubernetes Engine", "Coursera"),
    ]


def test_an_introduction_above_a_list_of_certificates_is_no_certificate() -> None:
    lines = [
        _line(0, "Below are the professional certifications I earned while working in cloud."),
        _line(1, "AWS Certified Solutions Architect", "Sep 2020"),
        _line(2, "Certified Kubernetes Administrator", "Mar 2021"),
    ]
    certificates, _metas = extract_certificates(lines, today=TODAY)
    assert [c.name for c in certificates] == [
        "AWS Certified Solutions Architect", "Certified Kubernetes Administrator"]
