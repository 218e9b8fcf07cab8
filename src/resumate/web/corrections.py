"""Field corrections on a stored JSON Resume document (pure functions, no IO).

A correction names a field by the same path the engine uses for confidence (`basics.email`,
`work[0].startDate`, `skills[2].keywords[1]`) and gives its new value. An index equal to the
list's length appends; `null` on a list element removes it. The corrected sections must still
validate as a `ParsedResume`; a corrected field gets confidence 1.0 and the feature `corrected`.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from resumate.schema import ParsedResume
from resumate.web.errors import ApiError

_TOKEN = re.compile(r"([A-Za-z_$][A-Za-z0-9_]*)|\[(\d{1,4})\]")
_SECTIONS = frozenset(ParsedResume.model_fields) - {"fields", "skill_sources", "experience_months"}
Change = tuple[str, Any, Any]


def parse_path(path: str) -> list[str | int]:
    """`work[0].name` -> ["work", 0, "name"]; raises invalid_correction on anything else."""
    tokens: list[str | int] = []
    position = 0
    for match in _TOKEN.finditer(path):
        gap = path[position:match.start()]
        if gap not in ("", ".") or (gap == "" and match.group(1) and tokens):
            raise _bad(path)
        tokens.append(match.group(1) if match.group(1) else int(match.group(2)))
        position = match.end()
    if position != len(path) or not tokens or tokens[0] not in _SECTIONS:
        raise _bad(path)
    return tokens


def apply_corrections(
    document: dict[str, Any], corrections: Sequence[tuple[str, Any]]
) -> tuple[dict[str, Any], list[Change]]:
    """The corrected document and the (path, old, new) of each change."""
    updated = copy.deepcopy(document)
    changes: list[Change] = []
    for path, value in corrections:
        tokens = parse_path(path)
        old = _set(updated, tokens, value, path)
        changes.append((path, old, value))
    _validate(updated)
    meta = updated.setdefault("meta", {}).setdefault("resumate", {})
    for path, _old, new in changes:
        if new is None:
            meta.get("confidence", {}).pop(path, None)
            continue
        meta.setdefault("confidence", {})[path] = 1.0
        meta.setdefault("evidence", {})[path] = {"features": ["corrected"]}
    scores = list(meta.get("confidence", {}).values())
    meta["overallConfidence"] = round(sum(scores) / len(scores), 3) if scores else None
    return updated, changes


def _set(document: dict[str, Any], tokens: list[str | int], value: Any, path: str) -> Any:
    parent: Any = document
    for token, following in itertools.pairwise(tokens):
        parent = _child(parent, token, following, path)
    last = tokens[-1]
    if isinstance(last, int):
        if not isinstance(parent, list) or last > len(parent):
            raise _bad(path)
        if last == len(parent):
            if value is not None:
                parent.append(value)
            return None
        old = parent[last]
        if value is None:
            del parent[last]
        else:
            parent[last] = value
        return old
    if not isinstance(parent, dict):
        raise _bad(path)
    old = parent.get(last)
    if value is None:
        parent.pop(last, None)
    else:
        parent[last] = value
    return old


def _child(parent: Any, token: str | int, following: str | int, path: str) -> Any:
    empty: Any = [] if isinstance(following, int) else {}
    if isinstance(token, int):
        if not isinstance(parent, list) or token > len(parent):
            raise _bad(path)
        if token == len(parent):
            parent.append(empty)
        return parent[token]
    if not isinstance(parent, dict):
        raise _bad(path)
    if parent.get(token) is None:
        parent[token] = empty
    return parent[token]


def _validate(document: dict[str, Any]) -> None:
    sections = {k: v for k, v in document.items() if k in _SECTIONS}
    try:
        ParsedResume.model_validate(sections)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ApiError(
            "invalid_correction", f"The corrected resume is not valid at '{where}': {first['msg']}."
        ) from None


def _bad(path: str) -> ApiError:
    return ApiError(
        "invalid_correction",
        f"'{path[:100]}' is not a field path. Use e.g. 'basics.email' or 'work[0].name'.",
    )
