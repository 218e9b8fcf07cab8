"""Generate the golden-test source files under tests/data/<format>/sources/, deterministically.

    uv run python scripts/make_test_data.py            # (re)write every source file
    uv run python scripts/make_test_data.py --check    # exit 1 if a committed file would change

Every person, employer and school here is invented. Output is byte-for-byte reproducible for a
given lockfile: reportlab runs in invariant mode, zip members get a fixed timestamp, DOCX core
properties are pinned, and the PNG is drawn with the font embedded in Pillow.

After changing this script, regenerate the goldens and review their diff:
`RESUMATE_UPDATE_GOLDEN=1 uv run pytest tests/test_golden.py`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Job:
    position: str
    company: str
    location: str
    dates: str
    highlights: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    name: str
    label: str
    email: str
    phone: str
    location: str
    url: str
    summary: str
    jobs: tuple[Job, ...]
    education: tuple[tuple[str, str, str], ...]  # degree, institution, dates
    skills: tuple[str, ...]
    languages: tuple[str, ...]
    certificates: tuple[str, ...]
    headings: dict[str, str] = field(default_factory=dict)

    def contact_line(self) -> str:
        return f"{self.email} | {self.phone} | {self.location}"

    def heading(self, key: str) -> str:
        return self.headings.get(key, key.upper())


MARTA = Person(
    name="Marta Kowalczyk",
    label="Senior Data Engineer",
    email="marta.kowalczyk@example.org",
    phone="+44 20 7946 0958",
    location="Leeds, United Kingdom",
    url="https://github.com/marta-kowalczyk",
    summary="Data engineer with eight years of experience building batch and streaming "
    "pipelines for logistics and retail analytics.",
    jobs=(
        Job(
            "Senior Data Engineer",
            "Northwind Analytics",
            "Leeds",
            "Jan 2020 – Present",
            (
                "Rebuilt the nightly ETL in Apache Spark, cutting run time from six hours to 50 min.",  # noqa: E501
                "Mentored four engineers and introduced code review for SQL models.",
            ),
        ),
        Job(
            "Data Engineer",
            "Blue Heron Logistics",
            "Manchester",
            "Mar 2016 – Dec 2019",
            (
                "Designed the PostgreSQL warehouse schema used by 40 analysts.",
                "Moved route-planning jobs from cron to Apache Airflow.",
            ),
        ),
        Job(
            "Junior Developer",
            "Copperleaf Software",
            "Sheffield",
            "Jul 2014 – Feb 2016",
            ("Maintained invoicing reports written in Python and SQL.",),
        ),
    ),
    education=(
        ("MSc Computer Science", "University of Leeds", "2012 – 2014"),
        ("BSc Mathematics", "University of York", "2009 – 2012"),
    ),
    skills=("Python", "SQL", "Apache Spark", "Kafka", "Airflow", "Docker", "Terraform"),
    languages=("English (native)", "Polish (fluent)", "German (B1)"),
    certificates=("AWS Certified Solutions Architect – Associate, Amazon Web Services, 2021",),
)

TOMAS = Person(
    name="Tomás Ferreira",
    label="Product Designer",
    email="tomas.ferreira@example.com",
    phone="+351 21 123 4567",
    location="Lisbon, Portugal",
    url="https://tomasferreira.example.com",
    summary="Product designer who turns research into simple interfaces for banking and "
    "healthcare products.",
    jobs=(
        Job(
            "Lead Product Designer",
            "Atlântico Bank",
            "Lisbon",
            "Feb 2021 – Present",
            (
                "Led the redesign of the mobile app used by 1.2 million customers.",
                "Built the design system in Figma with 140 components.",
            ),
        ),
        Job(
            "UX Designer",
            "Saúde Digital",
            "Porto",
            "Sep 2017 – Jan 2021",
            (
                "Ran 60 usability sessions with clinicians.",
                "Reduced appointment booking time by 35%.",
            ),
        ),
    ),
    education=(("BA Communication Design", "University of Porto", "2013 – 2017"),),
    skills=("Figma", "User Research", "Prototyping", "HTML", "CSS", "Accessibility"),
    languages=("Portuguese (native)", "English (C1)", "Spanish (B2)"),
    certificates=("Certified Usability Analyst, Human Factors International, 2019",),
)

PRIYA = Person(
    name="Priya Raman",
    label="Backend Developer",
    email="priya.raman@example.net",
    phone="(415) 555-2671",
    location="San Francisco, CA",
    url="https://priyaraman.example.net",
    summary="Backend developer focused on payment APIs, reliability and clear documentation.",
    jobs=(
        Job(
            "Backend Developer",
            "Fernpay Inc",
            "San Francisco, CA",
            "Apr 2019 – Present",
            (
                "Built the refunds API in Go, serving 3,000 requests per second.",
                "Cut p99 latency of the ledger service from 800 ms to 120 ms.",
            ),
        ),
        Job(
            "Software Engineer",
            "Quarry Labs",
            "Oakland, CA",
            "Jun 2016 – Mar 2019",
            ("Wrote the Django admin tools used by the support team.",),
        ),
    ),
    education=(("BS Computer Science", "University of California, Davis", "2012 – 2016"),),
    skills=("Go", "Python", "Django", "PostgreSQL", "Redis", "Kubernetes", "gRPC"),
    languages=("English (native)", "Tamil (fluent)"),
    certificates=("Certified Kubernetes Application Developer, CNCF, 2022",),
)

HENRIK = Person(
    name="Henrik Lund",
    label="DevOps Engineer",
    email="henrik.lund@example.dk",
    phone="+45 32 12 34 56",
    location="Copenhagen, Denmark",
    url="https://github.com/henrik-lund",
    summary="DevOps engineer who automates infrastructure and keeps deployments boring.",
    jobs=(
        Job(
            "DevOps Engineer",
            "Nordlys Energy",
            "Copenhagen",
            "Aug 2019 – Present",
            (
                "Moved 120 services to Kubernetes with zero-downtime deploys.",
                "Wrote Terraform modules shared by six teams.",
            ),
        ),
        Job(
            "Systems Administrator",
            "Havn Shipping",
            "Aarhus",
            "Jan 2015 – Jul 2019",
            ("Automated server provisioning with Ansible.",),
        ),
    ),
    education=(("BSc Software Engineering", "Technical University of Denmark", "2011 – 2014"),),
    skills=("Kubernetes", "Terraform", "Ansible", "Linux", "Prometheus", "Bash"),
    languages=("Danish (native)", "English (fluent)"),
    certificates=("Red Hat Certified Engineer, Red Hat, 2018",),
)

AMELIE = Person(
    name="Amélie Dubois",
    label="Chargée de communication",
    email="amelie.dubois@example.fr",
    phone="+33 1 42 68 53 00",
    location="Lyon, France",
    url="https://amelie-dubois.example.fr",
    summary="Spécialiste de la communication numérique pour les institutions culturelles.",
    jobs=(
        Job(
            "Chargée de communication",
            "Musée des Tisserands",
            "Lyon",
            "sept. 2018 – aujourd'hui",
            ("Refonte du site web et hausse de 40 % des visites.",),
        ),
        Job(
            "Assistante marketing",
            "Éditions Rhône",
            "Lyon",
            "janv. 2015 – août 2018",
            ("Gestion des réseaux sociaux de 12 collections.",),
        ),
    ),
    education=(("Master Communication", "Université Lumière Lyon 2", "2013 – 2015"),),
    skills=("Rédaction", "WordPress", "Photoshop", "Réseaux sociaux"),
    languages=("Français (langue maternelle)", "Anglais (courant)"),
    certificates=("Certification Google Analytics, Google, 2020",),
    headings={
        "summary": "PROFIL",
        "experience": "EXPÉRIENCE PROFESSIONNELLE",
        "education": "FORMATION",
        "skills": "COMPÉTENCES",
        "languages": "LANGUES",
        "certificates": "CERTIFICATIONS",
    },
)

JOSE = Person(
    name="José Martín Ortega",
    label="Ingeniero de software",
    email="jose.martin@example.es",
    phone="+34 912 345 678",
    location="Madrid, España",
    url="https://josemartin.example.es",
    summary="Ingeniero de software con experiencia en aplicaciones web y sistemas de pago.",
    jobs=(
        Job(
            "Ingeniero de software",
            "Pagos Ibéricos",
            "Madrid",
            "03/2019 – actualidad",
            ("Diseñé la API de cobros recurrentes en Java.",),
        ),
        Job(
            "Desarrollador web",
            "Estudio Añil",
            "Valencia",
            "09/2015 – 02/2019",
            ("Desarrollé tiendas en línea con PHP y MySQL.",),
        ),
    ),
    education=(
        ("Grado en Ingeniería Informática", "Universidad Politécnica de Madrid", "2011 – 2015"),
    ),
    skills=("Java", "Spring", "PHP", "MySQL", "Docker"),
    languages=("Español (nativo)", "Inglés (B2)"),
    certificates=("Oracle Certified Professional Java SE 11, Oracle, 2020",),
    headings={
        "summary": "PERFIL",
        "experience": "EXPERIENCIA PROFESIONAL",
        "education": "EDUCACIÓN",
        "skills": "HABILIDADES",
        "languages": "IDIOMAS",
        "certificates": "CERTIFICACIONES",
    },
)

KWAME = Person(
    name="Kwame Mensah",
    label="Financial Analyst",
    email="kwame.mensah@example.com",
    phone="+1 312 555 0147",
    location="Chicago, IL",
    url="https://kwamemensah.example.com",
    summary="Financial analyst with a focus on forecasting and reporting for mid-size retailers.",
    jobs=(
        Job(
            "Senior Financial Analyst",
            "Lakeshore Retail Group",
            "Chicago, IL",
            "May 2020 – Present",
            ("Built the rolling 18-month forecast in Excel and Power BI.",),
        ),
        Job(
            "Financial Analyst",
            "Prairie Foods",
            "Milwaukee, WI",
            "Aug 2016 – Apr 2020",
            ("Closed the monthly books two days faster.",),
        ),
    ),
    education=(("MBA Finance", "Northwestern University", "2014 – 2016"),),
    skills=("Excel", "Power BI", "SQL", "Financial Modeling"),
    languages=("English (native)", "French (intermediate)"),
    certificates=("CFA Level II, CFA Institute, 2019",),
)

INGRID = Person(
    name="Ingrid Solberg",
    label="Machine Learning Engineer",
    email="ingrid.solberg@example.no",
    phone="+47 22 12 34 56",
    location="Oslo, Norway",
    url="https://github.com/ingrid-solberg",
    summary="Machine learning engineer shipping ranking and forecasting models to production.",
    jobs=(
        Job(
            "Machine Learning Engineer",
            "Fjordline Media",
            "Oslo",
            "Oct 2020 – Present",
            ("Trained the article ranking model behind the front page.",),
        ),
        Job(
            "Data Scientist",
            "Polar Grid",
            "Bergen",
            "Jan 2017 – Sep 2020",
            ("Forecast hourly power demand with gradient boosting.",),
        ),
    ),
    education=(("MSc Statistics", "University of Oslo", "2015 – 2017"),),
    skills=("Python", "PyTorch", "scikit-learn", "SQL", "Docker"),
    languages=("Norwegian (native)", "English (fluent)"),
    certificates=("TensorFlow Developer Certificate, Google, 2021",),
)

DANIEL = Person(
    name="Daniel Okafor",
    label="Project Manager",
    email="daniel.okafor@example.co.uk",
    phone="+44 161 496 0123",
    location="Manchester, United Kingdom",
    url="https://danielokafor.example.co.uk",
    summary="Project manager delivering construction software roll-outs on time and on budget.",
    jobs=(
        Job(
            "Project Manager",
            "Ironbridge Construction",
            "Manchester",
            "Jun 2018 – Present",
            ("Delivered a site-management platform to 30 building sites.",),
        ),
        Job(
            "Project Coordinator",
            "Millstone Homes",
            "Bolton",
            "Sep 2014 – May 2018",
            ("Coordinated 14 suppliers for a 200-home development.",),
        ),
    ),
    education=(("BSc Construction Management", "University of Salford", "2011 – 2014"),),
    skills=("Agile", "Scrum", "MS Project", "Risk Management"),
    languages=("English (native)", "Igbo (conversational)"),
    certificates=("PRINCE2 Practitioner, AXELOS, 2019",),
)

LENA = Person(
    name="Lena Hoffmann",
    label="Frontend Developer",
    email="lena.hoffmann@example.de",
    phone="+49 30 901820",
    location="Berlin, Germany",
    url="https://lenahoffmann.example.de",
    summary="Frontend developer building fast, accessible web apps with React and TypeScript.",
    jobs=(
        Job(
            "Frontend Developer",
            "Spreeblick GmbH",
            "Berlin",
            "Apr 2021 – Present",
            ("Rewrote the checkout in React and TypeScript.",),
        ),
        Job(
            "Web Developer",
            "Kranich Media",
            "Hamburg",
            "Oct 2017 – Mar 2021",
            ("Built 25 marketing sites with Vue.js.",),
        ),
    ),
    education=(("BSc Media Informatics", "HTW Berlin", "2014 – 2017"),),
    skills=("TypeScript", "React", "Vue.js", "CSS", "Jest"),
    languages=("German (native)", "English (C1)"),
    certificates=("Professional Scrum Developer, Scrum.org, 2022",),
)


AIKO = Person(
    name="Aiko Tanaka",
    label="UX Researcher",
    email="aiko.tanaka@example.jp",
    phone="+81 3-1234-5678",
    location="Osaka, Japan",
    url="https://aikotanaka.example.jp",
    summary="UX researcher who plans studies, runs interviews and turns findings into product "
    "decisions for travel and retail apps.",
    jobs=(
        Job(
            "Senior UX Researcher",
            "Hikari Travel",
            "Osaka",
            "Apr 2021 – Present",
            ("Ran 40 interviews a quarter with travellers in three countries.",
             "Set up the research repository the design team uses."),
        ),
        Job(
            "UX Researcher",
            "Momiji Retail",
            "Kyoto",
            "Jun 2017 – Mar 2021",
            ("Tested checkout flows with 300 shoppers.",),
        ),
    ),
    education=(("MSc Human-Computer Interaction", "University of Tokyo", "2015 – 2017"),),
    skills=("User Interviews", "Usability Testing", "Figma", "Survey Design", "SQL"),
    languages=("Japanese (native)", "English (C1)"),
    certificates=("Certified Usability Analyst, Human Factors International, 2020",),
)

RAFAEL = Person(
    name="Rafael Souza",
    label="Analista de Dados",
    email="rafael.souza@example.com.br",
    phone="+55 11 98765-4321",
    location="São Paulo, Brasil",
    url="https://rafaelsouza.example.com.br",
    summary="Analista de dados com experiência em painéis de vendas e modelos de previsão.",
    jobs=(
        Job(
            "Analista de Dados Sênior",
            "Varejo Paulista",
            "São Paulo",
            "mar 2020 – atual",
            ("Criei os painéis de vendas usados por 40 lojas.",),
        ),
        Job(
            "Analista de BI",
            "Banco Horizonte",
            "Campinas",
            "jan 2016 – fev 2020",
            ("Automatizei os relatórios mensais de crédito.",),
        ),
    ),
    education=(
        ("Bacharelado em Estatística", "Universidade de São Paulo", "2011 – 2015"),
    ),
    skills=("Python", "SQL", "Power BI", "Pandas"),
    languages=("Português (nativo)", "Inglês (fluente)"),
    certificates=("Microsoft Certified: Power BI Data Analyst Associate, Microsoft, 2021",),
    headings={
        "summary": "Resumo",
        "experience": "Experiência Profissional",
        "education": "Formação Acadêmica",
        "skills": "Competências",
        "languages": "Idiomas",
        "certificates": "Certificações",
        "contact": "Contato",
    },
)

JONAS = Person(
    name="Jonas Becker",
    label="Softwareentwickler",
    email="jonas.becker@example.de",
    phone="+49 89 1234567",
    location="München, Deutschland",
    url="https://jonasbecker.example.de",
    summary="Softwareentwickler mit Schwerpunkt auf Backend-Systemen für Versicherungen.",
    jobs=(
        Job(
            "Senior Softwareentwickler",
            "Alpen Versicherung AG",
            "München",
            "03/2019 – heute",
            ("Entwicklung der Schadensplattform in Kotlin.",),
        ),
        Job(
            "Softwareentwickler",
            "Isar Digital GmbH",
            "Augsburg",
            "10/2014 – 02/2019",
            ("Aufbau der Schnittstellen zu Partnerportalen.",),
        ),
    ),
    education=(("Master of Science Informatik", "Technische Universität München", "2012 – 2014"),),
    skills=("Kotlin", "Java", "Spring Boot", "PostgreSQL"),
    languages=("Deutsch (Muttersprache)", "Englisch (verhandlungssicher)"),
    certificates=("AWS Certified Developer, Amazon Web Services, 2021",),
    headings={
        "summary": "Profil",
        "experience": "Berufserfahrung",
        "education": "Ausbildung",
        "skills": "Kenntnisse",
        "languages": "Sprachen",
        "certificates": "Zertifikate",
    },
)

KATHARINA = Person(
    name="Katharina Vogel",
    label="Projektleiterin Bau",
    email="k.vogel@example.de",
    phone="0221 987654",
    location="Lindenstraße 8, 50674 Köln",
    url="https://katharinavogel.example.de",
    summary="Bauingenieurin mit zehn Jahren Erfahrung in Planung und Projektleitung.",
    jobs=(
        Job(
            "Projektleiterin",
            "Rheinwerk Bau GmbH",
            "Köln",
            "seit 01/2021",
            ("Leitung von Bauprojekten bis 20 Mio. Euro",),
        ),
        Job(
            "Bauingenieurin",
            "Domstadt Planung AG",
            "Bonn",
            "09/2015 – 12/2020",
            ("Tragwerksplanung für Wohnbauten",),
        ),
    ),
    education=(("Master of Science Bauingenieurwesen", "RWTH Aachen", "10/2010 – 07/2015"),),
    skills=("AutoCAD", "Revit", "MS Project"),
    languages=("Deutsch (Muttersprache)", "Englisch (gut)"),
    certificates=(),
    headings={
        "summary": "Profil",
        "experience": "Berufserfahrung",
        "education": "Ausbildung",
        "skills": "Kenntnisse",
        "languages": "Sprachen",
    },
)


# --- a person as plain lines -----------------------------------------------------------------


def text_lines(person: Person) -> list[str]:
    """The resume as plain text lines, one-column, in reading order."""
    lines = [person.name, person.label, person.contact_line(), person.url, ""]
    lines += [person.heading("summary"), person.summary, ""]
    lines.append(person.heading("experience"))
    for job in person.jobs:
        lines += [f"{job.position}, {job.company}, {job.location}", job.dates]
        lines += [f"- {h}" for h in job.highlights]
        lines.append("")
    lines.append(person.heading("education"))
    for degree, school, dates in person.education:
        lines += [f"{degree}, {school}", dates]
    lines += ["", person.heading("skills"), ", ".join(person.skills), ""]
    lines += [person.heading("languages"), ", ".join(person.languages), ""]
    lines += [person.heading("certificates"), *person.certificates]
    return lines


def txt_bytes(person: Person, encoding: str) -> bytes:
    text = "\n".join(text_lines(person)) + "\n"
    if encoding == "utf-16":
        return text.encode("utf-16")  # with a BOM, little-endian on every platform we build on
    if encoding == "latin-1":
        text = text.replace("\u2013", "-")  # no en dash in Latin-1: write what such files hold
    return text.encode(encoding)


# --- PDF (reportlab) -------------------------------------------------------------------------


def _canvas_pdf(draw: Callable[..., None]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle("Resume")
    draw(pdf)
    pdf.save()
    return buffer.getvalue()


def one_column_pdf(person: Person) -> bytes:
    def draw(pdf: object) -> None:
        y = 800.0

        def write(
            text: str, size: float = 10, bold: bool = False, x: float = 56, gap: float = 4
        ) -> None:
            nonlocal y
            pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)  # type: ignore[attr-defined]
            pdf.drawString(x, y, text)  # type: ignore[attr-defined]
            y -= size + gap

        write(person.name, 22, True, gap=6)
        write(person.label, 12)
        write(person.contact_line(), 9)
        write(person.url, 9, gap=12)
        write(person.heading("summary"), 12, True)
        write(person.summary, 9.5, gap=12)
        write(person.heading("experience"), 12, True)
        for job in person.jobs:
            write(f"{job.position}, {job.company}", 10.5, True, gap=2)
            write(f"{job.location} · {job.dates}", 9.5)
            for highlight in job.highlights:
                write(f"• {highlight}", 9.5, x=66)
            y -= 6
        write(person.heading("education"), 12, True)
        for degree, school, dates in person.education:
            write(f"{degree}, {school}", 10.5, True, gap=2)
            write(dates, 9.5, gap=8)
        write(person.heading("skills"), 12, True)
        write(", ".join(person.skills), 9.5, gap=12)
        write(person.heading("languages"), 12, True)
        write(", ".join(person.languages), 9.5, gap=12)
        write(person.heading("certificates"), 12, True)
        for certificate in person.certificates:
            write(certificate, 9.5)

    return _canvas_pdf(draw)


def sidebar_pdf(person: Person) -> bytes:
    """Two columns: a shaded sidebar (contact, skills, languages) left, the story right."""

    def draw(pdf: object) -> None:
        from reportlab.lib.colors import Color

        pdf.setFillColor(Color(0.92, 0.94, 0.97))  # type: ignore[attr-defined]
        pdf.rect(0, 0, 190, 842, stroke=0, fill=1)  # type: ignore[attr-defined]
        pdf.setFillColor(Color(0, 0, 0))  # type: ignore[attr-defined]
        cursor = {"left": 790.0, "right": 790.0}

        def write(
            column: str, text: str, size: float = 9.5, bold: bool = False, gap: float = 4
        ) -> None:
            x = 24 if column == "left" else 214
            pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)  # type: ignore[attr-defined]
            pdf.drawString(x, cursor[column], text)  # type: ignore[attr-defined]
            cursor[column] -= size + gap

        write("right", person.name, 22, True, gap=6)
        write("right", person.label, 12, gap=14)
        write("right", person.heading("summary"), 12, True)
        for part in _wrap(person.summary, 70):
            write("right", part)
        cursor["right"] -= 10
        write("right", person.heading("experience"), 12, True)
        for job in person.jobs:
            write("right", f"{job.position}, {job.company}", 10.5, True, gap=2)
            write("right", f"{job.location} · {job.dates}")
            for highlight in job.highlights:
                for index, part in enumerate(_wrap(highlight, 66)):
                    write("right", ("• " if index == 0 else "  ") + part)
            cursor["right"] -= 6
        write("right", person.heading("education"), 12, True)
        for degree, school, dates in person.education:
            write("right", f"{degree}, {school}", 10.5, True, gap=2)
            write("right", dates, gap=8)
        write("right", person.heading("certificates"), 12, True)
        for certificate in person.certificates:
            for part in _wrap(certificate, 70):
                write("right", part)

        write("left", "CONTACT", 11, True)
        for item in (person.email, person.phone, person.location, person.url):
            write("left", item, 8)
        cursor["left"] -= 14
        write("left", person.heading("skills"), 11, True)
        for skill in person.skills:
            write("left", skill, 9)
        cursor["left"] -= 14
        write("left", person.heading("languages"), 11, True)
        for language in person.languages:
            write("left", language, 9)

    return _canvas_pdf(draw)


def right_sidebar_pdf(person: Person) -> bytes:
    """The story in a wide left column with each job's dates set flush right on its title
    line; contact, skills and languages in a narrow sidebar on the right."""

    def draw(pdf: object) -> None:
        cursor = {"main": 800.0, "side": 760.0}

        def write(
            column: str, text: str, size: float = 9.5, bold: bool = False, gap: float = 4,
            right: str = "",
        ) -> None:
            x = 40 if column == "main" else 420
            pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)  # type: ignore[attr-defined]
            pdf.drawString(x, cursor[column], text)  # type: ignore[attr-defined]
            if right:
                pdf.setFont("Helvetica", 9)  # type: ignore[attr-defined]
                pdf.drawRightString(390, cursor[column], right)  # type: ignore[attr-defined]
            cursor[column] -= size + gap

        write("main", person.name, 24, True, gap=6)
        write("main", person.label, 12, gap=16)
        write("main", person.heading("summary"), 12, True)
        for part in _wrap(person.summary, 62):
            write("main", part)
        cursor["main"] -= 10
        write("main", person.heading("experience"), 12, True)
        for job in person.jobs:
            write("main", f"{job.position} · {job.company}", 10.5, True, gap=2, right=job.dates)
            write("main", job.location, 9)
            for highlight in job.highlights:
                for index, part in enumerate(_wrap(highlight, 58)):
                    write("main", ("• " if index == 0 else "  ") + part)
            cursor["main"] -= 6
        write("main", person.heading("education"), 12, True)
        for degree, school, dates in person.education:
            write("main", f"{degree}, {school}", 10.5, True, gap=2, right=dates)
        cursor["main"] -= 8
        write("main", person.heading("certificates"), 12, True)
        for certificate in person.certificates:
            for part in _wrap(certificate, 62):
                write("main", part)

        write("side", person.headings.get("contact", "CONTACT"), 11, True)
        for item in (person.email, person.phone, person.location, person.url):
            for part in _wrap(item, 24):
                write("side", part, 8.5)
        cursor["side"] -= 14
        write("side", person.heading("skills"), 11, True)
        for skill in person.skills:
            write("side", skill, 9)
        cursor["side"] -= 14
        write("side", person.heading("languages"), 11, True)
        for language in person.languages:
            write("side", language, 9)

    return _canvas_pdf(draw)


def lebenslauf_pdf(person: Person) -> bytes:
    """A German CV: a "Lebenslauf" title, a table of personal details (label | value), and each
    entry's dates in a label column left of its title, employer and details."""

    def draw(pdf: object) -> None:
        y = 790.0

        def write(text: str, size: float = 10, bold: bool = False, x: float = 56) -> None:
            pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)  # type: ignore[attr-defined]
            pdf.drawString(x, y, text)  # type: ignore[attr-defined]

        def down(gap: float = 15) -> None:
            nonlocal y
            y -= gap

        write("Lebenslauf", 20, True)
        down(30)
        write("Persönliche Daten", 13, True)
        down(18)
        for label, value in (
            ("Name", person.name), ("Anschrift", person.location), ("Telefon", person.phone),
            ("E-Mail", person.email), ("Web", person.url),
        ):
            write(label)
            write(value, x=200)
            down()
        down(8)
        write(person.heading("experience"), 13, True)
        down(18)
        for job in person.jobs:
            write(job.dates)
            write(job.position, bold=True, x=200)
            down()
            write(f"{job.company}, {job.location}", x=200)
            down()
            for highlight in job.highlights:
                write(f"– {highlight}", x=200)
                down()
            down(5)
        write(person.heading("education"), 13, True)
        down(18)
        for degree, school, dates in person.education:
            write(dates)
            write(degree, bold=True, x=200)
            down()
            write(school, x=200)
            down(20)
        write(person.heading("skills"), 13, True)
        down(18)
        write("EDV")
        write(", ".join(person.skills), x=200)
        down()
        write(person.heading("languages"))
        write(", ".join(person.languages), x=200)

    return _canvas_pdf(draw)


