from __future__ import annotations

import pytest

from resumate.parsing import degrees
from resumate.parsing import lexicon as lx


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        ("English", "en", "English"),
        ("Englisch", "en", "English"),
        ("Anglais", "en", "English"),
        ("Inglés", "en", "English"),
        ("Inglês (fluente)", "en", "English"),
        ("German", "de", "German"),
        ("Deutsch", "de", "German"),
        ("Allemand", "de", "German"),
        ("Alemán", "de", "German"),
        ("Alemão", "de", "German"),
        ("Français", "fr", "French"),
        ("Französisch", "fr", "French"),
        ("Spanish", "es", "Spanish"),
        ("Español", "es", "Spanish"),
        ("Espanhol", "es", "Spanish"),
        ("Portuguese", "pt", "Portuguese"),
        ("Português", "pt", "Portuguese"),
        ("Portugiesisch", "pt", "Portuguese"),
        ("Mandarin", "zh", "Chinese"),
        ("Mandarin Chinese", "zh", "Chinese"),
        ("Chinese", "zh", "Chinese"),
        ("Cantonese", "yue", "Cantonese"),
        ("Japanese", "ja", "Japanese"),
        ("Korean", "ko", "Korean"),
        ("Arabic", "ar", "Arabic"),
        ("Hindi", "hi", "Hindi"),
        ("Russian", "ru", "Russian"),
        ("Italian", "it", "Italian"),
        ("Italiano", "it", "Italian"),
        ("Dutch", "nl", "Dutch"),
        ("Polish", "pl", "Polish"),
        ("Turkish", "tr", "Turkish"),
        ("Swedish", "sv", "Swedish"),
        ("Farsi", "fa", "Persian"),
        ("Filipino", "tl", "Tagalog"),
        ("Swahili", "sw", "Swahili"),
        ("Deutsch: Muttersprache", "de", "German"),
    ],
)
def test_match_language(text: str, code: str, name: str) -> None:
    match = lx.match_language(text)
    assert match is not None
    assert (match.code, match.name) == (code, name)


@pytest.mark.parametrize("text", ["Python", "Fluent", "Project management", ""])
def test_match_language_rejects_non_languages(text: str) -> None:
    assert lx.match_language(text) is None


def test_language_span_points_at_the_name() -> None:
    text = "Languages: Spanish (native)"
    match = lx.match_language(text)
    assert match is not None
    assert text[match.span[0] : match.span[1]] == "Spanish"


@pytest.mark.parametrize(
    ("text", "fluency"),
    [
        ("Native speaker", "Native speaker"),
        ("native", "Native speaker"),
        ("Mother tongue", "Native speaker"),
        ("Muttersprache", "Native speaker"),
        ("langue maternelle", "Native speaker"),
        ("nativo", "Native speaker"),
        ("Bilingual", "Bilingual"),
        ("bilingue", "Bilingual"),
        ("Fluent", "Fluent"),
        ("fließend", "Fluent"),
        ("courant", "Fluent"),
        ("fluente", "Fluent"),
        ("Professional working proficiency", "Professional working proficiency"),
        ("verhandlungssicher", "Fluent"),
        ("Advanced", "Professional working proficiency"),
        ("Intermediate", "Intermediate"),
        ("conversational", "Intermediate"),
        ("intermédiaire", "Intermediate"),
        ("Basic", "Basic"),
        ("Grundkenntnisse", "Basic"),
        ("básico", "Basic"),
        ("C1", "C1"),
        ("B2 level", "B2"),
        ("Englisch (C2)", "C2"),
        ("a2", "A2"),
    ],
)
def test_match_fluency(text: str, fluency: str) -> None:
    assert lx.match_fluency(text) == fluency


@pytest.mark.parametrize("text", ["English", "Python", "B52 bomber", ""])
def test_match_fluency_rejects(text: str) -> None:
    assert lx.match_fluency(text) is None


