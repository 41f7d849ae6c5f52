"""schema.org/Recipe for a recipe page, as JSON-LD (https://schema.org/Recipe).

Only ever rendered inside the recipe page itself, so a members-only recipe's data stays behind its login.
Built in two steps: what the recipe says, with its own URLs relative (`recipe_json_ld`, which
recettes.fragments caches), then at each request the absolute URLs (`for_request`).
"""

from django.http import HttpRequest
from django.utils.html import strip_tags

from recettes.facts import RecipeFacts
from recettes.models import RecipePage


def duration(minutes: int) -> str | None:
    """ISO 8601 duration ("PT1H15M"), or None for zero."""
    if not minutes:
        return None
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")


def recipe_json_ld(page: RecipePage, facts: RecipeFacts, figures: dict, url: str | None) -> dict:
    """The schema.org/Recipe of `page`, with its URL (`url`, the page's own when it is live) and its image's
    relative to the site; `figures` from recettes.views.tried_figures."""
    data = {
        "@context": "https://schema.org",
        "@type": "Recipe",
        "name": page.title,
        "description": page.description,
        "recipeYield": f"{page.servings} portions",
        "recipeCategory": page.get_course_display(),
        "recipeCuisine": "française",
        "recipeIngredient": [str(line) for line in page.lines],
        "recipeInstructions": [
            {"@type": "HowToStep", "position": position, "text": strip_tags(html).strip()}
            for position, (html, _photo) in enumerate(page.rendered_steps, start=1)
        ],
        "keywords": ", ".join(tag.name for tag in facts.tags),
        "suitableForDiet": [
            f"https://schema.org/{diet.schema_org}" for diet in facts.diets if diet.schema_org
        ],
    }
    for key, minutes in (
        ("prepTime", page.prep_minutes),
        ("cookTime", page.cook_minutes),
        ("totalTime", page.prep_minutes + page.cook_minutes + page.rest_minutes),
    ):
        if duration(minutes):
            data[key] = duration(minutes)
    if url:
        data["url"] = url
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.date().isoformat()
    if facts.cafe:
        data["author"] = {"@type": "Organization", "name": facts.cafe.title}
    if page.photo_id:
        data["image"] = [page.photo.get_rendition("fill-1200x800").url]
    if figures.get("count"):
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(figures["average"], 1),
            "ratingCount": figures["count"],
            "bestRating": 5,
            "worstRating": 1,
        }
    return {key: value for key, value in data.items() if value not in ("", [], None)}


def for_request(data: dict, request: HttpRequest) -> dict:
    """`data` from recipe_json_ld with absolute URLs, as the request reached the site."""
    data = dict(data)  # the same keys, in the same order
    if "url" in data:
        data["url"] = request.build_absolute_uri(data["url"])
    if "image" in data:
        data["image"] = [request.build_absolute_uri(url) for url in data["image"]]
    return data
