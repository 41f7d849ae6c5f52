"""A recipe's months, diets, allergens and tags, read in one SQL query.

Four ORM queries over the four relations cost more to build and compile than to run (about a fifth of a recipe
page's time); this one is built once from the models' metadata. A draft restored from its revision holds these
relations in memory, not in the database: it keeps the ORM's path.
"""

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import QuerySet
from taggit.models import Tag

from recettes.models import Allergen, Diet, Month, RecipePage, RecipePageTag


@dataclass
class RecipeLabels:
    months: list[Month]
    diets: list[Diet]
    allergens: list[Allergen]
    tags: list[Tag]


def _relations() -> list[tuple[str, type, str, str, str, str | None, str | None, str | None]]:
    """(kind, vocabulary, link table, its recipe column, its vocabulary column, code, extra, number order)."""
    relations = []
    for kind, model, code, extra, number in (
        ("month", Month, None, None, "number"),
        ("diet", Diet, "slug", "schema_org", None),
        ("allergen", Allergen, "code", None, "sort_order"),
    ):
        field = RecipePage._meta.get_field(f"{kind}s")
        link = field.remote_field.through._meta.db_table
        relations.append(
            (kind, model, link, field.m2m_column_name(), field.m2m_reverse_name(), code, extra, number)
        )
    tagged = RecipePageTag._meta
    recipe_column, tag_column = tagged.get_field("content_object").column, tagged.get_field("tag").column
    relations.append(("tag", Tag, tagged.db_table, recipe_column, tag_column, "slug", None, None))
    return relations


@cache
def _sql() -> str:
    # Only quoted table and column names from the models' metadata go into the text; the recipe is a value.
    quote = connection.ops.quote_name
    parts = []
    # Columns: kind, id, name, code, extra, then the vocabulary's order: a number (months, allergens) or the
    # name (diets, tags), in two columns of one type each for PostgreSQL.
    for kind, model, link, recipe_column, vocabulary_column, code, extra, number in _relations():
        table = quote(model._meta.db_table)
        pk, name = f"{table}.{quote(model._meta.pk.column)}", f"{table}.{quote('name')}"
        code_sql = f"{table}.{quote(code)}" if code else "''"
        extra_sql = f"{table}.{quote(extra)}" if extra else "''"
        order = f"{table}.{quote(number)}, ''" if number else f"0, {name}"
        parts.append(
            f"SELECT '{kind}', {pk}, {name}, {code_sql}, {extra_sql}, {order} FROM {table} "  # noqa: S608  # nosec B608
            f"INNER JOIN {quote(link)} ON {quote(link)}.{quote(vocabulary_column)} = {pk} "
            f"WHERE {quote(link)}.{quote(recipe_column)} = %s"
        )
    return " UNION ALL ".join(parts) + " ORDER BY 1, 6, 7"


def recipe_labels(page: RecipePage) -> RecipeLabels:
    if page.pk is None or not isinstance(page.months.all(), QuerySet):
        return RecipeLabels(
            list(page.months.all()), list(page.diets.all()), list(page.allergens.all()), list(page.tags.all())
        )
    labels = RecipeLabels([], [], [], [])
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [page.pk] * 4)
        for kind, pk, name, code, extra, _number, _name in cursor.fetchall():
            if kind == "month":
                labels.months.append(Month(number=pk, name=name))
            elif kind == "diet":
                labels.diets.append(Diet(id=pk, name=name, slug=code, schema_org=extra))
            elif kind == "allergen":
                labels.allergens.append(Allergen(id=pk, name=name, code=code))
            else:
                labels.tags.append(Tag(id=pk, name=name, slug=code))
    return labels
