"""Places: countries, cities and their regions, and locations written as text.

Countries (names and aliases in EN/DE/FR/ES/PT), cities (biggest first, with their country and
US state) and regions (US states, Canadian provinces, the regions of ten more countries) come
from the package's data files through the lexicon's vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from resumate.parsing.chars import has_digit
from resumate.parsing.lexicon import MEMO_SIZE, phrase_key, read_tsv, vocab


def _pairs(spec: str) -> dict[str, str]:
    return {code: name.replace("_", " ") for code, name in (p.split("=") for p in spec.split())}


US_STATES: Mapping[str, str] = _pairs(
    "AL=Alabama AK=Alaska AZ=Arizona AR=Arkansas CA=California CO=Colorado CT=Connecticut "
    "DE=Delaware FL=Florida GA=Georgia HI=Hawaii ID=Idaho IL=Illinois IN=Indiana IA=Iowa "
    "KS=Kansas KY=Kentucky LA=Louisiana ME=Maine MD=Maryland MA=Massachusetts MI=Michigan "
    "MN=Minnesota MS=Mississippi MO=Missouri MT=Montana NE=Nebraska NV=Nevada "
    "NH=New_Hampshire NJ=New_Jersey NM=New_Mexico NY=New_York NC=North_Carolina "
    "ND=North_Dakota OH=Ohio OK=Oklahoma OR=Oregon PA=Pennsylvania RI=Rhode_Island "
    "SC=South_Carolina SD=South_Dakota TN=Tennessee TX=Texas UT=Utah VT=Vermont VA=Virginia "
    "WA=Washington WV=West_Virginia WI=Wisconsin WY=Wyoming DC=District_of_Columbia "
    "PR=Puerto_Rico"
)
CA_PROVINCES: Mapping[str, str] = _pairs(
    "AB=Alberta BC=British_Columbia MB=Manitoba NB=New_Brunswick NL=Newfoundland_and_Labrador "
    "NS=Nova_Scotia NT=Northwest_Territories NU=Nunavut ON=Ontario PE=Prince_Edward_Island "
    "QC=Quebec SK=Saskatchewan YT=Yukon"
)


@dataclass(frozen=True, slots=True)
class _Places:
    countries: dict[str, str]  # folded name or alias -> alpha-2
    alpha2: frozenset[str]
    cities: dict[str, tuple[str, str, str]]  # folded name -> (name, alpha-2, US state)
    regions: dict[str, tuple[str, str]]  # folded state/province code or name -> (code, country)


@cache
def _places() -> _Places:
    countries: dict[str, str] = {}
    for cc, name, aliases in read_tsv("countries.tsv"):
        for n in [name, *aliases.split("|")]:
            if n:
                countries.setdefault(phrase_key(n), cc)
    countries.update(vocab().country_aliases)
    cities: dict[str, tuple[str, str, str]] = {}
    for name, cc, state, _population, _aliases in read_tsv("cities.tsv"):  # biggest first
        cities.setdefault(phrase_key(name), (name, cc, state))
    for name, cc, state, _population, _aliases in read_tsv("cities.tsv"):
        if (spelled := _ascii_spelling(name)) != name:
            cities.setdefault(phrase_key(spelled), (name, cc, state))  # "Aarhus", "Muenchen"
    for name, cc, state, _population, aliases in read_tsv("cities.tsv"):
        for alias in filter(None, aliases.split("|")):
            cities.setdefault(phrase_key(alias), (name, cc, state))
    regions: dict[str, tuple[str, str]] = {}
    for table, cc in ((US_STATES, "US"), (CA_PROVINCES, "CA")):
        for code, name in table.items():
            regions[code.lower()] = regions[phrase_key(name)] = (code, cc)
    for name, cc in vocab().regions.items():  # other countries' regions, by name only
        regions.setdefault(name, (name, cc))
    alpha2 = frozenset(cc for cc, _, _ in read_tsv("countries.tsv"))
    return _Places(countries, alpha2, cities, regions)


_ASCII_SPELLINGS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "å": "aa", "ø": "oe", "æ": "ae",
     "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "Å": "Aa", "Ø": "Oe", "Æ": "Ae"}
)


def _ascii_spelling(name: str) -> str:
    """The way German and Scandinavian names are written without their letters ("Århus" ->
    "Aarhus", "München" -> "Muenchen"); folding alone gives "Arhus", "Munchen"."""
    return name.translate(_ASCII_SPELLINGS)


@lru_cache(maxsize=MEMO_SIZE)
def match_country(text: str) -> str | None:
    """ISO alpha-2 for a country name in EN/DE/FR/ES/PT or a common abbreviation ("USA",
    "U.K.", "Deutschland", "España", "Brasil"), when that is the whole text; else None."""
    return _places().countries.get(phrase_key(text))


def _has_city_of(parts: list[str], code: str) -> bool:
    """Some part, postal numbers aside, is a known city of the country `code`."""
    for part in parts:
        city = match_city(re.sub(r"\s*\d+\s*", " ", part).strip())
        if city is not None and city[1] == code:
            return True
    return False


@lru_cache(maxsize=MEMO_SIZE)
def match_city(text: str) -> tuple[str, str] | None:
    """(city name, alpha-2) for a city of 100k+ people (the most populous of that name)."""
    key = phrase_key(text)
    if not key or key in vocab().company_words or key in _NOT_CITIES:
        return None
    found = _places().cities.get(key)
    return (found[0], found[1]) if found else None


_NOT_CITIES_TEXT = (
    "reading mobile nice bath split orange independence victoria university college marketing "
    "sales design lead data"
)
_NOT_CITIES = frozenset(_NOT_CITIES_TEXT.split())
_POSTAL_RES = (
    re.compile(r"\b\d{5}(?:-\d{4})?\b"),  # US ZIP, DE/FR/ES/IT postcodes
    re.compile(r"\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b"),  # Canada
    re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"),  # UK
    re.compile(r"\b\d{5}-\d{3}\b|\b\d{4}-\d{3}\b"),  # Brazil, Portugal
    re.compile(r"\b\d{6}\b"),  # India, China, Russia, Singapore
    re.compile(r"(?:^|\s)\d{4}(?=\s+[^\W\d_])|(?<=\s)\d{4}$"),  # AT/CH/BE/NL/AU
)
_LABEL_RE = re.compile(
    r"^\s*(?:address|location|adresse|dirección|direccion|endereço|"
    r"wohnort|ort|ubicación|localização)\s*[:\-]\s*",
    re.IGNORECASE,
)
_STREET_RE = re.compile(
    r"\d|\b(?:street|st|avenue|ave|road|rd|blvd|boulevard|lane|drive|dr|way|"
    r"straße|strasse|str|weg|platz|gasse|rue|chemin|allée|impasse|quai|avenida|calle|"
    r"carrera|rua|travessa|via|viale|piazza|vicolo)\b\.?",
    re.IGNORECASE,
)


def is_street_like(text: str) -> bool:
    """Digits or a street word: part of a postal address, not a place name."""
    return bool(_STREET_RE.search(text))


def parse_location(text: str) -> dict[str, str] | None:
    """See _parse_location; the result is a fresh dict each call (the parse is memoized)."""
    parsed = _parse_location(text)
    return dict(parsed) if parsed is not None else None


_BARE_POSTAL = re.compile(r"\d{4,8}")
_BRACKETED_CODE = re.compile(r"\s*\(([A-Za-z]{2})\)\s*$")
_BRACKETED_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_BRACKETED_LIST = re.compile(r"\([^()]*[,;][^()]*\)")


@lru_cache(maxsize=MEMO_SIZE)
def _parse_location(text: str) -> dict[str, str] | None:
    """Split "San Francisco, CA 94105" / "75001 Paris, France" / "Toronto, ON, Canada" into
    {city, region, postalCode, countryCode, address}; None when nothing looks like a place.

    Primary rule: comma parts read from the end: country, then US state or Canadian province,
    then city; a part with digits or street words before the city is the address. Fallback:
    a lone known city ("Berlin") gives its country from the city table.
    """
    text = _LABEL_RE.sub("", text).strip(" \t,;·|")
    if not text or len(text) > 120 or "@" in text:
        return None
    out: dict[str, str] = {}
    places = _places()
    bracketed = _BRACKETED_CODE.search(text)  # "Guildford (GB)", "Paris, Île-de-France (FR)"
    if bracketed and bracketed.group(1).upper() in places.alpha2:
        out["countryCode"] = bracketed.group(1).upper()
        text = text[: bracketed.start()]
    if _BRACKETED_LIST.search(text):
        return None  # a name with its place in brackets: "ECAM (Lyon, France)"
    parts = [p.strip() for p in re.split(r"\s*[,;·|]\s*|\s+[–—-]\s+", text) if p.strip()]
    for i, part in enumerate(parts):
        inner = _BRACKETED_CODE.search(part)  # "73968, Shelton (US), Connecticut", "(PT), Porto"
        if inner and inner.group(1).upper() in places.alpha2:
            out.setdefault("countryCode", inner.group(1).upper())
            parts[i] = part[: inner.start()]
        elif (note := _BRACKETED_NOTE.search(part)) and note.start() > 0:
            parts[i] = part[: note.start()]  # "La Réunion (Mobility: Europe / International)"
    parts = [p for p in parts if p]
    if len(parts) > 2 and _BARE_POSTAL.fullmatch(parts[-1]):
        out["postalCode"] = parts.pop()  # "Lonay, VD, CH, 6670": the postal code written last
    if "countryCode" not in out and parts and (cc := match_country(parts[-1])) is not None:
        out["countryCode"] = cc
        parts.pop()
    elif (
        "countryCode" not in out
        and (
            len(parts) > 2
            or (len(parts) == 2 and (_STREET_RE.search(parts[0]) or match_city(parts[0])))
        )
        and parts[-1] in places.alpha2
        and (phrase_key(parts[-1]) not in places.regions or _has_city_of(parts[:-1], parts[-1]))
    ):
        # "Florianópolis, Santa Catarina, BR"; "Pune, Maharashtra 617038, IN" (IN is also
        # Indiana, but Pune is in India); "992 Deleon Fall, SG" (a street, then the country)
        out["countryCode"] = parts.pop()
    elif "countryCode" not in out and len(parts) == 2 and _is_town_then_country(parts, places):
        out["countryCode"] = parts.pop()  # "Osijek, HR": a town the table does not know
    if parts:
        _take_region(parts, out, places)
    if len(parts) > 1 and "region" not in out and re.fullmatch(r"[A-Z]{2,3}", parts[-1]):
        out["region"] = parts.pop()  # a state code outside the US and Canada ("SP", "NSW")
    elif len(parts) == 2 and "region" not in out and _city_then_region(parts, out):
        out["region"] = parts.pop()  # "Florianópolis, Santa Catarina, BR"
    for i, part in enumerate(parts):
        postal, rest = _split_postal(part)
        if postal:
            out.setdefault("postalCode", postal)
            parts[i] = rest
    parts = [p for p in parts if p]
    if len(parts) > 1 and "region" not in out and re.fullmatch(r"[A-Z]{2,3}", parts[-1]):
        out["region"] = parts.pop()  # a state code before its postal code ("Lonay, VD 6670")
    if parts:
        city = _clean_city(parts[-1])
        if city and len(city.split()) <= 4 and not _STREET_RE.search(city):  # not "rue X"
            out["city"] = city
            if len(parts) > 1:
                out["address"] = ", ".join(parts[:-1])
        elif _STREET_RE.search(parts[-1]):
            out["address"] = ", ".join(parts)
    return _resolve(out, places)


_TOWN = re.compile(r"[A-Z][^\W\d_]*(?:[ '’-][^\W\d_]+){0,3}")


def _is_town_then_country(parts: list[str], places: _Places) -> bool:
    """A town's name, then a country's code that is no state or province code and no
    company's legal form ("Acme, SA", "Nordic, AB")."""
    code = parts[1]
    return (
        code in places.alpha2
        and phrase_key(code) not in places.regions
        and phrase_key(code) not in vocab().company_suffixes
        and _TOWN.fullmatch(parts[0]) is not None
    )


