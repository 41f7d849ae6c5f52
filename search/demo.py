"""Demo content of the search: none of its own; it indexes what the other apps loaded before it.

search comes last in settings.LOCAL_APPS, so a rebuild here covers every demo page whatever signals did;
rebuilding is idempotent.
"""

from search.documents import all_documents
from search.engine import get_backend, index_changed


def load(log) -> None:
    backend = get_backend()
    count = backend.rebuild(all_documents())
    index_changed()
    log(f"Recherche : {count} documents indexés ({backend.name})")
