"""Small multilingual vocabularies (EN, DE, FR, ES, PT) for the field extractors.

Every lookup folds case and accents ("Inglês" == "ingles") and works word by word against
dictionaries built once from the package data (`resumate/data/*.tsv`, see its README):

- human languages and fluency levels      match_language, match_fluency
- what a phrase is                        looks_like_institution / _company / _job_title /
                                          _field_of_study

Places (countries, regions, cities, locations) are in gazetteer.py, on the same vocabulary;
degrees are in degrees.py.

The scores are heuristics in [0, 1]: 0.5 is "more likely than not".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from resumate.parsing.chars import has_digit

MAX_PHRASE_WORDS = 4
MEMO_SIZE = 8192  # pure functions of short strings: memoized per process

# --- folding and tokens ---------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower-case, strip accents and straighten apostrophes, one output character per input
    character."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    return "".join(ch if ch.isascii() else _fold_char(ch) for ch in lowered)


_APOSTROPHES = frozenset("’‘ʼ")


@lru_cache(maxsize=MEMO_SIZE)
def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 else ch


_TOKEN_RE = re.compile(r"[^\W_]+(?:[.'’&/-][^\W_]+)*\.?", re.UNICODE)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """Folded word tokens with their spans; a trailing dot is dropped ("Inc." -> "inc")."""
    return [
        (m.group().rstrip("."), m.start(), m.end())
        for m in _TOKEN_RE.finditer(fold(text))
    ]


def _token_texts(text: str) -> list[str]:
    """The texts of `_tokens(text)`, without building spans."""
    return [t.rstrip(".") for t in _TOKEN_RE.findall(fold(text))]


def phrase_key(phrase: str) -> str:
    """A phrase's look-up key: its folded word tokens, joined by single spaces."""
    return " ".join(_token_texts(phrase))


def _ngrams(text: str) -> Iterator[tuple[str, int, int]]:
    """Word n-grams (longest first at each position) as (key, start, end) over the text."""
    toks = _tokens(text)
    for i in range(len(toks)):
        for n in range(min(MAX_PHRASE_WORDS, len(toks) - i), 0, -1):
            yield " ".join(t for t, _, _ in toks[i : i + n]), toks[i][1], toks[i + n - 1][2]


def _find_first(text: str, table: Mapping[str, str]) -> tuple[str, int, int] | None:
    for key, start, end in _ngrams(text):
        value = table.get(key)
        if value is not None:
            return value, start, end
    return None


# --- data -----------------------------------------------------------------------------------


