"""basics: name, label, email, phone, url, profiles, location, summary.

Name — primary rule: the highest-scoring short, capitalised, digit-free line near the top of the
first page, scored by font size rank, position, boldness and not being a title/heading.
Fallback: a `Name:` label. Phone — phonenumbers' matcher (region from the resume's country,
else the caller's default, else US); E.164 when valid in that region, else the raw text.
Profiles — URLs and "user (Network)" / "Network: user" mentions of known networks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass

import phonenumbers

from resumate.document import TextItem
from resumate.parsing import lexicon
from resumate.parsing.chars import count_digits
from resumate.parsing.dates import find_date_ranges
from resumate.parsing.fields.common import (
    EMAIL_RE,
    URL_RE,
    FieldSink,
    Scored,
    absolute_url,
    clean,
    is_contact_text,
    join_paragraph,
    looks_like_sentence,
    squash,
)
from resumate.parsing.headings import match_section_title
from resumate.parsing.lines import Line
from resumate.parsing.places import split_commas
from resumate.parsing.sections import Section
from resumate.parsing.skills import normalize_skill
from resumate.schema import Basics, FieldMeta, Location, Profile

NAME_SEARCH_LINES = 12
_ANY_DAY = dt.date(2100, 1, 1)  # date shapes only; "present" is irrelevant here
NETWORKS: dict[str, tuple[str, str]] = {
    # domain -> (network name, url template for a bare username)
    "linkedin.com": ("LinkedIn", "https://www.linkedin.com/in/{}"),
    "github.com": ("GitHub", "https://github.com/{}"),
    "gitlab.com": ("GitLab", "https://gitlab.com/{}"),
    "twitter.com": ("Twitter", "https://twitter.com/{}"),
    "x.com": ("X", "https://x.com/{}"),
    "stackoverflow.com": ("Stack Overflow", "https://stackoverflow.com/users/{}"),
    "medium.com": ("Medium", "https://medium.com/@{}"),
    "behance.net": ("Behance", "https://www.behance.net/{}"),
    "dribbble.com": ("Dribbble", "https://dribbble.com/{}"),
    "instagram.com": ("Instagram", "https://www.instagram.com/{}"),
    "facebook.com": ("Facebook", "https://www.facebook.com/{}"),
    "youtube.com": ("YouTube", "https://www.youtube.com/@{}"),
    "kaggle.com": ("Kaggle", "https://www.kaggle.com/{}"),
    "bitbucket.org": ("Bitbucket", "https://bitbucket.org/{}"),
    "codepen.io": ("CodePen", "https://codepen.io/{}"),
    "leetcode.com": ("LeetCode", "https://leetcode.com/{}"),
    "hackerrank.com": ("HackerRank", "https://www.hackerrank.com/{}"),
    "spotify.com": ("Spotify", "https://open.spotify.com/user/{}"),
    "angel.co": ("AngelList", "https://angel.co/u/{}"),
    "researchgate.net": ("ResearchGate", "https://www.researchgate.net/profile/{}"),
    "orcid.org": ("ORCID", "https://orcid.org/{}"),
    "mastodon.social": ("Mastodon", "https://mastodon.social/@{}"),
}
_NETWORK_BY_NAME = {name.lower().replace(" ", ""): dom for dom, (name, _) in NETWORKS.items()}
_NETWORK_BY_NAME |= {"twitter": "twitter.com", "x": "x.com", "linkedin": "linkedin.com"}
_USER_NETWORK = re.compile(r"@?([\w.-]{2,40})\s*\(\s*([A-Za-z][\w .]{0,20})\s*\)")
_NETWORK_USER = re.compile(r"\b([A-Za-z][\w ]{0,15}?)\s*:\s*@?([\w.-]{2,40})\b(?!:)")
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?$")
_NAME_PARTICLES = {
    "de",
    "da",
    "del",
    "der",
    "van",
    "von",
    "la",
    "le",
    "di",
    "dos",
    "das",
    "du",
    "bin",
    "ibn",
    "al",
    "y",
    "e",
    "st.",
}
_NAME_LABEL = re.compile(r"^\s*(full\s+)?name\s*[:\-]\s*", re.IGNORECASE)
# a label cell beside the name, in a table of personal details
_NAME_LABEL_CELL = re.compile(
    r"(?:full\s+)?name|vor-?\s*und\s+nachname|nom(?:\s+complet)?|nombre(?:\s+completo)?|"
    r"nome(?:\s+completo)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ContactResult:
    basics: Basics
    metas: dict[str, FieldMeta]
    name_line: int | None


def extract_basics(
    lines: Sequence[Line],
    sections: Sequence[Section],
    *,
    default_region: str | None,
    link_targets: Sequence[str] = (),
) -> ContactResult:
    sink = FieldSink()
    header = [ln for s in sections if s.kind in ("header", "contact") for ln in s.lines]
    scope = _dedupe([*header, *lines[:NAME_SEARCH_LINES]])
    name = find_name(lines)
    entries = {ln.index for s in sections if s.kind in _ENTRY_SECTIONS for ln in s.lines}
    personal = [ln for ln in scope if ln.index not in entries]  # not an employer's or school's
    location = find_location(personal, header={ln.index for ln in header})
    region = (location.value[0] if location else None) or default_region
    basics = Basics(
        name=sink.put("basics.name", name),
        label=sink.put("basics.label", find_label(lines, name)),
        email=sink.put("basics.email", find_email(scope, lines)),
        phone=sink.put("basics.phone", find_phone(scope, lines, region)),
        summary=sink.put("basics.summary", find_summary(sections)),
    )
    urls, profiles = find_links(personal)
    profiles += profiles_behind_links(link_targets, known=[p.url or "" for p, _ in profiles])
    basics.url = sink.put("basics.url", urls[0] if urls else None)
    for i, (profile, scored) in enumerate(profiles):
        basics.profiles.append(profile)
        sink.metas[f"basics.profiles[{i}].url"] = scored.meta()
    if location:
        loc = location.value[1]
        basics.location = loc
        for key in ("city", "region", "countryCode", "postalCode", "address"):
            if getattr(loc, key):
                sink.metas[f"basics.location.{key}"] = location.scored.meta()
    name_line = name.lines[0].index if name and name.lines else None
    return ContactResult(basics, sink.metas, name_line)


# sections whose links are an employer's, a school's or a project's, not the person's
_ENTRY_SECTIONS = frozenset({"work", "education", "projects", "volunteer", "publications"})


def _dedupe(lines: Sequence[Line]) -> list[Line]:
    seen: set[int] = set()
    out = []
    for line in lines:
        if line.index not in seen:
            seen.add(line.index)
            out.append(line)
    return sorted(out, key=lambda ln: ln.index)


# --- name -----------------------------------------------------------------------------------

NAME_FEATURES = {
    "largest_font": 2.5,
    "large_font": 1.0,
    "first_line": 1.5,
    "near_top": 0.8,
    "bold": 0.5,
    "name_label": 2.5,
    "two_or_three_words": 1.0,
    "name_over_two_lines": 1.0,
    "all_capitalised": 1.0,
    "cjk_name": 1.0,  # in place of all_capitalised, for scripts without capitals
    "title_words": -2.5,
    "company_words": -1.5,
    "section_title": -4.0,
}


def find_name(lines: Sequence[Line]) -> Scored | None:
    top = [ln for ln in lines[:NAME_SEARCH_LINES] if ln.page == lines[0].page] if lines else []
    if not top:
        return None
    beside = _top_of_other_columns(lines, top)
    sizes = sorted({round(ln.font_size, 1) for ln in [*top, *beside]}, reverse=True)
    best: Scored | None = None
    for group in (top, beside):
        for rank, line in enumerate(group):
            following = group[rank + 1] if rank + 1 < len(group) else None
            candidates = [(text, False) for text in _name_candidates(line)]
            if following is not None and _wraps_name(line, following):
                candidates.insert(0, (f"{line.text} {following.text}", True))  # "Jane" / "Roe"
            for text, wrapped in candidates:
                candidate = _score_name(text, line, rank, sizes, wrapped=wrapped)
                if candidate and (best is None or candidate.confidence > best.confidence):
                    best = candidate
    return best if best and best.confidence >= 0.5 else None


def _top_of_other_columns(lines: Sequence[Line], top: Sequence[Line]) -> list[Line]:
    """A page read column by column (a sidebar first): the other columns' lines that stand as
    high on the page as the first lines read, ranked from the top of their own column."""
    page, columns = top[0].page, {ln.column for ln in top}
    bottom = max(ln.y1 for ln in top)
    beside = [
        ln
        for ln in lines[len(top) :]
        if ln.page == page and ln.column not in columns and ln.y0 < bottom
    ]
    return beside[:NAME_SEARCH_LINES]


def _wraps_name(line: Line, following: Line) -> bool:
    """A large name set over two lines: the next line is one or two words in the same style,
    right under it."""
    centre, following_centre = (line.x0 + line.x1) / 2, (following.x0 + following.x1) / 2
    return (
        len(line.cells) == len(following.cells) == 1
        and len(following.text.split()) <= 2
        and abs(following.font_size - line.font_size) < 0.5
        and following.is_bold == line.is_bold
        and following.gap_above < 0.5 * line.font_size
        and (
            abs(following.x0 - line.x0) < 0.5 * line.font_size  # set flush left
            or abs(following_centre - centre) < 0.5 * line.font_size  # or centred
        )
    )


_NAME_TAIL = re.compile(r"\s*(?:,|\||·|•|\s[–—-])\s+")


def _name_candidates(line: Line) -> list[str]:
    """The line, its cells, and the part before a separator ("Jane Roe, Designer"); after a
    label cell ("Name" | "Jane Roe"), the rest of the line as a labelled name."""
    cells = [c.text for c in line.cells]
    texts = [line.text, *cells] if len(cells) > 1 else [line.text]
    # the part before a separator, within one cell ("Skills" | "Spark, Airflow" is no name)
    heads = [_NAME_TAIL.split(t, maxsplit=1)[0] for t in cells if _NAME_TAIL.search(t)]
    labelled = []
    if len(line.cells) > 1 and _NAME_LABEL_CELL.fullmatch(line.cells[0].text.strip()):
        labelled = [f"Name: {' '.join(c.text for c in line.cells[1:])}"]
    return [*texts, *heads, *labelled]


# Han, Hangul and kana: scripts without capitals, where a name is written in two to four
# characters, often without a space ("谭宇", "김정훈", "山田 太郎").
_CJK_NAME = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{1,4}"
    r"(?: [\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{1,4})?"
)
# "Resume" written as the document's title, often in the largest type on the page.
_RESUME_TITLES = frozenset(
    {"简历", "个人简历", "履历", "履歷", "簡歷", "個人簡歷", "履歴書", "職務経歴書", "이력서",
     "자기소개서", "curriculum vitae", "curriculum vitæ", "resume", "résumé", "cv",
     "lebenslauf", "tabellarischer lebenslauf", "currículum vitae", "currículo", "curriculo"}
)


def _is_cjk_name(text: str) -> bool:
    return _CJK_NAME.fullmatch(text) is not None and len(text.replace(" ", "")) >= 2


def _score_name(
    text: str, line: Line, rank: int, sizes: list[float], *, wrapped: bool = False
) -> Scored | None:
    fired: list[str] = []
    if _NAME_LABEL.match(text):
        text = _NAME_LABEL.sub("", text)
        fired.append("name_label")
    text = clean(text)
    if text.casefold() in _RESUME_TITLES:
        return None
    tokens = text.split()
    cjk = _is_cjk_name(text)
    if not (cjk or 2 <= len(tokens) <= 5) or not all(_NAME_WORD.match(t) for t in tokens):
        return None
    if not cjk and not all(t[0].isupper() or t.lower() in _NAME_PARTICLES for t in tokens):
        return None
    fired.append("cjk_name" if cjk else "all_capitalised")
    if len(tokens) <= 3:
        fired.append("two_or_three_words")
    elif wrapped:
        fired.append("name_over_two_lines")  # each line short, as a large name wraps
    size = round(line.font_size, 1)
    if size == sizes[0]:
        fired.append("largest_font")
    elif len(sizes) > 2 and size >= sizes[len(sizes) // 3]:
        fired.append("large_font")
    if rank == 0:
        fired.append("first_line")
    elif rank < 4:
        fired.append("near_top")
    if line.is_bold:
        fired.append("bold")
    if lexicon.looks_like_job_title(text) >= 0.5:
        fired.append("title_words")
    if lexicon.looks_like_company(text) >= 0.5 or lexicon.looks_like_institution(text) >= 0.5:
        fired.append("company_words")
    if match_section_title(text):
        fired.append("section_title")
    raw = sum(NAME_FEATURES[f] for f in fired)
    value = text.title() if text.isupper() else text
    return Scored(value, squash(raw, midpoint=2.0, steepness=1.2), (line,), tuple(fired))


def find_label(lines: Sequence[Line], name: Scored | None) -> Scored | None:
    """The headline under (or beside) the name, when it reads like a job title."""
    if name is None or not name.lines:
        return None
    index = name.lines[0].index
    near = [ln for ln in lines if index - 1 <= ln.index <= index + 2]
    for line in sorted(near, key=lambda ln: ln.index != index):  # the name's own line first
        texts = [c.text for c in line.cells]
        if line.index == index:
            texts = [line.text.replace(name.value, " ", 1)] if name.value in line.text else []
        for text in texts:
            text = clean(text)
            if not text or "@" in text or URL_RE.search(text) or count_digits(text) > 3:
                continue
            if match_section_title(text) or len(text.split()) > 14:
                continue
            score = lexicon.looks_like_job_title(text)
            if score >= 0.5:
                return Scored(text, 0.5 + 0.4 * score, (line,), ("title_words", "near_name"))
    return None


# --- email, phone -------------------------------------------------------------------------------


def find_email(scope: Sequence[Line], lines: Sequence[Line]) -> Scored | None:
    for group, confidence in ((scope, 0.98), (lines, 0.85)):
        for line in group:
            text = line.text.replace("mailto:", " ")
            features: tuple[str, ...] = ("email_pattern",)
            if "@" not in text and _AT_WORD.search(text):  # "jane [at] example [dot] com"
                text = _DOT_WORD.sub(".", _AT_WORD.sub("@", text))
                features = ("email_pattern", "spelled_out")
            match = EMAIL_RE.search(text)
            if match:
                return Scored(match.group(0).strip(".").lower(), confidence, (line,), features)
    return None


_AT_WORD = re.compile(r"\s*[\[(]\s*at\s*[\])]\s*", re.IGNORECASE)
_DOT_WORD = re.compile(r"\s*[\[(]\s*dot\s*[\])]\s*", re.IGNORECASE)


def find_phone(scope: Sequence[Line], lines: Sequence[Line], region: str | None) -> Scored | None:
    """Primary rule: a number phonenumbers accepts in the resume's region (or as written with +CC).
    Fallback: in the header, a run of 9-15 digits with phone punctuation, kept as written."""
    checked: dict[str, tuple[str, bool] | None] = {}  # the header is among `lines` again
    for group, base in ((scope, 0.95), (lines, 0.75)):
        for line in group:
            if line.text not in checked:
                checked[line.text] = _phone_in(line.text, region or "US")
            found = checked[line.text]
            if found:
                value, valid = found
                return Scored(
                    value,
                    base if valid else base - 0.25,
                    (line,),
                    ("valid_number" if valid else "possible_number",),
                )
    for line in scope:
        for match in _PHONE_SHAPE.finditer(EMAIL_RE.sub(" ", URL_RE.sub(" ", line.text))):
            raw = match.group(0).strip()
            digits = count_digits(raw)
            if 9 <= digits <= 15 and not find_date_ranges(raw, today=_ANY_DAY):
                return Scored(raw, 0.5, (line,), ("phone_shape",))
    return None


_PHONE_SHAPE = re.compile(r"(?<![\w/])\+?\(?\+?\d[\d\s().-]{7,}\d(?![\w/])")


def _phone_in(text: str, region: str) -> tuple[str, bool] | None:
    if count_digits(text) < 7:
        return None
    text = EMAIL_RE.sub(" ", URL_RE.sub(" ", text))
    shapes = [
        m.group(0).strip()
        for m in _PHONE_SHAPE.finditer(text)
        if 7 <= count_digits(m.group(0)) <= 17
    ]
    if all(_DATE_SHAPE.fullmatch(shape) for shape in shapes):
        return None  # nothing phone-shaped but dates: cheap checks before the full matcher
    for match in phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.VALID
    ):
        if not _DATE_SHAPE.fullmatch(match.raw_string.strip()):
            return (
                phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164),
                True,
            )
    for match in phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.POSSIBLE
    ):
        raw = _whole_number(text, match.start, match.end).strip()
        if count_digits(raw) >= 7 and not _DATE_SHAPE.fullmatch(raw):
            return raw, False
    return None


# Dates and year ranges that number matchers take for phone numbers ("2022-04-12", "2010-2019").
_DATE_SHAPE = re.compile(
    r"\(?\d{4}\s*[-–/.]\s*\d{1,4}(?:\s*[-–/.]\s*\d{1,2})?\)?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
)


def _whole_number(text: str, start: int, end: int) -> str:
    """The phone-shaped run around a match ("0808 1570204", not just "1570204")."""
    for shape in _PHONE_SHAPE.finditer(text):
        if shape.start() <= start and end <= shape.end():
            return _OPEN_TAIL.sub("", shape.group(0))
    return text[start:end]


_OPEN_TAIL = re.compile(r"\s+\(\d{0,3}$")  # "+44115 4960272 (4": an icon read as "(4"


# --- links and profiles ------------------------------------------------------------------------


def find_links(scope: Sequence[Line]) -> tuple[list[Scored], list[tuple[Profile, Scored]]]:
    urls: list[Scored] = []
    profiles: list[tuple[Profile, Scored]] = []
    seen: set[str] = set()
    for n, line in enumerate(scope):
        text = EMAIL_RE.sub(" ", line.text) if "@" in line.text else line.text
        following = scope[n + 1] if n + 1 < len(scope) else None
        for match in URL_RE.finditer(text):
            url = match.group(0).rstrip(".,;)")
            if following is not None and match.end() == len(text.rstrip()):
                url += _url_rest(url, line, following)
            key = _url_key(url)
            if key in seen or _names_a_skill(url):
                continue
            seen.add(key)
            profile = _profile_from_url(url)
            if profile:
                profiles.append((profile, Scored(url, 0.9, (line,), ("network_domain",))))
            else:
                full = absolute_url(url)
                urls.append(Scored(full, 0.8, (line,), ("url_pattern",)))
        for profile in _profiles_from_mentions(text):
            key = _url_key(profile.url or "")
            if key not in seen:
                seen.add(key)
                profiles.append(
                    (profile, Scored(profile.url or "", 0.75, (line,), ("network_mention",)))
                )
    return urls, profiles


_URL_REST = re.compile(r"[\w\-./?=&%#~+]{2,}(?=\s|$)")
_URL_ID = re.compile(r"(?=.*\d)(?=.*[a-f])[0-9a-f]{8,}", re.IGNORECASE)  # a hexadecimal id


def _url_rest(url: str, line: Line, following: Line) -> str:
    """The rest of an address broken at the end of a line: after a hyphen ("indeed.com/r/Jay-"
    / "Madhavi/1e7d0305af766bf6"), or after a slash when what follows is more path or an id
    ("e490c0d49e5aa698"), not a word or a name ("linkedin.com/in/jroe/" / "Summary")."""
    if "/" not in _url_key(url) or following.index != line.index + 1:
        return ""
    rest = _URL_REST.match(following.text)
    if rest is None:
        return ""
    text = rest.group(0).rstrip(".,;)")
    if url.endswith("-") or (url.endswith("/") and ("/" in text or _URL_ID.fullmatch(text))):
        return text
    return ""


def _names_a_skill(url: str) -> bool:
    """A bare "domain" that is a technology's name ("ASP.NET"), not an address."""
    return "/" not in url and not url.lower().startswith("www.") and (
        normalize_skill(url) is not None
    )


