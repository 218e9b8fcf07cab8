"""education entries: institution, degree (studyType), field (area), dates, score, courses.

Primary rule: within each entry's header segments, the institution is the segment that scores
highest as an institution name, and the degree is the segment where a degree pattern matches
(split into studyType and area). Fallback: with no institution keyword, of the segments that
are neither the degree nor a location, the one least like a field of study is the institution
(at lower confidence) and the most field-like one the area.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from resumate.parsing import degrees, gazetteer, lexicon
from resumate.parsing.dates import find_date_ranges
from resumate.parsing.fields.common import FieldSink, Scored, clean, strip_bullet, words
from resumate.parsing.fields.entries import EntryBlock, is_title_like, split_entries
from resumate.parsing.fields.headers import Segment, header_segments
from resumate.parsing.fields.work import put_dates
from resumate.parsing.lines import Line
from resumate.parsing.places import split_commas
from resumate.schema import Education, FieldMeta

_SCORE = re.compile(
    r"\b(GPA|CGPA|grade|note|score|average|mention)\b\s*[:\-]?\s*([\w./ ]{1,20})", re.I
)
_COURSES = re.compile(r"^\s*(relevant\s+)?(courses|coursework|modules|subjects)\s*[:\-]\s*", re.I)


def extract_education(
    lines: Sequence[Line], *, today: dt.date
) -> tuple[list[Education], dict[str, FieldMeta]]:
    sink = FieldSink()
    entries: list[Education] = []
    rows = _side_by_side_rows(lines, today=today)
    for block in split_entries(rows, today=today, header_parts=3):
        block = _with_degree_below(block, today=today)
        path = f"education[{len(entries)}]"
        entry = _entry(block, path, sink)
        if entry.institution or entry.studyType or entry.area:
            entries.append(entry)
        else:
            sink.metas = {k: v for k, v in sink.metas.items() if not k.startswith(path + ".")}
    return entries, sink.metas


def _with_degree_below(block: EntryBlock, *, today: dt.date) -> EntryBlock:
    """The degree set on its own line under a header that names none (the school beside the
    dates, then "Bachelor: Economics" indented below) belongs to the header, and so does the
    school on the line under that degree when the header names no school either (the dates,
    the degree, the school: one a line)."""
    if not block.body or any(degrees.match_degree(s.text) for s in block.segments):
        return block
    below = block.body[0]
    if not is_title_like(below) or not degrees.match_degree(below.text):
        return block
    taken = [below]
    school = block.body[1] if len(block.body) > 1 else None
    if (
        school is not None
        and is_title_like(school)
        and lexicon.looks_like_institution(school.text) >= SCHOOL_BELOW_MIN
        and not any(lexicon.looks_like_institution(s.text) >= 0.5 for s in block.segments)
    ):
        taken.append(school)
    return replace(
        block,
        header=(*block.header, *taken),
        body=block.body[len(taken) :],
        segments=(*block.segments, *header_segments(taken, today=today)),
    )


SCHOOL_BELOW_MIN = 0.8


def _side_by_side_rows(lines: Sequence[Line], *, today: dt.date) -> list[Line]:
    """Entries set side by side ("CIFP Cesar Manrique | 2012 - 2016 | Universidad de La Laguna"
    over "2005 - 2011"): a school after a cell of dates that follows a name (not more dates)
    starts a row of its own, which takes the dates that open the next line."""
    rows: list[Line] = []
    carried: Line | None = None  # a school waiting for its dates
    for line in lines:
        if carried is not None and _is_dates(line.cells[0].text, today):
            line = replace(line, cells=(*carried.cells, *line.cells))
        elif carried is not None:
            rows.append(carried)
        carried = None
        cells = line.cells
        split = next(
            (
                i
                for i in range(1, len(cells) - 1)
                if _is_dates(cells[i].text, today)
                and lexicon.looks_like_institution(cells[i + 1].text) >= 0.5
                and not _is_dates(" ".join(c.text for c in cells[:i]), today)
            ),
            None,
        )
        if split is None:
            rows.append(line)
            continue
        rows.append(replace(line, cells=cells[: split + 1]))
        carried = replace(line, cells=cells[split + 1 :], gap_above=0.0)
    if carried is not None:
        rows.append(carried)
    return rows


def _is_dates(text: str, today: dt.date) -> bool:
    return bool(find_date_ranges(text, today=today))


def _entry(block: EntryBlock, path: str, sink: FieldSink) -> Education:
    pieces = _pieces(block.segments)
    with_degree = [
        p for p in pieces if degrees.match_degree(p.text) and not _ends_in_state_code(p.text)
    ]
    degree = next((p for p in with_degree if not _names_school(p.text)), None)
    if degree is None:  # a degree with a school word: "High School Maths at Gatton Academy"
        degree = next((p for p in with_degree if _precedes_at_a_school(p, pieces)), None)
    study_type = area = None
    if degree is not None:
        study_type, area = degrees.split_degree_area(degree.text)
    elif (named := _named_programme(pieces)) is not None:
        degree, study_type, area = named
    if degree is not None and area and lexicon.looks_like_institution(area) >= 0.5:
        # the rest of the degree's piece names the school ("B.Arch University of Oregon")
        pieces.append(Segment(area, degree.line, degree.bold))
        area = None
    if study_type and area and (repeat := _REPEATED_AREA.fullmatch(area)):
        # "Higher Technician in Web Development in Web Development": a degree that names its
        # field, with the field written after it again
        study_type, area = f"{study_type} in {repeat['area']}", repeat["area"]
    if degree is not None and area:
        area, pieces = _area_with_tail(area, degree, pieces)
    elif degree is not None and area is None:
        area, pieces = _area_after_comma(degree, pieces)
    rest = [p for p in pieces if p is not degree and not _is_place(p.text)]
    school = _find_institution(rest)
    institution = _with_place(school, pieces)
    if area is None:
        leftovers = [p for p in rest if school is None or p.text != school.value]
        area = (
            max(leftovers, key=lambda p: lexicon.looks_like_field_of_study(p.text)).text
            if leftovers
            else None
        )
    if degree is None and (kind := _programme_kind(rest)) is not None:
        study_type, area = kind.text, area if area != kind.text else None
    if degree is not None and area is None and (below := _area_below(block)) is not None:
        area = below.text.strip()
    entry = Education()
    entry.institution = sink.put(f"{path}.institution", institution)
    line = degree or (rest[0] if rest else None)
    lines = (line.line,) if line else ()
    entry.studyType = sink.put(
        f"{path}.studyType", Scored(study_type or "", 0.85, lines, ("degree_pattern",))
    )
    area_confidence = 0.7 if degree is not None else 0.45
    entry.area = sink.put(
        f"{path}.area", Scored(area or "", area_confidence, lines, ("degree_area",))
    )
    entry.startDate, entry.endDate = put_dates(sink, path, block.dates, block.date_line)
    entry.score, entry.courses = _score_and_courses(block)
    entry.url = block.urls[0] if block.urls else None
    return entry


# not "Courses", which heads the list of an entry's courses as often as it names its kind
_PROGRAMME_KINDS = frozenset(
    {"course", "online course", "training", "bootcamp", "workshop", "seminar", "nanodegree",
     "specialization", "specialisation", "exchange", "exchange year"}
)


def _programme_kind(pieces: Sequence[Segment]) -> Segment | None:
    """A piece that only names a kind of programme ("Course", "Bootcamp"): the study type of
    an entry that names no degree."""
    return next((p for p in pieces if p.text.strip().lower() in _PROGRAMME_KINDS), None)


def _area_below(block: EntryBlock) -> Line | None:
    """The field set on its own line under a header that names the degree but no field
    ("Bachelor of Business Administration" over "Management Information Systems")."""
    if not block.body:
        return None
    below = block.body[0]
    if not is_title_like(below) or len(words(below.text)) > MAX_AREA_BELOW_WORDS:
        return None
    text = below.text.strip()
    if lexicon.looks_like_field_of_study(text) < AREA_BELOW_MIN or degrees.match_degree(text):
        return None
    return below


MAX_AREA_BELOW_WORDS = 6
AREA_BELOW_MIN = 0.6


_PROGRAMME = re.compile(
    r"^(?P<kind>[^,():]{2,40}?)(?:\s+(?:in|of|en|em|de|in der)\s+|:\s+)(?P<area>[A-Z].+)$"
)
_REPEATED_AREA = re.compile(r"(?P<area>.+) in (?P=area)")


def _area_with_tail(area: str, degree: Segment, pieces: list[Segment]) -> tuple[str, list[Segment]]:
    """The field of study goes on past a comma when the next piece on the degree's line is
    more of it ("BS in Computer Science, Mathematics Minor")."""
    at = pieces.index(degree)
    following = pieces[at + 1] if at + 1 < len(pieces) else None
    if (
        following is None
        or following.line is not degree.line
        or not degree.text.rstrip().endswith(area)
        or lexicon.looks_like_institution(following.text) >= 0.5
        or lexicon.looks_like_field_of_study(following.text) < 0.5
        or _is_place(following.text)
    ):
        return area, pieces
    return f"{area}, {following.text}", [p for p in pieces if p is not following]


def _area_after_comma(degree: Segment, pieces: list[Segment]) -> tuple[str | None, list[Segment]]:
    """A bare degree followed by a comma and a name gives that name as its field
    ("Certification, Cloud Engineering" over "Amazon Web Services"), when another piece of the
    entry, no less field-like, can be the school."""
    at = pieces.index(degree)
    following = pieces[at + 1] if at + 1 < len(pieces) else None
    if (
        following is None
        or f"{degree.text}, {following.text}" not in degree.line.text
        or lexicon.looks_like_institution(following.text) >= 0.5
        or degrees.match_degree(following.text)
        or _is_place(following.text)
    ):
        return None, pieces
    others = [
        p.text
        for p in pieces
        if p is not degree
        and p is not following
        and not _is_place(p.text)
        and not degrees.match_degree(p.text)
    ]
    if not others:
        return None, pieces  # nothing else could be the school: the piece may name it
    fieldness = lexicon.looks_like_field_of_study
    if fieldness(following.text) < max(map(fieldness, others)):
        return None, pieces  # "BSc, Stanford" over "Computer Science"
    return following.text, [p for p in pieces if p is not following]


def _names_school(text: str) -> bool:
    """Degree words that end a name ("Cannock Chase High School") name the school."""
    match = degrees.match_degree(text)
    return bool(
        match
        and match.span[0] > 0
        and not text[match.span[1] :].strip(" .,")
        and lexicon.looks_like_institution(match.text) >= 0.5
    )


def _named_programme(pieces: Sequence[Segment]) -> tuple[Segment, str, str] | None:
    """Fallback for degrees the lexicon does not know: "Courses in Freelance", "Diploma of X",
    "Erasmus Exchange: Financial Engineering"."""
    for piece in pieces:
        match = _PROGRAMME.match(piece.text)
        if (
            match
            and lexicon.looks_like_institution(piece.text) < 0.5
            and len(match["kind"].split()) <= 4
            and not any(ch.isdigit() for ch in match["kind"])  # "DO188: Containers" is a course
        ):
            return piece, match["kind"], match["area"]
    return None


def _pieces(segments: Sequence[Segment]) -> list[Segment]:
    """Header segments split further at commas (\"UC Berkeley, Architecture\")."""
    pieces = []
    for segment in segments:
        parts: list[str] = []
        for at_school, part in (
            (n > 0, p)  # the school after "BSc ... at": not a unit or campus of the degree
            for text in split_commas(segment.text.replace("; ", ", "))
            for n, p in enumerate(_split_degree_at(clean(text)))
        ):
            if not part or _SCORE.search(part):
                continue
            joins = not at_school and (
                _is_place(part)
                or _is_unit(part)
                or (bool(parts) and _is_campus(part, parts[-1], segment.text))
            )
            if parts and _is_state_code_after_town(part, parts[-1]):
                parts[-1] = f"{parts[-1]}, {part}"  # "Boston, MA": a state, not a Master of Arts
                continue
            if parts and joins and lexicon.looks_like_institution(parts[-1]) >= 0.5:
                # "University of California, Pennsylvania", "University of Vermont, College
                # of Engineering", "University of California, Davis": a place, a unit or a
                # campus written after the school stays with it
                parts[-1] = f"{parts[-1]}, {part}"
            else:
                parts.append(part)
        pieces += [Segment(part, segment.line, segment.bold) for part in parts]
    return pieces


_NAMED_FOR_A_PLACE = re.compile(r"\bof\s+(?P<place>[A-Z][\w ]+)$")


def _is_state_code_after_town(part: str, before: str) -> bool:
    """A US state's or Canadian province's code right after a known town ("..., Boston, MA";
    not "Computer Science, MS")."""
    if not (len(part) == 2 and part.isupper()):
        return False
    town = before.rsplit(", ", 1)[-1]
    place = gazetteer.parse_location(town) if gazetteer.match_city(town) else None
    if place is None:
        return False
    canadian = place.get("countryCode") == "CA" and part in gazetteer.CA_PROVINCES
    return place.get("region") == part or canadian


def _ends_in_state_code(text: str) -> bool:
    """The degree found is the state after the school's town ("Northeastern University,
    Boston, MA")."""
    before, _, last = text.rpartition(", ")
    match = degrees.match_degree(text)
    return bool(
        before
        and match is not None
        and match.span[0] == len(before) + 2
        and _is_state_code_after_town(last, before)
    )


def _is_campus(text: str, school: str, segment: str) -> bool:
    """The campus of a school named for a state or country, ending the segment ("University
    of California, Davis"; "University of Wisconsin, Milwaukee")."""
    named = _NAMED_FOR_A_PLACE.search(school)
    if named is None or len(text.split()) != 1 or not segment.rstrip(" .").endswith(text):
        return False
    place = gazetteer.parse_location(named["place"])
    return bool(place and (place.get("region") or place.get("countryCode"))) and _may_be_town(text)


def _is_unit(text: str) -> bool:
    """A school's college or faculty ("College of Engineering", "School of Medicine"); a
    two-word level ("Primary School") is a programme, not a unit."""
    return (
        len(text.split()) >= 3
        and lexicon.looks_like_institution(text) >= 0.5
        and degrees.match_degree(text) is None
    )


_AT_SCHOOL = re.compile(r"\s+(?:at|from|@|an der|à|en la|na)\s+(?=[A-Z0-9])")


def _split_degree_at(text: str) -> list[str]:
    """("BSc Computer Science at University of Turin") -> the degree and the school."""
    for match in _AT_SCHOOL.finditer(text):
        degree, school = text[: match.start()].strip(), text[match.end() :].strip()
        if degrees.match_degree(degree) and school:
            return [degree, school]
    return [text]


def _find_institution(segments: Sequence[Segment]) -> Scored | None:
    if not segments:
        return None
    score, best = max(
        ((lexicon.looks_like_institution(s.text), s) for s in segments), key=lambda pair: pair[0]
    )
    if score >= 0.5:
        return Scored(best.text, 0.7 + 0.25 * score, (best.line,), ("institution_words",))
    # No school word: the name written after "at" ("Course Object Oriented with Java at
    # Coursera"), else the first name that is not mostly a field of study ("SENA" after
    # "Data Network Technologist"), else the least field-like one.
    fieldness = [lexicon.looks_like_field_of_study(s.text) for s in segments]
    pick = next((i for i, s in enumerate(segments) if _follows_at(s)), None)
    if pick is None:
        pick = next((i for i, f in enumerate(fieldness) if f <= 0.5), None)
    if pick is None:
        pick = min(range(len(segments)), key=lambda i: (fieldness[i], i))
    confidence = 0.5 if fieldness[pick] <= 0.5 else 0.35
    name = segments[pick]
    return Scored(name.text, confidence, (name.line,), ("not_field_like",))


def _precedes_at_a_school(piece: Segment, pieces: Sequence[Segment]) -> bool:
    """The piece was written before "at" and a school piece, which followed it."""
    return any(
        p is not piece
        and f"{piece.text} at {p.text}" in piece.line.text
        and lexicon.looks_like_institution(p.text) >= 0.5
        for p in pieces
    )


def _follows_at(segment: Segment) -> bool:
    """The segment was written right after "at" (or "@") in its line."""
    text = segment.line.text
    return f" at {segment.text}" in text or f"@ {segment.text}" in text


def _with_place(institution: Scored | None, pieces: Sequence[Segment]) -> Scored | None:
    """The school with the place written right after it on its line ("Tecmillenio, Mexico"):
    JSON Resume has no place for an education entry, so it stays with the name."""
    if institution is None:
        return None
    texts = [p.text for p in pieces]
    if institution.value not in texts:
        return institution
    start = texts.index(institution.value)
    places = []
    following = [p for p in pieces[start + 1 :] if p.line is pieces[start].line]
    for i, piece in enumerate(following):
        country_next = i + 1 < len(following) and gazetteer.match_country(following[i + 1].text)
        if not (_is_place(piece.text) or (country_next and _may_be_town(piece.text))):
            break
        places.append(piece.text)  # "Manipal, India": a town too small to be known
    if not places:
        return institution
    return replace(institution, value=", ".join([institution.value, *places]))


def _may_be_town(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and lexicon.looks_like_institution(text) < 0.5
        and lexicon.looks_like_field_of_study(text) < 0.5
        and not degrees.match_degree(text)
    )


def _is_place(text: str) -> bool:
    if lexicon.looks_like_institution(text) >= 0.5:
        return False
    parsed = gazetteer.parse_location(text)
    return bool(parsed and (parsed.get("city") or parsed.get("countryCode")))


def _score_and_courses(block: EntryBlock) -> tuple[str | None, list[str]]:
    score = None
    courses: list[str] = []
    for line in block.lines:
        text = line.text
        if score is None and (match := _SCORE.search(text)):
            score = clean(match.group(2))
        if _COURSES.match(text):
            courses.extend(
                c for c in (clean(p) for p in re.split(r"[,;•]", _COURSES.sub("", text))) if c
            )
    if not courses:
        courses = [
            strip_bullet(ln.text)
            for ln in block.body
            if ln.text.strip().startswith(("•", "-", "*"))
        ]
    return score, courses
