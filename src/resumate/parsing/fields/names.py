"""basics.name and basics.label.

Name — primary rule: the highest-scoring short, capitalised, digit-free line near the top of the
first page (and at the top of the other columns of a page read column by column), scored by
font size rank, position, boldness and not being a title or heading. Fallback: a `Name:` label
or a "Name" cell beside it. Label — the headline under or beside the name, when it reads like a
job title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from resumate.parsing import lexicon
from resumate.parsing.chars import count_digits
from resumate.parsing.fields.common import EMAIL_RE, URL_RE, Scored, clean, squash
from resumate.parsing.headings import match_section_title
from resumate.parsing.lines import Line

NAME_SEARCH_LINES = 12
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
    "named_in_contact": 1.0,  # in place of all_capitalised: a lower-case name an address spells
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
    contact = _contact_words(lines[: 2 * NAME_SEARCH_LINES])
    best: Scored | None = None
    for group in (top, beside):
        for rank, line in enumerate(group):
            candidates = _wrapped_names(group, rank)
            candidates += [(text, False) for text in _name_candidates(line)]
            for text, wrapped in candidates:
                candidate = _score_name(
                    text, line, rank, sizes, wrapped=wrapped, contact=contact
                )
                if candidate and (best is None or candidate.confidence > best.confidence):
                    best = candidate
    return best if best and best.confidence >= 0.5 else None


_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _contact_words(lines: Sequence[Line]) -> frozenset[str]:
    """The words of the e-mail addresses and links near the top (their user names often spell
    the person's name: "kimaya-sonawane"), case-folded; a link broken at the end of its line
    ("indeed.com/r/kimaya-" / "sonawane/1f27...") goes on with the next line's first word."""
    found: set[str] = set()
    for n, line in enumerate(lines):
        text = line.text.rstrip()
        for match in (*EMAIL_RE.finditer(text), *URL_RE.finditer(text)):
            found.update(_LETTERS.findall(match.group()))
            if match.end() == len(text) and text.endswith(("-", "/")) and n + 1 < len(lines):
                found.update(_LETTERS.findall((lines[n + 1].text.split() or [""])[0]))
    return frozenset(word.casefold() for word in found)


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


def _wrapped_names(group: Sequence[Line], rank: int) -> list[tuple[str, bool]]:
    """The name set over the line at `rank` and the one or two under it ("Jane" / "Roe";
    "Benjamin" / "Valentino" / "Ramirez", one word a line), the longer first."""
    names: list[tuple[str, bool]] = []
    text, last = group[rank].text, group[rank]
    for following in group[rank + 1 : rank + 3]:
        if not _wraps_name(last, following):
            break
        text, last = f"{text} {following.text}", following
        names.insert(0, (text, True))
    return names


SAME_SIZE_SHARE = 0.05  # sizes read off a scan differ by a few percent within one style


def _is_name_words(text: str) -> bool:
    return all(_NAME_WORD.match(word) for word in text.split())


def _wraps_name(line: Line, following: Line) -> bool:
    """A large name set over two lines: the next line is one or two words in the same style,
    right under it, that do not repeat the first line ("Jane Roe" / "JANE ROE"); the first
    line may fall into cells of name words (a scan read with a wide space: "Juan" |
    "Saturnino Cristian Ruben" / "Canizares")."""
    centre, following_centre = (line.x0 + line.x1) / 2, (following.x0 + following.x1) / 2
    return (
        len(following.cells) == 1
        and (len(line.cells) == 1 or all(_is_name_words(cell.text) for cell in line.cells))
        and len(following.text.split()) <= 2
        and abs(following.font_size - line.font_size) < max(0.5, SAME_SIZE_SHARE * line.font_size)
        and following.is_bold == line.is_bold
        and following.gap_above < 0.5 * line.font_size
        and not set(following.text.casefold().split()) <= set(line.text.casefold().split())
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
    text: str,
    line: Line,
    rank: int,
    sizes: list[float],
    *,
    wrapped: bool = False,
    contact: frozenset[str] = frozenset(),
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
    if cjk:
        fired.append("cjk_name")
    elif all(t[0].isupper() or t.lower() in _NAME_PARTICLES for t in tokens):
        fired.append("all_capitalised")
    elif len({t.casefold() for t in tokens}) == len(tokens) and all(
        t.casefold() in contact for t in tokens
    ):
        fired.append("named_in_contact")  # "kimaya sonawane" over ".../r/kimaya-sonawane/..."
    else:
        return None
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
    value = text.title() if text.isupper() or "named_in_contact" in fired else text
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
