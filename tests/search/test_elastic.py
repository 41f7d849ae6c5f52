"""The Elasticsearch backend: its mappings and query bodies checked as generated JSON, and its wiring
(index, bulk, alias switch, search, aggregations, deletes, signals) run against osmem-server, an in-memory
OpenSearch-compatible server, through opensearch-py. osmem's analyzers are not Elasticsearch's (it ignores
the elision filter and matches loosely), so these tests never judge relevance, only the wiring.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from opensearchpy import OpenSearch

from search import elastic
from search.documents import SearchRequest, all_documents
from search.engine import run_search
from search.text import parse_query

PUBLIC = ["public"]
EVERYONE = ["public", "membres"]


def request(query: str, audiences=PUBLIC, page: int = 1, **filters) -> SearchRequest:
    return SearchRequest(query=parse_query(query), filters=filters, audiences=audiences, page=page)


def test_index_body_declares_the_french_analyzer_and_facets():
    body = elastic.index_body("reseau-recherche-1")
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["french_folded"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["french_elision", "lowercase", "french_stop", "asciifolding", "french_light_stemmer"],
    }
    assert analysis["filter"]["french_stop"] == {"type": "stop", "stopwords": "_french_"}
    assert analysis["filter"]["french_light_stemmer"] == {"type": "stemmer", "language": "light_french"}
    assert analysis["filter"]["french_elision"]["articles_case"] is True
    assert {"l", "d", "qu", "jusqu"} <= set(analysis["filter"]["french_elision"]["articles"])
    assert analysis["filter"]["autocomplete_edge"] == {"type": "edge_ngram", "min_gram": 2, "max_gram": 20}
    properties = body["mappings"]["properties"]
    assert properties["title"]["analyzer"] == properties["keywords"]["analyzer"] == "french_folded"
    assert properties["body"]["analyzer"] == "french_folded"
    assert properties["suggestions"]["analyzer"] == "autocomplete"
    assert properties["suggestions"]["search_analyzer"] == "autocomplete_search"
    assert properties["visibility"] == {"type": "keyword"}
    assert set(properties["facets"]["properties"]) == {"type", "region", "saison", "regime", "label", "tag"}


def test_search_body_filters_visibility_and_counts_each_facet_under_the_others():
    body = elastic.build_search(
        request('tarte "pommes du verger" pomes', region=["84"], saison=["automne"])
    ).to_dict()
    query = body["query"]["bool"]
    assert query["filter"] == [{"terms": {"visibility": ["public"]}}]
    assert {
        "multi_match": {
            "query": "tarte",
            "fields": ["title^10", "keywords^4", "body"],
            "fuzziness": "AUTO",
            "prefix_length": 1,
        }
    } in query["must"]
    assert {
        "multi_match": {
            "query": "pommes du verger",
            "type": "phrase",
            "fields": ["title^10", "keywords^4", "body"],
        }
    } in query["must"]
    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"facets.region": ["84"]}}, {"terms": {"facets.saison": ["automne"]}}]}
    }
    assert body["aggs"]["region"]["filter"] == {
        "bool": {"filter": [{"terms": {"facets.saison": ["automne"]}}]}
    }
    assert body["aggs"]["saison"]["filter"] == {"bool": {"filter": [{"terms": {"facets.region": ["84"]}}]}}
    assert body["aggs"]["type"]["filter"]["bool"]["filter"] == body["post_filter"]["bool"]["filter"]
    assert body["aggs"]["type"]["aggs"]["values"] == {"terms": {"field": "facet_labels.type", "size": 50}}
    assert body["highlight"]["encoder"] == "html"
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["track_total_hits"] is True
    assert (body["from"], body["size"]) == (0, 10)


def test_suggest_body_filters_visibility():
    body = elastic.build_suggest("bea", PUBLIC, 8).to_dict()
    assert body["query"]["bool"]["filter"] == [{"terms": {"visibility": ["public"]}}]
    assert body["query"]["bool"]["must"] == [{"match": {"suggestions": {"query": "bea", "operator": "and"}}}]
    assert body["size"] == 8


@pytest.fixture
def backend(osmem_clone):
    return elastic.ElasticBackend(OpenSearch(hosts=[osmem_clone.url]), alias="test-recherche", refresh=True)


def test_rebuild_switches_the_alias_to_a_new_index(corpus, backend):
    progress = []
    assert backend.rebuild(all_documents(), progress=progress.append) == 6
    assert progress[-1] == 6
    first = backend._indices_behind_alias()
    assert len(first) == 1
    assert backend.rebuild(all_documents()) == 6
    second = backend._indices_behind_alias()
    assert len(second) == 1 and second != first
    assert not backend.client.indices.exists(index=first[0])
    assert backend.client.count(index="test-recherche")["count"] == 6


def counts(response) -> dict[str, dict[str, int]]:
    return {facet.key: {v.label: v.count for v in facet.values} for facet in response.facets}


def test_search_aggregations_and_visibility_on_the_server(corpus, backend):
    # osmem matches more loosely than Elasticsearch would: check the wiring, not the ranking.
    backend.rebuild(all_documents())
    response = backend.search(request("épicerie"))
    titles = {result.title for result in response.results}
    assert {"Le Café de Beaulon", "Le Café de Sains"} <= titles
    assert response.total == len(response.results)
    assert sum(counts(response)["type"].values()) == response.total
    regions = counts(response)["region"]
    narrowed = backend.search(request("épicerie", region=["53"]))
    assert {result.region_name for result in narrowed.results} == {"Bretagne"}
    assert narrowed.total == regions["Bretagne"]
    # The region facet is counted without its own filter: the other regions stay offered.
    assert counts(narrowed)["region"] == regions
    assert sum(counts(narrowed)["type"].values()) == narrowed.total
    for visitor_result in backend.search(request("brasseur")).results:
        assert visitor_result.title != "Contrat fournisseur confidentiel"
    member_titles = [r.title for r in backend.search(request("brasseur", audiences=EVERYONE)).results]
    assert "Contrat fournisseur confidentiel" in member_titles
    assert backend.known_values({"region": ["53", "99"]}, PUBLIC) == {"region": {"53": "Bretagne"}}


def test_any_passing_asks_the_filters_alone_for_the_audience(corpus, backend):
    backend.rebuild(all_documents())
    assert backend.any_passing({"region": ["53"], "type": ["cafe"]}, PUBLIC)
    assert not backend.any_passing({"region": ["53"], "type": ["page"]}, PUBLIC)  # pages have no region
    assert not backend.any_passing({"region": ["99"]}, EVERYONE)


def test_the_engine_runs_on_this_backend_too(corpus, backend):
    backend.rebuild(all_documents())
    outcome = run_search(AnonymousUser(), "épicerie", {"region": ["99"]}, "99999", backend=backend)
    assert outcome.num_pages == 1 and outcome.page == 1
    assert any("Région : 99" in message for message in outcome.messages)
    assert outcome.response.total >= 2


def test_signals_sync_save_and_delete(corpus, backend, monkeypatch, django_capture_on_commit_callbacks):
    from search import indexing

    backend.rebuild(all_documents())
    monkeypatch.setattr(indexing, "get_backend", lambda: backend)
    with django_capture_on_commit_callbacks(execute=True):
        corpus["compote"].title = "Compote de coings"
        corpus["compote"].save_revision().publish()
    assert "Compote de coings" in [r.title for r in backend.search(request("coings")).results]
    with django_capture_on_commit_callbacks(execute=True):
        corpus["compote"].unpublish()
    assert "Compote de coings" not in [r.title for r in backend.search(request("coings")).results]
    with django_capture_on_commit_callbacks(execute=True):
        corpus["tarte"].delete()
    assert backend.client.count(index="test-recherche")["count"] == 4


def test_suggestions_on_the_server(corpus, backend):
    backend.rebuild(all_documents())
    assert "Contrat fournisseur confidentiel" not in [s.text for s in backend.suggest("contrat", PUBLIC)]
    assert "Contrat fournisseur confidentiel" in [s.text for s in backend.suggest("contrat", EVERYONE)]