def _url_key(url: str) -> str:
    url = re.sub(r"^https?://", "", url.lower())
    return url.removeprefix("www.").rstrip("/")


def _profile_from_url(url: str) -> Profile | None:
    host_path = _url_key(url)
    host, _, path = host_path.partition("/")
    for domain, (network, _template) in NETWORKS.items():
        if host == domain or host.endswith("." + domain):
            parts = [p for p in path.split("/") if p and p not in ("in", "u", "users", "profile")]
            username = parts[0].lstrip("@") if parts else None
            full = absolute_url(url)
            return Profile(network=network, username=username, url=full)
    return None


def profiles_behind_links(
    targets: Sequence[str], *, known: Sequence[str]
) -> list[tuple[Profile, Scored]]:
    """Profiles that only a link's target names (an icon or a bare user name in the text).

    Only a person's own page counts: one path segment after the network's prefix
    ("github.com/jdoe", "linkedin.com/in/jdoe"), not a repository or a company page.
    """
    seen = {_url_key(url) for url in known}
    found: list[tuple[Profile, Scored]] = []
    for target in targets:
        key = _url_key(target)
        profile = _profile_from_url(target)
        if profile is None or key in seen or not _is_personal_page(key):
            continue
        seen.add(key)
        found.append((profile, Scored(profile.url or "", 0.8, (), ("link_target",))))
    return found


