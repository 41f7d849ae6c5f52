"""Fixtures of the recipe tests: the /recettes/ index and a small factory of published recipes."""

from decimal import Decimal

import pytest
from wagtail.rich_text import RichText

from recettes.models import Allergen, Diet, Month, RecipeIndexPage, RecipeIngredient, RecipePage
from reseau.access import Visibility


@pytest.fixture
def recipe_index(home):
    return home.add_child(instance=RecipeIndexPage(title="Recettes", slug="recettes", show_in_menus=True))


@pytest.fixture
def make_recipe(recipe_index, cafe):
    def make(
        title: str = "Tarte aux pommes du verger",
        *,
        lines=None,
        months=(),
        diets=(),
        allergens=(),
        tags=(),
        visibility=Visibility.PUBLIC,
        **fields,
    ) -> RecipePage:
        recipe = RecipePage(
            title=title,
            description="La tarte du dimanche, avec les pommes du verger communal.",
            cafe=fields.pop("cafe", cafe),
            visibility=visibility,
            servings=fields.pop("servings", 6),
            prep_minutes=fields.pop("prep_minutes", 20),
            cook_minutes=fields.pop("cook_minutes", 35),
            steps=fields.pop(
                "steps",
                [
                    ("step", {"text": RichText("<p>Étaler la pâte.</p>"), "photo": None}),
                    ("step", {"text": RichText("<p>Cuire 35 min à 180 °C.</p>"), "photo": None}),
                ],
            ),
            **fields,
        )
        lines = (
            lines
            if lines is not None
            else [
                ("250", "g", "farine de blé", "", "0.30"),
                ("125", "g", "beurre", "froid", "1.20"),
                ("3", "", "œufs", "", "0.90"),
                ("1", "kg", "pommes", "", "2.40"),
                (None, "pincée", "sel", "", None),
            ]
        )
        recipe.ingredients = [
            RecipeIngredient(
                quantity=Decimal(q) if q else None,
                unit=u,
                name=n,
                note=note,
                cost=Decimal(c) if c else None,
                sort_order=i,
            )
            for i, (q, u, n, note, c) in enumerate(lines)
        ]
        recipe.months = list(Month.objects.filter(number__in=months))
        recipe.diets = list(Diet.objects.filter(slug__in=diets))
        recipe.allergens = list(Allergen.objects.filter(code__in=allergens))
        recipe_index.add_child(instance=recipe)
        recipe.tags.add(*tags)
        recipe.save_revision().publish()
        return RecipePage.objects.get(pk=recipe.pk)

    return make  # fmt: skip


@pytest.fixture
def recipe(make_recipe):
    return make_recipe(allergens=["gluten", "lait", "oeufs"], months=[9, 10, 11], diets=["vegetarien"],
                       tags=["goûter"])  # fmt: skip
