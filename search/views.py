"""The results page (/recherche/?q=) and the autocomplete endpoint (/recherche/suggestions/?q=).

Both are thin: search.engine checks the input and asks the backend (or its cache); visibility comes from
reseau.access.
"""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from search import engine, registry
from search.engine import MIN_SUGGESTION_LETTERS

# In the links and the facet form of a page that lists contents holding only some of the words (see
# engine.run_search's `some_words`).
SOME_WORDS = ("mots", "certains")


def _link(
    query: str, filters: dict[str, list[str]], page: int | None = None, some_words: bool = False
) -> str:
    params: list[tuple[str, str]] = [("q", query)]
    for key, values in filters.items():
        params.extend((key, value) for value in values)
    if some_words:
        params.append(SOME_WORDS)
    if page and page > 1:
        params.append(("page", str(page)))
    return "?" + urlencode(params)


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    raw_query = request.GET.get("q", "")
    raw_filters = {key: request.GET.getlist(key) for key in registry.FACETS if key in request.GET}
    outcome = engine.cached_search(
        request.user,
        raw_query,
        raw_filters,
        request.GET.get("page", ""),
        some_words=request.GET.get(SOME_WORDS[0]) == SOME_WORDS[1],
    )
    context = {
        "outcome": outcome,
        "search_query": raw_query,
        "facet_labels": registry.FACETS,
        "some_words": SOME_WORDS,
    }
    if outcome.searched:
        some_words = outcome.some_words
        context["previous_url"] = (
            _link(raw_query, outcome.filters, outcome.page - 1, some_words) if outcome.page > 1 else None
        )
        context["next_url"] = (
            _link(raw_query, outcome.filters, outcome.page + 1, some_words)
            if outcome.page < outcome.num_pages
            else None
        )
        context["active_filters"] = [
            {
                "label": f"{registry.FACETS[facet.key]} : {value.label}",
                "remove_url": _link(
                    raw_query,
                    {
                        key: [v for v in values if not (key == facet.key and v == value.value)]
                        for key, values in outcome.filters.items()
                    },
                    some_words=some_words,
                ),
            }
            for facet in outcome.response.facets
            for value in facet.values
            if value.selected
        ]
    return render(request, "search/results.html", context)


@require_GET
def suggestions(request: HttpRequest) -> JsonResponse:
    """Autocomplete: titles (and declared extras) the visitor may see, after 2 letters; JSON."""
    text = request.GET.get("q", "")
    found = engine.cached_suggest(request.user, text)
    payload: dict = {
        "suggestions": [
            {"texte": suggestion.text, "url": suggestion.url, "type": suggestion.kind_label}
            for suggestion in found
        ]
    }
    if len(text.strip()) < MIN_SUGGESTION_LETTERS:
        payload["message"] = f"Saisissez au moins {MIN_SUGGESTION_LETTERS} lettres."
    return JsonResponse(payload)
