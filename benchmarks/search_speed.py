"""Speed of the network-wide search on the embedded backends: indexing rate and query latency.

For SQLite and PostgreSQL in turn: a throwaway database is migrated, 100,000 mixed documents (cafés, pages
and the content types to come: recipes, events, producers, forum threads, with their facets) are indexed
through DatabaseBackend.rebuild, then gunicorn serves the site and 200 realistic queries with facets are timed
one after the other, three times over, beside the minimal view /sante/ measured in the same run.

    .venv/bin/python benchmarks/search_speed.py [--documents 100000] [--backends sqlite,postgres]
"""

import ast
import csv
import json
import random
import re
import statistics
import subprocess
import sys
import time
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

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


def facet_values(rng: random.Random, kind: str, label: str, region: tuple[str, str]) -> dict:
    """A document's facets: type, region, a recipe's season and diets, a producer's labels, two tags."""
    facets = {"type": [(kind, label)], "region": [region]}
    if kind == "recette":
        facets["saison"] = [rng.choice(SEASONS)]
        facets["regime"] = rng.sample(DIETS, rng.randint(0, 2))
    if kind == "producteur":
        facets["label"] = rng.sample(LABELS, rng.randint(0, 2))
    facets["tag"] = [(w, w) for w in rng.sample(WORDS, 2)]
    return facets


def dense_documents(count: int):
    from search.documents import DocumentData

    rng = random.Random(2026)
    for number in range(count):
        kind, label, topic = KINDS[number % len(KINDS)]
        region = rng.choice(REGIONS)
        place = f"{rng.choice(['du', 'de la', 'au'])} {rng.choice(WORDS)}"
        title = f"{rng.choice(topic).capitalize()} {place} {number}"
        facets = facet_values(rng, kind, label, region)
        yield DocumentData(
            kind=kind, object_id=str(number), natural_key=f"{kind}-{number}", title=title,
            body=" ".join(sentence(rng, topic) for _ in range(5)), url=f"/{kind}/{number}/",
            visibility="public" if rng.random() < 0.8 else "membres",
            region_code=region[0], region_name=region[1], facets=facets, suggestions=[title],
        )  # fmt: skip


# The demo modules whose French texts a document of each type draws its words from.
KIND_SOURCES = {
    "recette": ["recettes"],
    "evenement": ["evenements"],
    "producteur": ["producteurs"],
    "sujet": ["forum"],
    "cafe": ["reseau"],
    "page": ["reseau", "ressources", "consultations"],
}
# How often a word of a sentence comes from the whole demo content rather than the document's own app; how
# often a sentence names the document's topic again, else another topic of its type in passing.
OTHER_APPS = 0.2
TOPIC_AGAIN = 0.25
OTHER_TOPIC = 0.08
WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")


def demo_words() -> dict[str, list[str]]:
    """The words of the French texts (string constants of 20 characters or more, docstrings left out) of each
    app's demo modules, each as many times as it occurs there: a draw follows their frequency."""
    found: dict[str, list[str]] = {}
    for path in sorted(ROOT.glob("*/demo*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr)
        }  # fmt: skip
        texts = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= 20
            and id(node) not in docstrings
        ]  # fmt: skip
        found.setdefault(path.parent.name, []).extend(word for text in texts for word in WORD.findall(text))
    return found


def villages() -> list[tuple[str, tuple[str, str]]]:
    """Real communes of fewer than 3,500 inhabitants (where the network's cafés are), with their region."""
    from django.conf import settings

    with open(settings.GEO_DATA_DIR / "regions.csv", encoding="utf-8") as file:
        regions = {row["insee_reg"]: row["region"] for row in csv.DictReader(file)}
    with open(settings.GEO_DATA_DIR / "communes.csv", encoding="utf-8") as file:
        return [
            (row["commune"], (row["insee_reg"], regions[row["insee_reg"]]))
            for row in csv.DictReader(file)
            if row["population_2021"] and int(row["population_2021"]) < 3500 and row["insee_reg"] in regions
        ]


def sentence_about(
    rng: random.Random, topic: str, topics: list[str], own: list[str], everything: list[str]
) -> str:
    """6 to 18 words, mostly of the document's own app, sometimes with its topic or another of its type."""
    drawn = [rng.choice(everything if rng.random() < OTHER_APPS else own) for _ in range(rng.randint(6, 18))]
    if rng.random() < TOPIC_AGAIN:
        drawn.insert(rng.randrange(len(drawn)), topic)
    elif rng.random() < OTHER_TOPIC:
        drawn.insert(rng.randrange(len(drawn)), rng.choice(topics))
    return " ".join(drawn).capitalize() + "."


def realistic_documents(count: int):
    """Documents about their own topic, in real villages, worded like the demo content (see the docstring)."""
    from search.documents import DocumentData

    rng = random.Random(2026)
    words = demo_words()
    everything = [word for app_words in words.values() for word in app_words]
    own_words = {
        kind: [word for app in apps for word in words.get(app, [])] for kind, apps in KIND_SOURCES.items()
    }
    places = villages()
    for number in range(count):
        kind, label, topics = KINDS[number % len(KINDS)]
        own = own_words[kind]
        topic = rng.choice(topics)
        village, region = rng.choice(places)

        # Two to thirty sentences: most documents short, a few long.
        title = f"{topic.capitalize()} à {village}"
        sentences = [f"{title}."] + [
            sentence_about(rng, topic, topics, own, everything)
            for _ in range(1 + min(29, int(rng.expovariate(1 / 6))))
        ]
        yield DocumentData(
            kind=kind, object_id=str(number), natural_key=f"{kind}-{number}", title=title,
            body=" ".join(sentences), url=f"/{kind}/{number}/",
            visibility="public" if rng.random() < 0.8 else "membres",
            region_code=region[0], region_name=region[1], facets=facet_values(rng, kind, label, region),
            suggestions=[title],
        )  # fmt: skip


