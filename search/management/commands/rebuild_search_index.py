"""Rebuild the network-wide search index from every registered content type, showing progress.

Zero downtime on both backends: Elasticsearch fills a new index and then switches the alias in one atomic
step (the old index serves until then); the database backend rewrites its tables in one transaction (readers
keep seeing the old rows until it commits). Running it twice gives the same index.
"""

import time

from django.core.management.base import BaseCommand

from search.documents import count_all
from search.engine import get_backend, rebuild_index


class Command(BaseCommand):
    help = "Reconstruit l'index de la recherche (sans interruption du service)."

    def handle(self, *args, **options) -> None:
        backend = get_backend()
        total = count_all()
        started = time.perf_counter()
        width = 30

        def progress(done: int) -> None:
            filled = int(width * done / total) if total else width
            bar = "█" * filled + "·" * (width - filled)
            self.stdout.write(f"\r[{bar}] {done}/{total} documents", ending="")
            self.stdout.flush()

        indexed = rebuild_index(progress)
        elapsed = time.perf_counter() - started
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Index « {backend.name} » reconstruit : {indexed} documents en {elapsed:.1f} s."
            )
        )
