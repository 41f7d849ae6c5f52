"""PostgreSQL's facet pass reads SearchTally (a document's stems and facet values as numbers), not the full
text: both must always find the same documents, or a count would disagree with the results listed."""

from dataclasses import replace
from itertools import product

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.database import DatabaseBackend, tally_sql
from search.documents import DocumentData
from search.models import SearchMatch, SearchStem, SearchTally
from search.text import parse_query

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="SearchTally is PostgreSQL's")

REGIONS = [("84", "Auvergne-Rhône-Alpes"), ("53", "Bretagne")]
KINDS = [("recette", "Recette"), ("evenement", "Événement"), ("cafe", "Café")]
BODIES = [
    "Un pâté aux pommes de terre pour la fête du village, et des vélos à louer.",
    "La tarte aux pommes du verger, servie au marché de producteurs.",
    "Location de vélo électrique ; la tarte aux poires est servie le dimanche.",
    "Des pommes de terre du marché, la fête des voisins et un concert.",
]
QUERIES = [
    "pommes",
    "tarte pommes",
    "vélos",
    "vélo",
    '"pommes de terre"',
    '"pâté aux pommes de terre"',
    '"fête du village" concert',
    "tarte marché concert",
]


@pytest.fixture
def backend(db) -> DatabaseBackend:
    documents = []
    for number, (region, kind, body) in enumerate(product(REGIONS, KINDS, BODIES)):
        facets = {"type": [kind], "region": [region]}
        if kind[0] == "recette":
            facets["saison"] = [("ete", "Été") if number % 2 else ("hiver", "Hiver")]
        documents.append(
            DocumentData(
                kind=kind[0],
                object_id=str(number),
                natural_key=f"doc-{number}",
                title=f"Fiche {number}",
                body=body,
                url=f"/doc/{number}/",
                visibility="membres" if number % 3 == 0 else "public",
                region_code=region[0],
                region_name=region[1],
                facets=facets,
            )
        )
    backend = DatabaseBackend()
    backend.rebuild(documents)
    return backend


def facet_pass(backend: DatabaseBackend, text: str, filters: dict, match_any: bool, tally: bool):
    query = replace(parse_query(text), match_any=match_any)
    matches = backend._matches(query, ["public"], filters, all_but_one=True, tally=tally)
    selections = [[(key, value) for value in values] for key, values in filters.items()]
    every, others = backend._facet_keys(matches, selections)
    return sorted(every.split()), [(sorted(text.split()), numbers) for text, numbers in others]


@pytest.mark.parametrize("match_any", [False, True])
def test_the_tally_finds_what_the_full_text_finds(backend, match_any):
    selections = [
        {},
        {"region": ["84"]},
        {"type": ["recette", "cafe"], "region": ["53"]},
        {"saison": ["ete"]},
    ]
    compared = 0
    for text, filters in product(QUERIES, selections):
        through_tally = facet_pass(backend, text, filters, match_any, tally=True)
        assert through_tally == facet_pass(backend, text, filters, match_any, tally=False), (text, filters)
        compared += bool(through_tally[0])
    # Most combinations find something: the comparison is not between empty answers.
    assert compared > len(QUERIES) * len(selections) // 2


def test_the_facet_pass_reads_the_tally(backend):
    query = parse_query("tarte")
    with CaptureQueriesContext(connection) as queries:
        total, _ = backend._facets(query, ["public"], {"region": ["84"]})
    assert total == 4
    passes = [q["sql"] for q in queries.captured_queries if "string_agg" in q["sql"]]
    assert len(passes) == 1
    assert "FROM search_searchtally m" in passes[0]
    assert "search_vector" not in passes[0]


def tallies() -> dict[int, tuple[str, set[str], list[int]]]:
    stems = dict(SearchStem.objects.values_list("id", "stem"))
    return {
        document_id: (visibility, {stems[number] for number in words}, sorted(facets))
        for document_id, visibility, words, facets in SearchTally.objects.values_list(
            "document_id", "visibility", "words", "facets"
        )
    }


def test_each_tally_holds_its_document_s_stems_visibility_and_facet_values(backend):
    lexemes = dict(
        SearchMatch.objects.extra(select={"lexemes": "tsvector_to_array(search_vector)"}).values_list(
            "document_id", "lexemes"
        )
    )
    matches = SearchMatch.objects.values_list("document_id", "visibility", "facet_keys")
    expected = {
        pk: (visibility, set(lexemes[pk]), sorted(int(n) for n in keys.split()))
        for pk, visibility, keys in matches
    }
    assert len(expected) == 2 * 3 * 4
    assert tallies() == expected
    assert {"velo", "velos", "pomm", "fet", "villag"} <= set().union(
        *(words for _, words, _ in expected.values())
    )


def test_the_migration_s_statements_write_the_same_tallies(backend):
    before = tallies()
    SearchTally.objects.all().delete()
    with connection.cursor() as cursor:
        for statement in tally_sql("true"):
            cursor.execute(statement)
    assert tallies() == before


def test_a_tally_follows_its_page(make_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = make_page("Atelier cidre", "Presser les pommes du verger.", slug="atelier-cidre")
    [(visibility, words, _)] = tallies().values()
    assert visibility == "public"
    assert {"ateli", "cidr", "press", "pomm", "verg"} <= words

    with django_capture_on_commit_callbacks(execute=True):
        page.body = "<p>Presser les poires.</p>"
        page.visibility = "membres"
        page.save_revision().publish()
    [(visibility, words, _)] = tallies().values()
    assert visibility == "membres"
    assert "poir" in words and "pomm" not in words

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert tallies() == {}
