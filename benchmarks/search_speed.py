"""Speed of the network-wide search on the embedded backends: indexing rate and query latency.

For SQLite and PostgreSQL in turn: a throwaway database is migrated, 100,000 mixed documents (cafés, pages
and the content types to come: recipes, events, producers, forum threads, with their facets) are indexed
through DatabaseBackend.rebuild, then gunicorn serves the site and 200 realistic queries with facets are timed
one after the other, beside the minimal view /sante/ measured in the same run.

    .venv/bin/python benchmarks/search_speed.py [--documents 100000] [--backends sqlite,postgres]
"""

import json
import random
import subprocess
import sys
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import ROOT, Result, database_env, drop_database, hammer, manage, server, setup_django  # noqa: E402

DISHES = [
    "tarte aux pommes",
    "soupe de potiron",
    "quiche aux poireaux",
    "gratin dauphinois",
    "crêpes au sarrasin",
    "pâté aux pommes de terre",
    "clafoutis aux cerises",
    "potée auvergnate",
    "salade de lentilles",
    "fondue savoyarde",
    "galette des rois",
    "compote de poires",
    "confiture de mûres",
    "pain d'épices",
]
SERVICES = [
    "épicerie",
    "relais poste",
    "dépôt de pain",
    "point presse",
    "accès numérique",
    "portage de repas",
    "location de vélos",
    "point information",
    "marché de producteurs",
    "atelier couture",
]
EVENTS = [
    "concert",
    "soirée jeux",
    "repair café",
    "bal folk",
    "conférence",
    "atelier cuisine",
    "loto",
    "projection",
    "marché de Noël",
    "fête du village",
]
PRODUCTS = [
    "fromage de chèvre",
    "miel",
    "œufs",
    "légumes de saison",
    "pommes",
    "bière artisanale",
    "farine",
    "volailles",
    "jus de pomme",
    "lentilles vertes",
]
WORDS = [
    "village",
    "habitants",
    "gérante",
    "bénévoles",
    "commune",
    "mairie",
    "association",
    "dimanche",
    "producteur",
    "ferme",
    "recette",
    "saison",
    "voisins",
    "enfants",
    "aînés",
    "café",
    "bourg",
    "place",
]
REGIONS = [
    ("84", "Auvergne-Rhône-Alpes"),
    ("27", "Bourgogne-Franche-Comté"),
    ("53", "Bretagne"),
    ("24", "Centre-Val de Loire"),
    ("44", "Grand Est"),
    ("32", "Hauts-de-France"),
    ("28", "Normandie"),
    ("75", "Nouvelle-Aquitaine"),
    ("76", "Occitanie"),
    ("52", "Pays de la Loire"),
]
SEASONS = [("printemps", "Printemps"), ("ete", "Été"), ("automne", "Automne"), ("hiver", "Hiver")]
DIETS = [("vegetarien", "Végétarien"), ("vegan", "Végan"), ("sans-gluten", "Sans gluten")]
LABELS = [("bio", "Agriculture biologique"), ("aop", "AOP"), ("label-rouge", "Label rouge")]
KINDS = [("recette", "Recette", DISHES), ("evenement", "Évènement", EVENTS),
         ("producteur", "Producteur", PRODUCTS), ("sujet", "Sujet du forum", WORDS),
         ("cafe", "Café", SERVICES), ("page", "Page", WORDS)]  # fmt: skip


def sentence(rng: random.Random, topic: list[str]) -> str:
    return (f"{rng.choice(topic).capitalize()} avec les {rng.choice(WORDS)} : {rng.choice(SERVICES)}, "
            f"{rng.choice(PRODUCTS)} et {rng.choice(DISHES)} le {rng.choice(WORDS)}.")  # fmt: skip


