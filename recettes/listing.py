"""The recipe index (/recettes/): what a visitor may see, filtered, sorted and paginated in a fixed number of
queries (the rating figures are subqueries, photos, cafés and diets are fetched once per page of results).
"""

from django.core.paginator import Paginator
from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from wagtail.images import get_image_model

from recettes.forms import RecipeFilterForm
from recettes.models import RecipeIndexPage, TriedReport, visible_recipes

PER_PAGE = 12
CARD_RENDITION = "fill-480x320"


def with_figures(recipes: QuerySet) -> QuerySet:
    """Recipes annotated with their average rating and number of cafés that tried them."""
    return recipes.annotate(**TriedReport.objects.for_recipes())


def for_cards(recipes: QuerySet) -> QuerySet:
    """What a recipe card shows, fetched in a constant number of queries."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return recipes.select_related("cafe__commune").prefetch_related(
        Prefetch("photo", queryset=images), "diets"
    )


def filtered(recipes: QuerySet, form: RecipeFilterForm) -> QuerySet:
    """Apply the filters that were typed correctly (a wrong one shows its error and is left out)."""
    data = form.cleaned_data if form.is_bound else {}
    if data.get("type"):
        recipes = recipes.filter(course=data["type"])
    if data.get("saison"):
        recipes = recipes.filter(months=timezone.localdate().month)
    if data.get("regime"):
        recipes = recipes.filter(diets=data["regime"])
    if data.get("mot_cle"):
        recipes = recipes.filter(tags=data["mot_cle"])
    if data.get("duree_max"):
        recipes = recipes.filter(total_minutes__lte=data["duree_max"])
    if data.get("cout_max") is not None:
        recipes = recipes.filter(cost_per_portion__lte=data["cout_max"])
    sort = data.get("tri") or "recentes"
    if sort == "mieux-notees":
        return recipes.order_by(
            F("rating_average").desc(nulls_last=True), "-tried_count", "-first_published_at"
        )
    if sort == "plus-testees":
        return recipes.order_by(
            "-tried_count", F("rating_average").desc(nulls_last=True), "-first_published_at"
        )
    return recipes.order_by("-first_published_at", "-pk")


def recipe_listing(index: RecipeIndexPage, request: HttpRequest) -> dict:
    form = RecipeFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # fills cleaned_data with the correct fields and errors for the others
    recipes = for_cards(filtered(with_figures(visible_recipes(request.user, index)), form))
    paginator = Paginator(recipes, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "recipes": page,
        "paginator": paginator,
        "filter_query": query.urlencode(),
        "card_rendition": CARD_RENDITION,
        "current_month": timezone.localdate().month,
    }