def _is_personal_page(host_path: str) -> bool:
    host, _, path = host_path.partition("/")
    parts = [p for p in path.split("/") if p]
    if host.endswith("linkedin.com"):
        return len(parts) == 2 and parts[0] == "in"
    if host.endswith("stackoverflow.com"):
        return 2 <= len(parts) <= 3 and parts[0] == "users"
    return len(parts) == 1


def _profiles_from_mentions(text: str) -> list[Profile]:
    profiles = []
    for pattern, user_group, net_group in ((_USER_NETWORK, 1, 2), (_NETWORK_USER, 2, 1)):
        for match in pattern.finditer(text):
            net_key = match.group(net_group).lower().replace(" ", "")
            domain = _NETWORK_BY_NAME.get(net_key)
            if domain is None:
                continue
            network, template = NETWORKS[domain]
            username = match.group(user_group).strip(".")
            profiles.append(
                Profile(network=network, username=username, url=template.format(username))
            )
    return profiles


# --- location, summary ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _FoundLocation:
    value: tuple[str | None, Location]
    scored: Scored


_PARTS = re.compile(r"\s[|•·]\s|\s{2,}")
_HEADER_PARTS = re.compile(r"\s[|•·–—-]\s|\s{2,}")


def find_location(
    scope: Sequence[Line], *, header: Set[int] = frozenset()
) -> _FoundLocation | None:
    """The first place in the scope's lines. On the `header` lines (by index) a dash also
    separates parts ("Pune, Maharashtra - Email me: ..."); elsewhere in the scope, the first
    lines of a resume without a header, "Engineer – Acme – Boston, MA" is a job."""
    for n, line in enumerate(scope):
        parts = _HEADER_PARTS if line.index in header else _PARTS
        following = scope[n + 1] if n + 1 < len(scope) else None
        texts: list[str] = []
        for cell in line.cells:
            wrapped = _wrapped_onto(cell, line, following) if following else None
            texts += [f"{cell.text} {wrapped.text}", cell.text] if wrapped else [cell.text]
        for text in texts:
            for part in parts.split(text):
                part = clean(part)
                if not part or re.search(r"@\w", part) or URL_RE.search(part) or len(part) > 90:
                    continue
                if count_digits(part) >= 7 and sum(ch.isalpha() for ch in part) < 4:
                    continue  # a phone number, not "35, rue de Pons, Paris 09862, FR"
                if _lists_skills(part):
                    continue  # "Backend: Kotlin, Java, Python, Phoenix" is not in Arizona
                part = _SYMBOL_LEAD.sub("", part)  # an icon read as "@" or "©"
                parsed = _parse_place(part)
                if not (parsed and parsed.get("city")) and (icon := _ICON_RESIDUE.match(part)):
                    part = part[icon.end() :]  # "9 Moscow, RU": a map pin read as "9" by OCR
                    parsed = _parse_place(part)
                if not parsed or not _is_plausible_place(part, parsed):
                    continue
                location = Location(
                    **{k: v for k, v in parsed.items() if k in Location.model_fields and v}
                )
                confidence = 0.85 if parsed.get("city") and parsed.get("countryCode") else 0.6
                return _FoundLocation(
                    (parsed.get("countryCode"), location),
                    Scored(part, confidence, (line,), ("location_pattern",)),
                )
    return None


