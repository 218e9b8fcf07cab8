"""Whether a piece of text names a place: a city, region, country or "Remote"-like word.

Primary rule: every comma or slash part is a known city, country, US state code, a remote
word or a redaction placeholder ("Morocco/Remote", "Austin, TX", "Paris, [address]").
Fallback: the whole parses as a town in a region or country ("Addison, Texas").
"""

from __future__ import annotations

import re

from resumate.parsing import gazetteer


def split_commas(text: str) -> list[str]:
    """Comma-separated parts, not splitting inside brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch in "([") - (ch in ")]")
        if ch == "," and depth <= 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def is_place(text: str) -> bool:
    """Every part names a place ("Morocco/Remote"), or the whole parses as a town in a
    region or country ("Addison, Texas", also beside redacted parts), or each of its spaced
    alternatives does ("Germantown, MD / Remote", "Baltimore, MD & Washington, DC")."""
    if names_only_places(text):
        return True
    parts = split_commas(text)
    named = [part for part in parts if not _REDACTED_PLACE.fullmatch(part)]
    if len(named) < len(parts):  # "Plano, Texas, [address]"
        return not named or is_place(", ".join(named))
    alternatives = _ALTERNATIVES.split(text)
    if len(alternatives) > 1:
        return all(is_place(alternative) for alternative in alternatives)
    parsed = gazetteer.parse_location(text)
    return bool(
        parsed
        and parsed.get("city")
        and (parsed.get("countryCode") or parsed.get("region"))
        and not parsed.get("address")
        and len(text.split()) <= 6
    )


_ALTERNATIVES = re.compile(r"\s+[/&]\s+")


def names_only_places(text: str) -> bool:
    """Every comma or slash part names a place ("Morocco/Remote", "Austin, TX")."""
    return all(is_place_part(p) for part in split_commas(text) for p in part.split("/"))


_REMOTE = re.compile(
    r"^(remote|hybrid|on-?site|worldwide|anywhere|europe|asia|africa|oceania|emea|apac|latam|"
    r"north america|south america|latin america|middle east)\b",
    re.IGNORECASE,
)


# what anonymised resumes put where a place was ("[address]"; the bracket may be cut off)
_REDACTED_PLACE = re.compile(r"\[(?:address|location|city|redacted|removed)\]?", re.IGNORECASE)

_CITY_WITH_SUFFIX = re.compile(
    r"(?:Greater\s+)?(?P<city>.+?)\s(?:City|Area|Metro(?:politan)? Area)"
)


def is_place_part(part: str) -> bool:
    part = part.split("(")[0].strip(" .") if not part.startswith("(") else part.strip("() .")
    if not part or len(part.split()) > 5:
        return False
    if _REMOTE.match(part) or gazetteer.match_country(part) or gazetteer.match_city(part):
        return True
    if _REDACTED_PLACE.fullmatch(part):
        return True
    if (named := _CITY_WITH_SUFFIX.fullmatch(part)) and gazetteer.match_city(named["city"]):
        return True  # "Buenos Aires City", "Greater Boston Area"
    if part.upper() in gazetteer.US_STATES and len(part) == 2:
        return True
    city, _, state = part.rpartition(" ")
    if len(state) == 2 and state.upper() in gazetteer.US_STATES and gazetteer.match_city(city):
        return True  # "Milwaukee WI", without the comma
    parsed = gazetteer.parse_location(part)
    return bool(
        parsed and parsed.get("city") and (parsed.get("countryCode") or parsed.get("region"))
    )
