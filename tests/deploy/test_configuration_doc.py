"""docs/configuration.md is generated from `Settings`: the table between the markers is the
rendering of the model (names, defaults, field docstrings). Regenerate it with
`RESUMATE_UPDATE_GOLDEN=1 uv run pytest tests/deploy/test_configuration_doc.py`."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import AliasChoices
from pydantic.fields import FieldInfo

from resumate.config import Settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
START = "<!-- settings-table:start (generated from resumate.config.Settings) -->"
END = "<!-- settings-table:end -->"
_DEFAULT_NOTE = re.compile(r"\s*Default: (?P<text>.+?)\.?\s*$")


def variable_names(name: str, field: FieldInfo) -> list[str]:
    """`RESUMATE_<NAME>`, or the alias choices with the unprefixed one first."""
    alias = field.validation_alias
    if isinstance(alias, AliasChoices):
        choices = [choice for choice in alias.choices if isinstance(choice, str)]
        return sorted(choices, key=lambda choice: choice.startswith("RESUMATE_"))
    return [f"RESUMATE_{name.upper()}"]


def default_text(field: FieldInfo) -> str:
    note = _DEFAULT_NOTE.search(field.description or "")
    if note:
        return note["text"]
    if field.default_factory is not None:
        return "computed"
    value = field.default
    if value is None or value == ():
        return "unset"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"`{value}`"


def meaning_text(field: FieldInfo) -> str:
    text = _DEFAULT_NOTE.sub("", field.description or "")
    return " ".join(text.split()).replace("|", "\\|")


def render_table() -> str:
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        names = " / ".join(f"`{variable}`" for variable in variable_names(name, field))
        rows.append(f"| {names} | {default_text(field)} | {meaning_text(field)} |")
    return "\n".join(rows)


def render_document(current: str) -> str:
    before, _, rest = current.partition(START)
    _, _, after = rest.partition(END)
    return f"{before}{START}\n{render_table()}\n{END}{after}"


def test_every_setting_has_a_docstring() -> None:
    missing = [name for name, field in Settings.model_fields.items() if not field.description]
    assert not missing, f"document these Settings fields with an attribute docstring: {missing}"


def test_configuration_doc_is_generated_from_settings() -> None:
    current = DOC.read_text(encoding="utf-8")
    assert START in current and END in current, f"{DOC} lost its generated-table markers"
    expected = render_document(current)
    if os.environ.get("RESUMATE_UPDATE_GOLDEN") == "1":
        DOC.write_text(expected, encoding="utf-8")
    assert current == expected, (
        "docs/configuration.md is out of date; regenerate it with "
        "RESUMATE_UPDATE_GOLDEN=1 uv run pytest tests/deploy/test_configuration_doc.py"
    )


def test_update_flag_is_off_in_ci() -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        assert os.environ.get("RESUMATE_UPDATE_GOLDEN") != "1"
