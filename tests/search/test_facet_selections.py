"""Facet counts under several selections, each counted over the matches of the other selections.

Documents are indexed straight through the database backend (as benchmarks/search_speed.py does), so the
expected counts can be worked out from the same list.
"""

from collections import Counter
from itertools import product

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from search.database import DatabaseBackend, _occurrences
from search.documents import DocumentData, SearchRequest
from search.engine import run_search
from search.text import parse_query

VISITOR = AnonymousUser()
# Before each facet pass, and before asking the filters alone, PostgreSQL reads the numbers of the query's
# stems and selected facets' values, which its statement holds (search.database._Numbers).
NUMBERS = 1 if connection.vendor == "postgresql" else 0
REGIONS = [("84", "Auvergne-Rhône-Alpes"), ("53", "Bretagne"), ("28", "Normandie")]
KINDS = [("recette", "Recette"), ("cafe", "Café")]
SEASONS = [("ete", "Été"), ("hiver", "Hiver")]


def document(number: int, region, kind, season, visibility: str = "public", body: str = "") -> DocumentData:
    return DocumentData(
        kind=kind[0],
        object_id=str(number),
        natural_key=f"doc-{number}",
        title=f"Goûter {number}",
        body=body or f"Une tarte aux pommes pour le goûter numéro {number}.",
        url=f"/doc/{number}/",
        visibility=visibility,
        region_code=region[0],
        region_name=region[1],
        facets={"type": [kind], "region": [region], "saison": [season]},
    )


@pytest.fixture
def backend(db) -> DatabaseBackend:
    return DatabaseBackend()


def counts(outcome, key: str) -> dict[str, int]:
    for facet in outcome.response.facets:
        if facet.key == key:
            return {value.value: value.count for value in facet.values}
    return {}


def test_each_facet_counts_the_matches_of_the_other_selections(backend):
    documents, number = [], 0
    for region, kind, season in product(REGIONS, KINDS, SEASONS):
        for visibility in ("public", "public", "membres"):
            number += 1
            documents.append(document(number, region, kind, season, visibility))
    backend.rebuild(documents)
    selected = {"region": ["84", "53"], "type": ["recette"], "saison": ["hiver"]}
    outcome = run_search(VISITOR, "tarte", selected, backend=backend)

    visible = [d for d in documents if d.visibility == "public"]

    def passes(d: DocumentData, key: str) -> bool:
        return {value for value, _ in d.facets[key]} & set(selected[key]) != set()

    assert outcome.response.total == sum(all(passes(d, key) for key in selected) for d in visible)
    for key in selected:
        others = [d for d in visible if all(passes(d, other) for other in selected if other != key)]
        expected: dict[str, int] = {}
        for d in others:
            for value, _ in d.facets[key]:
                expected[value] = expected.get(value, 0) + 1
        assert counts(outcome, key) == expected
    # Members-only documents count nowhere for a visitor.
    assert run_search(VISITOR, "tarte", {}, backend=backend).response.total == len(visible)


def test_documents_without_a_value_of_a_selected_facet_still_count_for_the_other_facets(backend):
    """Cafés have no season: under a season they pass nothing and count for no season, and the types are
    counted over the documents of that season."""
    documents = [document(n, REGIONS[n % 3], KINDS[0], SEASONS[n % 2]) for n in range(1, 13)]
    cafes = [document(n, REGIONS[n % 3], KINDS[1], SEASONS[0]) for n in range(13, 19)]
    for cafe in cafes:
        del cafe.facets["saison"]
    backend.rebuild(documents + cafes)
    outcome = run_search(VISITOR, "tarte", {"saison": ["hiver"]}, backend=backend)
    assert outcome.response.total == 6
    assert counts(outcome, "saison") == {"ete": 6, "hiver": 6}
    assert counts(outcome, "type") == {"recette": 6}
    both = {"saison": ["hiver"], "type": ["recette", "cafe"]}
    outcome = run_search(VISITOR, "tarte", both, backend=backend)
    assert outcome.response.total == 6
    assert counts(outcome, "saison") == {"ete": 6, "hiver": 6}
    # A selected value stays listed, at 0.
    assert counts(outcome, "type") == {"recette": 6, "cafe": 0}


