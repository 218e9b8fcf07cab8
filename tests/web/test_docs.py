"""Documentation that must not drift from the code: error codes and settings."""

from __future__ import annotations

import re
from pathlib import Path

from resumate.config import Settings
from resumate.web.errors import API_ERROR_CODES, STATUS_BY_CODE

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_error_code_is_documented_with_its_status() -> None:
    rows = dict(re.findall(r"^\| `(\w+)` \| (\d{3}) \|", (DOCS / "errors.md").read_text(), re.M))
    assert set(rows) == set(API_ERROR_CODES)
    assert {code: int(status) for code, status in rows.items()} == STATUS_BY_CODE


def test_every_setting_is_documented() -> None:
    text = (DOCS / "configuration.md").read_text()
    documented = set(re.findall(r"`(RESUMATE_[A-Z0-9_]+)`", text))
    expected = {f"RESUMATE_{name.upper()}" for name in Settings.model_fields}
    assert expected <= documented, sorted(expected - documented)
    assert documented <= expected, sorted(documented - expected)
    assert "`DATABASE_URL`" in text
