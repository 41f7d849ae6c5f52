"""Demo content of the search: none of its own; it indexes what the other apps loaded before it.

search comes last in settings.LOCAL_APPS, so a rebuild here covers every demo page whatever signals did;
rebuilding is idempotent.
"""

from search.engine import get_backend, rebuild_index


def load(log) -> None:
    count = rebuild_index()
    log(f"Recherche : {count} documents indexés ({get_backend().name})")
