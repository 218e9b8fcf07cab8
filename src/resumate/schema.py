"""The parsed resume: JSON Resume v1.0.0 fields, plus per-field confidence and evidence.

Field values live in JSON-Resume-shaped models; confidence and evidence live beside them in
`ParsedResume.fields`, keyed by the field's JSON path (`work[0].startDate`). That keeps the
exported document valid JSON Resume: `to_json_resume()` puts the scores under
`meta.resumate`.
"""

from __future__ import annotations

from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "v1.0.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Evidence(_Model):
    """Where a value came from: page, line numbers (reading order) and the features that fired."""

    page: int | None = None
    lines: tuple[int, int] | None = None
    bbox: tuple[float, float, float, float] | None = None
    features: list[str] = Field(default_factory=list)


class FieldMeta(_Model):
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: Evidence = Field(default_factory=Evidence)


class Location(_Model):
    address: str | None = None
    postalCode: str | None = None
    city: str | None = None
    region: str | None = None
    countryCode: str | None = None


class Profile(_Model):
    network: str | None = None
    username: str | None = None
    url: str | None = None


class Basics(_Model):
    name: str | None = None
    label: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    summary: str | None = None
    location: Location | None = None
    profiles: list[Profile] = Field(default_factory=list)


class Work(_Model):
    name: str | None = None
    position: str | None = None
    location: str | None = None
    url: str | None = None
    startDate: str | None = None
    endDate: str | None = None
    summary: str | None = None
    highlights: list[str] = Field(default_factory=list)


class Volunteer(_Model):
    organization: str | None = None
    position: str | None = None
    url: str | None = None
    startDate: str | None = None
    endDate: str | None = None
    summary: str | None = None
    highlights: list[str] = Field(default_factory=list)


class Education(_Model):
    institution: str | None = None
    url: str | None = None
    area: str | None = None
    studyType: str | None = None
    startDate: str | None = None
    endDate: str | None = None
    score: str | None = None
    courses: list[str] = Field(default_factory=list)


class Skill(_Model):
    name: str | None = None
    level: str | None = None
    keywords: list[str] = Field(default_factory=list)


class Language(_Model):
    language: str | None = None
    fluency: str | None = None


class Certificate(_Model):
    name: str | None = None
    date: str | None = None
    issuer: str | None = None
    url: str | None = None


class Project(_Model):
    name: str | None = None
    description: str | None = None
    highlights: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    startDate: str | None = None
    endDate: str | None = None
    url: str | None = None
    roles: list[str] = Field(default_factory=list)


class Award(_Model):
    title: str | None = None
    date: str | None = None
    awarder: str | None = None
    summary: str | None = None


class Publication(_Model):
    name: str | None = None
    publisher: str | None = None
    releaseDate: str | None = None
    url: str | None = None
    summary: str | None = None


class Interest(_Model):
    name: str | None = None
    keywords: list[str] = Field(default_factory=list)


class Reference(_Model):
    name: str | None = None
    reference: str | None = None


class SkillSource(_Model):
    """How a skill keyword was normalized: the spelling in the document and the taxonomy entry."""

    raw: str
    canonical: str
    category: str | None = None


class ParsedResume(_Model):
    basics: Basics = Field(default_factory=Basics)
    work: list[Work] = Field(default_factory=list)
    volunteer: list[Volunteer] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    certificates: list[Certificate] = Field(default_factory=list)
    publications: list[Publication] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    languages: list[Language] = Field(default_factory=list)
    interests: list[Interest] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    fields: dict[str, FieldMeta] = Field(default_factory=dict)
    skill_sources: list[SkillSource] = Field(default_factory=list)
    experience_months: int | None = None

    def sections_json(self) -> dict[str, Any]:
        """The JSON Resume sections only (empty values dropped)."""
        data = self.model_dump(
            mode="json",
            exclude={"fields", "skill_sources", "experience_months"},
            exclude_none=True,
        )
        return cast(dict[str, Any], _drop_empty(data))

    def overall_confidence(self) -> float | None:
        if not self.fields:
            return None
        return round(sum(m.confidence for m in self.fields.values()) / len(self.fields), 3)


Status = Literal["ok", "partial", "failed"]


def _drop_empty(value: Any) -> Any:
    if isinstance(value, dict):
        cleaned = {k: _drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (_drop_empty(v) for v in value) if v not in (None, "", [], {})]
    return value
