"""Degrees as resumes write them (EN, DE, FR, ES, PT): "BSc", "Master of Science",
"Licence", "Diplom-Ingenieur", "Bacharelado", ... `match_degree` finds one and its level;
`split_degree_area` parts "BSc Computer Science" into the degree and its field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from resumate.parsing import lexicon, places
from resumate.parsing.lexicon import MEMO_SIZE, fold

DEGREE_LEVELS = (
    "doctorate",
    "master",
    "bachelor",
    "associate",
    "secondary",
    "diploma",
    "certificate",
    "degree",
)


@dataclass(frozen=True, slots=True)
class DegreeMatch:
    """A degree found in text: its level, a normalized name, and the words as written."""

    level: str
    study_type: str
    text: str
    span: tuple[int, int]


_FIELDS = (
    r"arts|science|sciences|engineering|technology|business administration|"
    r"business|commerce|laws|law|fine arts|education|applied science|applied sciences|"
    r"nursing|music|architecture|computer applications|philosophy|public health|"
    r"public administration|social work|medicine|surgery|pharmacy|design|economics|"
    r"information technology|computer science|management|accountancy|accounting"
)
_OF = rf"(?:\s+of\s+(?:{_FIELDS})(?![a-z]))?"  # "Bachelor of Science"; "in X" is the area
_END = r"(?![\w])"
# (pattern on folded text, level, normalized study type or "" to keep the matched words)
_DEGREE_TABLE: tuple[tuple[str, str, str], ...] = (
    (rf"doctor\s+of\s+philosophy|ph\.?\s?d\.?{_END}|d\.?\s?phil\.?{_END}", "doctorate", "PhD"),
    (
        rf"doctor\s+of\s+[a-z]+(?:\s+[a-z]+)?|doctorate|doctoral\s+degree|ed\.?d\.?{_END}|"
        rf"d\.?b\.?a\.?{_END}|m\.d\.{_END}|j\.?d\.?{_END}|pharm\.?\s?d\.?{_END}|"
        rf"dr\.?\s?(?:rer|phil|med|ing)\.?(?:\s?nat\.?)?|doktor(?:at|grad)?|promotion|"
        rf"doctorat|doctorado|doutorado|doutoramento|dottorato",
        "doctorate",
        "",
    ),
    (rf"master\s+of\s+business\s+administration|e?mba{_END}", "master", "MBA"),
    # "Bac +5": the years of study after the baccalauréat name the level (France)
    (r"bac\s?\+\s?8(?!\d)", "doctorate", ""),
    (r"bac\s?\+\s?[56](?!\d)", "master", ""),
    (r"bac\s?\+\s?[34](?!\d)", "bachelor", ""),
    (r"bac\s?\+\s?[12](?!\d)", "diploma", ""),
    (
        rf"master'?s?(?![a-z]){_OF}(?:\s+degree)?|m\.?\s?sc\.?{_END}|m\.\s?s\.?{_END}|"
        rf"ms(?=\s*(?:in\b|,|-|–|\(|\)|$))|m\.?\s?eng\.?{_END}|m\.\s?e\.?{_END}|m\.?\s?tech\.?{_END}|m\.\s?a\.{_END}|"
        rf"ma(?=\s+(?:in\b|\()|\)|$)|m\.?\s?arch\.?{_END}|m\.?\s?phil\.?{_END}|m\.?\s?res\.?{_END}|mfa{_END}|mpa{_END}|"
        rf"mph{_END}|ll\.?\s?m\.?{_END}|m\.?\s?ed\.?{_END}|m\.?\s?com{_END}|mca{_END}|msw{_END}|"
        rf"maitrise|mastere|mestrado|maestria|magister|magistere|diplom-?ingenieur|"
        rf"dipl\.?-?\s?ing\.?|diplom(?:-\w+)?{_END}|diplome\s+d'ingenieur|"
        rf"laurea\s+magistrale",
        "master",
        "",
    ),
    (
        rf"bachelor'?s?(?![a-z]){_OF}(?:\s+degree)?|b\.?\s?sc\.?{_END}|b\.\s?s\.?{_END}|"
        rf"bs(?=\s*(?:in\b|,|-|–|\(|\)|$))|b\.\s?a\.{_END}|ba(?=\s+(?:in\b|\(|hons)|\)|$)|"
        rf"b\.?\s?tech\.?{_END}|b\.?\s?eng\.?{_END}|b\.?\s?arch\.?{_END}|b\.\s?e\.?{_END}|be(?=\s+in\b)|bba{_END}|"
        rf"bca{_END}|b\.?\s?com{_END}|bfa{_END}|ll\.?\s?b\.?{_END}|b\.\s?ed\.?{_END}|bsba{_END}|"
        rf"bsn{_END}|bsee{_END}|bscs{_END}|licence{_END}|licenciatura|licenciado|licenciada|"
        rf"bacharelado|bacharel|grado\s+en|graduacao|laurea|ingeniero{_END}|ingeniera{_END}|"
        rf"engenheiro{_END}|ingenieur{_END}|bachelier",  # not the schools' "Ingénieurs"
        "bachelor",
        "",
    ),
    (
        rf"associate'?s?(?:\s+(?:of|in)\s+[a-z]+(?:\s+[a-z]+)?|\s+degree)|a\.\s?a\.\s?s?\.?{_END}|"
        rf"a\.\s?s\.{_END}|aas{_END}",
        "associate",
        "",
    ),
    (
        rf"high\s+school(?:\s+diploma)?|secondary\s+school|ged{_END}|a[- ]levels?{_END}|"
        rf"i?gcses?{_END}|abitur|fachabitur|baccalaureat|bac{_END}|bachillerato|"
        rf"ensino\s+medio|matura{_END}|international\s+baccalaureate|ib\s+diploma|"
        rf"mittlere\s+reife|realschulabschluss|"
        rf"h?ssc{_END}|hsc{_END}|sslc{_END}|puc{_END}|matriculation{_END}|"  # India's school levels
        rf"class\s+(?:x|xii|10(?:th)?|12(?:th)?){_END}|(?:10|12)th\s+(?:grade|standard|std){_END}",
        "secondary",
        "",
    ),
    (
        rf"(?:post)?graduate\s+diploma|diploma(?:\s+of\s+completion)?|diplome|hnd{_END}|hnc{_END}|diplomado|"
        rf"tecnico\s+superior|technicien\s+superieur|bts{_END}|dut{_END}|ausbildung",
        "diploma",
        "",
    ),
    (
        rf"(?:certificate|certification|certificat|zertifikat|certificado)s?"
        rf"(?:\s+of\s+(?:completion|achievement|attendance|participation|accomplishment))?{_END}",
        "certificate",
        "",
    ),
    # A degree named only as one: "College Degree in X", "Computer Science degree".
    (rf"(?:(?:college|university|undergraduate|engineer(?:ing)?)\s+)?degree{_END}", "degree", ""),
)
_DEGREE_RES = tuple(
    (re.compile(rf"(?<![\w.])(?:{p})", re.IGNORECASE), lvl, st) for p, lvl, st in _DEGREE_TABLE
)


# Short upper-case degree abbreviations that are ordinary words in lower case ("be", "ma") or
# product prefixes ("MS Office"): read as degrees only at the start, before a capitalised field.
_UPPER_DEGREE_RE = re.compile(
    r"^(?P<deg>(?P<m>MS|MA|ME|MEng|MArch|M\.Arch)|(?P<b>BS|BA|BE|BEng|BArch|B\.Arch))\.?"
    r"(?=,?\s+(?!Office|Excel|Word|Access|Project|Teams|SQL|Dynamics|Azure|Windows|Visio|"
    r"PowerPoint|Outlook)[A-Z])"
)


@lru_cache(maxsize=MEMO_SIZE)
def match_degree(text: str) -> DegreeMatch | None:
    """The first degree in `text` (earliest, then longest, then highest level), else None."""
    found = _match_degree_table(text)
    if found is None and (m := _UPPER_DEGREE_RE.match(text.strip())):
        offset = len(text) - len(text.lstrip())
        level = "master" if m.group("m") else "bachelor"
        span = (offset + m.start(), offset + m.end())
        return DegreeMatch(level, m.group(0), m.group(0), span)
    return found


def _match_degree_table(text: str) -> DegreeMatch | None:
    folded = fold(text)
    best: tuple[int, int, int] | None = None
    found: DegreeMatch | None = None
    for rank, (pattern, level, study_type) in enumerate(_DEGREE_RES):
        m = pattern.search(folded)
        if m is None:
            continue
        key = (m.start(), -(m.end() - m.start()), rank)
        if best is None or key < best:
            best = key
            raw = text[m.start() : m.end()].strip()
            found = DegreeMatch(level, study_type or raw, raw, (m.start(), m.end()))
    return found


_AREA_LEAD_RE = re.compile(
    r"^[\s,:;/–—-]*(?:(?:candidate|student)\s+)?"  # "PhD candidate in Physics"
    r"(?:(?:in|of|on|em|en|de|du|des|im|in der|dans|na|no|with major in)\s+)?",
    re.IGNORECASE,
)
_AREA_STOP_RE = re.compile(
    r"\s*(?:[,;|(]|\s[–—-]\s|\bGPA\b|\bwith\b|\bsumma\b|\bmagna\b|\bcum laude\b|\d{4}).*$",
    re.IGNORECASE | re.DOTALL,
)
_QUALIFIER_RE = re.compile(r"(?:\s+[A-Z]{2,}\b)+(?=\s+(?:in|of|en)\s)")
_BRACKETED_RE = re.compile(r"\s*\((?P<inner>[^()]{2,40})\)")
_DEGREE_JOIN_RE = re.compile(r"\s*[&+/]\s*|\s+(?:and|und|et|y|e)\s+", re.IGNORECASE)
_HONOURS_RE = re.compile(
    r"\s*\((?:hons?\.?|honou?rs)\)|\s*hons\.?(?!\w)|\s+candidate(?!\w)", re.IGNORECASE
)  # also "PhD candidate": the degree not yet awarded is part of the study type


def split_degree_area(text: str) -> tuple[str | None, str | None]:
    """("Bachelor of Science in Computer Science") -> ("Bachelor of Science", "Computer
    Science"). The degree is returned as written; the area is what follows it (up to a comma,
    bracket, dash, GPA or year) or, when nothing follows, what precedes it.
    """
    match = match_degree(text)
    if match is None:
        return None, _clean_area(text) or None
    start, end = match.span
    while (joined := _DEGREE_JOIN_RE.match(text, end)) is not None:
        second = match_degree(text[joined.end() :])
        if second is None or second.span[0] != 0:
            break
        end = joined.end() + second.span[1]  # "Bachelor & Master in X": one studyType
    end = _named_on(text, end)
    degree = text[start:end].strip()
    honours = _HONOURS_RE.match(text, end)
    if honours is not None:
        degree, end = text[start : honours.end()].strip(), honours.end()
    qualifier = _QUALIFIER_RE.match(text, end)
    if qualifier is not None:  # "Licence STS in Computer Science"
        degree, end = text[start : qualifier.end()].strip(), qualifier.end()
    bracket = _BRACKETED_RE.match(text, end)
    area_from = end
    if bracket is not None:
        if match_degree(bracket["inner"]):  # "diploma (Master's degree)" is one degree
            degree, end = text[start : bracket.end()].strip(), bracket.end()
        area_from = bracket.end()  # "MSc (Distinction) in Physics": the area follows
    after = _clean_area(_AREA_LEAD_RE.sub("", text[area_from:], count=1))
    before = _clean_area(re.sub(r"[\s,(\[:–—-]+$", "", text[:start]))
    return degree, after or before or None


# Words that go on naming the degree up to its field's "in": "Bachelor of Natural Sciences in
# Economics", "Bachelor of Business Science in ...", "Certification Course in HFI"
_NAME_WORD = r"[A-Z][\w'’&.-]*"
_NAME_WORD_RE = re.compile(rf"(?:\s+(?:of|{_NAME_WORD}))+")
_FIELD_AFTER_IN_RE = re.compile(r"\s+in\s+(?P<field>[A-Z][^,;(|]*)")


def _named_on(text: str, end: int) -> int:
    """Where the degree's name ends when more of it comes before its field's "in" (a field
    of more words than the table knows, or a kind of programme), else `end`."""
    words = _NAME_WORD_RE.match(text, end)
    if words is None:
        return end
    field = _FIELD_AFTER_IN_RE.match(text, words.end())
    if field is None or len(words.group().split()) > MAX_NAME_WORDS:
        return end
    if lexicon.looks_like_institution(field["field"]) >= 0.5 or places.is_place(field["field"]):
        return end  # "B.E. Computer Engineering in Pune University": the school, not a field
    return words.end()


MAX_NAME_WORDS = 4


def _clean_area(text: str) -> str:
    return _AREA_STOP_RE.sub("", text).strip(" \t.,;:-–—()[]")
