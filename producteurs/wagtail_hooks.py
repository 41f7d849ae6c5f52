"""The producers' directory in the Wagtail admin (vocabularies as snippets) and on café pages."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from producteurs.finding import Criteria, find_producers
from producteurs.models import Label, ProducerIndexPage, Product, Recommendation, SalesMode
from reseau import page_cache
from reseau.models import CafePage
from reseau.templatetags.reseau_tags import PAGE_SECTIONS_HOOK

NEAR_CAFE_RADIUS_KM = 50
NEAR_CAFE_COUNT = 5


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    menu_label = "Produits"
    list_display = ["name", "parent", "slug"]
    list_filter = ["parent"]
    search_fields = ["name"]


class LabelViewSet(SnippetViewSet):
    model = Label
    icon = "pick"
    menu_label = "Labels"
    list_display = ["name", "is_organic"]


class SalesModeViewSet(SnippetViewSet):
    model = SalesMode
    icon = "list-ul"
    menu_label = "Modes de vente"


class RecommendationViewSet(SnippetViewSet):
    model = Recommendation
    icon = "openquote"
    menu_label = "Cafés clients"
    list_display = ["cafe", "producer", "updated_at"]


class ProducerVocabularies(SnippetViewSetGroup):
    items = (ProductViewSet, LabelViewSet, SalesModeViewSet, RecommendationViewSet)
    menu_icon = "site"
    menu_label = "Producteurs"
    menu_name = "producteurs"


register_snippet(ProducerVocabularies)


@hooks.register(PAGE_SECTIONS_HOOK)
def producers_near_cafe(request, page) -> tuple[str, dict] | None:
    """On a café's page: its nearest producers and the way into "producers near this café"."""
    if not isinstance(page, CafePage):
        return None
    index = page_cache.section(request, ProducerIndexPage)
    if index is None:
        return None
    commune = page.commune
    producers = find_producers(
        Criteria(origin=(commune.latitude, commune.longitude), radius_km=NEAR_CAFE_RADIUS_KM)
    ).select_related("commune")[:NEAR_CAFE_COUNT]
    return (
        "producteurs/cafe_section.html",
        {"cafe": page, "index": index, "producers": producers, "radius": NEAR_CAFE_RADIUS_KM},
    )
