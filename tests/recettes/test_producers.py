"""A recipe names the local producers it uses; a producer's page lists the recipes that use them."""

from django.test import Client

from reseau.access import Visibility
from tests.producteurs.conftest import make_producer, producer_index, vocabulary  # noqa: F401 - fixtures


def link(recipe, *producers):
    recipe.producers = list(producers)
    recipe.save_revision().publish()


def test_recipe_page_lists_its_producers(client, make_recipe, make_producer):
    orchard = make_producer("Vergers du Bocage")
    recipe = make_recipe()
    link(recipe, orchard)
    content = client.get(recipe.url).content.decode()
    assert "Producteurs locaux de la recette" in content
    assert f'href="{orchard.url}"' in content


def test_producer_page_lists_the_recipes_a_visitor_may_see(member_client, make_recipe, make_producer):
    orchard = make_producer("Vergers du Bocage")
    public = make_recipe("Tarte aux pommes du verger")
    private = make_recipe("Compote des adhérents", visibility=Visibility.MEMBERS)
    link(public, orchard)
    link(private, orchard)
    visitor_view = Client().get(orchard.url).content.decode()
    assert "Tarte aux pommes du verger" in visitor_view
    assert "Compote des adhérents" not in visitor_view
    member_view = member_client.get(orchard.url).content.decode()
    assert "Tarte aux pommes du verger" in member_view and "Compote des adhérents" in member_view


def test_a_draft_producer_is_not_shown_on_the_recipe(client, make_recipe, make_producer):
    draft = make_producer("Ferme en attente de validation", live=False)
    recipe = make_recipe()
    link(recipe, draft)
    assert "Ferme en attente de validation" not in client.get(recipe.url).content.decode()
