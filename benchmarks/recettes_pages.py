"""Recipe index and recipe page throughput with 5,000 recipes, as ratios to the minimal view (/sante/).

Seeds a throwaway database (SQLite by default, `--postgres` for PostgreSQL) with 5,000 public recipes of
8 ingredient lines, months, diets, tags and tries, then hammers /sante/, /recettes/ (newest, then best rated)
and one recipe page served by gunicorn, uncached. Target from the issue: ≥ 20 % of the minimal view.
Run: `.venv/bin/python benchmarks/recettes_pages.py [--postgres] [--seconds 5]`.
"""

import argparse
import random
import socket
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import database_env, drop_database, hammer, manage, server, setup_django  # noqa: E402

RECIPES = 5000
LINES = [("250", "g", "farine de blé", "0.30"), ("3", "", "œufs", "0.75"), ("125", "g", "beurre", "1.25"),
         ("50", "cl", "lait", "0.55"), ("1", "kg", "pommes", "2.40"), ("100", "g", "sucre", "0.15"),
         (None, "pincée", "sel", None), ("1", "sachet", "levure chimique", "0.15")]  # fmt: skip


def seed() -> str:
    """5,000 recipes under /recettes/, inserted in bulk through treebeard; returns one recipe's URL."""
    from django.conf import settings
    from django.db import transaction
    from wagtail.rich_text import RichText

    from recettes.models import Diet, Month, RecipeIndexPage, RecipeIngredient, RecipePage, TriedReport
    from reseau.demo import CAFES, ensure_cafes, ensure_home
    from tests import geo

    for row in CAFES:  # the demo cafés' real communes, without importing all 34,931
        geo.commune(row[0])
    # Seeding only: the search index is not what is measured, and updating it per page takes most of the time.
    for backend in settings.WAGTAILSEARCH_BACKENDS.values():
        backend["AUTO_UPDATE"] = False
    home = ensure_home()
    cafes = list(ensure_cafes(home).values())
    index = home.add_child(instance=RecipeIndexPage(title="Recettes", slug="recettes", show_in_menus=True))
    months, diets = list(Month.objects.all()), list(Diet.objects.all())
    rng = random.Random(42)
    started = time.perf_counter()
    with transaction.atomic():
        for n in range(RECIPES):
            recipe = RecipePage(
                title=f"Recette de mesure {n}",
                slug=f"recette-{n}",
                description="Une recette de café pour la mesure.",
                cafe=cafes[n % len(cafes)],
                visibility="public",
                servings=6,
                prep_minutes=rng.randint(5, 60),
                cook_minutes=rng.randint(0, 90),
                course=rng.choice(["entree", "plat", "dessert", "boisson", "snacking"]),
                steps=[("step", {"text": RichText(f"<p>Étape {i}.</p>"), "photo": None}) for i in range(4)],
            )
            recipe.ingredients = [
                RecipeIngredient(quantity=Decimal(q) if q else None, unit=u, name=name,
                                 cost=Decimal(c) if c else None, sort_order=i)
                for i, (q, u, name, c) in enumerate(LINES)
            ]  # fmt: skip
            recipe.months = rng.sample(months, 3)
            recipe.diets = rng.sample(diets, 1)
            index.add_child(instance=recipe)
            recipe.tags.add(rng.choice(["goûter", "marché", "plat du jour", "apéro"]))
            for cafe in rng.sample(cafes, rng.randint(0, 3)):
                TriedReport.objects.create(
                    recipe=recipe, cafe=cafe, rating=rng.randint(1, 5), comment="Bien."
                )
            if n % 500 == 499:
                print(f"  {n + 1} recettes ({time.perf_counter() - started:.0f} s)", flush=True)
    return RecipePage.objects.get(slug=f"recette-{RECIPES // 2}").url


def free_port() -> int:
    """Another benchmark may be running on the harness's default port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    env = database_env("postgres" if args.postgres else "sqlite")
    try:
        print(f"Base : {env['DATABASE_URL'].split('://')[0]} ; migration…", flush=True)
        manage(env, "migrate", "--noinput")
        setup_django(env)
        print(f"Création de {RECIPES} recettes…", flush=True)
        recipe_url = seed()
        with server(env, port=free_port()) as base:
            for path in ("/sante/", "/recettes/", recipe_url):  # warm-up (renditions, caches)
                hammer(base, path, seconds=0.5)
            baseline = hammer(base, "/sante/", seconds=args.seconds)
            print(baseline.line())
            for path in (
                "/recettes/",
                "/recettes/?tri=mieux-notees",
                "/recettes/?type=dessert&saison=on&page=3",
                recipe_url,
                recipe_url + "?couverts=12",
                recipe_url + "fiche-technique/?couverts=40",
            ):
                result = hammer(base, path, seconds=args.seconds)
                print(result.line(baseline))
    finally:
        drop_database(env)


if __name__ == "__main__":
    main()
