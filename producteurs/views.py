"""Views of the directory, routed by ProducerIndexPage and ProducerPage (RoutablePageMixin).

Thin: forms check the input, producteurs.finding builds the query, producteurs.services writes.
"""

from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from typing import NamedTuple

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Page, Paginator
from django.db.models import BooleanField, F, QuerySet, Value
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import SafeString

from producteurs import services
from producteurs.finding import Criteria, find_producers, producers_found, search_terms
from producteurs.forms import ProducerSearchForm, ProposalForm, RecommendationForm, product_choices
from producteurs.models import (
    Label,
    ProducerIndexPage,
    ProducerPage,
    ProducerProduct,
    Product,
)
from reseau import access
from reseau.compiled import CompiledQuery
from reseau.held import Held
from reseau.models import CafePage, Region, member_cafe

PER_PAGE = 24
MAX_MARKERS = 500
KINDS = dict(ProducerPage.Kind.choices)
ROW_FIELDS = (
    "pk",
    "title",
    "slug",
    "kind",
    "latitude",
    "longitude",
    "commune__name",
    "commune__department__code",
    "commune__department__region__name",
)


class Row(NamedTuple):
    """A result as the search reads it (ROW_FIELDS, and the distance when there is an origin)."""

    pk: int
    title: str
    slug: str
    kind: str
    latitude: float
    longitude: float
    commune: str
    department: str
    region: str
    distance: float | None = None


def _result_rows(names: tuple[str, ...], *values: int | float | str) -> QuerySet:
    producers = producers_found(names, *values)
    return producers.values_list(*ROW_FIELDS, *(("distance",) if "phi" in names else ()))


# Compiled once per combination of filters: building and compiling the search cost more than running it.
RESULT_ROWS = CompiledQuery(_result_rows)


@dataclass
class Card:
    """One result as its card shows it, read from plain rows rather than by loading the pages."""

    title: str
    url: str
    kind: str
    commune: str
    department: str
    region: str
    distance: float | None
    products: list[str] = field(default_factory=list)
    labels: list[tuple[str, bool]] = field(default_factory=list)  # (name, organic)


def marker(index_url: str, row: Row) -> dict:
    """A map marker from a result row; the producer's URL is built without loading the page (producers are
    children of the index)."""
    return {
        "lat": row.latitude,
        "lng": row.longitude,
        "title": row.title,
        "url": f"{index_url}{row.slug}/",
        "subtitle": f"{row.commune} ({row.department})",
    }


def _card_details(count: int, *ids: int) -> QuerySet:
    """The products and the labels of the producers `ids`, as (is a label, producer, name, organic label),
    the products first, each kind by name."""
    flag = partial(Value, output_field=BooleanField())
    products = (
        ProducerProduct.objects.filter(page_id__in=ids)
        .order_by()
        .annotate(is_label=flag(False), organic=flag(False))
        .values_list("is_label", "page_id", "product__name", "organic")
    )
    labels = (
        Label.producers.through.objects.filter(producerpage_id__in=ids)
        .order_by()
        .annotate(is_label=flag(True), organic=F("label__is_organic"))
        .values_list("is_label", "producerpage_id", "label__name", "organic")
    )
    return products.union(labels, all=True).order_by("is_label", "product__name")


CARD_DETAILS = CompiledQuery(_card_details)  # compiled once per number of cards


def cards(index_url: str, rows: list[Row]) -> list[Card]:
    """Cards for one page of result rows, with their products and labels (one query)."""
    by_pk = {
        row.pk: Card(
            title=row.title,
            url=f"{index_url}{row.slug}/",
            kind=KINDS[row.kind],
            commune=row.commune,
            department=row.department,
            region=row.region,
            distance=row.distance,
        )
        for row in rows
    }
    if by_pk:
        for is_label, pk, name, organic in CARD_DETAILS.rows(len(by_pk), *by_pk):
            card = by_pk[pk]
            if is_label:
                card.labels.append((name, organic))
            else:
                card.products.append(name)
    return list(by_pk.values())


def results_and_markers(
    index: ProducerIndexPage, criteria: Criteria, page_number: str | None
) -> tuple[Page, list[dict]]:
    """The requested page of results (as cards) and the map markers, reading the search (and its distances)
    once: one compiled query fetches up to MAX_MARKERS + 1 rows in result order, which give the count, the
    markers and the page. Longer result lists (a directory without filters) add a COUNT, and a LIMIT/OFFSET
    query for pages beyond those rows."""
    names, values = search_terms(criteria)
    first = [Row(*row) for row in RESULT_ROWS.rows(names, *values, limit=MAX_MARKERS + 1)]
    if len(first) <= MAX_MARKERS:
        page = Paginator(first, PER_PAGE).get_page(page_number)
        page_rows = list(page.object_list)
    else:
        page = Paginator(_result_rows(names, *values), PER_PAGE).get_page(page_number)
        in_first = page.end_index() <= len(first)
        page_rows = (
            first[page.start_index() - 1 : page.end_index()]
            if in_first
            else [Row(*row) for row in page.object_list]
        )
    index_url = index.url
    page.object_list = cards(index_url, page_rows)
    return page, [marker(index_url, row) for row in first[:MAX_MARKERS]]


