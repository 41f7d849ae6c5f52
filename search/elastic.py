"""The Elasticsearch backend of the network-wide search (used when ELASTICSEARCH_URL is set).

Mappings and query bodies are written with elasticsearch-dsl and sent as plain bodies through the client's
`body=` calls, so the same code drives Elasticsearch 8 (elasticsearch-py, production) and, in the wiring
tests, an OpenSearch-compatible test server through opensearch-py. Wagtail's own Elasticsearch backend keeps
indexing pages for the admin (settings.WAGTAILSEARCH_BACKENDS); this index is the network's mixed one.

- French analyzer: elision (l', d', qu'…), lowercase, French stop words, ASCII folding, light French stemmer.
- Suggestions: an edge n-gram sub-field of the titles and declared suggestion texts.
- Facets: one `filter` aggregation per facet, holding every *other* selected filter, with a `terms`
  aggregation inside; the selection itself is a `post_filter`, so each facet's counts reflect the others.
- Visibility: every query filters on the audiences reseau.access gives the visitor (results, counts,
  highlights and suggestions alike).
- Zero-downtime rebuild: a new index `<alias>-<timestamp>` is filled, then the alias moves to it in one atomic
  `_aliases` call and the old indices are deleted.
"""

import html
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from elasticsearch_dsl import A, Index, Q, Search, analyzer, token_filter
from elasticsearch_dsl import Document as DslDocument
from elasticsearch_dsl.field import Keyword, Object, Text

from search import registry
from search.documents import (
    DocumentData,
    Facet,
    FacetValue,
    Result,
    SearchRequest,
    SearchResponse,
    Suggestion,
)
from search.text import ParsedQuery

BATCH = 500
LABEL_SEPARATOR = "|"

french_elision = token_filter(
    "french_elision",
    type="elision",
    articles_case=True,
    articles=["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"],
)
french_stop = token_filter("french_stop", type="stop", stopwords="_french_")
french_stemmer = token_filter("french_light_stemmer", type="stemmer", language="light_french")
french = analyzer(
    "french_folded",
    tokenizer="standard",
    filter=[french_elision, "lowercase", french_stop, "asciifolding", french_stemmer],
)
edge_ngrams = token_filter("autocomplete_edge", type="edge_ngram", min_gram=2, max_gram=20)
autocomplete = analyzer(
    "autocomplete", tokenizer="standard", filter=["lowercase", "asciifolding", edge_ngrams]
)
autocomplete_search = analyzer(
    "autocomplete_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
)


class NetworkDocument(DslDocument):
    """One indexed item of any registered type (the Elasticsearch form of search.documents.DocumentData)."""

    kind = Keyword()
    object_id = Keyword()
    natural_key = Keyword()
    # title.words keeps stop words, for a query made only of them ("qui sommes-nous").
    title = Text(analyzer=french, fields={"raw": Keyword(), "words": Text(analyzer=autocomplete_search)})
    keywords = Text(analyzer=french)
    body = Text(analyzer=french)
    url = Keyword(index=False)
    visibility = Keyword()
    region_code = Keyword()
    region_name = Keyword(index=False)
    cafe_title = Keyword(index=False)
    cafe_url = Keyword(index=False)
    # facet key → values (filters) and "value|label" (aggregations, so a bucket carries its label).
    facets = Object(properties={key: Keyword() for key in registry.FACETS})
    facet_labels = Object(properties={key: Keyword() for key in registry.FACETS})
    suggestions = Text(analyzer=autocomplete, search_analyzer=autocomplete_search, fields={"raw": Keyword()})


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, max_ngram_diff=20)
    index.document(NetworkDocument)
    return index


def index_body(name: str = "reseau-recherche") -> dict:
    """Settings (analysis) and mappings of a new index, as sent to the server."""
    return index_definition(name).to_dict()


def document_source(document: DocumentData) -> dict:
    return {
        "kind": document.kind,
        "object_id": document.object_id,
        "natural_key": document.natural_key,
        "title": document.title,
        "keywords": document.keywords,
        "body": document.body,
        "url": document.url,
        "visibility": document.visibility,
        "region_code": document.region_code,
        "region_name": document.region_name,
        "cafe_title": document.cafe_title,
        "cafe_url": document.cafe_url,
        "facets": {key: [value for value, _ in values] for key, values in document.facets.items()},
        "facet_labels": {
            key: [f"{value}{LABEL_SEPARATOR}{label}" for value, label in values]
            for key, values in document.facets.items()
        },
        "suggestions": list(dict.fromkeys(document.suggestions)),
    }


