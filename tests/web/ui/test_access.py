"""Access to the pages: open without API keys; with keys, a key is asked once and kept in a
signed HttpOnly SameSite cookie, forms and script writes need the CSRF token, share pages stay
public. (In-process TestClient: no browser needed.)"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from tests.web.conftest import MakeClient

KEY = "correct-horse-battery-staple"
HTML = {"accept": "text/html"}


def csrf_of(client: TestClient, path: str = "/") -> str:
    page = client.get(path, headers=HTML)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text) or re.search(
        r'data-csrf="([^"]+)"', page.text)
    assert match, page.text[:500]
    return match.group(1)


@pytest.fixture
def locked(make_client: MakeClient) -> TestClient:
    return make_client(api_keys=KEY)


def sign_in(client: TestClient) -> str:
    token = csrf_of(client, "/login")
    answer = client.post("/login", data={"key": KEY, "next": "/resumes", "csrf_token": token},
                         follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/resumes"
    return csrf_of(client, "/resumes")


def test_without_api_keys_the_pages_are_open(client: TestClient) -> None:
    assert client.get("/", headers=HTML).status_code == 200
    assert client.get("/resumes", headers=HTML).status_code == 200
    assert client.get("/login", follow_redirects=False).headers["location"] == "/"


def test_pages_ask_for_the_key_once_and_keep_a_signed_cookie(locked: TestClient) -> None:
    first = locked.get("/resumes?p=1", headers=HTML, follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/login?next=%2Fresumes%3Fp%3D1"
    token = csrf_of(locked, "/login")
    wrong = locked.post("/login", data={"key": "nope", "csrf_token": token})
    assert wrong.status_code == 401 and "not valid" in wrong.text
    answer = locked.post("/login", data={"key": KEY, "next": "//evil.example", "csrf_token": token},
                         follow_redirects=False)
    assert answer.headers["location"] == "/"  # never an off-site redirect
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and KEY not in cookie
    assert locked.get("/resumes", headers=HTML).status_code == 200


def test_a_tampered_cookie_is_not_a_session(locked: TestClient) -> None:
    sign_in(locked)
    value = locked.cookies.get("resumate_session")
    assert value
    locked.cookies.clear()
    locked.cookies.set("resumate_session", value[:-2] + ("AA" if value[-2:] != "AA" else "BB"))
    assert locked.get("/", headers=HTML, follow_redirects=False).status_code == 303


def test_the_session_reads_the_api_but_writes_need_the_csrf_header(
        locked: TestClient, resume_pdf: bytes) -> None:
    assert locked.get("/api/v1/resumes").status_code == 401
    token = sign_in(locked)
    assert locked.get("/api/v1/resumes").status_code == 200
    files = {"file": ("cv.pdf", resume_pdf, "application/pdf")}
    assert locked.post("/api/v1/resumes", files=files).status_code == 401
    accepted = locked.post("/api/v1/resumes?wait=true", files=files,
                           headers={"X-CSRF-Token": token})
    assert accepted.status_code == 200


def test_forms_without_the_csrf_token_are_refused(locked: TestClient, resume_pdf: bytes) -> None:
    token = sign_in(locked)
    created = locked.post("/api/v1/resumes?wait=true",
                          files={"file": ("cv.pdf", resume_pdf, "application/pdf")},
                          headers={"X-CSRF-Token": token}).json()
    refused = locked.post(f"/resumes/{created['id']}/delete", data={"csrf_token": "forged"})
    assert refused.status_code == 403 and "expired" in refused.text
    assert locked.get(f"/api/v1/resumes/{created['id']}").status_code == 200
    deleted = locked.post(f"/resumes/{created['id']}/delete", data={"csrf_token": token},
                          follow_redirects=False)
    assert deleted.status_code == 303
    assert locked.get(f"/api/v1/resumes/{created['id']}").status_code == 404


def test_share_pages_stay_public(locked: TestClient, resume_pdf: bytes) -> None:
    token = sign_in(locked)
    created = locked.post("/api/v1/resumes?wait=true",
                          files={"file": ("cv.pdf", resume_pdf, "application/pdf")},
                          headers={"X-CSRF-Token": token}).json()
    share = locked.post(f"/api/v1/resumes/{created['id']}/share",
                        headers={"X-CSRF-Token": token}).json()
    locked.cookies.clear()
    public = locked.get(f"/s/{share['token']}", headers=HTML, follow_redirects=False)
    assert public.status_code == 200 and "Jordan Example" in public.text
    assert public.headers["x-robots-tag"].startswith("noindex")


def test_a_cross_site_websocket_does_not_ride_the_session(locked: TestClient,
                                                          resume_pdf: bytes) -> None:
    token = sign_in(locked)
    created = locked.post("/api/v1/resumes?wait=true",
                          files={"file": ("cv.pdf", resume_pdf, "application/pdf")},
                          headers={"X-CSRF-Token": token}).json()
    path = f"/ws/resumes/{created['id']}"
    with locked.websocket_connect(path, headers={"origin": "http://testserver"}) as socket:
        assert socket.receive_json()["stage"] == "complete"
    with pytest.raises(WebSocketDisconnect), locked.websocket_connect(
            path, headers={"origin": "https://evil.example"}) as socket:
        socket.receive_json()


def test_pages_send_a_strict_content_security_policy(client: TestClient) -> None:
    headers = client.get("/", headers=HTML).headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
