"""Recipes in the network-wide search: found in French, members-only ones never shown to a visitor."""

from django.contrib.auth.models import AnonymousUser

from reseau.access import Visibility
from tests.search.test_content_types import facet

VISITOR = AnonymousUser()


def test_recipes_are_found_by_plurals_and_accents(make_recipe, reindex, search):
    make_recipe("Tarte aux pommes du verger", months=[9, 10], diets=["vegetarien"], tags=["goûter"])
    reindex()
    titles, outcome = search(VISITOR, "tartes aux pomme")
    assert titles == ["Tarte aux pommes du verger"]
    assert outcome.response.results[0].kind_label == "Recette"
    assert outcome.response.results[0].region_name == "Auvergne-Rhône-Alpes"
    assert outcome.response.results[0].cafe_title == "Le café de Beaulon"
    assert search(VISITOR, "farine de ble")[0] == ["Tarte aux pommes du verger"]


def test_members_only_recipes_never_reach_a_visitor(make_recipe, member, reindex, search):
    make_recipe("Terrine de campagne des adhérents", visibility=Visibility.MEMBERS)
    reindex()
    titles, outcome = search(VISITOR, "terrine")
    assert titles == []
    assert facet(outcome, "type") == {}
    assert search(member, "terrine")[0] == ["Terrine de campagne des adhérents"]


def test_season_and_diet_facets_count_recipes(make_recipe, reindex, search):
    make_recipe("Tarte aux pommes du verger", months=[9, 10], diets=["vegetarien"])
    make_recipe("Tarte aux fraises du jardin", months=[5, 6])
    reindex()
    _, outcome = search(VISITOR, "tarte")
    assert facet(outcome, "saison") == {"Automne": 1, "Printemps": 1, "Été": 1}
    assert facet(outcome, "regime") == {"végétarien": 1}
    titles, _ = search(VISITOR, "tarte", saison=["automne"])
    assert titles == ["Tarte aux pommes du verger"]
