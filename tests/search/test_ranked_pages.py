"""Pages of results walk the ranking tiers without gap or repeat: the titles holding every word first, then
the other matches, whoever searches. On PostgreSQL a tier's size comes with its ranking (a window count), so
a page that the title tier does not fill asks no separate count; a page starting after that tier counts it.

Documents are indexed straight through the database backend, as benchmarks/search_speed.py does.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.database import DatabaseBackend
from search.documents import DocumentData, SearchRequest
from search.engine import PER_PAGE, run_search
from search.text import parse_query

VISITOR = AnonymousUser()
REGION = ("53", "Bretagne")


def document(number: int, title: str, body: str, visibility: str = "public") -> DocumentData:
    return DocumentData(
        kind="recette",
        object_id=str(number),
        natural_key=f"recette-{number}",
        title=title,
        body=body,
        url=f"/recette/{number}/",
        visibility=visibility,
        region_code=REGION[0],
        region_name=REGION[1],
        facets={"type": [("recette", "Recette")], "region": [REGION]},
    )


@pytest.fixture
def backend(db) -> DatabaseBackend:
    """4 public titles naming the tart, 21 public texts naming it, and members-only ones of both kinds."""
    backend = DatabaseBackend()
    documents = [document(n, f"Tarte du verger {n}", "Pâte brisée et fruits du jour.") for n in range(4)]
    documents += [
        document(n, f"Goûter d'automne {n}", f"Une tarte aux poires pour le goûter numéro {n}.")
        for n in range(4, 25)
    ]
    documents += [document(25, "Tarte du contrat", "Prix négociés.", visibility="membres")]
    documents += [document(26, "Goûter des gérants", "Une tarte réservée.", visibility="membres")]
    backend.rebuild(documents)
    return backend


def page_urls(backend: DatabaseBackend, page: str) -> list[str]:
    outcome = run_search(VISITOR, "tarte", {}, raw_page=page, backend=backend)
    return [result.url for result in outcome.response.results]


def test_pages_walk_the_title_tier_then_the_others_without_gap_or_repeat(backend):
    pages = [page_urls(backend, page) for page in ("1", "2", "3")]

    assert [len(urls) for urls in pages] == [PER_PAGE, PER_PAGE, 5]
    assert set(pages[0][:4]) == {f"/recette/{n}/" for n in range(4)}
    listed = [url for urls in pages for url in urls]
    assert sorted(listed) == sorted(f"/recette/{n}/" for n in range(25))
    # The members-only documents are in neither tier for a visitor.
    assert "/recette/25/" not in listed and "/recette/26/" not in listed


def test_a_member_pages_through_both_tiers_with_the_members_documents(backend):
    request = SearchRequest(query=parse_query("tarte"), filters={}, audiences=["public", "membres"])
    urls = []
    for page in (1, 2, 3):
        request.page = page
        urls += [result.url for result in backend.search(request).results]
    assert sorted(urls) == sorted(f"/recette/{n}/" for n in range(27))
    assert set(urls[:5]) == {f"/recette/{n}/" for n in (0, 1, 2, 3, 25)}


def tier_counts(captured) -> int:
    return sum(query["sql"].startswith("SELECT COUNT(*)") for query in captured)


def test_the_title_tier_is_counted_only_when_a_page_starts_after_it(backend, django_assert_num_queries):
    request = SearchRequest(query=parse_query("tarte"), filters={}, audiences=["public"], page=1)
    postgresql = connection.vendor == "postgresql"
    # Typo check, (on PostgreSQL, the numbers of the stems), facet pass, facet labels, one ranking per tier
    # (plus a count on SQLite), the documents.
    with django_assert_num_queries(7) as first:
        backend.search(request)
    assert tier_counts(first.captured_queries) == (0 if postgresql else 1)
    request.page = 2
    with django_assert_num_queries(8 if postgresql else 7) as second:
        backend.search(request)
    assert tier_counts(second.captured_queries) == 1


def plan_nodes(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a window counts a tier on PostgreSQL only")
def test_the_window_counting_a_tier_holds_scores_not_full_texts(backend):
    """The rows a tier's window count holds until its end are (id, title, score): were the full texts carried
    through to be scored above it, a tier of some thousands of rows would spill to disk."""
    request = SearchRequest(query=parse_query("tarte"), filters={}, audiences=["public"])
    with CaptureQueriesContext(connection) as captured:
        backend.search(request)
    rankings = [query["sql"] for query in captured.captured_queries if "OVER ()" in query["sql"]]
    assert rankings
    with connection.cursor() as cursor:
        for sql in rankings:
            cursor.execute(f"EXPLAIN (VERBOSE, FORMAT JSON) {sql}")
            nodes = list(plan_nodes(cursor.fetchone()[0][0]["Plan"]))
            windows = [node for node in nodes if node["Node Type"] == "WindowAgg"]
            assert windows
            assert not [column for node in windows for column in node["Output"] if "search_vector" in column]
