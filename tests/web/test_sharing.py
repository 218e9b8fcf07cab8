from __future__ import annotations

import datetime as dt
import email
import mailbox
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from resumate.web.app import create_app
from tests.web.conftest import MakeClient, settings_for
from tests.web.helpers import parsed


@pytest.fixture
def shared(client: TestClient, resume_pdf: bytes) -> tuple[str, dict[str, object]]:
    rid = parsed(client, resume_pdf)["id"]
    response = client.post(f"/api/v1/resumes/{rid}/share", json={"expires_in_days": 7})
    assert response.status_code == 201
    return rid, response.json()


def test_share_links_are_long_random_tokens_and_creation_is_idempotent(
    client: TestClient, shared: tuple[str, dict[str, object]]
) -> None:
    rid, share = shared
    token = str(share["token"])
    assert len(token) >= 43  # 32 bytes of urlsafe base64: 256 bits
    assert share["url"] == f"http://testserver/s/{token}"
    again = client.post(f"/api/v1/resumes/{rid}/share")
    assert again.status_code == 200 and again.json()["token"] == token
    assert client.get(f"/api/v1/resumes/{rid}/share").json()["token"] == token


def test_public_json_and_html_count_accesses_and_are_not_indexed(
    client: TestClient, shared: tuple[str, dict[str, object]]
) -> None:
    rid, share = shared
    token = share["token"]
    public = client.get(f"/api/v1/shared/{token}")
    assert public.status_code == 200
    assert public.json()["resume"]["basics"]["name"] == "Jordan Example"
    assert "meta" not in public.json()["resume"]
    assert public.headers["x-robots-tag"].startswith("noindex")
    page = client.get(f"/s/{token}")
    assert page.status_code == 200 and "Jordan Example" in page.text
    assert page.headers["x-robots-tag"].startswith("noindex")
    owner_view = client.get(f"/api/v1/resumes/{rid}/share").json()
    assert owner_view["access_count"] == 2 and owner_view["last_accessed_at"]


def test_revoked_expired_and_unknown_links_are_indistinguishable(
    make_client: MakeClient, resume_pdf: bytes, tmp_path: Path
) -> None:
    now = [dt.datetime(2026, 3, 1, tzinfo=dt.UTC)]
    app = create_app(settings_for(tmp_path), clock=lambda: now[0])
    with TestClient(app) as client:
        rid = parsed(client, resume_pdf)["id"]
        expiring = client.post(f"/api/v1/resumes/{rid}/share",
                               json={"expires_in_days": 1}).json()["token"]
        now[0] += dt.timedelta(days=2)
        expired = client.get(f"/api/v1/shared/{expiring}")
        revoked_token = client.post(f"/api/v1/resumes/{rid}/share",
                                    json={"expires_in_days": None}).json()["token"]
        assert client.delete(f"/api/v1/resumes/{rid}/share").status_code == 204
        revoked = client.get(f"/api/v1/shared/{revoked_token}")
        unknown = client.get("/api/v1/shared/" + "x" * 43)
        answers = {(r.status_code, r.text) for r in (expired, revoked, unknown)}
        assert len(answers) == 1
        assert expired.status_code == 404
        assert expired.headers["x-robots-tag"].startswith("noindex")
        page = client.get(f"/s/{revoked_token}")
        assert page.status_code == 404 and "not available" in page.text


def test_expiry_can_be_changed_and_never_expire(client: TestClient,
                                                shared: tuple[str, dict[str, object]]) -> None:
    rid, _share = shared
    updated = client.patch(f"/api/v1/resumes/{rid}/share", json={"expires_in_days": None})
    assert updated.status_code == 200 and updated.json()["expires_at"] is None


def test_share_intents_carry_the_link(shared: tuple[str, dict[str, object]]) -> None:
    _rid, share = shared
    url = str(share["url"])
    intents = share["intents"]
    assert isinstance(intents, dict)
    assert intents["email"].startswith("mailto:?")
    assert url in parse_qs(urlsplit(intents["email"]).query)["body"][0]
    assert intents["whatsapp"].startswith("https://wa.me/?text=")
    assert url in parse_qs(urlsplit(intents["whatsapp"]).query)["text"][0]
    assert parse_qs(urlsplit(intents["telegram"]).query)["url"] == [url]
    assert intents["telegram"].startswith("https://t.me/share/url?")


def test_stored_markup_is_escaped_in_the_shared_page(client: TestClient,
                                                     shared: tuple[str, dict[str, object]]) -> None:
    rid, share = shared
    client.patch(f"/api/v1/resumes/{rid}", json={"corrections": [
        {"path": "basics.label", "value": "<script>alert(1)</script><img src=x onerror=y>"}]})
    page = client.get(f"/s/{share['token']}").text
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    data = client.get(f"/api/v1/shared/{share['token']}").json()
    assert data["resume"]["basics"]["label"].startswith("<script>")


# --- e-mail through a real SMTP server (aiosmtpd) on loopback -----------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    port, maildir = _free_port(), tmp_path / "maildir"
    process = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
         "-c", "aiosmtpd.handlers.Mailbox", str(maildir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("aiosmtpd did not start")
    try:
        yield port, maildir
    finally:
        process.terminate()
        process.wait(10)


def test_share_link_is_sent_by_smtp(make_client: MakeClient, resume_pdf: bytes,
                                    smtp_server: tuple[int, Path]) -> None:
    port, maildir = smtp_server
    client = make_client(smtp_host="127.0.0.1", smtp_port=port, smtp_from="cv@example.org")
    rid = parsed(client, resume_pdf)["id"]
    url = client.post(f"/api/v1/resumes/{rid}/share").json()["url"]
    response = client.post(f"/api/v1/resumes/{rid}/share/email",
                           json={"to": "hiring@example.com", "message": "Have a look."})
    assert response.status_code == 202, response.text
    messages = list(mailbox.Maildir(str(maildir), create=False))
    assert len(messages) == 1
    message = email.message_from_bytes(messages[0].as_bytes())
    assert message["To"] == "hiring@example.com" and message["From"] == "cv@example.org"
    assert "Jordan Example" in message["Subject"]
    assert url in message.get_payload(decode=True).decode()


def test_email_without_smtp_or_with_a_bad_address_is_refused(client: TestClient,
                                                              resume_pdf: bytes) -> None:
    rid = parsed(client, resume_pdf)["id"]
    client.post(f"/api/v1/resumes/{rid}/share")
    bad = client.post(f"/api/v1/resumes/{rid}/share/email",
                      json={"to": "a@b.c\r\nBcc: x@y.z"})
    assert bad.status_code == 422
    unavailable = client.post(f"/api/v1/resumes/{rid}/share/email", json={"to": "a@b.co"})
    assert unavailable.status_code == 503
    assert unavailable.json()["error"]["code"] == "email_unavailable"