def _facet_filter(filters: dict[str, list[str]], skip: str | None = None) -> list[Q]:
    return [
        Q("terms", **{f"facets.{key}": values}) for key, values in filters.items() if key != skip and values
    ]


# Title ≫ keywords ≫ text, as the database backend weighs them.
TEXT_FIELDS = ["title^10", "keywords^4", "body"]


def _text_query(query: ParsedQuery) -> list[Q]:
    if query.is_only_stop_words:
        return [Q("match_phrase", **{"title.words": " ".join(query.title_words)})]
    clauses = [
        Q("multi_match", query=term, fields=TEXT_FIELDS, fuzziness="AUTO", prefix_length=1)
        for term in query.terms
    ]
    clauses += [
        Q("multi_match", query=" ".join(phrase), type="phrase", fields=TEXT_FIELDS)
        for phrase in query.phrases
    ]
    return clauses


def build_search(request: SearchRequest) -> Search:
    """The whole search body: text, visibility, facet post-filter and aggregations, highlight, page."""
    text = _text_query(request.query)
    visibility = [Q("terms", visibility=request.audiences)]
    if request.query.match_any:
        search = Search().query(Q("bool", should=text, minimum_should_match=1, filter=visibility))
    else:
        search = Search().query(Q("bool", must=text, filter=visibility))
    selected = _facet_filter(request.filters)
    if selected:
        search = search.post_filter(Q("bool", filter=selected))
    for key in registry.FACETS:
        others = _facet_filter(request.filters, skip=key)
        facet_agg = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        facet_agg.bucket("values", A("terms", field=f"facet_labels.{key}", size=50))
        search.aggs.bucket(key, facet_agg)
    search = search.highlight_options(
        pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html", fragment_size=240, number_of_fragments=1
    ).highlight("body", no_match_size=240)
    search = search.extra(track_total_hits=True)
    start = (request.page - 1) * request.per_page
    return search[start : start + request.per_page]


def build_suggest(text: str, audiences: list[str], limit: int) -> Search:
    search = Search().query(
        Q(
            "bool",
            must=[Q("match", suggestions={"query": text, "operator": "and"})],
            filter=[Q("terms", visibility=audiences)],
        )
    )
    return search.source(["title", "url", "kind"])[:limit]


def build_known_values(filters: dict[str, list[str]], audiences: list[str]) -> Search:
    search = Search().query(Q("bool", filter=[Q("terms", visibility=audiences)])).extra(size=0)
    for key, values in filters.items():
        agg = A("filter", Q("terms", **{f"facets.{key}": values}))
        agg.bucket("values", A("terms", field=f"facet_labels.{key}", size=100))
        search.aggs.bucket(key, agg)
    return search


def _status(error: Exception) -> int | None:
    return getattr(error, "status_code", None) or getattr(getattr(error, "meta", None), "status", None)


