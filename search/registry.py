"""What the network-wide search indexes: one declaration per content type.

Adding a content type is a few declarative lines in that app's `search.py` or here (see `register`):

    register(SearchType(
        key="recette", label="Recette", model=RecipePage,
        queryset=lambda: RecipePage.objects.live().public().select_related("cafe__commune"),
        text=lambda recipe: f"{recipe.intro} {plain(recipe.body)}",
        cafe=lambda recipe: recipe.cafe,
        facets=lambda recipe: {"saison": [(s.slug, s.name) for s in recipe.seasons.all()]},
    ))

Everything else (tables or Elasticsearch documents, sync by signals, facets, suggestions, visibility through
reseau.access) follows from the declaration. The search never imports an app's internals beyond this.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet

from reseau import access
from reseau.geography import Region
from search.text import plain

# The facets offered on the results page, in display order: key (in URLs) → label. "type" and "region" come
# from every document; the others from the types that declare them (recipes' season and diet, producers'
# labels, tags…). A facet no type provides yet simply shows no value.
FACETS: dict[str, str] = {
    "type": "Type de contenu",
    "region": "Région",
    "saison": "Saison",
    "regime": "Régime alimentaire",
    "label": "Label",
    "tag": "Mots-clés",
}

FacetValues = dict[str, list[tuple[str, str]]]


def _no_facets(obj: Any) -> FacetValues:
    return {}


def _none(obj: Any) -> None:
    return None


def _nothing(obj: Any) -> list[str]:
    return []


@dataclass(frozen=True)
class SearchType:
    """How one model is indexed by the network-wide search.

    - `key` names the type in URLs and in the index ("cafe"); `label` is what visitors read ("Café").
    - `queryset()` returns every object that may be indexed (live, published), with its relations selected;
      an object saved outside it (a page unpublished, a draft) is removed from the index.
    - `title`, `text` (plain text, searched), `url` describe the document; `cafe` and `region` place it.
    - `keywords(obj)` are the short names that say what it is, ranked between the title and the text: a
      café's services and village, a recipe's ingredients and tags, a producer's products and labels…
    - `facets(obj)` gives {facet key: [(value, label), …]} for the keys of FACETS (besides type and region).
    - `suggestions(obj)` adds autocomplete entries besides the title (a producer's products…).
    - `audience(obj)` is who may see it, always decided by reseau.access.
    - `natural_key(obj)` names the document in the labelled relevance query set (benchmarks/).
    - `depends_on` lists the other models whose changes alter this type's documents, each with a function
      giving the ids of the objects to reindex: a forum post → its thread, a label renamed → its producers,
      a café renamed or unpublished → its events. search.indexing reindexes them after the commit.
    """

    key: str
    label: str
    model: type[Model]
    queryset: Callable[[], QuerySet]
    text: Callable[[Any], str]
    keywords: Callable[[Any], list[str]] = _nothing
    title: Callable[[Any], str] = lambda obj: obj.title
    url: Callable[[Any], str] = lambda obj: obj.url or ""
    cafe: Callable[[Any], Any] = _none
    region: Callable[[Any], Region | None] = _none
    facets: Callable[[Any], FacetValues] = _no_facets
    suggestions: Callable[[Any], list[str]] = _nothing
    audience: Callable[[Any], str] = access.audience
    natural_key: Callable[[Any], str] = lambda obj: obj.slug
    depends_on: tuple["Dependency", ...] = ()
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Dependency:
    """A change of a `model` instance alters the documents of the objects whose ids `affected(instance)`
    returns (ids of the declaring type's model; ids no longer in its queryset are removed from the index)."""

    model: type[Model]
    affected: Callable[[Any], Iterable[Any]]
    # Checked when an instance is saved, before anything is scheduled: False when this change cannot alter
    # the documents (a forum reply, when a thread is indexed with its first post only).
    matters: Callable[[Any], bool] = lambda instance: True


_types: dict[str, SearchType] = {}


def register(search_type: SearchType) -> SearchType:
    """Declare a content type to the search (called at import time by each app's declaration)."""
    _types[search_type.key] = search_type
    return search_type


def types() -> Iterable[SearchType]:
    return _types.values()


def get(key: str) -> SearchType | None:
    return _types.get(key)


def for_model(model: type[Model]) -> SearchType | None:
    """The declaration that indexes `model` (or one of its parents, for Wagtail's specific pages)."""
    for search_type in _types.values():
        if issubclass(model, search_type.model):
            return search_type
    return None


def dependents(model: type[Model]) -> list[tuple[SearchType, Dependency]]:
    """The declarations whose documents depend on instances of `model` (besides its own type's)."""
    return [
        (search_type, dependency)
        for search_type in _types.values()
        for dependency in search_type.depends_on
        if issubclass(model, dependency.model)
    ]


def labels() -> dict[str, str]:
    return {search_type.key: search_type.label for search_type in _types.values()}


def region_of_cafe(cafe) -> Region | None:
    return cafe.commune.department.region if cafe is not None else None


def place_names(commune) -> list[str]:
    """A commune, its department and its region, as searched ("Beaulon", "Allier", "Auvergne-Rhône-Alpes")."""
    department = commune.department
    return [commune.name, department.name, department.region.name]


def _cafe_text(cafe) -> str:
    return " ".join([plain(cafe.description), cafe.address, cafe.opening_hours, cafe.get_status_display()])


def register_network_types() -> None:
    """The types of reseau's pages: cafés and content pages (village stories: search.content_types)."""
    from reseau.models import CafePage, ContentPage

    register(
        SearchType(
            key="cafe",
            label="Café",
            model=CafePage,
            queryset=lambda: (
                CafePage.objects.live()
                .public()
                .select_related("commune__department__region")
                .prefetch_related("services")
            ),
            text=_cafe_text,
            keywords=lambda cafe: [
                *(service.name for service in cafe.services.all()),
                *place_names(cafe.commune),
            ],
            cafe=lambda cafe: cafe,
            region=region_of_cafe,
            suggestions=lambda cafe: [cafe.commune.name],
        )
    )
    register(
        SearchType(
            key="page",
            label="Page",
            model=ContentPage,
            queryset=lambda: ContentPage.objects.live().public(),
            text=lambda page: f"{page.intro} {plain(page.body)}",
        )
    )