# The directory's filters and results by query: its own, and the first pages of the common searches.
DIRECTORIES = Held(size=128)


def directory(request: HttpRequest, index: ProducerIndexPage) -> HttpResponse:
    """/producteurs/: filters (GET, so results can be bookmarked and work without JavaScript), list, map.

    The filters and results are the same for everyone who sends the same query in the same month, but for
    the café "livre" delivers to when nobody is chosen (the member's own): they are kept in DIRECTORIES."""
    cafe = member_cafe(request.user)
    month = timezone.localdate().month
    delivery_cafe = cafe if "livre" in request.GET else None
    key = (
        index.pk,
        month,
        delivery_cafe.pk if delivery_cafe else None,
        tuple((name, tuple(values)) for name, values in request.GET.lists()),
    )
    html, status = DIRECTORIES.get(
        request, key, partial(directory_fragment, index, request.GET, month, delivery_cafe)
    )
    context = {"page": index, "self": index, "member_cafe": cafe, "directory": html}
    return TemplateResponse(request, "producteurs/producer_index_page.html", context, status=status)


def directory_fragment(
    index: ProducerIndexPage, query: QueryDict, month: int, delivery_cafe: CafePage | None
) -> tuple[SafeString, int]:
    """The directory's form and results for `query`, and the response's status (400 when the form is
    invalid). Rendered without the request, so that nothing of the viewer's but `delivery_cafe` is in it."""
    form = ProducerSearchForm(query or None, month=month, user_cafe=delivery_cafe)
    searched = form.is_bound
    criteria = None
    page_obj, markers = Paginator([], PER_PAGE).get_page(1), []
    if not searched or form.is_valid():
        criteria = form.criteria() if searched else Criteria()
        page_obj, markers = results_and_markers(index, criteria, query.get("page"))
    querystring = query.copy()
    querystring.pop("page", None)
    context = {
        "page": index,
        "form": form,
        "criteria": criteria,
        "results": page_obj,
        "markers": markers,
        "querystring": querystring.urlencode(),
        "has_distance": criteria is not None and criteria.origin is not None,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    html = render_to_string("producteurs/_directory.html", context)
    return html, 400 if criteria is None else 200


def other_regions(request: HttpRequest, index: ProducerIndexPage) -> HttpResponse:
    """/producteurs/autres-regions/?produit=…[&hors=<region code>]: where a product is made across France,
    grouped by region (with `hors`, the manager's own region is left out)."""
    slug = request.GET.get("produit", "").strip()
    product = Product.objects.filter(slug=slug).first() if slug else None
    excluded = Region.objects.filter(code=request.GET.get("hors", "")).first()
    context = {
        "page": index,
        "self": index,
        "product": product,
        "excluded_region": excluded,
        "product_choices": product_choices(families_selectable=True),
        "selected": slug,
        "error": "",
        "regions": [],
    }
    if not slug:
        context["error"] = "Choisissez un produit pour voir où il est produit en France."
    elif product is None:
        context["error"] = f"« {slug} » n'est pas dans la liste des produits : choisissez dans la liste."
    else:
        producers = find_producers(Criteria(product=product, exclude_region=excluded)).order_by(
            "commune__department__region__name", "commune__department__code", "title"
        )
        producers = producers.select_related("commune__department__region")
        context["regions"] = [
            (region, list(group))
            for region, group in groupby(producers, key=lambda producer: producer.commune.department.region)
        ]
    status = 400 if context["error"] and "produit" in request.GET else 200
    return TemplateResponse(request, "producteurs/other_regions.html", context, status=status)


def propose(request: HttpRequest, index: ProducerIndexPage) -> HttpResponse:
    """/producteurs/proposer/: members propose a producer; duplicates are refused with a link."""
    if not access.is_member(request.user):
        return redirect_to_login(request.get_full_path())
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        page = services.propose_producer(index, form.cleaned_data, request.user)
        messages.success(
            request,
            f"Merci ! « {page.title} » a été transmis à l'équipe du réseau, "
            "qui le publiera après vérification.",
        )
        return redirect(index.url)
    context = {"page": index, "self": index, "form": form}
    return TemplateResponse(
        request, "producteurs/propose.html", context, status=400 if form.is_bound else 200
    )


def recommend(request: HttpRequest, producer: ProducerPage) -> HttpResponse:
    """POST from a producer's page: the member's café buys here, with a recommendation."""
    cafe = member_cafe(request.user)
    if cafe is None:
        messages.error(request, "Seuls les gérant·e·s d'un café du réseau peuvent recommander un producteur.")
        return redirect(producer.url)
    form = RecommendationForm(request.POST)
    if form.is_valid():
        services.recommend(producer, cafe, request.user, form.cleaned_data["text"])
        messages.success(request, f"Votre recommandation pour {cafe.title} est publiée.")
        return redirect(producer.url + "#cafes-clients")
    context = producer.get_context(request, recommendation_form=form)
    return TemplateResponse(request, producer.get_template(request), context, status=400)
