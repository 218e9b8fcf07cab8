from resumate.parsing.fields.contact import profiles_behind_links


def test_profiles_behind_links_are_the_persons_own_pages() -> None:
    found = profiles_behind_links(
        [
            "https://www.linkedin.com/in/jroe",
            "https://github.com/jroe",
            "https://github.com/jroe/parser",  # a repository, not a profile
            "https://www.linkedin.com/company/acme",  # an employer's page
            "https://acme.example.com/",  # not a network
            "https://twitter.com/jroe",
        ],
        known=["https://twitter.com/jroe"],  # already read from the text
    )
    assert [(p.network, p.username, p.url) for p, _scored in found] == [
        ("LinkedIn", "jroe", "https://www.linkedin.com/in/jroe"),
        ("GitHub", "jroe", "https://github.com/jroe"),
    ]
    assert all(scored.features == ("link_target",) for _p, scored in found)
