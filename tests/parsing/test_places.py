import pytest

from resumate.parsing.places import is_place, names_only_places, split_commas


@pytest.mark.parametrize(
    "text",
    [
        "Austin, TX",
        "Morocco/Remote",
        "Milwaukee WI",
        "Buenos Aires City",
        "Addison, Texas",
        "Germantown, MD / Remote",
        "Baltimore, MD & Washington, DC",
        "Plano, Texas, [address]",
        "Paris, [address",  # an anonymised resume's placeholder, its bracket cut off
        "[address], [address]",
    ],
)
def test_places(text: str) -> None:
    assert is_place(text)


@pytest.mark.parametrize(
    "text",
    [
        "Acme Co",
        "Senior Engineer",
        "ECAM (Lyon, France)",
        "Python",
        "Johnson & Johnson",
        "SOGETI [address]",  # a name with a placeholder in it
        "Acme, [address]",
    ],
)
def test_not_places(text: str) -> None:
    assert not is_place(text)


def test_a_list_of_dates_and_words_is_not_only_places() -> None:
    assert names_only_places("Berlin, Germany")
    assert not names_only_places("Berlin, Python")


def test_split_commas_keeps_brackets_whole() -> None:
    assert split_commas("Acme (design, admin), Berlin") == ["Acme (design, admin)", "Berlin"]