CORPORA = {"realistic": realistic_documents, "dense": dense_documents}
# The 200 queries are timed this many times over (see timed).
ROUNDS = 3


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


def seed(count: int, corpus: str) -> None:
    """Run inside the benchmark's database: index `count` documents of `corpus`, print as JSON the rate and
    the shares of the documents the queries match (see match_shares)."""
    import os

    setup_django(dict(os.environ))
    from search.database import DatabaseBackend

    started = time.perf_counter()
    total = DatabaseBackend().rebuild(CORPORA[corpus](count))
    seconds = time.perf_counter() - started
    print(json.dumps({"documents": total, "seconds": seconds, **match_shares(queries(), total)}))


def match_shares(paths: list[str], count: int) -> dict[str, list[float]]:
    """For each query, the share of the `count` documents holding its words (whoever may see them, without
    filters) and the share its results page lists (a visitor, with its filters)."""
    from django.contrib.auth.models import AnonymousUser

    from reseau.access import Visibility
    from search.database import DatabaseBackend
    from search.documents import SearchRequest
    from search.engine import run_search
    from search.text import parse_query

    backend = DatabaseBackend()
    words, listed = [], []
    for path in paths:
        params = parse_qs(urlsplit(path).query)
        text = params.pop("q")[0]
        everyone = SearchRequest(query=parse_query(text), filters={}, audiences=list(Visibility.values))
        words.append(backend.search(everyone).total / count)
        listed.append(run_search(AnonymousUser(), text, params, backend=backend).response.total / count)
    return {"words": words, "listed": listed}


def shares_line(shares: list[float]) -> str:
    return (f"médiane {100 * statistics.median(shares):.2f} %, "
            f"95e centile {100 * statistics.quantiles(shares, n=20)[-1]:.2f} %")  # fmt: skip


def timed(base: str, paths: list[str], rounds: int = 1) -> tuple[Result, list[float]]:
    """The queries one after the other, `rounds` times over: every latency (so that a burst of load on a
    shared machine weighs on one round's share only), and each round's p95 in ms."""
    host, port = base.removeprefix("http://").split(":")
    connection = HTTPConnection(host, int(port), timeout=30)
    latencies, errors, round_p95 = [], 0, []
    started = time.perf_counter()
    for _ in range(rounds):
        this_round = []
        for path in paths:
            start = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                this_round.append(time.perf_counter() - start)
            else:
                errors += 1
        latencies += this_round
        round_p95.append(Result("", len(this_round), 0, 0, this_round).percentile(95))
    label = f"/recherche/ ({len(paths)} requêtes avec facettes, {rounds} passages)"
    return Result(label, len(latencies), errors, time.perf_counter() - started, latencies), round_p95


def main() -> None:
    count = int(sys.argv[sys.argv.index("--documents") + 1]) if "--documents" in sys.argv else 100_000
    corpora = sys.argv[sys.argv.index("--corpus") + 1] if "--corpus" in sys.argv else "realistic,dense"
    if "--seed" in sys.argv:
        seed(count, corpora)
        return
    paths = queries()
    backends = sys.argv[sys.argv.index("--backends") + 1] if "--backends" in sys.argv else "sqlite,postgres"
    for corpus in corpora.split(","):
        for kind in backends.split(","):
            # The search itself is measured, not search.engine's cache of answers (the warm-up asks again).
            env = {**database_env(kind), "SEARCH_CACHE_SECONDS": "0"}
            try:
                manage(env, "migrate", "--noinput")
                output = subprocess.run(  # noqa: S603 - this very script
                    [sys.executable, __file__, "--seed", "--documents", str(count), "--corpus", corpus],
                    cwd=ROOT, env=env, capture_output=True, text=True, check=True,
                ).stdout  # fmt: skip
                indexed = json.loads(output.strip().splitlines()[-1])
                rate = indexed["documents"] / indexed["seconds"]
                print(f"== {kind}, corpus {corpus} : {indexed['documents']} documents indexés en "
                      f"{indexed['seconds']:.1f} s ({rate:.0f} documents/s)")  # fmt: skip
                print(f"   documents contenant les mots d'une requête : {shares_line(indexed['words'])}")
                print(f"   documents listés (visiteur, avec filtres) : {shares_line(indexed['listed'])}")
                with server(env, workers=1) as base:
                    timed(base, paths[:20])  # warm-up: connections, caches
                    baseline = hammer(base, "/sante/", seconds=3, concurrency=1)
                    searches, round_p95 = timed(base, paths, ROUNDS)
                print("   " + baseline.line())
                print("   " + searches.line(baseline))
                print("   p95 de chaque passage : " + ", ".join(f"{p95:.1f} ms" for p95 in round_p95))
            finally:
                drop_database(env)


if __name__ == "__main__":
    main()