def table_pdf(person: Person) -> bytes:
    """Dates in a label column left of each entry, laid out as a ruled table (platypus)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body, heading, title = styles["BodyText"], styles["Heading2"], styles["Title"]
    story: list[object] = [
        Paragraph(person.name, title),
        Paragraph(person.label, body),
        Paragraph(person.contact_line(), body),
        Paragraph(person.url, body),
        Spacer(1, 8),
        Paragraph(person.heading("summary"), heading),
        Paragraph(person.summary, body),
    ]

    def section(name: str, rows: list[tuple[str, str]]) -> None:
        story.append(Paragraph(person.heading(name), heading))
        cells = [[Paragraph(left, body), Paragraph(right, body)] for left, right in rows]
        table = Table(cells, colWidths=[110, 370])
        table.setStyle(
            TableStyle(
                [("GRID", (0, 0), (-1, -1), 0.5, "#999999"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            )
        )
        story.append(table)

    section(
        "experience",
        [
            (
                job.dates,
                f"<b>{job.position}, {job.company}</b>, {job.location}<br/>"
                + "<br/>".join(f"• {h}" for h in job.highlights),
            )
            for job in person.jobs
        ],
    )
    section(
        "education",
        [(dates, f"<b>{degree}</b>, {school}") for degree, school, dates in person.education],
    )
    section(
        "skills",
        [("Technical", ", ".join(person.skills)), ("Languages", ", ".join(person.languages))],
    )
    section(
        "certificates", [(c.rsplit(", ", 1)[-1], c.rsplit(", ", 1)[0]) for c in person.certificates]
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1, title="Resume").build(story)
    return buffer.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]


# --- DOCX (python-docx), ODT, RTF, DOC --------------------------------------------------------


def docx_document(person: Person) -> bytes:
    """Name and contact in the page header, story in the body, skills/languages in a table,
    a footer line."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{person.name} — {person.label}"
    section.header.add_paragraph(person.contact_line())
    section.footer.paragraphs[0].text = f"{person.url} · References available on request"
    document.add_heading(person.heading("summary").title(), level=1)
    document.add_paragraph(person.summary)
    document.add_heading(person.heading("experience").title(), level=1)
    for job in person.jobs:
        line = document.add_paragraph()
        line.add_run(f"{job.position}, {job.company}").bold = True
        document.add_paragraph(f"{job.location} | {job.dates}")
        for highlight in job.highlights:
            document.add_paragraph(highlight, style="List Bullet")
    document.add_heading(person.heading("education").title(), level=1)
    for degree, school, dates in person.education:
        document.add_paragraph().add_run(f"{degree}, {school}").bold = True
        document.add_paragraph(dates)
    document.add_heading(
        f"{person.heading('skills').title()} and {person.heading('languages').title()}", level=1
    )
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Skills"
    table.cell(0, 1).text = ", ".join(person.skills)
    table.cell(1, 0).text = "Languages"
    table.cell(1, 1).text = ", ".join(person.languages)
    document.add_heading(person.heading("certificates").title(), level=1)
    for certificate in person.certificates:
        document.add_paragraph(certificate)
    fixed = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "ResuMate tests"
    properties.created = properties.modified = fixed
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _rezip(buffer.getvalue())


