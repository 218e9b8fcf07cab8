import pytest

from resumate.parsing.fields.common import clean


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
