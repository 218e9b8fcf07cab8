"""`resumate import`: streaming, resumable, with a final report (in-process runner on SQLite)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from resumate.cli import main
from resumate.store import repositories as repo
from resumate.store.db import open_database


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    for key, value in {"RESUMATE_ENV": "test", "RESUMATE_DATA_DIR": str(data),
                       "RESUMATE_OCR": "never", "RESUMATE_WORKERS": "2",
                       "RESUMATE_JOBS": "inprocess"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("RESUMATE_DATABASE_URL", raising=False)
    return data


def test_import_reports_successes_and_failures_and_resumes_where_it_stopped(
    env: Path, tmp_path: Path, make_pdf: Any, capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "inbox"
    source.mkdir()
    for n in range(3):
        (source / f"cv{n}.pdf").write_bytes(make_pdf(f"Imported Person {n}"))
    (source / "broken.pdf").write_bytes(b"%PDF-1.7\n%%junk")
    manifest = tmp_path / "manifest.txt"
    manifest.write_text("# first run\ninbox/cv0.pdf\ninbox/cv1.pdf\ninbox/broken.pdf\n")
    report = tmp_path / "report.jsonl"

    assert main(["import", str(manifest), "--report", str(report)]) == 1  # one bad file
    err = capsys.readouterr().err
    assert "import: 3 enqueued" in err and "parse: 2 parsed, 1 failed" in err
    outcomes = [json.loads(line) for line in report.read_text().splitlines()]
    assert [o["outcome"] for o in outcomes] == ["enqueued"] * 3

    with manifest.open("a") as handle:  # the run "stopped" here; more files arrive
        handle.write("inbox/cv2.pdf\ninbox/missing.pdf\n")
    assert main(["import", str(manifest)]) == 1
    err = capsys.readouterr().err
    assert "1 enqueued, 0 already known, 3 skipped" in err
    assert "missing.pdf: not_found" in err

    database = open_database(f"sqlite:///{env / 'resumate.sqlite3'}")
    with database.read() as db:
        _items, total = repo.list_resumes(db, status=None, limit=100, offset=0)
        _parsed, parsed = repo.list_resumes(db, status="parsed", limit=100, offset=0)
    database.dispose()
    assert (total, parsed) == (4, 3)


def test_import_of_a_directory_skips_files_already_known_by_content(
    env: Path, tmp_path: Path, make_pdf: Any, capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "folder"
    (source / "nested").mkdir(parents=True)
    data = make_pdf("Folder Person")
    (source / "a.pdf").write_bytes(data)
    (source / "nested" / "copy.pdf").write_bytes(data)
    (source / "ignored.bin").write_bytes(b"not a resume suffix")
    assert main(["import", str(source)]) == 0
    assert "import: 1 enqueued, 1 already known" in capsys.readouterr().err
