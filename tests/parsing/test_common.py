import pytest

from resumate.parsing.fields.common import clean, looks_like_sentence


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SOGETI [address]", "SOGETI [address]"),  # a bracket closed inside the text stays
        ("Acme (Berlin)", "Acme (Berlin)"),
        ("[Remote]", "Remote"),  # a value wrapped whole loses its brackets
        ("[] Nice, France", "Nice, France"),  # an icon's empty box
        ("Acme (", "Acme"),
        ("Acme)", "Acme"),
        ("(Acme", "Acme"),
        ("- Foo (Bar) -", "Foo (Bar)"),
        ("| Berlin ·", "Berlin"),
    ],
)
def test_clean_trims_separators_and_unpaired_brackets(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ministerio Público Fiscal de la C.A.B.A.", False),  # an initialism ends the name
        ("Dupont de Nemours et Cie S.A.", False),
        ("Some big company name Inc.", False),
        ("Built a great platform for our clients.", True),
        ("designed billing", False),  # a few words in lower case may be a note
        ("designed the billing service end to end", True),
    ],
)
def test_a_sentence_is_told_from_a_name_that_ends_in_an_abbreviation(
    text: str, expected: bool
) -> None:
    assert looks_like_sentence(text) is expected