@pytest.mark.parametrize(
    ("text", "level", "study_type"),
    [
        ("B.S. in Computer Science", "bachelor", "B.S."),
        ("BSc Computer Science", "bachelor", "BSc"),
        ("B.Tech", "bachelor", "B.Tech"),
        ("BE in Civil Engineering", "bachelor", "BE"),
        ("Bachelor of Science", "bachelor", "Bachelor of Science"),
        ("Bachelor's degree", "bachelor", "Bachelor's degree"),
        ("M.S.", "master", "M.S."),
        ("MSc Data Science", "master", "MSc"),
        ("MBA", "master", "MBA"),
        ("M.Eng", "master", "M.Eng"),
        ("Master of Arts in History", "master", "Master of Arts"),
        ("Ph.D.", "doctorate", "PhD"),
        ("PhD in Physics", "doctorate", "PhD"),
        ("Doctorate in Education", "doctorate", "Doctorate"),
        ("Associate of Applied Science", "associate", "Associate of Applied Science"),
        ("A.A.", "associate", "A.A."),
        ("High School Diploma", "secondary", "High School Diploma"),
        ("GED", "secondary", "GED"),
        ("Abitur", "secondary", "Abitur"),
        ("Licenciatura en Derecho", "bachelor", "Licenciatura"),
        ("Licence Informatique", "bachelor", "Licence"),
        ("Maîtrise de gestion", "master", "Maîtrise"),
        ("Diplom-Kaufmann", "master", "Diplom-Kaufmann"),
        ("Magister Artium", "master", "Magister"),
        ("Bacharelado em Direito", "bachelor", "Bacharelado"),
        ("Mestrado em Engenharia", "master", "Mestrado"),
        ("Doutorado em Física", "doctorate", "Doutorado"),
        ("Ingeniero Industrial", "bachelor", "Ingeniero"),
        ("Diplôme d'ingénieur", "master", "Diplôme d'ingénieur"),
        ("Certificate in Project Management", "certificate", "Certificate"),
        ("Diploma in Nursing", "diploma", "Diploma"),
        ("Computer Science (BS)", "bachelor", "BS"),
        ("College Degree in Multimedia Systems", "degree", "College Degree"),
        ("Computer science degree", "degree", "degree"),
        ("HSC in Computer science", "secondary", "HSC"),
        ("SSLC", "secondary", "SSLC"),
        ("Class XII", "secondary", "Class XII"),
    ],
)
def test_match_degree(text: str, level: str, study_type: str) -> None:
    match = degrees.match_degree(text)
    assert match is not None
    assert (match.level, match.study_type) == (level, study_type)


@pytest.mark.parametrize(
    "text",
    [
        "Stanford University", "Senior Associate", "Microsoft Office", "Basketball", "ms word", "",
        "360-degrees feedback", "Science & Information Systems", "Biomedical Programs",
        "Ecole nationale d'Ingénieurs de Metz",
    ],
)
def test_match_degree_rejects(text: str) -> None:
    assert degrees.match_degree(text) is None


