import pytest

from resumate.parsing.chars import count_digits, has_digit, has_letter, is_all_caps


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Acme Inc.",
        "+1 (555) 010-2030",
        "2019 – présent",
        "x² ①",
        "ÉCOLE 42",
        "R&D",
        "日本語",
        "• SKILLS",
        "ⓐ ABC",
        "A中",
    ],
)
def test_character_classes_match_the_per_character_loops(text: str) -> None:
    letters = [ch for ch in text if ch.isalpha()]
    assert has_digit(text) == any(ch.isdigit() for ch in text)
    assert count_digits(text) == sum(ch.isdigit() for ch in text)
    assert has_letter(text) == bool(letters)
    assert is_all_caps(text) == (bool(letters) and all(ch.isupper() for ch in letters))
