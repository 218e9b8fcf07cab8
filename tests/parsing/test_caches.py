"""clear_caches() forgets every per-text memo in the parsing stages and keeps the static tables."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from typing import Any

import resumate
import resumate.parsing
from resumate.parsing import clear_caches


def _memos() -> list[tuple[str, Any]]:
    found = []
    for info in pkgutil.walk_packages(resumate.parsing.__path__, "resumate.parsing."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if hasattr(value, "cache_clear") and getattr(value, "__module__", "") == info.name:
                found.append((f"{info.name}.{name}", value))
    return found


def _is_table_loader(function: Any) -> bool:
    return not inspect.signature(function).parameters


def test_clear_caches_empties_every_per_text_memo_and_keeps_the_tables() -> None:
    text = b"Ada Example\nada@example.org\nExperience\nEngineer, Acme Ltd, London\n2019 - 2021\n"
    options = resumate.ParseOptions(today=dt.date(2025, 1, 1), ocr="never")
    resumate.parse(text, filename="cv.txt", options=options)
    memos = _memos()
    tables = {name: memo.cache_info().currsize for name, memo in memos if _is_table_loader(memo)}
    assert tables and sum(tables.values()) > 0
    clear_caches()
    for name, memo in memos:
        size = memo.cache_info().currsize
        if name in tables:
            assert size == tables[name], f"{name}: a static table was dropped"
        else:
            assert size == 0, f"{name} still holds {size} results"
