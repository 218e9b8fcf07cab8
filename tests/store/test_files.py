"""The same storage tests on the local directory and on S3 (moto's server, over HTTP)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from resumate.store.files import FileStore, LocalFileStore, S3FileStore, StorageError, new_key

BUCKET = "resumate-test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """moto's standalone S3-compatible server, in its own process on loopback."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("moto server did not start")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def s3_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                        ("AWS_DEFAULT_REGION", "us-east-1")):
        monkeypatch.setenv(name, value)


@pytest.fixture
def s3_store(s3_endpoint: str, s3_environment: None) -> S3FileStore:
    store = S3FileStore.connect(bucket=BUCKET, prefix=f"t{os.getpid()}/", endpoint_url=s3_endpoint)
    existing = [b["Name"] for b in store.client.list_buckets().get("Buckets", [])]
    if BUCKET not in existing:
        store.client.create_bucket(Bucket=BUCKET)
    return store


@pytest.fixture(params=["local", "s3"])
def file_store(request: pytest.FixtureRequest, tmp_path: Path) -> FileStore:
    if request.param == "local":
        return LocalFileStore(tmp_path / "files")
    store: FileStore = request.getfixturevalue("s3_store")
    return store


def test_put_then_get_returns_the_same_bytes(file_store: FileStore) -> None:
    key = new_key()
    file_store.put(key, b"%PDF-1.7 resume bytes")
    assert file_store.exists(key)
    assert file_store.get(key) == b"%PDF-1.7 resume bytes"


def test_delete_removes_the_file_and_is_idempotent(file_store: FileStore) -> None:
    key = new_key()
    file_store.put(key, b"data")
    file_store.delete(key)
    file_store.delete(key)
    assert not file_store.exists(key)
    with pytest.raises(StorageError):
        file_store.get(key)


@pytest.mark.parametrize("key", ["../../etc/passwd", "/etc/passwd", "ab/../../x", "ab/" + "g" * 32])
def test_keys_that_are_not_ours_are_refused(file_store: FileStore, key: str) -> None:
    with pytest.raises(StorageError):
        file_store.put(key, b"x")


def test_local_store_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path / "files")
    key = new_key()
    store.put(key, b"abc")
    names = [p.name for p in (tmp_path / "files").rglob("*") if p.is_file()]
    assert names == [key.split("/")[1]]
