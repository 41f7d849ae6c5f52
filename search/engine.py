"""The one interface the site uses to search, whatever the backend.

`get_backend()` picks Elasticsearch when ELASTICSEARCH_URL is set, else the database backend. `run_search()`
turns what a visitor typed into a SearchRequest (visibility from reseau.access, filters checked, page
clamped) and returns an Outcome carrying the French messages the page shows for every odd input: nothing
reaches the backend unchecked and nothing ends in a 500.

`cached_search()` and `cached_suggest()` keep those answers in the cache (Redis in production, shared by every
process) for SEARCH_CACHE_SECONDS, per audience (reseau.access: what the visitor may see is all that an answer
depends on besides what was typed) and under the index version: every write to the index (`index_changed()`,
called by search.indexing and the rebuilds) makes every answer kept before it stale at once.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache as shared_cache

from reseau import access, versions
from search import registry
from search.documents import Facet, FacetValue, SearchRequest, SearchResponse, Suggestion, all_documents
from search.text import MAX_QUERY_CHARS, MAX_QUERY_WORDS, ParsedQuery, fold, parse_query

PER_PAGE = 10
# Fewer documents than this hold every word of a several-word query: those holding some words are shown too.
FEW_RESULTS = 3
# Deep pages cost every backend (Elasticsearch refuses from + size > 10,000): 100 pages is plenty to browse.
MAX_PAGES = 100
MAX_VALUES_PER_FACET = 20
MIN_SUGGESTION_LETTERS = 2
INDEX_VERSION = "search:index-version"

Answer = TypeVar("Answer")


@cache
def get_backend():
    """The backend in use for this process (the database one unless ELASTICSEARCH_URL is set)."""
    if settings.ELASTICSEARCH_URL:
        from search.elastic import ElasticBackend

        return ElasticBackend.from_settings()
    from search.database import DatabaseBackend

    return DatabaseBackend()


@dataclass
class Outcome:
    """What the results page shows."""

    raw_query: str
    query: ParsedQuery
    filters: dict[str, list[str]] = field(default_factory=dict)
    response: SearchResponse | None = None
    page: int = 1
    num_pages: int = 0
    messages: list[str] = field(default_factory=list)
    # Results (and facet counts) include contents holding only some of the words.
    some_words: bool = False

    @property
    def searched(self) -> bool:
        return self.response is not None


def _page_number(raw: str, messages: list[str]) -> int:
    if not raw:
        return 1
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if number < 1:
        messages.append(f"La page « {raw[:20]} » n'existe pas : voici la première page des résultats.")
        return 1
    return number


def run_search(
    user,
    raw_query: str,
    raw_filters: dict[str, list[str]],
    raw_page: str = "",
    backend=None,
    some_words: bool = False,
) -> Outcome:
    """Search as `user` (only what reseau.access lets them see), with French messages for odd input.

    `some_words`: the page the visitor narrowed from listed (and counted in its facets) the contents
    holding only some of the words; under filters they stay listed, so that a facet's count is what its
    click shows."""
    backend = backend or get_backend()
    query = parse_query(raw_query)
    outcome = Outcome(raw_query=raw_query, query=query)
    messages = outcome.messages
    if query.truncated:
        messages.append(
            f"Votre recherche était très longue : seuls ses {MAX_QUERY_CHARS} premiers caractères "
            f"({MAX_QUERY_WORDS} mots au plus) ont été pris en compte."
        )
    if query.is_empty:
        if raw_query.strip():
            messages.append(
                "Votre recherche ne contient aucun mot à chercher (seulement des signes ou de la "
                "ponctuation). "
                "Essayez par exemple « épicerie » ou « café Beaulon »."
            )
        else:
            messages.append("Saisissez un ou plusieurs mots : un village, un café, un service, une recette…")
        return outcome

    audiences = access.audiences(user)
    asked = {
        key: list(dict.fromkeys(value.strip()[:100] for value in values if value.strip()))[
            :MAX_VALUES_PER_FACET
        ]
        for key, values in raw_filters.items()
        if key in registry.FACETS
    }
    asked = {key: values for key, values in asked.items() if values}
    known = backend.known_values(asked, audiences) if asked else {}
    filters: dict[str, list[str]] = {}
    for key, values in asked.items():
        for value in values:
            if value in known.get(key, {}):
                filters.setdefault(key, []).append(value)
            else:
                messages.append(
                    f"Le filtre « {registry.FACETS[key]} : {value[:40]} » ne correspond à aucun contenu : "
                    "il a été ignoré."
                )
    outcome.filters = filters

    page = _page_number(raw_page, messages)
    request = SearchRequest(
        query=query, filters=filters, audiences=audiences, page=min(page, MAX_PAGES), per_page=PER_PAGE
    )
    several_words = len(query.terms) + len(query.phrases) > 1
    keep_some_words = some_words and bool(filters) and several_words
    if keep_some_words:
        request = replace(request, query=replace(query, match_any=True))
        messages.append(
            "Les contenus qui contiennent tous ces mots viennent en premier, suivis de ceux qui en "
            "contiennent une partie."
        )
    response = backend.search(request)
    # Under filters only when nothing matches: whoever narrows a search expects fewer results.
    few = FEW_RESULTS if not filters else 1
    # Under filters that no content passes (a café's season), no word finds more: not asked again. The values
    # of a single filtered facet are each known to be on some content the visitor may see (known_values):
    # only several facets' selections together may leave nothing.
    widen = not keep_some_words and response.total < few and several_words
    if widen and (len(filters) < 2 or backend.any_passing(filters, audiences)):
        # Few contents (or none) have every word: add those with some of them, ranked after, and say so.
        broader_request = replace(
            request, query=replace(query, match_any=True), none_hold_every_word=not response.total
        )
        broader = backend.search(broader_request)
        if broader.total > response.total:
            messages.append(
                "Peu de contenus contiennent tous ces mots : ils viennent en premier, suivis de ceux qui en "
                "contiennent une partie."
                if response.total
                else "Aucun contenu ne contient tous ces mots : voici ceux qui en contiennent une partie."
            )
            request, response = broader_request, broader
    if query.is_only_stop_words and not response.total:
        # Only stop words, and no title made of them ("qui sommes-nous" finds its page).
        listed = ", ".join(f"« {word} »" for word in query.stop_words[:5])
        messages.append(
            f"{listed} : ces mots sont trop courants pour être cherchés. "
            "Ajoutez un mot plus précis (un village, un produit, un service…)."
        )
        return outcome
    num_pages = min(MAX_PAGES, max(1, -(-response.total // PER_PAGE)))
    if page > num_pages:
        if num_pages == MAX_PAGES:
            messages.append(
                f"Seules les {MAX_PAGES} premières pages de résultats sont consultables : voici la dernière. "
                "Précisez votre recherche ou ajoutez un filtre."
            )
        else:
            messages.append(
                f"Il n'y a que {num_pages} page{'s' if num_pages > 1 else ''} de résultats : "
                f"voici la {'dernière' if num_pages > 1 else 'seule'}."
            )
        page = num_pages
        if request.page != page:
            request.page = page
            response = backend.search(request)
    # A selected value that no longer matches anything stays shown (with 0) so it can be unticked.
    facets = {facet.key: facet for facet in response.facets}
    for key, values in filters.items():
        if key not in facets:
            facets[key] = Facet(key=key, label=registry.FACETS[key], values=[])
            response.facets.append(facets[key])
        present = {value.value for value in facets[key].values}
        facets[key].values.extend(
            FacetValue(value, known[key][value], 0, selected=True) for value in values if value not in present
        )
    order = list(registry.FACETS)
    response.facets.sort(key=lambda facet: order.index(facet.key))
    for original, corrected in response.corrections.items():
        messages.append(f"Aucun contenu ne contient « {original} » : nous avons cherché « {corrected} ».")
    outcome.response, outcome.page, outcome.num_pages = response, page, num_pages
    outcome.some_words = request.query.match_any
    return outcome


def suggest(user, text: str, backend=None) -> list[Suggestion]:
    """Autocomplete entries the user may see, from 2 letters on."""
    text = " ".join(text.split())[:MAX_QUERY_CHARS]
    if len(fold(text).strip()) < MIN_SUGGESTION_LETTERS:
        return []
    return (backend or get_backend()).suggest(text, access.audiences(user))


def index_changed() -> None:
    """Every answer cached before this write to the index is stale (at once, and again once the transaction
    commits: reseau.versions)."""
    versions.bump(INDEX_VERSION)


def rebuild_index(progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the whole index from every registered content type (load_demo, rebuild_search_index), then make
    every kept answer stale; the number of documents indexed."""
    count = get_backend().rebuild(all_documents(), progress=progress)
    index_changed()
    return count


