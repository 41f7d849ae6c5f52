"""How fast the directory answers "within 50 km of commune X, product Y" with 20,000 producers across France.

For PostgreSQL and for SQLite: a throwaway database, migrated and loaded with the demo content (the real
communes), then 20,000 producers in random real communes with 1 to 3 products each; gunicorn serves it and
the directory's distance search is timed beside the minimal view /sante/ of the same run, with one client at a
time (a search's latency: target p95 under 100 ms) and with 4 clients (throughput). Then the same requests in
one process, one at a time (Django's test client): the request's own time, its CPU time and the time spent
in SQL, so the cost of the search stays visible on a loaded machine.
Run by hand: `.venv/bin/python benchmarks/producteurs_distance.py [sqlite|postgres]`.
"""

import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import database_env, drop_database, hammer, manage, server, setup_django  # noqa: E402

PRODUCERS = 20_000
SEED = 1000
IN_PROCESS_RUNS = 30
QUERIES = [
    "/producteurs/?commune=Beaulon&rayon=50&produit=fromage-de-chevre",
    "/producteurs/?commune=Saint-%C3%89miland&rayon=50&produit=fruits&label=bio",
    "/producteurs/?commune=saint+emiland&rayon=50&produit=miel",
]


def seed() -> None:
    """Runs in a child process whose environment points at the benchmark's database (see main)."""
    setup_django(dict(os.environ))
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Locale, Page

    from producteurs.models import Label, ProducerIndexPage, ProducerPage, ProducerProduct, Product
    from producteurs.months import season
    from reseau.geography import Commune

    rng = random.Random(SEED)
    index = ProducerIndexPage.objects.get()
    communes = list(
        Commune.objects.filter(latitude__isnull=False, department__region__code__gte="11").values_list(
            "pk", "latitude", "longitude", "name"
        )
    )
    products = list(Product.objects.filter(parent__isnull=False).values_list("pk", flat=True))
    labels = list(Label.objects.values_list("pk", flat=True))
    content_type = ContentType.objects.get_for_model(ProducerPage)
    locale = Locale.get_default()
    last = index.get_last_child()
    first_step = int(last.path[-ProducerPage.steplen :], 36) + 1 if last else 1
    places = [rng.choice(communes) for _ in range(PRODUCERS)]
    with transaction.atomic():
        pages = []
        for number, commune in enumerate(places):
            slug = f"banc-{number:05d}"
            pages.append(
                Page(
                    title=f"Ferme d'essai {number:05d} ({commune[3]})",
                    draft_title=f"Ferme d'essai {number:05d}",
                    slug=slug,
                    path=ProducerPage._get_path(index.path, index.depth + 1, first_step + number),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    content_type=content_type,
                    locale=locale,
                )
            )
        pages = Page.objects.bulk_create(pages, batch_size=1000)
        producers = []
        for page, commune in zip(pages, places, strict=True):
            producers.append(
                ProducerPage(
                    page_ptr_id=page.pk,
                    kind=rng.choice(["ferme", "atelier"]),
                    commune_id=commune[0],
                    latitude=commune[1],
                    longitude=commune[2],
                    delivery_radius_km=rng.choice([None, 20, 40, 60]),
                    description="",
                )
            )
        fields = ProducerPage._meta.local_concrete_fields
        for start in range(0, len(producers), 1000):
            ProducerPage.objects._insert(producers[start : start + 1000], fields=fields)
        ProducerProduct.objects.bulk_create(
            [
                ProducerProduct(
                    page_id=page.pk,
                    product_id=product,
                    months=season(rng.randint(1, 12), rng.randint(1, 12)),
                    sort_order=order,
                )
                for page in pages
                for order, product in enumerate(rng.sample(products, rng.randint(1, 3)))
            ],
            batch_size=2000,
        )
        through = Label.producers.through
        through.objects.bulk_create(
            [
                through(producerpage_id=page.pk, label_id=label)
                for page in pages
                for label in rng.sample(labels, rng.randint(0, 2))
            ],
            batch_size=2000,
        )
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + PRODUCERS)
    print(f"{ProducerPage.objects.count()} producteurs en base")
    if connection.vendor == "postgresql":
        # Production's autovacuum keeps the planner's statistics; it may be off on a test machine.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print("statistiques du planificateur à jour (ANALYZE)")


