"""The index lists recipes on their own row (`RecipePage.listed_at`): it must follow every way Wagtail makes a
page live or not, including through a plain `Page` and a revision saved before the recipe was live."""

from django.test import Client
from wagtail.models import Page

from recettes.models import RecipePage
from reseau.access import Visibility


def titles_listed() -> str:
    return Client().get("/recettes/").content.decode()


def listed_at(recipe: RecipePage):
    return RecipePage.objects.values_list("listed_at", flat=True).get(pk=recipe.pk)


def add_recipe(recipe_index, cafe, title: str, **fields) -> RecipePage:
    recipe = RecipePage(title=title, description="La recette de la semaine au café.", cafe=cafe,
                        visibility=Visibility.PUBLIC, **fields)  # fmt: skip
    return recipe_index.add_child(instance=recipe)


def test_a_published_recipe_is_listed_from_its_first_publication(make_recipe):
    recipe = make_recipe("Clafoutis aux cerises")
    assert listed_at(recipe) == recipe.first_published_at
    assert "Clafoutis aux cerises" in titles_listed()


def test_unpublishing_through_a_plain_page_unlists_and_republishing_lists_again(make_recipe):
    recipe = make_recipe("Clafoutis aux cerises")
    first = recipe.first_published_at
    Page.objects.get(pk=recipe.pk).unpublish()  # what Wagtail's admin and scheduled expiry do
    assert listed_at(recipe) is None
    assert "Clafoutis aux cerises" not in titles_listed()
    recipe.refresh_from_db()
    recipe.save_revision().publish()
    assert listed_at(recipe) == first
    assert "Clafoutis aux cerises" in titles_listed()


def test_a_draft_is_not_listed_until_published(recipe_index, cafe):
    draft = add_recipe(recipe_index, cafe, "Soupe au potiron", live=False)
    revision = draft.save_revision()
    assert listed_at(draft) is None and "Soupe au potiron" not in titles_listed()
    revision.publish()
    draft.refresh_from_db()
    assert listed_at(draft) == draft.first_published_at is not None
    assert "Soupe au potiron" in titles_listed()


def test_publishing_a_revision_saved_while_unlisted_keeps_the_recipe_listed(recipe_index, cafe):
    draft = add_recipe(recipe_index, cafe, "Soupe au potiron", live=False)
    old = draft.save_revision()  # holds listed_at = None
    old.publish()
    draft.refresh_from_db()
    first = draft.first_published_at
    draft.save_revision().publish()
    old.publish()  # back to the old content
    assert listed_at(draft) == first


def test_a_recipe_made_live_without_a_publication_is_listed(recipe_index, cafe):
    imported = add_recipe(recipe_index, cafe, "Pâté aux pommes de terre")
    assert imported.live and imported.first_published_at is None
    stamp = listed_at(imported)
    assert stamp is not None and "Pâté aux pommes de terre" in titles_listed()
    imported.save()
    assert listed_at(imported) == stamp  # a later save does not move it to the top


def test_a_live_copy_is_listed_and_an_unpublished_copy_is_not(make_recipe, recipe_index):
    recipe = make_recipe("Clafoutis aux cerises")
    live = recipe.copy(update_attrs={"title": "Clafoutis (copie)", "slug": "clafoutis-copie"})
    draft = recipe.copy(update_attrs={"title": "Clafoutis (brouillon)", "slug": "clafoutis-brouillon"},
                        keep_live=False)  # fmt: skip
    assert listed_at(live) is not None and listed_at(draft) is None
    listed = titles_listed()
    assert "Clafoutis (copie)" in listed and "Clafoutis (brouillon)" not in listed