def docx_table_layout(person: Person) -> bytes:
    """A Word template's layout: the name over a borderless two-column table, contact, skills
    and languages in the narrow left cell, the story in the wide right cell."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    title = document.add_paragraph()
    run = title.add_run(person.name)
    run.bold, run.font.size = True, Pt(24)
    document.add_paragraph(person.label)
    table = document.add_table(rows=1, cols=2)
    side, main = table.cell(0, 0), table.cell(0, 1)
    side.width, main.width = Pt(150), Pt(330)

    def heading(cell: object, text: str) -> None:
        run = cell.add_paragraph().add_run(text)  # type: ignore[attr-defined]
        run.bold, run.font.size = True, Pt(13)

    side.paragraphs[0].add_run(person.headings.get("contact", "CONTACT")).bold = True
    for item in (person.email, person.phone, person.location, person.url):
        side.add_paragraph(item)
    heading(side, person.heading("skills"))
    for skill in person.skills:
        side.add_paragraph(skill)
    heading(side, person.heading("languages"))
    for language in person.languages:
        side.add_paragraph(language)
    main.paragraphs[0].add_run(person.heading("summary")).bold = True
    main.add_paragraph(person.summary)
    heading(main, person.heading("experience"))
    for job in person.jobs:
        main.add_paragraph().add_run(f"{job.position} – {job.company}").bold = True
        main.add_paragraph(f"{job.dates} · {job.location}")
        for highlight in job.highlights:
            main.add_paragraph(f"• {highlight}")
    heading(main, person.heading("education"))
    for degree, school, dates in person.education:
        main.add_paragraph().add_run(f"{degree} – {school}").bold = True
        main.add_paragraph(dates)
    heading(main, person.heading("certificates"))
    for certificate in person.certificates:
        main.add_paragraph(certificate)
    fixed = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "ResuMate tests"
    properties.created = properties.modified = fixed
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _rezip(buffer.getvalue())


def docx_tabbed_cv(person: Person) -> bytes:
    """A German "Lebenslauf": each entry a tab-separated line, dates first ("03/2019 – heute",
    tab, title and employer), details indented under it."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    run = document.add_paragraph().add_run(person.name)
    run.bold, run.font.size = True, Pt(20)
    document.add_paragraph(person.label)
    document.add_paragraph(f"{person.email} · {person.phone} · {person.location}")
    document.add_paragraph(person.url)

    def heading(text: str) -> None:
        document.add_heading(text, level=2)

    heading(person.heading("summary"))
    document.add_paragraph(person.summary)
    heading(person.heading("experience"))
    for job in person.jobs:
        line = document.add_paragraph()
        line.add_run(f"{job.dates}\t")
        line.add_run(f"{job.position}, {job.company}, {job.location}").bold = True
        for highlight in job.highlights:
            document.add_paragraph(f"\t{highlight}")
    heading(person.heading("education"))
    for degree, school, dates in person.education:
        line = document.add_paragraph()
        line.add_run(f"{dates}\t")
        line.add_run(f"{degree}, {school}").bold = True
    heading(person.heading("skills"))
    document.add_paragraph(", ".join(person.skills))
    heading(person.heading("languages"))
    document.add_paragraph(", ".join(person.languages))
    heading(person.heading("certificates"))
    for certificate in person.certificates:
        document.add_paragraph(certificate)
    fixed = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "ResuMate tests"
    properties.created = properties.modified = fixed
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _rezip(buffer.getvalue())


