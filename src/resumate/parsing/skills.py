"""Skills: a taxonomy shipped with the package, list splitting, and free-text spotting.

The taxonomy (`resumate/data/skills.tsv`) has ~1,900 skills with a canonical name, a category
and aliases: a curated list (CC0) plus GitHub Linguist's programming and markup languages (MIT).

Lookups compare a *key*: case-folded, accents stripped, spaces and ``. - _`` removed, but
``+`` ``#`` ``&`` ``/`` kept, so "React.js" == "ReactJS" == "react js" while "C", "C++" and "C#"
stay apart. Every lookup is one dict access.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

MAX_SKILL_WORDS = 5


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """A taxonomy hit: canonical name, category, the text as written, and its source id
    ("linguist:<languageId>" for a Linguist language, else "resumate:<slug>")."""

    canonical: str
    category: str
    raw: str
    source_id: str
    span: tuple[int, int] = (0, 0)  # where `raw` was found (find_skills_in_text only)


@dataclass(frozen=True, slots=True)
class _Skill:
    canonical: str
    category: str
    source_id: str


def skill_key(text: str) -> str:
    """The lookup key: folded, without spaces and ``. - _`` ("Node.js" -> "nodejs")."""
    folded = text.casefold()
    if not folded.isascii():  # ASCII has nothing to decompose and no combining marks
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _KEY_SEPARATORS_RE.sub("", folded)


_KEY_SEPARATORS_RE = re.compile(r"[\s._\-’'`\"]+")


@dataclass(frozen=True, slots=True)
class _Taxonomy:
    by_key: dict[str, _Skill]
    free_text: dict[str, _Skill]  # keys safe to spot in prose
    exact_case: dict[str, str]  # key -> surface form that prose must match exactly


# Words that are skills in a skills list but ordinary words in prose: never spotted in free text.
_PROSE_STOPWORDS_TEXT: str = """
go r c d make ant chef puppet salt glue lambda spark dash flux sketch canvas maya rhino nuke
avid epic segment heap ray beam pig hive luigi prefect realm sage word teams outlook box access
operations research writing editing training planning trading tax taxation banking sales retail
pricing insurance strategy consulting selling communication leadership organization creativity
initiative ownership patience reliability empathy resilience accountability networking
reporting optimization classification clustering regression probability calculus statistics
accounting logistics procurement purchasing nursing surgery pharmacy nutrition teaching
instruction tutoring fundraising litigation translation interpreting journalism animation
illustration photography typography branding prototyping firmware electronics soldering
robotics monitoring observability virtualization scheduling reception payroll recruiting
recruitment sourcing onboarding administration planning budgeting delegation prioritization
innovation collaboration teamwork flexibility adaptability mentoring coaching facilitation
persuasion storytelling debugging troubleshooting refactoring documentation selling advertising
merchandising compliance auditing hospitality dentistry counseling counselling triage caregiving
pediatrics anesthesia microscopy biochemistry genomics epidemiology forecasting valuation
derivatives treasury payments fintech blockchain crypto underwriting tableau looker swift rust
dart julia elm crystal scheme racket ada pascal assembly shell apex lean agile scrum kanban
waterfall remote unity express play echo fiber rocket foundation ghost sanity relay redux
ember meteor polymer backbone bootstrap material ionic expo relay dagger spring struts phoenix
oracle sap excel visio project zoom slack notion miro box drive meet loom basecamp evernote
bloomberg xero sage odoo workday lever greenhouse intercom buffer moz marketo hugo jekyll
consul vault nomad packer vagrant terraform pulumi helm rancher podman bamboo spinnaker
tekton flux make bazel nexus maven gradle cypress mocha chai jasmine karma jest playwright
puppeteer locust gatling cucumber espresso pillow polars dask keras
"""
# Skills that stay spottable despite the list above ("Excel" and "Terraform" are rarely prose).
_PROSE_ALLOWED_TEXT = "excel terraform tableau looker kubernetes bloomberg"
_PROSE_STOPWORDS = frozenset(_PROSE_STOPWORDS_TEXT.split()) - frozenset(_PROSE_ALLOWED_TEXT.split())


def _is_distinctive(name: str) -> bool:
    """A Linguist-only name is spotted in prose only when it cannot be an ordinary word."""
    return bool(re.search(r"[a-z][A-Z]|[^A-Za-z ]", name)) and len(name) > 2


@cache
def _taxonomy() -> _Taxonomy:
    text = resources.files("resumate.data").joinpath("skills.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    by_key: dict[str, _Skill] = {}
    free_text: dict[str, _Skill] = {}
    exact_case: dict[str, str] = {}
    skills = [
        (_Skill(c, cat, sid), origin == "curated", [c, *filter(None, al.split("|"))])
        for c, cat, al, sid, origin in rows
    ]
    for skill, _curated, _names in skills:  # canonical names win over aliases
        by_key.setdefault(skill_key(skill.canonical), skill)
    for skill, curated, names in skills:
        for name in names:
            key = skill_key(name)
            by_key.setdefault(key, skill)
            if by_key[key] is not skill or key in _PROSE_STOPWORDS or len(key) < 2:
                continue
            if curated:
                free_text.setdefault(key, skill)
            elif _is_distinctive(name):
                free_text.setdefault(key, skill)
                exact_case.setdefault(key, name)
    return _Taxonomy(by_key, free_text, exact_case)


_VERSION_RE = re.compile(r"\s*v?\d+(?:\.\d+)*\+?\s*$", re.IGNORECASE)
_PAREN_RE = re.compile(r"\s*[(\[].*?[)\]]\s*")


@lru_cache(maxsize=8192)
def normalize_skill(raw: str) -> SkillMatch | None:
    """The taxonomy entry for one skill as written ("ReactJS" -> React), else None.

    Primary rule: the whole text's key. Fallbacks: without a bracketed note ("Python
    (advanced)"), then without a trailing version ("Java 17", "Angular 2+").
    """
    text = raw.strip().strip("•·-*:;,.").strip()
    if not text or len(text) > 80:
        return None
    by_key = _taxonomy().by_key
    for candidate in (text, _PAREN_RE.sub(" ", text).strip(), _VERSION_RE.sub("", text)):
        skill = by_key.get(skill_key(candidate)) if candidate else None
        if skill is not None:
            return SkillMatch(skill.canonical, skill.category, raw, skill.source_id)
    return None


# --- splitting skills lines -----------------------------------------------------------------

_SPLIT_RE = re.compile(
    r"\s*(?:[,;|•·●▪◦■►✓✔\t\n]|\s[–—-]\s|\s{3,})\s*",
    re.IGNORECASE,
)
_LEVEL_NOTE_RE = re.compile(
    r"^(?:basic|beginner|intermediate|advanced|expert|proficient|familiar|fluent|native|"
    r"working knowledge|\d+\+?\s*(?:years?|yrs?|y)|[1-5]\s*/\s*[1-5]|learning|etc\.?)$",
    re.IGNORECASE,
)
_SPACED_DASH_RE = re.compile(r"\s[–—-](?:\s|$)")
_CATEGORY_RE = re.compile(r"^\s*([^:,;|•]{1,40}?)\s*(?::|\s[–—]\s|\s-\s)\s*(\S.*)$", re.DOTALL)


def split_skill_list(text: str) -> list[str]:
    """Items of a skills line as the resume lists them: "Python, Go; Docker | Kubernetes •
    AWS (EC2, S3), Git (version control)" -> Python, Go, Docker, Kubernetes, AWS, EC2, S3,
    Git (version control).

    "/" and "and" do not split ("Node.js / JavaScript", "OKRs and KPIs" are one entry of the
    author's list). A bracketed list becomes items; a single bracketed note stays with its
    item, unless it is a level ("advanced", "5 years"), which is dropped.
    """
    items: list[str] = []
    before = ""  # the text before a bracket: it qualifies the last item unless a separator ends it
    for chunk, nested in _bracket_chunks(text):
        parts = [
            _LEADING_AND_RE.sub("", p.strip(" \t:*-•·\"'")).rstrip(".").strip()
            for p in _SPLIT_RE.split(chunk)
        ]
        parts = [p for p in parts if p]
        follows_item = bool(items) and not _ENDS_WITH_SEPARATOR_RE.search(before)
        before = chunk
        if nested and len(parts) == 1 and follows_item:
            if not _LEVEL_NOTE_RE.match(parts[0]):
                items[-1] = f"{items[-1]} ({parts[0]})"  # "Git (version control)"
            continue
        for cleaned in parts:
            if nested and _LEVEL_NOTE_RE.match(cleaned):
                continue
            if _LEVEL_NOTE_RE.match(cleaned) and cleaned.lower().startswith("etc"):
                continue
            items.append(cleaned)
    return items


_LEADING_AND_RE = re.compile(r"^(?:and|und|et|&)\s+", re.IGNORECASE)  # "(EC2, S3) and Go"
_ENDS_WITH_SEPARATOR_RE = re.compile(r"[,;|•·●▪◦■►✓✔]\s*$")


def _bracket_chunks(text: str) -> list[tuple[str, bool]]:
    """Split "AWS (EC2, S3), Go" into [("AWS", False), ("EC2, S3", True), (", Go", False)]."""
    chunks: list[tuple[str, bool]] = []
    pos = 0
    for m in re.finditer(r"[(\[]([^()\[\]]*)[)\]]", text):
        chunks.append((text[pos : m.start()], False))
        chunks.append((m.group(1), True))
        pos = m.end()
    chunks.append((text[pos:], False))
    return chunks


def split_category(text: str) -> tuple[str | None, str]:
    """("Languages: Python, Go") -> ("Languages", "Python, Go"); (None, text) when there is no
    short label before a colon or a spaced dash, or when more spaced dashes follow (a list)."""
    m = _CATEGORY_RE.match(text)
    if m is None:
        return None, text.strip()
    label, rest = m.group(1).strip(), m.group(2).strip()
    if len(label.split()) > 5 or "://" in text[: m.end(1) + 3] or not rest:
        return None, text.strip()
    if label.lower() in ("http", "https") or any(ch.isdigit() for ch in label[:1]):
        return None, text.strip()
    if ":" not in text[: m.start(2)] and _SPACED_DASH_RE.search(rest):
        return None, text.strip()  # "Python - SQL - Bash": a list set with dashes, no label
    return label, rest


# --- spotting skills in prose ---------------------------------------------------------------

_WORD_RE = re.compile(r"\.?[^\W_](?:[\w+#]|[./&'-](?=[\w+#]))*[+#]*", re.UNICODE)


def find_skills_in_text(text: str) -> list[SkillMatch]:
    """Taxonomy skills mentioned in free text, in order of first mention, each once.

    Words are joined into n-grams of up to five words and looked up longest first, so
    "Google Cloud Platform" wins over "Google Cloud". Ordinary words that are also skill
    names ("Go", "Make", "Sales") are skipped in prose, and Linguist-only names must match
    exactly as written ("CoffeeScript").
    """
    tax = _taxonomy()
    words = [(m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    found: list[SkillMatch] = []
    seen: set[str] = set()
    i = 0
    while i < len(words):
        step = 1
        for n in range(min(MAX_SKILL_WORDS, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            raw = text[start:end].rstrip(".")
            key = skill_key(raw)
            skill = tax.free_text.get(key)
            if skill is None or tax.exact_case.get(key, raw) != raw:
                continue
            if skill.canonical not in seen:
                seen.add(skill.canonical)
                found.append(
                    SkillMatch(
                        skill.canonical,
                        skill.category,
                        raw,
                        skill.source_id,
                        (start, start + len(raw)),
                    )
                )
            step = n
            break
        i += step
    return found
