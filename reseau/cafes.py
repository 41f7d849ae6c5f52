"""The public list of cafés (/cafes/): filters, map markers and pagination in a fixed number of queries.

One query loads every matching café with its commune, department and region (the map needs them all),
one the departments that have cafés (the filter's choices), one the services, and one prefetches the services
of the cafés on the current page: the count does not grow with the network (tests/reseau/test_cafes.py).
"""

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest

from reseau.geography import Department
from reseau.maps import marker
from reseau.models import CafeIndexPage, CafePage, Service


class CafeFilterForm(forms.Form):
    """The GET form above the list; its choices are the regions and departments that have cafés."""

    region = forms.ChoiceField(label="Région", required=False)
    departement = forms.ChoiceField(label="Département", required=False)
    service = forms.ChoiceField(label="Service", required=False)

    def __init__(self, data, departments: list[Department], services: list[Service]):
        super().__init__(data)
        regions = sorted(
            {dep.region.code: dep.region.name for dep in departments}.items(), key=lambda r: r[1]
        )
        self.fields["region"].choices = [("", "Toutes les régions"), *regions]
        by_region: dict[str, list[tuple[str, str]]] = {}
        for dep in departments:
            by_region.setdefault(dep.region.name, []).append((dep.code, f"{dep.name} ({dep.code})"))
        self.fields["departement"].choices = [("", "Tous les départements"), *sorted(by_region.items())]
        self.fields["service"].choices = [
            ("", "Tous les services"),
            *((service.slug, service.name) for service in services if not service.is_base),
        ]

    def filter(self, cafes):
        """`cafes` narrowed to the chosen region, department and service (a bad value filters nothing)."""
        if not self.is_valid():
            return cafes
        data = self.cleaned_data
        if data["region"]:
            cafes = cafes.filter(commune__department__region__code=data["region"])
        if data["departement"]:
            cafes = cafes.filter(commune__department__code=data["departement"])
        if data["service"]:
            cafes = cafes.filter(services__slug=data["service"])
        return cafes

    @property
    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


def cafe_list_context(index: CafeIndexPage, request: HttpRequest) -> dict:
    """What cafe_index_page.html shows: the filter form, the page of cafés, the markers of all matches."""
    live = CafePage.objects.live().child_of(index)
    departments = list(
        Department.objects.filter(communes__cafes__in=live)
        .distinct()
        .select_related("region")
        .order_by("code")
    )
    services = list(Service.objects.all())
    form = CafeFilterForm(request.GET or None, departments, services)
    cafes = list(
        form.filter(live).select_related("commune__department__region").order_by("commune__name", "title")
    )
    page: PaginatorPage = Paginator(cafes, index.per_page).get_page(request.GET.get("page"))
    prefetch_related_objects(page.object_list, "services")
    return {
        "filter_form": form,
        "cafes": page.object_list,
        "cafes_page": page,
        "cafe_count": len(cafes),
        "base_services": [service for service in services if service.is_base],
        "cafe_markers": [
            marker(
                cafe.title,
                cafe.get_url(request),
                cafe.commune,
                f"{cafe.commune.name} ({cafe.commune.department.code})",
            )
            for cafe in cafes
        ],
    }
