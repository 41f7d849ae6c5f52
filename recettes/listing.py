"""The recipe index (/recettes/): what a visitor may see, filtered, sorted and paginated in a fixed number of
queries (the rating figures come from `RecipeFigures`; the cards' values, photos and diets are read once per
page of results).
"""

from collections import namedtuple
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.paginator import Paginator
from django.db.models import DecimalField, F, Func, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.utils import timezone

from recettes.forms import RecipeFilterForm
from recettes.models import RecipePage, listed_recipes
from reseau import access, page_cache
from reseau.access import Visibility
from reseau.compiled import CompiledQuery
from reseau.image_rows import image_columns, images

PER_PAGE = 12
CARD_RENDITION = "fill-480x320"
RATING = F("figures__rating_average").desc(nulls_last=True)
TRIES = F("figures__tried_count").desc(nulls_last=True)
CostField = partial(DecimalField, max_digits=8, decimal_places=2)


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


# Each filter of the form: how its typed value becomes a stand-in's value (an id or a text), and how it
# narrows the recipes. Bounds are compared to typed values: a stand-in out of a positive field's range would
# compile to no rows at all.
FILTERS: dict[str, tuple[Callable[[Any], int | str], Callable[[Any], Q]]] = {
    "type": (str, lambda course: Q(course=course)),
    "saison": (lambda _on: timezone.localdate().month, lambda month: Q(months=month)),
    "regime": (str, lambda slug: Q(diets__slug=slug)),
    "mot_cle": (str, lambda slug: Q(tags__slug=slug)),
    "duree_max": (int, lambda minutes: Q(total_minutes__lte=Value(minutes, output_field=IntegerField()))),
    "cout_max": (str, lambda euros: Q(cost_per_portion__lte=Cast(Value(euros), CostField()))),
}
SORTS = {
    "recentes": ("-listed_at", "-pk"),
    "mieux-notees": (RATING, TRIES, "-listed_at", "-pk"),
    "plus-testees": (TRIES, RATING, "-listed_at", "-pk"),
}


def _listed(shape: tuple[bool, tuple[str, ...], str | None], *values: int | str) -> QuerySet:
    """The ids of the listed recipes an audience sees, filtered and sorted (how many if `sort` is None)."""
    members, names, sort = shape
    recipes = listed_recipes(members=members)
    for name, value in zip(names, values, strict=True):
        recipes = recipes.filter(FILTERS[name][1](value))
    if sort is None:
        # COUNT as a plain function: as an aggregate, values_list() would group the rows by recipe.
        return recipes.order_by().values_list(Func("pk", function="COUNT", output_field=IntegerField()))
    return recipes.order_by(*SORTS[sort]).values_list("pk")


# Compiled once per audience, set of filters and sort: building and compiling the ORM's queries cost more than
# the cards.
LISTED = CompiledQuery(_listed)


def _filter_values(form: RecipeFilterForm) -> dict[str, int | str]:
    """The filters typed correctly, as their queries' values (a wrong one shows its error and is left out)."""
    data = form.cleaned_data if form.is_bound else {}
    return {
        name: convert(data[name])
        for name, (convert, _) in FILTERS.items()
        if data.get(name) is not None and data[name] != "" and data[name] is not False
    }


def recipe_listing(request: HttpRequest) -> dict:
    members = access.is_member(request.user)
    form = RecipeFilterForm(request.GET or None, members=members)
    if form.is_bound:
        form.is_valid()  # fills cleaned_data with the correct fields and errors for the others
    # Sort and cut on the ids alone, then load the page's cards: sorting whole rows (steps, joined cafés)
    # cost ten times more with a few thousand recipes.
    # Every recipe lives under the one index (RecipePage.parent_page_types, RecipeIndexPage.max_count): no
    # filter on the tree path, which no index answers.
    values = _filter_values(form)
    names = tuple(values)
    sort = (form.cleaned_data.get("tri") if form.is_bound else None) or "recentes"
    [(count,)] = LISTED.rows((members, names, None), *values.values())
    paginator = Paginator(range(count), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    offset = page.start_index() - 1 if count else 0
    rows = LISTED.rows((members, names, sort), *values.values(), limit=PER_PAGE, offset=offset)
    # The ids are read once: as a subquery of the cards' query the sort ran twice.
    page.object_list = recipe_cards(request, [pk for (pk,) in rows])
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "recipes": page,
        "paginator": paginator,
        "filter_query": query.urlencode(),
        "current_month": timezone.localdate().month,
    }