def in_process() -> None:
    """Child process: each query (and /sante/) IN_PROCESS_RUNS times through Django's test client, one at a
    time; prints JSON lines {path, wall, cpu, sql, queries} (medians and p95 in ms)."""
    setup_django(dict(os.environ))
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    for path in ["/sante/", *QUERIES]:
        client.get(path)
        walls, cpus, sqls, counts = [], [], [], []
        for _ in range(IN_PROCESS_RUNS):
            spent: list[float] = []

            def timed(execute, sql, params, many, context, spent=spent):
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    spent.append(time.perf_counter() - start)

            with connection.execute_wrapper(timed):
                wall, cpu = time.perf_counter(), time.process_time()
                assert client.get(path).status_code == 200
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
            sqls.append(sum(spent))
            counts.append(len(spent))

        def ms(values: list[float], share: float = 0.5) -> float:
            return sorted(values)[min(len(values) - 1, int(share * len(values)))] * 1000

        figures = {
            "path": path,
            "p50": ms(walls),
            "p95": ms(walls, 0.95),
            "cpu": statistics.median(cpus) * 1000,
            "sql": ms(sqls),
            "queries": max(counts),
        }
        print(json.dumps(figures))


def free_port() -> int:
    """Other benchmarks may be running on this machine: never assume the harness's default port is free."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure(kind: str) -> None:
    env = database_env(kind)
    try:
        print(f"\n== {kind} : migration, communes et démonstration…", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo")
        print(subprocess.run(  # noqa: S603 - this very script
            [sys.executable, __file__, "--seed"], env=env, check=True, capture_output=True, text=True
        ).stdout.strip())  # fmt: skip
        with server(env, port=free_port()) as base:
            for path in QUERIES:
                body = urllib.request.urlopen(base + path).read().decode()  # noqa: S310 - local server
                found = re.search(r'id="resultats-titre">(\d+) producteur', body)
                print(f"   {path} → {found.group(1) if found else '?'} producteurs trouvés")
            for path in ["/sante/", *QUERIES]:  # warm-up: templates compiled in both workers
                hammer(base, path, seconds=1)
            # Latency (the target) with one client at a time, then throughput with 4 clients on 2 workers,
            # where each request also waits for another one's turn.
            runs = (("un client à la fois (latence, cible p95 < 100 ms)", 1), ("4 clients", 4))
            for label, concurrency in runs:
                print(f"   serveur, {label} :")
                baseline = hammer(base, "/sante/", concurrency=concurrency)
                print(baseline.line())
                for path in QUERIES:
                    print(hammer(base, path, concurrency=concurrency).line(baseline))
        print(f"   en processus, une requête à la fois ({IN_PROCESS_RUNS} fois chacune) :")
        lines = subprocess.run(  # noqa: S603 - this very script
            [sys.executable, __file__, "--in-process"], env=env, check=True, capture_output=True, text=True
        ).stdout.split("\n")  # fmt: skip
        for figures in (json.loads(line) for line in lines if line.startswith("{")):
            print(
                f"{figures['path']:<60} p50 {figures['p50']:6.1f} ms  p95 {figures['p95']:6.1f} ms  "
                f"CPU {figures['cpu']:6.1f} ms  SQL {figures['sql']:6.1f} ms en {figures['queries']} requêtes"
            )
    finally:
        drop_database(env)


if __name__ == "__main__":
    if "--seed" in sys.argv:
        seed()
    elif "--in-process" in sys.argv:
        in_process()
    else:
        for kind in [arg for arg in sys.argv[1:] if arg in {"sqlite", "postgres"}] or ["postgres", "sqlite"]:
            measure(kind)
