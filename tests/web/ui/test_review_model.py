"""The review form's model (badges, attention list), page image bounds and date display."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from resumate.web.page_images import MAX_HEIGHT_PX, PAGE_WIDTH_PX, page_size
from resumate.web.pages import resume_date
from resumate.web.review import badge_for, build_review
from tests.web.helpers import parsed


@pytest.mark.parametrize(("confidence", "level", "symbol"), [
    (1.0, "high", "✓"), (0.95, "high", "✓"), (0.949, "check", "⚠"), (0.8, "check", "⚠"),
    (0.799, "low", "✗"), (0.0, "low", "✗"),
])
def test_confidence_badges_follow_the_thresholds(confidence: float, level: str,
                                                  symbol: str) -> None:
    badge = badge_for(confidence, {"features": ["email_pattern"]})
    assert badge is not None and (badge.level, badge.symbol) == (level, symbol)
    assert str(round(confidence * 100)) in badge.text  # spelled out, not colour alone


def test_a_corrected_field_is_marked_corrected() -> None:
    badge = badge_for(1.0, {"features": ["corrected"]})
    assert badge is not None and badge.level == "corrected" and "Corrected" in badge.text


def test_the_attention_list_holds_the_unsure_fields_lowest_first() -> None:
    document = {
        "basics": {"name": "Ada", "email": "ada@example.com"},
        "work": [{"name": "Acme", "position": "Engineer"}],
        "meta": {"resumate": {"confidence": {
            "basics.name": 0.99, "basics.email": 0.85, "work[0].name": 0.5,
            "work[0].position": 0.97}, "evidence": {}}},
    }
    review = build_review(document)
    assert [a.path for a in review.attention] == ["work[0].name", "basics.email"]
    assert review.attention[0].where == "Position 1 · Company"
    work = next(s for s in review.sections if s.spec.name == "work")
    assert [f.value for f in work.entries[0].fields[:2]] == ["Engineer", "Acme"]


@pytest.mark.parametrize(("width_pt", "height_pt"), [
    (595, 842), (14_400, 14_400), (14_400, 10), (10, 14_400), (3, 3),
])
def test_page_images_stay_within_bounds(width_pt: float, height_pt: float) -> None:
    size = page_size(width_pt, height_pt)
    assert 1 <= size.width_px <= PAGE_WIDTH_PX and 1 <= size.height_px <= MAX_HEIGHT_PX


@pytest.mark.parametrize(("value", "shown"), [
    ("2020-03", "Mar 2020"), ("2020-03-14", "Mar 2020"), ("2016", "2016"), ("Summer", "Summer"),
    (None, ""),
])
def test_resume_dates_keep_their_precision(value: str | None, shown: str) -> None:
    assert resume_date(value) == shown


def test_page_images_are_served_for_parsed_pdfs_only(client: TestClient,
                                                     resume_pdf: bytes) -> None:
    resume = parsed(client, resume_pdf)
    first = client.get(f"/resumes/{resume['id']}/pages/1.png")
    assert first.status_code == 200 and first.content.startswith(b"\x89PNG")
    assert client.get(f"/resumes/{resume['id']}/pages/1.png").content == first.content
    assert client.get(f"/resumes/{resume['id']}/pages/2.png").status_code == 404
