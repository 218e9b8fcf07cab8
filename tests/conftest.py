"""Shared fixtures: generated resume files, databases (a SQLite file per test, PostgreSQL in a
fresh schema per test) and helpers. Nothing here depends on files outside the repository."""

from __future__ import annotations

import io
import os
import secrets
from collections.abc import Callable, Iterator

import pytest

POSTGRES_URL = os.environ.get(
    "RESUMATE_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

SAMPLE_RESUME = {
    "name": "Jordan Example",
    "label": "Senior Software Engineer",
    "email": "jordan.example@example.com",
    "phone": "+1 555 010 0100",
    "work": [
        ("Senior Software Engineer", "Acme Corporation", "Jan 2020 - Present",
         ["Led the migration of billing services to Python 3."]),
        ("Software Engineer", "Globex Inc", "Mar 2016 - Dec 2019",
         ["Built data pipelines processing 2 TB per day."]),
    ],
    "education": [("BSc Computer Science", "State University", "2012 - 2016")],
    "skills": "Python, PostgreSQL, Docker, Kubernetes",
}


def _pdf(lines: list[tuple[str, int, bool]]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    y = 800.0
    for text, size, bold in lines:
        page.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        page.drawString(60, y, text)
        y -= size + 8
    page.save()
    return buffer.getvalue()


def resume_lines(resume: dict[str, object] = SAMPLE_RESUME) -> list[tuple[str, int, bool]]:
    lines: list[tuple[str, int, bool]] = [
        (str(resume["name"]), 20, True), (str(resume["label"]), 12, False),
        (f"{resume['email']} | {resume['phone']}", 10, False), ("EXPERIENCE", 13, True),
    ]
    for position, company, dates, highlights in resume["work"]:  # type: ignore[attr-defined]
        lines += [(f"{position}, {company}", 11, True), (dates, 10, False)]
        lines += [(f"- {h}", 10, False) for h in highlights]
    lines.append(("EDUCATION", 13, True))
    for degree, school, dates in resume["education"]:  # type: ignore[attr-defined]
        lines += [(f"{degree}, {school}", 11, True), (dates, 10, False)]
    lines += [("SKILLS", 13, True), (str(resume["skills"]), 10, False)]
    return lines


@pytest.fixture(scope="session")
def resume_pdf() -> bytes:
    """A plain one-page resume PDF (ReportLab)."""
    return _pdf(resume_lines())


@pytest.fixture
def make_pdf() -> Callable[[str], bytes]:
    """A resume PDF whose name is the given one (unique bytes per call)."""

    def make(name: str) -> bytes:
        lines = resume_lines()
        lines[0] = (name, 20, True)
        return _pdf(lines)

    return make


@pytest.fixture(scope="session")
def resume_docx() -> bytes:
    """A plain resume DOCX (python-docx)."""
    import docx

    document = docx.Document()
    document.add_heading("Casey Sample", level=0)
    document.add_paragraph("casey.sample@example.com | +44 20 7946 0000")
    document.add_heading("Experience", level=1)
    document.add_paragraph("Data Analyst, Initech Ltd")
    document.add_paragraph("2019 - Present")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- databases ----------------------------------------------------------------------------------


@pytest.fixture
def sqlite_url(tmp_path: os.PathLike[str]) -> str:
    return f"sqlite:///{tmp_path}/resumate-test.sqlite3"


def _postgres_reachable() -> str | None:
    try:
        import psycopg

        url = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, connect_timeout=3):
            return None
    except Exception as error:  # driver missing or server down
        return f"{type(error).__name__}: {error}"


@pytest.fixture(scope="session")
def postgres_available() -> None:
    problem = _postgres_reachable()
    if problem is None:
        return
    message = f"PostgreSQL at {POSTGRES_URL} is unreachable ({problem})"
    if IN_CI:
        pytest.fail(message + "; CI must provide it")
    pytest.skip(message)


@pytest.fixture
def postgres_url(postgres_available: None) -> Iterator[str]:
    """A URL whose search_path is a fresh schema, dropped after the test."""
    import psycopg

    schema = f"t_{secrets.token_hex(6)}"
    admin = POSTGRES_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """The same test on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_url"))
