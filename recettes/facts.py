"""What a recipe page lists about its recipe besides its own row and lines: the café that shared it, months,
diets, allergens, tags, the live producers it uses and the tries of the cafés that tried it (newest first),
read in one SQL query.

Seven ORM queries (or joins of wide page rows) over these relations cost more to build and compile than to
run (about a third of a recipe page's time). The ORM still writes the query, once per process
(reseau.compiled): each relation is a values_list of the same eight columns, and every page runs their
UNION ALL with its own recipe. A draft restored from its revision holds its relations in memory, not in the
database: it keeps the ORM's path.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import CharField, F, IntegerField, QuerySet, Value, Window
from django.db.models.functions import Cast, RowNumber
from taggit.models import Tag

from producteurs.models import ProducerPage
from recettes.models import Allergen, Diet, Month, RecipePage, TriedReport
from reseau.compiled import CompiledQuery
from reseau.geography import fold_name
from reseau.models import CafePage


@dataclass(frozen=True)
class PageLink:
    title: str
    url: str | None
    commune: str = ""
    department: str = ""


@dataclass(frozen=True)
class TryRow:
    """A café's try of a recipe: its rating, and the comments that only members read."""

    cafe_id: int
    rating: int
    comment: str
    adaptation: str
    cafe_title: str
    region: str  # "" when unknown


@dataclass
class RecipeFacts:
    cafe: PageLink | None
    months: list[Month]
    diets: list[Diet]
    allergens: list[Allergen]
    tags: list[Tag]
    producers: list[PageLink]
    tries: list[TryRow]  # newest first


def _text(value: str = "") -> Value:
    return Value(value, output_field=CharField())


def _number(value: int = 0) -> Value:
    return Value(value, output_field=IntegerField())


def _parts(recipe: int) -> list[QuerySet]:
    """Columns: kind, id, name, code, extra, detail, then the order within the kind (a number, a text); a
    try fills them its own way (`_tries`)."""
    return [
        CafePage.objects.filter(recipes=recipe).values_list(
            _text("cafe"), "id", "title", "url_path", _text(), _text(), _number(), _text()
        ),
        Month.objects.filter(recipes=recipe).values_list(
            _text("month"), "number", "name", _text(), _text(), _text(), "number", _text()
        ),
        Diet.objects.filter(recipes=recipe).values_list(
            _text("diet"), "id", "name", "slug", "schema_org", _text(), _number(), "name"
        ),
        Allergen.objects.filter(recipes=recipe).values_list(
            _text("allergen"), "id", "name", "code", _text(), _text(), "sort_order", _text()
        ),
        Tag.objects.filter(recettes_recipepagetag_items__content_object=recipe).values_list(
            _text("tag"), "id", "name", "slug", _text(), _text(), _number(), "name"
        ),
        ProducerPage.objects.filter(recipes=recipe, live=True).values_list(
            _text("producer"),
            "id",
            "title",
            "url_path",
            "commune__name",
            "commune__department__name",
            _number(),
            "title",
        ),  # fmt: skip
        _tries(recipe),
    ]


def _tries(recipe: int) -> QuerySet:
    """A recipe's tries in the facts' columns: the café, its title, the comment, the adaptation, the region,
    the rank of the try (newest first) and the rating (as a text, as the other facts' last column)."""
    newest_first = Window(RowNumber(), order_by=[F("updated_at").desc(), F("pk").desc()])
    return TriedReport.objects.filter(recipe=recipe).values_list(
        _text("try"),
        "cafe_id",
        "cafe__title",
        "comment",
        "adaptation",
        "cafe__commune__department__region__name",
        newest_first,
        Cast("rating", CharField()),
    )  # fmt: skip


def _union(recipe: int) -> QuerySet:
    first, *others = (part.order_by() for part in _parts(recipe))
    return first.union(*others, all=True)


FACTS = CompiledQuery(lambda shape, recipe: _union(recipe))


def _rows(recipe_id: int) -> list[tuple]:
    rows = FACTS.rows(None, recipe_id)
    return sorted(rows, key=lambda row: (row[0], row[6] or 0, fold_name(row[7] or "")))


def read_from_database(page: RecipePage) -> bool:
    """Whether `page` is a saved recipe's row, not a revision's draft (whose relations are in memory)."""
    return page.pk is not None and isinstance(page.months.all(), QuerySet)


def recipe_facts(page: RecipePage, url_for: Callable[[str], str | None]) -> RecipeFacts:
    """`url_for`: a page's URL from its url_path (the request's `Frame.url_for`)."""
    if not read_from_database(page):
        return _facts_in_memory(page, url_for)
    facts = RecipeFacts(None, [], [], [], [], [], [])
    rows = _rows(page.pk)
    for kind, pk, name, code, extra, detail, _number_order, _text_order in rows:
        if kind == "cafe":
            facts.cafe = PageLink(name, url_for(code))
        elif kind == "month":
            facts.months.append(Month(number=pk, name=name))
        elif kind == "diet":
            facts.diets.append(Diet(id=pk, name=name, slug=code, schema_org=extra))
        elif kind == "allergen":
            facts.allergens.append(Allergen(id=pk, name=name, code=code))
        elif kind == "tag":
            facts.tags.append(Tag(id=pk, name=name, slug=code))
        elif kind == "producer":
            facts.producers.append(PageLink(name, url_for(code), extra, detail))
    facts.tries = _try_rows(rows)
    return facts


def _try_rows(rows: list[tuple]) -> list[TryRow]:
    """The tries among sorted rows of the facts' columns (`_tries` says which is which)."""
    return [
        TryRow(cafe_id, int(rating), comment, adaptation, title, region or "")
        for kind, cafe_id, title, comment, adaptation, region, _rank, rating in rows
        if kind == "try"
    ]


def _facts_in_memory(page: RecipePage, url_for: Callable[[str], str | None]) -> RecipeFacts:
    """A draft's relations, from its revision; the tries are the saved recipe's, if it has been saved."""
    producers = []
    for producer in page.producers.all():
        if producer.live:
            commune = producer.commune
            producers.append(
                PageLink(producer.title, url_for(producer.url_path), commune.name, commune.department.name)
            )
    tries = [] if page.pk is None else _try_rows(_rows(page.pk))
    cafe = page.cafe
    return RecipeFacts(
        PageLink(cafe.title, url_for(cafe.url_path)) if cafe else None,
        list(page.months.all()),
        list(page.diets.all()),
        list(page.allergens.all()),
        list(page.tags.all()),
        producers,
        tries,
    )
