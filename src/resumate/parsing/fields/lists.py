"""The list-like sections besides skills and languages: certificates, projects, awards,
publications, interests, references.

The dated lists reuse the entry splitter: the first header segment is the item's name.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from typing import TypeVar

from resumate.parsing import lexicon, skills
from resumate.parsing.fields.common import FieldSink, Scored, clean, is_bullet, strip_bullet
from resumate.parsing.fields.entries import body_text, is_only_dates, split_entries
from resumate.parsing.fields.headers import EM_DASH, Segment, split_header
from resumate.parsing.fields.skill_lists import keywords_of
from resumate.parsing.lines import Line
from resumate.schema import (
    Award,
    Certificate,
    FieldMeta,
    Interest,
    Project,
    Publication,
    Reference,
)

ItemT = TypeVar("ItemT", Award, Publication)


def extract_certificates(
    lines: Sequence[Line], *, today: dt.date
) -> tuple[list[Certificate], dict[str, FieldMeta]]:
    sink = FieldSink()
    items: list[Certificate] = []
    for block in _item_blocks(lines, today):
        name, extra = block
        path = f"certificates[{len(items)}]"
        cert = Certificate(name=sink.put(f"{path}.name", name))
        cert.issuer = extra.get("second")
        date = extra.get("date")
        if date and len(date) == len("YYYY-MM-DD"):  # the schema wants a full date here
            cert.date = date
        elif date:  # keep a year or month as written, beside the document
            sink.metas[f"{path}.date"] = Scored(
                date, 0.6, name.lines, ("partial_date", f"date={date}")
            ).meta()
        cert.url = extra.get("url")
        items.append(cert)
    return items, sink.metas


def extract_awards(
    lines: Sequence[Line], *, today: dt.date
) -> tuple[list[Award], dict[str, FieldMeta]]:
    fields = {"awarder": "second", "date": "date", "summary": "summary"}
    return _dated_items(lines, today, "awards", Award, "title", fields)


def extract_publications(
    lines: Sequence[Line], *, today: dt.date
) -> tuple[list[Publication], dict[str, FieldMeta]]:
    fields = {"publisher": "second", "releaseDate": "date", "url": "url", "summary": "summary"}
    return _dated_items(lines, today, "publications", Publication, "name", fields)


def _dated_items(
    lines: Sequence[Line],
    today: dt.date,
    section: str,
    model: type[ItemT],
    name_field: str,
    fields: dict[str, str],
) -> tuple[list[ItemT], dict[str, FieldMeta]]:
    """One item per entry block: its first header segment names it, `fields` maps the item's
    other JSON Resume fields to what the block offers (second segment, date, url, summary)."""
    sink = FieldSink()
    items: list[ItemT] = []
    for name, extra in _item_blocks(lines, today):
        title = sink.put(f"{section}[{len(items)}].{name_field}", name)
        values = {field: extra.get(key) for field, key in fields.items()}
        items.append(model(**{name_field: title}, **values))
    return items, sink.metas


def extract_projects(
    lines: Sequence[Line], *, today: dt.date
) -> tuple[list[Project], dict[str, FieldMeta]]:
    sink = FieldSink()
    items: list[Project] = []
    for block in split_entries(lines, today=today):
        if not block.segments:
            continue
        first, roles = _project_name(block.segments)
        path = f"projects[{len(items)}]"
        summary, highlights = body_text(block.body)
        project = Project(
            name=sink.put(
                f"{path}.name", Scored(first.text, 0.7, (first.line,), ("first_segment",))
            ),
            description=summary,
            highlights=highlights,
            url=block.urls[0] if block.urls else None,
            roles=roles,
        )
        if block.dates and block.dates.start:
            project.startDate = block.dates.start.iso()
        if block.dates and block.dates.end:
            project.endDate = block.dates.end.iso()
        items.append(project)
    return items, sink.metas


def _project_name(segments: Sequence[Segment]) -> tuple[Segment, list[str]]:
    """The first segment, or, when that is a job title ("Full Stack Engineer | 2024" over
    "Fairpay"), the next one that is not, with the title as the project's role."""
    first = segments[0]
    words = first.text.split()
    if not _ends_as_a_title(words) or lexicon.looks_like_job_title(first.text) < 0.5:
        return first, []
    for segment in segments[1:]:
        if lexicon.looks_like_job_title(segment.text) < 0.5:
            return segment, [first.text]
    return first, []


