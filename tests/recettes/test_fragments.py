"""The recipe page's cached fragments (recettes.fragments): the same page as when they are built, and never
a stale, foreign or members-only fragment."""

import re
from decimal import Decimal

from django.core.cache import cache
from django.test import Client
from wagtail.rich_text import RichText

from recettes.fragments import CONTENT_VERSION_KEY, content_changed
from recettes.models import Allergen, RecipeIngredient, TriedReport
from reseau.access import Visibility
from reseau.geography import Commune
from tests.conftest import CULHAT
from tests.producteurs.conftest import make_producer, producer_index, vocabulary  # noqa: F401 - fixtures


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_built_and_cached_fragments_give_the_same_page_with_fewer_queries(
    client, member, make_recipe, make_cafe, django_assert_num_queries
):
    recipe = make_recipe(allergens=["gluten"], months=[9], diets=["vegetarien"], tags=["goûter"])
    TriedReport.objects.create(recipe=recipe, cafe=make_cafe(CULHAT), rating=4, comment="Bien <b>reçue</b>.")
    member_client = Client()
    member_client.force_login(member)
    page(client, "/")  # the site's frame
    for reader, cold_queries, warm_queries in ((client, 4, 2), (member_client, 7, 5)):
        for query in ("", "?couverts=12", "?couverts=abc"):
            content_changed(sender=None)
            with django_assert_num_queries(cold_queries):
                built = page(reader, recipe.url + query)
            # When servings are asked, the lines are read again, the other fragments are not.
            with django_assert_num_queries(warm_queries + (1 if query else 0)):
                assert page(reader, recipe.url + query) == built
    assert "Bien &lt;b&gt;reçue&lt;/b&gt;." in page(member_client, recipe.url)


def test_the_servings_form_and_ingredients_are_cached_only_when_no_servings_are_asked(client, make_recipe):
    recipe = make_recipe(servings=6)  # 250 g of flour for 6
    assert "500 g</span> farine de blé" in page(client, recipe.url + "?couverts=12")
    own = page(client, recipe.url)
    assert "250 g</span> farine de blé" in own and "500 g" not in own
    assert "Ingrédients pour 6 portions" in own
    assert "125 g</span> farine de blé" in page(client, recipe.url + "?couverts=3")
    typed = page(client, recipe.url + "?couverts=six")  # the recipe's servings, and the form's error
    assert 'value="six" aria-invalid="true"' in typed and "250 g</span> farine de blé" in typed
    assert page(client, recipe.url) == own


def test_a_publication_shows_at_the_next_request(client, make_recipe):
    recipe = make_recipe(allergens=["gluten"])
    before = page(client, recipe.url)
    assert "Étaler la pâte." in before and "Gluten" in before
    recipe.title = "Tarte fine aux pommes"
    recipe.steps = [("step", {"text": RichText("<p>Abaisser la pâte finement.</p>"), "photo": None})]
    recipe.ingredients = [RecipeIngredient(quantity=Decimal("2"), unit="kg", name="pommes reinettes")]
    recipe.allergens = list(Allergen.objects.filter(code="lait"))
    recipe.save_revision().publish()
    after = page(client, recipe.url)
    assert "Tarte fine aux pommes" in after and "Abaisser la pâte finement." in after
    assert "pommes reinettes" in after and "farine de blé" not in after
    assert "Lait" in after and "Gluten" not in after
    assert '"name": "Tarte fine aux pommes"' in after  # the JSON-LD too


def test_an_unpublished_recipe_is_not_served_from_its_fragments(client, make_recipe):
    recipe = make_recipe()
    page(client, recipe.url)
    recipe.unpublish()
    assert client.get(recipe.url).status_code == 404


def test_an_edit_of_what_the_fragments_show_from_other_models_shows_at_once(
    client, make_recipe, make_producer, cafe
):
    recipe = make_recipe(allergens=["gluten"])
    orchard = make_producer("Vergers du Bocage")
    recipe.producers = [orchard]
    recipe.save_revision().publish()
    assert "Vergers du Bocage" in page(client, recipe.url)
    orchard.title = "Vergers du Bocage bourbonnais"
    orchard.save_revision().publish()
    assert "Vergers du Bocage bourbonnais" in page(client, recipe.url)
    Commune.objects.filter(pk=orchard.commune_id).update(name="Garnat-sur-Engièvre")
    Commune.objects.get(pk=orchard.commune_id).save()  # an edit in the admin, with its signals
    assert "(Garnat-sur-Engièvre," in page(client, recipe.url)
    Allergen.objects.filter(code="gluten").update(name="Céréales contenant du gluten")
    Allergen.objects.get(code="gluten").save()
    assert "<li>Céréales contenant du gluten</li>" in page(client, recipe.url)
    cafe.title = "Le Café de Beaulon-sur-Loire"
    cafe.save()  # a plain save, without a revision
    assert "Partagée par <a" in page(client, recipe.url)
    assert ">Le Café de Beaulon-sur-Loire</a>" in page(client, recipe.url)


