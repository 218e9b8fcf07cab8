"""basics.location: the person's place, from the contact lines."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass

from resumate.document import TextItem
from resumate.parsing import gazetteer
from resumate.parsing.chars import count_digits
from resumate.parsing.dates import ANY_DAY, find_date_ranges
from resumate.parsing.fields.common import URL_RE, Scored, clean
from resumate.parsing.lines import Line
from resumate.parsing.places import split_commas
from resumate.parsing.skills import normalize_skill
from resumate.schema import Location


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
            gazetteer.match_country(re.sub(r"\s*\d+\s*", " ", p).strip()) == parts[-1]
            for p in parts[:-1]
        )
    ):
        text = ", ".join(parts[:-1])  # "Medellin, Colombia, CO": the code repeats the country
    parsed = gazetteer.parse_location(text)
    if (ordered := _city_first(parsed, text)) is not parsed:
        return ordered
    if parsed and parsed.get("city") and (
        gazetteer.match_city(parsed["city"]) or _town_region_country(parsed)
    ):
        return parsed
    anchored = _city_anchored(text)
    if anchored is not None:
        return anchored
    if parsed and parsed.get("city"):
        return parsed
    postal = _POSTAL_NUMBER.search(text)
    if postal:
        stripped = re.sub(r"\s*,\s*,", ",", _POSTAL_NUMBER.sub("", text, count=1)).strip(" ,")
        retry = gazetteer.parse_location(stripped)
        if retry and retry.get("city"):
            return {**retry, "postalCode": retry.get("postalCode") or postal.group(0)}
    return parsed


def _town_region_country(parsed: dict[str, str]) -> bool:
    """Read as exactly a town, its region and its country ("Guildford, Surrey, GB")."""
    keys = {key for key, value in parsed.items() if value}
    return keys == {"city", "region", "countryCode"} and parsed["city"] != parsed["region"]


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
        or gazetteer.is_street_like(name)
        or (street and not gazetteer.is_street_like(", ".join(street)))
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
        city = gazetteer.match_city(name) if name else None
        if city is None:
            continue
        country = next((c for p in parts[i + 1 :] if (c := gazetteer.match_country(p))), city[1])
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
    if len(text.split()) > 10 or find_date_ranges(text, today=ANY_DAY):
        return False
    city = parsed.get("city")
    if city:
        return bool(gazetteer.match_city(city) or parsed.get("countryCode"))
    street = gazetteer.is_street_like(parsed.get("address", ""))  # "1, rue de Baudry, LU"
    return bool(parsed.get("countryCode")) and (len(text.split()) <= 3 or street)
