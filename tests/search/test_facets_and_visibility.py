"""Facets with counts that follow the other filters, and members-only content never leaking anywhere."""

from django.contrib.auth.models import AnonymousUser

VISITOR = AnonymousUser()


def facet(outcome, key: str) -> dict[str, int]:
    for found in outcome.response.facets:
        if found.key == key:
            return {value.label: value.count for value in found.values}
    return {}


def test_type_and_region_facets_count_the_matches(corpus, search):
    titles, outcome = search(VISITOR, "café")
    assert facet(outcome, "type") == {"Café": 3}
    assert facet(outcome, "region") == {"Auvergne-Rhône-Alpes": 2, "Bretagne": 1}


def test_filters_combine_and_counts_reflect_the_other_filters(corpus, search):
    titles, outcome = search(VISITOR, "épicerie", region=["53"])
    assert titles == ["Le Café de Sains"]
    # The region facet ignores its own filter (the other regions stay offered), the type facet does not.
    assert facet(outcome, "region") == {"Auvergne-Rhône-Alpes": 1, "Bretagne": 1}
    assert facet(outcome, "type") == {"Café": 1}
    titles, outcome = search(VISITOR, "épicerie", region=["53", "84"])
    assert set(titles) == {"Le Café de Sains", "Le Café de Beaulon"}
    titles, outcome = search(VISITOR, "pommes", type=["cafe"])
    assert titles == []
    assert facet(outcome, "type") == {"Page": 2, "Café": 0}


def test_a_visitor_never_sees_members_only_content(corpus, search, client):
    for query in ("contrat fournisseur", "brasseur", "remise", "quinze"):
        titles, outcome = search(VISITOR, query)
        assert titles == [] and outcome.response.total == 0
        assert facet(outcome, "type") == {}
    titles, outcome = search(VISITOR, "fournisseur OR tarte")
    assert "Contrat fournisseur confidentiel" not in titles
    response = client.get("/recherche/", {"q": "contrat"})
    assert "confidentiel" not in response.content.decode()
    assert "brasseur" not in response.content.decode()
    suggestions = client.get("/recherche/suggestions/", {"q": "contr"}).json()["suggestions"]
    assert suggestions == []


def test_a_member_finds_members_only_content(corpus, search, member, member_client):
    titles, outcome = search(member, "brasseur")
    assert titles == ["Contrat fournisseur confidentiel"]
    assert facet(outcome, "type") == {"Page": 1}
    page = member_client.get("/recherche/", {"q": "brasseur"}).content.decode()
    assert "<mark>brasseur</mark>" in page
    suggestions = member_client.get("/recherche/suggestions/", {"q": "contr"}).json()["suggestions"]
    assert [s["texte"] for s in suggestions] == ["Contrat fournisseur confidentiel"]


def test_a_members_only_facet_value_is_unknown_to_a_visitor(corpus, search, make_page, reindex):
    make_page(
        "Réunion régionale", "Ordre du jour de la réunion des gérants.", visibility="membres", slug="reunion"
    )
    reindex()
    _, outcome = search(VISITOR, "réunion", type=["page"])
    assert outcome.response.total == 0
    assert facet(outcome, "type") == {"Page": 0}
