from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import MakeClient
from tests.web.helpers import parsed, upload, wait_done


def test_upload_answers_202_with_status_and_progress_urls(client: TestClient,
                                                          resume_pdf: bytes) -> None:
    response = upload(client, resume_pdf)
    assert response.status_code == 202
    body = response.json()
    rid = body["id"]
    assert body["status"] == "queued" and body["deduplicated"] is False
    assert body["status_url"] == f"/api/v1/resumes/{rid}/status"
    assert body["progress"] == {"websocket": f"/ws/resumes/{rid}",
                                "events": f"/api/v1/resumes/{rid}/events"}
    assert response.headers["location"] == f"/api/v1/resumes/{rid}"
    done = wait_done(client, rid)
    assert done["status"] == "parsed"
    assert done["resume"]["basics"]["name"] == "Jordan Example"
    assert done["sha256"] == hashlib.sha256(resume_pdf).hexdigest()


def test_wait_true_parses_synchronously_and_answers_200(client: TestClient,
                                                         resume_pdf: bytes) -> None:
    body = parsed(client, resume_pdf)
    assert body["status"] == "parsed"
    assert body["resume"]["basics"]["email"] == "jordan.example@example.com"
    assert 0 <= body["confidence"]["basics.email"] <= 1
    assert "Jordan Example" in body["text"]


def test_the_same_bytes_give_the_same_resume_unless_fresh(client: TestClient,
                                                          make_pdf: object) -> None:
    data = make_pdf("Dee Dupe")  # type: ignore[operator]
    first = upload(client, data).json()
    second = upload(client, data).json()
    assert second["id"] == first["id"] and second["deduplicated"] is True
    third = upload(client, data, fresh="true").json()
    assert third["id"] != first["id"] and third["deduplicated"] is False


def test_the_file_is_stored_before_the_answer(client: TestClient, make_pdf: object,
                                              tmp_path: Path) -> None:
    data = make_pdf("Stored First")  # type: ignore[operator]
    upload(client, data)
    stored = [p.read_bytes() for p in (tmp_path / "data" / "files").rglob("*") if p.is_file()]
    assert data in stored


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("cv.pdf", b"", 422, "empty"),
        ("cv.pdf", bytes(range(256)) * 16, 415, "unsupported_type"),
        ("cv.pdf", b"<html><script>alert(1)</script></html>", 415, "unsupported_type"),
        ("cv.exe", b"%PDF-1.4\n", 415, "unsupported_type"),
        ("resume_\u202efdp.exe", b"%PDF-1.4\n", 415, "unsupported_type"),
    ],
)
def test_bad_files_are_refused_with_the_error_shape(client: TestClient, name: str, data: bytes,
                                                    status: int, code: str,
                                                    tmp_path: Path) -> None:
    response = upload(client, data, name)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert set(response.json()["error"]) == {"code", "message"}
    assert "\u202e" not in response.text
    assert client.get("/api/v1/resumes").json()["total"] == 0
    assert not [p for p in (tmp_path / "data" / "files").rglob("*") if p.is_file()]


def test_macro_enabled_documents_are_refused_as_unsafe(client: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\0" * 64)
    response = upload(client, buffer.getvalue(), "cv.docx")
    assert response.status_code in (415, 422)
    assert response.json()["error"]["code"] in ("unsafe", "unsupported_type")


def test_oversize_is_413_from_content_length(make_client: MakeClient) -> None:
    client = make_client(max_upload_bytes=1000)
    response = upload(client, b"%PDF-1.4\n" + b"0" * 200_000)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_oversize_is_413_for_chunked_uploads_too(make_client: MakeClient) -> None:
    client = make_client(max_upload_bytes=100_000)
    boundary = "xyz"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").encode()

    def body() -> object:
        yield head
        for _ in range(40):
            yield b"0" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    response = client.post("/api/v1/resumes", content=body(),
                           headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_missing_file_field_is_a_clear_422(client: TestClient) -> None:
    response = client.post("/api/v1/resumes", files={"other": ("a.pdf", b"%PDF-", "x/y")})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_a_path_in_the_filename_is_only_data(client: TestClient, resume_pdf: bytes,
                                             tmp_path: Path) -> None:
    target = Path("/tmp/resumate_traversal_test_canary.pdf")
    target.unlink(missing_ok=True)
    hostile_name = "../../../../../../tmp/resumate_traversal_test_canary.pdf"
    response = upload(client, resume_pdf, hostile_name, fresh="true")
    body = wait_done(client, response.json()["id"])
    assert body["filename"] == "resumate_traversal_test_canary.pdf"
    assert not target.exists()
    stored = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(p.is_relative_to(tmp_path) for p in stored)


def test_a_file_that_fails_to_parse_keeps_its_error_but_not_its_bytes(
    client: TestClient, tmp_path: Path
) -> None:
    broken = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nstream\n\x00\x01garbage"
    response = upload(client, broken, "broken.pdf", wait="true")
    body = response.json()
    assert body["status"] == "failed"
    assert body["error"]["code"] in ("corrupt", "empty")
    assert client.get(f"/api/v1/resumes/{body['id']}/file").status_code == 404
    assert not [p for p in (tmp_path / "data" / "files").rglob("*") if p.is_file()]


def test_docx_uploads_parse(client: TestClient, resume_docx: bytes) -> None:
    body = parsed(client, resume_docx, "casey.docx")
    assert body["format"] == "docx"
    assert "Casey Sample" in body["text"]