def _city_then_region(parts: list[str], out: dict[str, str]) -> bool:
    """The first part is a city (of the stated country, when one is) and the second is not;
    or the second names a city of another country than the stated one, so that it is the
    region here and the first part the town ("Guildford, Surrey, GB": Surrey, BC is a city)."""
    country = out.get("countryCode")
    first, second = match_city(parts[0]), match_city(parts[1])
    if has_digit(parts[1]):
        return False
    if first is None:
        return (
            country is not None
            and second is not None
            and second[1] != country
            and not has_digit(parts[0])
            and not _STREET_RE.search(parts[0])
        )
    return (country is None or first[1] == country) and (
        second is None or (country is not None and second[1] != country)
    )


# a state or province, then perhaps a postal code: "CA 94105", "North Carolina", "Québec"
_REGION_PART = re.compile(r"([A-Za-z]{2}|[^\W\d_](?:[^\W\d_]|[ .&'’-])+?)(?:\s+(\S*\d.*))?")


def _take_region(parts: list[str], out: dict[str, str], places: _Places) -> None:
    last = parts[-1]
    m = _REGION_PART.fullmatch(last)
    if m is None:
        return
    region = places.regions.get(phrase_key(m.group(1)))
    is_code = len(m.group(1)) == 2
    if region is None or (is_code and not m.group(1).isupper()):
        return
    if is_code and len(parts) == 1:
        return
    if is_code and "countryCode" not in out and region[1] == "US" and len(parts) > 1:
        city = match_city(parts[-2])
        if city is not None and city[1] == m.group(1).upper() and m.group(1).upper() != "US":
            out["countryCode"] = city[1]  # "Berlin, DE": a country code, not Delaware
            parts.pop()
            return
    if out.get("countryCode", region[1]) != region[1]:
        return
    postal, rest = _split_postal(m.group(2) or "")
    if m.group(2) and (postal is None or rest.strip(" ,")):
        return  # "Virginia Tech": the words after the region are not a postal code
    out["region"] = region[0] if is_code else m.group(1).strip()
    out["countryCode"] = region[1]
    if postal:
        out["postalCode"] = postal
    parts.pop()


def _split_postal(part: str) -> tuple[str | None, str]:
    for pattern in _POSTAL_RES:
        m = pattern.search(part)
        if m is not None:
            rest = (part[: m.start()] + " " + part[m.end() :]).strip()
            return m.group().strip(), re.sub(r"\s+", " ", rest)
    return None, part


def _clean_city(part: str) -> str:
    noise = vocab().location_noise
    words = [w for w in part.split() if phrase_key(w) not in noise]
    return " ".join(words).strip(" .")


def _resolve(out: dict[str, str], places: _Places) -> dict[str, str] | None:
    city = out.get("city")
    known = match_city(city) if city else None
    if city and known is None and not out.keys() - {"city", "address"}:
        cc = match_country(city)
        return {"countryCode": cc} if cc else None
    if known is not None and "countryCode" not in out:
        out["countryCode"] = known[1]
        state = places.cities[phrase_key(city or "")][2]
        if state and "region" not in out:
            out["region"] = state
    if city and not city[:1].isupper() and known is None:
        return None
    return out or None
