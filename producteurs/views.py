"""Views of the directory, routed by ProducerIndexPage and ProducerPage (RoutablePageMixin).

Thin: forms check the input, producteurs.finding builds the query, producteurs.services writes.
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from producteurs import services
from producteurs.finding import Criteria, find_producers
from producteurs.forms import ProducerSearchForm, ProposalForm, RecommendationForm, product_choices
from producteurs.models import ProducerIndexPage, ProducerPage, Product, member_cafe, offers_prefetch
from reseau import access
from reseau.models import Region

PER_PAGE = 24
MAX_MARKERS = 500


def producer_url(index: ProducerIndexPage, slug: str) -> str:
    """A producer's URL without loading the page (producers are children of the index)."""
    return f"{index.url}{slug}/"


def result_markers(index: ProducerIndexPage, producers) -> list[dict]:
    """Map markers for (at most MAX_MARKERS of) the results, from one values() query."""
    rows = producers.values(
        "title", "slug", "latitude", "longitude", "commune__name", "commune__department__code"
    )[:MAX_MARKERS]
    return [
        {
            "lat": row["latitude"],
            "lng": row["longitude"],
            "title": row["title"],
            "url": producer_url(index, row["slug"]),
            "subtitle": f"{row['commune__name']} ({row['commune__department__code']})",
        }
        for row in rows
    ]


def with_list_relations(producers):
    return producers.select_related("commune__department__region").prefetch_related(
        offers_prefetch(), "labels"
    )


def directory(request: HttpRequest, index: ProducerIndexPage) -> HttpResponse:
    """/producteurs/: filters (GET, so results can be bookmarked and work without JavaScript), list, map."""
    cafe = member_cafe(request.user)
    form = ProducerSearchForm(request.GET or None, month=timezone.localdate().month, user_cafe=cafe)
    searched = form.is_bound
    if searched and not form.is_valid():
        producers = ProducerPage.objects.none()
        criteria = None
    else:
        criteria = form.criteria() if searched else Criteria()
        producers = find_producers(criteria)
    page_obj = Paginator(with_list_relations(producers), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": index,
        "self": index,
        "form": form,
        "criteria": criteria,
        "results": page_obj,
        "markers": result_markers(index, producers) if criteria is not None else [],
        "querystring": query.urlencode(),
        "member_cafe": cafe,
        "has_distance": criteria is not None and criteria.origin is not None,
    }
    status = 400 if searched and not form.is_valid() else 200
    return TemplateResponse(request, "producteurs/producer_index_page.html", context, status=status)


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
