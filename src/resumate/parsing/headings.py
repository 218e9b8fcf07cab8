"""Section titles: the headings resumes use, in English, German, French, Spanish and
Portuguese, and how a line's text is matched against them (`match_section_title`)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from resumate.parsing.chars import has_digit

SectionKind = str  # one of SECTION_KINDS

SECTION_TITLES: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "professional summary",
        "career summary",
        "executive summary",
        "profile",
        "professional profile",
        "personal profile",
        "career profile",
        "about",
        "about me",
        "objective",
        "career objective",
        "introduction",
        "overview",
        "who am i",
        "bio",
        "profil",
        "über mich",
        "zusammenfassung",
        "kurzprofil",
        "résumé",
        "à propos",
        "a propos",
        "à propos de moi",
        "perfil",
        "resumen",
        "sobre mí",
        "sobre mi",
        "perfil profissional",
        "resumo",
        "sobre mim",
        "objetivo",
        "objectif",
    ),
    "work": (
        "experience",
        "experiences",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "career",
        "professional background",
        "relevant experience",
        "work",
        "positions",
        "industry experience",
        "experience and employment",
        "professional history",
        "berufserfahrung",
        "erfahrung",
        "beruflicher werdegang",
        "werdegang",
        "berufspraxis",
        "expérience",
        "expériences",
        "expérience professionnelle",
        "expériences professionnelles",
        "parcours professionnel",
        "experiencia",
        "experiencia laboral",
        "experiencia profesional",
        "trayectoria profesional",
        "experiência",
        "experiência profissional",
        "histórico profissional",
    ),
    "education": (
        "education",
        "academic background",
        "academic history",
        "education and training",
        "educational background",
        "qualifications",
        "academic qualifications",
        "studies",
        "schooling",
        "ausbildung",
        "bildung",
        "bildungsweg",
        "studium",
        "schulbildung",
        "akademischer werdegang",
        "formation",
        "formations",
        "éducation",
        "études",
        "parcours académique",
        "educación",
        "formación",
        "formación académica",
        "estudios",
        "educação",
        "formação",
        "formação acadêmica",
        "formação académica",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core skills",
        "key skills",
        "skills and expertise",
        "competencies",
        "core competencies",
        "expertise",
        "areas of expertise",
        "technologies",
        "tech stack",
        "technical expertise",
        "tools",
        "tools and technologies",
        "programming languages",
        "skill set",
        "skillset",
        "abilities",
        "strengths",
        "kenntnisse",
        "fähigkeiten",
        "kompetenzen",
        "fachkenntnisse",
        "it kenntnisse",
        "compétences",
        "compétences techniques",
        "savoir faire",
        "habilidades",
        "competencias",
        "conocimientos",
        "aptitudes",
        "competências",
        "conhecimentos",
    ),
    "projects": (
        "projects",
        "personal projects",
        "selected projects",
        "key projects",
        "side projects",
        "open source",
        "open source projects",
        "portfolio",
        "projekte",
        "projets",
        "proyectos",
        "projetos",
    ),
    "languages": (
        "languages",
        "language skills",
        "spoken languages",
        "language",
        "sprachen",
        "sprachkenntnisse",
        "langues",
        "compétences linguistiques",
        "idiomas",
        "lenguas",
        "línguas",
    ),
    "certificates": (
        "certifications",
        "certificates",
        "certification",
        "licenses and certifications",
        "licenses certifications",
        "certifications and licenses",
        "licenses",
        "professional certifications",
        "accreditations",
        "zertifikate",
        "zertifizierungen",
        "certificats",
        "certificaciones",
        "certificados",
        "certificações",
    ),
    "awards": (
        "awards",
        "honors",
        "honours",
        "awards and honors",
        "honors and awards",
        "achievements",
        "accomplishments",
        "recognition",
        "distinctions",
        "prizes",
        "auszeichnungen",
        "prix",
        "récompenses",
        "premios",
        "reconocimientos",
        "prêmios",
        "logros",
        "réalisations",
        "conquistas",
        "erfolge",
    ),
    "volunteer": (
        "volunteer",
        "volunteering",
        "volunteer experience",
        "volunteer work",
        "community involvement",
        "community service",
        "ehrenamt",
        "ehrenamtliche tätigkeit",
        "bénévolat",
        "voluntariado",
    ),
    "publications": (
        "publications",
        "selected publications",
        "papers",
        "research",
        "publikationen",
        "veröffentlichungen",
        "publicaciones",
        "publicações",
    ),
    "interests": (
        "interests",
        "hobbies",
        "hobbies and interests",
        "personal interests",
        "activities",
        "interessen",
        "hobbys",
        "freizeit",
        "centres d intérêt",
        "centres d intérêts",
        "loisirs",
        "intereses",
        "aficiones",
        "interesses",
        "passatempos",
    ),
    "references": (
        "references",
        "referees",
        "referenzen",
        "références",
        "referencias",
        "referências",
    ),
    "contact": (
        "contact",
        "contact information",
        "contact details",
        "personal information",
        "personal details",
        "personal data",
        "details",
        "info",
        "kontakt",
        "persönliche daten",
        "coordonnées",
        "contacto",
        "datos personales",
        "contato",
        "dados pessoais",
        "links",
        "social",
        "profiles",
    ),
    # headings of sections with no field of their own: their text is not read into another
    "other": (
        "additional information",
        "other information",
        "further information",
        "miscellaneous",
        "declaration",
        "weitere informationen",
        "sonstiges",
        "informations complémentaires",
        "divers",
        "información adicional",
        "informações adicionais",
    ),
}
SECTION_KINDS = ("header", *SECTION_TITLES)
MAX_HEADING_WORDS = 5


@lru_cache(maxsize=8192)
def normalize_heading(text: str) -> str:
    """Lower-case letters and single spaces: "E X P E R I E N C E:" -> "experience"."""
    text = unicodedata.normalize("NFC", text)
    if ")" in text:
        text = _ITEM_COUNT_RE.sub("", text)  # "Interests(4)": an item count
    if _LETTER_SPACED_RE.fullmatch(text):  # letter-spaced capitals
        text = _LETTER_GAP_RE.sub("", text)
    text = text.replace("&", " and ").replace("/", " and ").replace("’", " ").replace("'", " ")
    text = _NOT_WORD_RE.sub(" ", text.lower())
    return " ".join(text.split())


_ITEM_COUNT_RE = re.compile(r"\s*\(\d{1,3}\)\s*$")
_LETTER_SPACED_RE = re.compile(r"\W*(\w\s){2,}\w\W*")
_LETTER_GAP_RE = re.compile(r"(?<=\w)\s(?=\w\b)")
_NOT_WORD_RE = re.compile(r"[^\w\s]")


_TITLE_TO_KIND = {normalize_heading(t): kind for kind, ts in SECTION_TITLES.items() for t in ts}
_HEAD_WORDS = {
    word: kind
    for title, kind in _TITLE_TO_KIND.items()
    if len(title.split()) == 1
    for word in [title]
}


@lru_cache(maxsize=8192)
def match_section_title(text: str, *, strict: bool = False) -> SectionKind | None:
    """The section kind a heading's text names, or None.

    Strict: the whole text is a known title, perhaps with qualifiers ("Relevant Experience").
    Otherwise also a short text whose last known head word names the kind ("IT Skills").
    """
    norm = normalize_heading(text)
    if not norm or len(norm.split()) > MAX_HEADING_WORDS or has_digit(norm):
        return None
    if norm in _TITLE_TO_KIND:
        return _TITLE_TO_KIND[norm]
    words = [w for w in norm.split() if w != "and"]
    if len(words) > 3:
        return None
    stripped = " ".join(w for w in words if w not in _QUALIFIERS)
    if stripped in _TITLE_TO_KIND:
        return _TITLE_TO_KIND[stripped]
    if strict:
        return None
    if words and len(words) <= 3 and words[-1] in _HEAD_WORDS and words[-1] not in _AMBIGUOUS_HEADS:
        if len(words) > 1 and words[-1] in _GENERIC_TAILS and words[-2] in _HEAD_WORDS:
            return _HEAD_WORDS[words[-2]]  # "Projects Experience" is about projects
        return _HEAD_WORDS[words[-1]]
    return None


_GENERIC_TAILS = {"experience", "experiences", "history"}


# Single words that name a section only when they stand alone ("Tools", not "Atlassian Tools").
_AMBIGUOUS_HEADS = {
    "technologies",
    "tools",
    "career",
    "work",
    "positions",
    "details",
    "info",
    "social",
    "links",
    "research",
    "activities",
    "strengths",
    "abilities",
    "expertise",
    "portfolio",
    "language",
    "about",
    "bio",
    "overview",
    "introduction",
    "profiles",
    "contact",
    "papers",
    "licenses",
    "studies",
    "volunteer",
    "recognition",
    "prizes",
    "distinctions",
    "qualifications",
}
_QUALIFIERS = {
    "professional",
    "relevant",
    "selected",
    "other",
    "additional",
    "key",
    "my",
    "technical",
    "academic",
    "recent",
    "personal",
    "work",
    "and",
    "of",
    "main",
    "core",
    "general",
    # German, French, Spanish and Portuguese qualifiers, which follow the noun in Romance
    # languages ("Habilidades técnicas", "Perfil profesional")
    "berufliche",
    "fachliche",
    "technische",
    "persönliche",
    "weitere",
    "techniques",
    "technique",
    "professionnel",
    "professionnelle",
    "professionnels",
    "professionnelles",
    "personnelles",
    "complémentaires",
    "clés",
    "técnicas",
    "técnicos",
    "tecnicas",
    "tecnicos",
    "técnica",
    "profesional",
    "profesionales",
    "profissional",
    "profissionais",
    "académica",
    "académico",
    "acadêmica",
    "acadêmico",
    "adicional",
    "adicionales",
    "adicionais",
    "principales",
    "principais",
    "relevantes",
}
