"""Recipes in the Wagtail admin (vocabularies as snippets, the cafés' tries) and on café pages."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from producteurs.models import ProducerPage
from recettes.models import Allergen, Diet, Ingredient, TriedReport, visible_recipes
from reseau.models import CafePage


class IngredientViewSet(SnippetViewSet):
    model = Ingredient
    icon = "tag"
    menu_label = "Ingrédients"
    list_display = ["name", "aliases"]
    search_fields = ["name", "aliases"]


class AllergenViewSet(SnippetViewSet):
    model = Allergen
    icon = "warning"
    menu_label = "Allergènes"
    list_display = ["name", "detail"]


class DietViewSet(SnippetViewSet):
    model = Diet
    icon = "tag"
    menu_label = "Régimes"


class TriedReportViewSet(SnippetViewSet):
    model = TriedReport
    icon = "pick"
    menu_label = "Essais dans les cafés"
    list_display = ["recipe", "cafe", "rating", "updated_at"]
    list_filter = ["rating"]


class RecipeVocabularies(SnippetViewSetGroup):
    items = (IngredientViewSet, AllergenViewSet, DietViewSet, TriedReportViewSet)
    menu_icon = "doc-full"
    menu_label = "Recettes"
    menu_name = "recettes"


register_snippet(RecipeVocabularies)


@hooks.register("reseau_page_sections")
def cafe_recipes(request, page) -> tuple[str, dict] | None:
    """On a café's page: the recipes it shared that the visitor may see."""
    if not isinstance(page, CafePage):
        return None
    recipes = list(visible_recipes(request.user).filter(cafe=page).order_by("title")[:12])
    if not recipes:
        return None
    return "recettes/includes/cafe_recipes.html", {"recipes": recipes}


@hooks.register("reseau_page_sections")
def producer_recipes(request, page) -> tuple[str, dict] | None:
    """On a producer's page: the recipes that use their products, among those the visitor may see."""
    if not isinstance(page, ProducerPage):
        return None
    recipes = list(visible_recipes(request.user).filter(producers=page).order_by("title")[:12])
    if not recipes:
        return None
    return "recettes/includes/producer_recipes.html", {"recipes": recipes}
