"""The review form as data: which sections and fields to show, each field's value, confidence
badge and evidence, and the list of fields that need attention. Pure functions, no IO.

Confidence levels: `high` (✓, ≥ 0.95), `check` (⚠, 0.80–0.94), `low` (✗, < 0.80). A field the
person corrected has confidence 1.0 and the feature `corrected`; it is shown as "corrected".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["text", "long", "lines"]
Level = Literal["high", "check", "low", "corrected"]
HIGH_CONFIDENCE = 0.95
CHECK_CONFIDENCE = 0.80


@dataclass(frozen=True)
class FieldSpec:
    key: str  # dotted inside the entry: "name", "location.city"
    label: str
    kind: Kind = "text"
    input_type: str = "text"
    autocomplete: str | None = None


@dataclass(frozen=True)
class SectionSpec:
    name: str  # JSON Resume key
    title: str
    entry_title: str
    fields: tuple[FieldSpec, ...]


def _f(key: str, label: str, kind: Kind = "text", input_type: str = "text",
       autocomplete: str | None = None) -> FieldSpec:
    return FieldSpec(key, label, kind, input_type, autocomplete)


_DATES = (_f("startDate", "Start date"), _f("endDate", "End date (empty = present)"))
BASICS = SectionSpec("basics", "Contact", "Contact", (
    _f("name", "Full name", autocomplete="off"), _f("label", "Headline"),
    _f("email", "E-mail", input_type="email"), _f("phone", "Phone", input_type="tel"),
    _f("url", "Website", input_type="url"), _f("location.city", "City"),
    _f("location.region", "Region"), _f("location.countryCode", "Country code"),
    _f("summary", "Summary", "long"),
))
PROFILE = SectionSpec("profiles", "Online profiles", "Profile", (
    _f("network", "Network"), _f("username", "Username"), _f("url", "Address", input_type="url"),
))
LIST_SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("work", "Experience", "Position", (
        _f("position", "Job title"), _f("name", "Company"), _f("location", "Location"),
        *_DATES, _f("summary", "Summary", "long"), _f("highlights", "Highlights", "lines"))),
    SectionSpec("education", "Education", "Education", (
        _f("institution", "Institution"), _f("studyType", "Degree"), _f("area", "Field of study"),
        *_DATES, _f("score", "Grade"), _f("courses", "Courses", "lines"))),
    SectionSpec("skills", "Skills", "Skill group", (
        _f("name", "Group name"), _f("level", "Level"), _f("keywords", "Skills", "lines"))),
    SectionSpec("languages", "Languages", "Language", (
        _f("language", "Language"), _f("fluency", "Fluency"))),
    SectionSpec("certificates", "Certificates", "Certificate", (
        _f("name", "Name"), _f("issuer", "Issuer"), _f("date", "Date"),
        _f("url", "Address", input_type="url"))),
    SectionSpec("projects", "Projects", "Project", (
        _f("name", "Name"), _f("description", "Description", "long"), *_DATES,
        _f("url", "Address", input_type="url"), _f("highlights", "Highlights", "lines"),
        _f("keywords", "Keywords", "lines"))),
    SectionSpec("volunteer", "Volunteering", "Role", (
        _f("position", "Role"), _f("organization", "Organisation"), *_DATES,
        _f("summary", "Summary", "long"), _f("highlights", "Highlights", "lines"))),
    SectionSpec("awards", "Awards", "Award", (
        _f("title", "Title"), _f("awarder", "Awarded by"), _f("date", "Date"),
        _f("summary", "Summary", "long"))),
    SectionSpec("publications", "Publications", "Publication", (
        _f("name", "Title"), _f("publisher", "Publisher"), _f("releaseDate", "Date"),
        _f("url", "Address", input_type="url"), _f("summary", "Summary", "long"))),
    SectionSpec("interests", "Interests", "Interest", (
        _f("name", "Interest"), _f("keywords", "Keywords", "lines"))),
    SectionSpec("references", "References", "Reference", (
        _f("name", "Name"), _f("reference", "Reference", "long"))),
)


@dataclass(frozen=True)
class Badge:
    level: Level
    symbol: str
    text: str  # for screen readers and tooltips
    percent: int


@dataclass
class FieldView:
    spec: FieldSpec
    path: str
    dom_id: str
    value: str
    badge: Badge | None
    evidence: dict[str, Any] | None


@dataclass
class EntryView:
    index: int
    title: str
    fields: list[FieldView]
    profiles: list[EntryView] = field(default_factory=list)


@dataclass
class SectionView:
    spec: SectionSpec
    entries: list[EntryView]
    template: EntryView  # an empty entry, cloned by the page script to add one


@dataclass
class Attention:
    path: str
    dom_id: str
    where: str
    badge: Badge


@dataclass
class ReviewView:
    basics: EntryView
    sections: list[SectionView]
    attention: list[Attention]
    evidence: dict[str, Any]
    profile_template: EntryView


def badge_for(confidence: float | None, evidence: dict[str, Any] | None) -> Badge | None:
    if confidence is None:
        return None
    percent = round(confidence * 100)
    if evidence and "corrected" in (evidence.get("features") or []):
        return Badge("corrected", "✓", "Corrected by you", percent)
    if confidence >= HIGH_CONFIDENCE:
        return Badge("high", "✓", f"High confidence, {percent}%", percent)
    if confidence >= CHECK_CONFIDENCE:
        return Badge("check", "⚠", f"Please check, {percent}% confidence", percent)
    return Badge("low", "✗", f"Low confidence, probably wrong, {percent}%", percent)


def dom_id(path: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")


def _value(entry: dict[str, Any], key: str, kind: Kind) -> str:
    value: Any = entry
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return ""
    if kind == "lines" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value)


def _has_location(evidence: dict[str, Any] | None) -> bool:
    return bool(evidence) and (evidence.get("bbox") is not None  # type: ignore[union-attr]
                               or bool(evidence.get("lines")))  # type: ignore[union-attr]


def _entry(spec: SectionSpec, prefix: str, entry: dict[str, Any], title: str,
           meta: dict[str, Any]) -> EntryView:
    fields = []
    for field_spec in spec.fields:
        path = f"{prefix}.{field_spec.key}"
        evidence = meta.get("evidence", {}).get(path)
        fields.append(FieldView(
            field_spec, path, dom_id(path), _value(entry, field_spec.key, field_spec.kind),
            badge_for(meta.get("confidence", {}).get(path), evidence),
            evidence if _has_location(evidence) else None,
        ))
    digits = prefix.rsplit("[", 1)[-1].rstrip("]")
    index = int(digits) if digits.isdigit() else -1
    return EntryView(index=index, title=title, fields=fields)


def build_review(document: dict[str, Any]) -> ReviewView:
    """The review form for a stored JSON Resume document (with `meta.resumate`)."""
    meta = document.get("meta", {}).get("resumate", {})
    basics_data = document.get("basics") or {}
    basics = _entry(BASICS, "basics", basics_data, "Contact", meta)
    basics.profiles = [
        _entry(PROFILE, f"basics.profiles[{i}]", p, f"Profile {i + 1}", meta)
        for i, p in enumerate(basics_data.get("profiles") or [])
    ]
    sections = []
    for spec in LIST_SECTIONS:
        items = document.get(spec.name) or []
        entries = [_entry(spec, f"{spec.name}[{i}]", item, f"{spec.entry_title} {i + 1}", meta)
                   for i, item in enumerate(items) if isinstance(item, dict)]
        template = _entry(spec, f"{spec.name}[NEW]", {}, spec.entry_title, {})
        sections.append(SectionView(spec, entries, template))
    attention = _attention(basics, sections)
    profile_template = _entry(PROFILE, "basics.profiles[NEW]", {}, PROFILE.entry_title, {})
    return ReviewView(basics, sections, attention, meta.get("evidence", {}), profile_template)


def _attention(basics: EntryView, sections: list[SectionView]) -> list[Attention]:
    found = []
    groups = [("Contact", [basics, *basics.profiles])]
    groups += [(s.spec.title, s.entries) for s in sections]
    for title, entries in groups:
        for entry in entries:
            for view in entry.fields:
                if view.badge and view.badge.level in ("check", "low"):
                    where = view.spec.label if title == "Contact" else (
                        f"{entry.title} · {view.spec.label}")
                    found.append(Attention(view.path, view.dom_id, where, view.badge))
    return sorted(found, key=lambda a: a.badge.percent)
