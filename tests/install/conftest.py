"""Install checks: the `install` marker (a fresh clone set up from scratch; slow)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "install: sets up a fresh clone from scratch as the README says (slow)"
    )
