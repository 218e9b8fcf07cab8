from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from resumate.config import Settings
from resumate.web.app import create_app

MakeClient = Callable[..., TestClient]


def settings_for(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "env": "test", "data_dir": tmp_path / "data",
        "database_url": f"sqlite:///{tmp_path}/data/resumate.sqlite3",
        "upload_rate_limit": "10000/minute", "workers": 2, "ocr": "never",
        "parse_timeout_seconds": 20,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[MakeClient]:
    """Start an app with test settings (+ overrides); every client is closed after the test."""
    clients: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        client = TestClient(create_app(settings_for(tmp_path, **overrides)))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in reversed(clients):
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()