def _wrapped_onto(cell: TextItem, line: Line, following: Line) -> TextItem | None:
    """The rest of an address wrapped onto the next line, under it (flush or centred): the
    cell stops on a comma or inside brackets ("Flückigerstrasse 256, Lonay, VD," / "CH,
    6670")."""
    text = cell.text.rstrip()
    if (
        following.index != line.index + 1
        or following.page != line.page
        or not (text.endswith(",") or text.count("(") > text.count(")"))
    ):
        return None
    return next((c for c in following.cells if cell.x0 <= (c.x0 + c.x1) / 2 <= cell.x1), None)


def _lists_skills(text: str) -> bool:
    parts = split_commas(text)
    return len(parts) > 2 and sum(normalize_skill(p) is not None for p in parts) >= 2


_ICON_RESIDUE = re.compile(r"^\S\s+(?=[A-Z])")
_SYMBOL_LEAD = re.compile(r"^[^\w\s]\s+")
_POSTAL_NUMBER = re.compile(r"(?<![\w-])\d{4,6}(?![\w-])")


def _parse_place(text: str) -> dict[str, str] | None:
    """parse_location, retried without a bare postal number wherever it stands
    ("Medellin, Colombia 257633, CO"), and from the city on when a street address leads."""
    parts = [p.strip() for p in text.split(",")]
    if (
        len(parts) > 1
        and re.fullmatch(r"[A-Z]{2}", parts[-1])
        and any(
            lexicon.match_country(re.sub(r"\s*\d+\s*", " ", p).strip()) == parts[-1]
            for p in parts[:-1]
        )
    ):
        text = ", ".join(parts[:-1])  # "Medellin, Colombia, CO": the code repeats the country
    parsed = lexicon.parse_location(text)
    if (ordered := _city_first(parsed, text)) is not parsed:
        return ordered
    if parsed and parsed.get("city") and lexicon.match_city(parsed["city"]):
        return parsed
    anchored = _city_anchored(text)
    if anchored is not None:
        return anchored
    if parsed and parsed.get("city"):
        return parsed
    postal = _POSTAL_NUMBER.search(text)
    if postal:
        stripped = re.sub(r"\s*,\s*,", ",", _POSTAL_NUMBER.sub("", text, count=1)).strip(" ,")
        retry = lexicon.parse_location(stripped)
        if retry and retry.get("city"):
            return {**retry, "postalCode": retry.get("postalCode") or postal.group(0)}
    return parsed


