from __future__ import annotations

import pytest

from resumate.parsing.skills import (
    find_skills_in_text,
    normalize_skill,
    skill_key,
    split_category,
    split_skill_list,
)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("JS", "JavaScript"),
        ("Javascript", "JavaScript"),
        ("javascript", "JavaScript"),
        ("TypeScript", "TypeScript"),
        ("k8s", "Kubernetes"),
        ("K8S", "Kubernetes"),
        ("Postgres", "PostgreSQL"),
        ("PostgreSQL", "PostgreSQL"),
        ("ReactJS", "React"),
        ("React.js", "React"),
        ("react js", "React"),
        ("C#", "C#"),
        ("C++", "C++"),
        ("C", "C"),
        ("F#", "F#"),
        (".NET", ".NET"),
        ("dotnet", ".NET"),
        ("ASP.NET Core", "ASP.NET Core"),
        ("Node.js", "Node.js"),
        ("NodeJS", "Node.js"),
        ("Golang", "Go"),
        ("Objective C", "Objective-C"),
        ("Python 3.11", "Python"),
        ("Java 17", "Java"),
        ("Angular 2+", "Angular"),
        ("Python (advanced)", "Python"),
        ("MS Excel", "Microsoft Excel"),
        ("Power BI", "Power BI"),
        ("PowerBI", "Power BI"),
        ("scikit-learn", "scikit-learn"),
        ("sklearn", "scikit-learn"),
        ("CI/CD", "CI/CD"),
        ("A/B testing", "A/B testing"),
        ("R&D", "Research and development"),
        ("AWS", "Amazon Web Services"),
        ("GCP", "Google Cloud Platform"),
        ("Figma", "Figma"),
        ("Scrum", "Scrum"),
        ("Problem-solving", "Problem solving"),
        ("Financial modelling", "Financial modeling"),
        ("EHR", "Electronic health records"),
        ("SEO", "SEO"),
        ("CoffeeScript", "CoffeeScript"),
        ("Haskell", "Haskell"),
    ],
)
def test_normalize_skill(raw: str, canonical: str) -> None:
    match = normalize_skill(raw)
    assert match is not None
    assert match.canonical == canonical
    assert match.raw == raw


@pytest.mark.parametrize("raw", ["", "   ", "Lorem ipsum dolor", "node", "x" * 200])
def test_normalize_skill_rejects(raw: str) -> None:
    assert normalize_skill(raw) is None


def test_skill_match_carries_category_and_source() -> None:
    match = normalize_skill("C#")
    assert match is not None
    assert match.category == "Programming language"
    assert match.source_id.startswith("linguist:")
    curated = normalize_skill("Kubernetes")
    assert curated is not None
    assert (curated.category, curated.source_id) == ("DevOps", "resumate:kubernetes")


@pytest.mark.parametrize(
    ("a", "b"),
    [("React.js", "reactjs"), ("Node JS", "node.js"), ("Inglés", "ingles")],
)
def test_skill_key_ignores_case_spaces_and_dots(a: str, b: str) -> None:
    assert skill_key(a) == skill_key(b)


@pytest.mark.parametrize(("a", "b"), [("C", "C++"), ("C", "C#"), ("F#", "F")])
def test_skill_key_keeps_plus_and_hash(a: str, b: str) -> None:
    assert skill_key(a) != skill_key(b)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "Python, Go; Docker | Kubernetes • AWS (EC2, S3) and Terraform",
            ["Python", "Go", "Docker", "Kubernetes", "AWS", "EC2", "S3", "Terraform"],
        ),
        ("C++, C#, F#, .NET", ["C++", "C#", "F#", ".NET"]),
        ("Node.js, CI/CD, A/B testing", ["Node.js", "CI/CD", "A/B testing"]),
        ("R&D, Objective-C, e-commerce", ["R&D", "Objective-C", "e-commerce"]),
        ("Python (advanced), Java (5 years)", ["Python", "Java"]),
        ("HTML / CSS / JavaScript", ["HTML / CSS / JavaScript"]),
        ("Sales & Marketing", ["Sales & Marketing"]),
        ("Docker (containerization), Git", ["Docker (containerization)", "Git"]),
        ("Python, (beta)", ["Python", "beta"]),
        ("Weights & Biases", ["Weights & Biases"]),
        ("Python · SQL · Tableau", ["Python", "SQL", "Tableau"]),
        ("Excel, PowerPoint, etc.", ["Excel", "PowerPoint"]),
        ("Java und Kotlin", ["Java und Kotlin"]),
        ("Python, ", ["Python"]),
        ("", []),
    ],
)
def test_split_skill_list(text: str, items: list[str]) -> None:
    assert split_skill_list(text) == items


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Languages: Python, Go", ("Languages", "Python, Go")),
        ("Cloud & DevOps: AWS, Docker", ("Cloud & DevOps", "AWS, Docker")),
        ("Frontend – React, Vue", ("Frontend", "React, Vue")),
        ("Tools - Git, Jira", ("Tools", "Git, Jira")),
        ("Python - SQL - Bash", (None, "Python - SQL - Bash")),
        ("Tools: Git - Jira - Bazel", ("Tools", "Git - Jira - Bazel")),
        ("Python, Go", (None, "Python, Go")),
        ("https://github.com/jane", (None, "https://github.com/jane")),
        ("Languages:", (None, "Languages:")),
        (
            "A very long label that is clearly a sentence: x",
            (None, "A very long label that is clearly a sentence: x"),
        ),
    ],
)
def test_split_category(text: str, expected: tuple[str | None, str]) -> None:
    assert split_category(text) == expected


def test_find_skills_in_text_prefers_longest_and_keeps_order() -> None:
    text = (
        "Built microservices in Python with Docker and Kubernetes on Google Cloud Platform; "
        "moved C++ and C# services to .NET and Node.js. CI/CD via GitHub Actions."
    )
    found = [m.canonical for m in find_skills_in_text(text)]
    assert found == [
        "Microservices", "Python", "Docker", "Kubernetes", "Google Cloud Platform", "C++", "C#",
        ".NET", "Node.js", "CI/CD", "GitHub Actions",
    ]  # fmt: skip


def test_find_skills_in_text_spans_point_at_the_text() -> None:
    text = "Experienced with PostgreSQL and React.js."
    for match in find_skills_in_text(text):
        assert text[match.span[0] : match.span[1]] == match.raw
    assert [m.raw for m in find_skills_in_text(text)] == ["PostgreSQL", "React.js"]


@pytest.mark.parametrize(
    "text",
    [
        "Led the sales team and made it work; go home in spring.",
        "Red team exercises; ring the bell; C grade.",
        "",
        "No skills here at all.",
    ],
)
def test_find_skills_in_text_skips_ordinary_words(text: str) -> None:
    assert find_skills_in_text(text) == []


def test_find_skills_in_text_reports_each_skill_once() -> None:
    assert [m.canonical for m in find_skills_in_text("Docker, docker and Docker")] == ["Docker"]