@pytest.mark.parametrize(
    ("text", "degree", "area"),
    [
        ("Bachelor of Science in Computer Science", "Bachelor of Science", "Computer Science"),
        ("BSc Computer Science", "BSc", "Computer Science"),
        ("M.S., Electrical Engineering", "M.S.", "Electrical Engineering"),
        ("Computer Science (BS)", "BS", "Computer Science"),
        ("Ph.D. in Physics, 2015", "Ph.D.", "Physics"),
        ("MBA", "MBA", None),
        ("Master of Science in Data Science - GPA 3.9", "Master of Science", "Data Science"),
        ("BA (Hons) Economics", "BA (Hons)", "Economics"),
        (
            "Licenciatura en Administración de Empresas",
            "Licenciatura",
            "Administración de Empresas",
        ),
        ("Mechanical Engineering", None, "Mechanical Engineering"),
        ("Computer science degree", "degree", "Computer science"),
        ("Master’s Degree in Physics", "Master’s Degree", "Physics"),
        (
            "Specialist diploma (Master's degree) in Computer Science",
            "diploma (Master's degree)",
            "Computer Science",
        ),
        ("MSc (Distinction) in Physics", "MSc", "Physics"),
        ("Bachelor in Computer Science", "Bachelor", "Computer Science"),
        ("Licence STS in Computer Science", "Licence STS", "Computer Science"),
        ("Ph.D. candidate in Computer Science", "Ph.D. candidate", "Computer Science"),
        ("MSc student in Physics", "MSc", "Physics"),
        ("Bachelor & Master in IT-Systems Engineering", "Bachelor & Master",
         "IT-Systems Engineering"),
        ("BSc Economics and Management", "BSc", "Economics and Management"),
        # the degree's name goes on up to its field's "in"
        ("Bachelor of Natural Sciences in Economics", "Bachelor of Natural Sciences",
         "Economics"),
        ("Bachelor of Business Science in Finance", "Bachelor of Business Science", "Finance"),
        ("Certification Course in Usability", "Certification Course", "Usability"),
        ("B.E. Computer Engineering in Pune University", "B.E.",
         "Computer Engineering in Pune University"),  # a school after "in", not a field
        # "Bac +N": the years after the baccalauréat name the level
        ("Bac +2 BTS Services Informatiques", "Bac +2", "BTS Services Informatiques"),
        ("Bac+5 in Computer Science", "Bac+5", "Computer Science"),
        ("Mastering Python in Data Science", None, "Mastering Python in Data Science"),
        # "B.E" and "M.E" without their last dot, as Indian resumes write them
        ("B.E in Computer Science", "B.E", "Computer Science"),
        ("M.E Thermal Engineering", "M.E", "Thermal Engineering"),
        ("B.Ed in English", "B.Ed", "English"),
    ],
)
def test_split_degree_area(text: str, degree: str | None, area: str | None) -> None:
    assert degrees.split_degree_area(text) == (degree, area)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stanford University", True),
        ("Technische Universität München", True),
        ("Université Paris-Saclay", True),
        ("Universidad de Buenos Aires", True),
        ("Universidade de São Paulo", True),
        ("Massachusetts Institute of Technology", True),
        ("Hochschule München", True),
        ("École Polytechnique", True),
        ("Escuela Politécnica Nacional", True),
        ("Lycée Henri IV", True),
        ("Goethe-Gymnasium", True),
        ("Lincoln High School", True),
        ("General Assembly Academy", True),
        ("中国人民大学", True),  # written without spaces, ending in a school word
        ("서울대학교", True),
        ("研究生", False),  # a graduate student, not a school
        ("Acme GmbH", False),
        ("Senior Software Engineer", False),
        ("John Smith", False),
    ],
)
def test_looks_like_institution(text: str, expected: bool) -> None:
    assert (lx.looks_like_institution(text) >= 0.5) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme Inc.", True),
        ("Acme, LLC", True),
        ("Globex Ltd", True),
        ("Müller GmbH", True),
        ("Siemens AG", True),
        ("Dupont S.A.", True),
        ("Capgemini SAS", True),
        ("Rossi S.r.l.", True),
        ("Philips B.V.", True),
        ("Acme Pty Ltd", True),
        ("Initech Corp", True),
        ("Tesco PLC", True),
        ("Acme Technologies", True),
        ("Bright Solutions", True),
        ("Blue Labs", True),
        ("Google", True),
        ("Deutsche Bank", True),
        ("北京奇艺世纪科技有限公司", True),
        ("技术专家", False),
        ("Senior Software Engineer", False),
        ("Project Manager", False),
        ("Stanford University", False),
        ("John Smith", False),
        ("Solutions", False),  # company words alone name no company
        ("Data", False),
    ],
)
def test_looks_like_company(text: str, expected: bool) -> None:
    assert (lx.looks_like_company(text) >= 0.5) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senior Software Engineer", True),
        ("Sr. Data Scientist", True),
        ("Junior Web Developer", True),
        ("Engineering Manager", True),
        ("Head of Marketing", True),
        ("VP of Sales", True),
        ("CTO", True),
        ("Co-Founder & CEO", True),
        ("Marketing Intern", True),
        ("Registered Nurse", True),
        ("Staff Accountant", True),
        ("Freelance Designer", True),
        ("Softwareentwickler", True),
        ("Projektleiter", True),
        ("Werkstudent Data Analytics", True),
        ("Développeur Full-Stack", True),
        ("Chef de projet", True),
        ("Ingénieur logiciel", True),
        ("Desarrollador Backend", True),
        ("Gerente de Ventas", True),
        ("Desenvolvedor Java Pleno", True),
        ("Analista de Sistemas", True),
        ("高级软件工程师", True),
        ("소프트웨어 엔지니어", True),
        ("シニアエンジニア", True),
        ("北京读我科技有限公司", False),
        ("Acme GmbH", False),
        ("Stanford University", False),
        ("John Smith", False),
        ("Berlin, Germany", False),
        ("jane@example.com", False),
    ],
)
def test_looks_like_job_title(text: str, expected: bool) -> None:
    assert (lx.looks_like_job_title(text) >= 0.5) is expected


def test_title_modifiers_raise_the_score() -> None:
    assert lx.looks_like_job_title("Senior Software Engineer") > lx.looks_like_job_title(
        "Engineer of many things here and there"
    )


@pytest.mark.parametrize(
    ("text", "degree", "area"),
    [
        ("Certificate of Completion", "Certificate of Completion", None),
        ("Certificate of Achievement in Physics", "Certificate of Achievement", "Physics"),
        ("Certificate in Data Science", "Certificate", "Data Science"),
        ("PhD candidate", "PhD candidate", None),
        ("M.Sc. Candidate in Mathematics", "M.Sc. Candidate", "Mathematics"),
    ],
)
def test_a_qualified_degree_keeps_its_qualifier_out_of_the_field(
    text: str, degree: str, area: str | None
) -> None:
    assert degrees.split_degree_area(text) == (degree, area)