def _city_first(parsed: dict[str, str] | None, text: str) -> dict[str, str] | None:
    """A contact line's "Rivoli, Piedmont, IT" or "Wähnerplatz 171, Neukölln, Berlin, DE" is
    (street,) city, region, country: parse_location reads the name before its city as part of
    the address, which a name without digits or street words is not here, when only a street
    comes before it. A code ("5963 JF, Amsterdam (NL)") is part of a postal code."""
    if not parsed or "region" in parsed or "countryCode" not in parsed:
        return parsed
    address, city = parsed.get("address"), parsed.get("city")
    if not address or not city:
        return parsed
    *street, name = (part.strip() for part in address.split(","))
    if (
        len(name) < 3
        or (name.isupper() and len(name) <= 3)
        or lexicon.is_street_like(name)
        or (street and not lexicon.is_street_like(", ".join(street)))
    ):
        return parsed
    if re.search(rf"{re.escape(name)}\s+[–—-]\s", text):
        return parsed  # "Wavy - Paris, France": an employer, then its place
    postal = parsed.get("postalCode")
    if postal and re.search(rf"{re.escape(postal)}\s+{re.escape(city)}", text):
        return parsed  # "..., 63985 L'Isle-Jourdain, FR": the postal code names the city
    ordered = {k: v for k, v in parsed.items() if k != "address"}
    ordered.update(city=name, region=city)
    if street:
        ordered["address"] = ", ".join(street)
    return ordered


