"""Demo recipes (recettes.demo_data) under /recettes/, and the tries of the demo cafés; idempotent.

Recipes are found again by slug; their allergens are those the ingredient vocabulary derives, as an author
confirming the proposal would leave them.
"""

from django.utils.text import slugify
from wagtail.rich_text import RichText

from producteurs.models import ProducerPage
from recettes.demo_data import RECIPES, TRIES
from recettes.forms import parse_euros
from recettes.models import (
    Diet,
    IngredientMatcher,
    Month,
    RecipeIndexPage,
    RecipeIngredient,
    RecipePage,
    TriedReport,
)
from recettes.quantities import normalize_unit, parse_quantity
from reseau.models import CafePage, HomePage, Member

INDEX_INTRO = (
    "Les recettes qui ont marché dans les cafés du réseau : pour le nombre de couverts qu'il vous faut, "
    "avec leur coût matière et leurs allergènes."
)


def load(log) -> None:
    home = HomePage.objects.first()
    if home is None:
        log("Recettes : pas de page d'accueil, rien à charger")
        return
    index = RecipeIndexPage.objects.first() or home.add_child(
        instance=RecipeIndexPage(title="Recettes", slug="recettes", show_in_menus=True, intro=INDEX_INTRO)
    )
    cafes = {cafe.commune.insee: cafe for cafe in CafePage.objects.select_related("commune")}
    authors = {
        m.cafe.commune.insee: m.user for m in Member.objects.select_related("user", "cafe__commune") if m.cafe
    }
    months = Month.objects.in_bulk()
    diets = Diet.objects.in_bulk(field_name="slug")
    matcher = IngredientMatcher()
    existing = set(RecipePage.objects.values_list("slug", flat=True))
    created = 0
    for row in RECIPES:
        title, insee, course, difficulty, servings, (prep, cook, rest), month_numbers, diet_slugs = row[:8]
        visibility, description, lines, steps, tags, equipment = row[8:]
        slug = slugify(title)
        if slug in existing:
            continue
        recipe = RecipePage(
            title=title,
            slug=slug,
            description=description,
            cafe=cafes.get(insee),
            author=authors.get(insee),
            course=course,
            difficulty=difficulty,
            servings=servings,
            prep_minutes=prep,
            cook_minutes=cook,
            rest_minutes=rest,
            visibility=visibility,
            equipment=equipment,
            steps=[("step", {"text": RichText(f"<p>{text}</p>"), "photo": None}) for text in steps],
        )
        recipe.ingredients = [line_from(text, order) for order, text in enumerate(lines)]
        recipe.months = [months[n] for n in month_numbers]
        recipe.diets = [diets[s] for s in diet_slugs]
        recipe.allergens = list(matcher.allergens_for([line.name for line in recipe.ingredients.all()]))
        recipe.producers = local_producers(cafes.get(insee), [line.name for line in recipe.ingredients.all()])
        index.add_child(instance=recipe)
        recipe.tags.add(*tags)
        recipe.save_revision(user=authors.get(insee)).publish()
        created += 1
    recipes = {r.slug: r for r in RecipePage.objects.all()}
    for title, insee, rating, comment, adaptation in TRIES:
        TriedReport.objects.get_or_create(
            recipe=recipes[slugify(title)],
            cafe=cafes[insee],
            defaults={
                "member": authors.get(insee),
                "rating": rating,
                "comment": comment,
                "adaptation": adaptation,
            },
        )
    log(f"Recettes : {len(RECIPES)} recettes ({created} ajoutées), {len(TRIES)} essais dans les cafés")


def line_from(text: str, order: int) -> RecipeIngredient:
    quantity, unit, name, note, cost = text.split("|")
    return RecipeIngredient(
        quantity=parse_quantity(quantity),
        unit=normalize_unit(unit).value,
        name=name,
        note=note,
        cost=parse_euros(cost),
        sort_order=order,
    )


def local_producers(cafe: CafePage | None, ingredient_names: list[str]) -> list[ProducerPage]:
    """The producers the café buys from (their recommendations) whose products the recipe's lines name."""
    if cafe is None:
        return []
    lines = " ".join(name.lower() for name in ingredient_names)
    producers = (
        ProducerPage.objects.live().filter(recommendations__cafe=cafe).prefetch_related("offers__product")
    )
    return [
        producer
        for producer in producers.distinct()
        if any(
            word.rstrip("s") in lines
            for offer in producer.offers.all()
            for word in offer.product.name.lower().split()
            if len(word) > 3
        )
    ]
