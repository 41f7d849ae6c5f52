"""The recipe index (/recettes/): what a visitor may see, filtered, sorted and paginated in a fixed number of
queries (the rating figures come from `RecipeFigures`; the cards' values, photos and diets are read once per
page of results).
"""

from collections import namedtuple
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from recettes.forms import RecipeFilterForm
from recettes.models import RecipePage, visible_recipes
from reseau import access, page_cache
from reseau.access import Visibility
from reseau.compiled import CompiledQuery
from reseau.image_rows import image_columns, images

PER_PAGE = 12
CARD_RENDITION = "fill-480x320"
RATING = F("figures__rating_average").desc(nulls_last=True)
TRIES = F("figures__tried_count").desc(nulls_last=True)


@dataclass(frozen=True)
class RecipeCard:
    """What a card of the index shows (recipe_index_page.html), read as plain values: building a Wagtail
    page and its café's for each card cost more than rendering it."""

    title: str
    url: str | None
    course: str
    members_only: bool
    cafe_title: str | None
    total_minutes: int
    cost_per_portion: Decimal | None
    photo: object | None
    rating_average: float | None
    tried_count: int
    diets: tuple[str, ...]


CARD_FIELDS = (
    "pk", "title", "url_path", "course", "visibility", "total_minutes", "cost_per_portion", "cafe__title",
    "figures__rating_average", "figures__tried_count",
)  # fmt: skip
CardRow = namedtuple("CardRow", [field.replace("__", "_") for field in CARD_FIELDS])
CARD_ROWS = CompiledQuery(
    lambda count, *ids: (
        RecipePage.objects.filter(pk__in=ids).order_by().values_list(*CARD_FIELDS, *image_columns("photo"))
    )
)
CARD_DIETS = CompiledQuery(
    lambda count, *ids: (
        RecipePage.diets.through.objects.filter(recipepage_id__in=ids)
        .order_by("diet__name")
        .values_list("recipepage_id", "diet__name")
    )
)


def recipe_cards(request: HttpRequest, ids: list[int]) -> list[RecipeCard]:
    """The cards of the recipes `ids`, in that order, in two queries (three when some have a photo: its
    renditions)."""
    if not ids:
        return []
    found = CARD_ROWS.rows(len(ids), *ids)
    photos = images(found, start=len(CARD_FIELDS))
    card_rows = (CardRow._make(row[: len(CARD_FIELDS)]) for row in found)
    rows = {row.pk: (row, photo) for row, photo in zip(card_rows, photos, strict=True)}
    diets: dict[int, list[str]] = {}
    for recipe_id, name in CARD_DIETS.rows(len(ids), *ids):
        diets.setdefault(recipe_id, []).append(name)
    frame, courses = page_cache.frame(request), dict(RecipePage.Course.choices)
    cards = []
    for pk in ids:
        if pk not in rows:  # unpublished between the two queries
            continue
        row, photo = rows[pk]
        cards.append(
            RecipeCard(
                title=row.title,
                url=frame.url_for(row.url_path),
                course=courses.get(row.course, row.course),
                members_only=row.visibility == Visibility.MEMBERS,
                cafe_title=row.cafe_title,
                total_minutes=row.total_minutes,
                cost_per_portion=row.cost_per_portion,
                photo=photo,
                rating_average=row.figures_rating_average,
                tried_count=row.figures_tried_count or 0,
                diets=tuple(diets.get(pk, ())),
            )
        )
    return cards


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
        return recipes.order_by(RATING, TRIES, "-listed_at", "-pk")
    if sort == "plus-testees":
        return recipes.order_by(TRIES, RATING, "-listed_at", "-pk")
    return recipes.order_by("-listed_at", "-pk")


def recipe_listing(request: HttpRequest) -> dict:
    form = RecipeFilterForm(request.GET or None, members=access.is_member(request.user))
    if form.is_bound:
        form.is_valid()  # fills cleaned_data with the correct fields and errors for the others
    # Sort and cut on the ids alone, then load the page's cards: sorting whole rows (steps, joined cafés)
    # cost ten times more with a few thousand recipes.
    # Every recipe lives under the one index (RecipePage.parent_page_types, RecipeIndexPage.max_count): no
    # filter on the tree path, which no index answers.
    ids = filtered(visible_recipes(request.user), form).values_list("pk", flat=True)
    paginator = Paginator(ids, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    # The ids are read once: as a subquery of the cards' query the sort ran twice.
    page.object_list = recipe_cards(request, list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "recipes": page,
        "paginator": paginator,
        "filter_query": query.urlencode(),
        "current_month": timezone.localdate().month,
    }