class ElasticBackend:
    name = "elasticsearch"

    def __init__(self, client, alias: str, refresh: bool | str = False):
        self.client = client
        self.alias = alias
        self.refresh = refresh

    @classmethod
    def from_settings(cls) -> "ElasticBackend":
        from elasticsearch import Elasticsearch

        client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=10)
        # A write returns once searchable: a search answered (and cached, search.engine) after it sees it.
        return cls(client, alias=f"{settings.ELASTICSEARCH_INDEX}-recherche", refresh="wait_for")

    # ----- index management -----

    def _indices_behind_alias(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except Exception as error:
            if _status(error) == 404:
                return []
            raise

    def _create_index(self) -> str:
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.perf_counter_ns() % 1_000_000:06d}"
        self.client.indices.create(index=name, body=index_body(name))
        return name

    def ensure_index(self) -> None:
        """Create the first index and its alias when there is none (before the first write)."""
        if not self._indices_behind_alias():
            name = self._create_index()
            self.client.indices.update_aliases(
                body={"actions": [{"add": {"index": name, "alias": self.alias}}]}
            )

    def _bulk(self, actions: list[dict], refresh) -> None:
        if not actions:
            return
        response = self.client.bulk(body=actions, refresh=refresh)
        if response.get("errors"):
            failed = [
                item
                for item in response["items"]
                for outcome in item.values()
                if outcome.get("status", 200) >= 300 and outcome.get("status") != 404
            ]
            if failed:
                raise RuntimeError(f"Indexation Elasticsearch refusée : {failed[:3]}")

    @staticmethod
    def _index_actions(index: str, documents: Iterable[DocumentData]) -> list[dict]:
        actions: list[dict] = []
        for document in documents:
            actions.append({"index": {"_index": index, "_id": document.doc_id}})
            actions.append(document_source(document))
        return actions

    def index(self, documents: Iterable[DocumentData]) -> int:
        documents = list(documents)
        self.ensure_index()
        self._bulk(self._index_actions(self.alias, documents), self.refresh)
        return len(documents)

    def delete(self, kind: str, object_ids: list[str]) -> None:
        if not self._indices_behind_alias():
            return
        actions = [
            {"delete": {"_index": self.alias, "_id": f"{kind}-{object_id}"}} for object_id in object_ids
        ]
        self._bulk(actions, self.refresh)

    def rebuild(
        self, documents: Iterable[DocumentData], progress: Callable[[int], None] | None = None
    ) -> int:
        """Fill a new index, then switch the alias atomically: searches never see a half-built index."""
        old = self._indices_behind_alias()
        new = self._create_index()
        total = 0
        batch: list[DocumentData] = []
        try:
            for document in documents:
                batch.append(document)
                if len(batch) >= BATCH:
                    self._bulk(self._index_actions(new, batch), False)
                    total += len(batch)
                    batch = []
                    if progress:
                        progress(total)
            self._bulk(self._index_actions(new, batch), False)
            total += len(batch)
            self.client.indices.refresh(index=new)
        except Exception:
            self.client.indices.delete(index=new)
            raise
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": actions})
        for name in old:
            self.client.indices.delete(index=name)
        if progress:
            progress(total)
        return total

    # ----- searching -----

    def _search(self, search: Search) -> dict:
        try:
            return self.client.search(index=self.alias, body=search.to_dict())
        except Exception as error:
            if _status(error) == 404:  # nothing indexed yet
                return {"hits": {"hits": [], "total": {"value": 0}}, "aggregations": {}}
            raise

    def known_values(self, filters: dict[str, list[str]], audiences: list[str]) -> dict[str, dict[str, str]]:
        response = self._search(build_known_values(filters, audiences))
        known: dict[str, dict[str, str]] = {}
        for key, values in filters.items():
            buckets = response.get("aggregations", {}).get(key, {}).get("values", {}).get("buckets", [])
            for bucket in buckets:
                value, _, label = bucket["key"].partition(LABEL_SEPARATOR)
                if value in values:
                    known.setdefault(key, {})[value] = label
        return known

    def any_passing(self, filters: dict[str, list[str]], audiences: list[str]) -> bool:
        """Whether any document `audiences` may see passes every selected filter, whatever its words."""
        visible = [Q("terms", visibility=audiences), *_facet_filter(filters)]
        response = self._search(Search().query(Q("bool", filter=visible)).extra(size=0, track_total_hits=1))
        total = response["hits"]["total"]
        return (total["value"] if isinstance(total, dict) else int(total)) > 0

    def search(self, request: SearchRequest) -> SearchResponse:
        response = self._search(build_search(request))
        labels = registry.labels()
        results = []
        for hit in response["hits"]["hits"]:
            source = hit["_source"]
            fragments = hit.get("highlight", {}).get("body") or [html.escape(source.get("body", "")[:240])]
            results.append(
                Result(
                    kind=source["kind"],
                    kind_label=labels.get(source["kind"], source["kind"]),
                    title=source["title"],
                    url=source.get("url", ""),
                    excerpt=fragments[0],
                    region_name=source.get("region_name", ""),
                    cafe_title=source.get("cafe_title", "")
                    if source.get("cafe_title") != source["title"]
                    else "",
                    cafe_url=source.get("cafe_url", ""),
                    natural_key=source.get("natural_key", ""),
                    score=hit.get("_score") or 0.0,
                )
            )
        facets = []
        for key, label in registry.FACETS.items():
            selected = set(request.filters.get(key, []))
            buckets = response.get("aggregations", {}).get(key, {}).get("values", {}).get("buckets", [])
            values = []
            for bucket in buckets:
                value, _, value_label = bucket["key"].partition(LABEL_SEPARATOR)
                values.append(FacetValue(value, value_label, bucket["doc_count"], value in selected))
            values.sort(key=lambda v: (-v.count, v.label))
            if values:
                facets.append(Facet(key=key, label=label, values=values))
        total = response["hits"]["total"]
        return SearchResponse(
            results=results, total=total["value"] if isinstance(total, dict) else int(total), facets=facets
        )

    def suggest(self, text: str, audiences: list[str], limit: int = 8) -> list[Suggestion]:
        response = self._search(build_suggest(text, audiences, limit))
        labels = registry.labels()
        return [
            Suggestion(
                text=hit["_source"]["title"],
                url=hit["_source"].get("url", ""),
                kind_label=labels.get(hit["_source"]["kind"], hit["_source"]["kind"]),
            )
            for hit in response["hits"]["hits"]
        ]