def _kept(name: str, audiences: list[str], asked: tuple, answer: Callable[[], Answer]) -> Answer:
    """`answer()`, or the copy kept for the same audiences, the same `asked` and the same index version."""
    seconds = settings.SEARCH_CACHE_SECONDS
    if not seconds:
        return answer()
    key = f"search:{name}:{hashlib.sha256(repr((sorted(audiences), asked)).encode()).hexdigest()}"
    # The copy and the index version in one round trip: the copy says which version it was made under.
    found = shared_cache.get_many([INDEX_VERSION, key])
    version = versions.read(INDEX_VERSION, found)
    kept = found.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    fresh = answer()
    shared_cache.set(key, (version, fresh), seconds)
    return fresh


def cached_search(
    user, raw_query: str, raw_filters: dict[str, list[str]], raw_page: str = "", some_words: bool = False
) -> Outcome:
    """run_search's outcome, kept for whoever may see what `user` sees (see the module's docstring)."""
    return _kept(
        "results",
        access.audiences(user),
        (raw_query, sorted(raw_filters.items()), raw_page, some_words),
        lambda: run_search(user, raw_query, raw_filters, raw_page, some_words=some_words),
    )


def cached_suggest(user, text: str) -> list[Suggestion]:
    """suggest's entries, kept like cached_search's outcomes."""
    return _kept("suggestions", access.audiences(user), (text,), lambda: suggest(user, text))