def test_selected_values_are_read_by_the_facet_pass_itself(backend, django_assert_num_queries):
    """A selected value's number is looked up inside the statement that counts: a selection costs no query
    of its own, and a value the index does not know lets no document through."""
    documents = [
        document(number, region, kind, season)
        for number, (region, kind, season) in enumerate(product(REGIONS, KINDS, SEASONS))
    ]
    backend.rebuild(documents)

    def search(filters: dict[str, list[str]]):
        request = SearchRequest(query=parse_query("tarte"), filters=filters, audiences=["public"])
        return backend.search(request)

    # Typo check, facet pass, facet labels, one ranking per tier (the title tier is empty), the documents.
    with django_assert_num_queries(6 + NUMBERS):
        plain = search({})
    with django_assert_num_queries(6 + NUMBERS):
        summer = search({"saison": ["ete"], "region": ["84", "53"]})
    assert plain.total == len(documents)
    assert summer.total == sum(
        d.facets["saison"][0][0] == "ete" and d.region_code in {"84", "53"} for d in documents
    )
    assert search({"saison": ["ete", "inconnue"], "region": ["84", "53"]}).total == summer.total
    assert search({"saison": ["inconnue"]}).total == 0


def test_filters_no_visible_content_passes_are_not_searched_again_with_some_words(
    backend, member, django_assert_num_queries
):
    """Under filters, a query of several words that matches nothing is asked again with some of its words
    only when some content the visitor may see passes the filters: a members-only winter café does not
    count for a visitor (nor show), but it does for a member."""
    backend.rebuild(
        [
            document(0, REGIONS[0], KINDS[0], SEASONS[1], body="Une tarte aux poires pour l'hiver."),
            document(1, REGIONS[1], KINDS[1], SEASONS[1], visibility="membres", body="Une tarte du café."),
            document(2, REGIONS[2], KINDS[1], SEASONS[0], body="Un café au bord de l'eau."),
        ]
    )
    filters = {"type": ["cafe"], "saison": ["hiver"]}
    # Known values, typo check, facet pass, then the filters asked alone: no second search.
    with django_assert_num_queries(4 + 2 * NUMBERS):
        visitor = run_search(VISITOR, "tarte bord", filters, backend=backend)
    assert visitor.filters == filters
    assert visitor.response.total == 0 and visitor.response.results == []
    assert not visitor.some_words and visitor.messages == []
    # The member's search widens: the filters asked alone, a second typo check, facet pass and labels, then
    # the tier of documents holding one of the two words only (none holds both: the tiers of those holding
    # both are not ranked), and the page's documents.
    with django_assert_num_queries(10 + 3 * NUMBERS):
        for_member = run_search(member, "tarte bord", filters, backend=backend)
    assert [result.url for result in for_member.response.results] == ["/doc/1/"]
    assert for_member.some_words


def test_one_facet_s_values_are_not_asked_alone_before_searching_again_with_some_words(
    backend, django_assert_num_queries
):
    """The values of a single filtered facet are known to be on content the visitor may see (the known
    values are read for the visitor first): a search finding none of its words together widens without
    asking the filters alone."""
    backend.rebuild(
        [
            document(0, REGIONS[0], KINDS[0], SEASONS[1], body="Une tarte aux poires pour l'hiver."),
            document(1, REGIONS[1], KINDS[1], SEASONS[1], body="Un café au bord de l'eau."),
            document(2, REGIONS[2], KINDS[1], SEASONS[0], body="Une tarte et un bord de mer l'été."),
        ]
    )
    # Known values, typo check, facet pass and labels (the summer document holds both words); then a second
    # typo check, facet pass and labels, the tier of documents holding one of the two words, and the page's
    # documents.
    with django_assert_num_queries(9 + 2 * NUMBERS) as captured:
        outcome = run_search(VISITOR, "tarte bord", {"saison": ["hiver"]}, backend=backend)
    assert not any(query["sql"].startswith("SELECT COUNT(*)") for query in captured.captured_queries)
    assert outcome.some_words
    assert sorted(result.url for result in outcome.response.results) == ["/doc/0/", "/doc/1/"]


def test_a_selected_facet_s_numbers_are_counted_as_whole_tokens():
    """The documents passing every selection but one are counted for that facet's numbers only, token by
    token as Counter would: "3" is not found in "13", and a number ending one document's keys and starting
    the next one's counts twice."""
    keys = "3 13 31 7 3 3 42"
    assert _occurrences(keys, ["3", "13", "1", "42", "8"]) == Counter(
        {number: count for number, count in Counter(keys.split()).items() if number in {"3", "13", "42"}}
    )
    assert _occurrences("", ["3"]) == Counter()