def _ends_as_a_title(words: list[str]) -> bool:
    """Capitalised and ending on a title's head word ("Full Stack Engineer"), unlike a name
    that only starts with one ("Artist Bundle", "Trainer dashboard")."""
    long_words = [w for w in words if len(w) >= 4]
    return (
        bool(words)
        and all(w[:1].isupper() for w in long_words)
        and lexicon.looks_like_job_title(words[-1]) >= 0.5
    )


def extract_interests(lines: Sequence[Line]) -> list[Interest]:
    interests: list[Interest] = []
    for line in lines:
        category, rest = skills.split_category(strip_bullet(line.text))
        if category and rest:
            interests.append(Interest(name=category, keywords=keywords_of(rest)))
            continue
        for cell in line.cells:
            interests.extend(Interest(name=k) for k in keywords_of(strip_bullet(cell.text)))
    return interests


def extract_references(lines: Sequence[Line]) -> list[Reference]:
    refs: list[Reference] = []
    for line in lines:
        text = strip_bullet(line.text)
        if re.search(r"(?i)available (up)?on request", text):
            continue
        if refs and not is_bullet(line.text) and len(text.split()) > 6:
            refs[-1].reference = f"{refs[-1].reference or ''} {text}".strip()
        elif len(text.split()) <= 6:
            refs.append(Reference(name=clean(text)))
    return refs


_ITEM_SEPARATOR = re.compile(r"\s[—–|·•-]\s")  # "Name — Issuer", spaced


ONE_SIZE_RATIO = 1.1  # sizes read off a scan's ink vary by a few percent within one style


def _one_per_line(lines: Sequence[Line]) -> bool:
    """Every line names one item and what goes with it ("AWS Certified ... — Amazon Web
    Services", "Salesforce Certified Administrator — Salesforce"), in one style: each line is
    an item, dated or not, not the header of the next dated one."""
    return (
        len(lines) > 1
        and len({line.is_bold for line in lines}) == 1
        and max(sizes := [line.font_size for line in lines]) <= ONE_SIZE_RATIO * min(sizes)
        and all(
            _ITEM_SEPARATOR.search(strip_bullet(line.text.strip())) and len(line.cells) <= 2
            for line in lines
        )
    )


_ISSUED_BY = re.compile(
    r"^(?:issued|awarded|granted|certified|offered|delivered|provided)\s+by\b[:\s]*|"
    r"^(?:issuer|issuing (?:body|organi[sz]ation)|awarder|provider|organi[sz]ation)\s*:\s*",
    re.IGNORECASE,
)


def _item_groups(lines: Sequence[Line]) -> list[Sequence[Line]]:
    """The section's lines cut into items when several lines name an issuer ("Issued by
    ..."): an item is a name, then its issuer and date lines, whatever the spacing (plain
    text sets every line a paragraph apart)."""
    texts = [strip_bullet(line.text).strip() for line in lines]
    issuers = [bool(_ISSUED_BY.match(text)) for text in texts]
    if sum(issuers) < 2:
        return [lines]
    # the lines that go with the name above them
    after = [issuer or is_only_dates(text) for issuer, text in zip(issuers, texts, strict=True)]
    starts = [i for i in range(len(lines)) if i == 0 or (after[i - 1] and not after[i])]
    return [lines[a:b] for a, b in itertools.pairwise([*starts, len(lines)])]


def _item_blocks(lines: Sequence[Line], today: dt.date) -> list[tuple[Scored, dict[str, str]]]:
    out = []
    groups = _item_groups(lines)
    blocks = [b for g in groups for b in split_entries(g, today=today, undated_first=True)]
    if len(groups) == 1 and len(blocks) < len(lines) and _one_per_line(lines):
        blocks = [block for line in lines for block in split_entries([line], today=today)]
    for block in blocks:
        segments = list(block.segments)
        if any(EM_DASH in line.text for line in block.header):  # split there only
            segments, _prose = split_header(block.header, today=today, em_dash_first=True)
        issuers = [s for s in segments if _ISSUED_BY.match(s.text)]
        segments = [s for s in segments if s not in issuers]
        if not segments:
            continue
        first = segments[0]
        extra: dict[str, str] = {}
        if issuers:
            extra["second"] = _ISSUED_BY.sub("", issuers[0].text).strip()
        elif len(segments) > 1:
            extra["second"] = segments[1].text
        if block.dates:
            date = block.dates.end or block.dates.start
            if date:
                extra["date"] = date.iso()
        if block.urls:
            extra["url"] = block.urls[0]
        summary, highlights = body_text(block.body)
        if summary or highlights:
            extra["summary"] = " ".join([summary or "", *highlights]).strip()
        out.append((Scored(first.text, 0.7, (first.line,), ("first_segment",)), extra))
    return out
