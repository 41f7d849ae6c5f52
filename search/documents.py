"""The contract between the search's parts: what is indexed, what is asked, what comes back.

`DocumentData` is built from any registered object (search.registry) and stored by either backend
(search.database, search.elastic); a `SearchRequest` goes in, a `SearchResponse` comes out, whatever the
backend, so the view, the tests of behaviour and the relevance benchmark are shared.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from search import registry
from search.text import ParsedQuery


@dataclass
class DocumentData:
    kind: str
    object_id: str
    natural_key: str
    title: str
    body: str
    url: str
    visibility: str
    keywords: str = ""
    region_code: str = ""
    region_name: str = ""
    cafe_title: str = ""
    cafe_url: str = ""
    # facet key → [(value, label)], "type" and "region" included.
    facets: registry.FacetValues = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return f"{self.kind}-{self.object_id}"


def build(search_type: registry.SearchType, obj) -> DocumentData:
    """The indexed form of `obj`, as its type declares it."""
    region = search_type.region(obj)
    cafe = search_type.cafe(obj)
    facets: registry.FacetValues = {"type": [(search_type.key, search_type.label)]}
    if region is not None:
        facets["region"] = [(region.code, region.name)]
    for key, values in search_type.facets(obj).items():
        if key in registry.FACETS and values:
            facets[key] = list(values)
    title = search_type.title(obj)
    return DocumentData(
        kind=search_type.key,
        object_id=str(obj.pk),
        natural_key=search_type.natural_key(obj),
        title=title,
        body=search_type.text(obj),
        keywords=" · ".join(keyword for keyword in search_type.keywords(obj) if keyword),
        url=search_type.url(obj),
        visibility=search_type.audience(obj),
        region_code=region.code if region else "",
        region_name=region.name if region else "",
        cafe_title=cafe.title if cafe is not None else "",
        cafe_url=(cafe.url or "") if cafe is not None else "",
        facets=facets,
        suggestions=[title, *search_type.suggestions(obj)],
    )


def all_documents(batch_size: int = 500) -> Iterator[DocumentData]:
    """Every indexable object of every registered type (for a rebuild)."""
    for search_type in registry.types():
        for obj in search_type.queryset().iterator(chunk_size=batch_size):
            yield build(search_type, obj)


def count_all() -> int:
    return sum(search_type.queryset().count() for search_type in registry.types())


@dataclass
class SearchRequest:
    query: ParsedQuery
    # facet key → selected values (already checked against known values).
    filters: dict[str, list[str]]
    audiences: list[str]
    page: int = 1
    per_page: int = 10
    # Known by the caller: no document these audiences may see under these filters holds every word (a search
    # widened to some words after one for all of them found nothing), so a backend need not rank them apart.
    none_hold_every_word: bool = False


@dataclass
class Result:
    kind: str
    kind_label: str
    title: str
    url: str
    excerpt: str  # safe HTML: escaped text with <mark> around matched words
    region_name: str = ""
    cafe_title: str = ""
    cafe_url: str = ""
    natural_key: str = ""
    score: float = 0.0


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    key: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResponse:
    results: list[Result]
    total: int
    facets: list[Facet]
    # query word → the word searched instead (a one-letter typo).
    corrections: dict[str, str] = field(default_factory=dict)


@dataclass
class Suggestion:
    text: str
    url: str
    kind_label: str
