"""`resumate parse` as a user runs it: a real process (`python -m resumate.cli`), real files.

Every scenario is started at module set-up, all at once, so their start-up costs overlap; the
tests then read each run's exit status, stdout, stderr and output folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parent / "data"
PDF = DATA / "pdf" / "sources" / "one_column.pdf"
DOCX = DATA / "docx" / "sources" / "header_body_table.docx"
TXT = DATA / "txt" / "sources" / "utf8.txt"
RTF = DATA / "rtf" / "sources" / "resume.rtf"
ODT = DATA / "odt" / "sources" / "resume.odt"
TIMEOUT_S = 120


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    out: Path

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def _command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "resumate.cli", "parse", "--today", "2025-01-01", *map(str, args)]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    files = {"pdf": PDF, "docx": DOCX, "txt": TXT, "rtf": RTF, "odt": ODT}
    paths = {key: Path(shutil.copy(src, folder / src.name)) for key, src in files.items()}
    paths["bad"] = folder / "broken.pdf"
    paths["bad"].write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    paths["missing"] = folder / "nowhere.pdf"
    return paths


@pytest.fixture(scope="module")
def runs(
    inputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Run]]:
    i = inputs
    scenarios: dict[str, list[str | Path]] = {
        "stdout": [i["pdf"]],
        "batch": [i["pdf"], i["docx"], i["txt"], "--out", "{out}"],
        "jobs2": [
            i["pdf"],
            i["docx"],
            i["txt"],
            i["rtf"],
            i["odt"],
            "--jobs",
            "2",
            "--out",
            "{out}",
        ],
        "yaml_out": [i["pdf"], i["txt"], "--format", "yaml", "--out", "{out}"],
        "yaml_stdout": [i["txt"], "--format", "yaml"],
        "jsonl": [i["pdf"], i["txt"], "--format", "jsonl"],
        "explain": [i["txt"], "--explain"],
        "bad": [i["bad"]],
        "mixed": [i["pdf"], i["bad"], i["txt"], "--out", "{out}"],
        "missing": [i["missing"], i["txt"], "--out", "{out}"],
    }
    started = {}
    for name, args in scenarios.items():
        out = tmp_path_factory.mktemp(name)
        argv = [str(out) if a == "{out}" else str(a) for a in args]
        process = subprocess.Popen(
            _command(*argv),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        started[name] = (argv, out, process)
    results = {}
    for name, (argv, out, process) in started.items():
        stdout, stderr = process.communicate(timeout=TIMEOUT_S)
        results[name] = Run(argv, process.returncode, stdout, stderr, out)
    yield results


def test_one_file_prints_json_resume_to_stdout(runs: dict[str, Run]) -> None:
    run = runs["stdout"]
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["basics"]["name"] == "Marta Kowalczyk"
    assert document["meta"]["resumate"]["status"] == "ok"
    assert run.stderr == ""


def test_out_dir_gets_one_json_per_input_named_after_it(runs: dict[str, Run]) -> None:
    run = runs["batch"]
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    written = sorted(p.name for p in run.out.iterdir())
    assert written == ["header_body_table.docx.json", "one_column.pdf.json", "utf8.txt.json"]
    formats = {
        p.name: json.loads(p.read_text())["meta"]["resumate"]["format"] for p in run.out.iterdir()
    }
    assert formats == {
        "header_body_table.docx.json": "docx",
        "one_column.pdf.json": "pdf",
        "utf8.txt.json": "txt",
    }


def test_jobs_2_writes_the_same_documents_as_one_process(runs: dict[str, Run]) -> None:
    run, serial = runs["jobs2"], runs["batch"]
    assert run.returncode == 0, run.stderr
    assert len(list(run.out.iterdir())) == 5
    assert not list(run.out.glob("*.tmp")), "no half-written files are left"
    for single in serial.out.iterdir():
        assert json.loads((run.out / single.name).read_text()) == json.loads(single.read_text())


def test_yaml_format_writes_yaml_with_the_same_content(runs: dict[str, Run]) -> None:
    run = runs["yaml_out"]
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in run.out.iterdir()) == ["one_column.pdf.yaml", "utf8.txt.yaml"]
    as_yaml = yaml.safe_load((run.out / "one_column.pdf.yaml").read_text(encoding="utf-8"))
    as_json = json.loads(runs["stdout"].stdout)
    assert as_yaml == as_json
    stdout_yaml = yaml.safe_load(runs["yaml_stdout"].stdout)
    assert stdout_yaml["basics"]["name"] == "Marta Kowalczyk"


def test_jsonl_format_prints_one_document_per_line(runs: dict[str, Run]) -> None:
    run = runs["jsonl"]
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["basics"]["name"] for line in lines] == ["Marta Kowalczyk"] * 2
    assert [json.loads(line)["meta"]["resumate"]["format"] for line in lines] == ["pdf", "txt"]


def test_explain_prints_a_confidence_table_to_stderr(runs: dict[str, Run]) -> None:
    run = runs["explain"]
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["basics"]["name"] == "Marta Kowalczyk"
    assert "utf8.txt" in run.stderr
    for expected in ("field", "confidence", "features", "basics.name", "basics.email", "work[0]"):
        assert expected in run.stderr
    assert "{" not in run.stderr, "the table is on stderr, the JSON on stdout"


def test_a_bad_file_exits_1_with_one_line_naming_it_and_the_code(runs: dict[str, Run]) -> None:
    run = runs["bad"]
    assert run.returncode == 1
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    naming = [line for line in run.stderr_lines if "broken.pdf" in line]
    assert len(naming) == 1, run.stderr
    assert ": corrupt:" in naming[0]
    assert all(line.startswith("resumate: ") for line in run.stderr_lines)


def test_good_files_are_written_when_another_fails(runs: dict[str, Run]) -> None:
    run = runs["mixed"]
    assert run.returncode == 1
    assert sorted(p.name for p in run.out.iterdir()) == ["one_column.pdf.json", "utf8.txt.json"]
    assert "Traceback" not in run.stderr
    naming = [line for line in run.stderr_lines if "broken.pdf" in line]
    assert len(naming) == 1 and "corrupt" in naming[0]
    assert "one_column.pdf" not in run.stderr and "utf8.txt" not in run.stderr
    assert "1 of 3" in run.stderr


def test_a_missing_file_is_reported_and_the_rest_still_parsed(runs: dict[str, Run]) -> None:
    run = runs["missing"]
    assert run.returncode == 1
    assert [p.name for p in run.out.iterdir()] == ["utf8.txt.json"]
    naming = [line for line in run.stderr_lines if "nowhere.pdf" in line]
    assert len(naming) == 1 and "not_found" in naming[0]
    assert "Traceback" not in run.stderr


def test_bad_today_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "resumate.cli", "parse", "--today", "01/02/2025", str(TXT)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "--today" in done.stderr and "Traceback" not in done.stderr


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("resumate")
    assert script.exists()
    done = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, timeout=TIMEOUT_S
    )
    assert done.returncode == 0 and done.stdout.startswith("resumate ")
