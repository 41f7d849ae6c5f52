"""The recipe index (/recettes/): what a visitor may see, filtered, sorted and paginated in a fixed number of
queries (the rating figures come from `RecipeFigures`; photos, cafés and diets are fetched once per page of
results).
"""

from django.core.paginator import Paginator
from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from wagtail.images import get_image_model

from recettes.forms import RecipeFilterForm
from recettes.models import RecipePage, visible_recipes

PER_PAGE = 12
CARD_RENDITION = "fill-480x320"
# What a card shows (recipe_index_page.html): a full recipe row and its café's would be ten times as many
# columns for Django to compile and load.
CARD_FIELDS = (
    "title", "url_path", "course", "visibility", "total_minutes", "cost_per_portion", "photo",
    "cafe__title", "cafe__url_path", "figures__rating_average", "figures__tried_count",
)  # fmt: skip
RATING = F("figures__rating_average").desc(nulls_last=True)
TRIES = F("figures__tried_count").desc(nulls_last=True)


def for_cards(recipes: QuerySet) -> QuerySet:
    """What a recipe card shows, fetched in a constant number of queries."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return (
        recipes.select_related("cafe", "figures")
        .only(*CARD_FIELDS)
        .prefetch_related(Prefetch("photo", queryset=images), "diets")
        .order_by()
    )


def filtered(recipes: QuerySet, form: RecipeFilterForm) -> QuerySet:
    """Apply the filters that were typed correctly (a wrong one shows its error and is left out)."""
    data = form.cleaned_data if form.is_bound else {}
    if data.get("type"):
        recipes = recipes.filter(course=data["type"])
    if data.get("saison"):
        recipes = recipes.filter(months=timezone.localdate().month)
    if data.get("regime"):
        recipes = recipes.filter(diets__slug=data["regime"])
    if data.get("mot_cle"):
        recipes = recipes.filter(tags__slug=data["mot_cle"])
    if data.get("duree_max"):
        recipes = recipes.filter(total_minutes__lte=data["duree_max"])
    if data.get("cout_max") is not None:
        recipes = recipes.filter(cost_per_portion__lte=data["cout_max"])
    sort = data.get("tri") or "recentes"
    if sort == "mieux-notees":
        return recipes.order_by(RATING, TRIES, "-first_published_at", "-pk")
    if sort == "plus-testees":
        return recipes.order_by(TRIES, RATING, "-first_published_at", "-pk")
    return recipes.order_by("-first_published_at", "-pk")


def recipe_listing(request: HttpRequest) -> dict:
    form = RecipeFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # fills cleaned_data with the correct fields and errors for the others
    # Sort and cut on the ids alone, then load the page's cards: sorting whole rows (steps, joined cafés)
    # cost ten times more with a few thousand recipes.
    # Every recipe lives under the one index (RecipePage.parent_page_types, RecipeIndexPage.max_count): no
    # filter on the tree path, which no index answers.
    ids = filtered(visible_recipes(request.user), form).values_list("pk", flat=True)
    paginator = Paginator(ids, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    page_ids = list(page.object_list)  # read once: as a subquery of the cards' query the sort ran twice
    cards = {recipe.pk: recipe for recipe in for_cards(RecipePage.objects.filter(pk__in=page_ids))}
    page.object_list = [cards[pk] for pk in page_ids if pk in cards]
    for recipe in page.object_list:  # None for a recipe nobody tried yet (no figures row)
        recipe.card_figures = getattr(recipe, "figures", None)
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