def _rezip(data: bytes) -> bytes:
    """The same archive with fixed member timestamps (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = info.compress_type
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def odt_document(person: Person) -> bytes:
    """A minimal ODT: mimetype (stored, first), manifest and content.xml with headings,
    paragraphs and a list."""
    from xml.sax.saxutils import escape

    def h(text: str) -> str:
        return f'<text:h text:outline-level="1">{escape(text)}</text:h>'

    def p(text: str, style: str = "") -> str:
        attr = f' text:style-name="{style}"' if style else ""
        return f"<text:p{attr}>{escape(text)}</text:p>"

    def bullets(items: tuple[str, ...]) -> str:
        inner = "".join(f"<text:list-item>{p(item)}</text:list-item>" for item in items)
        return f"<text:list>{inner}</text:list>"

    body = [
        p(person.name, "Name"),
        p(person.label),
        p(person.contact_line()),
        p(person.url),
        h(person.heading("summary")),
        p(person.summary),
        h(person.heading("experience")),
    ]
    for job in person.jobs:
        body += [
            p(f"{job.position}, {job.company}", "Strong"),
            p(f"{job.location}, {job.dates}"),
            bullets(job.highlights),
        ]
    body.append(h(person.heading("education")))
    for degree, school, dates in person.education:
        body += [p(f"{degree}, {school}", "Strong"), p(dates)]
    body += [
        h(person.heading("skills")),
        p(", ".join(person.skills)),
        h(person.heading("languages")),
        p(", ".join(person.languages)),
        h(person.heading("certificates")),
        *(p(c) for c in person.certificates),
    ]
    office = "urn:oasis:names:tc:opendocument:xmlns"
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content xmlns:office="{office}:office:1.0" '
        f'xmlns:text="{office}:text:1.0" xmlns:style="{office}:style:1.0" '
        f'xmlns:fo="{office}:xsl-fo-compatible:1.0" office:version="1.2">'
        "<office:automatic-styles>"
        '<style:style style:name="Name" style:family="paragraph"><style:text-properties '
        'fo:font-size="20pt" fo:font-weight="bold"/></style:style>'
        '<style:style style:name="Strong" style:family="paragraph"><style:text-properties '
        'fo:font-weight="bold"/></style:style>'
        "</office:automatic-styles>"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<manifest:manifest xmlns:manifest="{office}:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        members = [
            ("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
            ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
            ("content.xml", content, zipfile.ZIP_DEFLATED),
        ]
        for name, text, compression in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = compression
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def rtf_document(person: Person) -> bytes:
    def escape(text: str) -> str:
        out = []
        for char in text:
            if char in "\\{}":
                out.append("\\" + char)
            elif ord(char) < 128:
                out.append(char)
            else:
                out.append(f"\\u{ord(char) if ord(char) < 32768 else ord(char) - 65536}?")
        return "".join(out)

    def para(text: str, bold: bool = False, size_pt: int = 10) -> str:
        weight = "\\b " if bold else ""
        return f"{{\\pard\\fs{size_pt * 2} {weight}{escape(text)}\\par}}\n"

    parts = [
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Helvetica;}}\n",
        para(person.name, True, 20),
        para(person.label, size_pt=12),
        para(person.contact_line()),
        para(person.url),
    ]
    parts += [para(person.heading("summary"), True, 12), para(person.summary)]
    parts.append(para(person.heading("experience"), True, 12))
    for job in person.jobs:
        parts += [
            para(f"{job.position}, {job.company}", True),
            para(f"{job.location}, {job.dates}"),
        ]
        parts += [para(f"\u2022 {h}") for h in job.highlights]
    parts.append(para(person.heading("education"), True, 12))
    for degree, school, dates in person.education:
        parts += [para(f"{degree}, {school}", True), para(dates)]
    parts += [
        para(person.heading("skills"), True, 12),
        para(", ".join(person.skills)),
        para(person.heading("languages"), True, 12),
        para(", ".join(person.languages)),
        para(person.heading("certificates"), True, 12),
    ]
    parts += [para(c) for c in person.certificates]
    parts.append("}\n")
    return "".join(parts).encode("ascii")


def doc_document(person: Person) -> bytes:
    """A Word 97 .doc: an OLE2 container with a FIB and a one-piece, cp1252 main text.

    Built with the minimal writer in tests/extract/builders.py (LibreOffice is not needed).
    """
    sys.path.insert(0, str(ROOT))
    from tests.extract.builders import word97_bytes

    return word97_bytes("\r".join(text_lines(person)) + "\r")


# --- PNG (Pillow), read through OCR -----------------------------------------------------------


def png_image(person: Person) -> bytes:
    """A 150 dpi A4 page drawn with Pillow's embedded font: the OCR path's golden source."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 1240, 1754
    image = Image.new("L", (width, height), 255)
    pen = ImageDraw.Draw(image)
    y = 90

    def write(text: str, size: int = 24, gap: int = 12, x: int = 110) -> None:
        nonlocal y
        pen.text((x, y), text, fill=0, font=ImageFont.load_default(size=size))
        y += size + gap

    write(person.name, 54, 20)
    write(person.label, 30)
    write(person.contact_line(), 24)
    write(person.url, 24, 40)
    write(person.heading("experience"), 32, 16)
    for job in person.jobs:
        write(f"{job.position}, {job.company}", 26, 8)
        write(f"{job.location}, {job.dates}", 24)
        for highlight in job.highlights:
            write(f"- {highlight}", 24, x=130)
        y += 16
    write(person.heading("education"), 32, 16)
    for degree, school, dates in person.education:
        write(f"{degree}, {school}", 26, 8)
        write(dates, 24, 28)
    write(person.heading("skills"), 32, 16)
    write(", ".join(person.skills), 24, 28)
    write(person.heading("languages"), 32, 16)
    write(", ".join(person.languages), 24)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