def documents(count: int):
    from search.documents import DocumentData

    rng = random.Random(2026)
    for number in range(count):
        kind, label, topic = KINDS[number % len(KINDS)]
        region = rng.choice(REGIONS)
        place = f"{rng.choice(['du', 'de la', 'au'])} {rng.choice(WORDS)}"
        title = f"{rng.choice(topic).capitalize()} {place} {number}"
        facets = {"type": [(kind, label)], "region": [region]}
        if kind == "recette":
            facets["saison"] = [rng.choice(SEASONS)]
            facets["regime"] = rng.sample(DIETS, rng.randint(0, 2))
        if kind == "producteur":
            facets["label"] = rng.sample(LABELS, rng.randint(0, 2))
        facets["tag"] = [(w, w) for w in rng.sample(WORDS, 2)]
        yield DocumentData(
            kind=kind, object_id=str(number), natural_key=f"{kind}-{number}", title=title,
            body=" ".join(sentence(rng, topic) for _ in range(5)), url=f"/{kind}/{number}/",
            visibility="public" if rng.random() < 0.8 else "membres",
            region_code=region[0], region_name=region[1], facets=facets, suggestions=[title],
        )  # fmt: skip


def queries(count: int = 200) -> list[str]:
    rng = random.Random(9)
    paths = []
    for _ in range(count):
        pool = rng.choice([DISHES, SERVICES, EVENTS, PRODUCTS])
        text = rng.choice(pool)
        if rng.random() < 0.2:
            text = f'"{text}"'
        elif rng.random() < 0.3:
            text = f"{text} {rng.choice(WORDS)}"
        params = [("q", text)]
        if rng.random() < 0.6:
            params.append(("region", rng.choice(REGIONS)[0]))
        if rng.random() < 0.4:
            params.append(("type", rng.choice(KINDS)[0]))
        if rng.random() < 0.3:
            params.append(("saison", rng.choice(SEASONS)[0]))
        paths.append("/recherche/?" + urlencode(params))
    return paths


def seed(count: int) -> None:
    """Run inside the benchmark's database: index `count` documents, print the rate as JSON."""
    import os

    setup_django(dict(os.environ))
    from search.database import DatabaseBackend

    started = time.perf_counter()
    total = DatabaseBackend().rebuild(documents(count))
    seconds = time.perf_counter() - started
    print(json.dumps({"documents": total, "seconds": seconds}))


def timed(base: str, paths: list[str]) -> Result:
    host, port = base.removeprefix("http://").split(":")
    connection = HTTPConnection(host, int(port), timeout=30)
    latencies, errors = [], 0
    started = time.perf_counter()
    for path in paths:
        start = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            latencies.append(time.perf_counter() - start)
        else:
            errors += 1
    return Result("/recherche/ (200 requêtes avec facettes)", len(latencies), errors,
                  time.perf_counter() - started, latencies)  # fmt: skip


def main() -> None:
    count = int(sys.argv[sys.argv.index("--documents") + 1]) if "--documents" in sys.argv else 100_000
    if "--seed" in sys.argv:
        seed(count)
        return
    paths = queries()
    backends = sys.argv[sys.argv.index("--backends") + 1] if "--backends" in sys.argv else "sqlite,postgres"
    for kind in backends.split(","):
        env = database_env(kind)
        try:
            manage(env, "migrate", "--noinput")
            output = subprocess.run(  # noqa: S603 - this very script
                [sys.executable, __file__, "--seed", "--documents", str(count)],
                cwd=ROOT, env=env, capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            indexed = json.loads(output.strip().splitlines()[-1])
            print(f"== {kind} : {indexed['documents']} documents indexés en {indexed['seconds']:.1f} s "
                  f"({indexed['documents'] / indexed['seconds']:.0f} documents/s)")  # fmt: skip
            with server(env, workers=1) as base:
                timed(base, paths[:20])  # warm-up: connections, caches
                baseline = hammer(base, "/sante/", seconds=3, concurrency=1)
                searches = timed(base, paths)
            print("   " + baseline.line())
            print("   " + searches.line(baseline))
        finally:
            drop_database(env)


if __name__ == "__main__":
    main()
