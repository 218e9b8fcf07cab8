"""Document -> ParsedResume. Pure: no files, network, clock or globals; `today` comes in.

lines    = document_lines(document)        layout analysis, reading order
sections = split_sections(lines)           headings and what they cover
resume   = fields per section              contact, work, education, skills, ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from resumate.document import Document
from resumate.parsing.dates import PartialDate, months_of_experience
from resumate.parsing.fields import contact, education, languages, lists, skill_lists, work
from resumate.parsing.lines import Line, document_lines, drop_page_furniture, drop_page_labels
from resumate.parsing.sections import Section, split_sections
from resumate.parsing.unheaded import (
    programming_languages_as_skills,
    sections_without_headings,
    split_off_skill_lists,
)
from resumate.schema import FieldMeta, ParsedResume

MIN_RESUME_CHARS = 40


@dataclass(frozen=True, slots=True)
class ParseOutcome:
    resume: ParsedResume
    warnings: tuple[str, ...]
    text: str
    is_partial: bool


def parse_document(
    document: Document, *, today: dt.date, default_region: str | None = None
) -> ParseOutcome:
    lines = document_lines(document)
    if document.flow:
        lines = drop_page_labels(lines)
    else:  # only real pages have running headers, footers and bare page numbers
        lines = drop_page_furniture(lines, {page.number: page.height for page in document.pages})
    sections = sections_without_headings(split_sections(lines), today=today)
    sections = split_off_skill_lists(programming_languages_as_skills(sections))
    resume = build_resume(
        lines, sections, today=today, default_region=default_region, link_targets=document.links
    )
    warnings = _completeness_warnings(resume, document)
    text = "\n".join(line.text for line in lines)
    return ParseOutcome(resume, tuple(warnings), text, is_partial=bool(warnings))


def build_resume(
    lines: Sequence[Line],
    sections: Sequence[Section],
    *,
    today: dt.date,
    default_region: str | None,
    link_targets: Sequence[str] = (),
) -> ParsedResume:
    metas: dict[str, FieldMeta] = {}
    found = contact.extract_basics(
        lines, sections, default_region=default_region, link_targets=link_targets
    )
    resume = ParsedResume(basics=found.basics)
    metas |= found.metas
    for kind in (
        "work",
        "volunteer",
        "education",
        "skills",
        "languages",
        "certificates",
        "projects",
        "awards",
        "publications",
        "interests",
        "references",
    ):
        body = [line for s in sections if s.kind == kind for line in s.lines]
        if body:
            metas |= _fill_section(resume, kind, body, today=today)
    if not resume.languages:
        header = [line for s in sections if s.kind in ("header", "contact") for line in s.lines]
        resume.languages, listed = languages.extract_listed_languages(header)
        metas |= listed
    resume.fields = metas
    resume.experience_months = _experience(resume, today) if resume.work else None
    return resume


def _fill_section(
    resume: ParsedResume, kind: str, body: list[Line], *, today: dt.date
) -> dict[str, FieldMeta]:
    if kind == "work":
        resume.work, metas = work.extract_work(body, today=today)
    elif kind == "volunteer":
        resume.volunteer, metas = work.extract_volunteer(body, today=today)
    elif kind == "education":
        resume.education, metas = education.extract_education(body, today=today)
    elif kind == "skills":
        resume.skills, resume.skill_sources, metas = skill_lists.extract_skills(body)
    elif kind == "languages":
        resume.languages, metas = languages.extract_languages(body)
    elif kind == "certificates":
        resume.certificates, metas = lists.extract_certificates(body, today=today)
    elif kind == "projects":
        resume.projects, metas = lists.extract_projects(body, today=today)
    elif kind == "awards":
        resume.awards, metas = lists.extract_awards(body, today=today)
    elif kind == "publications":
        resume.publications, metas = lists.extract_publications(body, today=today)
    elif kind == "interests":
        resume.interests, metas = lists.extract_interests(body), {}
    else:
        resume.references, metas = lists.extract_references(body), {}
    return metas


def _experience(resume: ParsedResume, today: dt.date) -> int:
    periods = []
    for job in resume.work:
        start = _partial(job.startDate)
        if start is None:
            continue
        periods.append((start, _partial(job.endDate), job.endDate is None))
    return months_of_experience(periods, today=today)


def _partial(iso: str | None) -> PartialDate | None:
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    return PartialDate(*parts)


def _completeness_warnings(resume: ParsedResume, document: Document) -> list[str]:
    warnings = []
    if document.char_count < MIN_RESUME_CHARS:
        warnings.append("Very little text was found; the result may be incomplete.")
    if not resume.basics.name:
        warnings.append("No name was found.")
    if not resume.work and not resume.education:
        warnings.append("No work history or education was found.")
    return warnings
