"""With RESUMATE_API_KEYS set, in a real browser: the key is asked once, the session cookie
carries the page scripts (uploads through the API, progress over the WebSocket), and shared
resume pages stay public."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.ui.conftest import (
    DESKTOP,
    Server,
    assert_accessible,
    file_payload,
    start_server,
    stop_server,
)

KEY = "ui-test-key-5c7e0d"


@pytest.fixture(scope="module")
def locked_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(Path(tmp_path_factory.mktemp("ui-locked")), RESUMATE_API_KEYS=KEY)
    yield running
    stop_server(running)


def test_the_key_is_asked_once_and_shared_pages_stay_public(browser: Any,
                                                            locked_server: Server) -> None:
    context = browser.new_context(viewport=DESKTOP, base_url=locked_server.url)
    page = context.new_page()
    page.goto("/resumes")
    assert "/login" in page.url
    assert_accessible(page)
    page.get_by_label("Access key").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text().startswith("That key is not valid")
    page.get_by_label("Access key").fill(KEY)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/resumes")
    cookie = next(c for c in context.cookies() if c["name"] == "resumate_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    page.goto("/")
    text = b"Lee Locked\nlee@example.com\nEXPERIENCE\nBaker, Bread Ltd\n2018 - Present\n"
    page.set_input_files("#files", files=[file_payload("lee.txt", text, "text/plain")])
    page.wait_for_url("**/resumes/*")
    page.get_by_role("heading", name="Your resume is ready").wait_for(timeout=60_000)
    assert page.locator("#progress").get_attribute("data-via") == "websocket"
    resume_id = page.url.rsplit("/", 1)[-1]
    page.goto(f"/resumes/{resume_id}/share")
    page.get_by_role("button", name="Create link").click()
    link = page.get_by_role("textbox", name="Link").input_value()

    stranger = browser.new_context(viewport=DESKTOP, base_url=locked_server.url).new_page()
    assert stranger.goto(link).status == 200
    assert stranger.get_by_role("heading", level=1).is_visible()
    stranger.goto(f"/resumes/{resume_id}/review")
    assert "/login" in stranger.url
    assert stranger.request.get(f"/api/v1/resumes/{resume_id}").status == 401
    stranger.context.close()

    page.get_by_role("button", name="Sign out").click()
    page.goto("/resumes")
    assert "/login" in page.url
    context.close()