def test_a_recipe_saved_without_a_revision_shows_at_once(client, make_recipe):
    recipe = make_recipe()
    page(client, recipe.url)
    recipe.description = "Une autre description."
    recipe.save()
    assert "Une autre description." in page(client, recipe.url)


def test_a_try_shows_its_figures_to_visitors_and_its_comment_to_members_at_once(
    member_client, recipe, make_cafe
):
    visitor = Client()
    assert "Aucun café ne l'a encore notée." in page(visitor, recipe.url)
    assert "Aucun café ne l'a encore notée." in page(member_client, recipe.url)
    member_client.post(recipe.url + "essai/", {"note": "5", "commentaire": "Partie en une heure."})
    seen = page(visitor, recipe.url)
    assert "testée dans <strong>1 café</strong>" in seen and '"ratingCount": 1' in seen
    assert "Partie en une heure." not in seen
    assert "Partie en une heure." in page(member_client, recipe.url)
    TriedReport.objects.get().delete()
    assert "Aucun café ne l'a encore notée." in page(visitor, recipe.url)
    assert "Partie en une heure." not in page(member_client, recipe.url)


def test_a_visitor_never_gets_the_members_list_of_tries(member_client, recipe):
    TriedReport.objects.create(recipe=recipe, cafe=recipe.cafe, rating=3, comment="Commentaire interne.")
    assert "Commentaire interne." in page(member_client, recipe.url)  # the list is in the entry now
    visitor = page(Client(), recipe.url)
    assert "Commentaire interne." not in visitor and "try-list" not in visitor
    assert "testée dans <strong>1 café</strong>" in visitor


def test_a_members_only_recipe_stays_behind_the_login_once_its_fragments_are_cached(
    member_client, make_recipe
):
    recipe = make_recipe("Compote des adhérents", visibility=Visibility.MEMBERS)
    assert "Compote des adhérents" in page(member_client, recipe.url)
    response = Client().get(recipe.url)
    assert response.status_code == 302 and "Compote des adhérents" not in response.content.decode()


def test_a_preview_never_reads_nor_leaves_fragments(client, admin_client, make_recipe):
    recipe = make_recipe()
    live = page(client, recipe.url)
    recipe.title = "Titre du brouillon"
    recipe.ingredients = [RecipeIngredient(quantity=Decimal("3"), unit="kg", name="coings")]
    recipe.save_revision()
    draft = recipe.get_latest_revision_as_object()
    preview = draft.make_preview_request(original_request=None, preview_mode="").content.decode()
    assert "Titre du brouillon" in preview and "coings" in preview
    assert page(client, recipe.url) == live


def test_a_rejected_try_shows_what_was_typed_around_the_cached_fragments(member_client, recipe):
    page(member_client, recipe.url)
    response = member_client.post(recipe.url + "essai/", {"note": "9", "commentaire": "Très bonne recette."})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Choisissez une note de 1 à 5." in content and "Très bonne recette.</textarea>" in content
    assert "Étaler la pâte." in content
    assert "Très bonne recette." not in page(member_client, recipe.url)


def test_a_version_moves_on_at_once_and_again_after_the_commit(db, django_capture_on_commit_callbacks):
    cache.set(CONTENT_VERSION_KEY, 10, timeout=None)
    with django_capture_on_commit_callbacks(execute=True):
        content_changed(sender=None)
        assert cache.get(CONTENT_VERSION_KEY) == 11  # a reader inside the transaction builds anew
    assert cache.get(CONTENT_VERSION_KEY) == 12  # and one that read the database before the commit too


def test_each_cafe_gets_its_own_try_form_and_a_try_updates_it(member_client, recipe, make_cafe, make_user):
    other = Client()
    other.force_login(make_user("gerant-culhat", cafe=make_cafe(CULHAT, title="Le Comptoir de Culhat")))
    assert "Testée dans mon café : Le Comptoir de Culhat" in page(other, recipe.url)
    assert f"Testée dans mon café : {recipe.cafe.title}" in page(member_client, recipe.url)
    member_client.post(recipe.url + "essai/", {"note": "4", "commentaire": "Bien reçue."})
    own = page(member_client, recipe.url)
    assert f"Mettre à jour l'essai de {recipe.cafe.title}" in own
    assert 'value="4" id="id_note_1" required checked> 4 sur 5' in own
    assert ">\nBien reçue.</textarea>" in own
    others = page(other, recipe.url)
    assert "Testée dans mon café : Le Comptoir de Culhat" in others and " checked>" not in others
    assert ">\nBien reçue.</textarea>" not in others and "Bien reçue." in others  # in the list of tries