# --- the file table ---------------------------------------------------------------------------

SOURCES: dict[str, tuple[Person, Callable[[Person], bytes]]] = {
    "pdf/sources/one_column.pdf": (MARTA, one_column_pdf),
    "pdf/sources/sidebar_two_column.pdf": (TOMAS, sidebar_pdf),
    "pdf/sources/table_layout.pdf": (PRIYA, table_pdf),
    "pdf/sources/right_sidebar.pdf": (AIKO, right_sidebar_pdf),
    "pdf/sources/lebenslauf_de.pdf": (KATHARINA, lebenslauf_pdf),
    "docx/sources/header_body_table.docx": (HENRIK, docx_document),
    "docx/sources/table_layout_pt.docx": (RAFAEL, docx_table_layout),
    "docx/sources/tabbed_cv_de.docx": (JONAS, docx_tabbed_cv),
    "txt/sources/utf8.txt": (MARTA, lambda person: txt_bytes(person, "utf-8")),
    "txt/sources/utf16_bom.txt": (AMELIE, lambda person: txt_bytes(person, "utf-16")),
    "txt/sources/latin1.txt": (JOSE, lambda person: txt_bytes(person, "latin-1")),
    "rtf/sources/resume.rtf": (KWAME, rtf_document),
    "odt/sources/resume.odt": (INGRID, odt_document),
    "doc/sources/word97.doc": (DANIEL, doc_document),
    "png/sources/scan.png": (LENA, png_image),
}
"""tests/data-relative path -> (the person it shows, the function that renders it)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="only compare with the committed files; exit 1 on a difference",
    )
    args = parser.parse_args(argv)
    stale = []
    for relative, (person, build) in SOURCES.items():
        target = DATA / relative
        data = build(person)
        if args.check:
            if not target.exists() or target.read_bytes() != data:
                stale.append(relative)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"{relative}: {len(data)} bytes")
    for relative in stale:
        print(f"out of date: tests/data/{relative}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