def _city_anchored(text: str) -> dict[str, str] | None:
    """Fallback for addresses parse_location cannot lay out ("6, rue X, 59465, Toulouse (FR),
    Occitanie"): the first part that is a known city is the city, the parts before it the
    address, a country name after it (or the city's own country) the country."""
    parts = [p.strip() for p in re.split(r",|\(|\)", text) if p.strip()]
    for i, part in enumerate(parts):
        name = _POSTAL_NUMBER.sub("", part).strip()
        city = lexicon.match_city(name) if name else None
        if city is None:
            continue
        country = next((c for p in parts[i + 1 :] if (c := lexicon.match_country(p))), city[1])
        out = {"city": name, "countryCode": country}
        postal = _POSTAL_NUMBER.search(text)
        if postal:
            out["postalCode"] = postal.group(0)
        address = [p for p in parts[:i] if not _POSTAL_NUMBER.fullmatch(p)]
        if address:
            out["address"] = ", ".join(address)
        return out
    return None


def _is_plausible_place(text: str, parsed: dict[str, str]) -> bool:
    """A known city, or a city with its country or state; never a phrase with a date in it."""
    if len(text.split()) > 10 or find_date_ranges(text, today=_ANY_DAY):
        return False
    city = parsed.get("city")
    if city:
        return bool(lexicon.match_city(city) or parsed.get("countryCode"))
    street = lexicon.is_street_like(parsed.get("address", ""))  # "1, rue de Baudry, LU"
    return bool(parsed.get("countryCode")) and (len(text.split()) <= 3 or street)


def find_summary(sections: Sequence[Section]) -> Scored | None:
    for section in sections:
        if section.kind == "summary" and section.lines:
            text = join_paragraph(ln.text for ln in section.lines)
            return Scored(
                text, 0.85 * section.confidence + 0.1, section.lines, ("summary_section",)
            )
    for section in sections:
        if section.kind == "header":
            prose = [
                ln
                for ln in section.lines
                if looks_like_sentence(ln.text) and not is_contact_text(ln.text)
            ]
            if prose:
                start = prose[0].index
                block = [ln for ln in section.lines if start <= ln.index <= prose[-1].index]
                return Scored(
                    join_paragraph(ln.text for ln in block), 0.6, tuple(block), ("header_prose",)
                )
    return None
