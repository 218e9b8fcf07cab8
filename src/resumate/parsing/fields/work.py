"""work and volunteer entries: who, what, when, where, and what was done.

Primary rule: in each entry's header segments, the pair (position, company) is the one that
maximises title-likeness of the position plus company-likeness of the company; when a pair is
ambiguous, the order most entries of the same section follow decides (themes are consistent).
A lone segment is a position when it reads like a job title, else a company; a position with
no company takes the company of the entry before it when that entry's header named only a
company line (several roles at one employer). Location: a segment that parses as a place.
Then the chosen parts grow or shrink to what the header writes around them: the employer goes
on past a spaced dash to a unit or client, the title past a dash or bullet to its speciality,
and a place written before the title is the location.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from resumate.parsing import gazetteer, lexicon
from resumate.parsing.chars import has_digit
from resumate.parsing.dates import DateRange
from resumate.parsing.fields.common import (
    FieldSink,
    Scored,
    clamp,
    clean,
    is_bullet,
    looks_like_sentence,
    words,
)
from resumate.parsing.fields.entries import EntryBlock, body_text, split_entries
from resumate.parsing.fields.headers import Segment
from resumate.parsing.lines import Line
from resumate.parsing.places import is_place, split_commas
from resumate.schema import FieldMeta, Volunteer, Work

AMBIGUOUS_MARGIN = 0.25


@dataclass(frozen=True, slots=True)
class Roles:
    position: Segment | None
    company: Segment | None
    location: Segment | None
    margin: float
    title_first: bool = True  # the position is written before the company


def extract_work(
    lines: Sequence[Line], *, today: dt.date, prefix: str = "work"
) -> tuple[list[Work], dict[str, FieldMeta]]:
    blocks = split_entries(lines, today=today, prose_apart=True, titled=True)
    roles = assign_roles(blocks)
    groups = _group_employers(lines, blocks)
    sink = FieldSink()
    entries: list[Work] = []
    for i, (block, role, group) in enumerate(zip(blocks, roles, groups, strict=True)):
        path = f"{prefix}[{i}]"
        work = Work()
        role = _title_with_dashed_part(_with_dashed_part(role, block.segments), block.segments)
        role = _title_without_leading_place(role)
        work.position = sink.put(f"{path}.position", _scored(role.position, role.margin, "title"))
        company, place = _company_and_place(role)
        work.name = sink.put(f"{path}.name", _scored(company, role.margin, "company"))
        work.location = sink.put(f"{path}.location", _scored(place, 0.5, "location"))
        _put_dates(sink, path, block, work)
        work.summary, work.highlights = body_text(block.body)
        if block.prose:  # a description written beside the dates
            work.summary = " ".join((*block.prose, *([work.summary] if work.summary else [])))
        work.url = block.urls[0] if block.urls else None
        if work.name is None and group is not None and work.position:
            work.name = sink.put(
                f"{path}.name", Scored(clean(group.text), 0.6, (group,), ("group_employer",))
            )
        if work.name is None and work.url:  # only the employer's website names it
            domain = re.sub(r"^(https?://)?(www\.)?", "", work.url).split("/")[0]
            work.name = sink.put(
                f"{path}.name", Scored(domain, 0.4, block.header[:1], ("url_domain",))
            )
        if work.name or work.position:
            entries.append(work)
        else:
            sink.metas = {k: v for k, v in sink.metas.items() if not k.startswith(path + ".")}
    return _renumber(entries, sink.metas, prefix)


def _group_employers(lines: Sequence[Line], blocks: Sequence[EntryBlock]) -> list[Line | None]:
    """Per entry, the employer named once above a run of its roles: a bold line, no date in
    it, standing before entries whose headers have no bold line ("Winged Keel Group", its
    description, then "Associate Director" / "Jan 2024 – Present", "Lead Associate" / ...).
    An entry with a bold header line names its own employer and ends the run."""
    candidates = [ln for ln in lines if _names_a_group(ln)]
    groups: list[Line | None] = []
    group: Line | None = None
    since = lines[0].index if lines else 0
    for block in blocks:
        if not block.header:
            groups.append(None)
            continue
        start = block.header[0].index
        above = [ln for ln in candidates if since <= ln.index < start]
        if any(ln.is_bold for ln in block.header):
            group = None
        elif above:
            group = above[-1]
        groups.append(group)
        since = block.header[-1].index + 1
    return groups


def _names_a_group(line: Line) -> bool:
    text = line.text.strip()
    return (
        line.is_bold
        and not has_digit(text)
        and not is_bullet(text)
        and len(words(text)) <= MAX_GROUP_WORDS
        and not looks_like_sentence(text)
        and _company_evidence(text) >= GROUP_MIN_EVIDENCE  # not "Responsibilities"
    )


MAX_GROUP_WORDS = 6
GROUP_MIN_EVIDENCE = 0.5


def extract_volunteer(
    lines: Sequence[Line], *, today: dt.date
) -> tuple[list[Volunteer], dict[str, FieldMeta]]:
    works, metas = extract_work(lines, today=today, prefix="volunteer")
    volunteers = [
        Volunteer(
            organization=w.name,
            position=w.position,
            url=w.url,
            startDate=w.startDate,
            endDate=w.endDate,
            summary=w.summary,
            highlights=w.highlights,
        )
        for w in works
    ]
    renamed = {k.replace(".name", ".organization"): v for k, v in metas.items()}
    return volunteers, renamed


def _with_dashed_part(role: Roles, segments: Sequence[Segment]) -> Roles:
    """The employer goes on past a spaced dash when the other side names no title, place or
    date of its own ("Department of Defense - National Security Agency", "X-Team - Riot
    Games": an agency and its client, a body and its unit); a name complete with its legal
    suffix ("Kitchology Inc. – Germantown") does not."""
    company = role.company
    if company is None:
        return role
    for other in segments:
        if other in (company, role.position, role.location) or other.line is not company.line:
            continue
        if other.text in company.text or company.text in other.text:
            continue
        for dash in _SPACED_DASHES:
            for left, right in ((company, other), (other, company)):
                joined = f"{left.text}{dash}{right.text}"
                if (
                    joined in company.line.text
                    and not lexicon.ends_with_legal_suffix(left.text)
                    and _names_unit_or_client(other.text)
                ):
                    return replace(role, company=Segment(joined, company.line, company.bold))
    return role


def _title_with_dashed_part(role: Roles, segments: Sequence[Segment]) -> Roles:
    """The title goes on past a spaced dash or bullet to a speciality that is not the employer,
    a place or a date ("Vice President - User Experience", "Software Engineer • Team Lead")."""
    title = role.position
    if title is None:
        return role
    used = " ".join(s.text for s in (title, role.company, role.location) if s is not None)
    for other in segments:
        if other.line is not title.line or other.text in used:
            continue
        for dash in (*_SPACED_DASHES, " • "):
            joined = f"{title.text}{dash}{other.text}"
            if joined in title.line.text and not _is_employer_place_or_date(other.text):
                return replace(role, position=Segment(joined, title.line, title.bold))
    return role


def _title_without_leading_place(role: Roles) -> Roles:
    """A place written before the title ("Paris, France, Frontend Developer" after "Wavy - ")
    is the entry's location, not part of the title."""
    title = role.position
    if title is None:
        return role
    parts = split_commas(title.text)
    for k in range(len(parts) - 1, 0, -1):
        place, rest = ", ".join(parts[:k]), ", ".join(parts[k:])
        if is_place(place) and lexicon.looks_like_job_title(rest) >= 0.5:
            location = role.location or Segment(place, title.line, title.bold)
            return replace(role, position=Segment(rest, title.line, title.bold), location=location)
    return role


def _is_employer_place_or_date(text: str) -> bool:
    """What a title's speciality is not: a company's name, a place, or digits (dates)."""
    return (
        has_digit(text)
        or lexicon.looks_like_company(text) >= 0.5
        or is_place(text)
        or bool(gazetteer.match_city(next(iter(split_commas(text)), text)))
    )


_SPACED_DASHES = (" - ", " – ")  # an em dash often separates the title from the employer


def _names_unit_or_client(text: str) -> bool:
    first = next(iter(split_commas(text)), text)
    return (
        lexicon.looks_like_job_title(text) < 0.5
        and not has_digit(text)
        and not is_place(text)
        and not gazetteer.match_city(first)
        and not gazetteer.match_city(first.partition(" ")[0])  # "Delhi NCR"
        and not _lower_case_share(text) > 0.5
    )


def _company_and_place(role: Roles) -> tuple[Segment | None, Segment | None]:
    """Split a place written after the employer ("Acme, Berlin, Germany") off the name."""
    company, place = role.company, role.location
    if company is not None:
        name, trailing = split_trailing_place(company.text)
        if trailing:
            if place is None:
                place = Segment(trailing, company.line, company.bold)
            company = Segment(name, company.line, company.bold)
    return company, place


def _renumber(
    entries: list[Work], metas: dict[str, FieldMeta], prefix: str
) -> tuple[list[Work], dict[str, FieldMeta]]:
    """Entries dropped for being empty leave gaps in the paths: close them."""
    indices = sorted({int(k[len(prefix) + 1 : k.index("]")]) for k in metas})
    mapping = {old: new for new, old in enumerate(indices)}
    renamed = {}
    for key, meta in metas.items():
        old = int(key[len(prefix) + 1 : key.index("]")])
        renamed[f"{prefix}[{mapping[old]}]{key[key.index(']') + 1 :]}"] = meta
    return entries, renamed


def put_dates(
    sink: FieldSink, path: str, dates: DateRange | None, line: Line | None
) -> tuple[str | None, str | None]:
    """Store start/end dates (an open end is left empty, meaning "present")."""
    if dates is None:
        return None, None
    lines = (line,) if line else ()
    start = (
        sink.put(f"{path}.startDate", Scored(dates.start.iso(), 0.92, lines, ("date_range",)))
        if dates.start
        else None
    )
    end = None
    if dates.end is not None:
        end = sink.put(f"{path}.endDate", Scored(dates.end.iso(), 0.92, lines, ("date_range",)))
    elif dates.is_current:
        sink.metas[f"{path}.endDate"] = Scored("present", 0.9, lines, ("present_word",)).meta()
    return start, end


def _put_dates(sink: FieldSink, path: str, block: EntryBlock, work: Work) -> None:
    work.startDate, work.endDate = put_dates(sink, path, block.dates, block.date_line)


def _scored(segment: Segment | None, margin: float, kind: str) -> Scored | None:
    if segment is None:
        return None
    confidence = clamp(0.6 + 0.3 * min(1.0, abs(margin)))
    return Scored(segment.text, confidence, (segment.line,), (f"{kind}_words",))


def assign_roles(blocks: Sequence[EntryBlock]) -> list[Roles]:
    """Decide position/company/location per entry, resolving ties by the section's habit."""
    firsts = [_best_roles(block.segments, order=None) for block in blocks]
    votes = sum(r.margin for r in firsts if r.position and r.company and r.title_first)
    votes -= sum(r.margin for r in firsts if r.position and r.company and not r.title_first)
    habit = None if abs(votes) < 1e-9 else votes > 0
    roles = []
    previous_company: Segment | None = None
    for block, first in zip(blocks, firsts, strict=True):
        role = first
        if habit is not None and abs(first.margin) < AMBIGUOUS_MARGIN:
            role = _best_roles(block.segments, order=habit)
        elif habit is not None and (role.position is None or role.company is None):
            role = _split_as_the_others(block, role, habit)
        if role.company is None and role.position is not None and previous_company is not None:
            role = replace(role, company=previous_company, margin=role.margin * 0.5)
        previous_company = role.company
        roles.append(role)
    return roles


def _split_as_the_others(block: EntryBlock, role: Roles, habit: bool) -> Roles:
    """A lone title or name that splits at a comma the way the section's other headers do
    ("Software Craftsman, Lunar Labs" among "Software Engineer, Tiller"), into a name that
    is no job title."""
    paired = _best_roles(block.segments, order=habit)
    if paired.position is None or paired.company is None:
        return role
    return paired if _company_evidence(paired.company.text) > 0 else role


def _best_roles(segments: Sequence[Segment], *, order: bool | None) -> Roles:
    """`order`: None = by content only, True = position before company, False = the reverse.

    Candidate pairs are two segments, or the two halves of one segment split at one of its
    commas ("Principal Engineer, Patch Media"), which costs a little so that a title with a
    comma in it ("Senior Developer, CTO") stays whole when another segment names a company.
    """
    places = [s for s in segments if _is_location(s.text)]
    location = _joined_place(places)
    others = [s for s in segments if s not in places]
    # the first three, and a later one that names a company by its words ("... Pvt. Ltd.")
    candidates = others[:3] + [
        s for s in others[3:] if lexicon.looks_like_company(s.text) >= LATE_COMPANY_MIN
    ][:1]
    if not candidates:
        return Roles(None, None, location, 0.0)
    pairs: list[tuple[Segment, Segment, float, bool]] = [
        (a, b, 0.0, (a.line.index, a.line.x0, i) <= (b.line.index, b.line.x0, j))
        for i, a in enumerate(candidates)
        for j, b in enumerate(candidates)
        if a is not b
    ]
    for segment in candidates:
        pairs += _comma_pairs(segment)
    best: Roles | None = None
    best_score = _single_score(candidates[0]) if len(candidates) == 1 else float("-inf")
    if len(candidates) == 1:
        best = _single_roles(candidates[0], location)
    for a, b, cost, position_first in pairs:
        if cost and position_first and _is_location(b.text):
            continue  # "Independent Contractor, Europe": the place after the comma is no employer
        score = _pair_score(a, b) - cost
        if order is not None:
            score += 0.5 if position_first == order else -0.5
        if score > best_score:
            margin = score - _pair_score(b, a)
            best, best_score = Roles(a, b, location, margin, position_first), score
    assert best is not None
    return best


COMMA_SPLIT_COST = 0.15
LATE_COMPANY_MIN = 0.8
UNKNOWN_NAME_PRIOR = 0.4  # an unrecognised name beside a job title is most likely the employer
LOWER_CASE_PENALTY = 0.3


def _pair_score(position: Segment, company: Segment) -> float:
    return lexicon.looks_like_job_title(position.text) + _company_evidence(company.text)


def _company_evidence(text: str) -> float:
    """Company words, or failing those a name that is clearly not a job title; names are
    capitalised, so words in lower case ("Mortgage lender") count against it."""
    title = lexicon.looks_like_job_title(text)
    lower = _lower_case_share(text)  # "Online travel agency" describes, "Acme Agency" names
    company = lexicon.looks_like_company(text) * (1.0 - lower)
    evidence = max(company, UNKNOWN_NAME_PRIOR * (1.0 - title))
    return evidence - 0.3 * title - LOWER_CASE_PENALTY * lower


def _lower_case_share(text: str) -> float:
    """Share of the words of four or more letters that start in lower case."""
    long_words = [w for w in text.split() if len(w) >= 4 and w[:1].isalpha()]
    if not long_words:
        return 0.0
    return sum(w[:1].islower() for w in long_words) / len(long_words)


def _single_score(segment: Segment) -> float:
    return max(lexicon.looks_like_job_title(segment.text), lexicon.looks_like_company(segment.text))


def _single_roles(only: Segment, location: Segment | None) -> Roles:
    title = lexicon.looks_like_job_title(only.text)
    company = lexicon.looks_like_company(only.text)
    if title >= company and title > 0:
        return Roles(only, None, location, title - company)
    return Roles(None, only, location, company - title)


def _comma_pairs(segment: Segment) -> list[tuple[Segment, Segment, float, bool]]:
    """(position, company, cost, position first) from one segment split at one of its commas:
    not inside brackets ("Contractor (design, admin)"), not before a legal form ("iQIYI, Inc"
    is one name); a title runs on over a later comma only with more title words ("Web
    Developer, System Administrator, Interact-iv")."""
    parts = split_commas(segment.text)
    pairs = []
    titles_so_far = True  # parts[:k] as the title: one part, or title words only
    for k in range(1, len(parts)):
        if k > 1:
            titles_so_far = titles_so_far and all(
                lexicon.looks_like_job_title(part) >= 0.5 for part in parts[k - 2 : k]
            )
        if _is_legal_suffix(parts[k]):
            continue
        left = Segment(", ".join(parts[:k]), segment.line, segment.bold)
        right = Segment(", ".join(parts[k:]), segment.line, segment.bold)
        if titles_so_far:
            pairs.append((left, right, COMMA_SPLIT_COST, True))
        pairs.append((right, left, COMMA_SPLIT_COST, False))  # the employer first
    return pairs


def _is_legal_suffix(text: str) -> bool:
    """Only a legal form ("Inc", "Ltd."), which ends the name before its comma."""
    return len(text.split()) == 1 and lexicon.ends_with_legal_suffix(text)


def _joined_place(places: list[Segment]) -> Segment | None:
    """The entry's place: its first place segment, with a place segment on the next line (a
    place wrapped in a narrow cell: "Santa Cruz de Tenerife," / "Spain")."""
    if not places:
        return None
    place = places[0]
    following = places[1] if len(places) > 1 else None
    if following is not None and following.line.index == place.line.index + 1:
        place = Segment(f"{place.text.rstrip(' ,')}, {following.text}", place.line, place.bold)
    return place


def _is_location(text: str) -> bool:
    """The whole segment names places ("Austin, TX", "Colombia, Mexico", "Remote")."""
    if lexicon.looks_like_company(text) >= 0.5 or lexicon.looks_like_job_title(text) >= 0.5:
        return False
    return is_place(text)


def split_trailing_place(text: str) -> tuple[str, str | None]:
    """("Patch Media, New York, NY") -> ("Patch Media", "New York, NY")."""
    parts = split_commas(text)
    for k in range(1, len(parts)):
        if is_place(", ".join(parts[k:])):
            return ", ".join(parts[:k]), ", ".join(parts[k:])
    return text, None