def read_tsv(name: str) -> list[list[str]]:
    """The rows of one of the package's data files (`resumate/data/NAME`), comments skipped."""
    text = resources.files("resumate.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    title_heads: frozenset[str]
    title_suffixes: tuple[str, ...]
    title_modifiers: frozenset[str]
    company_suffixes: frozenset[str]
    company_words: frozenset[str]
    company_names: frozenset[str]
    institution_words: frozenset[str]
    institution_suffixes: tuple[str, ...]  # school words that end a name written without spaces
    company_name_suffixes: tuple[str, ...]
    field_words: frozenset[str]
    fluency: dict[str, str]
    language_aliases: dict[str, str]
    country_aliases: dict[str, str]
    location_noise: frozenset[str]
    regions: dict[str, str]  # folded region name -> alpha-2


@cache
def vocab() -> Vocabulary:
    """The curated vocabularies of lexicon.tsv, keyed by `phrase_key`, loaded once."""
    kinds: dict[str, list[tuple[str, str]]] = {}
    for kind, value, terms in read_tsv("lexicon.tsv"):
        kinds.setdefault(kind, []).extend((phrase_key(t), value) for t in terms.split("|"))

    def keys(kind: str) -> frozenset[str]:
        return frozenset(k for k, _ in kinds.get(kind, []))

    def mapping(kind: str) -> dict[str, str]:
        return {k: v for k, v in kinds.get(kind, [])}

    return Vocabulary(
        title_heads=keys("title_head"),
        title_suffixes=tuple(sorted(keys("title_suffix"), key=len, reverse=True)),
        title_modifiers=keys("title_modifier"),
        company_suffixes=keys("company_suffix"),
        company_words=keys("company_word"),
        company_names=keys("company_name"),
        institution_words=keys("institution_word"),
        institution_suffixes=tuple(sorted(keys("institution_suffix"), key=len, reverse=True)),
        company_name_suffixes=tuple(sorted(keys("company_name_suffix"), key=len, reverse=True)),
        field_words=keys("field_word"),
        fluency=mapping("fluency"),
        language_aliases=mapping("language_alias"),
        country_aliases=mapping("country_alias"),
        location_noise=keys("location_noise"),
        regions=mapping("region"),
    )


# --- human languages ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LanguageMatch:
    """A human language: ISO 639-1 code (or 639-3 where there is none), English name."""

    code: str
    name: str
    span: tuple[int, int]


@cache
def _languages() -> tuple[dict[str, str], dict[str, str]]:
    """(folded name -> code, code -> English name)."""
    by_name: dict[str, str] = {}
    english: dict[str, str] = {}
    for code, name, names in read_tsv("languages.tsv"):
        english[code] = name
        for n in names.split("|"):
            by_name.setdefault(phrase_key(n), code)
    by_name.update(vocab().language_aliases)
    return by_name, english


@lru_cache(maxsize=MEMO_SIZE)
def match_language(text: str) -> LanguageMatch | None:
    """The first language name in `text` ("Inglés (nativo)" -> en/English), else None."""
    by_name, english = _languages()
    found = _find_first(text, by_name)
    if found is None:
        return None
    code, start, end = found
    return LanguageMatch(code, english.get(code, code), (start, end))


MISSPELT_MIN_LETTERS = 5
MISSPELT_MIN_SIMILARITY = 0.88


@cache
def _language_spellings() -> dict[str, list[str]]:
    """Folded one-word language names in Latin letters, by first letter."""
    by_letter: dict[str, list[str]] = {}
    for key in _languages()[0]:
        if key.isascii() and key.isalpha() and len(key) >= MISSPELT_MIN_LETTERS:
            by_letter.setdefault(key[0], []).append(key)
    return by_letter


@lru_cache(maxsize=MEMO_SIZE)
def match_misspelt_language(text: str) -> LanguageMatch | None:
    """A language name written with a letter or two wrong as the first word of `text`
    ("Ukranian", "Portugese (basic)"): at least `MISSPELT_MIN_LETTERS` letters, the first one
    right, at least `MISSPELT_MIN_SIMILARITY` similar (difflib's ratio) to one name. For a list
    that holds languages only: elsewhere a near miss may be another word."""
    match = _FIRST_WORD.match(text)
    if match is None:
        return None
    key = fold(match.group(1))
    if len(key) < MISSPELT_MIN_LETTERS:
        return None
    close = difflib.get_close_matches(
        key, _language_spellings().get(key[0], []), n=1, cutoff=MISSPELT_MIN_SIMILARITY
    )
    if not close:
        return None
    by_name, english = _languages()
    code = by_name[close[0]]
    return LanguageMatch(code, english.get(code, code), match.span(1))


_FIRST_WORD = re.compile(r"\s*([^\W\d_]+)(?![\w])")


_CEFR_RE = re.compile(r"(?<![\w])([abc][12])(?:[+/-][abc]?[12]?)?(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=MEMO_SIZE)
def match_fluency(text: str) -> str | None:
    """A normalized fluency: a CEFR level ("C1") or a label ("Native speaker", "Fluent",
    "Professional working proficiency", "Intermediate", "Basic", "Bilingual"); else None.

    Primary rule: a CEFR level wins. Fallback: the first (longest) known phrase.
    """
    cefr = _CEFR_RE.search(text)
    if cefr is not None:
        return cefr.group(1).upper()
    found = _find_first(text, vocab().fluency)
    return found[0] if found else None


# --- what a phrase is -----------------------------------------------------------------------

_WEAK_HEADS_TEXT = (
    "lead head partner principal associate member student volunteer qa ux ui hr pm chair "
    "founding scrum devops sre chef commercial"
)
_WEAK_HEADS = frozenset(_WEAK_HEADS_TEXT.split())


def _words(text: str) -> list[str]:
    return _token_texts(text)


def _phrases(words: list[str]) -> Iterator[str]:
    for i in range(len(words)):
        for n in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
            yield " ".join(words[i : i + n])


@lru_cache(maxsize=MEMO_SIZE)
def looks_like_institution(text: str) -> float:
    """1 for "Stanford University", "TU München", "Lycée Henri IV"; 0 for "Acme GmbH".

    Primary rule: a school word (university, Hochschule, école, escuela, faculdade, ...).
    Fallback: an "X of Y" capitalised name scores a little.
    """
    v = vocab()
    words = _words(text)
    if not words:
        return 0.0
    parts = [p for w in words if "-" in w for p in w.split("-")]  # "Goethe-Gymnasium"
    hit = (
        any(p in v.institution_words for p in _phrases(words))
        or any(p in v.institution_words for p in parts)
        or _ends_in_cjk_suffix(words, v.institution_suffixes)  # "中国人民大学"
    )
    score = 0.9 if hit else 0.0
    if hit and (len(words) > 10 or any(w in v.company_suffixes for w in words)):
        score -= 0.4
    return max(0.0, min(1.0, score))


@lru_cache(maxsize=MEMO_SIZE)
def looks_like_field_of_study(text: str) -> float:
    """The share of words that name fields of study: 1 for "Computer Science", 0 for "SENA"."""
    words = [w for w in _words(text) if len(w) > 2]  # not "of", "and", "de"
    if not words:
        return 0.0
    fields = vocab().field_words
    return sum(w in fields for w in words) / len(words)


def ends_with_legal_suffix(text: str) -> bool:
    """"Kitchology Inc.", "Acme GmbH": a company name that is complete."""
    words = _words(text)
    return bool(words) and words[-1] in vocab().company_suffixes


@lru_cache(maxsize=MEMO_SIZE)
def looks_like_company(text: str) -> float:
    """High for "Acme Technologies GmbH", "Google", "Banco Santander"; low for job titles.

    Primary rule: a legal suffix (Inc, LLC, GmbH, S.A., ...) or a well-known employer.
    Fallback: company words (Technologies, Solutions, Labs, Group, Bank, ...) beside a name.
    """
    v = vocab()
    words = _words(text)
    if not words or len(words) > 10:
        return 0.0
    phrases = set(_phrases(words))
    if (
        words[-1] in v.company_suffixes
        or any(w in v.company_suffixes for w in words[1:])
        or _ends_in_cjk_suffix(words, v.company_name_suffixes)  # "北京奇艺世纪科技有限公司"
    ):
        score = 0.9
    elif phrases & v.company_names:
        score = 0.8
    elif any(w in v.company_words for w in words) and not all(
        w in v.company_words for w in words
    ):  # "Acme Solutions", but not a bare "Solutions" or "Data"
        score = 0.6
    else:
        return 0.0
    if _title_head(words) is not None:
        score -= 0.45
    if looks_like_institution(text) >= 0.5:
        score -= 0.3
    return max(0.0, min(1.0, score))


def _title_head(words: list[str]) -> str | None:
    v = vocab()
    for phrase in _phrases(words):
        if phrase in v.title_heads:
            return phrase
    for w in words:
        # German compounds ("softwareentwickler"); Chinese, Japanese and Korean titles, written
        # without spaces ("软件工程师", "소프트웨어엔지니어")
        if (len(w) > 8 or w[-1] >= _FIRST_CJK) and w.endswith(v.title_suffixes):
            return w
    return None


_FIRST_CJK = "\u3040"  # hiragana, the first block of the Chinese, Japanese and Korean scripts


def _ends_in_cjk_suffix(words: list[str], suffixes: tuple[str, ...]) -> bool:
    """A word in Chinese, Japanese or Korean script (written without spaces) ending in one of
    `suffixes`: "对外经济贸易大学" ends in "大学" (university)."""
    return any(w[-1] >= _FIRST_CJK and w.endswith(suffixes) for w in words)


@lru_cache(maxsize=MEMO_SIZE)
def looks_like_job_title(text: str) -> float:
    """High for "Senior Software Engineer", "Chef de projet", "Desarrollador Backend".

    Primary rule: a title head noun (engineer, manager, Entwickler, ingénieur, gerente, ...,
    including German compounds such as "Softwareentwickler"). Modifiers (senior, lead, data,
    ...) add a little; long sentences, digits, e-mail/URL characters and legal suffixes subtract.
    """
    v = vocab()
    words = _words(text)
    if not words or len(words) > 12 or "@" in text or "://" in text:
        return 0.0
    head = _title_head(words)
    if head is None:
        return 0.0
    score = 0.55 if head in _WEAK_HEADS else 0.8
    known = sum(1 for w in words if w in v.title_modifiers or w in v.title_heads)
    score += 0.15 * known / len(words)
    if len(words) > 6:
        score -= 0.05 * (len(words) - 6)
    if has_digit(text):
        score -= 0.2
    if words[-1] in v.company_suffixes:
        score -= 0.5
    return max(0.0, min(1.0, score))
